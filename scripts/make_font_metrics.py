"""Regenerate genogram/fonts/metrics.json from the bundled Inter fonts.

Run after changing the bundled fonts: ``python scripts/make_font_metrics.py``.
Needs fontTools (a development tool only; the package reads the JSON).
"""

from __future__ import annotations

import json
from pathlib import Path

from fontTools.ttLib import TTFont

FONTS = Path(__file__).resolve().parent.parent / "genogram" / "fonts"


def advances(path: Path) -> tuple[int, dict[str, int]]:
    font = TTFont(path)
    upem = font["head"].unitsPerEm
    hmtx = font["hmtx"].metrics
    cmap = font.getBestCmap()
    return upem, {str(cp): hmtx[name][0] for cp, name in sorted(cmap.items())}


def main() -> None:
    upem, regular = advances(FONTS / "Inter-Regular.otf")
    _, bold = advances(FONTS / "Inter-Bold.otf")
    data = {"family": "Inter", "units_per_em": upem, "regular": regular, "bold": bold}
    (FONTS / "metrics.json").write_text(json.dumps(data, separators=(",", ":"), sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
