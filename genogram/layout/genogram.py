"""The genogram layout engine: a family model in, geometry out.

A dedicated layered layout instead of a general graph layout, because the
rules people read genograms by (generation rows, partners side by side,
siblings in birth order under their parents) must hold exactly. Phases,
each near-linear, each handing a frozen result to the next:

- rows (rows.py): the generation row of everyone -> RowAssignment;
- plan (plan.py): people, unions, twins, texts, gaps by position -> FamilyPlan;
- chains (chains.py): each partner group as a couple chain, and where it
  hangs -> CoupleChains;
- x-placement (placement.py): bottom-up tidy-tree packing of chains and
  sibships -> XPlacement;
- order within rows (order.py, barycentre.py; the problem built here):
  chains moved where that crosses fewer lines -> XPlacement;
- x-compaction (compaction.py): the order kept, x chosen by one linear
  programme so lines drop straight and the page is narrow -> XPlacement;
- routing (lines.py): union levels, channels, descent routes -> LineRouting;
  vertical zones (zones.py) -> RowZones;
- labels (labelling.py): symbols, names, dates, union texts, gap markers
  -> PlacedLabels;
- households (households.py): boundaries and their labels -> HouseholdDrawing;
- drawing (drawing.py): all of it assembled into the GenogramGeometry.

Lines to a person placed under their other family (cousin marriage) run in
the channel between the two rows; a line that must skip rows goes round the
right-hand side, so no line ever passes through a symbol or a label.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from genogram.collector import collector_paused
from genogram.layout.chains import MARKER, PARTNER_GAP, SEP, CoupleChains, build_chains
from genogram.layout.compaction import compact_x
from genogram.layout.geometry import GapMarker, GenogramGeometry
from genogram.layout.labels import LayoutOptions
from genogram.layout.placement import MARGIN, XPlacement, place_x
from genogram.layout.plan import FamilyPlan, birth_order, plan_family
from genogram.layout.plan import date_key as _date_key
from genogram.layout.rows import RowAssignment, solve_rows
from genogram.model import Family

if TYPE_CHECKING:
    from genogram.layout.metrics import FamilySides
    from genogram.layout.order import OrderProblem, Sides

SYMBOL = 40.0

__all__ = ["MARGIN", "MARKER", "PARTNER_GAP", "SEP", "SYMBOL", "birth_order", "layout_genogram"]


def layout_genogram(family: Family, options: LayoutOptions | None = None) -> GenogramGeometry:
    """Lay out ``family`` as a genogram; pure and deterministic (garbage collector paused: collector.py)."""
    from genogram.layout.drawing import draw

    with collector_paused():
        plan = plan_family(family, options or LayoutOptions())
        rows = solve_rows(family, dict(plan.index))
        if not plan.people:
            return _empty(family, rows)
        chains = build_chains(plan, rows)
        placed = order_rows(family, plan, rows, chains, place_x(plan, rows, chains))
        return draw(plan, rows, chains, compact_x(plan, rows, chains, placed))


def _empty(family: Family, rows: RowAssignment) -> GenogramGeometry:
    """A family with nobody in it: a blank page and its gap markers."""
    geo = GenogramGeometry()
    geo.width = geo.height = 2 * MARGIN
    geo.notes = list(rows.notes)
    for g, _gap in enumerate(family.missing):
        geo.gaps.append(GapMarker(family.gap_ids[g], g + 1, None, 0.0, 0.0, 0.0, 0.0))
    return geo


def order_rows(family: Family, plan: FamilyPlan, rows: RowAssignment, chains: CoupleChains, placed: XPlacement) -> XPlacement:
    """The order-within-rows phase: ``placed`` with chains moved where that crosses fewer lines (order.py)."""
    from genogram.layout.order import transpose

    problem = _order_problem(family, plan, rows, chains, placed, _SidesWhenAsked(family))
    if not transpose(problem):
        return placed
    origin = dict(placed.origin)
    cx = list(placed.cx)
    for g, x in problem.origin.items():
        d = x - placed.origin[g]
        if d:
            origin[g] = x
            for p in chains.members[g]:
                cx[p] += d
    return XPlacement(origin, tuple(cx), placed.width)


def _order_problem(family: Family, plan: FamilyPlan, rows: RowAssignment, chains: CoupleChains, placed: XPlacement, sides: Sides) -> OrderProblem:
    """The chains on their rows, the lines one row down, sibships and the households drawn."""
    from genogram.layout.order import Chain, OrderProblem, Sibship

    row, group, cx, abs_x, pid, members = rows.row, rows.group, placed.cx, placed.origin, plan.pid, chains.members
    order_chains: dict[int, Chain] = {}
    anchor: dict[int, tuple[int, float]] = {}
    for g, ch in chains.chains.items():
        people = [(pid[p], cx[p] - abs_x[g]) for p in members[g]]
        order_chains[g] = Chain(row[members[g][0]], *ch.extent, people=people)
        for u, a in ch.anchors.items():
            anchor[u] = (g, a)
    for u, kids in enumerate(plan.u_children):
        ps = plan.u_partners[u]
        if not ps or u not in anchor:
            continue
        pg, a = anchor[u]
        for c in kids:
            if row[c] == row[ps[0]] + 1:
                cg = group[c]
                order_chains[pg].down.append((a, cg, cx[c] - abs_x[cg]))
                order_chains[cg].up.append((cx[c] - abs_x[cg], pg, a))
    sibships: list[Sibship] = []
    in_sibships: dict[int, list[int]] = {}
    first_family: dict[int, int] = {}
    for u, union in enumerate(family.unions):
        for ref in union.children:
            if ref.id in plan.index:
                first_family.setdefault(plan.index[ref.id], u)
    for u, kids in enumerate(plan.u_children):
        by_row: dict[int, list[int]] = {}
        for c in kids:
            if first_family.get(c) == u:
                by_row.setdefault(row[c], []).append(c)
        for ks in by_row.values():
            if len(ks) < 2:
                continue
            members_here = [(pid[c], group[c], cx[c] - abs_x[group[c]]) for c in ks]
            born = {pid[c]: _date_key(plan.people[c].born) for c in ks}
            for g in dict.fromkeys(group[c] for c in ks):
                in_sibships.setdefault(g, []).append(len(sibships))
            sibships.append(Sibship(u, members_here, born))
    households: dict[int, list[list[tuple[int, float]]]] = {}
    for h in family.households:  # those drawn (placements.households_drawn chose them)
        ms = [plan.index[m] for m in h.members if m in plan.index]
        at = [(group[p], cx[p] - abs_x[group[p]]) for p in ms]
        for g in dict.fromkeys(group[p] for p in ms):
            households.setdefault(g, []).append(at)
    origin = {g: abs_x[g] for g in order_chains}
    return OrderProblem(order_chains, origin, sibships, in_sibships, households, sides)


class _SidesWhenAsked:
    """metrics.FamilySides, built only when a move is about to be taken (and so never for many small families)."""

    def __init__(self, family: Family) -> None:
        self.family = family
        self.sides: FamilySides | None = None

    def side(self, union: int, person: str) -> int:
        return self.whole().side(union, person)

    def whole(self) -> FamilySides:
        """The FamilySides itself, built now if not yet."""
        if self.sides is None:
            from genogram.layout.metrics import FamilySides

            self.sides = FamilySides(self.family)
        return self.sides

