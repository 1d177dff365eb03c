"""The pedigree converter and the rows measurements of bench/ (issue 17), on small files written here."""

from __future__ import annotations

import gzip
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from genogram.io.family import load_family

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
FAMILIES = Path(__file__).resolve().parent / "layout_families"
sys.path.insert(0, str(BENCH))

import pedigree_rows  # noqa: E402

#: pedigree_rows.measure_file draws with dot too (its own ranking and the chains encoding).
needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz dot is not installed")

REPEATED = """0 HEAD
0 @I1@ INDI
1 NAME Ann /Reed/
1 SEX F
1 BIRT
2 DATE 12 MAR 1901
0 @I2@ INDI
1 NAME Tom /Reed/
1 SEX M
0 @I3@ INDI
1 NAME May /Reed/
1 SEX F
0 @I1@ INDI
1 DEAT
2 DATE 1970
0 @F1@ FAM
1 HUSB @I2@
1 WIFE @I1@
1 CHIL @I3@
0 TRLR
"""

GRAMPS = """<?xml version="1.0" encoding="UTF-8"?>
<database xmlns="http://gramps-project.org/xml/1.7.1/">
  <events>
    <event handle="_e1" id="E1"><type>Birth</type><dateval val="1950-04-02"/></event>
    <event handle="_e2" id="E2"><type>Birth</type><dateval val="1952" type="about"/></event>
    <event handle="_e3" id="E3"><type>Marriage</type><dateval val="1975-06"/></event>
    <event handle="_e4" id="E4"><type>Birth</type><dateval val="1310"/></event>
  </events>
  <people>
    <person handle="_p1" id="I1"><gender>M</gender><name type="Birth Name"><first>Jon</first><surname>Lund</surname></name>
      <eventref hlink="_e1" role="Primary"/></person>
    <person handle="_p2" id="I2"><gender>F</gender><name type="Birth Name"><first>Kari</first><surname>Lund</surname></name>
      <eventref hlink="_e2" role="Primary"/></person>
    <person handle="_p3" id="I3"><gender>F</gender><name type="Birth Name"><first>Liv</first></name></person>
    <person handle="_p4" id="I4"><gender>M</gender><name type="Birth Name"><first>Ole</first></name>
      <eventref hlink="_e4" role="Primary"/></person>
  </people>
  <families>
    <family handle="_f1" id="F1"><father hlink="_p1"/><mother hlink="_p2"/><eventref hlink="_e3" role="Family"/>
      <childref hlink="_p3"/><childref hlink="_p4" mrel="Adopted" frel="Adopted"/></family>
  </families>
</database>
"""


def _convert(tmp_path: Path, name: str, data: bytes) -> tuple[Path, str]:
    source = tmp_path / name
    source.write_bytes(data)
    out = tmp_path / (source.stem + ".yaml")
    run = subprocess.run([sys.executable, str(BENCH / "pedigree_to_family.py"), str(source), "-o", str(out)],
                         capture_output=True, text=True, check=True)
    return out, run.stderr


def test_a_repeated_gedcom_record_is_merged_into_the_first_and_said(tmp_path: Path) -> None:
    """Japanese+Imperial+Family.ged has two INDI @I59@ records: the id was written twice and the file did not load."""
    out, stderr = _convert(tmp_path, "repeated.ged", REPEATED.encode())
    family = load_family(out).family
    assert [p.id for p in family.people] == ["i1", "i2", "i3"]
    ann = family.people[0]
    assert ann.name == "Ann Reed" and str(ann.born) == "1901-03-12" and str(ann.died) == "1970"
    assert "INDI @I1@ appears twice" in stderr


@pytest.mark.parametrize("packed", [False, True])
def test_gramps_xml_converts_people_dates_and_adoption(tmp_path: Path, packed: bool) -> None:
    data = GRAMPS.encode()
    out, stderr = _convert(tmp_path, "example.gramps", gzip.compress(data, mtime=0) if packed else data)
    family = load_family(out).family
    people = {p.id: p for p in family.people}
    assert people["i1"].name == "Jon Lund" and str(people["i1"].born) == "1950-04-02"
    assert str(people["i2"].born) == "~1952"
    assert people["i4"].born is None  # 1310 is outside what the format accepts: left out and counted
    assert "1 dates outside 1800-2200 left out" in stderr
    (union,) = family.unions
    assert union.partners == ["i1", "i2"] and str(union.start) == "1975-06"
    assert [(c.id, c.relation.value) for c in union.children] == [("i3", "biological"), ("i4", "adopted")]


@needs_dot
def test_an_impossible_link_makes_its_union_irregular_and_removing_it_keeps_every_link() -> None:
    path = FAMILIES / "married-fathers-widow.yaml"
    result = pedigree_rows.measure_file(path)
    assert result["birth_lines"] == 7 and result["ours"]["bent"] == 1  # the son, on his parents' row
    assert result["irregular_unions"] == 1
    family = load_family(path).family
    lines = pedigree_rows.descent_lines(family)
    ok = pedigree_rows.consistent_parts(lines)
    assert not all(ok.values())  # the son's part cannot keep every link
    ours = result["ours"]
    assert ours["split_consistent"] == 0
    assert result["without_irregular"]["height"] <= ours["height"] <= 2 * result["without_irregular"]["height"]


@needs_dot
def test_consistent_families_have_no_split_sibship_and_need_no_bent_line() -> None:
    for name in ("adopted-by-two-fathers.yaml", "cousins.yaml", "sibship-split-by-half-sibling.yaml"):
        family = load_family(FAMILIES / name).family
        lines = pedigree_rows.descent_lines(family)
        assert all(pedigree_rows.consistent_parts(lines).values()), name
        result = pedigree_rows.measure_file(FAMILIES / name)
        assert result["ours"]["bent"] == result["ours"]["split_consistent"] == result["ours"]["split_inconsistent"] == 0, name
        assert result["irregular_unions"] == 0, name
        assert result["without_irregular"]["height"] == result["ours"]["height"], name


def test_the_exact_bound_counts_the_least_bent_lines() -> None:
    """Two records of one child's generation that disagree by one row: one line must bend, and one is enough."""
    from genogram.model import Family

    family = Family.model_validate({
        "people": [{"id": q} for q in ("a", "b", "c", "d", "e", "x")],
        "unions": [
            {"partners": ["a", "b"], "children": ["c"]},
            {"partners": ["c"], "children": ["d"]},
            {"partners": ["d"], "children": ["x"]},
            {"partners": ["e"], "children": ["x"]},
            {"partners": ["a", "e"]},
        ],
    })
    lines = pedigree_rows.descent_lines(family)
    ok = pedigree_rows.consistent_parts(lines)
    bound = pedigree_rows.bent_lower_bound(lines, ok, 30.0)
    assert bound["status"] == "optimal" and bound["bound"] == 1


def test_the_exact_bound_matches_a_search_over_every_row_assignment() -> None:
    """On small random families of partner groups the shrunk MILP finds exactly the fewest bent lines."""
    import itertools
    import random

    rng = random.Random(17)
    for _ in range(25):
        n = rng.randint(3, 5)
        births = [(k, a, b) for k, (a, b) in enumerate((rng.randrange(n), rng.randrange(n)) for _ in range(rng.randint(n, 3 * n)))]
        lines = pedigree_rows.Lines(list(range(n)), births=births)
        ok = pedigree_rows.consistent_parts(lines)
        bound = pedigree_rows.bent_lower_bound(lines, ok, 30.0)
        least = min(
            sum(1 for _, h, lo in births if (0, *rows)[lo] - (0, *rows)[h] != 1)
            for rows in itertools.product(range(-n, n + 1), repeat=n - 1)
        )
        assert bound["status"] == "optimal" and bound["bound"] == least, (births, bound)
