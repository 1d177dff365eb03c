"""Session packs: real HTML and PDF out of the sample sessions, parsed and checked."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from genogram.cli.main import cli
from genogram.io.family import load_family
from tests.conftest import SAMPLES, parse_html

FIRST = SAMPLES / "carter-2026-10.session.yaml"
FOLLOW_UP = SAMPLES / "carter-2026-11.session.yaml"


def pack(tmp_path: Path, session: Path, suffix: str, *extra: str) -> Path:
    out = tmp_path / f"pack.{suffix}"
    result = CliRunner().invoke(cli, ["pack", str(session), "-o", str(out), *extra])
    assert result.exit_code == 0, result.output
    return out


def identifying(family_file: Path) -> list[str]:
    """Every name (and name part) and every date of birth in a family."""
    family = load_family(family_file).family
    found: set[str] = set()
    for person in family.people:
        if person.name:
            found.add(person.name)
            found |= {part for part in person.name.split() if len(part) > 2}
        if person.born and person.born.day:
            found.add(str(person.born))
    return sorted(found)


def test_html_pack_is_self_contained_and_complete(tmp_path: Path) -> None:
    html = pack(tmp_path, FIRST, "html").read_text(encoding="utf-8")
    doc = parse_html(html)
    metas = {a.get("http-equiv") or a.get("name"): a.get("content") for t, a in doc.tags if t == "meta"}
    assert "default-src 'none'" in (metas["Content-Security-Policy"] or "")
    assert metas["generator"] == "genogram"
    assert not [t for t, _ in doc.tags if t in ("script", "iframe", "object", "embed", "link")]
    for _, attrs in doc.tags:
        for key in ("src", "href"):
            value = attrs.get(key) or ""
            assert not re.match(r"(https?:)?//", value), value
    text = " ".join(doc.text)
    for heading in ("Genogram", "Ecomap", "What we do not know yet", "Checks before the discussion", "Hypotheses", "Plan: who does what by when", "The policy's prompts"):
        assert heading in text
    assert "Jayden's father's identity and details" in text  # the register
    assert "Not yet answered" in text  # the first session has not asked the child yet
    assert html.count("<svg") >= 2  # genogram and ecomap inline


def test_follow_up_shows_what_changed_and_is_redacted_for_group_supervision(tmp_path: Path) -> None:
    html = pack(tmp_path, FOLLOW_UP, "html").read_text(encoding="utf-8")
    text = " ".join(parse_html(html).text)
    assert "Since the last discussion (2026-10-14)" in text
    assert "open → supported" in text
    assert "not done" in text  # the action about Jayden's father was not done by its date
    assert "Redacted" in text
    for word in identifying(SAMPLES / "carter.yaml"):
        assert word not in html, word


def test_pdf_pack_text_metadata_and_determinism(tmp_path: Path) -> None:
    import pypdf
    first = pack(tmp_path, FIRST, "pdf", "--no-redact").read_bytes()
    second_dir = tmp_path / "again"
    second_dir.mkdir()
    second = pack(second_dir, FIRST, "pdf", "--no-redact").read_bytes()
    assert first == second
    reader = pypdf.PdfReader(io.BytesIO(first))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "What we do not know yet" in text and "Hypotheses" in text
    assert "Jayden" in text  # not redacted


def test_redacted_pdf_leaks_no_name_in_text_or_metadata(tmp_path: Path) -> None:
    import pypdf
    data = pack(tmp_path, FOLLOW_UP, "pdf").read_bytes()
    reader = pypdf.PdfReader(io.BytesIO(data))
    text = "\n".join(page.extract_text() for page in reader.pages)
    metadata = " ".join(str(v) for v in (reader.metadata or {}).values())
    xmp = data[data.find(b"<x:xmpmeta") : data.find(b"</x:xmpmeta>")].decode("utf-8", "replace")
    for word in identifying(SAMPLES / "carter.yaml"):
        assert word not in text, word
        assert word not in metadata and word not in xmp, word


def test_hostile_text_is_shown_literally(tmp_path: Path) -> None:
    family = tmp_path / "family.yaml"
    family.write_text(
        "title: '</script><script>alert(1)</script> #set page(width: 1cm) *x*'\n"
        "index: a\npeople:\n  - id: a\n    name: '<b>Bold</b> & \"quote\"'\n    born: 2015\n",
        encoding="utf-8",
    )
    session = tmp_path / "s.session.yaml"
    session.write_text("session: 1\nfamily: family.yaml\ndate: 2026-11-01\nreason: '<img src=x onerror=alert(1)>'\n", encoding="utf-8")
    html = pack(tmp_path, session, "html").read_text(encoding="utf-8")
    assert "<script>" not in html and "<img src=x" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "&lt;/script&gt;" in html
    import pypdf
    pdf = pack(tmp_path, session, "pdf").read_bytes()
    text = "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    assert "#set page(width: 1cm)" in text


def test_missing_family_is_a_located_error(tmp_path: Path) -> None:
    session = tmp_path / "s.session.yaml"
    session.write_text("session: 1\nfamily: nope.yaml\ndate: 2026-11-01\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["pack", str(session), "-o", str(tmp_path / "p.html")])
    assert result.exit_code == 2
    assert f"{session}:2:9:" in result.stderr
    assert not (tmp_path / "p.html").exists()


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(_chromium() is None, reason="headless Chromium is not installed (.ci/run installs it)")
def test_html_pack_in_headless_chromium(tmp_path: Path) -> None:
    """Opens the pack in a real browser: no console errors, no network requests, prints to PDF."""
    from playwright import sync_api
    page_file = pack(tmp_path, FIRST, "html")
    console: list[str] = []
    requests: list[str] = []
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=_chromium(),
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        )
        page = browser.new_page()
        page.on("console", lambda m: console.append(f"{m.type}: {m.text}") if m.type in ("error", "warning") else None)
        page.on("pageerror", lambda e: console.append(str(e)))
        page.on("request", lambda r: requests.append(r.url))
        page.goto(page_file.as_uri())
        assert page.locator("svg").count() >= 2
        assert page.locator("h2", has_text="Hypotheses").is_visible()
        pdf = page.pdf(format="A4", print_background=True)
        browser.close()
    assert console == []
    assert [u for u in requests if not u.startswith(("file:", "data:"))] == []
    assert pdf.startswith(b"%PDF")
