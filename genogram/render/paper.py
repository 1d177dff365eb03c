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
CAPTION = 16.0


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


@dataclass(slots=True)
class Plan:
    mode: str  # natural | fit | tiles
    scale: float
    width: float
    height: float
    page_width: float
    page_height: float
    margin_x: float = 0.0
    margin_y: float = 0.0
    tile_width: float = 0.0
    tile_height: float = 0.0
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


def plan(width: float, height: float, smallest: float, options: PaperOptions) -> Plan:
    """Where the ``width`` x ``height`` drawing (smallest text ``smallest``) goes on paper."""
    if options.either_way and options.paper is not None:
        tries = [_plan(width, height, smallest, replace(options, landscape=way)) for way in (options.landscape, not options.landscape)]
        return min(tries, key=lambda p: (len(p.sheets), -p.scale))
    return _plan(width, height, smallest, options)


def _plan(width: float, height: float, smallest: float, options: PaperOptions) -> Plan:
    if options.paper is None:
        return Plan("natural", 1.0, width, height, width, height, sheets=[{}], smallest_printed=smallest, summary="")
    page_w, page_h = sheet_size(options.paper, options.landscape)
    mx, my = options.margins
    area_w, area_h = page_w - 2 * mx, page_h - 2 * my - options.heading
    sheet = f"{options.paper}{' landscape' if options.landscape else ''}"
    fit = min(area_w / width, area_h / height)
    needed = options.min_text / smallest if smallest > 0 else 0.0
    if fit >= needed:
        scale = round(max(needed, min(fit, 1.0)), 4)  # never enlarged beyond what the minimum needs
        printed = round(smallest * scale, 2)
        return Plan("fit", scale, width, height, page_w, page_h, mx, my, sheets=[{}], smallest_printed=printed,
                    summary=f"scaled to fit one {sheet} sheet ({scale:.0%}); smallest text {printed:g} pt")
    scale = math.ceil(needed * 1000) / 1000
    tile_w, tile_h = area_w, area_h - CAPTION
    sheets = _tiles(width * scale, height * scale, tile_w, tile_h)
    printed = round(smallest * scale, 2)
    plan_ = Plan("tiles", scale, width, height, page_w, page_h, mx, my, tile_w, tile_h, sheets, printed)
    rows = 1 + max(s["row"] for s in sheets)
    cols = 1 + max(s["col"] for s in sheets)
    plan_.summary = (f"too large for one {sheet} sheet at {options.min_text:g} pt text (fitting would print it at "
                     f"{smallest * fit:.1f} pt): tiled across {len(sheets)} sheets, {rows} down by {cols} across, "
                     f"overlapping by {OVERLAP / MM:.0f} mm, at {scale:.0%}; smallest text {printed:g} pt")
    return plan_


def _tiles(width: float, height: float, tile_w: float, tile_h: float) -> list[dict[str, Any]]:
    """Tiles left to right, top to bottom; each overlaps the next by OVERLAP, marked with + marks."""
    step_x, step_y = tile_w - OVERLAP, tile_h - OVERLAP
    cols = max(1, math.ceil((width - OVERLAP) / step_x))
    rows = max(1, math.ceil((height - OVERLAP) / step_y))
    sheets = []
    for r in range(rows):
        for c in range(cols):
            marks: list[tuple[float, float]] = []
            half = OVERLAP / 2
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
            sheets.append({"row": r, "col": c, "x": round(c * step_x, 2), "y": round(r * step_y, 2),
                           "marks": [[round(x, 2), round(y, 2)] for x, y in marks], "caption": caption})
    return sheets


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
    laid = plan(width, height, smallest_text(svg), options)
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
    """The diagrams for ``family`` on paper, in page order, and a sentence saying what was chosen (see :func:`choose`)."""
    from genogram.render.focus import focus_family

    def focus_svg() -> str | None:
        focus = focus_family(family, see)
        return draw(focus) if focus is not None else None

    return choose(draw(family), focus_svg, options)


def choose(svg: str, focus_svg: Callable[[], str | None], options: PaperOptions) -> tuple[list[Prepared], str]:
    """Scale, focus or tile: the diagrams in page order and what was chosen, in words.

    The whole drawing scaled to one sheet when its text stays legible.
    Otherwise, when the focus view (drawn only then) fits one sheet, it comes
    first, then the whole family in tiles; failing that, tiles alone.
    """
    full = prepare(svg, options)
    if full.plan.mode != "tiles":
        return [full], full.plan.summary
    near_svg = focus_svg()
    near = prepare(near_svg, options) if near_svg is not None else None
    if near is None or near.plan.mode != "fit":
        return [full], full.plan.summary
    summary = (f"focus view first: the index child's three generations on one sheet, other branches collapsed to labelled "
               f"stubs (smallest text {near.plan.smallest_printed:g} pt); then the whole family, {full.plan.summary}")
    return [near, full], summary


def family_pdf(family: Family, draw: Callable[[Family], str], title: str, options: PaperOptions) -> tuple[bytes, str]:
    """``family`` drawn by ``draw`` as a PDF on ``options.paper`` sheets, and what was chosen, in words."""
    from genogram.render.typst_out import compile_typst

    diagrams, summary = with_focus(family, draw, options, "see page 2")
    source, inputs = _pages(diagrams, title)
    return compile_typst(source, inputs), summary
