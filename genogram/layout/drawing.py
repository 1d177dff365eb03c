"""The last step: routing, zones, labels and households assembled into the genogram's geometry.

Runs the drawing phases in the order each needs the last (routes before
zones, since union levels and channels make rows taller; labels and lines
before households, whose boundaries keep clear of both), then adds the gap
markers and the relationship layer, routed over everything else.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from genogram.layout.geometry import GapMarker, GenogramGeometry, RelationshipLine
from genogram.layout.households import draw as draw_households
from genogram.layout.households import household_rows
from genogram.layout.labelling import place_labels
from genogram.layout.lines import descent_lines, route_lines, union_lines
from genogram.layout.relationships import route_relationships
from genogram.layout.zones import row_zones

if TYPE_CHECKING:
    from genogram.layout.chains import CoupleChains
    from genogram.layout.placement import XPlacement
    from genogram.layout.plan import FamilyPlan
    from genogram.layout.rows import RowAssignment

MARGIN = 24.0


def draw(plan: FamilyPlan, rows: RowAssignment, chains: CoupleChains, placed: XPlacement) -> GenogramGeometry:
    """The finished geometry of a family with people in it."""
    f, row = plan.family, rows.row
    routing = route_lines(plan, rows, chains, placed)
    houses = household_rows(plan, row)
    zones = row_zones(plan, row, routing, houses.strip)
    placed_labels = place_labels(plan, row, chains, placed, zones)
    geo = GenogramGeometry()
    geo.people.extend(placed_labels.people)
    geo.labels.extend(placed_labels.labels)
    geo.unions.extend(union_lines(plan, routing, zones))
    geo.children.extend(descent_lines(plan, row, placed.cx, routing, zones))
    width = max([routing.right_edge] + [lab.x + lab.w + MARGIN for lab in geo.labels])
    drawn = draw_households(plan, row, placed.cx, geo.labels, geo.children, houses, zones, placed_labels.gap_pos)
    geo.labels.extend(drawn.labels)
    geo.households.extend(drawn.outlines)
    width = max([width] + [hx + MARGIN for hb in geo.households for hx, _ in hb.points] + [lab.x + lab.w + MARGIN for lab in geo.labels])
    # Gap markers in file order.
    gap_pos = drawn.gap_pos
    for g, gap in enumerate(f.missing):
        pos = gap_pos.get(g)
        subject = gap.about if pos is not None else None
        if pos is None:
            geo.gaps.append(GapMarker(f.gap_ids[g], g + 1, None, 0.0, 0.0, 0.0, 0.0))
        else:
            geo.gaps.append(GapMarker(f.gap_ids[g], g + 1, subject, *pos))
    # Relationships: a layer over the structure, routed round labels and symbols.
    if plan.options.relationships:
        drawn_rels = [rel for rel in f.relationships if rel.ends[0] in plan.index and rel.ends[1] in plan.index]
        paths = route_relationships(geo, [rel.ends for rel in drawn_rels])
        for rel, path in zip(drawn_rels, paths):
            geo.relationships.append(RelationshipLine((rel.ends[0], rel.ends[1]), rel.kind.value, rel.directed, path))
    geo.width = width
    geo.height = zones.height
    geo.notes = list(dict.fromkeys([*rows.notes, *routing.notes, *drawn.notes]))
    return geo
