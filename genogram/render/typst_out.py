"""SVG to PDF and PNG through typst, with the bundled font and a fixed date.

The typst source is a constant: the SVG, its size and the document title are
passed as ``sys.inputs`` strings, so no user text is ever parsed as typst
markup. A fixed timestamp and ``ignore_system_fonts`` make reruns give the
same bytes on every machine.
"""

from __future__ import annotations

import re
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from genogram.render.paper import PaperOptions

#: 2000-01-01T00:00:00Z; any fixed instant keeps the PDF byte-identical across runs.
FIXED_TIMESTAMP = 946684800
PNG_PPI = 144.0

_ROOT = re.compile(rb"<svg[^>]*>")
_WIDTH = re.compile(rb'\swidth="([0-9.]+)"')
_HEIGHT = re.compile(rb'\sheight="([0-9.]+)"')


def svg_size(svg: str) -> tuple[str, str]:
    """The width and height written on the SVG root (our own output, so always present)."""
    root = _ROOT.search(svg.encode("utf-8")[:4096])
    width = _WIDTH.search(root.group(0)) if root else None
    height = _HEIGHT.search(root.group(0)) if root else None
    if not (width and height):
        raise ValueError("SVG without width and height")
    return width.group(1).decode(), height.group(1).decode()


def compile_typst(source: bytes | str, sys_inputs: dict[str, str], fmt: str = "pdf", ppi: float | None = None) -> bytes:
    """Compile typst ``source`` (bytes, or a path) with the bundled font only and a fixed date.

    The one place typst runs: diagrams and session packs get the same fonts,
    the same determinism, and user data only through ``sys_inputs``.
    """
    import typst

    from genogram.shaping import typst_font_paths

    with resources.as_file(resources.files("genogram") / "fonts"):
        out = typst.compile(
            source,
            format=fmt,
            font_paths=typst_font_paths(),
            ignore_system_fonts=True,
            sys_inputs=sys_inputs,
            timestamp=FIXED_TIMESTAMP,
            ppi=ppi if fmt == "png" else None,
        )
    assert isinstance(out, bytes)
    return out


def convert(svg: str, fmt: str, title: str, ppi: float | None = None, paper: PaperOptions | None = None) -> bytes:
    """``svg`` as ``pdf`` or ``png`` bytes; ``title`` becomes the PDF's title metadata; ``paper`` (PDF) puts it on sheets."""
    from genogram.render.paper import document

    source, inputs, _ = document(svg, title, paper)
    return compile_typst(source, inputs, fmt, ppi or PNG_PPI)
