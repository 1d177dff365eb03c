"""`--engine dot`: the DOT encodings, reading dot's answer back, and the message when Graphviz is missing."""

from __future__ import annotations

import re
import shutil
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from genogram.cli.main import cli
from genogram.io.family import load_family, loads_family
from genogram.layout import dot as dotmod
from genogram.layout.dot import (
    ENCODINGS,
    dot_missing,
    dot_source,
    geometry_from_dot,
    parse_json,
)
from genogram.layout.metrics import measure

ROOT = Path(__file__).resolve().parent.parent
CARTER = ROOT / "samples" / "carter.yaml"

needs_dot = pytest.mark.skipif(
    dot_missing() is not None, reason=f"Graphviz is not installed here ({dot_missing()}); apt-get install graphviz && pip install graphviz"
)

#: Two couples, a remarriage, a single parent, a child who skips a generation (the
#: cousin-marriage kind of loop), and siblings whose file order is not their birth order.
FAMILY = loads_family(
    """genogram: 1
people:
  - {id: gf, name: Grandad, sex: male, born: 1940}
  - {id: gm, name: Grandma, sex: female, born: 1942}
  - {id: young, name: Younger Child, sex: female, born: 1970}
  - {id: old, name: Older Child, sex: male, born: 1965}
  - {id: wife1, name: First Wife, sex: female, born: 1966}
  - {id: wife2, name: Second Wife, sex: female, born: 1968}
  - {id: k1, name: Kid One, sex: male, born: 1990}
  - {id: k2, name: Kid Two, sex: female, born: 1995}
  - {id: solo, name: Solo Parent, sex: female, born: 1972}
  - {id: k3, name: Kid Three, sex: male, born: 2000}
unions:
  - {partners: [gf, gm], status: married, from: 1963, children: [young, old]}
  - {partners: [old, wife1], status: divorced, from: 1988, to: 1993, children: [k1]}
  - {partners: [old, wife2], status: married, from: 1994, children: [k2]}
  - {partners: [solo], children: [k3]}
"""
).family


def _ids(plan: dotmod.DotPlan, *people: str) -> list[str]:
    index = {p.id: i for i, p in enumerate(FAMILY.people)}
    return [plan.person_node[index[p]] for p in people]


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_every_encoding_ranks_generations_and_orders_children_by_birth(encoding: str) -> None:
    plan = dot_source(FAMILY, encoding)
    src = plan.source
    assert src.startswith("digraph genogram {") and src.rstrip().endswith("}")
    ranks = re.findall(r"\{rank=same; ([^}]*)\}", src)
    # Each generation is one rank: grandparents, their children with partners, grandchildren.
    gf, old, k1 = _ids(plan, "gf", "old", "k1")
    assert any(gf in r.split("; ") for r in ranks)
    rank_of = {node: i for i, r in enumerate(ranks) for node in r.split("; ")}
    assert rank_of[gf] != rank_of[old] != rank_of[k1]
    # The older child's node gets its edge before the younger's (file order is young, old).
    young_node, old_node = _ids(plan, "young", "old")
    edges = re.findall(r"^\s+(\w+) -> (\w+)", src, flags=re.MULTILINE)
    heads = [h for _, h in edges]
    if young_node != old_node:
        assert heads.index(old_node) < heads.index(young_node)
    # Edges are written one by one (dot ignores ordering=out for `a -> {b c}`).
    assert "-> {" not in src
    if encoding == "marriage":
        assert "f0" not in src and re.search(r"\bu0 -> ", src)
    else:
        assert re.search(r"\bf0 \[", src) and "-> f0" in src
    if encoding == "couples":
        assert "subgraph cluster_" in src
    if encoding == "chains":
        # Partners share one node: the old son, both wives.
        assert len({*_ids(plan, "old", "wife1", "wife2")}) == 1
    else:
        assert len({*_ids(plan, "old", "wife1", "wife2")}) == 3


def test_unknown_encoding_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown dot encoding"):
        dot_source(FAMILY, "circo")


def test_reading_back_a_hand_made_dot_answer() -> None:
    """parse_json and geometry_from_dot alone: y is flipped, people sit where the nodes were."""
    family = loads_family(
        "genogram: 1\npeople:\n  - {id: a}\n  - {id: b}\n  - {id: c}\nunions:\n  - {partners: [a, b], children: [c]}\n"
    ).family
    plan = dot_source(family, "family")
    answer = """{"bb": "0,0,300,200", "objects": [
      {"_gvid": 0, "name": "p0", "pos": "50,150"}, {"_gvid": 1, "name": "p1", "pos": "250,150"},
      {"_gvid": 2, "name": "p2", "pos": "150,30"}, {"_gvid": 3, "name": "u0", "pos": "150,150"},
      {"_gvid": 4, "name": "f0", "pos": "150,90"}],
      "edges": [{"tail": 4, "head": 2, "pos": "150,90 150,70 150,60 150,50"}]}"""
    geo = geometry_from_dot(family, plan, parse_json(answer))
    boxes = {p.id: p for p in geo.people}
    assert boxes["a"].x + 20 == pytest.approx(50 + 24) and boxes["a"].y + 20 == pytest.approx(200 - 150 + 24)
    assert boxes["c"].y > boxes["a"].y  # y grows downwards
    (line,) = geo.children
    assert line.points[0][0] == pytest.approx(150 + 24) and line.points[-1] == (boxes["c"].x + 20, boxes["c"].y)
    assert any(y == pytest.approx(200 - 90 + 24) for _, y in line.points)  # through the family node's height
    (union,) = geo.unions
    assert union.partners == ("a", "b") and union.points[0][0] < union.points[-1][0]
    assert not geo.households and any("dot" in note for note in geo.notes)


@needs_dot
@pytest.mark.parametrize("encoding", ENCODINGS)
def test_dot_geometry_parses_and_is_scored(encoding: str) -> None:
    geo = dotmod.layout_dot(FAMILY, encoding=encoding)
    assert {p.id for p in geo.people} == {p.id for p in FAMILY.people}
    assert len(geo.children) == sum(len(u.children) for u in FAMILY.unions)
    m = measure(geo, FAMILY)
    assert m.off_row == 0 and m.overlaps == 0  # rank groups and node sizes hold these by construction
    k2 = next(d for d in geo.children if d.child == "k2")
    assert k2.points[0] == next(u.anchor for u in geo.unions if u.id == "union-3")
    # Every descent line ends on the top of its child's symbol.
    for d in geo.children:
        box = next(p for p in geo.people if p.id == d.child)
        assert d.points[-1] == (box.x + box.w / 2, box.y)


@needs_dot
def test_chains_keep_partners_together_on_the_samples() -> None:
    for path in sorted((ROOT / "samples").glob("*.yaml")):
        if path.name.endswith(".session.yaml"):
            continue
        family = load_family(path).family
        m = measure(dotmod.layout_dot(family, encoding="chains"), family)
        assert m.partners_not_adjacent == 0 and m.overlaps == 0 and m.off_row == 0, (path.name, m.examples)


@needs_dot
def test_render_engine_dot_writes_well_formed_svg(tmp_path: Path) -> None:
    target = tmp_path / "carter.yaml"
    shutil.copy(CARTER, target)
    out = tmp_path / "dot.svg"
    result = CliRunner().invoke(cli, ["render", str(target), "-o", str(out), "--engine", "dot"])
    assert result.exit_code == 0, result.output
    root = ET.parse(out).getroot()
    ns = "{http://www.w3.org/2000/svg}"
    assert root.tag == f"{ns}svg"
    people = [g for g in root.iter(f"{ns}g") if "person" in (g.get("class") or "").split()]
    assert len(people) == len(load_family(CARTER).family.people)
    assert "Graphviz dot" in out.read_text(encoding="utf-8")  # the legend says whose layout this is
    # Same input, same bytes.
    again = tmp_path / "again.svg"
    assert CliRunner().invoke(cli, ["render", str(target), "-o", str(again), "--engine", "dot"]).exit_code == 0
    assert again.read_bytes() == out.read_bytes()


@needs_dot
def test_layout_engine_dot_reports_its_violations() -> None:
    result = CliRunner().invoke(cli, ["layout", str(CARTER), "--engine", "dot"])
    assert result.exit_code == 0, result.output
    assert "violations" in result.output and "Graphviz dot" in result.output


@pytest.mark.parametrize("command", ["render", "layout"])
def test_missing_dot_program_exits_2_with_how_to_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str) -> None:
    target = tmp_path / "carter.yaml"
    shutil.copy(CARTER, target)
    real_which = shutil.which
    monkeypatch.setattr(shutil, "which", lambda name, *a, **k: None if name == "dot" else real_which(name, *a, **k))
    result = CliRunner().invoke(cli, [command, str(target), "--engine", "dot"])
    assert result.exit_code == 2
    assert "dot" in result.output and "apt-get install graphviz" in result.output
    assert "Traceback" not in result.output
    assert not list(tmp_path.glob("*.svg"))  # nothing half-written


def test_missing_graphviz_package_exits_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "graphviz", None)  # import graphviz now raises ImportError
    result = CliRunner().invoke(cli, ["render", str(CARTER), "-o", str(tmp_path / "x.svg"), "--engine", "dot"])
    assert result.exit_code == 2
    assert "pip install" in result.output and "graphviz" in result.output
    assert not (tmp_path / "x.svg").exists()


def test_help_says_dot_is_the_less_correct_option() -> None:
    for command in ("render", "layout"):
        text = CliRunner().invoke(cli, [command, "--help"]).output
        assert "--engine [ours|dot]" in text and "less correct" in " ".join(text.split())
