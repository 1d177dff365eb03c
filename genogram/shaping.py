"""Which bundled font shows each character, and how wide shaped text is.

Inter draws Latin, Cyrillic and Greek; a Noto font is bundled for each other
script families write their names in (Arabic and Urdu, Bengali, Gurmukhi,
Gujarati, Ethiopic, and common Chinese and Japanese characters). A character
takes the first font that has it, in :data:`FAMILIES` order, which is also the
SVG's font-family list, so browsers, typst and this measurer agree.

Text Inter can show is measured from its advance table (``text.text_width``,
no shaping needed); any other text is split into runs by font and shaped with
HarfBuzz, because Arabic joining and Indic conjuncts change widths.
``GENOGRAM_FONTS`` (font files or folders, separated by ``os.pathsep``) adds
fonts after the bundled ones, e.g. a full Noto Sans CJK for rare characters.
"""

from __future__ import annotations

import bisect
import json
import os
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

#: Environment variable naming extra font files or folders (searched after the bundled fonts).
EXTRA_FONTS = "GENOGRAM_FONTS"
_FONT_SUFFIXES = (".ttf", ".otf", ".ttc")


@dataclass(frozen=True, slots=True)
class Fallback:
    """A font after Inter: its family name, files and the code points it has."""

    family: str
    regular: Path
    bold: Path | None
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def has(self, char: str) -> bool:
        cp = ord(char)
        i = bisect.bisect_right(self.starts, cp) - 1
        return i >= 0 and cp <= self.ends[i]


def fonts_dir() -> Path:
    """The folder of bundled fonts (a real folder: the package is installed unzipped)."""
    return Path(str(resources.files("genogram") / "fonts"))


@lru_cache(maxsize=1)
def fallbacks() -> tuple[Fallback, ...]:
    """The bundled fallback fonts in order, then any named by ``GENOGRAM_FONTS``."""
    folder = fonts_dir()
    data = json.loads((folder / "coverage.json").read_text(encoding="utf-8"))
    out = [
        Fallback(
            f["family"], folder / f["regular"], folder / f["bold"] if f["bold"] else None,
            tuple(r[0] for r in f["ranges"]), tuple(r[1] for r in f["ranges"]),
        )
        for f in data["fallbacks"]
    ]
    out.extend(_extra_fonts())
    return tuple(out)


def extra_font_files() -> list[Path]:
    """Font files named by ``GENOGRAM_FONTS`` (folders are searched one level deep), sorted."""
    found: list[Path] = []
    for entry in filter(None, os.environ.get(EXTRA_FONTS, "").split(os.pathsep)):
        path = Path(entry)
        if path.is_dir():
            found.extend(sorted(p for p in path.iterdir() if p.suffix.lower() in _FONT_SUFFIXES))
        elif path.suffix.lower() in _FONT_SUFFIXES and path.is_file():
            found.append(path)
    return found


def _extra_fonts() -> list[Fallback]:
    if not os.environ.get(EXTRA_FONTS):
        return []
    import uharfbuzz as hb

    out = []
    for path in extra_font_files():
        face = hb.Face(hb.Blob.from_file_path(str(path)))
        points = sorted(cp for cp in face.unicodes if cp > 0x20)
        starts: list[int] = []
        ends: list[int] = []
        for cp in points:
            if ends and ends[-1] == cp - 1:
                ends[-1] = cp
            else:
                starts.append(cp)
                ends.append(cp)
        out.append(Fallback(_family_name(path), path, None, tuple(starts), tuple(ends)))
    return out


def _family_name(path: Path) -> str:
    import uharfbuzz as hb

    face = hb.Face(hb.Blob.from_file_path(str(path)))
    return str(face.get_name(hb.OTNameIdPredefined.FONT_FAMILY) or path.stem)


def font_families() -> str:
    """The CSS/SVG font-family list: Inter, each fallback in order, then a generic family."""
    return ", ".join(["Inter", *(f.family for f in fallbacks()), "sans-serif"])


def typst_font_paths() -> list[str]:
    """Folders typst should load fonts from: the bundled fonts, and a folder of links to any extra ones.

    typst searches folders, not single files; the links keep it to exactly the
    files named, so a folder of other fonts never changes which font draws a name.
    """
    extra = extra_font_files()
    return [str(fonts_dir())] + ([_linked(tuple(extra))] if extra else [])


@lru_cache(maxsize=4)
def _linked(files: tuple[Path, ...]) -> str:
    import atexit
    import shutil
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="genogram-fonts-"))
    atexit.register(shutil.rmtree, folder, True)
    for n, path in enumerate(files):
        (folder / f"{n:03d}-{path.name}").symlink_to(path.resolve())
    return str(folder)


def font_for(char: str, inter: dict[int, int]) -> Fallback | None | str:
    """``"Inter"``, the fallback that has ``char``, or None when no font can show it."""
    if ord(char) in inter:
        return "Inter"
    for font in fallbacks():
        if font.has(char):
            return font
    return None


def _invisible(char: str) -> bool:
    """Characters no font needs to draw: spaces, joiners, marks of direction."""
    return char.isspace() or unicodedata.category(char) in ("Cf", "Cc")


def missing_characters(text: str) -> list[str]:
    """Characters of ``text`` that no bundled (or extra) font can show, each once, in order."""
    from genogram.text import inter_table

    inter = inter_table(False)
    out: list[str] = []
    for char in text:
        if not _invisible(char) and char not in out and font_for(char, inter) is None:
            out.append(char)
    return out


def shaped_width(text: str, size: float, bold: bool, inter: dict[int, int], per_em: float, unknown: float) -> float:
    """Width of ``text`` in font units at 1 em, run by run: Inter from its table, others shaped."""
    total = 0.0
    runs: list[tuple[Fallback | None | str, list[str]]] = []
    for char in text:
        font = "Inter" if _invisible(char) and ord(char) in inter else font_for(char, inter)
        if runs and runs[-1][0] is font:
            runs[-1][1].append(char)
        else:
            runs.append((font, [char]))
    for font, chars in runs:
        if font == "Inter":
            total += sum(inter[ord(c)] for c in chars) / per_em
        elif font is None:
            total += unknown * len(chars) / per_em  # drawn as a box of about this width
        else:
            assert isinstance(font, Fallback)
            total += _shaped_em("".join(chars), font.bold if bold and font.bold else font.regular)
    return total * size


@lru_cache(maxsize=2048)
def _shaped_em(text: str, path: Path) -> float:
    """Advance of ``text`` shaped by HarfBuzz with the font at ``path``, in ems."""
    import uharfbuzz as hb

    font = _hb_font(path)
    buf = hb.Buffer()
    buf.add_str(text)
    buf.guess_segment_properties()
    hb.shape(font, buf)
    return sum(pos.x_advance for pos in buf.glyph_positions) / font.face.upem


@lru_cache(maxsize=32)
def _hb_font(path: Path) -> Any:
    import uharfbuzz as hb

    return hb.Font(hb.Face(hb.Blob.from_file_path(str(path))))


def shape(text: str, path: Path) -> list[int]:
    """Glyph ids HarfBuzz gives ``text`` in the font at ``path`` (0 is the missing glyph)."""
    import uharfbuzz as hb

    buf = hb.Buffer()
    buf.add_str(text)
    buf.guess_segment_properties()
    hb.shape(_hb_font(path), buf)
    return [info.codepoint for info in buf.glyph_infos]


def first_strong_rtl(text: str) -> bool:
    """True when the first character with a direction is right-to-left (Arabic, Hebrew, ...)."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return False


def rtl_anchor(text: str, anchor: str) -> str | None:
    """For text that reads right to left, the SVG ``text-anchor`` that keeps it where ``anchor`` (said left to
    right) puts it: with ``direction="rtl"`` the start of a line is its right end. None for other text."""
    if text.isascii() or not first_strong_rtl(text):
        return None
    return {"start": "end", "end": "start"}.get(anchor, anchor)


def _script(char: str) -> str:
    """The first word of the character's Unicode name (``THAI``, ``HANGUL``, ``CJK``): says what is missing without the name."""
    return unicodedata.name(char, "UNASSIGNED").split()[0]


def unshown_text(loaded: Any) -> list[Any]:
    """A warning, located at the field, for each drawn text with characters no font can show.

    Checks what the drawings print: the title, names, causes of death,
    household labels and connection names. The message names the script,
    never the text (family files are sensitive).
    """
    from genogram.errors import Problem

    family = loaded.family
    fields: list[tuple[tuple[object, ...], str | None]] = [(("title",), family.title)]
    fields += [(("people", i, "name"), p.name) for i, p in enumerate(family.people)]
    fields += [(("people", i, "cause"), p.cause) for i, p in enumerate(family.people)]
    fields += [(("households", i, "label"), h.label) for i, h in enumerate(family.households)]
    fields += [(("connections", i, "name"), c.name) for i, c in enumerate(family.connections)]
    problems = []
    for path, text in fields:
        if not text or text.isascii():
            continue
        missing = missing_characters(text)
        if missing:
            scripts = ", ".join(sorted({_script(c) for c in missing}))
            count = f"{len(missing)} character{'s' if len(missing) != 1 else ''}"
            problems.append(Problem(
                loaded.locate(*path),
                f"{path[-1]} has {count} ({scripts}) that no bundled font can show: it would print as an empty box",
                f"add a spelling in Latin letters beside it, or set {EXTRA_FONTS} to a font that has the characters (e.g. a full Noto font)",
                code="font-coverage",
            ))
    return problems
