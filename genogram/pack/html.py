"""The HTML pack: one self-contained file that reads offline, with no scripts.

jinja2 with autoescape escapes every piece of user text exactly once. The
diagrams are our own SVG (built by render/element.py or svgwrite, which already escaped the text
in them), inlined as markup without their XML prolog. A Content-Security-
Policy forbids every external load, so a pack opened from an email cannot
reach out to anything.
"""

from __future__ import annotations

import re

from genogram.pack.content import UNANSWERED, PackContent

_PROLOG = re.compile(r"^\s*<\?xml[^>]*\?>\s*(<!DOCTYPE[^>]*>\s*)?")


def inline_svg(svg: str) -> str:
    """An SVG document as an element for inlining in HTML (prolog removed)."""
    return _PROLOG.sub("", svg)


def render_html(content: PackContent) -> str:
    from jinja2 import Environment, PackageLoader, StrictUndefined
    from markupsafe import Markup

    env = Environment(
        loader=PackageLoader("genogram.pack", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    template = env.get_template("pack.html.j2")
    return template.render(
        c=content,
        unanswered=UNANSWERED,
        genogram_svg=Markup(inline_svg(content.genogram_svg)),
        ecomap_svg=Markup(inline_svg(content.ecomap_svg)) if content.ecomap_svg else "",
        timeline_svg=Markup(inline_svg(content.timeline_svg)) if content.timeline_svg else "",
    )
