"""Labels: each symbol's box, its name and dates, union texts and gap markers, on the page.

Names go below the symbol, dates above it (to the right, centred for
someone with no parents, to the left for the first of twins), union texts
and union gap markers stacked in the gap their chain left between the
partners (or on the stub), a person's gap markers in columns left of the
symbol. Household labels come later, with the boundaries (households.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from genogram.layout.geometry import Label, PersonBox

if TYPE_CHECKING:
    from genogram.layout.chains import CoupleChains
    from genogram.layout.labels import Text
    from genogram.layout.placement import XPlacement
    from genogram.layout.plan import FamilyPlan
    from genogram.layout.zones import RowZones

SYMBOL = 40.0
HALF = 20.0
MARKER = 14.0

GapBox = tuple[float, float, float, float]  # x, y, w, h


@dataclass(frozen=True, slots=True)
class PlacedLabels:
    """Symbols, their labels and the gap markers beside people and unions."""

    people: tuple[PersonBox, ...]  # file order
    labels: tuple[Label, ...]  # dates and name of each person in file order, then union texts chain by chain
    gap_pos: Mapping[int, GapBox]  # gap number -> its marker (person and union gaps only)


def place_labels(plan: FamilyPlan, row: list[int], chains: CoupleChains, placed: XPlacement, zones: RowZones) -> PlacedLabels:
    """Every person's box and labels, then the union texts and gap markers (see the module docstring)."""
    cx, top = placed.cx, zones.top
    people = tuple(PersonBox(person.id, row[p], cx[p] - HALF, top[row[p]], SYMBOL, SYMBOL) for p, person in enumerate(plan.people))
    labels: list[Label] = []
    for p, person in enumerate(plan.people):
        r = row[p]
        dates = plan.dates[p]
        if dates is not None:
            side = plan.dates_side(p)
            x = cx[p] - dates.w / 2 if side == "centre" else cx[p] + 4 if side == "right" else cx[p] - 4 - dates.w
            labels.append(Label(person.id, "dates", x, top[r] - 2 - dates.h, dates.w, dates.h, dates.lines, dates.size))
        name = plan.name[p]
        if name is not None:
            labels.append(Label(person.id, "name", cx[p] - name.w / 2, zones.name_top[r], name.w, name.h, name.lines, name.size))
    gap_pos = _union_stacks(plan, row, chains, placed, zones, labels)
    for p, gaps in plan.person_gaps.items():
        r = row[p]
        for i, gnum in enumerate(gaps):
            column, k = divmod(i, 3)
            gx = cx[p] - HALF - 3 - (column + 1) * (MARKER + 2) + 2
            gap_pos[gnum] = (gx, top[r] + k * (MARKER + 1), MARKER, MARKER)
    return PlacedLabels(people, tuple(labels), gap_pos)


def _union_stacks(
    plan: FamilyPlan, row: list[int], chains: CoupleChains, placed: XPlacement, zones: RowZones, labels: list[Label]
) -> dict[int, GapBox]:
    """Union texts (added to ``labels``) and union gap markers, stacked in their gaps; returns the markers."""
    gap_pos: dict[int, GapBox] = {}
    for g, chain in chains.chains.items():
        r = row[next(it.person for it in chain.items if it.person is not None)]
        origin = placed.origin[g]
        for key, stuff in chain.gap_stack.items():
            if key < 0:
                it = chain.items[-1 - key]
                mid = origin + it.x
            else:
                left, right = chain.items[key], chain.items[key + 1]
                mid = origin + ((left.x + left.hi) + (right.x - right.lo)) / 2
            y = zones.top[r] + 2
            for kind, sw, sh, obj in stuff:
                if kind == "union":
                    text = cast("Text", obj)
                    owner = next(uu for uu, slot in chain.anchor_gap.items() if slot == key)
                    for uu, slot in chain.anchor_gap.items():
                        if slot == key and plan.utext[uu] is text:
                            owner = uu
                    labels.append(Label(plan.uids[owner], "union", mid - sw / 2, y, sw, sh, text.lines, text.size))
                else:
                    gap_pos[cast(int, obj)] = (mid - sw / 2, y, sw, sh)
                y += sh + 2
    return gap_pos
