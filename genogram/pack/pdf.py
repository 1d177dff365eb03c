"""The PDF pack through typst: data in as JSON, fonts embedded, fixed dates.

User text never touches typst source: the template reads ``sys.inputs``, so
a name like ``#set page(...)`` or ``*bold*`` prints literally. The timestamp
is fixed (in ``render.typst_out``), so the same session gives the same bytes on every run.
"""

from __future__ import annotations

import json
from importlib import resources

from genogram.pack.content import UNANSWERED, PackContent


def render_pdf(content: PackContent) -> bytes:
    from genogram.render.typst_out import compile_typst

    template = resources.files("genogram.pack") / "templates" / "pack.typ"
    with resources.as_file(template) as template_path:
        return compile_typst(
            template_path,
            {
                "data": json.dumps(content.as_json(), ensure_ascii=False, sort_keys=True),
                "genogram": content.genogram_svg,
                "ecomap": content.ecomap_svg,
                "timeline": content.timeline_svg,
                "unanswered": UNANSWERED,
            },
        )
