"""Vertical zones: the y of everything on each generation row.

Top down, each row holds its household label strip, the dates above the
symbols, the symbols, the union levels, the names, then the channels its
descent lines run along. A row is as tall as what is on it, so nothing
overlaps and lines never cross a box.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from genogram.layout.lines import LineRouting
    from genogram.layout.plan import FamilyPlan

SYMBOL = 40.0
LEVEL = 6.0
MARGIN = 24.0


@dataclass(frozen=True, slots=True)
class RowZones:
    """The y of each row's zones, and the height of the whole drawing."""

    top: Mapping[int, float]  # row -> top of its symbols
    name_top: Mapping[int, float]  # row -> top of its names
    name_bottom: Mapping[int, float]  # row -> bottom of its tallest name
    channel_top: Mapping[int, float]  # row (or -1, above the top row) -> y of its first channel
    strip: Mapping[int, float]  # row -> height of its household label strip
    height: float


def row_zones(plan: FamilyPlan, row: list[int], routing: LineRouting, strip: Mapping[int, float]) -> RowZones:
    """Stack the rows' zones top down (see the module docstring)."""
    nlevels, nchan = routing.levels, routing.channels
    top: dict[int, float] = {}
    name_top: dict[int, float] = {}
    name_bot: dict[int, float] = {}
    chan_y0: dict[int, float] = {}
    cursor = MARGIN
    if -1 in nchan:
        chan_y0[-1] = cursor
        cursor += LEVEL * (nchan[-1] - 1) + 10
    by_row: dict[int, list[int]] = {}
    for p in range(len(plan.people)):
        by_row.setdefault(row[p], []).append(p)
    for r in range(max(row) + 1):
        ps = by_row.get(r, [])
        dates_h = max([d.h for d in (plan.dates[p] for p in ps) if d is not None], default=0.0)
        cursor += strip.get(r, 0.0) + dates_h + 3
        top[r] = cursor
        nl = nlevels.get(r, 0)
        name_top[r] = cursor + SYMBOL + (LEVEL * nl + 4 if nl else 4)
        name_bot[r] = name_top[r] + max([t.h for t in (plan.name[p] for p in ps) if t is not None], default=0.0)
        chan_y0[r] = name_bot[r] + 8
        cursor = chan_y0[r] + LEVEL * max(nchan.get(r, 1) - 1, 0) + 10
    return RowZones(top, name_top, name_bot, chan_y0, strip, cursor + MARGIN)
