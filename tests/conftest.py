"""Shared fixtures: paths to the contract file and samples."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CONTRACT = ROOT.parent / "shared" / "design" / "example-family.yaml"
SAMPLES = ROOT / "samples"


@pytest.fixture(scope="session")
def contract_file() -> Path:
    """The format contract; falls back to the bundled copy when ../shared is absent (CI checkout)."""
    return CONTRACT if CONTRACT.exists() else SAMPLES / "carter.yaml"


def sample_files() -> list[Path]:
    return sorted(p for p in SAMPLES.glob("*.yaml") if not p.name.endswith(".session.yaml"))


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Family data never leaves the machine: any network connection in a test fails it."""
    import socket

    real_connect = socket.socket.connect

    def guarded(self: socket.socket, address: object) -> object:
        if self.family in (socket.AF_INET, socket.AF_INET6):
            raise AssertionError("a test tried to open a network connection")
        return real_connect(self, address)  # type: ignore[arg-type]

    monkeypatch.setattr(socket.socket, "connect", guarded)
