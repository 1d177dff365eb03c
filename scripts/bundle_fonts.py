"""Copy the Noto fonts genogram bundles from Debian's packages, and subset the CJK one.

Run after changing which fonts are bundled (then ``python scripts/make_font_metrics.py``)::

    apt-get install fonts-noto-core fonts-noto-cjk
    python scripts/bundle_fonts.py

Needs fontTools (a development tool only). Nothing is fetched when genogram
runs: the fonts travel in the package. Inter stays the first font (Latin,
Cyrillic, Greek and their extensions); each Noto font adds one script.
Noto Sans CJK is about 19 MB a weight, so the package carries a subset of
the regular weight: every hanzi of GB 2312 level 1 and kanji of JIS X 0208
level 1 (the characters most names use), kana, and CJK punctuation, about
5,500 characters in 2.2 MB. A name outside it is a `genogram validate`
warning; ``GENOGRAM_FONTS`` points genogram at a fuller font (see
genogram/shaping.py).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection

FONTS = Path(__file__).resolve().parent.parent / "genogram" / "fonts"
NOTO = Path("/usr/share/fonts/truetype/noto")  # Debian fonts-noto-core
CJK = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")  # Debian fonts-noto-cjk
#: Noto Sans Arabic rather than Naskh: Debian's Naskh (2020) draws empty boxes through typst's SVG path.
SCRIPTS = ("Arabic", "Bengali", "Gurmukhi", "Gujarati", "Ethiopic")
CJK_SC_INDEX = 2  # Noto Sans CJK SC in the collection
CJK_OUT = "NotoSansCJKsc-Common.otf"


def _double_byte(codec: str, lead: tuple[int, int], trail: tuple[int, int] = (0xA1, 0xFE)) -> set[str]:
    """Every character a double-byte legacy encoding has in these lead-byte rows."""
    out: set[str] = set()
    for a in range(lead[0], lead[1] + 1):
        for b in range(trail[0], trail[1] + 1):
            try:
                out.add(bytes([a, b]).decode(codec))
            except UnicodeDecodeError:
                pass
    return out


def cjk_characters() -> set[str]:
    """GB 2312 level 1, JIS X 0208 level 1, kana, CJK punctuation and full-width forms."""
    chars = _double_byte("gb2312", (0xB0, 0xD7)) | _double_byte("euc_jp", (0xB0, 0xCF))
    for start, end in ((0x3000, 0x30FF), (0x31F0, 0x31FF), (0xFF00, 0xFFEF)):
        chars.update(chr(c) for c in range(start, end + 1))
    return chars


def subset_cjk() -> None:
    font = TTCollection(str(CJK)).fonts[CJK_SC_INDEX]
    options = subset.Options()
    options.notdef_outline = True
    options.hinting = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(ord(c) for c in cjk_characters()))
    subsetter.subset(font)
    font.save(str(FONTS / CJK_OUT))


def main() -> None:
    for script in SCRIPTS:
        for weight in ("Regular", "Bold"):
            name = f"NotoSans{script}-{weight}.ttf"
            shutil.copyfile(NOTO / name, FONTS / name)
    subset_cjk()


if __name__ == "__main__":
    main()
