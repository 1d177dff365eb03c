"""The PDF pack through typst: data in as JSON, fonts embedded, fixed dates.

User text never touches typst source: the template reads ``sys.inputs``, so
a name like ``#set page(...)`` or ``*bold*`` prints literally. The timestamp
is fixed (in ``render.typst_out``), so the same session gives the same bytes on every run.
"""

from __future__ import annotations

import functools
import json
from importlib import resources

from genogram.pack.content import UNANSWERED, PackContent
from genogram.render.paper import DEFAULT_MIN_TEXT, MM

#: Margins of the diagram sheets (narrower than the text pages', leaving room for the footer) and the room a section heading takes above a diagram.
_PACK_MARGINS = (12 * MM, 11 * MM)
_HEADING = 36.0


def render_pdf(content: PackContent) -> bytes:
    return render_pdf_on_paper(content)[0]


def render_pdf_on_paper(content: PackContent, paper: str = "A4", min_text: float = DEFAULT_MIN_TEXT) -> tuple[bytes, list[str]]:
    """The PDF pack, and for each diagram a sentence saying whether it was scaled to its sheet or tiled.

    Each diagram gets the sheet turned whichever way needs fewer sheets, with the
    pack's margins and room for the section heading (see pack.typ).
    """
    from genogram.render.paper import PaperOptions, choose, diagram_typst
    from genogram.render.typst_out import compile_typst

    inputs = {
        "data": json.dumps(content.as_json(), ensure_ascii=False, sort_keys=True),
        "unanswered": UNANSWERED,
        "ecomap": "",
        "ecomap_plan": "",
        "timeline": "",
        "timeline_plan": "",
    }
    said = []
    for key, svg, landscape in (("genogram", content.genogram_svg, True), ("ecomap", content.ecomap_svg, False), ("timeline", content.timeline_svg, True)):
        if not svg:
            continue
        options = PaperOptions(paper, landscape, min_text, margins=_PACK_MARGINS, heading=_HEADING, either_way=True)
        focus = (content.genogram_focus_svg if key == "genogram" else "") or None
        diagrams, summary = choose(svg, functools.partial(_given, focus), options)
        for prepared, name in zip(diagrams, [key] if len(diagrams) == 1 else [key + "_focus", key]):
            inputs[name] = prepared.svg
            inputs[name + "_plan"] = prepared.plan_json
        said.append(f"{key}: {summary}")
    template = resources.files("genogram.pack") / "templates" / "pack.typ"
    source = diagram_typst().encode("utf-8") + template.read_bytes()
    return compile_typst(source, inputs), said


def _given(svg: str | None, page: int) -> str | None:
    """The focus SVG the pack already drew (or None); its stubs say "see next sheets", whatever the page."""
    return svg
