"""The genogram SVG renderer: real families in, SVG parsed and checked.

Geometry is built by a tiny grid placer here so the renderer is tested on its
own contract (``layout/geometry.py``); the end-to-end tests at the bottom use
the real layout when it is installed.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import xml.etree.ElementTree as ET
from pathlib import Path

from genogram.io.family import loads_family
from genogram.layout.geometry import (
    DescentLine,
    GapMarker,
    GenogramGeometry,
    HouseholdOutline,
    Label,
    PersonBox,
    RelationshipLine,
    UnionLine,
)
from genogram.model import Family
from genogram.render.svg import RenderOptions, genogram_svg

NS = "{http://www.w3.org/2000/svg}"
ROOT = Path(__file__).resolve().parent.parent

FAMILY = textwrap.dedent(
    """\
    genogram: 1
    title: Test & <family>
    index: kid
    as_of: 2026-11-10
    people:
      - {id: dad, name: 'Al </script><b>"&', sex: male, born: 1980-01-01}
      - {id: mum, name: Bea, sex: female, born: 1982-03-03, conditions: [mental-health, gambling]}
      - {id: ex, sex: unknown, unknown: true}
      - {id: kid, name: Cy, sex: male, born: 2012-05-05}
      - {id: twin-a, name: Di, sex: female, born: 2015-06-06}
      - {id: twin-b, name: Ed, sex: female, born: 2015-06-06}
      - {id: adoptee, name: Flo, sex: intersex, gender: non-binary, born: 2016}
      - {id: loss, kind: miscarriage, born: 2018}
      - {id: gran, name: Gwen, sex: female, born: 1950, died: 2020}
    unions:
      - partners: [dad, mum]
        status: divorced
        children:
          - kid
          - {id: twin-a, twin: twin-b, identical: true}
          - twin-b
          - {id: adoptee, relation: adopted}
          - loss
      - partners: [mum, ex]
        status: cohabiting
      - partners: [gran]
        children: [mum]
    households:
      - {id: home, label: Mum's house, members: [mum, kid]}
      - {id: old, label: Old flat, members: [dad], from: 2000, to: 2010}
    relationships:
      - {between: [kid, dad], kind: close}
      - {from: dad, to: mum, kind: abuse}
    missing:
      - {about: ex, what: Who the partner is, steps: [asked mum], plan: ask again, owner: SW, due: 2026-12-01}
      - {about: dad, what: Dad's address}
    """
)


def _family(text: str = FAMILY) -> Family:
    return loads_family(text, "test.yaml").family


def _grid(family: Family) -> GenogramGeometry:
    """A simple but honest geometry: one row per generation, people in file order."""
    gen: dict[str, int] = {p.id: 0 for p in family.people}
    for _ in range(len(family.people)):
        for union in family.unions:
            row = max(gen[p] for p in union.partners)
            for p in union.partners:
                gen[p] = row
            for child in union.children:
                gen[child.id] = max(gen[child.id], row + 1)
    column: dict[int, int] = {}
    people, labels = [], []
    boxes: dict[str, PersonBox] = {}
    for person in family.people:
        g = gen[person.id]
        col = column.get(g, 0)
        column[g] = col + 1
        box = PersonBox(person.id, g, 40 + col * 100, 40 + g * 140, 40, 40)
        people.append(box)
        boxes[person.id] = box
        if person.name:
            labels.append(Label(person.id, "name", box.x - 30, box.y + 46, 100, 12, (person.name,), 10.0))
    unions, children = [], []
    for i, union in enumerate(family.unions):
        uid = family.union_ids[i]
        ps = [boxes[p] for p in union.partners]
        y = ps[0].y + 55
        if len(ps) == 2:
            pts = ((ps[0].box.cx, ps[0].y + 40), (ps[0].box.cx, y), (ps[1].box.cx, y), (ps[1].box.cx, ps[1].y + 40))
            anchor = ((ps[0].box.cx + ps[1].box.cx) / 2, y)
        else:
            pts = ((ps[0].box.cx, ps[0].y + 40), (ps[0].box.cx, y))
            anchor = (ps[0].box.cx, y)
        unions.append(UnionLine(uid, tuple(union.partners), pts, union.status.value if union.status else None, anchor))
        twin_of = {c.id: c.twin for c in union.children if c.twin}
        ident = {c.id for c in union.children if c.identical}
        for child in union.children:
            c = boxes[child.id]
            group = next((a + "+" + b for a, b in twin_of.items() if child.id in (a, b)), None)
            children.append(
                DescentLine(child.id, uid, tuple(union.partners), (anchor, (anchor[0], c.y - 20), (c.box.cx, c.y - 20), (c.box.cx, c.y)),
                            child.relation.value, group, bool(group and (ident & set(group.split("+")))))
            )
    households = []
    for h in family.households:
        xs = [boxes[m].x for m in h.members] + [boxes[m].box.right for m in h.members]
        ys = [boxes[m].y for m in h.members] + [boxes[m].box.bottom for m in h.members]
        households.append(HouseholdOutline(h.id, tuple(h.members), ((min(xs) - 10, min(ys) - 10), (max(xs) + 10, min(ys) - 10), (max(xs) + 10, max(ys) + 30), (min(xs) - 10, max(ys) + 30)), h.placement))
    rels = [RelationshipLine(r.ends, r.kind.value, r.directed, ((boxes[r.ends[0]].box.cx, boxes[r.ends[0]].box.cy), (boxes[r.ends[1]].box.cx, boxes[r.ends[1]].box.cy))) for r in family.relationships]
    gaps = [GapMarker(gid, n + 1, gap.about, boxes[gap.about].box.right, boxes[gap.about].y - 14, 14, 14) for n, (gid, gap) in enumerate(zip(family.gap_ids, family.missing))]
    width = max(p.box.right for p in people) + 40
    height = max(p.box.bottom for p in people) + 60
    return GenogramGeometry(people, labels, unions, children, households, rels, gaps, width, height)


def _render(family: Family | None = None, options: RenderOptions | None = None) -> tuple[str, ET.Element]:
    family = family or _family()
    svg = genogram_svg(family, _grid(family), options)
    return svg, ET.fromstring(svg.encode("utf-8"))


def _layer(root: ET.Element, name: str) -> ET.Element:
    found = root.find(f".//{NS}g[@class='{name}']")
    assert found is not None, name
    return found


def _texts(element: ET.Element) -> list[str]:
    return [t.text or "" for t in element.iter(f"{NS}text")]


def test_well_formed_self_contained_and_accessible() -> None:
    svg, root = _render()
    assert root.tag == f"{NS}svg"
    assert 'generator="genogram"' in svg[:4096]
    tags = {el.tag for el in root.iter()}
    assert f"{NS}script" not in tags and f"{NS}foreignObject" not in tags and f"{NS}image" not in tags
    for el in root.iter():
        for key, value in el.attrib.items():
            assert not key.endswith("href"), key
            assert "url(" not in value or value.startswith("url(#"), value
    assert root.find(f"{NS}title").text == "Test & <family>"
    desc = root.find(f"{NS}desc").text
    assert "8 people" in desc and "1 pregnancy or loss" in desc and "index child is Cy" in desc and "2 gaps" in desc


def test_user_text_is_escaped_not_markup() -> None:
    svg, root = _render()
    assert "</script>" not in svg and "<b>" not in svg
    assert "&lt;/script&gt;&lt;b&gt;" in svg
    assert 'Al </script><b>"&' in _texts(_layer(root, "labels"))


def test_one_symbol_per_person_with_the_right_shape() -> None:
    family = _family()
    _, root = _render(family)
    people = [g for g in _layer(root, "people") if "person" in g.get("class", "")]
    assert len(people) == len(family.people)
    classes = {p.id: g.get("class").split() for p, g in zip(family.people, people)}
    assert "shape-square" in classes["dad"] and "shape-circle" in classes["mum"] and "shape-diamond" in classes["adoptee"]
    assert {"index", "age"} <= set(classes["kid"])
    assert {"unknown"} <= set(classes["ex"]) and "age" not in classes["ex"]
    assert {"adopted", "gender"} <= set(classes["adoptee"])
    assert classes["loss"] == ["person", "miscarriage"]
    assert "deceased" in classes["gran"]
    assert {"condition-mental-health", "condition-other"} <= set(classes["mum"])
    # A circle is drawn with arcs, a square with straight sides only.
    mum_outline = people[1].findall(f"{NS}path")[-1].get("d")
    dad_outline = people[0].findall(f"{NS}path")[0].get("d")
    assert "A" in mum_outline and "A" not in dad_outline
    # The unknown person's outline is dashed and holds a question mark.
    ex = people[2]
    assert any(p.get("stroke-dasharray") for p in ex.findall(f"{NS}path")) and _texts(ex) == ["?"]
    # Ages at as_of: the index child was born 2012-05-05, so 14 on 2026-11-10.
    assert _texts(people[3]) == ["14"]


def test_union_and_descent_styles() -> None:
    _, root = _render()
    unions = _layer(root, "unions").findall(f"{NS}path")
    divorced, slashes, cohabiting, single = unions
    assert divorced.get("stroke-dasharray") is None
    assert slashes.get("d").count("M") == 2  # two slashes: divorced
    assert cohabiting.get("stroke-dasharray") == "6,4"
    assert single.get("stroke-dasharray") is None
    children = _layer(root, "children").findall(f"{NS}path")
    dashed = [c for c in children if c.get("stroke-dasharray") == "6,4"]
    assert len(dashed) == 1  # the adopted child
    assert len(children) == 6 + 1  # six descent lines and one identical-twin bar


def test_gap_markers_numbered_like_the_register() -> None:
    _, root = _render()
    assert _texts(_layer(root, "gaps")) == ["1", "2"]
    legend = " ".join(_texts(_layer(root, "legend")))
    assert "Missing information" in legend and "Who the partner is" in legend and "Dad's address" in legend
    assert "Owner: SW; Due: 2026-12-01" in legend and "Plan: ask again" in legend


def test_legend_lists_exactly_what_is_used() -> None:
    _, root = _render()
    legend = _texts(_layer(root, "legend"))
    for wanted in ("Past household (light dashed boundary)", "Household (dashed boundary)", "Male", "Female", "Divorced (two slashes)", "Living together (dashed)", "Close (two lines)", "Identical twins (joined by a bar)", "Miscarriage"):
        assert wanted in legend, wanted
    for absent in ("Married", "Fused (three lines)", "Stillbirth", "Placement (dash-dot boundary)", "Foster child (dotted)"):
        assert absent not in legend, absent
    _, root = _render(options=RenderOptions(relationships=False))
    legend = _texts(_layer(root, "legend"))
    assert "Close (two lines)" not in legend
    assert root.find(f".//{NS}g[@class='relationships']") is None


def test_minimal_family_without_gaps_or_unions() -> None:
    family = _family("genogram: 1\npeople:\n  - {id: a, name: A, sex: female}\n")
    _, root = _render(family)
    assert root.find(f".//{NS}g[@class='gaps']") is None
    assert "No gaps" in root.find(f"{NS}desc").text
    assert _texts(_layer(root, "legend")) == ["Key", "Female"]


def test_byte_identical_across_processes() -> None:
    script = f"import sys; sys.path.insert(0, {str(Path(__file__).parent)!r}); import test_render_svg as t; sys.stdout.write(t._render()[0])"
    outputs = set()
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        outputs.add(subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, env=env, cwd=ROOT).stdout)
    assert len(outputs) == 1
    assert outputs.pop() == _render()[0]


def _real_layout():  # type: ignore[no-untyped-def]
    """The layout engine."""
    from genogram.layout import genogram as layout

    return layout


def test_samples_render_with_the_real_layout() -> None:
    layout = _real_layout()
    from genogram.io.family import load_family
    from genogram.layout.labels import LayoutOptions

    for sample in sorted((ROOT / "samples").glob("*.yaml")):
        if sample.name.endswith(".session.yaml"):
            continue
        family = load_family(sample).family
        geometry = layout.layout_genogram(family, LayoutOptions())
        svg = genogram_svg(family, geometry)
        root = ET.fromstring(svg.encode("utf-8"))
        people = [g for g in _layer(root, "people") if "person" in g.get("class", "")]
        assert len(people) == len(geometry.people)
        if family.missing:
            assert _texts(_layer(root, "gaps")) == [str(g.number) for g in sorted(geometry.gaps, key=lambda g: g.number)]
        assert svg == genogram_svg(family, layout.layout_genogram(family, LayoutOptions()))
