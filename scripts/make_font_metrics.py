"""Regenerate genogram/fonts/metrics.json and coverage.json from the bundled fonts.

Run after changing the bundled fonts: ``python scripts/make_font_metrics.py``.
Needs fontTools (a development tool only; the package reads the JSON).

metrics.json holds Inter's advance widths: the fast path that measures most
names without shaping. coverage.json lists, for each fallback font in the
order genogram tries them, its files and the code points it has (as ranges);
it is read only when a name has a character Inter lacks.
"""

from __future__ import annotations

import json
from pathlib import Path

from fontTools.ttLib import TTFont

FONTS = Path(__file__).resolve().parent.parent / "genogram" / "fonts"
#: Fallback fonts after Inter, in the order genogram (and typst, and the SVG's font-family) try them.
FALLBACKS = (
    ("Noto Sans Arabic", "NotoSansArabic-Regular.ttf", "NotoSansArabic-Bold.ttf"),
    ("Noto Sans Bengali", "NotoSansBengali-Regular.ttf", "NotoSansBengali-Bold.ttf"),
    ("Noto Sans Gurmukhi", "NotoSansGurmukhi-Regular.ttf", "NotoSansGurmukhi-Bold.ttf"),
    ("Noto Sans Gujarati", "NotoSansGujarati-Regular.ttf", "NotoSansGujarati-Bold.ttf"),
    ("Noto Sans Ethiopic", "NotoSansEthiopic-Regular.ttf", "NotoSansEthiopic-Bold.ttf"),
    ("Noto Sans CJK SC", "NotoSansCJKsc-Common.otf", None),
)


def advances(path: Path) -> tuple[int, dict[str, int]]:
    font = TTFont(path)
    upem = font["head"].unitsPerEm
    hmtx = font["hmtx"].metrics
    cmap = font.getBestCmap()
    return upem, {str(cp): hmtx[name][0] for cp, name in sorted(cmap.items())}


def ranges(path: Path) -> list[list[int]]:
    """The font's code points as sorted [first, last] runs (control characters left out)."""
    points = sorted(cp for cp in TTFont(path).getBestCmap() if cp > 0x20)
    out: list[list[int]] = []
    for cp in points:
        if out and out[-1][1] == cp - 1:
            out[-1][1] = cp
        else:
            out.append([cp, cp])
    return out


def main() -> None:
    upem, regular = advances(FONTS / "Inter-Regular.otf")
    _, bold = advances(FONTS / "Inter-Bold.otf")
    data = {"family": "Inter", "units_per_em": upem, "regular": regular, "bold": bold}
    (FONTS / "metrics.json").write_text(json.dumps(data, separators=(",", ":"), sort_keys=True) + "\n")
    fallbacks = [{"family": family, "regular": reg, "bold": bld, "ranges": ranges(FONTS / reg)} for family, reg, bld in FALLBACKS]
    (FONTS / "coverage.json").write_text(json.dumps({"fallbacks": fallbacks}, separators=(",", ":")) + "\n")


if __name__ == "__main__":
    main()
