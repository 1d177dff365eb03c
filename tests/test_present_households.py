"""The genogram draws the present: current boundaries only (unless --history), none round a non-member."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from genogram.cli.main import cli
from genogram.io.family import load_family, loads_family
from genogram.layout.genogram import layout_genogram
from tests.conftest import SAMPLES
from tests.test_households import _inside

SVG = "{http://www.w3.org/2000/svg}"

#: A kinship placement of grandparents, two of their children and a grandchild, but not the
#: grandchild's father, who sits between his sisters with his son below and his parents above:
#: no single outline can go round him.
ENCLOSED = """
genogram: 1
title: Enclosed
index: k
as_of: 2026-01-01
people:
  - {id: g1, sex: male, born: 1950}
  - {id: g2, sex: female, born: 1952}
  - {id: p1, sex: female, born: 1975}
  - {id: p2, sex: male, born: 1977}
  - {id: p3, sex: female, born: 1979}
  - {id: k, sex: male, born: 2010}
unions:
  - {partners: [g1, g2], children: [p1, p2, p3]}
  - {partners: [p2], children: [k]}
households:
  - {id: h, label: Grandparents' house, members: [g1, g2, p1, p3, k], placement: kinship}
"""


def _layout(path: Path, *extra: str) -> dict[str, Any]:
    result = CliRunner().invoke(cli, ["layout", str(path), "--json", *extra])
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def _non_members_inside(data: dict[str, Any]) -> list[tuple[str, str]]:
    centres = {p["id"]: (p["x"] + p["w"] / 2, p["y"] + p["h"] / 2) for p in data["people"]}
    found = []
    for outline in data["households"]:
        poly = tuple(tuple(pt) for pt in outline["points"])
        for pid, (x, y) in centres.items():
            if pid not in outline["members"] and _inside(x, y, poly):
                found.append((outline["id"], pid))
    return found


def test_a_household_with_no_way_round_a_non_member_is_drawn_in_parts() -> None:
    geo = layout_genogram(loads_family(ENCLOSED).family)
    pieces = [h for h in geo.households if h.id == "h"]
    assert len(pieces) > 1
    assert sorted(m for h in pieces for m in h.members) == ["g1", "g2", "k", "p1", "p3"]
    father = next(p for p in geo.people if p.id == "p2")
    for piece in pieces:
        assert not _inside(father.x + father.w / 2, father.y + father.h / 2, piece.points)
    assert any("drawn in" in n and "parts" in n for n in geo.notes)
    assert not any("also takes in" in n for n in geo.notes)
    assert sum(1 for label in geo.labels if label.role == "household") == 1  # the first part is labelled


@pytest.mark.parametrize("name", ["nowak-placements", "price-siblings"])
def test_samples_draw_only_current_households_and_none_round_a_non_member(name: str) -> None:
    path = SAMPLES / f"{name}.yaml"
    family = load_family(path).family
    data = _layout(path)
    current = {h.id for h in family.households if h.end is None}
    assert {h["id"] for h in data["households"]} == current
    assert _non_members_inside(data) == []
    assert any("Boundaries show the households and placements current on" in n for n in data["notes"])
    everything = _layout(path, "--history")
    assert {h["id"] for h in everything["households"]} == {h.id for h in family.households}
    assert _non_members_inside(everything) == []


def test_the_key_says_which_boundaries_are_drawn(tmp_path: Path) -> None:
    out = tmp_path / "g.svg"
    result = CliRunner().invoke(cli, ["render", str(SAMPLES / "price-siblings.yaml"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    root = ET.fromstring(out.read_text(encoding="utf-8"))
    legend = next(g for g in root.iter(f"{SVG}g") if g.get("class") == "legend")
    words = " ".join(t.text or "" for t in legend.iter(f"{SVG}text"))
    assert "current on 2026-11-16" in words and "--history" in words
    assert "Past placement" not in words  # nothing past is drawn, so the key shows no past style
    result = CliRunner().invoke(cli, ["render", str(SAMPLES / "price-siblings.yaml"), "--history", "-o", str(out)])
    assert result.exit_code == 0, result.output
    root = ET.fromstring(out.read_text(encoding="utf-8"))
    legend = next(g for g in root.iter(f"{SVG}g") if g.get("class") == "legend")
    words = " ".join(t.text or "" for t in legend.iter(f"{SVG}text"))
    assert "Past placement" in words and "every household and placement" in words
