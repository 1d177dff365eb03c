"""SVG to PDF and PNG through typst, with the bundled font and a fixed date.

The typst source is a constant (genogram/render/diagram.typ, see
render/paper.py): the SVG, its plan and the document title are passed as
``sys.inputs`` strings, so no user text is ever parsed as typst
markup. A fixed timestamp and ``ignore_system_fonts`` make reruns give the
same bytes on every machine.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

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


Format = Literal["pdf", "png", "svg"]

#: The most pixels a PNG may hold. typst rasterises into a 4-byte-per-pixel
#: buffer and then encodes it, so this keeps a PNG's peak memory near 0.5 GB
#: whatever the family's size (a 3,000-person family at 144 ppi would need
#: some 3.5 GB for the buffer alone).
MAX_PNG_PIXELS = 60_000_000
#: Below this resolution a 10 pt name is under 3 pixels high: no use as a picture.
MIN_PNG_PPI = 20.0


class TooLargeForPng(ValueError):
    """The drawing cannot be a legible PNG within the pixel budget."""


@dataclass(frozen=True, slots=True)
class Resolution:
    """The PNG resolution used, and the one asked for when it had to be lowered."""

    ppi: float
    asked: float

    @property
    def lowered(self) -> bool:
        return self.ppi < self.asked

    def note(self) -> str | None:
        """What to tell the user when the resolution was lowered."""
        if not self.lowered:
            return None
        return (
            f"the PNG is drawn at {self.ppi:g} dpi instead of {self.asked:g} to stay within "
            f"{MAX_PNG_PIXELS // 1_000_000} million pixels; use PDF or SVG for full detail"
        )


def png_resolution(width_pt: float, height_pt: float, asked: float | None = None) -> Resolution:
    """The highest resolution up to ``asked`` that keeps the PNG within :data:`MAX_PNG_PIXELS`."""
    wanted = asked or PNG_PPI
    area_in = max(width_pt, 1.0) * max(height_pt, 1.0) / (72.0 * 72.0)
    fits = math.sqrt(MAX_PNG_PIXELS / area_in)
    ppi = wanted if fits >= wanted else math.floor(fits)
    if ppi < MIN_PNG_PPI:
        raise TooLargeForPng(
            f"the drawing ({width_pt:,.0f} x {height_pt:,.0f} pt) is too large for a legible PNG "
            f"(it would need under {MIN_PNG_PPI:g} dpi to fit {MAX_PNG_PIXELS // 1_000_000} million pixels)"
        )
    return Resolution(float(ppi), float(wanted))


def compile_typst(source: bytes | Path, sys_inputs: dict[str, str], fmt: Format = "pdf", ppi: float | None = None) -> bytes:
    """Compile typst ``source`` (its text as bytes, or a file) with the bundled fonts only and a fixed date.

    The one place typst runs: diagrams and session packs get the same fonts,
    the same determinism, and user data only through ``sys_inputs``.
    """
    import typst

    from genogram.shaping import typst_font_paths

    options: dict[str, Any] = {
        "format": fmt,
        "font_paths": typst_font_paths(),
        "ignore_system_fonts": True,
        "sys_inputs": sys_inputs,
        "timestamp": FIXED_TIMESTAMP,
        "ppi": ppi if fmt == "png" else None,
    }
    # Two calls so each matches one of typst's typed overloads (bytes, or a path).
    out = typst.compile(source, **options) if isinstance(source, bytes) else typst.compile(source, **options)
    assert isinstance(out, bytes)
    return out


def convert(svg: str, fmt: Format, title: str, ppi: float | None = None) -> tuple[bytes, Resolution | None]:
    """``svg`` as ``pdf`` or ``png`` bytes (``title`` becomes the PDF's title), and the PNG resolution used.

    A PNG's resolution is lowered to keep it within the pixel budget; when
    even the lowest useful resolution is too much, :class:`TooLargeForPng`.
    """
    width, height = svg_size(svg)
    resolution = png_resolution(float(width), float(height), ppi) if fmt == "png" else None
    from genogram.render.paper import document

    source, inputs, _ = document(svg, title)
    return compile_typst(source, inputs, fmt, resolution.ppi if resolution else None), resolution
