"""x-compaction: the chains' order kept, their x chosen by one linear programme.

The tidy packing (placement.py) places each family beside the one it
married into, tree by tree, and the order phase then moves chains; neither
looks at the whole page, so parents end up far from their children and real
genealogies come out several times wider than their widest row (English
Tudor pedigree: 12,044 points where its widest row needs 6,390; royal92
more than 85,000 where 32,758 would do). This phase keeps
every chain's row and its place in the row's order (so partners, birth
order, crossings and sibship membership are exactly as the order phase
left them) and chooses x as dot does (Gansner et al. 1993, section 4), by
minimising the weighted sum of:

- how far an only child sits from the point its parents' line starts
  from (ONLY), how far a sibship's middle sits from it (MIDDLE), and how
  long the sibship's bar is (BAR), so lines drop straight and parents are
  centred over short sibship bars;
- how far each member of a drawn household sits from its middle (HOUSE),
  so its boundary runs a short way;
- the page's width (PAGE) and each row's span (SPAN), so nothing spreads
  further than the lines need.

Neighbours on a row keep at least SEP between their extents (or what the
packing gave them, where that was less).
The programme is solved exactly by HiGHS (linear_programme.py). Above
LARGEST chains, or if the solver stops short of optimal within its
iteration limit, the placement is returned as it came (the metrics still
report it), so the result never depends on time.
"""

from __future__ import annotations

from genogram.layout.chains import SEP, CoupleChains
from genogram.layout.linear_programme import LinearProgramme, solve
from genogram.layout.placement import MARGIN, XPlacement
from genogram.layout.plan import FamilyPlan
from genogram.layout.rows import RowAssignment

ONLY = 10.0  # per point an only child sits off its parents' line (the line would jog)
MIDDLE = 4.0  # per point a sibship's middle sits off its parents' line (the line still meets the sibship's bar)
BAR = 2.0  # per point of a sibship's bar, first child to last
PAGE = 2.0  # per point of page width
SPAN = 1.0  # per point of one row's span
HOUSE = 6.0  # per point a household member sits off the household's middle (less than ONLY: a straight line first)
LARGEST = 3000  # chains; larger families keep the packing (HiGHS takes 1 to 4.4 s at 10,000 people: docs/layout.md)
ITERATIONS_PER_CHAIN = 50  # simplex iteration limit, per chain
GRID = 2.0**20  # solutions are rounded to a binary millionth of a point: float noise gone, lines that meet still meet


def compact_x(plan: FamilyPlan, rows: RowAssignment, chains: CoupleChains, placed: XPlacement) -> XPlacement:
    """``placed`` with every chain moved along its row as the module docstring says, order unchanged."""
    if not chains.chains or len(chains.chains) > LARGEST:
        return placed
    extent = {g: ch.extent for g, ch in chains.chains.items()}
    by_row: dict[int, list[int]] = {}
    for g in chains.chains:
        by_row.setdefault(rows.row[chains.members[g][0]], []).append(g)
    lp = LinearProgramme()
    var = {g: lp.variable() for g in chains.chains}
    left, right = lp.variable(-PAGE), lp.variable(PAGE)
    origin = placed.origin
    for gs in by_row.values():
        gs.sort(key=lambda g: (origin[g], g))
        for a, b in zip(gs, gs[1:]):
            need = extent[a][1] - extent[b][0] + SEP
            lp.at_least(((var[b], 1.0), (var[a], -1.0)), min(need, origin[b] - origin[a]))
        first, last = gs[0], gs[-1]
        lp.cost[var[last]] += SPAN
        lp.cost[var[first]] -= SPAN
        lp.at_least(((var[first], 1.0), (left, -1.0)), -extent[first][0])
        lp.at_least(((right, 1.0), (var[last], -1.0)), extent[last][1])
    _line_terms(lp, var, plan, rows, chains, placed)
    _household_terms(lp, var, plan, rows, placed)
    x = solve(lp, ITERATIONS_PER_CHAIN * len(var) + 1000)
    if x is None:
        return placed
    shift = MARGIN - x[left]
    new_origin = {g: round((x[v] + shift) * GRID) / GRID for g, v in var.items()}
    cx = list(placed.cx)
    for g, ch in chains.chains.items():
        for it in ch.items:
            if it.person is not None:
                cx[it.person] = new_origin[g] + it.x
    width = max(new_origin[g] + extent[g][1] for g in var) + MARGIN
    return XPlacement(new_origin, tuple(cx), width)


def _line_terms(
    lp: LinearProgramme, var: dict[int, int], plan: FamilyPlan, rows: RowAssignment, chains: CoupleChains, placed: XPlacement
) -> None:
    """ONLY for an only child one row below their parents' chain; MIDDLE and BAR for each sibship of two or more there."""
    row, group, cx, origin = rows.row, rows.group, placed.cx, placed.origin
    for u, kids in enumerate(plan.u_children):
        partners = plan.u_partners[u]
        if not partners:
            continue
        pg = group[partners[0]]
        at = chains.chains[pg].anchors.get(u)
        if at is None:
            continue
        below = sorted((c for c in kids if row[c] == row[partners[0]] + 1), key=lambda c: (cx[c], c))
        if len(below) == 1:
            c = below[0]
            lp.absolute(((var[group[c]], 1.0), (var[pg], -1.0)), cx[c] - origin[group[c]] - at, ONLY)
        elif below:
            a, b = below[0], below[-1]
            ga, gb = group[a], group[b]
            lp.cost[var[gb]] += BAR  # the bar's length, x of the last child less x of the first (order keeps it positive)
            lp.cost[var[ga]] -= BAR
            offset = (cx[a] - origin[ga] + cx[b] - origin[gb]) / 2 - at
            lp.absolute(((var[ga], 0.5), (var[gb], 0.5), (var[pg], -1.0)), offset, MIDDLE)


def _household_terms(lp: LinearProgramme, var: dict[int, int], plan: FamilyPlan, rows: RowAssignment, placed: XPlacement) -> None:
    """HOUSE for each member of a drawn household, towards a middle chosen with them (so its boundary stays short)."""
    group, cx, origin = rows.group, placed.cx, placed.origin
    for h in plan.family.households:
        members = [plan.index[m] for m in h.members if m in plan.index]
        if len({group[p] for p in members}) < 2:
            continue
        middle = lp.variable()
        for p in members:
            lp.absolute(((var[group[p]], 1.0), (middle, -1.0)), cx[p] - origin[group[p]], HOUSE)
