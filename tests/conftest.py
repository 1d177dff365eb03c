"""Shared fixtures: paths to the contract file and samples, and generated families."""

from __future__ import annotations

import importlib.util
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
CONTRACT = ROOT.parent / "shared" / "design" / "example-family.yaml"
SAMPLES = ROOT / "samples"


#: Debian's Chromium, which .ci/run installs; browser tests skip without it (tests/README.md).
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium is not installed (.ci/run installs it)")
#: Flags for a closed network: without the background-networking ones Chromium keeps trying to reach its own hosts.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@dataclass(slots=True)
class BrowserPage:
    """A page in headless Chromium, with the console errors and warnings and the requests it made."""

    page: Any
    console: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    @property
    def outside_requests(self) -> list[str]:
        return [u for u in self.requests if not u.startswith(("file:", "data:"))]


@contextmanager
def browser_page(bypass_csp: bool = False) -> Iterator[BrowserPage]:
    """One page in a fresh headless Chromium, recording what the page said and asked for."""
    from playwright import sync_api

    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(bypass_csp=bypass_csp)
        seen = BrowserPage(page)
        page.on("console", lambda m: seen.console.append(f"{m.type}: {m.text}") if m.type in ("error", "warning") else None)
        page.on("pageerror", lambda e: seen.console.append(str(e)))
        page.on("request", lambda r: seen.requests.append(r.url))
        try:
            yield seen
        finally:
            browser.close()


@pytest.fixture(scope="session")
def contract_file() -> Path:
    """The format contract; falls back to the bundled copy when ../shared is absent (CI checkout)."""
    return CONTRACT if CONTRACT.exists() else SAMPLES / "carter.yaml"


class HtmlParts(HTMLParser):
    """An HTML document's start tags (with their attributes) and text, as a browser would see them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse_html(html: str) -> HtmlParts:
    """Parse a whole HTML document."""
    parser = HtmlParts()
    parser.feed(html)
    parser.close()
    return parser


def sample_files() -> list[Path]:
    return sorted(p for p in SAMPLES.glob("*.yaml") if not p.name.endswith(".session.yaml"))


@cache
def bench_families() -> ModuleType:
    """``bench/families.py``, the seeded family generator (a script, not a package)."""
    spec = importlib.util.spec_from_file_location("bench_families", ROOT / "bench" / "families.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def generated_family(people: int, seed: int) -> Any:
    """A generated family of ``people`` people, loaded through the real loader."""
    from genogram.io.family import loads_family

    return loads_family(bench_families().generate(people, seed), f"generated-{people}-{seed}.yaml").family


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


#: Skips a machine may need (a program it lacks); each is documented in tests/README.md.
#: Under CI (CI=true), where .ci/run installs everything, any skip fails the run.
def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: pytest.Config) -> None:
    import os

    skipped = terminalreporter.stats.get("skipped", [])
    if os.environ.get("CI") and skipped:
        terminalreporter.write_line(f"CI: {len(skipped)} test(s) skipped; CI installs everything, so none may skip", red=True)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    import os

    if os.environ.get("CI"):
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        if reporter is not None and reporter.stats.get("skipped") and session.exitstatus == 0:
            session.exitstatus = 1
