"""The genogram layout engine: hard rules on real samples and tricky families."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from genogram.io.family import load_family, loads_family
from genogram.layout.genogram import birth_order, layout_genogram
from genogram.layout.labels import LayoutOptions
from genogram.layout.metrics import measure
from tests.conftest import generated_family

ROOT = Path(__file__).resolve().parent.parent
FAMILIES = Path(__file__).resolve().parent / "layout_families"
SAMPLES = sorted(p for p in (ROOT / "samples").glob("*.yaml") if not p.name.endswith(".session.yaml"))


def _layout(path: Path):  # type: ignore[no-untyped-def]
    family = load_family(path).family
    return family, layout_genogram(family)


@pytest.mark.parametrize("path", sorted(FAMILIES.glob("*.yaml")), ids=lambda p: p.stem)
def test_tricky_families_keep_every_hard_rule(path: Path) -> None:
    family, geo = _layout(path)
    m = measure(geo, family)
    assert m.violations == 0, m.examples
    assert {p.id for p in geo.people} == {p.id for p in family.people}


@pytest.mark.parametrize("path", sorted((FAMILIES / "known").glob("*.yaml")), ids=lambda p: p.stem)
@pytest.mark.xfail(strict=True, reason="a known layout bug, kept as a reproducer (the file's first line says which)")
def test_known_layout_bugs(path: Path) -> None:
    """Each file still breaks a rule; when a fix makes one pass, this fails: move the file up to layout_families/."""
    family, geo = _layout(path)
    assert measure(geo, family).violations == 0


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_samples_keep_every_hard_rule(path: Path) -> None:
    family, geo = _layout(path)
    m = measure(geo, family)
    assert m.violations == 0, m.examples


def test_carter_geometry_json_shape() -> None:
    family, geo = _layout(ROOT / "samples" / "carter.yaml")
    data = json.loads(json.dumps(geo.as_json()))
    for key in ("people", "labels", "unions", "children", "households", "width", "height"):
        assert key in data
    assert set(data["people"][0]) >= {"id", "generation", "x", "y", "w", "h"}
    assert set(data["labels"][0]) >= {"for", "x", "y", "w", "h"}
    assert all(set(u) >= {"partners", "points"} for u in data["unions"])
    assert all(set(c) >= {"child", "parents", "points"} for c in data["children"])
    assert all(set(h) >= {"id", "members", "points"} for h in data["households"])
    people = {p["id"]: p for p in data["people"]}
    # Three generations, partners on one row, children below their parents.
    assert people["frank"]["generation"] == people["maureen"]["generation"] == 0
    assert people["sarah"]["generation"] == people["sam"]["generation"] == people["lee"]["generation"] == 1
    assert people["jayden"]["generation"] == people["ava"]["generation"] == 2
    assert people["jayden"]["y"] > people["sarah"]["y"] > people["frank"]["y"]
    # Everything inside the canvas.
    for p in data["people"] + data["labels"]:
        assert 0 <= p["x"] and p["x"] + p["w"] <= data["width"] and 0 <= p["y"] and p["y"] + p["h"] <= data["height"]


def test_carter_details() -> None:
    family, geo = _layout(ROOT / "samples" / "carter.yaml")
    unions = {u.id: u for u in geo.unions}
    # Tyler's partner is not recorded: a one-partner union (a stub), no invented person.
    tyler = next(u for u in geo.unions if u.partners == ("tyler",))
    assert len(tyler.points) == 3
    assert len(geo.people) == len(family.people)
    twins = [d for d in geo.children if d.child in ("ava", "ella")]
    assert twins[0].twin_group is not None and twins[0].twin_group == twins[1].twin_group
    assert twins[0].points[-2] == twins[1].points[-2]  # one start point on the bar
    assert not twins[0].identical
    kai = next(d for d in geo.children if d.child == "kai")
    assert kai.relation == "adopted" and kai.twin_group is None
    # The gap about jayden-father is marked beside him, numbered 1.
    (gap,) = geo.gaps
    assert gap.number == 1 and gap.subject == "jayden-father"
    father = next(p for p in geo.people if p.id == "jayden-father")
    assert gap.y >= father.y and gap.y + gap.h <= father.y + father.h and gap.x + gap.w <= father.x
    # Labels: dates above, name under, union dates.
    texts = {(lab.for_, lab.role): lab.lines for lab in geo.labels}
    assert texts[("frank", "dates")] == ("1958–2019",)
    assert texts[("sarah", "dates")] == ("b. 1991",)
    assert texts[("lee", "dates")] == ("b. ~1988",)
    assert texts[("sam", "name")] == ("Sam Okoro", "non-binary, they/them")
    assert texts[("union-1", "union")] == ("m. 1987",)
    assert ("Sarah and Sam's flat",) == texts[("home", "household")]
    assert texts[("placement", "household")][0] == "Kinship placement with"
    assert unions["union-1"].status == "married"
    # Relationships as a layer, between centres; off when asked.
    assert len(geo.relationships) == 4
    assert layout_genogram(family, LayoutOptions(relationships=False)).relationships == []


def test_options_change_labels() -> None:
    family = load_family(ROOT / "samples" / "carter.yaml").family
    initials = layout_genogram(family, LayoutOptions(names="initials"))
    assert ("M.C.",) in [lab.lines for lab in initials.labels if lab.for_ == "maureen"]
    bare = layout_genogram(family, LayoutOptions(names="none", show_dates=False))
    assert not [lab for lab in bare.labels if lab.role in ("dates", "union")]
    assert not [lab for lab in bare.labels if lab.for_ == "maureen"]
    assert measure(bare, family).violations == 0


def test_deterministic() -> None:
    family = load_family(ROOT / "samples" / "carter.yaml").family
    first = json.dumps(layout_genogram(family).as_json(), sort_keys=True)
    again = load_family(ROOT / "samples" / "carter.yaml").family
    assert json.dumps(layout_genogram(again).as_json(), sort_keys=True) == first


def _x(geo, pid: str) -> float:  # type: ignore[no-untyped-def]
    return next(p.x for p in geo.people if p.id == pid)


def test_three_partners_and_half_siblings() -> None:
    family, geo = _layout(FAMILIES / "three.yaml")
    # Alan's partners in date order: the earliest (Beth) on one side, the later ones on the other.
    assert _x(geo, "b") < _x(geo, "a") < _x(geo, "c") < _x(geo, "d")
    # Birth order within each sibship.
    assert _x(geo, "k2") < _x(geo, "k1")
    assert _x(geo, "k5") < _x(geo, "k4")
    # Beth's child with Ed is next to her union with Alan's children (half siblings meet).
    assert _x(geo, "k6") < _x(geo, "k2")
    numbers = [(g.number, g.subject) for g in geo.gaps]
    assert numbers == [(1, "a"), (2, None)]


def test_unknown_dates_keep_file_order_and_twins() -> None:
    family, geo = _layout(FAMILIES / "misc.yaml")
    order = sorted(["t1", "t2", "u1", "u2", "u3"], key=lambda pid: _x(geo, pid))
    # u2 (2008) is older than the twins (2010); undated u1 and u3 keep their places,
    # except that twins stay side by side.
    assert order == ["u2", "t1", "t2", "u1", "u3"]
    twins = [d for d in geo.children if d.child in ("t1", "t2")]
    assert all(d.identical for d in twins) and twins[0].twin_group == twins[1].twin_group
    mum = next(u for u in geo.unions if u.partners == ("mum",))
    assert mum.anchor == next(d for d in geo.children if d.child == "u1").points[0]
    # The in-law's parents are drawn; his sister sits with them, beside him.
    assert _x(geo, "inlaw") < _x(geo, "ils")
    (house,) = geo.households
    assert set(house.members) == {"mum", "t1", "t2", "inlaw"}
    assert geo.gaps[0].subject == "home"


def test_birth_order_helper() -> None:
    assert birth_order([(2000, 0, 0), None, (1990, 0, 0)]) == [2, 1, 0]
    assert birth_order([None, None]) == [0, 1]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_generated_families_keep_structural_rules(seed: int) -> None:
    family = generated_family(300, seed)
    geo = layout_genogram(family)
    m = measure(geo, family)
    assert (m.overlaps, m.off_row, m.partners_not_adjacent) == (0, 0, 0), m.examples
    assert len(geo.people) == len(family.people)
    assert json.dumps(geo.as_json()) == json.dumps(layout_genogram(family).as_json())


def test_labels_of_a_man_with_three_partners_stay_above_the_union_lines() -> None:
    """Generated, 300 people, seed 19: Thomas Parker's second union spans past his third
    partner. Both unions' two-line labels were stacked in the one gap between Thomas and
    her, reaching below the first union line; the second union now takes the other gap."""
    family = generated_family(300, 19)
    m = measure(layout_genogram(family), family)
    assert m.violations == 0, m.examples


def test_empty_family() -> None:
    family = loads_family("genogram: 1\nmissing:\n  - {what: Everything}\n").family
    geo = layout_genogram(family)
    assert geo.people == [] and geo.gaps[0].subject is None and geo.width > 0


def test_cli_layout_json(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from genogram.cli.main import cli

    result = CliRunner().invoke(cli, ["layout", str(ROOT / "samples" / "carter.yaml"), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["metrics"]["violations"] == 0 and len(data["people"]) == 13
    text = CliRunner().invoke(cli, ["layout", str(ROOT / "samples" / "carter.yaml")])
    assert text.exit_code == 0 and "violations 0" in text.output
    bad = tmp_path / "bad.yaml"
    bad.write_text("genogram: 1\npeople:\n  - {id: a, sex: robot}\n", encoding="utf-8")
    failed = CliRunner().invoke(cli, ["layout", str(bad)])
    assert failed.exit_code == 2 and "bad.yaml:3" in failed.output
