"""Redaction: the same family with every identifying detail replaced.

Group supervision packs go round a room and sometimes round a team by email.
A redacted family keeps the *shape* (who is related to whom, ages, losses,
placements, gaps) and replaces what identifies: names become roles relative
to the index child ("Maternal grandmother", "Half-brother (9)"), ids become
neutral (ids are often first names), dates of birth become ages, addresses
and notes go, and free text is kept only when it names nobody. Everything
downstream (diagrams, tables, metadata, file names) draws from the redacted
model, so nothing identifying is there to leak.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from datetime import date

from genogram.dates import PartialDate, years_between
from genogram.model import ChildRelation, Family, Person, Sex

REMOVED = "[removed: may identify someone]"


def redact(family: Family, today: date | None = None) -> Family:
    """A copy of ``family`` safe to share outside the team."""
    at = family.as_of.midpoint() if family.as_of else (today or date.today())
    roles = kinship_roles(family, at)
    new_id = neutral_ids(family)
    scrub = text_filter_for(family, roles)

    def text(value: str | None) -> str | None:
        return None if value is None else scrub(value)

    def ident(old: str | None) -> str | None:
        return None if old is None else new_id.get(old, old)

    people = []
    born_order = {p.id: (p.born.sort_key() if p.born else (9999, 0, 0)) for p in family.people}
    for person in family.people:
        died: bool | PartialDate | None = person.died
        if isinstance(died, PartialDate):
            died = True
        people.append(
            person.model_copy(
                update={
                    "id": new_id[person.id],
                    "name": roles.get(person.id),
                    "born": None,
                    "died": died,
                    "age": _age(person, at),
                    "cause": None,
                    "notes": None,
                    "address": None,
                }
            )
        )
    unions = []
    for position, union in enumerate(family.unions):
        # Children sorted by the real birth order: once dates are gone, file order must carry it.
        children = sorted(union.children, key=lambda c: born_order.get(c.id, (9999, 0, 0)))
        unions.append(
            union.model_copy(
                update={
                    "id": new_id.get(family.union_id(position)),
                    "partners": [ident(p) for p in union.partners],
                    "children": [c.model_copy(update={"id": ident(c.id), "twin": ident(c.twin)}) for c in children],
                    "start": _year_only(union.start),
                    "end": _year_only(union.end),
                    "notes": None,
                }
            )
        )
    households = [
        h.model_copy(
            update={
                "id": new_id[h.id],
                "label": _household_label(h.placement.value if h.placement else None, i),
                "members": [ident(m) for m in h.members],
                "start": _month_only(h.start),
                "end": _month_only(h.end),
                "address": None,
                "notes": None,
            }
        )
        for i, h in enumerate(family.households)
    ]
    relationships = [
        rel.model_copy(
            update={
                "between": [ident(x) for x in rel.between] if rel.between else None,
                "source_id": ident(rel.source_id),
                "target_id": ident(rel.target_id),
                "source": text(rel.source),
                "notes": None,
            }
        )
        for rel in family.relationships
    ]
    connections = [
        c.model_copy(update={"name": c.system.replace("-", " ").capitalize(), "with_": ident(c.with_), "notes": None})
        for c in family.connections
    ]
    missing = [
        g.model_copy(
            update={
                "id": new_id.get(family.gap_id(i)),
                "about": ident(g.about),
                "what": text(g.what) or REMOVED,
                "steps": [text(s) or REMOVED for s in g.steps],
                "plan": text(g.plan),
                "owner": text(g.owner),
            }
        )
        for i, g in enumerate(family.missing)
    ]
    return family.model_copy(
        update={
            "title": "Family (redacted)",
            "index": ident(family.index),
            "people": people,
            "unions": unions,
            "households": households,
            "relationships": relationships,
            "connections": connections,
            "missing": missing,
            "notes": None,
        }
    )


def _age(person: Person, at: date) -> int | None:
    """Age in whole years at ``at`` (or at death), from the birth date or the recorded age."""
    if person.kind.value != "person":
        return None
    if person.born is None:
        return person.age
    end = person.death_date.midpoint() if person.death_date else at
    return max(0, years_between(person.born.midpoint(), end))


def _year_only(value: PartialDate | None) -> PartialDate | None:
    return None if value is None else PartialDate(value.year, approx=value.approx)


def _month_only(value: PartialDate | None) -> PartialDate | None:
    return None if value is None else PartialDate(value.year, value.month, approx=value.approx)


def _household_label(placement: str | None, position: int) -> str:
    if placement:
        return f"{placement.capitalize()} placement"
    return f"Household {position + 1}"


def neutral_ids(family: Family) -> dict[str, str]:
    mapping: dict[str, str] = {}
    for i, person in enumerate(family.people):
        mapping[person.id] = f"p{i + 1}"
    for i in range(len(family.unions)):
        mapping[family.union_id(i)] = f"u{i + 1}"
    for i, household in enumerate(family.households):
        mapping[household.id] = f"h{i + 1}"
    for i in range(len(family.missing)):
        mapping[family.gap_id(i)] = f"g{i + 1}"
    return mapping


def _name_tokens(family: Family) -> set[str]:
    """Every word of every name, id, household label and system name: what free text must not contain."""
    tokens: set[str] = set()
    sources = [p.name or "" for p in family.people] + [p.id for p in family.people]
    sources += [h.label or "" for h in family.households] + [c.name or "" for c in family.connections]
    for source in sources:
        tokens |= _words(source)
    return tokens


def _words(text: str) -> set[str]:
    """The words of ``text`` that could identify someone (lower case; no digits or common words)."""
    return {w.lower() for w in re.split(r"[\W_]+", text) if len(w) >= 2 and not w.isdigit() and w.lower() not in _COMMON_WORDS}


#: Words in household labels and system names that identify nobody.
_COMMON_WORDS = {
    "and", "the", "of", "with", "flat", "house", "home", "placement", "kinship", "foster", "residential",
    "maternal", "paternal", "grandmother", "grandfather", "mother", "father", "school", "academy", "gp",
    "service", "services", "team", "group", "peer", "peers", "older", "younger", "youth", "justice",
    "housing", "association", "health", "unknown", "father's", "mother's", "carer", "carers", "care",
    "primary", "secondary", "pregnancy", "miscarriage", "stillbirth", "termination", "baby", "college", "nursery", "church", "mosque", "club", "centre", "center", "st",
}


def _names_someone(text: str, tokens: set[str]) -> bool:
    words = {w for w in re.split(r"[\W_]+", text.lower()) if w}
    return bool(words & tokens)


# ---------------------------------------------------------------------------
# Kinship roles


def kinship_roles(family: Family, at: date | None = None) -> dict[str, str]:
    """A role for each person relative to the index child, unique within the family."""
    at = at or (family.as_of.midpoint() if family.as_of else date.today())
    people = family.person_by_id
    index = family.index
    birth_parents: dict[str, list[str]] = defaultdict(list)
    other_parents: dict[str, list[tuple[str, ChildRelation]]] = defaultdict(list)
    partners: dict[str, list[str]] = defaultdict(list)
    children: dict[str, list[str]] = defaultdict(list)
    former: set[tuple[str, str]] = set()
    for union in family.unions:
        ended = union.end is not None or (union.status is not None and union.status.value in ("separated", "divorced"))
        if ended and len(union.partners) == 2:
            former.add((union.partners[0], union.partners[1]))
            former.add((union.partners[1], union.partners[0]))
        for a in union.partners:
            for b in union.partners:
                if a != b and b not in partners[a]:
                    partners[a].append(b)
        for child in union.children:
            for partner in union.partners:
                children[partner].append(child.id)
                if child.relation is ChildRelation.BIOLOGICAL:
                    birth_parents[child.id].append(partner)
                else:
                    other_parents[child.id].append((partner, child.relation))

    roles: dict[str, str] = {}
    if index and index in people:
        _assign_roles(index, people, birth_parents, other_parents, partners, children, roles, former)
    raw = {pid: roles.get(pid, _fallback(people[pid])) for pid in people}
    return _with_ages_unique(family, raw, at)


def _gendered(person: Person, female: str, male: str, neutral: str) -> str:
    if person.gender in ("woman", "trans-woman") or (person.gender is None and person.sex is Sex.FEMALE):
        return female
    if person.gender in ("man", "trans-man") or (person.gender is None and person.sex is Sex.MALE):
        return male
    return neutral


def _fallback(person: Person) -> str:
    if person.kind.value != "person":
        return person.kind.value.capitalize()
    return "Family member"


def _assign_roles(
    index: str,
    people: dict[str, Person],
    birth_parents: dict[str, list[str]],
    other_parents: dict[str, list[tuple[str, ChildRelation]]],
    partners: dict[str, list[str]],
    children: dict[str, list[str]],
    roles: dict[str, str],
    former: set[tuple[str, str]],
) -> None:
    def set_role(pid: str, role: str) -> None:
        if pid in people and pid not in roles:
            roles[pid] = role

    set_role(index, "Child")
    parents = birth_parents.get(index, [])
    for parent in parents:
        p = people.get(parent)
        if p:
            set_role(parent, _gendered(p, "Mother", "Father", "Parent"))
    for parent, relation in other_parents.get(index, []):
        p = people.get(parent)
        if p:
            prefix = "Adoptive" if relation is ChildRelation.ADOPTED else "Foster"
            set_role(parent, f"{prefix} {_gendered(p, 'mother', 'father', 'parent')}" if prefix == "Adoptive" else "Foster carer")
    # Parents' partners who are not parents.
    for parent in parents:
        side = roles.get(parent, "Parent").lower()
        for partner in partners.get(parent, []):
            p = people.get(partner)
            if p and partner not in parents:
                kind = "former partner" if (parent, partner) in former else "partner"
                set_role(partner, f"{side.capitalize()}'s {kind}")
    # Siblings.
    own = set(parents)
    for parent in parents:
        for sibling in children.get(parent, []):
            if sibling == index or sibling not in people:
                continue
            s = people[sibling]
            if s.is_loss or s.kind.value == "pregnancy":
                set_role(sibling, f"{s.kind.value.capitalize()} ({roles.get(parent, 'parent').lower()})")
                continue
            shared = own & set(birth_parents.get(sibling, []))
            full = len(own) >= 2 and shared == own
            base = _gendered(s, "sister", "brother", "sibling")
            if full:
                set_role(sibling, base.capitalize())
            elif shared:
                set_role(sibling, f"Half-{base}")
            elif any(parent == p for p, _ in other_parents.get(sibling, [])):
                set_role(sibling, f"Adoptive or foster {base}")
            else:
                set_role(sibling, f"Step{base}")
    # Grandparents, aunts and uncles, cousins.
    for parent in parents:
        p = people.get(parent)
        if not p:
            continue
        side = {"Mother": "Maternal", "Father": "Paternal"}.get(roles.get(parent, ""), "")
        prefix = f"{side} " if side else ""
        grandparents = birth_parents.get(parent, [])
        for grand in grandparents:
            g = people.get(grand)
            if g:
                role = _gendered(g, "grandmother", "grandfather", "grandparent")
                set_role(grand, f"{prefix}{role}".capitalize() if not side else f"{prefix}{role}")
            for partner in partners.get(grand, []):
                if partner not in grandparents:
                    set_role(partner, f"{prefix}grandparent's partner".capitalize() if not side else f"{prefix}grandparent's partner")
        for grand in grandparents:
            for aunt in children.get(grand, []):
                if aunt == parent or aunt not in people:
                    continue
                a = people[aunt]
                if a.is_loss:
                    continue
                set_role(aunt, f"{prefix}{_gendered(a, 'aunt', 'uncle', 'aunt or uncle')}".strip().capitalize() if not side else f"{prefix}{_gendered(a, 'aunt', 'uncle', 'aunt or uncle')}")
                for partner in partners.get(aunt, []):
                    set_role(partner, f"{roles[aunt]}'s partner")
                for cousin in children.get(aunt, []):
                    set_role(cousin, f"{prefix}cousin".capitalize() if not side else f"{prefix}cousin")
    # The index child's own partners and children, and siblings' children.
    for partner in partners.get(index, []):
        set_role(partner, "Child's partner")
    for own_child in children.get(index, []):
        c = people.get(own_child)
        if c:
            set_role(own_child, f"Child's {_gendered(c, 'daughter', 'son', 'child')}")
    for sibling in [s for s, r in list(roles.items()) if r.lower().endswith(("sister", "brother", "sibling"))]:
        for nephew in children.get(sibling, []):
            n = people.get(nephew)
            if n:
                set_role(nephew, _gendered(n, "Niece", "Nephew", "Sibling's child"))
        for partner in partners.get(sibling, []):
            set_role(partner, f"{roles[sibling]}'s partner")


def _with_ages_unique(family: Family, roles: dict[str, str], at: date) -> dict[str, str]:
    """Add an age where known ("Half-brother (9)") and number any remaining repeats."""
    labelled: dict[str, str] = {}
    for person in family.people:
        age = _age(person, at)
        labelled[person.id] = roles[person.id] if age is None else f"{roles[person.id]} ({age})"
    counts: dict[str, int] = defaultdict(int)
    for role in labelled.values():
        counts[role] += 1
    seen: dict[str, int] = defaultdict(int)
    unique: dict[str, str] = {}
    for person in family.people:
        role = labelled[person.id]
        if counts[role] > 1:
            seen[role] += 1
            role = f"{role} #{seen[role]}"
        unique[person.id] = role
    return unique


def text_filter_for(family: Family, roles: dict[str, str] | None = None) -> Callable[[str], str]:
    """A filter for free text: names become roles ("Jayden's father" -> "Child's father");
    text that still identifies someone (a surname, a place, a date of birth) is removed.
    ``roles`` are :func:`kinship_roles` when the caller already has them."""
    roles = roles if roles is not None else kinship_roles(family)
    replacements: list[tuple[re.Pattern[str], str]] = []
    words_of: dict[str, set[str]] = {}
    owners: dict[str, int] = defaultdict(int)

    for person in family.people:
        words_of[person.id] = _words(person.name or "")
        for word in words_of[person.id]:
            owners[word] += 1
    for person in family.people:
        # Words of an id count only when they are in nobody's name (`jayden-father` is not Jayden).
        words_of[person.id] |= {w for w in _words(person.id) if owners[w] == 0}
    for person in family.people:
        role = re.sub(r"( \(\d+\))?( #\d+)?$", "", roles[person.id])
        # A word shared by several people (a surname) says nothing about who is meant: it is not swapped.
        words = {w for w in words_of[person.id] if owners[w] <= 1}
        if person.name:
            words.add(person.name.lower())
        for word in words:
            replacements.append((re.compile(rf"\b{re.escape(word)}\b", re.IGNORECASE), role))
    replacements.sort(key=lambda item: len(item[0].pattern), reverse=True)
    tokens = _name_tokens(family)
    birthdays = {str(p.born) for p in family.people if p.born is not None and p.born.day}

    def apply(value: str) -> str:
        out = value
        # Only full names and unambiguous first names are swapped; the check below catches the rest.
        for pattern, role in replacements:
            out = pattern.sub(role, out)
        if _names_someone(out, tokens) or any(day in out for day in birthdays):
            return REMOVED
        return out

    return apply
