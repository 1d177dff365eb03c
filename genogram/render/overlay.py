"""Take text Inter cannot draw out of an SVG, so typst sets it as its own text.

typst draws SVG text through its SVG library, which joins Arabic but misplaces
Indic vowel signs and conjuncts (Bengali "রহিমা" comes out with the i-sign on
the wrong side). typst's own text engine shapes them correctly, so for PDF
and PNG such text leaves the SVG and is placed over the image at the same
baseline, size and anchor (see diagram.typ). Only our own SVG passes here:
groups move by ``translate`` only and each ``<text>`` holds plain text.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

_TOKENS = re.compile(r"<g\b[^>]*?/>|<g\b[^>]*>|</g>|<text\b([^>]*)>(.*?)</text>", re.S)
_TRANSLATE = re.compile(r'transform="translate\(([-0-9.]+),([-0-9.]+)\)"')
_ATTR = re.compile(r'([a-z-]+)="([^"]*)"')
_TSPAN = re.compile(r"<tspan\b([^>]*)>(.*?)</tspan>", re.S)
_FONT_SIZE = re.compile(r'font-size="([0-9.]+)"')


@dataclass(frozen=True, slots=True)
class Overlay:
    """One line of text in page units of the unscaled SVG, with the anchor of its x."""

    x: float
    y: float
    size: float
    bold: bool
    anchor: str
    text: str

    def as_json(self) -> dict[str, object]:
        return {"x": self.x, "y": self.y, "size": self.size, "bold": self.bold, "anchor": self.anchor, "text": self.text}


def smallest_text(svg: str) -> float:
    """The smallest font size written in ``svg`` (user units); 0 when it has no text."""
    sizes = [float(m) for m in _FONT_SIZE.findall(svg)]
    return min(sizes, default=0.0)


def _lines(attrs: dict[str, str], body: str, ox: float, oy: float) -> list[Overlay]:
    """One overlay per line of a ``<text>``: its own text, or each ``<tspan>`` (moved by x and dy) in turn."""
    size = float(attrs.get("font-size", 10))
    bold = attrs.get("font-weight") == "bold"
    anchor = attrs.get("text-anchor", "start")
    if attrs.get("direction") == "rtl":  # back to where the anchor puts it, said left to right
        anchor = {"start": "end", "end": "start"}.get(anchor, anchor)
    x, y = float(attrs.get("x", 0)), float(attrs.get("y", 0))
    spans = _TSPAN.findall(body) or [("", body)]
    out = []
    for span_attrs, span_text in spans:
        own = dict(_ATTR.findall(span_attrs))
        x = float(own.get("x", x))
        y += float(own.get("dy", 0))
        plain = html.unescape(span_text)
        out.append(Overlay(round(ox + x, 2), round(oy + y, 2), size, bold, anchor, plain))
    return out


def split_text(svg: str) -> tuple[str, list[Overlay]]:
    """``svg`` without the text Inter lacks glyphs for, and that text as overlays."""
    if svg.isascii():
        return svg, []
    from genogram.text import inter_table

    inter = inter_table(False)
    out: list[str] = []
    overlays: list[Overlay] = []
    offsets: list[tuple[float, float]] = [(0.0, 0.0)]
    last = 0
    for match in _TOKENS.finditer(svg):
        token = match.group(0)
        if token.startswith("<g"):
            move = _TRANSLATE.search(token)
            dx, dy = (float(move.group(1)), float(move.group(2))) if move else (0.0, 0.0)
            if not token.endswith("/>"):
                offsets.append((offsets[-1][0] + dx, offsets[-1][1] + dy))
            continue
        if token == "</g>":
            offsets.pop()
            continue
        body = match.group(2)
        if all(ord(c) in inter for c in html.unescape(body)):
            continue
        attrs = dict(_ATTR.findall(match.group(1)))
        ox, oy = offsets[-1]
        overlays.extend(_lines(attrs, body, ox, oy))
        out.append(svg[last:match.start()])
        last = match.end()
    out.append(svg[last:])
    return "".join(out), overlays
