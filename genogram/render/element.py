"""Light SVG elements that write themselves straight to text.

svgwrite builds every element through its validating machinery and then an
ElementTree, which was most of the drawing time at thousands of people. These
elements keep svgwrite's attribute rules (``stroke_width`` becomes
``stroke-width``, attributes sorted by name, ``None`` and empty values left
out) and write exactly the text ElementTree writes, so output is unchanged.

Every attribute value and every text is escaped on the way out, as
ElementTree escapes it: text cannot open markup, and an attribute value
cannot leave its quotes (``"``, ``<``, ``&``, CR, LF and tab become
references). Element and attribute names come from the code, never from
user data. :meth:`Element.get_xml` gives the same ElementTree element
svgwrite would, so svgwrite containers (the ecomap's) can hold these.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from xml.etree import ElementTree

#: svgwrite's keyword-argument spelling -> SVG attribute name (names come from code, so this stays small).
_NAMES: dict[str, str] = {}


def attr_name(key: str) -> str:
    """``class_`` -> ``class``, ``stroke_width`` -> ``stroke-width`` (svgwrite's rule)."""
    name = _NAMES.get(key)
    if name is None:
        name = _NAMES[key] = key.rstrip("_").replace("_", "-")
    return name


def escape_text(text: str) -> str:
    """Character data escaped as ElementTree escapes it."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    return text


def escape_attr(value: str) -> str:
    """An attribute value escaped as ElementTree escapes it, so it stays inside its double quotes."""
    value = escape_text(value)
    if '"' in value:
        value = value.replace('"', "&quot;")
    if "\r" in value:
        value = value.replace("\r", "&#13;")
    if "\n" in value:
        value = value.replace("\n", "&#10;")
    if "\t" in value:
        value = value.replace("\t", "&#09;")
    return value


class Element:
    """One SVG element: name, attributes, children and (for text) its characters."""

    __slots__ = ("attribs", "elementname", "elements", "text")

    def __init__(self, tag: str, attribs: dict[str, Any] | None = None, text: str | None = None) -> None:
        """``attribs`` are spelled as in SVG (``stroke-width``); the element keeps the dict given."""
        self.elementname = tag
        self.attribs: dict[str, Any] = {} if attribs is None else attribs
        self.elements: list[Any] = []
        self.text = text

    def update(self, attribs: dict[str, Any]) -> None:
        """Set attributes, spelled as for svgwrite (``stroke_width`` or ``stroke-width``)."""
        self.attribs.update(svg_names(attribs))

    def add(self, element: Any) -> Any:
        self.elements.append(element)
        return element

    def _attributes(self) -> list[tuple[str, str]]:
        """Attributes as svgwrite writes them: sorted by name, values as text, None and empty ones left out."""
        out = []
        for name, value in sorted(self.attribs.items()):
            if value is not None:
                value = value if value.__class__ is str else str(value)
                if value:
                    out.append((name, value))
        return out

    def get_xml(self) -> ElementTree.Element:
        """The same ElementTree element svgwrite would build (for svgwrite containers)."""
        xml = ElementTree.Element(self.elementname)
        for name, value in self._attributes():
            xml.set(name, value)
        if self.text is not None:
            xml.text = self.text
        for child in self.elements:
            xml.append(child.get_xml())
        return xml


def svg_names(attribs: dict[str, Any]) -> dict[str, Any]:
    """Attributes with svgwrite's keyword spelling turned into SVG names."""
    for key in attribs:
        if "_" in key:
            return {attr_name(name): value for name, value in attribs.items()}
    return attribs  # the usual case: nothing to rename


def tostring(element: Element) -> str:
    """The element and everything in it as XML text (no declaration), byte for byte what ElementTree writes."""
    out: list[str] = []
    _write(element, out)
    return "".join(out)


def _write(element: Element, out: list[str]) -> None:
    tag = element.elementname
    attribs = element.attribs
    head = "<" + tag
    for name in sorted(attribs):  # the _attributes rules, inlined: this runs for every element
        value = attribs[name]
        if value is not None:
            if value.__class__ is not str:
                value = str(value)
            if value:
                head += f' {name}="{escape_attr(value)}"'
    text = element.text
    if text or element.elements:
        out.append(head + ">")
        if text:
            out.append(escape_text(text))
        for child in element.elements:
            if child.__class__ is Element:
                _write(child, out)
            else:  # an svgwrite element
                out.append(ElementTree.tostring(child.get_xml(), encoding="unicode"))
        out.append("</" + tag + ">")
    else:
        out.append(head + " />")


@contextmanager
def no_cycle_collection() -> Iterator[None]:
    """Pause Python's cycle collector while a drawing's tree is built and written.

    A drawing adds some ten elements per person and never a reference cycle
    (children do not point to parents), so reference counting frees it all;
    but while the tree grows the collector rescans the whole heap (family and
    geometry included), a fifth of the drawing time at 10,000 people. It is
    switched back on after, unless it was already off.
    """
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()
