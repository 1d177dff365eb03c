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
