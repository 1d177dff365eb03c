"""The PDF pack through typst: data in as JSON, fonts embedded, fixed dates.

User text never touches typst source: the template reads ``sys.inputs``, so
a name like ``#set page(...)`` or ``*bold*`` prints literally. The timestamp
is fixed, so the same session gives the same bytes on every run.
"""

from __future__ import annotations

import json
from importlib import resources

from genogram.pack.content import UNANSWERED, PackContent

#: 2000-01-01T00:00:00Z: a fixed document date keeps reruns byte-identical.
FIXED_TIMESTAMP = 946684800


def render_pdf(content: PackContent) -> bytes:
    import typst

    fonts = resources.files("genogram") / "fonts"
    template = resources.files("genogram.pack") / "templates" / "pack.typ"
    with resources.as_file(template) as template_path, resources.as_file(fonts) as font_dir:
        pdf: bytes = typst.compile(
            str(template_path),
            font_paths=[str(font_dir)],
            ignore_system_fonts=True,
            sys_inputs={
                "data": json.dumps(content.as_json(), ensure_ascii=False, sort_keys=True),
                "genogram": content.genogram_svg,
                "ecomap": content.ecomap_svg,
                "unanswered": UNANSWERED,
            },
            timestamp=FIXED_TIMESTAMP,
        )
    return pdf
