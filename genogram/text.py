"""The one path user text takes to any output: cleaned, then measured.

Family files are typed by hand and pasted from case notes, so names can hold
control characters, bidirectional overrides (which can make "Jo" display as
"oJ" and hide text) or zero-width characters. :func:`clean` removes them
before any renderer sees the text; escaping is then the writer's job (render/element.py, svgwrite,
jinja2 autoescape, typst JSON inputs), never string concatenation.

:func:`text_width` measures with the bundled fonts (Inter's advance widths,
or HarfBuzz shaping for other scripts, see :mod:`genogram.shaping`), so
layout reserves exactly the room the renderer will use, on every machine.
"""

from __future__ import annotations

import json
import unicodedata
from functools import lru_cache
from importlib import resources

FONT_FAMILY = "Inter"
#: Characters that reorder or hide text: bidi embeddings, overrides, isolates, marks, zero-width.
_INVISIBLE = set(
    "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2060\u2061\u2062\u2063\u2064"
    "\u2066\u2067\u2068\u2069\ufeff\u061c\u180e"
)


def clean(text: str) -> str:
    """Text safe to display: no control, format-override or zero-width characters; runs of space collapsed."""
    if text.isascii() and text.isprintable():
        return " ".join(text.split())  # the common case, with nothing to remove
    out: list[str] = []
    for char in text:
        if char in _INVISIBLE:
            continue
        category = unicodedata.category(char)
        if category in ("Cc", "Cs", "Co", "Cn") or category == "Zl" or category == "Zp":
            out.append(" ")
        elif category == "Cf":
            continue
        else:
            out.append(char)
    return " ".join("".join(out).split())


@lru_cache(maxsize=1)
def _metrics() -> dict[str, object]:
    with resources.files("genogram.fonts").joinpath("metrics.json").open("r", encoding="utf-8") as handle:
        data: dict[str, object] = json.load(handle)
    # JSON keys are strings; index by code point once.
    for style in ("regular", "bold"):
        table = data[style]
        assert isinstance(table, dict)
        data[style] = {int(k): v for k, v in table.items()}
    return data


def inter_table(bold: bool) -> dict[int, int]:
    """Inter's advance widths by code point (font units), regular or bold."""
    table = _metrics()["bold" if bold else "regular"]
    assert isinstance(table, dict)
    return table


@lru_cache(maxsize=4096)
def text_width(text: str, size: float, bold: bool = False) -> float:
    """Width of ``text`` at font ``size`` (user units) in the fonts that will draw it (cached: names and years repeat).

    Text Inter has every character of is summed from its advance table; other
    text (Arabic, Bengali, Chinese ...) is shaped with the font that draws it.
    """
    metrics = _metrics()
    table = metrics["bold" if bold else "regular"]
    assert isinstance(table, dict)
    per_em = float(metrics["units_per_em"])  # type: ignore[arg-type]
    total = 0.0
    for char in text:
        advance = table.get(ord(char))
        if advance is None:
            from genogram.shaping import shaped_width

            fallback = table.get(ord("M"), per_em * 0.7)
            return round(shaped_width(text, size, bold, table, per_em, float(fallback)), 2)
        total += float(advance)
    return round(total * size / per_em, 2)


def wrap(text: str, width: float, size: float, bold: bool = False) -> list[str]:
    """Greedy word wrap to ``width`` with the fonts that draw the text (a word longer than the width keeps its own line).

    One wrap for every diagram's keys and labels, so a line breaks where its measured width says.
    """
    out: list[str] = []
    line = ""
    for word in clean(text).split(" "):
        trial = f"{line} {word}" if line else word
        if line and text_width(trial, size, bold) > width:
            out.append(line)
            line = word
        else:
            line = trial
    if line:
        out.append(line)
    return out or [""]


def initials(name: str) -> str:
    """``"Maureen Carter"`` -> ``"M.C."``; used when only initials may be shown."""
    parts = [p for p in clean(name).replace("-", " ").split() if p]
    return "".join(p[0].upper() + "." for p in parts)
