"""Consistency: facts in the file that cannot all be true at once."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from typing import TYPE_CHECKING

from genogram.dates import add_years
from genogram.lint.rule import HULL_FULL_GENOGRAM, OXF_CLEAR_GENOGRAM, Hit, Rule, Severity, register

if TYPE_CHECKING:
    from genogram.dates import PartialDate
    from genogram.lint.engine import Context


class _Consistency(Rule):
    group = "consistency"
    severity = Severity.ERROR
    policy = OXF_CLEAR_GENOGRAM



def _overlap(a: tuple[PartialDate | None, PartialDate | None], b: tuple[PartialDate | None, PartialDate | None]) -> bool:
    """True only when the two periods certainly share a day (open ends run for ever)."""
    a_start = a[0].latest() if a[0] else date.min
    b_start = b[0].latest() if b[0] else date.min
    a_end = a[1].earliest() if a[1] else date.max
    b_end = b[1].earliest() if b[1] else date.max
    return a_start < b_end and b_start < a_end


@register
class Integrity(_Consistency):
    """Ids point at something, are used once, and parentage does not loop.

    What it checks: the cross-reference checks `genogram validate` makes
    (an id that names nobody, a relationship or connection naming a missing
    id, an id used twice, a child of two birth unions, someone their own
    ancestor, a death before a birth), reported as findings.

    Why: a genogram that cannot be drawn unambiguously is not a clear one.

    Example: `between: [jayden, nobody]` where `nobody` is not in people: is
    reported.
    """

    code = "GEN301"
    name = "integrity"
    policy = HULL_FULL_GENOGRAM
    passes = """
genogram: 1
people:
  - {id: a, sex: female, born: 1990}
  - {id: b, sex: male, born: 1990}
relationships:
  - {between: [a, b], kind: close}
"""
    fails = """
genogram: 1
people:
  - {id: a, sex: female, born: 1990}
relationships:
  - {between: [a, b], kind: close}
connections:
  - {system: school, with: c}
"""

    def check(self, ctx: Context) -> Iterator[Hit]:
        from genogram.integrity import check_integrity

        for problem in check_integrity(ctx.loaded):
            yield Hit((), problem.message, problem.hint, None, location=problem.location)


@register
class TwoHouseholds(_Consistency):
    """Nobody lives in two households at the same time.

    What it checks: a person listed in two households whose periods certainly
    overlap (a household with no `to:` is current; with no `from:` it has
    always been). A child in two ordinary homes at once is shared care and is
    not reported; a child in a placement and another household at once is.

    Why: where the child (and each adult) lives, and since when, must be
    clear; a placement overlapping a home usually means the earlier one lacks
    its `to:` date.

    Example: a child in `home` (no dates) and in a current placement is
    reported.
    """

    code = "GEN302"
    name = "two-households"
    passes = """
genogram: 1
people:
  - {id: c, sex: female, born: 2015}
households:
  - {id: home, members: [c], from: 2015, to: 2024-08}
  - {id: placement, members: [c], from: 2024-09, placement: foster}
"""
    fails = """
genogram: 1
people:
  - {id: c, sex: female, born: 2015}
households:
  - {id: home, members: [c]}
  - {id: placement, members: [c], from: 2024-09, placement: foster}
"""

    def check(self, ctx: Context) -> Iterator[Hit]:
        households = ctx.family.households
        for person, positions in ctx.households_of.items():
            someone = ctx.people.get(person)
            child = someone is not None and ctx.is_child(someone)
            for n, j in enumerate(positions):
                for i in positions[:n]:
                    a, b = households[i], households[j]
                    if a.placement is None and b.placement is None and child:
                        continue  # shared care between two homes
                    if _overlap((a.start, a.end), (b.start, b.end)):
                        yield Hit(
                            ("households", j, "members", b.members.index(person)),
                            f"`{person}` is in households `{a.id}` and `{b.id}` at the same time",
                            "give the earlier household a `to:` date (or the later one a `from:` date)",
                            person,
                        )


_PARTNERSHIP = {"married", "cohabiting", "engaged", "separated", "divorced", "widowed"}
_ENDED = {"separated", "divorced", "widowed"}


@register
class OverlappingUnions(_Consistency):
    """Nobody is in two marriages or live-in partnerships at once.

    What it checks: two unions of one person (married, cohabiting, engaged,
    or since ended) whose `from`/`to` periods certainly overlap. Casual and
    dating relationships are not checked; an ended union with no `to:` is not
    checked either.

    Why: overlapping partnerships are usually a missing `to:` date, which
    changes how the children's households read.

    Example: married from 2000 with no end, and cohabiting with someone else
    from 2010, is reported.
    """

    code = "GEN303"
    name = "overlapping-unions"
    severity = Severity.WARNING
    passes = """
genogram: 1
people:
  - {id: a, sex: female, born: 1970}
  - {id: b, sex: male, born: 1970}
  - {id: c, sex: male, born: 1972}
unions:
  - {partners: [a, b], status: divorced, from: 1995, to: 2005}
  - {partners: [a, c], status: married, from: 2008}
"""
    fails = """
genogram: 1
people:
  - {id: a, sex: female, born: 1970}
  - {id: b, sex: male, born: 1970}
  - {id: c, sex: male, born: 1972}
unions:
  - {partners: [a, b], status: married, from: 1995}
  - {partners: [a, c], status: cohabiting, from: 2008}
"""

    def check(self, ctx: Context) -> Iterator[Hit]:
        unions = ctx.family.unions
        for person, positions in ctx.unions_of.items():
            usable = []
            for i in positions:
                union = unions[i]
                status = union.status.value if union.status else None
                if status in _PARTNERSHIP and union.start is not None and not (status in _ENDED and union.end is None):
                    usable.append(i)
            for n, j in enumerate(usable):
                for i in usable[:n]:
                    if _overlap((unions[i].start, unions[i].end), (unions[j].start, unions[j].end)):
                        yield Hit(
                            ("unions", j, "partners", unions[j].partners.index(person)),
                            f"`{person}` is in unions `{ctx.union_id(i)}` and `{ctx.union_id(j)}` at the same time",
                            "add the `to:` date (and status) that ended the earlier union",
                            person,
                        )


@register
class BornAfterParentDeath(_Consistency):
    """No child is born after a birth parent died (fathers: within about ten months).

    What it checks: a biological child whose birth date is certainly after a
    parent's death, allowing about ten months after a father's (or a parent
    of unrecorded sex's) death.

    Why: usually a wrong date or a child listed under the wrong union.

    Example: a mother who died in 2010 with a child born in 2012 is reported.
    """

    code = "GEN304"
    name = "born-after-parent-death"
    passes = """
genogram: 1
people:
  - {id: c, sex: female, born: 2010-08}
  - {id: m, sex: female, born: 1980}
  - {id: f, sex: male, born: 1978, died: 2010-01}
unions:
  - {partners: [m, f], children: [c]}
"""
    fails = """
genogram: 1
people:
  - {id: c, sex: female, born: 2012}
  - {id: m, sex: female, born: 1980, died: 2010}
  - {id: f, sex: male, born: 1978}
unions:
  - {partners: [m, f], children: [c]}
"""

    def check(self, ctx: Context) -> Iterator[Hit]:
        grace = timedelta(days=ctx.thresholds["father_after_death_days"])
        for union in ctx.family.unions:
            for ref in union.children:
                child = ctx.people.get(ref.id)
                if child is None or child.born is None or ref.relation.value != "biological":
                    continue
                for partner in union.partners:
                    parent = ctx.people.get(partner)
                    death = parent.death_date if parent else None
                    if parent is None or death is None:
                        continue
                    limit = death.latest() + (timedelta(0) if parent.sex is not None and parent.sex.value == "female" else grace)
                    if child.born.earliest() > limit:
                        yield Hit(
                            ("people", ctx.person_index[child.id], "born"),
                            f"`{child.id}` is born after their parent `{partner}` died",
                            "check both dates, and that the child is listed under the right union",
                            child.id,
                        )


@register
class ParentAge(_Consistency):
    """A birth parent's age at the child's birth is possible.

    What it checks: a birth mother certainly over 55 at the birth, or a birth
    parent certainly under 12 (thresholds `mother_max_age`, `parent_min_age`).

    Why: an impossible age is a wrong birth date or a child under the wrong
    union; a genogram with either misleads the discussion.

    Example: a mother born 1950 with a child born 2015 is reported.
    """

    code = "GEN305"
    name = "parent-age"
    severity = Severity.WARNING
    passes = """
genogram: 1
people:
  - {id: c, sex: female, born: 2015}
  - {id: m, sex: female, born: 1980}
unions:
  - {partners: [m], children: [c]}
"""
    fails = """
genogram: 1
people:
  - {id: c, sex: female, born: 2015}
  - {id: m, sex: female, born: 1950}
unions:
  - {partners: [m], children: [c]}
"""

    def check(self, ctx: Context) -> Iterator[Hit]:
        oldest = ctx.thresholds["mother_max_age"]
        youngest = ctx.thresholds["parent_min_age"]
        for union in ctx.family.unions:
            for ref in union.children:
                child = ctx.people.get(ref.id)
                if child is None or child.born is None or ref.relation.value != "biological":
                    continue
                for partner in union.partners:
                    parent = ctx.people.get(partner)
                    if parent is None or parent.born is None:
                        continue
                    path = ("people", ctx.person_index[child.id], "born")
                    if child.born.latest() < add_years(parent.born.earliest(), youngest):
                        yield Hit(path, f"`{partner}` would be under {youngest} at the birth of `{child.id}`", "check both birth dates and the union the child is under", child.id)
                    elif parent.sex is not None and parent.sex.value == "female" and child.born.earliest() >= add_years(parent.born.latest(), oldest + 1):
                        yield Hit(path, f"`{partner}` would be over {oldest} at the birth of `{child.id}`", "check both birth dates; a grandmother raising the child is `relation: adopted` or a household", child.id)


@register
class TwinDates(_Consistency):
    """Twins share a birth date.

    What it checks: two children marked as twins (`twin:`) whose birth dates
    certainly differ by more than a day (either side of midnight is allowed).

    Why: different dates mean the twin mark or a date is wrong.

    Example: `{id: ava, twin: ella}` with Ava born 2020-01-15 and Ella born
    2020-03-02 is reported.
    """

    code = "GEN306"
    name = "twin-dates"
    passes = """
genogram: 1
people:
  - {id: a, sex: female, born: 2020-01-15}
  - {id: b, sex: female, born: 2020-01-16}
  - {id: m, sex: female, born: 1990}
unions:
  - partners: [m]
    children: [{id: a, twin: b}, b]
"""
    fails = """
genogram: 1
people:
  - {id: a, sex: female, born: 2020-01-15}
  - {id: b, sex: female, born: 2020-03-02}
  - {id: m, sex: female, born: 1990}
unions:
  - partners: [m]
    children: [{id: a, twin: b}, b]
"""

    def check(self, ctx: Context) -> Iterator[Hit]:
        one_day = timedelta(days=1)
        for i, union in enumerate(ctx.family.unions):
            for j, ref in enumerate(union.children):
                if ref.twin is None:
                    continue
                a, b = ctx.people.get(ref.id), ctx.people.get(ref.twin)
                if a is None or b is None or a.born is None or b.born is None:
                    continue
                if a.born.latest() + one_day < b.born.earliest() or b.born.latest() + one_day < a.born.earliest():
                    yield Hit(("unions", i, "children", j, "twin"), f"the twins `{ref.id}` and `{ref.twin}` have different birth dates", "check both birth dates, or remove the `twin:` mark", ref.id)


@register
class DatesAfterReference(_Consistency):
    """No birth or death is dated after the day the file describes.

    What it checks: a birth or death date certainly later than the reference
    day (`--today`, else the file's `as_of`, else today). A pregnancy's
    expected date is not checked.

    Why: ages are computed at that day, so a later birth gives a negative
    age; it is almost always a mistyped year, or an expected baby recorded
    as a person.

    Example: `born: 2062` in a file with `as_of: 2026-11-10` is reported.
    """

    code = "GEN307"
    name = "dates-after-reference"
    passes = """
genogram: 1
as_of: 2026-11-10
people:
  - {id: a, sex: female, born: 2026-11-02}
  - {id: b, sex: unknown, kind: pregnancy, born: 2027-03}
"""
    fails = """
genogram: 1
as_of: 2026-11-10
people:
  - {id: a, sex: female, born: 2062}
  - {id: b, sex: male, born: 1950, died: 2027}
"""

    def check(self, ctx: Context) -> Iterator[Hit]:
        shown = ctx.today.isoformat()
        for i, person in enumerate(ctx.family.people):
            if person.kind == "pregnancy":
                continue
            if person.born is not None and person.born.earliest() > ctx.today:
                yield Hit(("people", i, "born"), f"`{person.id}` is born after {shown}, the day this file describes", "check the year; an expected baby is `kind: pregnancy`", person.id)
            died = person.death_date
            if died is not None and died.earliest() > ctx.today:
                yield Hit(("people", i, "died"), f"`{person.id}` dies after {shown}, the day this file describes", "check the year of death", person.id)


@register
class ChildInParentsGeneration(_Consistency):
    """Nobody is the partner of their own parent, or of their parent's partner.

    What it checks: a child recorded in a union whose partners are, through
    partnerships, the child's own partners too: the partner of their own
    parent (almost always a data error), or of a parent's partner (a man
    who married his father's widow). Partners are drawn on one row, so the
    line to this child cannot go a row down; the layout bends that one line
    and keeps everyone else in their generation.

    Why: a drawing of the family has to say something false about this
    child's generation; check the entry first.

    Example: Barbara as the partner of her son Carl is reported at Carl's
    entry among Barbara's children.
    """

    code = "GEN309"
    name = "child-in-parents-generation"
    severity = Severity.WARNING
    passes = """
genogram: 1
people:
  - {id: a, sex: male, born: 1900}
  - {id: b, sex: female, born: 1902}
  - {id: c, sex: male, born: 1925}
  - {id: e, sex: female, born: 1926}
unions:
  - {partners: [a, b], children: [c]}
  - {partners: [c, e]}
"""
    fails = """
genogram: 1
people:
  - {id: a, sex: male, born: 1900}
  - {id: b, sex: female, born: 1902}
  - {id: c, sex: male, born: 1925}
unions:
  - {partners: [a, b], children: [c]}
  - {partners: [b, c]}
"""

    def check(self, ctx: Context) -> Iterator[Hit]:
        from genogram.layout.rows import partner_groups, row_links

        family = ctx.family
        index = {p.id: i for i, p in enumerate(family.people)}
        group = partner_groups(family, index)
        _, impossible = row_links(family, index, group)
        partners_of: dict[str, set[str]] = {}
        for union in family.unions:
            for p in union.partners:
                partners_of.setdefault(p, set()).update(q for q in union.partners if q != p)
        for u, c in impossible:
            union = family.unions[u]
            child = family.people[c].id
            j = next(k for k, ref in enumerate(union.children) if ref.id == child)
            direct = sorted(p for p in union.partners if p in partners_of.get(child, set()))
            if direct:
                message = f"`{child}` is recorded as the partner of their own parent `{direct[0]}`"
            else:
                message = f"`{child}` is, through partnerships, in one partner group with their parents ({', '.join(union.partners)})"
            yield Hit(("unions", u, "children", j), message, "check the partners and children of these unions; the drawing bends this one descent line", child)
