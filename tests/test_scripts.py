"""Names in many scripts: every glyph present, Arabic joined, right-to-left kept in order.

Checked against the fonts themselves (HarfBuzz shaping and the fonts'
coverage), and in the PDF typst writes, not by eye alone.
"""

from __future__ import annotations

import io
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner

from genogram.cli.main import cli
from genogram.io.family import load_family
from genogram.shaping import Fallback, fallbacks, font_families, font_for, missing_characters, shape
from genogram.text import inter_table, text_width

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "rahman-many-scripts.yaml"
#: A character of each script the sample must cover, by Unicode name prefix.
SCRIPTS = ("ARABIC", "BENGALI", "GURMUKHI", "GUJARATI", "ETHIOPIC", "CJK", "HIRAGANA", "CYRILLIC", "GREEK", "LATIN")


@pytest.fixture(scope="module")
def names() -> list[str]:
    family = load_family(SAMPLE).family
    return [p.name for p in family.people if p.name]


def _runs(text: str) -> list[tuple[Fallback | str, str]]:
    """The text split into runs of one font, as the measurer and the renderers split it."""
    inter = inter_table(False)
    runs: list[tuple[Fallback | str, str]] = []
    for char in text:
        if char.isspace():
            continue
        font = font_for(char, inter)
        assert font is not None, f"no bundled font has U+{ord(char):04X}"
        if runs and runs[-1][0] is font:
            runs[-1] = (font, runs[-1][1] + char)
        else:
            runs.append((font, char))
    return runs


def test_the_sample_has_every_script(names: list[str]) -> None:
    seen = {unicodedata.name(c).split()[0] for name in names for c in name if not c.isspace() and c.isalpha()}
    assert set(SCRIPTS) <= seen, set(SCRIPTS) - seen


def test_every_glyph_is_in_the_font_that_draws_it(names: list[str]) -> None:
    for name in names:
        assert missing_characters(name) == []
        for font, run in _runs(name):
            if isinstance(font, Fallback):
                glyphs = shape(run, font.regular)
                assert glyphs and 0 not in glyphs, f"{font.family} lacks a glyph in a name"


def test_arabic_letters_are_joined(names: list[str]) -> None:
    arabic = next(f for f in fallbacks() if f.family == "Noto Sans Arabic")
    words = [w for name in names for w in name.split() if unicodedata.name(w[0]).startswith("ARABIC") and len(w) > 1]
    assert len(words) >= 8
    for word in words:
        joined = shape(word, arabic.regular)
        isolated = [shape(c, arabic.regular)[0] for c in word]
        # Shaped right to left: the first glyph is the word's last letter.
        assert joined != list(reversed(isolated)), "letters drawn in their isolated forms"
        # The first letter of a word takes its initial (or isolated, if it never joins left) form, never the bare
        # code point's glyph followed by unjoined ones: at least half the letters change form.
        changed = sum(a != b for a, b in zip(joined, reversed(isolated)))
        assert changed * 2 >= len(word) - 1


def test_width_is_measured_with_the_font_that_draws_it() -> None:
    # Chinese ideographs are one em wide in Noto Sans CJK; Inter's fallback width would be less.
    assert text_width("王丽华", 10) == 30.0
    # Joined Arabic is narrower than its letters drawn apart.
    arabic = next(f for f in fallbacks() if f.family == "Noto Sans Arabic")
    apart = sum(text_width(c, 10) for c in "محمد")
    assert 0 < text_width("محمد", 10) != apart
    assert arabic.has("ہ") and arabic.has("ے")  # Urdu letters


def test_svg_font_list_is_the_measuring_order() -> None:
    from genogram.render.theme import FONT_FAMILY

    assert FONT_FAMILY == font_families()


def test_right_to_left_names_read_right_to_left_in_the_svg() -> None:
    import xml.etree.ElementTree as ET

    from genogram.layout.genogram import layout_genogram
    from genogram.render.svg import genogram_svg

    family = load_family(SAMPLE).family
    root = ET.fromstring(genogram_svg(family, layout_genogram(family)).split("\n", 1)[1])
    texts = {t.text or "": t for t in root.iter("{http://www.w3.org/2000/svg}text")}
    yusuf = texts["یوسف رحمان"]
    # A browser lays it out right to left; the name stays centred under its symbol.
    assert yusuf.get("direction") == "rtl" and yusuf.get("text-anchor") == "middle"
    assert all(t.get("direction") is None for text, t in texts.items() if text.isascii())
    # No bidi control characters are written: direction is an attribute, never a hidden character.
    assert not any(c in text for text in texts for c in "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def test_rtl_anchor_keeps_text_where_it_was_asked() -> None:
    from genogram.render.legend import text_el
    from genogram.render.overlay import split_text
    from genogram.shaping import rtl_anchor

    assert rtl_anchor("محمد", "start") == "end" and rtl_anchor("محمد", "middle") == "middle" and rtl_anchor("Ali", "start") is None
    element = text_el(None, "محمد (Ali)", 10, 20, 9)
    assert element.attribs["direction"] == "rtl" and element.attribs["text-anchor"] == "end"
    svg = '<svg width="10" height="10"><text x="10" y="20" font-size="9" direction="rtl" text-anchor="end">محمد</text></svg>'
    (overlay,) = split_text(svg)[1]
    assert overlay.anchor == "start"  # its left end at x, as asked


def test_text_typst_would_misshape_is_set_by_typst(tmp_path: Path) -> None:
    from genogram.render.overlay import split_text

    family = load_family(SAMPLE).family
    from genogram.layout.genogram import layout_genogram
    from genogram.render.svg import genogram_svg

    svg = genogram_svg(family, layout_genogram(family))
    rest, overlays = split_text(svg)
    texts = {o.text for o in overlays}
    assert "রহিমা খাতুন" in texts and "ਹਰਪ੍ਰੀਤ ਕੌਰ" in texts
    import xml.etree.ElementTree as ET

    drawn = [t.text or "" for t in ET.fromstring(rest.split("\n", 1)[1]).iter("{http://www.w3.org/2000/svg}text")]
    assert not any("রহিমা" in t for t in drawn) and "Łucja Wiśniewska" in drawn  # Inter's text stays in the SVG
    assert all(o.x > 0 and o.y > 0 for o in overlays)


def test_pdf_has_every_name_and_no_missing_glyph(tmp_path: Path) -> None:
    import pypdf

    out = tmp_path / "r.pdf"
    result = CliRunner().invoke(cli, ["render", str(SAMPLE), "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = "".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(out.read_bytes())).pages)
    assert "\x00" not in text  # typst writes a missing glyph as U+0000 (seen when a font lacked Arabic)
    # Scripts whose text extracts as typed (Indic clusters extract as glyph runs; their glyphs are checked by shaping above).
    for sample in ("佐藤 健一", "佐藤 さくら", "王丽华", "Олександр Коваленко", "Νίκος Παπαδόπουλος", "ሳምራዊት ተስፋይ", "Łucja Wiśniewska"):
        assert sample in text


def test_png_renders(tmp_path: Path) -> None:
    out = tmp_path / "r.png"
    result = CliRunner().invoke(cli, ["render", str(SAMPLE), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"\x89PNG")


def test_validate_warns_of_a_name_no_font_can_show(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(SAMPLE.read_text(encoding="utf-8").replace("name: 王丽华", "name: 王丽华 ꦲꦏ"), encoding="utf-8")
    line = next(i for i, text in enumerate(bad.read_text(encoding="utf-8").splitlines(), 1) if "ꦲꦏ" in text)
    result = CliRunner().invoke(cli, ["validate", str(bad)])
    assert result.exit_code == 0
    assert f"bad.yaml:{line}:11: warning: name has 2 characters (JAVANESE)" in result.output
    assert "ꦲ" not in result.output  # the message never repeats the name
    clean = CliRunner().invoke(cli, ["validate", str(SAMPLE)])
    assert "warning" not in clean.output


def test_ecomap_lines_in_other_scripts_are_set_line_by_line(tmp_path: Path) -> None:
    from genogram.io.family import loads_family
    from genogram.layout.ecomap import layout_ecomap
    from genogram.render.ecomap_svg import ecomap_svg
    from genogram.render.overlay import split_text

    family = loads_family(
        "genogram: 1\nindex: a\npeople:\n  - {id: a, name: রহিমা খাতুন, sex: female, born: 2015}\n"
        "connections:\n  - {system: school, name: পাঠশালা বিদ্যালয় উচ্চ মাধ্যমিক স্কুল, with: a}\n"
    ).family
    rest, overlays = split_text(ecomap_svg(family, layout_ecomap(family)))
    school = [o for o in overlays if o.text in ("পাঠশালা বিদ্যালয় উচ্চ", "মাধ্যমিক স্কুল")]
    assert len(school) == 2 and school[0].x == school[1].x and school[1].y > school[0].y  # two lines, one under the other
    import xml.etree.ElementTree as ET

    assert "<tspan" not in "".join(o.text for o in overlays)
    root = ET.fromstring(rest.split("?>", 1)[-1].strip())
    texts = ["".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert texts and not any("পাঠশালা" in t for t in texts)  # left the SVG for typst to set
