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
- order within rows (order.py, via _OrderStep here): neighbouring chains
  swapped where that crosses fewer lines -> XPlacement;
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
        return draw(plan, rows, chains, placed)


def _empty(family: Family, rows: RowAssignment) -> GenogramGeometry:
    """A family with nobody in it: a blank page and its gap markers."""
    geo = GenogramGeometry()
    geo.width = geo.height = 2 * MARGIN
    geo.notes = list(rows.notes)
    for g, _gap in enumerate(family.missing):
        geo.gaps.append(GapMarker(family.gap_ids[g], g + 1, None, 0.0, 0.0, 0.0, 0.0))
    return geo


def order_rows(family: Family, plan: FamilyPlan, rows: RowAssignment, chains: CoupleChains, placed: XPlacement) -> XPlacement:
    """The order-within-rows phase: ``placed`` with neighbouring chains swapped where that crosses fewer lines."""
    step = _OrderStep(family, plan, rows, chains, placed)
    step._order_rows()
    return XPlacement(step.abs_x, tuple(step.cx), placed.width)


class _OrderStep:
    """The order problem's inputs under the names order.py's problem is built from (abs_x, cx: copies it may move)."""

    def __init__(self, family: Family, plan: FamilyPlan, rows: RowAssignment, chains: CoupleChains, placed: XPlacement) -> None:
        self.f = family
        self.people, self.pid, self.index = plan.people, plan.pid, plan.index
        self.u_children, self.u_partners = plan.u_children, plan.u_partners
        self.row, self.group = rows.row, rows.group
        self.chains, self.members = chains.chains, chains.members
        self.abs_x = dict(placed.origin)
        self.cx = list(placed.cx)

    def _order_rows(self) -> None:
        """Swap neighbouring chains where that crosses fewer lines (order.py); moves abs_x and cx."""
        from genogram.layout.order import transpose

        problem = self._order_problem(_SidesWhenAsked(self.f))
        before = dict(problem.origin)
        if not transpose(problem):
            return
        for g, x in problem.origin.items():
            d = x - before[g]
            if d:
                self.abs_x[g] = x
                for p in self.members[g]:
                    self.cx[p] += d

    def _order_problem(self, sides: Sides) -> OrderProblem:
        """The chains on their rows, the lines one row down, sibships and the households drawn."""
        from genogram.layout.order import Chain, OrderProblem, Sibship

        row, group, cx, abs_x = self.row, self.group, self.cx, self.abs_x
        chains: dict[int, Chain] = {}
        anchor: dict[int, tuple[int, float]] = {}
        for g, ch in self.chains.items():
            first, last = ch.items[0], ch.items[-1]
            people = [(self.pid[p], cx[p] - abs_x[g]) for p in self.members[g]]
            chains[g] = Chain(row[self.members[g][0]], first.x - first.lo, last.x + last.hi, people=people)
            for u, a in ch.anchors.items():
                anchor[u] = (g, a)
        for u, kids in enumerate(self.u_children):
            ps = self.u_partners[u]
            if not ps or u not in anchor:
                continue
            pg, a = anchor[u]
            for c in kids:
                if row[c] == row[ps[0]] + 1:
                    cg = group[c]
                    chains[pg].down.append((a, cg, cx[c] - abs_x[cg]))
                    chains[cg].up.append((cx[c] - abs_x[cg], pg, a))
        sibships: list[Sibship] = []
        in_sibships: dict[int, list[int]] = {}
        first_family: dict[int, int] = {}
        for u, union in enumerate(self.f.unions):
            for ref in union.children:
                if ref.id in self.index:
                    first_family.setdefault(self.index[ref.id], u)
        for u, kids in enumerate(self.u_children):
            by_row: dict[int, list[int]] = {}
            for c in kids:
                if first_family.get(c) == u:
                    by_row.setdefault(row[c], []).append(c)
            for ks in by_row.values():
                if len(ks) < 2:
                    continue
                members = [(self.pid[c], group[c], cx[c] - abs_x[group[c]]) for c in ks]
                born = {self.pid[c]: _date_key(self.people[c].born) for c in ks}
                for g in dict.fromkeys(group[c] for c in ks):
                    in_sibships.setdefault(g, []).append(len(sibships))
                sibships.append(Sibship(u, members, born))
        households: dict[int, list[list[tuple[int, float]]]] = {}
        for h in self.f.households:  # those drawn (placements.households_drawn chose them)
            ms = [self.index[m] for m in h.members if m in self.index]
            at = [(group[p], cx[p] - abs_x[group[p]]) for p in ms]
            for g in dict.fromkeys(group[p] for p in ms):
                households.setdefault(g, []).append(at)
        origin = {g: abs_x[g] for g in chains}
        return OrderProblem(chains, origin, sibships, in_sibships, households, sides)


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

