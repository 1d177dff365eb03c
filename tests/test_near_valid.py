"""Property tests: valid family files load, and nearly valid ones are refused at the right place.

Hypothesis builds whole family documents (people over three generations,
unions, households, relationships, connections, a missing-information
register; names full of markup, bidi and control characters) and writes them
as YAML text with a small emitter that remembers the line of every key. A
"nearly valid" document is a valid one with exactly one mutation: a wrong
type, an unknown or repeated key, a dangling id, a bad date or enum, a
missing required field, a loop in parentage, an anchor or tag, a raw control
character. The loader must load every valid document, refuse every mutation
it is sure to refuse with a problem on the mutated line, and never raise
anything but a located :class:`GenogramError`; the commands must keep their
exit codes and never show a traceback.
"""

from __future__ import annotations

import json
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from genogram.cli.main import cli
from genogram.errors import GenogramError
from genogram.io.family import loads_family
from genogram.model import (
    ChildRelation,
    Flow,
    GapStatus,
    PersonKind,
    PlacementKind,
    RelationshipKind,
    Sex,
    Share,
    Strength,
    UnionStatus,
)

NAME = "family.yaml"
Pairs = list[tuple[str, Any]]  # a mapping as written: ordered, and able to hold a repeated key

# text ----------------------------------------------------------------------------------
HOSTILE = ["</script>", "<b>", "&amp;", "]]>", "#set page(width: 1cm)", "*x*", "$x$", "\u202e", "\u2066", "\u200b", "\ufeff",
           "\x00", "\x1b[2J", "\x07", "\r\n", "\t", "\u2028", "'", '"', "\\", ": ", " #", "{{x}}", "Zoë", "محمد", "王"]
free_text = st.one_of(
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=30),
    st.lists(st.sampled_from(HOSTILE) | st.text("abc XYZ", max_size=5), max_size=6).map("".join),
)
words = st.tuples(st.sampled_from("abcdefghijklmnopqrstuvwxyz"), st.text("abcdefghijklmnopqrstuvwxyz0123456789-", max_size=10)).map("".join)


def year_text(year: int, precision: int, approx: bool, month: int, day: int) -> str:
    text = str(year) if precision == 0 else f"{year}-{month:02d}" if precision == 1 else f"{year}-{month:02d}-{day:02d}"
    return f"~{text}" if approx else text


def dates(low: int, high: int) -> st.SearchStrategy[str]:
    """A valid partial date in [low, high] (approximate only strictly inside it)."""
    parts = st.tuples(st.integers(low, high), st.integers(0, 2), st.booleans(), st.integers(1, 12), st.integers(1, 28))
    return parts.map(lambda p: year_text(p[0], p[1], p[2] and low < p[0] < high, p[3], p[4]))


LOSS_KINDS = ("miscarriage", "stillbirth", "termination")


# valid documents ---------------------------------------------------------------------------
@st.composite
def families(draw: st.DrawFn) -> Pairs:
    """A valid family: people in three generations, children one generation below their parents."""
    sizes = [draw(st.integers(1, 4)), draw(st.integers(0, 4)), draw(st.integers(0, 5))]
    people: list[Pairs] = []
    losses: set[str] = set()
    generation: dict[str, int] = {}
    born_year: dict[str, int] = {}
    for g, size in enumerate(sizes):
        for _ in range(size):
            pid = f"p{len(people) + 1}"
            generation[pid] = g
            person: Pairs = [("id", pid)]
            if draw(st.booleans()):
                person.append(("name", draw(free_text)))
            if draw(st.booleans()):
                person.append(("sex", draw(st.sampled_from([s.value for s in Sex]))))
            if draw(st.integers(0, 4)) == 0:
                person.append(("gender", draw(free_text)))
            if draw(st.integers(0, 5)) == 0:
                # Only the youngest generation (never a partner or parent) may be a pregnancy or loss.
                kind = draw(st.sampled_from([k.value for k in PersonKind])) if g == 2 else "person"
                person.append(("kind", kind))
                if kind in LOSS_KINDS:
                    losses.add(pid)
            if draw(st.booleans()):
                year = 1900 + 30 * g + draw(st.integers(0, 5))
                born_year[pid] = year
                person.append(("born", draw(dates(year, year))))
                if draw(st.integers(0, 3)) == 0:
                    person.append(("died", draw(st.just("true") | dates(year + 2, min(year + 90, 2200)))))
            elif draw(st.booleans()):
                person.append(("age", str(draw(st.integers(0, 130)))))
            if draw(st.integers(0, 3)) == 0:
                person.append(("unknown", draw(st.sampled_from(["true", "false", "yes", "no", "True"]))))
            if draw(st.integers(0, 3)) == 0:
                person.append(("conditions", draw(st.lists(words, max_size=3))))
            if draw(st.integers(0, 3)) == 0:
                person.append(("notes", draw(free_text)))
            if draw(st.integers(0, 5)) == 0:
                person.append(("cause", draw(free_text)))
            people.append(person)
    ids = [p[0][1] for p in people]
    by_gen = [[i for i in ids if generation[i] == g] for g in range(3)]
    unions: list[Pairs] = []
    birth_child: set[str] = set()
    for g in range(2):
        for _ in range(draw(st.integers(0, 3))):
            if not by_gen[g]:
                break
            partners = draw(st.lists(st.sampled_from(by_gen[g]), min_size=1, max_size=2, unique=True))
            union: Pairs = [("partners", partners)]
            if draw(st.booleans()):
                union.insert(0, ("id", f"u{len(unions) + 1}"))
            if draw(st.booleans()):
                union.append(("status", draw(st.sampled_from([s.value for s in UnionStatus]))))
            if draw(st.booleans()):
                start = draw(st.integers(1920, 2020))
                union.append(("from", str(start)))
                if draw(st.booleans()):
                    union.append(("to", str(draw(st.integers(start, 2026)))))
            children: list[Any] = []
            for child in draw(st.lists(st.sampled_from(by_gen[g + 1]), max_size=3, unique=True)) if by_gen[g + 1] else []:
                relation = draw(st.sampled_from([r.value for r in ChildRelation]))
                if relation == "biological" and child in birth_child:
                    relation = "adopted"
                if relation == "biological":
                    birth_child.add(child)
                    children.append(child)
                else:
                    children.append([("id", child), ("relation", relation)])
            if children:
                union.append(("children", children))
            if draw(st.integers(0, 3)) == 0:
                union.append(("notes", draw(free_text)))
            unions.append(union)
    households: list[Pairs] = []
    for k in range(draw(st.integers(0, 2))):
        household: Pairs = [("id", f"h{k + 1}"), ("members", draw(st.lists(st.sampled_from(ids), max_size=4, unique=True)))]
        if draw(st.booleans()):
            household.append(("label", draw(free_text)))
        if draw(st.booleans()):
            household.append(("placement", draw(st.sampled_from([p.value for p in PlacementKind]))))
        if draw(st.booleans()):
            start = draw(st.integers(1990, 2020))
            household += [("from", str(start)), ("to", str(draw(st.integers(start, 2026))))]
        households.append(household)
    relationships: list[Pairs] = []
    if len(ids) >= 2:
        for _ in range(draw(st.integers(0, 2))):
            a, b = draw(st.lists(st.sampled_from(ids), min_size=2, max_size=2, unique=True))
            ends: Pairs = [("between", [a, b])] if draw(st.booleans()) else [("from", a), ("to", b)]
            relationships.append(ends + [("kind", draw(st.sampled_from([k.value for k in RelationshipKind])))])
            if draw(st.booleans()):
                relationships[-1].append(("source", draw(free_text)))
    targets = ids + [h[0][1] for h in households]
    connections: list[Pairs] = []
    for _ in range(draw(st.integers(0, 3))):
        connection: Pairs = [("system", draw(words))]
        if draw(st.booleans()):
            connection.append(("name", draw(free_text)))
        if draw(st.booleans()):
            connection.append(("with", draw(st.sampled_from(targets))))
        if draw(st.booleans()):
            connection.append(("strength", draw(st.sampled_from([s.value for s in Strength]))))
        if draw(st.booleans()):
            connection.append(("flow", draw(st.sampled_from([f.value for f in Flow]))))
        connections.append(connection)
    gaps: list[Pairs] = []
    about = targets + [u[0][1] for u in unions if u[0][0] == "id"]
    for k in range(draw(st.integers(0, 2))):
        gap: Pairs = [("id", f"g{k + 1}"), ("what", draw(free_text))]
        if draw(st.booleans()):
            gap.append(("about", draw(st.sampled_from(about))))
        if draw(st.booleans()):
            gap.append(("steps", draw(st.lists(free_text, max_size=2))))
        if draw(st.booleans()):
            gap += [("plan", draw(free_text)), ("owner", draw(free_text)), ("due", draw(dates(2020, 2030)))]
        if draw(st.booleans()):
            gap.append(("status", draw(st.sampled_from([s.value for s in GapStatus]))))
        gaps.append(gap)
    doc: Pairs = [("genogram", "1")]
    if draw(st.booleans()):
        doc.append(("title", draw(free_text)))
    candidates = [p for p in (by_gen[2] or by_gen[1]) if p not in losses]  # a loss is never the index child
    if candidates and draw(st.booleans()):
        doc.append(("index", draw(st.sampled_from(candidates))))
    if draw(st.booleans()):
        doc.append(("as_of", draw(dates(2000, 2030))))
    if draw(st.booleans()):
        doc.append(("share", draw(st.sampled_from([s.value for s in Share]))))
    doc.append(("people", people))
    for key, items in (("unions", unions), ("households", households), ("relationships", relationships), ("connections", connections), ("missing", gaps)):
        if items or draw(st.integers(0, 4)) == 0:
            doc.append((key, items))
    return doc


# the emitter ------------------------------------------------------------------------------
def _printable(char: str) -> bool:
    """Characters YAML lets stand raw inside a double-quoted scalar (and that keep their meaning)."""
    code = ord(char)
    if char in '"\\' or char in "\u2028\u2029\ufeff\x85":
        return False
    return 0x20 <= code <= 0x7E or 0xA0 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD or code >= 0x10000


def quoted(text: str) -> str:
    """A YAML double-quoted scalar holding exactly ``text``."""
    out = []
    for char in text:
        code = ord(char)
        if char == '"':
            out.append('\\"')
        elif char == "\\":
            out.append("\\\\")
        elif _printable(char):
            out.append(char)
        elif code <= 0xFF:
            out.append(f"\\x{code:02x}")
        elif code <= 0xFFFF:
            out.append(f"\\u{code:04x}")
        else:
            out.append(f"\\U{code:08x}")
    return '"' + "".join(out) + '"'


def scalar(value: Any) -> str:
    if isinstance(value, Raw):
        return value.text
    if isinstance(value, list):
        if value and isinstance(value[0], tuple):  # a mapping written inline
            return "{" + ", ".join(f"{key}: {scalar(v)}" for key, v in value) + "}"
        return "[" + ", ".join(scalar(v) for v in value) + "]"
    text = str(value)
    if text and text.replace("-", "").replace("~", "").replace(".", "").isalnum() and text.isascii() and text[0] != "-":
        return text
    return quoted(text)


@dataclass(frozen=True)
class Raw:
    """YAML text written as is (for a mutation the emitter would otherwise escape)."""

    text: str


def is_mapping(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and isinstance(value[0], tuple)


def emit(doc: Pairs) -> tuple[str, dict[tuple[object, ...], int]]:
    """YAML text for ``doc`` and the line of every key and list item (by path)."""
    lines: list[str] = []
    where: dict[tuple[object, ...], int] = {}
    for key, value in doc:
        path: tuple[object, ...] = (key,)
        if path in where:
            path = (key, "#repeat")
        where[path] = len(lines) + 1
        if isinstance(value, list) and value and all(is_mapping(item) for item in value):
            lines.append(f"{key}:")
            for i, item in enumerate(value):
                where[(key, i)] = len(lines) + 1
                for j, (field, v) in enumerate(item):
                    spot = (key, i, field) if (key, i, field) not in where else (key, i, field, "#repeat")
                    where[spot] = len(lines) + 1
                    lines.append(("  - " if j == 0 else "    ") + f"{field}: {scalar(v)}")
        else:
            lines.append(f"{key}: {scalar(value)}")
    return "\n".join(lines) + "\n", where


# mutations ------------------------------------------------------------------------------------
@dataclass
class Mutated:
    text: str
    what: str
    lines: set[int]  # a problem must be reported on one of these lines (empty: may load)


def _items(doc: Pairs) -> list[tuple[str, int, Pairs]]:
    return [(key, i, item) for key, value in doc if isinstance(value, list) for i, item in enumerate(value) if is_mapping(item)]


def _fields(doc: Pairs, keys: tuple[str, ...]) -> list[tuple[Pairs, int, tuple[object, ...]]]:
    """(mapping, position in it, path) of every field named in ``keys``, top level and in list items."""
    found = [(doc, j, (k,)) for j, (k, _) in enumerate(doc) if k in keys]
    for key, i, item in _items(doc):
        found += [(item, j, (key, i, k)) for j, (k, _) in enumerate(item) if k in keys]
    return found


TYPED = ("genogram", "id", "title", "as_of", "share", "name", "sex", "born", "died", "age", "kind", "status", "from", "to", "label", "placement", "system", "strength", "flow", "what", "plan", "due", "unknown", "partners", "members", "children", "steps", "conditions", "between")
DATES = ("as_of", "born", "died", "from", "to", "due")
ENUMS = ("sex", "kind", "status", "placement", "strength", "flow", "share")
REFS = ("index", "partners", "children", "members", "between", "with", "about")
BAD_DATES = ["2023-02-29", "2024-13-01", "2024-04-31", "0000", "1799", "2201", "20-01-01", "2020-1-1", "2020/01/01", "yesterday",
             "~~2000", "2020-01-01T00:00", "99999999999999999999", "-2020", "1e3", "0x7E4", "2020-00", "", "2020-02-30"]
KNOWN_KEYS = {"genogram", "title", "index", "as_of", "share", "people", "unions", "households", "relationships", "connections", "missing", "notes",
              "id", "name", "sex", "gender", "pronouns", "kind", "born", "died", "cause", "age", "unknown", "conditions", "address", "partners",
              "status", "from", "to", "children", "label", "placement", "members", "between", "source", "system", "with", "strength", "flow",
              "about", "what", "steps", "plan", "owner", "due", "relation", "twin", "identical"}


MUTATIONS = ("type", "unknown-key", "duplicate-key", "dangling", "date", "enum", "required", "cycle", "self-partner",
             "bad-id", "age", "anchor", "tag", "alias", "control", "truncate")


@st.composite
def nearly_valid(draw: st.DrawFn, kind: str | None = None) -> Mutated:
    """A valid family with one mutation of ``kind`` (any kind when None)."""
    doc = draw(families())
    kind = kind or draw(st.sampled_from(MUTATIONS))
    text, where = emit(doc)
    if kind == "type":
        mapping, j, path = draw(st.sampled_from(_fields(doc, TYPED)))
        value = mapping[j][1]
        mapping[j] = (mapping[j][0], "x" if isinstance(value, list) else draw(st.sampled_from([["x"], [("a", "b")]])))
        text, where = emit(doc)
        return Mutated(text, kind, {where[path]})
    if kind == "unknown-key":
        options = [(doc, ())] + [(item, (key, i)) for key, i, item in _items(doc)]
        mapping, path = draw(st.sampled_from(options))
        key = draw(words.filter(lambda w: w not in KNOWN_KEYS) | st.sampled_from(['"a\\nb"', '"k\\e[2J"', '"\\u202eid"', '"x y"']))
        mapping.append((key, "1"))
        text, where = emit(doc)
        return Mutated(text, kind, {where[path + (key,)]})
    if kind == "duplicate-key":
        options = [(doc, ())] + [(item, (key, i)) for key, i, item in _items(doc)]
        mapping, path = draw(st.sampled_from(options))
        key, value = draw(st.sampled_from(mapping))
        mapping.append((key, value))
        text, where = emit(doc)
        return Mutated(text, kind, {where[path + (key, "#repeat")]})
    if kind == "dangling":
        spots = _fields(doc, REFS)
        spots = [s for s in spots if not isinstance(s[0][s[1]][1], list) or s[0][s[1]][1]]
        if not spots:
            doc.append(("index", "nobody"))
            text, where = emit(doc)
            return Mutated(text, kind, {where[("index",)]})
        mapping, j, path = draw(st.sampled_from(spots))
        value = mapping[j][1]
        if isinstance(value, list):
            k = draw(st.integers(0, len(value) - 1))
            value[k] = [("id", "nobody")] if is_mapping(value[k]) else "nobody"
        else:
            mapping[j] = (mapping[j][0], "nobody")
        text, where = emit(doc)
        return Mutated(text, kind, {where[path]})
    if kind == "date":
        spots = _fields(doc, DATES)
        bad = draw(st.sampled_from(BAD_DATES))
        if not spots:
            doc.append(("as_of", bad))
            text, where = emit(doc)
            return Mutated(text, kind, {where[("as_of",)]})
        mapping, j, path = draw(st.sampled_from(spots))
        mapping[j] = (mapping[j][0], bad)
        text, where = emit(doc)
        return Mutated(text, kind, {where[path]})
    if kind == "enum":
        spots = _fields(doc, ENUMS)
        bad = draw(st.sampled_from(["Male", "F", "other", "1", "yes", "MARRIED", "close", "strong-ish"]))
        if not spots:
            doc.append(("share", bad))
            text, where = emit(doc)
            return Mutated(text, kind, {where[("share",)]})
        mapping, j, path = draw(st.sampled_from(spots))
        allowed = {"sex": Sex, "kind": RelationshipKind if path[0] == "relationships" else PersonKind,
                   "status": UnionStatus if path[0] == "unions" else GapStatus, "placement": PlacementKind,
                   "strength": Strength, "flow": Flow, "share": Share}[mapping[j][0]]
        if bad in {m.value for m in allowed}:  # type: ignore[attr-defined]
            bad = "Male"
        mapping[j] = (mapping[j][0], bad)
        text, where = emit(doc)
        return Mutated(text, kind, {where[path]})
    if kind == "required":
        # field required in each list, and a harmless field to keep the item a mapping when it was the only one
        need = {"people": ("id", "name"), "unions": ("partners", "status"), "households": ("id", "label"),
                "relationships": ("kind", "source"), "missing": ("what", "plan"), "connections": ("system", "name")}
        key, i, item = draw(st.sampled_from([(k, i, item) for k, i, item in _items(doc) if k in need]))
        required, filler = need[key]
        item[:] = [(k, v) for k, v in item if k != required] or [(filler, "x")]
        text, where = emit(doc)
        return Mutated(text, kind, {where[(key, i)]})
    if kind == "cycle":
        unions = dict(doc).get("unions", [])
        pairs = [(u, c) for u in unions for c in dict(u).get("children", [])]
        if not pairs:
            return Mutated(text, "valid", set())
        union, child = draw(st.sampled_from(pairs))
        child_id = dict(child)["id"] if is_mapping(child) else child
        parent = dict(union)["partners"][0]
        unions.append([("partners", [child_id]), ("children", [parent])])
        text, where = emit(doc)
        i = len(unions) - 1
        return Mutated(text, kind, {where[("unions", i, "children")], where[("unions", unions.index(union), "children")]})
    if kind == "self-partner":
        person = dict(doc)["people"][0][0][1]
        unions = dict(doc).get("unions")
        if unions is None:
            unions = []
            doc.append(("unions", unions))
        unions.append([("partners", [person, person])])
        text, where = emit(doc)
        return Mutated(text, kind, {where[("unions", len(unions) - 1, "partners")]})
    if kind == "bad-id":
        people = dict(doc)["people"]
        i = draw(st.integers(0, len(people) - 1))
        people[i][0] = ("id", draw(st.sampled_from(["two words", ".dot", "-dash", "x" * 81, "é", "a/b", "a\u202eb", ""])))
        text, where = emit(doc)
        return Mutated(text, kind, {where[("people", i, "id")]})
    if kind == "age":
        people = dict(doc)["people"]
        i = draw(st.integers(0, len(people) - 1))
        age = ("age", draw(st.sampled_from(["-1", "131", "7.5", "1e2", "seven", "0x10", "99999999999999999999999"])))
        people[i][:] = [f for f in people[i] if f[0] != "age"] + [age]
        text, where = emit(doc)
        return Mutated(text, kind, {where[("people", i, "age")]})
    if kind in ("anchor", "tag", "alias"):
        mapping, j, path = draw(st.sampled_from(_fields(doc, ("id", "title", "name", "born", "what", "system"))))
        value = mapping[j][1]
        mapping[j] = (mapping[j][0], Raw({"anchor": f"&a {scalar(value)}", "tag": f"!!str {scalar(value)}", "alias": "*a"}[kind]))
        text, where = emit(doc)
        return Mutated(text, kind, {where[path]})
    if kind == "control":
        offset = draw(st.integers(0, len(text)))
        char = draw(st.sampled_from(["\x00", "\x07", "\x1b", "\x7f", "\x0b", "\ufffe"]))
        text = text[:offset] + char + text[offset:]
        return Mutated(text, kind, {text[:offset].count("\n") + 1})
    offset = draw(st.integers(0, len(text)))
    return Mutated(text[:offset], kind, set())  # truncated: may still be valid


# properties -------------------------------------------------------------------------------------
def load(text: str) -> GenogramError | None:
    """Load ``text``; return the refusal, after checking it is a located, one-line-per-problem error."""
    try:
        loads_family(text, NAME)
    except GenogramError as error:
        assert error.problems
        for problem in error.problems:
            assert problem.location.file == NAME
            assert problem.location.line >= 1 and problem.location.column >= 1, problem
            assert problem.message and (problem.message + problem.hint).isprintable(), problem  # one line, no escapes or bidi
        return error
    return None


def budget(examples: int) -> settings:
    """Modest example counts keep the file at about 10-20 s; no deadline (the machine is shared)."""
    return settings(
        max_examples=examples,
        deadline=None,
        derandomize=True,  # CI sees the same examples every run
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


#: What the model strips round text: Unicode White_Space, which unlike Python's
#: str.isspace() leaves the separators U+001C..U+001F alone.
_WHITE_SPACE = "".join(c for c in map(chr, range(0x3001)) if c.isspace() and c not in "\x1c\x1d\x1e\x1f")


@budget(60)
@given(families())
def test_valid_documents_load(doc: Pairs) -> None:
    text, _ = emit(doc)
    error = load(text)
    assert error is None, f"{error}\n---\n{text}"
    # Every text comes back exactly as written (less surrounding white space): nothing is reinterpreted.
    family = loads_family(text, NAME).family
    written = [dict(p).get("name") for p in dict(doc)["people"]]
    assert [p.name for p in family.people] == [None if w is None else w.strip(_WHITE_SPACE) for w in written]
    assert family.title == (dict(doc)["title"].strip(_WHITE_SPACE) if "title" in dict(doc) else None)


@pytest.mark.parametrize("kind", MUTATIONS)
@budget(10)
@given(data=st.data())
def test_nearly_valid_documents_are_refused_where_they_go_wrong(kind: str, data: st.DataObject) -> None:
    mutated = data.draw(nearly_valid(kind))
    error = load(mutated.text)
    if not mutated.lines:
        return
    assert error is not None, f"{mutated.what} was accepted\n---\n{mutated.text}"
    lines = {p.location.line for p in error.problems}
    assert lines & mutated.lines, f"{mutated.what}: problems on lines {sorted(lines)}, expected one on {sorted(mutated.lines)}\n{error}\n---\n{mutated.text}"


@budget(20)
@given(st.one_of(families().map(lambda d: Mutated(emit(d)[0], "valid", set())), nearly_valid()))
def test_commands_keep_their_contract(mutated: Mutated) -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        source = folder / NAME
        source.write_text(mutated.text, encoding="utf-8")
        session = folder / "s.session.yaml"
        session.write_text(f"session: 1\nfamily: {NAME}\ndate: 2026-10-14\n", encoding="utf-8")
        valid = load(mutated.text) is None
        commands = {
            "validate": [str(source)],
            "lint": [str(source)],
            "layout": [str(source), "--json"],
            "render": [str(source), "-o", str(folder / "genogram.svg")],
            "ecomap": [str(source), "-o", str(folder / "ecomap.svg")],
            "pack": [str(session), "-o", str(folder / "pack.html")],
        }
        for command, args in commands.items():
            result = CliRunner().invoke(cli, [command, *args])
            assert result.exception is None or isinstance(result.exception, SystemExit), (command, result.exception, mutated.text)
            assert "Traceback" not in result.output
            if valid:
                assert result.exit_code in ((0, 1) if command == "lint" else (0,)), (command, result.output)
                if command == "layout":
                    assert "people" in json.loads(result.stdout)
            else:
                assert result.exit_code in ((1, 2) if command == "lint" else (2,)), (command, result.output)
        written = [folder / "genogram.svg", folder / "ecomap.svg", folder / "pack.html"]
        if valid:
            for svg in written[:2]:
                ET.parse(svg)
        else:
            assert not [p for p in written if p.exists()]
