"""The genogram said in words, and an HTML pack that assistive technology can use.

axe-core (bundled under tests/axe, MPL-2.0) runs inside headless Chromium on
real packs; serious and critical violations fail the test.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from genogram.cli.main import cli
from tests.conftest import browser_page, needs_chromium

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
AXE = Path(__file__).resolve().parent / "axe" / "axe.min.js"
SVG = "{http://www.w3.org/2000/svg}"


def describe(path: Path, *args: str) -> str:
    result = CliRunner().invoke(cli, ["describe", str(path), *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_describe_carter_reads_in_order() -> None:
    text = describe(SAMPLES / "carter.yaml")
    # Who the child lives with, then parents, siblings, grandparents, relationships, what is not known.
    order = [
        "The genogram is about Jayden Carter (aged 13)",
        "Jayden lives with Maureen Carter (aged 64): Kinship placement with maternal grandmother (a kinship placement since 2025-09-01).",
        "Jayden's mother is Sarah Carter (aged 35), who lives in Sarah and Sam's flat.",
        "Jayden's father is not known.",
        "Half-brothers and half-sisters (sharing one parent): Mia Brown (aged 10)",
        "Sarah's father is Frank Carter (died in 2019-02) and mother is Maureen Carter (aged 64).",
        "Jayden and Sarah are in conflict (source: Jayden, direct work 2026-10-21).",
        "Lee is recorded as abusive towards Sarah.",
        "Not known (1): Jayden's father's identity and details.",
        "Plan: Ask Maureen at the next visit; revisit with Sarah in direct work.",
        "Owner: Allocated social worker. Due 2026-12-15.",
    ]
    positions = [text.find(s) for s in order]
    assert -1 not in positions, [s for s, p in zip(order, positions) if p == -1]
    assert positions == sorted(positions)
    # Sam is non-binary: never called a mother or father.
    assert "Sarah also has a relationship with Sam Okoro (aged 33); they live together." in text


def test_describe_says_only_what_the_file_says() -> None:
    text = describe(SAMPLES / "patel-single-parent.yaml")
    assert "Only one parent of Arjun is recorded." in text
    assert "Nothing is recorded as not known." in text
    redacted = describe(SAMPLES / "carter.yaml", "--redact")
    assert "Jayden" not in redacted and "Sarah" not in redacted and "Maureen" not in redacted


@pytest.mark.parametrize("sample", sorted(p for p in SAMPLES.glob("*.yaml") if not p.name.endswith(".session.yaml")), ids=lambda p: p.stem)
def test_svg_has_the_narrative_and_a_titled_group_per_person(sample: Path, tmp_path: Path) -> None:
    out = tmp_path / "g.svg"
    assert CliRunner().invoke(cli, ["render", str(sample), "-o", str(out)]).exit_code == 0
    root = ET.parse(out).getroot()
    desc = root.find(f"{SVG}desc")
    assert desc is not None and desc.text
    assert describe(sample).strip() in desc.text
    people = [g for g in root.iter(f"{SVG}g") if (g.get("class") or "").startswith("person")]
    assert people and all(g.find(f"{SVG}title") is not None and g.find(f"{SVG}title").text for g in people)  # type: ignore[union-attr]


def test_svg_description_follows_the_names_shown(tmp_path: Path) -> None:
    out = tmp_path / "g.svg"
    CliRunner().invoke(cli, ["render", str(SAMPLES / "carter.yaml"), "-o", str(out), "--names", "initials"])
    desc = ET.parse(out).getroot().find(f"{SVG}desc")
    assert desc is not None and desc.text and "J.C." in desc.text
    assert "Jayden Carter" not in desc.text


@needs_chromium
@pytest.mark.parametrize("session", sorted(SAMPLES.glob("*.session.yaml")), ids=lambda p: p.stem)
def test_html_pack_passes_axe(session: Path, tmp_path: Path) -> None:
    page_file = tmp_path / "pack.html"
    result = CliRunner().invoke(cli, ["pack", str(session), "-o", str(page_file)])
    assert result.exit_code == 0, result.output
    html = page_file.read_text(encoding="utf-8")
    assert "The genogram in words" in html
    with browser_page(bypass_csp=True) as seen:  # the pack's CSP forbids scripts; axe is the test's own
        seen.page.goto(page_file.as_uri())
        seen.page.add_script_tag(path=str(AXE))
        report = seen.page.evaluate("async () => JSON.stringify(await axe.run(document, {resultTypes: ['violations']}))")
    violations = json.loads(report)["violations"]
    serious = [(v["id"], v["impact"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in violations if v["impact"] in ("serious", "critical")]
    assert serious == []


@pytest.mark.parametrize("sample", ["carter.yaml", "campbell-four-generations.yaml", "rahman-many-scripts.yaml"])
def test_drawing_uses_greys_only(sample: str, tmp_path: Path) -> None:
    """Colour never carries meaning: every fill and stroke is a grey, so greyscale print and colour-vision differences lose nothing."""
    import re

    out = tmp_path / "g.svg"
    assert CliRunner().invoke(cli, ["render", str(SAMPLES / sample), "-o", str(out)]).exit_code == 0
    colours = set(re.findall(r'(?:fill|stroke)="(#[0-9a-fA-F]{6})"', out.read_text(encoding="utf-8")))
    assert colours
    assert all(c[1:3] == c[3:5] == c[5:7] for c in colours), colours
