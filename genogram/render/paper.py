"""Put a diagram on paper so its smallest text prints at a readable size.

A family of 60 people is over a metre wide; squeezed onto one A4 sheet its
names print at 2.5 pt. :func:`plan` scales the drawing to fit the sheet when
that keeps every text at ``min_text`` points or more; otherwise it keeps the
scale that holds the minimum and cuts the drawing into tiles, one a sheet,
that overlap by :data:`OVERLAP` and carry + marks to line them up, after a
focus view of the index child's three generations when that fits one sheet
(:func:`with_focus`). The plan says in words which it chose, for the CLI to print.
The plan is plain data that ``diagram.typ`` draws.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from importlib import resources
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from genogram.model import Family

#: Sheet sizes in points, portrait.
PAPERS: dict[str, tuple[float, float]] = {
    "A4": (595.28, 841.89),
    "A3": (841.89, 1190.55),
    "A2": (1190.55, 1683.78),
    "letter": (612.0, 792.0),
}
MM = 72 / 25.4
DEFAULT_MIN_TEXT = 8.0
MARGIN = 12 * MM
#: How far neighbouring tiles share the drawing, so they can be overlapped and taped.
OVERLAP = 15 * MM
#: Room under a tile for its caption (8 pt text).
CAPTION = 30.0


@dataclass(frozen=True, slots=True)
class PaperOptions:
    """What the user asked for: a sheet size (None: one page the drawing's own size) and the smallest text."""

    paper: str | None = None
    landscape: bool = False
    min_text: float = DEFAULT_MIN_TEXT
    #: Page margins (x, y) when a template sets its own, e.g. the pack's.
    margins: tuple[float, float] = (MARGIN, MARGIN)
    #: Room taken at the top of the first sheet by a heading.
    heading: float = 0.0
    #: Try the sheet both ways round and keep the one needing fewer sheets (the pack does).
    either_way: bool = False


@dataclass(frozen=True, slots=True)
class Region:
    """A rectangle of the drawing, in its own units."""

    x: float
    y: float
    w: float
    h: float


@dataclass(frozen=True, slots=True)
class KeyRegion(Region):
    """The key and missing-information list beside a diagram, how tall the diagram itself is, and where the key may be cut."""

    diagram_height: float = 0.0
    #: Heights (in the drawing) between two entries of the key: where a column had best end.
    entry_breaks: tuple[float, ...] = ()
    #: Heights between two lines of one entry, for an entry taller than a column.
    line_breaks: tuple[float, ...] = ()


@dataclass(slots=True)
class Plan:
    """How a drawing goes on sheets: each sheet shows a region of it at a scale, on a page of its own size."""

    mode: str  # natural | fit | split | tiles
    scale: float
    width: float
    height: float
    margin_x: float = 0.0
    margin_y: float = 0.0
    sheets: list[dict[str, Any]] = field(default_factory=list)
    smallest_printed: float = 0.0
    summary: str = ""

    def as_json(self, overlays: list[dict[str, Any]]) -> dict[str, Any]:
        data = {k: getattr(self, k) for k in self.__slots__ if k != "summary"}
        data["overlays"] = overlays
        return data


def sheet_size(paper: str, landscape: bool) -> tuple[float, float]:
    width, height = PAPERS[paper]
    return (height, width) if landscape else (width, height)


def plan(width: float, height: float, smallest: float, options: PaperOptions, key: KeyRegion | None = None) -> Plan:
    """Where the ``width`` x ``height`` drawing (smallest text ``smallest``) goes on paper.

    ``key`` is where the drawing's legend and missing-information list sit
    (beside the diagram): when the whole does not fit a sheet, the diagram
    and its key may go on sheets of their own.
    """
    if options.either_way and options.paper is not None:
        tries = [_plan(width, height, smallest, replace(options, landscape=way), key) for way in (options.landscape, not options.landscape)]
        return min(tries, key=lambda p: (len(p.sheets), p.mode == "tiles", -p.scale))
    return _plan(width, height, smallest, options, key)


@dataclass(frozen=True, slots=True)
class _Sheet:
    paper: str
    landscape: bool
    area_w: float
    area_h: float
    page_w: float
    page_h: float

    @property
    def name(self) -> str:
        return f"{self.paper}{' landscape' if self.landscape else ''}"

    def fit(self, region: Region) -> float:
        return min(self.area_w / region.w, self.area_h / region.h)

    def show(self, region: Region, scale: float, caption: str = "", marks: list[list[float]] | None = None) -> dict[str, Any]:
        """A sheet showing one region of the drawing."""
        return self.compose([(region, scale, 0.0)], caption, marks)

    def compose(self, panels: list[tuple[Region, float, float]], caption: str = "", marks: list[list[float]] | None = None) -> dict[str, Any]:
        """A sheet showing regions side by side: each (region, scale, how far from the left edge)."""
        shown = [{"x": r.x, "y": r.y, "w": r.w, "h": r.h, "scale": scale, "dx": round(dx, 2), "dy": 0.0} for r, scale, dx in panels]
        return {"panels": shown, "page_width": self.page_w, "page_height": self.page_h, "marks": marks or [], "caption": caption}


def _sheet(options: PaperOptions, landscape: bool) -> _Sheet:
    assert options.paper is not None
    page_w, page_h = sheet_size(options.paper, landscape)
    mx, my = options.margins
    return _Sheet(options.paper, landscape, page_w - 2 * mx, page_h - 2 * my - options.heading, page_w, page_h)


def _plan(width: float, height: float, smallest: float, options: PaperOptions, key: KeyRegion | None) -> Plan:
    if options.paper is None:
        own = _Sheet("own", False, width, height, width, height).show(Region(0, 0, width, height), 1.0)
        return Plan("natural", 1.0, width, height, sheets=[own], smallest_printed=smallest)
    mx, my = options.margins
    sheet = _sheet(options, options.landscape)
    needed = options.min_text / smallest if smallest > 0 else 0.0
    whole = Region(0, 0, width, height)
    fit = sheet.fit(whole)
    if fit >= needed:
        scale = _scale(fit, needed)
        printed = round(smallest * scale, 2)
        return Plan("fit", scale, width, height, mx, my, [sheet.show(whole, scale)], printed,
                    f"scaled to fit one {sheet.name} sheet ({scale:.0%}); smallest text {printed:g} pt")
    too_big = f"too large for one {sheet.name} sheet at {options.min_text:g} pt text (fitting would print it at {smallest * fit:.1f} pt)"
    if key is None:
        sheets, said, scale = _part(whole, needed, sheet, "")
        printed = round(smallest * scale, 2)
        return Plan("tiles", scale, width, height, mx, my, sheets, printed, f"{too_big}: {said}; smallest text {printed:g} pt")
    # The key is a narrow column beside the diagram: the diagram goes on sheets
    # of its own, the key in columns beside it where there is room, else on more sheets.
    diagram = Region(0, 0, key.x, key.diagram_height)
    diagram_sheets, diagram_said, scale = _part(diagram, needed, sheet, "the diagram")
    least = math.ceil(needed * 10000) / 10000
    alone = len(diagram_sheets) == 1
    # Each at its own scale, or as small as the text allows when that saves a sheet.
    tries = []
    for diagram_scale in dict.fromkeys((scale, least) if alone else (scale,)):
        for size in dict.fromkeys((_scale(1.0, needed), least)):
            laid = _key_columns(key, size, options, sheet, diagram.w * diagram_scale if alone else None)
            if laid is not None:
                count = len(diagram_sheets) + len(laid[1])
                pieces = bool(laid[0]) + len(laid[1])  # sheets the key is spread over
                tries.append(((count, pieces, -min(diagram_scale, size), -diagram_scale), diagram_scale, size, laid))
    if not tries:  # a column wider than the sheet either way: tile the key as it is
        key_side = max((_sheet(options, way) for way in (sheet.landscape, not sheet.landscape)), key=lambda side: side.fit(key))
        key_sheets, key_said, key_scale = _part(key, needed, key_side, "its key and missing information")
    else:
        _, scale, key_scale, (beside, key_sheets, key_said) = min(tries, key=lambda t: t[0])
        if alone:
            diagram_sheets = [sheet.compose([(diagram, scale, 0.0), *beside])]
            both = "the diagram and its key" if beside and not key_sheets else "the diagram"
            diagram_said = f"{both} on one {sheet.name} sheet ({scale:.0%})"
    printed = round(smallest * min(scale, key_scale), 2)
    mode = "split" if len(diagram_sheets) == 1 else "tiles"
    said = f"{diagram_said}; {key_said}" if key_said else diagram_said
    return Plan(mode, scale, width, height, mx, my, diagram_sheets + key_sheets, printed,
                f"{too_big}: {said}; smallest text {printed:g} pt")


#: Space added between two columns of the key, and between the diagram and the key, on a sheet
#: (points): none, since each region already carries white space at its sides (_KEY_PAD, the legend gap).
GUTTER = 0.0


def _cut_columns(key: KeyRegion, top: float, tallest: float) -> list[Region]:
    """The key from ``top`` down, cut into columns no taller than ``tallest``: between entries where
    one ends in the lower two thirds of the column, else between lines, else wherever it must."""
    bottom = key.y + key.h
    columns = []
    while bottom - top > tallest:
        limit = top + tallest
        cut = max((b for b in key.entry_breaks if top + tallest / 3 < b <= limit), default=None)
        if cut is None:
            cut = max((b for b in key.line_breaks if top < b <= limit), default=limit)
        columns.append(Region(key.x, round(top, 2), key.w, round(cut - top, 2)))
        top = cut
    columns.append(Region(key.x, round(top, 2), key.w, round(bottom - top, 2)))
    return columns


def _key_columns(
    key: KeyRegion, scale: float, options: PaperOptions, sheet: _Sheet, diagram_w: float | None
) -> tuple[list[tuple[Region, float, float]], list[dict[str, Any]], str] | None:
    """The key in columns at ``scale``: those beside the diagram, the sheets for the rest, and what was done, in words.

    ``diagram_w`` is the printed width of a diagram alone on its sheet (None
    when it is tiled): the first columns go beside it where there is room,
    the rest on sheets of their own, turned whichever way needs fewer.
    None when a column is wider than a sheet.
    """
    column_w = key.w * scale
    top = key.y
    beside: list[tuple[Region, float, float]] = []
    if diagram_w is not None and sheet.area_w - diagram_w - GUTTER >= column_w:
        fits = int((sheet.area_w - diagram_w) // (column_w + GUTTER))
        columns = _cut_columns(key, top, sheet.area_h / scale)[:fits]
        beside = [(c, scale, diagram_w + GUTTER + i * (column_w + GUTTER)) for i, c in enumerate(columns)]
        top = columns[-1].y + columns[-1].h
    if top >= key.y + key.h - 0.01:
        return beside, [], ""
    tries = []
    for turned, side in enumerate((sheet, _sheet(options, not sheet.landscape))):
        per_sheet = int((side.area_w + GUTTER) // (column_w + GUTTER))
        if per_sheet >= 1:
            columns = _cut_columns(key, top, side.area_h / scale)
            tries.append((math.ceil(len(columns) / per_sheet), turned, side, columns, per_sheet))
    if not tries:
        return None
    count, _, side, columns, per_sheet = min(tries, key=lambda t: (t[0], t[1]))
    sheets = [side.compose([(c, scale, i * (column_w + GUTTER)) for i, c in enumerate(columns[at : at + per_sheet])])
              for at in range(0, len(columns), per_sheet)]
    total = len(beside) + len(columns)
    more = f"{count} more {side.name} sheet{'s' if count != 1 else ''} ({scale:.0%})"
    if total == 1:
        said = f"its key and missing information on {more}"
    else:
        where = f"{len(beside)} beside the diagram and {len(columns)} on" if beside else "on"
        said = f"its key and missing information in {total} columns, {where} {more}"
    return beside, sheets, said


def _scale(fit: float, needed: float) -> float:
    """The scale to print at: the fit, but never enlarged beyond what the minimum text size needs."""
    return round(max(needed, min(fit, 1.0)), 4)


def _part(region: Region, needed: float, sheet: _Sheet, what: str) -> tuple[list[dict[str, Any]], str, float]:
    """Sheets showing ``region``: one when it fits at the minimum text size, else tiles; and what was done, in words."""
    fit = sheet.fit(region)
    named = f"{what} " if what else ""
    if fit >= needed:
        scale = _scale(fit, needed)
        return [sheet.show(region, scale)], f"{named}on one {sheet.name} sheet ({scale:.0%})", scale
    scale = math.ceil(needed * 1000) / 1000
    tiles = _tiles(region, scale, sheet)
    rows, cols = 1 + max(t["row"] for t in tiles), 1 + max(t["col"] for t in tiles)
    return tiles, (f"{named}tiled across {len(tiles)} {sheet.name} sheets, {rows} down by {cols} across, "
                   f"overlapping by {OVERLAP / MM:.0f} mm, at {scale:.0%}"), scale


def _tiles(region: Region, scale: float, sheet: _Sheet) -> list[dict[str, Any]]:
    """Tiles of ``region`` left to right, top to bottom; each overlaps the next by OVERLAP, marked with + marks."""
    tile_w, tile_h = sheet.area_w, sheet.area_h - CAPTION
    step_x, step_y = tile_w - OVERLAP, tile_h - OVERLAP
    cols = max(1, math.ceil((region.w * scale - OVERLAP) / step_x))
    rows = max(1, math.ceil((region.h * scale - OVERLAP) / step_y))
    sheets = []
    half = OVERLAP / 2
    for r in range(rows):
        for c in range(cols):
            marks: list[tuple[float, float]] = []
            if c + 1 < cols:
                marks += [(tile_w - half, 10.0), (tile_w - half, tile_h - 10)]
            if c > 0:
                marks += [(half, 10.0), (half, tile_h - 10)]
            if r + 1 < rows:
                marks += [(10.0, tile_h - half), (tile_w - 10, tile_h - half)]
            if r > 0:
                marks += [(10.0, half), (tile_w - 10, half)]
            caption = (f"Sheet {r * cols + c + 1} of {rows * cols}: row {r + 1} of {rows}, column {c + 1} of {cols}. "
                       f"Lay it over its neighbours by {OVERLAP / MM:.0f} mm so the + marks meet.")
            tile = Region(round(region.x + c * step_x / scale, 2), round(region.y + r * step_y / scale, 2), round(tile_w / scale, 2), round(tile_h / scale, 2))
            shown = sheet.show(tile, scale, caption, [[round(x, 2), round(y, 2)] for x, y in marks])
            sheets.append({**shown, "row": r, "col": c})
    return sheets


_KEY = re.compile(r'<g class="legend"[^>]*>')
_ATTRIBUTE = re.compile(r'([a-z-]+)="([^"]*)"')
_TRANSLATE = re.compile(r"translate\(([0-9.]+),([0-9.]+)\)")
_DIAGRAM_HEIGHT = re.compile(r'data-diagram-height="([0-9.]+)"')
#: Room round the key when it is shown on a sheet of its own.
_KEY_PAD = 12.0


def key_region(svg: str, width: float, height: float) -> KeyRegion | None:
    """Where the genogram's key and missing-information list sit (to the right of the diagram), if it has them."""
    found = _KEY.search(svg)
    tall = _DIAGRAM_HEIGHT.search(svg[:4096])
    if found is None or tall is None:
        return None
    attributes = dict(_ATTRIBUTE.findall(found.group(0)))
    at = _TRANSLATE.fullmatch(attributes.get("transform", ""))
    if at is None:
        return None
    left, top = float(at.group(1)), float(at.group(2))
    x, y = left - _KEY_PAD, top - _KEY_PAD

    def heights(name: str) -> tuple[float, ...]:
        return tuple(top + float(v) for v in attributes.get(name, "").split())

    from genogram.render.theme import LEGEND_WIDTH

    return KeyRegion(x, y, min(width - x, LEGEND_WIDTH + 2 * _KEY_PAD), height - y, float(tall.group(1)),
                     heights("data-breaks"), heights("data-line-breaks"))


def diagram_typst() -> str:
    """The typst functions that draw a planned diagram (``gg-pages``)."""
    return (resources.files("genogram.render") / "diagram.typ").read_text(encoding="utf-8")


@dataclass(frozen=True, slots=True)
class Prepared:
    """An SVG ready for typst: the SVG without the text typst sets itself, and the plan as JSON."""

    svg: str
    plan_json: str
    plan: Plan


def prepare(svg: str, options: PaperOptions) -> Prepared:
    """Split off the text typst sets itself and plan the paper for ``svg``."""
    import json

    from genogram.render.overlay import smallest_text, split_text
    from genogram.render.typst_out import svg_size
    from genogram.shaping import first_strong_rtl

    width, height = (float(v) for v in svg_size(svg))
    rest, overlays = split_text(svg)
    laid = plan(width, height, smallest_text(svg), options, key_region(svg, width, height))
    texts = [{**o.as_json(), "rtl": first_strong_rtl(o.text)} for o in overlays]
    return Prepared(rest, json.dumps(laid.as_json(texts), ensure_ascii=False, sort_keys=True), laid)


_DOCUMENT = """
#set document(title: sys.inputs.title, author: "genogram", keywords: ("generator: genogram",))
"""
_DIAGRAM = """#gg-pages(sys.inputs.svg{n}, json(bytes(sys.inputs.plan{n})))
"""


def document(svg: str, title: str, options: PaperOptions | None = None) -> tuple[bytes, dict[str, str], Plan]:
    """The typst source, its inputs and the plan for drawing ``svg`` alone."""
    prepared = prepare(svg, options or PaperOptions())
    source, inputs = _pages([prepared], title)
    return source, inputs, prepared.plan


def _pages(diagrams: list[Prepared], title: str) -> tuple[bytes, dict[str, str]]:
    """One typst document drawing each prepared diagram in turn (the source holds no user text)."""
    source = diagram_typst() + _DOCUMENT + "".join(_DIAGRAM.format(n=n) for n in range(len(diagrams)))
    inputs = {"title": title}
    for n, prepared in enumerate(diagrams):
        inputs[f"svg{n}"] = prepared.svg
        inputs[f"plan{n}"] = prepared.plan_json
    return source.encode("utf-8"), inputs


def with_focus(family: Family, draw: Callable[[Family], str], options: PaperOptions, see: str) -> tuple[list[Prepared], str]:
    """The diagrams for ``family`` on paper, in page order, and a sentence saying what was chosen (see :func:`choose`).

    ``see`` ends each collapsed branch's stub; ``{page}`` in it becomes the
    page the whole family starts on.
    """
    from genogram.render.focus import focus_family

    def focus_svg(page: int) -> str | None:
        focus = focus_family(family, see.format(page=page))
        return draw(focus) if focus is not None else None

    return choose(draw(family), focus_svg, options)


def choose(svg: str, focus_svg: Callable[[int], str | None], options: PaperOptions) -> tuple[list[Prepared], str]:
    """Scale, focus or tile: the diagrams in page order and what was chosen, in words.

    The whole drawing on one sheet (or the diagram on one and its key on the
    next) when its text stays legible. Otherwise, when the focus view (drawn
    only then, told the page the whole family starts on) fits one sheet, it
    comes first, then the whole family in tiles; failing that, tiles alone.
    """
    full = prepare(svg, options)
    if full.plan.mode != "tiles":
        return [full], full.plan.summary
    near_svg = focus_svg(2)
    near = prepare(near_svg, options) if near_svg is not None else None
    if near is not None and len(near.plan.sheets) > 1:  # its key takes sheets too: the whole family starts later
        near_svg = focus_svg(1 + len(near.plan.sheets))
        near = prepare(near_svg, options) if near_svg is not None else None
    if near is None or near.plan.mode not in ("fit", "split"):  # the focus view's diagram must be one sheet
        return [full], full.plan.summary
    summary = (f"focus view first (the index child's three generations, other branches collapsed to labelled stubs): "
               f"{near.plan.summary}; then the whole family: {full.plan.summary}")
    return [near, full], summary


def family_pdf(family: Family, draw: Callable[[Family], str], title: str, options: PaperOptions) -> tuple[bytes, str]:
    """``family`` drawn by ``draw`` as a PDF on ``options.paper`` sheets, and what was chosen, in words."""
    from genogram.render.typst_out import compile_typst

    diagrams, summary = with_focus(family, draw, options, "see page {page}")
    source, inputs = _pages(diagrams, title)
    return compile_typst(source, inputs), summary
