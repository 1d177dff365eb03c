"""Where each child has lived: their stays in households and placements, in order.

The timeline, the placement lint rules and the genogram's choice of which
boundaries to draw all read a child's history from here, so they agree on
what a missing date means. A household with no ``from:`` is taken to run
from the child's birth, and one with no ``to:`` to the reference day (the
file's ``as_of``); each :class:`Stay` says when a date was assumed, so the
drawing and the findings can say so. Partial dates keep their range: a gap
or an overlap is reported only when every reading of the dates has it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from genogram.dates import PartialDate
    from genogram.model import Household

from genogram.model import Family

#: How each kind of stay is named on the timeline and in findings.
KIND_TEXT = {
    "birth-family": "birth family",
    "household": "household",
    "kinship": "kinship placement",
    "foster": "foster placement",
    "residential": "residential placement",
    "adoptive": "adoptive placement",
    "special-guardianship": "special guardianship",
    "other": "placement",
}
#: Placement kinds in which a child is looked after (special guardianship ends care).
LOOKED_AFTER = frozenset({"kinship", "foster", "residential", "adoptive", "other"})


@dataclass(frozen=True, slots=True)
class Span:
    """A period whose ends may be uncertain: drawn at ``start``..``end``, certain inside ``sure``."""

    start: date
    end: date
    #: The earliest and latest day each end could be (equal for a full date).
    start_range: tuple[date, date]
    end_range: tuple[date, date]


@dataclass(frozen=True, slots=True)
class Stay:
    """One child's time in one household or placement."""

    child: str
    household: str
    position: int  # in family.households, for locating findings
    label: str
    kind: str  # a key of KIND_TEXT
    span: Span
    start_text: str  # the date as written, or how it was assumed
    end_text: str
    start_assumed: bool  # no `from:`: taken from the child's birth
    open_end: bool  # no `to:`: runs to the reference day

    @property
    def placement(self) -> bool:
        return self.kind not in ("birth-family", "household")

    @property
    def looked_after(self) -> bool:
        return self.kind in LOOKED_AFTER


@dataclass(frozen=True, slots=True)
class Gap:
    """Days in a child's record with no household: between two stays, after birth, or up to now."""

    child: str
    before: Stay | None  # the stay that ended (None: the gap starts at birth)
    after: Stay | None  # the stay that follows (None: no household up to the reference day)
    start: date  # the last day certainly covered, and the first day certainly covered again
    end: date


@dataclass(frozen=True, slots=True)
class Overlap:
    """Two stays of one child that certainly share days."""

    child: str
    first: Stay
    second: Stay
    start: date
    end: date


@dataclass(slots=True)
class History:
    """A child's stays in date order, and what is wrong with the record."""

    child: str
    born: PartialDate | None
    stays: list[Stay] = field(default_factory=list)
    gaps: list[Gap] = field(default_factory=list)
    overlaps: list[Overlap] = field(default_factory=list)
    before_birth: list[Stay] = field(default_factory=list)


def reference_day(family: Family) -> date:
    """The day the record is read at: ``as_of``, else the latest date written in it, else today."""
    if family.as_of is not None:
        return family.as_of.midpoint()
    written = [d.latest() for h in family.households for d in (h.start, h.end) if d is not None]
    written += [p.born.latest() for p in family.people if p.born is not None]
    return max(written) if written else date.today()


def stay_kind(household: Household, birth_parents: set[str]) -> str:
    """Birth family where a birth parent lives (the carers' own child in a placement), else the placement kind, else household."""
    if birth_parents & set(household.members):
        return "birth-family"
    return household.placement.value if household.placement is not None else "household"


def _span(start: PartialDate | None, end: PartialDate | None, born: PartialDate | None, day: date) -> Span:
    """A stay's period: no `from:` starts at birth (else, with no birth date, where it ends); no `to:` ends on ``day``."""
    if end is not None:
        e, e_range = end.midpoint(), (end.earliest(), end.latest())
    else:
        e, e_range = day, (day, day)
    begin = start if start is not None else born
    if begin is not None:
        s, s_range = begin.midpoint(), (begin.earliest(), begin.latest())
    else:
        s, s_range = e_range[0], (e_range[0], e_range[0])
    return Span(min(s, e), max(s, e), s_range, e_range)


def history(family: Family, child: str, day: date | None = None, gap_days: int = 1) -> History:
    """Every stay of ``child``, in order, with the gaps, overlaps and stays before birth in the record."""
    return histories(family, [child], day, gap_days)[child]


def histories(family: Family, children: list[str], day: date | None = None, gap_days: int = 1) -> dict[str, History]:
    """:func:`history` of each of ``children``, reading the households and unions once."""
    from genogram.integrity import parents_of

    day = day or reference_day(family)
    wanted = set(children)
    homes: dict[str, list[int]] = {c: [] for c in children}
    for position, household in enumerate(family.households):
        for member in dict.fromkeys(household.members):
            if member in wanted:
                homes[member].append(position)
    birth_parents = parents_of(family, ("biological",))
    return {c: _history(family, c, homes[c], set(birth_parents.get(c, ())), day, gap_days) for c in children}


def _history(family: Family, child: str, positions: list[int], birth_parents: set[str], day: date, gap_days: int) -> History:
    person = family.person_by_id.get(child)
    born = person.born if person is not None else None
    if born is None and person is not None and person.age is not None:
        # Only an age (a redacted file, say): about that many years before the reference day.
        from genogram.dates import PartialDate

        born = PartialDate(day.year - person.age, approx=True)
    found = History(child, born)
    for position in positions:
        household = family.households[position]
        span = _span(household.start, household.end, born, day)
        kind = stay_kind(household, birth_parents)
        start_text = str(household.start) if household.start is not None else ("birth (no from: date)" if born is not None else "no from: date")
        impossible = False
        if born is not None and household.start is not None and span.start_range[1] < born.earliest():
            home = kind in ("birth-family", "household")
            # A placement's `from:` is the child's own start, and no stay can end before the birth;
            # a home that began before the child simply took them in at birth.
            impossible = not home or span.end_range[1] < born.earliest()
            if home:
                span = Span(max(span.start, born.midpoint()), max(span.end, born.midpoint()), (born.earliest(), born.latest()), span.end_range)
                start_text = f"birth (household from {household.start})"
        found.stays.append(
            Stay(
                child,
                household.id,
                position,
                household.label or household.id,
                kind,
                span,
                start_text,
                str(household.end) if household.end is not None else "now (no to: date)",
                household.start is None,
                household.end is None,
            )
        )
        if impossible:
            found.before_birth.append(found.stays[-1])
    found.stays.sort(key=lambda s: (s.span.start, s.span.end, s.position))
    _find_gaps(found, day, gap_days)
    _find_overlaps(found)
    return found


def _find_gaps(found: History, day: date, gap_days: int) -> None:
    """Gaps only where every reading of the dates leaves days uncovered."""
    stays = [s for s in found.stays if s.span.start_range[0] <= day]
    if not stays:
        return
    slack = timedelta(days=gap_days)
    if found.born is not None:
        first = stays[0]
        if first.span.start_range[0] - found.born.latest() > slack:
            found.gaps.append(Gap(found.child, None, first, found.born.latest(), first.span.start_range[0]))
    covered_to = stays[0].span.end_range[1]
    last = stays[0]
    for stay in stays[1:]:
        if stay.span.start_range[0] - covered_to > slack:
            found.gaps.append(Gap(found.child, last, stay, covered_to, stay.span.start_range[0]))
        if stay.span.end_range[1] >= covered_to:
            covered_to, last = stay.span.end_range[1], stay
    if day - covered_to > slack:
        found.gaps.append(Gap(found.child, last, None, covered_to, day))


def _find_overlaps(found: History) -> None:
    """Pairs of stays that share days under every reading (two ordinary homes at once is shared care)."""
    stays = found.stays
    for n, b in enumerate(stays):
        for a in stays[:n]:
            if not (a.placement or b.placement):
                continue
            start = max(a.span.start_range[1], b.span.start_range[1])
            end = min(a.span.end_range[0], b.span.end_range[0])
            if start < end:
                found.overlaps.append(Overlap(found.child, a, b, start, end))


def lanes(family: Family) -> list[str]:
    """Whose history a timeline shows: the index child, then their siblings, oldest first.

    A sibling shares a parent through any union (birth, adoptive or foster);
    pregnancies and losses have no history to show.
    """
    from genogram.integrity import parents_of

    people = family.person_by_id
    index = family.index if family.index in people else None
    if index is None:
        with_stays = {m for h in family.households for m in h.members}
        index = next((p.id for p in family.people if p.id in with_stays and p.kind.value == "person"), None)
        if index is None:
            return []
    parents = parents_of(family)
    mine = set(parents.get(index, ()))
    siblings = [
        p for p in family.people
        if p.id != index and p.kind.value == "person" and mine & set(parents.get(p.id, ()))
    ]
    siblings.sort(key=lambda p: (p.born.sort_key() if p.born else (9999, 0, 0)))
    return [index] + [p.id for p in siblings]


def current_households(family: Family, day: date | None = None) -> list[Household]:
    """Households that have begun by ``day`` and not ended before it (all open ones without an ``as_of``)."""
    if family.as_of is None and day is None:
        return [h for h in family.households if h.end is None]
    day = day or reference_day(family)
    return [
        h for h in family.households
        if (h.start is None or h.start.earliest() <= day) and (h.end is None or h.end.latest() >= day)
    ]


@dataclass(frozen=True, slots=True)
class Shown:
    """The family as the genogram draws it, and what the key must say about its boundaries."""

    family: Family
    note: str | None


def households_drawn(family: Family, history: bool = False) -> Shown:
    """The genogram draws the present: only households current at ``as_of``, unless ``history``.

    Past homes and placements are on the timeline; drawn on the genogram they
    pile up round a child in care and hide who lives where now. The note
    (shown in the key) says which boundaries are drawn.
    """
    total = len(family.households)
    when = f"on {family.as_of}" if family.as_of is not None else "now (no as_of date: those with no to: date)"
    if history or not total:
        note = "Boundaries show every household and placement in the file; past ones are drawn light." if total else None
        return Shown(family, note)
    current = current_households(family)
    left = total - len(current)
    if not left:
        return Shown(family, None)
    kept = family.model_copy(update={"households": current})
    past = "1 past household or placement is" if left == 1 else f"{left} past households and placements are"
    return Shown(kept, f"Boundaries show the households and placements current {when}; {past} not drawn (see the placement timeline, or draw them with --history).")
