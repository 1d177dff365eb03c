"""The genogram said in words, for screen readers and for anyone who cannot see the drawing.

Read in the order a practitioner would tell it: the child, where and with
whom they live, their parents, brothers and sisters, grandparents, the
relationships recorded around them, then what is not known and what is
being done about it. Roles come from the family file (a parent is "mother"
or "father" only when the file records it; otherwise "parent"), and
nothing is said that the file does not say.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from genogram.text import clean

if TYPE_CHECKING:
    from genogram.model import Family, Person, Union


_DOUBLE_STOP = re.compile(r"(?<=\.)\.(?=\s|$)")


def describe_family(family: Family, shown_names: dict[str, str] | None = None) -> str:
    """The narrative, as paragraphs separated by blank lines.

    ``shown_names`` (id -> name as drawn) keeps the words to what the drawing
    shows: with initials or no names on the diagram, its description names
    no one either.
    """
    teller = _Teller(family, shown_names)
    paragraphs = [teller.child(), teller.parents(), teller.siblings(), teller.grandparents(), teller.relationships(), teller.unknowns()]
    # A name ending in a full stop (initials: "S.C.") ends its sentence too.
    return _DOUBLE_STOP.sub(".", "\n\n".join(p for p in paragraphs if p)) + "\n"


def _value(x: object) -> str:
    return str(getattr(x, "value", x))


#: A union's status as words that follow "A and B" (or "they").
_STATUS = {
    "married": "are married",
    "cohabiting": "live together",
    "dating": "are dating",
    "engaged": "are engaged",
    "separated": "have separated",
    "divorced": "are divorced",
    "widowed": "were married until one of them died",
    "casual": "had a brief relationship",
    "unknown": "had a relationship of unknown kind",
}

_CURRENT = {"married", "cohabiting", "dating", "engaged"}


def _join(items: list[str]) -> str:
    if len(items) <= 2:
        return " and ".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


@dataclass(frozen=True, slots=True)
class _Parent:
    id: str
    relation: str  # biological | adopted | foster
    union: Union


class _Teller:
    def __init__(self, family: Family, shown_names: dict[str, str] | None) -> None:
        self.family = family
        self.shown = shown_names
        self.people = family.person_by_id
        self.index = family.index if family.index in self.people else None

    # -- words for people ------------------------------------------------
    def name(self, pid: str) -> str:
        person = self.people.get(pid)
        if person is None:
            return "someone not in the file"
        if person.unknown:
            return "a person whose identity is not known"
        if self.shown is not None:
            return self.shown.get(pid) or "a person not named on the diagram"
        return clean(person.name) if person.name else "a person with no name recorded"

    def age(self, pid: str) -> str:
        from genogram.render.svg import age_text

        person = self.people[pid]
        if person.deceased:
            return "died" + (f" in {person.death_date}" if person.death_date else "")
        age = age_text(person, self.family.as_of)
        return ("aged about " if age.startswith("~") else "aged ") + age.lstrip("~") if age else "age not recorded"

    def short(self, pid: str) -> str:
        """The first name for a name in Latin letters after the first mention; other scripts keep the whole name
        (a first word is not always the given name: 佐藤 健一 puts the family name first)."""
        name = self.name(pid)
        person = self.people.get(pid)
        words = name.split("(")[0].split()
        if person is None or person.unknown or not person.name or not name[:1].isascii() or self.shown is not None:
            return name
        # "Lena Ashworth (born Lena Nowak)" -> "Lena"; a role ("Maternal grandmother (64)") stays whole.
        if len(words) < 2 or not all(w[:1].isupper() for w in words):
            return name
        return words[0]

    def who(self, pid: str) -> str:
        """Name and age (or death), as said of a relative."""
        person = self.people.get(pid)
        if person is None or person.unknown:
            return self.name(pid)
        name = self.name(pid)
        if name.endswith(")") and name.rsplit("(", 1)[-1].rstrip(")").isdigit():
            return name  # a redacted role already carries the age: "Mother (35)"
        return f"{name} ({self.age(pid)})"

    def role(self, pid: str, female: str, male: str, neutral: str) -> str:
        person: Person | None = self.people.get(pid)
        gender = (person.gender or "").lower() if person else ""
        sex = _value(person.sex) if person and person.sex else ""
        if gender in ("woman", "trans-woman", "female") or (not gender and sex == "female"):
            return female
        if gender in ("man", "trans-man", "male") or (not gender and sex == "male"):
            return male
        return neutral

    # -- family structure ------------------------------------------------
    def parents_of(self, child: str) -> list[_Parent]:
        out = []
        for union in self.family.unions:
            for ref in union.children:
                if ref.id == child:
                    out += [_Parent(pid, _value(ref.relation), union) for pid in union.partners]
        return out

    def children_of(self, parent: str) -> list[str]:
        return [ref.id for union in self.family.unions if parent in union.partners for ref in union.children]

    def living_with(self, pid: str) -> list[tuple[str, list[str]]]:
        """Current households of ``pid``: (description, the other members)."""
        out = []
        for household in self.family.households:
            if pid in household.members and household.current:
                label = clean(household.label) if household.label else "a household"
                kind = _value(household.placement) if household.placement else None
                article = "an" if kind and kind[0] in "aeiou" else "a"
                what = f"{label} ({article} {kind} placement" + (f" since {household.start})" if household.start else ")") if kind else label
                out.append((what, [m for m in household.members if m != pid]))
        return out

    # -- paragraphs --------------------------------------------------------
    def child(self) -> str:
        title = clean(self.family.title or "This family")
        if self.index is None:
            count = len(self.family.people)
            return f"{title}. The file records {count} {'person' if count == 1 else 'people'} and names no index child, so nothing more is told from a child's place."
        pid = self.index
        text = f"{title}. The genogram is about {self.who(pid)}, drawn with a double outline."
        homes = self.living_with(pid)
        if not homes:
            return text + " The file records no current household for them."
        for what, others in homes:
            with_whom = f"with {_join([self.who(o) for o in others])}" if others else "with no one else recorded"
            text += f" {self.short(pid)} lives {with_whom}: {what}."
        return text

    def parents(self) -> str:
        if self.index is None:
            return ""
        pid = self.index
        parents = self.parents_of(pid)
        if not parents:
            return f"No parents of {self.name(pid)} are recorded."
        sentences = []
        for p in parents:
            kind = {"adopted": "adoptive ", "foster": "foster "}.get(p.relation, "")
            role = kind + self.role(p.id, "mother", "father", "parent")
            person = self.people.get(p.id)
            if person is not None and person.unknown:
                sentences.append(f"{self.short(pid)}'s {role} is not known.")
            else:
                sentences.append(f"{self.short(pid)}'s {role} is {self.who(p.id)}{self._home(p.id)}.")
        couples = {id(p.union): p.union for p in parents if len(p.union.partners) == 2}
        for union in couples.values():
            status = _value(union.status) if union.status else None
            if status:
                dates = f" ({union.start or '?'}–{union.end})" if union.end else (f", since {union.start}" if union.start else "")
                a, b = (self.short(x) if not self.people[x].unknown else f"{self.short(pid)}'s {self.role(x, 'mother', 'father', 'other parent')}"
                        for x in union.partners)
                sentences.append(f"{a} and {b} {_STATUS.get(status, 'are ' + status)}{dates}.")
        for p in parents:
            for union in self.family.unions:
                if p.id in union.partners and union is not p.union and len(union.partners) == 2:
                    other = next(x for x in union.partners if x != p.id)
                    status = _value(union.status) if union.status else "unknown"
                    tense = "has" if status in _CURRENT else "had"
                    sentences.append(f"{self.short(p.id)} also {tense} a relationship with {self.who(other)}; they {_STATUS.get(status, 'are ' + status)}.")
        if len(parents) == 1:
            sentences.append(f"Only one parent of {self.short(pid)} is recorded.")
        return " ".join(sentences)

    def _home(self, pid: str) -> str:
        homes = self.living_with(pid)
        if not homes or self.index is None:
            return ""
        if any(self.index in others for _, others in homes):
            return f", who lives with {self.short(self.index)}"
        return ", who lives in " + _join([what for what, _ in homes])

    def siblings(self) -> str:
        if self.index is None:
            return ""
        pid = self.index
        parents = {p.id for p in self.parents_of(pid)}
        unions = {id(p.union) for p in self.parents_of(pid)}
        full: list[str] = []
        half: list[str] = []
        for union in self.family.unions:
            shared = parents & set(union.partners)
            if not shared:
                continue
            for ref in union.children:
                child = self.people.get(ref.id)
                if ref.id == pid or child is None or child.is_loss or ref.id in full or ref.id in half:
                    continue
                (full if id(union) in unions else half).append(ref.id)
        losses = [ref.id for union in self.family.unions if id(union) in unions for ref in union.children if self.people[ref.id].is_loss]
        parts = []
        if full:
            parts.append(f"{self.short(pid)}'s brothers and sisters: " + _join([self.who(s) + self._home(s) for s in full]) + ".")
        if half:
            parts.append("Half-brothers and half-sisters (sharing one parent): " + _join([self.who(s) + self._home(s) for s in half]) + ".")
        if not parts:
            parts.append(f"No brothers or sisters of {self.short(pid)} are recorded.")
        if losses:
            parts.append(f"The file also records {len(losses)} pregnancy or loss{'es' if len(losses) != 1 else ''} in the parents' family.")
        return " ".join(parts)

    def grandparents(self) -> str:
        if self.index is None:
            return ""
        parts = []
        for parent in self.parents_of(self.index):
            person = self.people.get(parent.id)
            if person is None or person.unknown:
                continue
            side = self.short(parent.id)
            grand = self.parents_of(parent.id)
            if grand:
                parts.append(f"{side}'s " + _join([f"{self.role(g.id, 'mother', 'father', 'parent')} is {self.who(g.id)}" for g in grand]) + ".")
            elif parent.relation == "biological":
                parts.append(f"{side}'s parents are not recorded.")
        return " ".join(parts)

    def relationships(self) -> str:
        if not self.family.relationships:
            return ""
        words = {"close": "close", "fused": "fused (very close, with little separateness)", "distant": "distant", "conflictual": "in conflict",
                 "hostile": "hostile", "close-hostile": "close but hostile", "cutoff": "cut off from each other", "caregiver": "in a caring role"}
        sentences = []
        ordered = sorted(self.family.relationships, key=lambda r: self.index not in r.ends)
        for rel in ordered:
            a, b = rel.ends
            kind = _value(rel.kind)
            if kind in ("abuse", "neglect"):
                text = f"{self.short(a)} is recorded as {'abusive' if kind == 'abuse' else 'neglectful'} towards {self.short(b)}"
            elif kind == "caregiver" and rel.directed:
                text = f"{self.short(a)} is recorded as a caregiver to {self.short(b)}"
            else:
                text = f"{self.short(a)} and {self.short(b)} are {words.get(kind, kind)}"
            if rel.source:
                text += f" (source: {clean(rel.source)})"
            sentences.append(text + ".")
        return "Relationships: " + " ".join(sentences)

    def unknowns(self) -> str:
        gaps = [g for g in self.family.missing if _value(g.status) == "open"]
        unknown = [p.id for p in self.family.people if p.unknown and not any(g.about == p.id for g in gaps)]
        if not gaps and not unknown:
            return "Nothing is recorded as not known."
        sentences = []
        for n, gap in enumerate(gaps, 1):
            text = f"Not known ({n}): {clean(gap.what)}."
            if gap.steps:
                text += " Done so far: " + " ".join(clean(s).rstrip(".") + "." for s in gap.steps)
            if gap.plan:
                text += f" Plan: {clean(gap.plan).rstrip('.')}."
            if gap.owner or gap.due:
                text += " " + " ".join(x for x in (f"Owner: {clean(gap.owner)}." if gap.owner else "", f"Due {gap.due}." if gap.due else "") if x)
            sentences.append(text)
        for pid in unknown:
            sentences.append(f"The identity of {self.name(pid)} is not known and no entry in the register says what is being done.")
        return " ".join(sentences)
