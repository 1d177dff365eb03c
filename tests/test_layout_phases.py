"""Each layout phase on its own: a small real family in, the phase's typed result checked.

The family is YAML through the normal loader: three generations, an adopted
child with a recorded birth mother, children listed out of birth order, a
household. Each test runs the phases up to the one it checks, by hand, the
way ``layout_genogram`` chains them, and checks what that phase promises.
"""

from __future__ import annotations

import ast
import dataclasses
from pathlib import Path

import pytest

from genogram.io.family import loads_family
from genogram.layout import compaction
from genogram.layout.chains import SEP, CoupleChains, build_chains
from genogram.layout.compaction import compact_x
from genogram.layout.drawing import draw
from genogram.layout.genogram import layout_genogram, order_rows
from genogram.layout.households import draw as draw_households
from genogram.layout.households import household_rows
from genogram.layout.labelling import place_labels
from genogram.layout.labels import LayoutOptions
from genogram.layout.lines import descent_lines, route_lines, union_lines
from genogram.layout.placement import XPlacement, place_x
from genogram.layout.plan import FamilyPlan, plan_family
from genogram.layout.rows import RowAssignment, solve_rows
from genogram.layout.zones import row_zones
from genogram.model import Family

FAMILY = """\
genogram: 1
people:
  - {id: gp, name: George Hill, sex: male, born: 1930}
  - {id: gm, name: Edith Hill, sex: female, born: 1932}
  - {id: aunt, name: Rose Hill, sex: female, born: 1958}
  - {id: dad, name: Tom Hill, sex: male, born: 1955}
  - {id: mum, name: Ann Hill, sex: female, born: 1957}
  - {id: jo, name: Jo Price, sex: female, born: 1962}
  - {id: kai, name: Kai Hill, sex: male, born: 1988}
  - {id: lily, name: Lily Hill, sex: female, born: 1980}
  - {id: sam, name: Sam Hill, sex: male, born: 1984}
unions:
  - {id: grandparents, partners: [gp, gm], status: married, from: 1953, children: [aunt, dad]}
  - {id: parents, partners: [dad, mum], status: married, from: 1978, children: [kai, lily, {id: sam, relation: adopted}]}
  - {id: birth, partners: [jo], children: [sam]}
households:
  - {id: home, label: The Hills' house, members: [dad, mum, sam, kai]}
"""


@pytest.fixture(scope="module")
def family() -> Family:
    return loads_family(FAMILY, "three-generations.yaml").family


@pytest.fixture(scope="module")
def plan(family: Family) -> FamilyPlan:
    return plan_family(family, LayoutOptions())


@pytest.fixture(scope="module")
def rows(family: Family, plan: FamilyPlan) -> RowAssignment:
    return solve_rows(family, dict(plan.index))


@pytest.fixture(scope="module")
def chains(plan: FamilyPlan, rows: RowAssignment) -> CoupleChains:
    return build_chains(plan, rows)


@pytest.fixture(scope="module")
def ordered(family: Family, plan: FamilyPlan, rows: RowAssignment, chains: CoupleChains) -> XPlacement:
    return order_rows(family, plan, rows, chains, place_x(plan, rows, chains))


@pytest.fixture(scope="module")
def placed(plan: FamilyPlan, rows: RowAssignment, chains: CoupleChains, ordered: XPlacement) -> XPlacement:
    return compact_x(plan, rows, chains, ordered)


def _union(plan: FamilyPlan, uid: str) -> int:
    return plan.uids.index(uid)


def test_plan_indexes_people_and_unions_with_children_in_birth_order(plan: FamilyPlan) -> None:
    p = plan.index
    parents = _union(plan, "parents")
    assert plan.u_children[parents] == (p["lily"], p["sam"], p["kai"])  # file order is kai, lily, sam
    assert plan.child_rel[(parents, p["sam"])] == "adopted"
    assert plan.child_rel[(_union(plan, "birth"), p["sam"])] == "biological"
    assert set(plan.parent_unions[p["sam"]]) == {parents, _union(plan, "birth")}
    assert plan.are_partners(p["dad"], p["mum"]) and not plan.are_partners(p["dad"], p["jo"])
    assert dataclasses.is_dataclass(plan) and type(plan).__dataclass_params__.frozen  # type: ignore[attr-defined]
    with pytest.raises(dataclasses.FrozenInstanceError):
        plan.people = ()  # type: ignore[misc]


def test_rows_put_three_generations_on_three_rows(plan: FamilyPlan, rows: RowAssignment) -> None:
    row = {pid: rows.row[i] for pid, i in plan.index.items()}
    assert row["gp"] == row["gm"] == 0
    # Married-in mother and the adopted child's birth mother share the parents' row.
    assert row["dad"] == row["mum"] == row["aunt"] == row["jo"] == 1
    assert row["lily"] == row["sam"] == row["kai"] == 2
    assert rows.group[plan.index["dad"]] == rows.group[plan.index["mum"]] != rows.group[plan.index["aunt"]]


def test_chains_keep_partners_side_by_side(plan: FamilyPlan, rows: RowAssignment, chains: CoupleChains) -> None:
    p = plan.index
    chain = chains.chains[rows.group[p["dad"]]]
    people = [slot.person for slot in chain.items if slot.person is not None]
    assert sorted(people) == sorted([p["dad"], p["mum"]])
    assert _union(plan, "parents") in chain.anchors
    # The couple's children hang from their union, in birth order.
    under = chains.under[_union(plan, "parents")]
    assert [chains.members[g] for g in under] == [(p["lily"],), (p["sam"],), (p["kai"],)]


def test_placement_keeps_partners_adjacent_and_siblings_in_birth_order(plan: FamilyPlan, rows: RowAssignment, placed: XPlacement) -> None:
    p, cx, row = plan.index, placed.cx, rows.row

    def between(a: str, b: str) -> list[str]:
        lo, hi = sorted((cx[p[a]], cx[p[b]]))
        return [pid for pid, i in p.items() if row[i] == row[p[a]] and lo < cx[i] < hi]

    assert between("dad", "mum") == [] and between("gp", "gm") == []
    assert cx[p["lily"]] < cx[p["sam"]] < cx[p["kai"]]
    assert cx[p["dad"]] < cx[p["aunt"]]  # Tom (1955) before Rose (1958)
    # Nobody on a row overlaps the next person's symbol.
    for r in set(row):
        xs = sorted(cx[i] for i in range(len(row)) if row[i] == r)
        assert all(b - a >= 40.0 for a, b in zip(xs, xs[1:]))
    assert placed.width >= max(cx) + 20.0


def test_lines_give_a_union_bar_between_partners_and_a_descent_line_to_each_child(
    plan: FamilyPlan, rows: RowAssignment, chains: CoupleChains, placed: XPlacement
) -> None:
    p, cx = plan.index, placed.cx
    routing = route_lines(plan, rows, chains, placed)
    zones = row_zones(plan, rows.row, routing, household_rows(plan, rows.row).strip)
    bars = {line.id: line for line in union_lines(plan, routing, zones)}
    bar = bars["parents"]
    assert set(bar.partners) == {"dad", "mum"}
    xs = [x for x, _ in bar.points]
    ys = [y for _, y in bar.points]
    assert min(xs) == pytest.approx(min(cx[p["dad"]], cx[p["mum"]]), abs=8.0)
    assert max(xs) == pytest.approx(max(cx[p["dad"]], cx[p["mum"]]), abs=8.0)
    assert max(ys) > zones.top[1] + 40.0  # the bar runs below the symbols
    assert min(xs) <= bar.anchor[0] <= max(xs)
    lines = {(d.union, d.child): d for d in descent_lines(plan, rows.row, cx, routing, zones)}
    assert set(lines) == {
        ("grandparents", "aunt"),
        ("grandparents", "dad"),
        ("parents", "lily"),
        ("parents", "sam"),
        ("parents", "kai"),
        ("birth", "sam"),
    }
    assert lines[("parents", "sam")].relation == "adopted"
    for (uid, child), line in lines.items():
        assert line.points[0] == pytest.approx(bars[uid].anchor)
        end_x, end_y = line.points[-1]
        assert end_x == pytest.approx(cx[p[child]], abs=0.0 if child != "sam" else 5.0)
        assert end_y == pytest.approx(zones.top[rows.row[p[child]]])
        for (x1, y1), (x2, y2) in zip(line.points, line.points[1:]):
            assert x1 == pytest.approx(x2) or y1 == pytest.approx(y2)  # orthogonal
    # Sam's adoptive and birth lines meet him side by side, in their anchors' order, never on top of each other.
    adoptive, birth = lines[("parents", "sam")].points[-1][0], lines[("birth", "sam")].points[-1][0]
    assert abs(adoptive - birth) == pytest.approx(10.0)
    assert (adoptive < birth) == (bars["parents"].anchor[0] < bars["birth"].anchor[0])


def _inside(x: float, y: float, poly: tuple[tuple[float, float], ...]) -> bool:
    hit = False
    for k in range(len(poly)):
        (x1, y1), (x2, y2) = poly[k], poly[(k + 1) % len(poly)]
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            hit = not hit
    return hit


def test_households_phase_draws_a_boundary_round_the_members(
    plan: FamilyPlan, rows: RowAssignment, chains: CoupleChains, placed: XPlacement
) -> None:
    p, cx, row = plan.index, placed.cx, rows.row
    routing = route_lines(plan, rows, chains, placed)
    houses = household_rows(plan, row)
    assert houses.rows == ((1, 2),)
    zones = row_zones(plan, row, routing, houses.strip)
    labels = place_labels(plan, row, chains, placed, zones)
    children = descent_lines(plan, row, cx, routing, zones)
    drawn = draw_households(plan, row, cx, labels.labels, children, houses, zones, labels.gap_pos)
    (outline,) = drawn.outlines
    assert outline.id == "home" and set(outline.members) == {"dad", "mum", "sam", "kai"}
    centre = {pid: (cx[i], zones.top[row[i]] + 20.0) for pid, i in p.items()}
    for pid in ("dad", "mum", "sam", "kai"):
        assert _inside(*centre[pid], outline.points), pid
    for pid in ("lily", "aunt", "jo", "gp", "gm"):
        assert not _inside(*centre[pid], outline.points), pid
    (label,) = drawn.labels
    assert label.for_ == "home" and label.role == "household" and "The Hills' house" in " ".join(label.lines)
    assert _inside(label.x + label.w / 2, label.y + label.h / 2, outline.points)


def test_phases_chained_by_hand_give_the_engines_geometry(
    family: Family, plan: FamilyPlan, rows: RowAssignment, chains: CoupleChains, placed: XPlacement
) -> None:
    assert draw(plan, rows, chains, placed) == layout_genogram(family, LayoutOptions())


def test_twins_stay_together_in_the_plan_whatever_their_birth_dates_say() -> None:
    text = FAMILY.replace(
        "children: [kai, lily, {id: sam, relation: adopted}]", "children: [{id: kai, twin: lily}, lily, {id: sam, relation: adopted}]"
    )
    plan = plan_family(loads_family(text, "twins.yaml").family, LayoutOptions())
    p = plan.index
    kids = plan.u_children[_union(plan, "parents")]
    assert kids == (p["lily"], p["kai"], p["sam"])  # Kai (1988) moved beside his twin Lily (1980)
    assert plan.twin_of[p["kai"]] == plan.twin_of[p["lily"]]
    assert plan.dates_side(p["lily"]) == "left" and plan.dates_side(p["kai"]) == "right"


def test_order_phase_hands_on_a_new_placement_and_leaves_its_input_alone(
    family: Family, plan: FamilyPlan, rows: RowAssignment, chains: CoupleChains
) -> None:
    before = place_x(plan, rows, chains)
    cx, origin = before.cx, dict(before.origin)
    after = order_rows(family, plan, rows, chains, before)
    assert before.cx is cx and dict(before.origin) == origin
    assert isinstance(after.cx, tuple) and set(after.origin) == set(chains.chains)


def test_labels_phase_puts_names_under_and_dates_over_each_symbol(
    plan: FamilyPlan, rows: RowAssignment, chains: CoupleChains, placed: XPlacement
) -> None:
    routing = route_lines(plan, rows, chains, placed)
    zones = row_zones(plan, rows.row, routing, household_rows(plan, rows.row).strip)
    labels = place_labels(plan, rows.row, chains, placed, zones)
    assert [box.id for box in labels.people] == list(plan.pid)
    roles = {(lab.for_, lab.role) for lab in labels.labels}
    assert ("parents", "union") in roles and ("grandparents", "union") in roles
    for lab in labels.labels:
        if lab.role in ("name", "dates"):
            i = plan.index[lab.for_]
            top = zones.top[rows.row[i]]
            if lab.role == "name":
                assert lab.x + lab.w / 2 == pytest.approx(placed.cx[i]) and lab.y >= top + 40.0
            else:
                assert lab.y + lab.h <= top
    assert zones.top[0] < zones.top[1] < zones.top[2] < zones.height


def _row_orders(rows: RowAssignment, chains: CoupleChains, placed: XPlacement) -> dict[int, list[int]]:
    by_row: dict[int, list[int]] = {}
    for g in sorted(chains.chains, key=lambda g: placed.origin[g]):
        by_row.setdefault(rows.row[chains.members[g][0]], []).append(g)
    return by_row


def test_compaction_keeps_each_rows_order_and_room(
    rows: RowAssignment, chains: CoupleChains, ordered: XPlacement, placed: XPlacement
) -> None:
    assert placed is not ordered and placed.origin != ordered.origin  # it moved something
    assert _row_orders(rows, chains, placed) == _row_orders(rows, chains, ordered)
    for gs in _row_orders(rows, chains, placed).values():
        for a, b in zip(gs, gs[1:]):
            room = chains.chains[b].extent[0] - chains.chains[a].extent[1]
            gap = placed.origin[b] - placed.origin[a] + room
            was = ordered.origin[b] - ordered.origin[a] + room
            assert gap >= min(SEP, was) - 1e-6


def test_compaction_centres_parents_over_their_children(
    plan: FamilyPlan, chains: CoupleChains, rows: RowAssignment, placed: XPlacement
) -> None:
    p = plan.index
    u = _union(plan, "grandparents")
    g = rows.group[p["gp"]]
    anchor = placed.origin[g] + chains.chains[g].anchors[u]
    assert anchor == pytest.approx((placed.cx[p["aunt"]] + placed.cx[p["dad"]]) / 2, abs=0.02)


def test_compaction_leaves_a_family_too_large_for_it_as_placed(
    plan: FamilyPlan, rows: RowAssignment, chains: CoupleChains, ordered: XPlacement, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(compaction, "LARGEST", len(chains.chains) - 1)
    assert compact_x(plan, rows, chains, ordered) is ordered


def test_no_phase_imports_the_engine_back() -> None:
    """The phases depend on each other forwards only: none imports genogram.py, even for types (no import circle)."""
    layout = Path(__file__).resolve().parent.parent / "genogram" / "layout"
    for module in sorted(layout.glob("*.py")):
        if module.name in ("genogram.py", "dot.py"):  # the engine itself; dot.py, another engine, borrows its sizes
            continue
        tree = ast.parse(module.read_text(encoding="utf-8"))
        imported = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
        assert "genogram.layout.genogram" not in imported, module.name


def test_a_line_of_lone_fathers_zigzags_instead_of_drifting_right() -> None:
    # Twenty generations of fathers with the mothers unrecorded (royal lineages
    # read from GEDCOM look like this): each child hangs under his father's
    # stub, so with every stub on the right the line crept right a stub's
    # width a generation (Qing dynasty, 13 people: 720 points wide).
    people = "\n".join(f"  - {{id: g{i}, sex: male, born: {1800 + 11 * i}}}" for i in range(20))
    unions = "\n".join(f"  - {{partners: [g{i}], children: [g{i + 1}]}}" for i in range(19))
    geo = layout_genogram(loads_family(f"genogram: 1\npeople:\n{people}\nunions:\n{unions}\n", "line.yaml").family, LayoutOptions())
    xs = [p.x for p in geo.people]
    assert max(xs) - min(xs) < 80  # two columns a stub's step apart, whatever the depth (drifting: 200 and more)
    for line in geo.children:
        assert line.points[0][0] == pytest.approx(line.points[-1][0])  # straight down from the stub


IN_LAWS_FIRST = """\
genogram: 1
people:
  - {id: pm, sex: male, born: 1900}
  - {id: pf, sex: female, born: 1902}
  - {id: jo, sex: female, born: 1930}
  - {id: ggm, sex: male, born: 1870}
  - {id: ggf, sex: female, born: 1872}
  - {id: gm, sex: male, born: 1898}
  - {id: gf, sex: female, born: 1899}
  - {id: john, sex: male, born: 1925}
  - {id: eugene, sex: male, born: 1927}
  - {id: howard, sex: male, born: 1929}
unions:
  - {id: hers, partners: [pm, pf], children: [jo]}
  - {partners: [ggm, ggf], children: [gm]}
  - {id: his, partners: [gm, gf], children: [john, eugene, howard]}
  - {partners: [eugene, jo]}
"""


def test_a_couple_hangs_under_the_parents_who_have_parents_of_their_own() -> None:
    # Jo's parents come first in the file but are a root couple, which the
    # placement hangs beside the couple anyway; hanging Eugene and Jo under
    # them took Eugene out of his brothers' sibship (the Gramps example's
    # Garner brothers, split by cousins).
    plan = plan_family(loads_family(IN_LAWS_FIRST, "in-laws.yaml").family, LayoutOptions())
    rows = solve_rows(plan.family, dict(plan.index))
    chains = build_chains(plan, rows)
    p = plan.index
    union, child = chains.home[rows.group[p["eugene"]]]
    assert (plan.uids[union], plan.pid[child]) == ("his", "eugene")
    assert rows.group[p["eugene"]] in chains.under[union]
