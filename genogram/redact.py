"""Allow-list redaction: a new family built only from what is known to be safe.

Group supervision packs go round a room and sometimes round a team by email.
A deny-list (remove the names we know) cannot be made safe: it misses
nicknames, surname variants, dates written another way and addresses, and
it corrupts prose when a name is also a word. So a redacted family is not a
copy with names removed; it is built afresh from a short list of safe
things: kinship roles ("Maternal cousin 2 (6)"), ages, sex and recorded
gender words, symbols (kind, conditions, losses), relationship kinds, system
kinds, counts, years of unions and households (kept only so a drawing can
tell which households are current; redacted drawings print no dates), and
fresh ids (``p1``, ``u1``, ``h1``, ``g1``). Everything else, including any field added to the
format later, is dropped, and every drop or mapping is recorded for the
author's redaction report. Free text reaches a redacted pack only through
text written for sharing (:mod:`genogram.pack.shared`), which is checked by
:mod:`genogram.detect`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from pydantic import BaseModel

from genogram.dates import PartialDate
from genogram.kinship import age_of, kinship_roles
from genogram.model import KNOWN_CONDITIONS, Connection, Family, Household, Missing, Person, Relationship, Union

__all__ = ["NOT_SHARED", "Redaction", "ReportEntry", "household_label", "is_role_text", "kinship_roles", "neutral_ids", "redact", "redact_family", "without_due_dates"]

#: Shown where free text was recorded but not written for sharing.
NOT_SHARED = "Not shared with the group"

#: Gender and pronoun words kept as they are; any other word is the person's own and may identify them.
SAFE_GENDERS = frozenset({"woman", "man", "non-binary", "trans-woman", "trans-man", "agender", "genderfluid", "intersex"})
SAFE_PRONOUNS = frozenset({"she/her", "he/him", "they/them", "she/they", "he/they", "ze/zir", "xe/xem"})

#: Words of professional roles; a text made only of these names no one.
ROLE_WORDS = frozenset(
    """
    a an the and or of for to in with at from on by
    allocated social worker workers team manager managers practice practitioner practitioners advanced senior
    principal deputy head service services lead leads consultant family support clinician clinicians clinical
    psychologist psychologists assistant student systemic therapist therapists case out court probation officer
    officers youth justice health visitor school nurse teacher designated safeguarding independent reviewing iro
    chair supervisor group early help key early-help personal adviser advisor police housing gp camhs mental
    education welfare virtual virtual-school child protection conference administrator admin duty legal solicitor
    guardian cafcass reviewing-officer fostering adoption residential kinship carer carers panel coordinator
    co-ordinator sw tm pm nqsw asye worker's manager's team's intake assessment edge-of-care
    """.split()
)


def is_role_text(text: str) -> bool:
    """True when every word of ``text`` is a word of a professional role."""
    words = [w for w in re.split(r"[^\w'\-]+", text.casefold()) if w]
    return bool(words) and all(w in ROLE_WORDS for w in words)


@dataclass(frozen=True, slots=True)
class ReportEntry:
    """One field the redaction dropped or mapped: where it was, and what the pack shows instead."""

    path: tuple[object, ...]
    action: str  # "dropped" or "mapped"
    shown: str = ""


@dataclass(frozen=True, slots=True)
class Redaction:
    family: Family
    report: list[ReportEntry]


def redact(family: Family, today: date | None = None) -> Family:
    """A family safe to share outside the team (see the module docstring), for a drawing on its own.

    Without a session date to count from, the register's due dates are left out.
    """
    redacted = redact_family(family, today=today).family
    return without_due_dates(redacted)


def without_due_dates(family: Family) -> Family:
    """The family with the register's due dates left out (a drawing cannot show them as intervals)."""
    return family.model_copy(update={"missing": [gap.model_copy(update={"due": None}) for gap in family.missing]})


def neutral_ids(family: Family, *others: Family) -> dict[str, str]:
    """Fresh ids for everything with an id: ``p1``, ``u1``, ``h1``, ``g1``.

    ``others`` (earlier versions of the family) are numbered after it, so one
    person keeps one fresh id across a session and its previous session.
    """
    mapping: dict[str, str] = {}
    counters = {"p": 0, "u": 0, "h": 0, "g": 0}

    def add(old: str, prefix: str) -> None:
        if old not in mapping:
            counters[prefix] += 1
            mapping[old] = f"{prefix}{counters[prefix]}"

    for version in (family, *others):
        for person in version.people:
            add(person.id, "p")
        for uid in version.union_ids:
            add(uid, "u")
        for household in version.households:
            add(household.id, "h")
        for gid in version.gap_ids:
            add(gid, "g")
    return mapping


def redact_family(
    family: Family,
    *,
    today: date | None = None,
    ids: Mapping[str, str] | None = None,
    shared: Mapping[str, str] | None = None,
) -> Redaction:
    """The redacted family and what was dropped or mapped.

    ``ids`` are fresh ids shared with other versions of the family;
    ``shared`` holds checked texts written for the group, by key (``missing.1.what``).
    """
    at = family.as_of.midpoint() if family.as_of else (today or date.today())
    builder = _Builder(family, at, dict(ids or neutral_ids(family)), dict(shared or {}))
    return Redaction(builder.build(), builder.report)


class _Builder:
    """Builds each redacted entry from its allowed fields, recording everything left out."""

    def __init__(self, family: Family, at: date, ids: dict[str, str], shared: dict[str, str]) -> None:
        self.family = family
        self.at = at
        self.ids = ids
        self.shared = shared
        self.roles = kinship_roles(family, at)
        self.report: list[ReportEntry] = []

    def ident(self, old: str | None) -> str | None:
        return None if old is None else self.ids.get(old, old)

    def rebuild(self, original: BaseModel, path: tuple[object, ...], kept: dict[str, Any], instead: Mapping[str, str] | None = None) -> Any:
        """A new ``type(original)`` from ``kept`` only; every other recorded field is reported dropped.

        ``instead`` says what the pack shows in place of a dropped field ("an age" for a date of birth).
        """
        model = type(original)
        for name in sorted(original.model_fields_set | set(kept)):
            old = getattr(original, name, None)
            if name not in kept or kept[name] is None:
                if old not in (None, [], {}, False, ""):
                    shown = (instead or {}).get(name, "")
                    self.report.append(ReportEntry((*path, _key(model, name)), "mapped" if shown else "dropped", shown))
            elif kept[name] != old and old not in (None, [], {}) and not _of_models(old):  # entries are reported one by one
                self.report.append(ReportEntry((*path, _key(model, name)), "mapped", _shown(kept[name])))
        return model.model_validate({_key(model, n): _plain(v) for n, v in kept.items() if v is not None})

    def build(self) -> Family:
        family = self.family
        born_order = {p.id: (p.born.sort_key() if p.born else (9999, 0, 0)) for p in family.people}
        kept: dict[str, Any] = {
            "genogram": family.genogram,
            "title": "Family (redacted)",
            "index": self.ident(family.index),
            "share": family.share,
            "people": [self.person(p, i) for i, p in enumerate(family.people)],
            "unions": [self.union(u, i, born_order) for i, u in enumerate(family.unions)],
            "households": [self.household(h, i) for i, h in enumerate(family.households)],
            "relationships": [self.relationship(r, i) for i, r in enumerate(family.relationships)],
            "connections": self.connections(),
            "missing": [self.gap(g, i) for i, g in enumerate(family.missing)],
        }
        return self.rebuild(family, (), kept)

    def person(self, person: Person, i: int) -> Person:
        died: bool | None = True if person.deceased else None
        gender = person.gender if person.gender in SAFE_GENDERS else None
        pronouns = person.pronouns if person.pronouns in SAFE_PRONOUNS else None
        conditions = list(dict.fromkeys(c if c in KNOWN_CONDITIONS else "other" for c in person.conditions))
        kept = {
            "id": self.ids[person.id],
            "name": self.roles.get(person.id),
            "sex": person.sex,
            "gender": gender,
            "pronouns": pronouns,
            "kind": person.kind,
            "died": died,
            "age": _plausible(age_of(person, self.at)),
            "unknown": person.unknown,
            "conditions": conditions,
        }
        instead = {"born": f"age {kept['age']}"} if kept["age"] is not None else {}
        if isinstance(person.died, PartialDate):
            instead["died"] = "died (no date)"
        return self.rebuild(person, ("people", i), {k: v for k, v in kept.items() if k != "age" or v is not None}, instead)

    def union(self, union: Union, i: int, born_order: dict[str, tuple[int, int, int]]) -> Union:
        # Children in real birth order: once dates are gone, the file order must carry it.
        children = sorted(union.children, key=lambda c: born_order.get(c.id, (9999, 0, 0)))
        status = union.status
        if status is None and union.end is not None:
            from genogram.model import UnionStatus

            status = UnionStatus.SEPARATED
        kept = {
            "id": self.ident(self.family.union_id(i)),
            "partners": [self.ident(p) for p in union.partners],
            "status": status,
            "start": _year_only(union.start),
            "end": _year_only(union.end),
            "children": [{"id": self.ident(c.id), "relation": c.relation, "twin": self.ident(c.twin), "identical": c.identical} for c in children],
        }
        return self.rebuild(union, ("unions", i), kept)

    def household(self, household: Household, i: int) -> Household:
        fresh = self.ids[household.id]
        kept = {
            "id": fresh,
            "label": household_label(household, fresh),
            "placement": household.placement,
            "members": [self.ident(m) for m in household.members],
            "start": _year_only(household.start),
            "end": _year_only(household.end),
        }
        return self.rebuild(household, ("households", i), kept)

    def relationship(self, rel: Relationship, i: int) -> Relationship:
        kept: dict[str, Any] = {"kind": rel.kind}
        if rel.between is not None:
            kept["between"] = [self.ident(x) for x in rel.between]
        else:
            kept["source_id"], kept["target_id"] = self.ident(rel.source_id), self.ident(rel.target_id)
        return self.rebuild(rel, ("relationships", i), kept)

    def connections(self) -> list[Connection]:
        from genogram.layout.ecomap import GROUPS

        known = {word for _, _, words in GROUPS for word in words}
        out = []
        for i, connection in enumerate(self.family.connections):
            system = connection.system if connection.system in known else "other"
            word = {"gp": "GP", "camhs": "CAMHS"}.get(system, system.replace("-", " ").capitalize())
            kept = {"system": system, "name": f"{word} (s{i + 1})", "with_": self.ident(connection.with_), "strength": connection.strength, "flow": connection.flow}
            out.append(self.rebuild(connection, ("connections", i), kept))
        return out

    def gap(self, gap: Missing, i: int) -> Missing:
        key = f"missing.{i + 1}"
        steps = [self.shared[f"{key}.steps.{n + 1}"] for n in range(len(gap.steps)) if f"{key}.steps.{n + 1}" in self.shared]
        if len(steps) < len(gap.steps):
            unshared = len(gap.steps) - len(steps)
            steps.append(f"{unshared} step{'s' if unshared != 1 else ''} recorded ({NOT_SHARED.lower()})")
        kept = {
            "id": self.ids.get(self.family.gap_id(i)),
            "about": self.ident(gap.about),
            "what": self.shared.get(f"{key}.what") or f"Gap {self.ids.get(self.family.gap_id(i))}: {NOT_SHARED.lower()}",
            "steps": steps,
            "plan": self.shared.get(f"{key}.plan") or (NOT_SHARED if gap.plan else None),
            "owner": self.shared.get(f"{key}.owner") or (gap.owner if gap.owner and is_role_text(gap.owner) else NOT_SHARED if gap.owner else None),
            "due": gap.due,
            "status": gap.status,
        }
        return self.rebuild(gap, ("missing", i), kept)


def household_label(household: Household, fresh: str) -> str:
    """A household's label in a redacted output: its placement kind and fresh id ("Foster placement (h3)")."""
    return f"{household.placement.value.capitalize()} placement ({fresh})" if household.placement else f"Household {fresh}"


def _key(model: type[BaseModel], name: str) -> str:
    field = model.model_fields.get(name)
    return field.alias if field is not None and field.alias else name


def _plain(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return value.model_dump(by_alias=True, exclude_unset=True)
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items() if v is not None}
    if isinstance(value, PartialDate):
        return str(value)
    return value


def _of_models(value: Any) -> bool:
    return isinstance(value, list) and any(isinstance(v, (BaseModel, dict)) for v in value)


def _shown(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(_shown(v) for v in value)
    return str(value.value if hasattr(value, "value") else value)


def _plausible(age: int | None) -> int | None:
    """An age the model accepts (0-130); a date centuries back gives no age rather than a wrong one."""
    return age if age is not None and 0 <= age <= 130 else None


def _year_only(value: PartialDate | None) -> PartialDate | None:
    return None if value is None else PartialDate(value.year, approx=value.approx)
