"""Convert public pedigrees to family files, to test the layout on real, imperfect genealogies.

Three inputs:

* GEDCOM (``.ged``): ``INDI`` records (NAME, SEX, BIRT/DEAT with DATE) and
  ``FAM`` records (HUSB, WIFE, CHIL, MARR DATE); a record whose xref repeats
  an earlier one (Japanese+Imperial+Family.ged has two ``@I59@``) is merged
  into the first, and each merge is printed on stderr;
* Gramps XML (``.gramps``, gzip or plain, as Gramps' ``example.gramps``):
  people (gender, first name, surname, birth and death events) and families
  (father, mother, children with ``mrel``/``frel`` Adopted or Foster kept as
  that relation; Stepchild, Sponsored and Unknown links as biological, the
  count printed on stderr);
* pedigree tables as kinship2 ships them (``sample.ped``: whitespace
  separated, columns ped, id, father, mother, sex with 1 male 2 female,
  optional header and quoted row names; ``testped1``: id, father, mother,
  sex without a pedigree column); ``--ped N`` picks one pedigree.

Nothing is fetched and no third-party data is kept in this repository: give
the converter a file you have. Years outside what the family format accepts
(1800-2200, e.g. medieval royals) are left out, and the count is printed on
stderr, so nothing is dropped silently.

    python bench/pedigree_to_family.py royal92.ged -o royal.yaml
    python bench/pedigree_to_family.py sample.ped.tab --ped 1 -o ped1.yaml
    python bench/pedigree_to_family.py example.gramps -o gramps.yaml
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

MONTHS = {m: i for i, m in enumerate("JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC".split(), 1)}
YEARS = range(1800, 2201)


class _Out:
    """Collects people and unions in file order and writes the family YAML."""

    def __init__(self, title: str) -> None:
        self.title = title
        self.people: list[dict[str, object]] = []
        self.unions: list[dict[str, object]] = []
        self.dropped_dates = 0
        self.notes: list[str] = []

    def date(self, text: str | None) -> str | None:
        """A GEDCOM date as YYYY, YYYY-MM or YYYY-MM-DD (~ for ABT/EST/CAL), or None."""
        if not text:
            return None
        approx = bool(re.match(r"\s*(ABT|EST|CAL|BEF|AFT|FROM|BET)\b", text.upper()))
        m = re.search(r"(?:(\d{1,2})\s+)?(?:([A-Z]{3})\s+)?(\d{3,4})\b", text.upper())
        if m is None:
            return None
        day, month, year = m.group(1), MONTHS.get(m.group(2) or ""), int(m.group(3))
        if year not in YEARS:
            self.dropped_dates += 1
            return None
        if approx:
            return f"~{year}"
        if month and day:
            return f"{year}-{month:02d}-{int(day):02d}"
        return f"{year}-{month:02d}" if month else str(year)

    def dump(self) -> str:
        lines = ["genogram: 1", f"title: {json.dumps(self.title)}", "people:"]
        for p in self.people:
            lines.append("  - " + json.dumps(p, ensure_ascii=False))
        lines.append("unions:" if self.unions else "unions: []")
        for u in self.unions:
            lines.append("  - " + json.dumps(u, ensure_ascii=False))
        return "\n".join(lines) + "\n"


def _ident(raw: str, used: dict[str, str]) -> str:
    """A family-file id for a source id (letters, digits and dashes)."""
    if raw not in used:
        base = re.sub(r"[^a-z0-9]+", "-", raw.lower()).strip("-") or "p"
        ident = base if base[0].isalpha() else "p" + base
        while ident in used.values():
            ident += "x"
        used[raw] = ident
    return used[raw]


Record = tuple[str, str, list[tuple[int, str, str]]]


def _merge_repeats(records: list[Record], out: _Out) -> list[Record]:
    """One record per xref: a repeated INDI or FAM record's lines are appended to the first one's."""
    first: dict[tuple[str, str], Record] = {}
    kept: list[Record] = []
    for record in records:
        tag, xref, lines = record
        if not xref or tag not in ("INDI", "FAM"):
            kept.append(record)
            continue
        earlier = first.get((tag, xref))
        if earlier is None:
            first[(tag, xref)] = record
            kept.append(record)
        else:
            earlier[2].extend(lines)
            out.notes.append(f"{tag} {xref} appears twice: the second record is merged into the first")
    return kept


def from_gedcom(text: str, title: str) -> _Out:
    out = _Out(title)
    ids: dict[str, str] = {}
    records: list[tuple[str, str, list[tuple[int, str, str]]]] = []
    for line in text.splitlines():
        m = re.match(r"\s*(\d+)\s+(@[^@]+@\s+)?(\w+)\s?(.*)$", line)
        if m is None:
            continue
        level, xref, tag, value = int(m.group(1)), (m.group(2) or "").strip(), m.group(3), m.group(4).strip()
        if level == 0:
            records.append((tag, xref, []))
        elif records:
            records[-1][2].append((level, tag, value))
    records = _merge_repeats(records, out)
    people = {xref for tag, xref, _ in records if tag == "INDI"}
    for tag, xref, lines in records:
        if tag != "INDI":
            continue
        person: dict[str, object] = {"id": _ident(xref.strip("@"), ids)}
        event = None
        for level, sub, value in lines:
            if level == 1:
                event = sub
                if sub == "NAME" and "name" not in person:
                    name = " ".join(value.replace("/", " ").split())
                    if name:
                        person["name"] = name
                elif sub == "SEX":
                    person["sex"] = {"M": "male", "F": "female"}.get(value[:1].upper(), "unknown")
            elif level == 2 and sub == "DATE" and event in ("BIRT", "DEAT"):
                d = out.date(value)
                if d is not None:
                    person["born" if event == "BIRT" else "died"] = d
        person.setdefault("sex", "unknown")
        out.people.append(person)
    for tag, _, lines in records:
        if tag != "FAM":
            continue
        partners: list[str] = []
        children: list[str] = []
        start = None
        event = None
        for level, sub, value in lines:
            if level == 1:
                event = sub
                ref = value.strip()
                if ref not in people:
                    continue
                if sub in ("HUSB", "WIFE") and ids[ref.strip("@")] not in partners and len(partners) < 2:
                    partners.append(ids[ref.strip("@")])
                elif sub == "CHIL" and ids[ref.strip("@")] not in children:
                    children.append(ids[ref.strip("@")])
            elif level == 2 and sub == "DATE" and event == "MARR":
                start = out.date(value)
        if not partners:
            continue  # children with no recorded parent: nothing to draw between them
        union: dict[str, object] = {"partners": partners}
        if start:
            union["from"] = start
        children = [c for c in children if c not in partners]
        if children:
            union["children"] = children
        out.unions.append(union)
    return out


def _gramps_date(out: _Out, event: ET.Element | None) -> str | None:
    """A Gramps event's date (dateval, or the start of a range or span) as the family format writes it."""
    if event is None:
        return None
    for child in event:
        tag = child.tag.rsplit("}", 1)[-1]
        val = child.get("val") or child.get("start")
        if tag not in ("dateval", "daterange", "datespan") or not val:
            continue
        m = re.match(r"(-?\d{1,4})(?:-(\d\d))?(?:-(\d\d))?", val)
        if m is None:
            return None
        year = int(m.group(1))
        if year not in YEARS:
            out.dropped_dates += 1
            return None
        if child.get("type") in ("about", "estimated", "calculated", "before", "after") or tag != "dateval":
            return f"~{year}"
        month, day = m.group(2) if m.group(2) not in (None, "00") else None, m.group(3) if m.group(3) not in (None, "00") else None
        if month and day:
            return f"{year}-{month}-{day}"
        return f"{year}-{month}" if month else str(year)
    return None


def from_gramps(data: bytes, title: str) -> _Out:
    """People and families of a Gramps XML database (gzip or plain)."""
    out = _Out(title)
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    root = ET.fromstring(data)
    for element in root.iter():
        element.tag = element.tag.rsplit("}", 1)[-1]
    events = {e.get("handle"): e for e in root.iter("event")}
    ids: dict[str, str] = {}
    for person in root.iter("person"):
        entry: dict[str, object] = {"id": _ident(person.get("id") or person.get("handle") or "p", ids)}
        ids[person.get("handle") or ""] = str(entry["id"])
        name = person.find("name")
        if name is not None:
            parts = [name.findtext("first") or ""] + [(s.text or "") for s in name.iter("surname")] + [name.findtext("last") or ""]
            text = " ".join(" ".join(parts).split())
            if text:
                entry["name"] = text
        entry["sex"] = {"M": "male", "F": "female"}.get((person.findtext("gender") or "U")[:1], "unknown")
        for ref in person.iter("eventref"):
            event = events.get(ref.get("hlink"))
            kind = event.findtext("type") if event is not None else None
            key = {"Birth": "born", "Death": "died"}.get(kind or "")
            if key and key not in entry and ref.get("role", "Primary") == "Primary":
                when = _gramps_date(out, event)
                if when:
                    entry[key] = when
        out.people.append(entry)
    other = 0
    for family in root.iter("family"):
        partners = [ids[r.get("hlink") or ""] for r in (family.find("father"), family.find("mother")) if r is not None and r.get("hlink") in ids]
        if not partners:
            continue
        union: dict[str, object] = {"partners": list(dict.fromkeys(partners))}
        for ref in family.iter("eventref"):
            event = events.get(ref.get("hlink"))
            if event is not None and event.findtext("type") == "Marriage":
                when = _gramps_date(out, event)
                if when:
                    union["from"] = when
                break
        children: list[object] = []
        for ref in family.iter("childref"):
            child = ids.get(ref.get("hlink") or "")
            if child is None or child in partners:
                continue
            rels = {ref.get("mrel", "Birth"), ref.get("frel", "Birth")} - {"Birth", "None"}
            relation = "adopted" if "Adopted" in rels else "foster" if "Foster" in rels else None
            other += bool(rels) and relation is None
            children.append({"id": child, "relation": relation} if relation else child)
        if children:
            union["children"] = children
        out.unions.append(union)
    if other:
        out.notes.append(f"{other} children linked as Stepchild, Sponsored or Unknown are written as birth children")
    return out


def from_ped(text: str, ped: str | None, title: str) -> _Out:
    out = _Out(title)
    ids: dict[str, str] = {}
    rows = []
    for line in text.splitlines():
        cells = [c.strip('"') for c in line.split()]
        if len(cells) < 4 or not cells[-1].replace("NA", "0").lstrip("-").isdigit():
            continue
        if len(cells) >= 8:
            cells = cells[1:]  # a quoted row name in front
        elif len(cells) == 4:
            cells = ["1", *cells]  # id, father, mother, sex: one pedigree
        rows.append(cells)
    rows = [r for r in rows if ped is None or r[0] == ped]
    for r in rows:
        sex = {"1": "male", "2": "female"}.get(r[4], "unknown")
        out.people.append({"id": _ident(f"{r[0]}-{r[1]}", ids), "sex": sex})
    known = {f"{r[0]}-{r[1]}" for r in rows}
    unions: dict[tuple[str, ...], list[str]] = {}
    for r in rows:
        parents = tuple(_ident(f"{r[0]}-{p}", ids) for p in (r[2], r[3]) if p != "0" and f"{r[0]}-{p}" in known)
        if parents:
            unions.setdefault(parents, []).append(ids[f"{r[0]}-{r[1]}"])
    for parents, kids in unions.items():
        out.unions.append({"partners": list(parents), "children": kids})
    return out


def pedigrees_in(source: Path) -> list[str | None]:
    """The pedigrees a table holds (column 1 of a kinship2 table; [None] for any other file)."""
    if source.suffix.lower() in (".ged", ".gramps"):
        return [None]
    found: list[str | None] = []
    for line in source.read_text(encoding="utf-8", errors="replace").splitlines():
        cells = [c.strip('"') for c in line.split()]
        if len(cells) < 5 or not cells[-1].replace("NA", "0").lstrip("-").isdigit():
            continue
        ped = cells[1] if len(cells) >= 8 else cells[0]
        if ped not in found:
            found.append(ped)
    return found or [None]


def convert(source: Path, ped: str | None = None, title: str | None = None) -> _Out:
    """The family of a .ged, .gramps or pedigree-table file, by its suffix."""
    title = title or source.name
    suffix = source.suffix.lower()
    if suffix == ".gramps":
        return from_gramps(source.read_bytes(), title)
    text = source.read_text(encoding="utf-8", errors="replace")
    return from_gedcom(text, title) if suffix == ".ged" else from_ped(text, ped, title)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", type=Path)
    parser.add_argument("--ped", help="for a pedigree table: which pedigree (column 1)")
    parser.add_argument("-o", "--output", type=Path, required=True)
    args = parser.parse_args(argv)
    title = f"{args.source.name}" + (f", pedigree {args.ped}" if args.ped else "")
    out = convert(args.source, args.ped, title)
    args.output.write_text(out.dump(), encoding="utf-8")
    for note in out.notes:
        print(f"{args.source}: {note}", file=sys.stderr)
    print(f"{len(out.people)} people, {len(out.unions)} unions; {out.dropped_dates} dates outside 1800-2200 left out", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
