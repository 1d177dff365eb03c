"""The light SVG elements: same text as ElementTree, every value escaped, svgwrite's attribute rules.

The drawings' byte-identity rests on :func:`genogram.render.element.tostring`
writing exactly what ElementTree wrote through svgwrite; its security on no
text or attribute value ever leaving its place. Both are checked here on
arbitrary text, not only on the samples.
"""

from __future__ import annotations

import gc
import xml.etree.ElementTree as ET

import pytest
import svgwrite
from hypothesis import given, settings
from hypothesis import strategies as st

from genogram.render import theme
from genogram.render.element import Element, no_cycle_collection, tostring

#: Text as a family file could carry it after cleaning, with every character XML treats specially.
TEXT = st.lists(st.sampled_from(list("aZ 09-.,;:#'\"&<>/=]![?\t\n\ré–😀") + ["&amp;", "]]>", "</text>", '" onload="x']), max_size=12).map("".join)
NAMES = st.sampled_from(["x", "y", "class", "data-for", "d", "fill", "stroke_width", "font_size", "class_"])


@st.composite
def trees(draw: st.DrawFn, depth: int = 0) -> Element:
    attribs = draw(st.dictionaries(NAMES, st.one_of(TEXT, st.none()), max_size=5))
    element = Element(draw(st.sampled_from(["g", "text", "path", "rect"])), text=draw(st.one_of(st.none(), TEXT)))
    element.update(attribs)
    if depth < 2:
        for child in draw(st.lists(trees(depth + 1), max_size=3)):
            element.add(child)
    return element


def _xml_chars(value: str) -> str:
    """What an XML parser gives back for text written by ElementTree (a bare CR in text reads as LF)."""
    return value.replace("\r\n", "\n").replace("\r", "\n")


@settings(max_examples=300, deadline=None)
@given(trees())
def test_text_is_what_elementtree_writes(element: Element) -> None:
    assert tostring(element) == ET.tostring(element.get_xml(), encoding="unicode")


@settings(max_examples=300, deadline=None)
@given(TEXT, TEXT)
def test_values_and_text_read_back_literally(value: str, text: str) -> None:
    """No value leaves its quotes and no text becomes markup: parsing gives back exactly what was put in."""
    element = Element("text", {"data-for": value, "x": "1"}, text)
    parsed = ET.fromstring(tostring(element))
    assert parsed.tag == "text" and len(parsed) == 0
    assert parsed.get("data-for") == (value or None)  # an empty value is left out, as svgwrite does
    assert parsed.get("x") == "1"
    assert (parsed.text or "") == _xml_chars(text)


def test_attribute_rules_match_svgwrite() -> None:
    ours = Element("rect")
    ours.update({"stroke_width": "1.6", "class_": "a", "fill": None, "stroke": "", "y": 2, "x": "1"})
    theirs = svgwrite.Drawing(debug=False).rect()
    theirs.attribs.clear()
    theirs.update({"stroke_width": "1.6", "class_": "a", "fill": None, "stroke": "", "y": 2, "x": "1"})
    assert tostring(ours) == ET.tostring(theirs.get_xml(), encoding="unicode") == '<rect class="a" stroke-width="1.6" x="1" y="2" />'


def test_lives_in_svgwrite_containers_and_holds_their_elements() -> None:
    """The ecomap still builds its document with svgwrite: mixed trees write the same either way."""
    dwg = svgwrite.Drawing(debug=False)
    group = dwg.g()
    inner = Element("g", {"class": "ours"})
    inner.add(dwg.text('a "b" <c>'))
    group.add(inner)
    assert tostring(inner) == ET.tostring(inner.get_xml(), encoding="unicode") == '<g class="ours"><text>a "b" &lt;c&gt;</text></g>'
    assert '<g class="ours"><text>a "b" &lt;c&gt;</text></g>' in group.tostring()


def test_children_in_order_and_empty_elements_closed() -> None:
    parent = Element("g")
    parent.add(Element("rect"))
    parent.elements.insert(0, Element("path", {"d": "M0 0"}))
    parent.add(Element("text", {"x": "1"}, ""))
    assert tostring(parent) == '<g><path d="M0 0" /><rect /><text x="1" /></g>'


@pytest.mark.parametrize("enabled", [True, False])
def test_cycle_collection_is_restored(enabled: bool) -> None:
    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        with no_cycle_collection():
            assert not gc.isenabled()
        assert gc.isenabled() is enabled
        with pytest.raises(ValueError), no_cycle_collection():
            raise ValueError
        assert gc.isenabled() is enabled
    finally:
        gc.enable() if was else gc.disable()


def _num_reference(value: float) -> str:
    out = f"{round(value, 2):.2f}".rstrip("0").rstrip(".")
    return "0" if out in ("-0", "") else out


@settings(max_examples=2000, deadline=None)
@given(st.one_of(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e9, max_value=1e9), st.integers(-10**6, 10**6).map(lambda k: k / 1000)))
def test_num_formats_as_round_then_format(value: float) -> None:
    """The cached one-step formatting gives what ``round(value, 2)`` then ``:.2f`` gave, ties included."""
    theme._NUM.clear()
    first = theme.num(value)
    assert first == theme.num(value) == _num_reference(value)


def test_num_cache_stays_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(theme, "_NUM_MAX", 8)
    theme._NUM.clear()
    assert [theme.num(k + 0.125) for k in range(20)] == [_num_reference(k + 0.125) for k in range(20)]
    assert len(theme._NUM) <= 8
    assert theme.num(-0.001) == theme.num(-0.0) == "0"
