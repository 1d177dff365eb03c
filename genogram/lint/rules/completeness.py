"""Completeness: is the genogram full enough for a discussion (three generations)?

Every finding here can be *explained*: an open register entry about the
person concerned, with steps taken or a plan, turns it into an info note.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from genogram.lint.rule import HULL_FULL_GENOGRAM, HULL_MISSING, HULL_PLACEMENT, Hit, Rule, Severity, register

if TYPE_CHECKING:
    from genogram.lint.engine import Context

_ADD_PARENT = "add the parent under the union's partners (as `unknown: true` when not known), with a `missing:` entry saying what is being done"


class _Completeness(Rule):
    group = "completeness"
    severity = Severity.WARNING
    policy = HULL_MISSING
    explainable = True


def _siblings(ctx: Context, index: str) -> list[str]:
    """Children (not losses) sharing a union with the index child, half-siblings included."""
    found: list[str] = []
    parents = set(ctx.parents.get(index, ()))
    for union, kids in zip(ctx.family.unions, ctx.children_of_union, strict=True):
        if parents & set(union.partners):
            for kid in kids:
                person = ctx.people.get(kid)
                if kid != index and kid not in found and person is not None and not person.is_loss and person.kind.value == "person":
                    found.append(kid)
    return found


@register
class IndexParents(_Completeness):
    """The index child's two birth parents are recorded and known.

    What it checks: the index child has two birth parents in the unions, and
    neither is an `unknown: true` person.

    Why: a full genogram starts with the child's parents; "father's details"
    is the policy's own example of what is often missing.

    Example: `index: jayden` with `partners: [sarah, jayden-father]` where
    `jayden-father` is `unknown: true` is reported (explained when a
    `missing:` entry about `jayden-father` has steps or a plan).
    """

    code = "GEN101"
    name = "index-parents"
    passes = """
genogram: 1
index: c
people:
  - {id: c, sex: female, born: 2015}
  - {id: m, sex: female, born: 1990}
  - {id: f, sex: male, born: 1988}
unions:
  - {partners: [m, f], children: [c]}
"""
    fails = """
genogram: 1
index: c
people:
  - {id: c, sex: female, born: 2015}
  - {id: m, sex: female, born: 1990}
unions:
  - {partners: [m], children: [c]}
"""

    def check(self, ctx: Context) -> Iterator[Hit]:
        index = ctx.family.index
        if index is None or index not in ctx.people:
            return
        parents = ctx.birth_parents.get(index, [])
        unions = tuple(ctx.union_id(i) for i, kids in enumerate(ctx.children_of_union) if index in kids)
        if len(parents) < 2:
            yield Hit(ctx.person_path(index), f"the index child `{index}` has {len(parents)} of 2 birth parents recorded", _ADD_PARENT, index, (index, *unions))
        for parent in parents:
            if ctx.people[parent].unknown if parent in ctx.people else False:
                yield Hit(ctx.person_path(parent), f"the index child's parent `{parent}` is not known", "record what is being done to find out in a `missing:` entry about this person", parent, (parent, index))


@register
class Grandparents(_Completeness):
    """The index child's grandparents are recorded (three generations).

    What it checks: each birth parent of the index child has two recorded
    parents who are not `unknown: true` (only when the profile asks for three
    generations, the default).

    Why: a *full* genogram shows three generations around the child, so that
    patterns across generations can be seen.

    Example: the father is unknown, so his parents are not recorded: reported,
    and explained when the register covers the father.
    """

    code = "GEN102"
    name = "grandparents"
    policy = HULL_FULL_GENOGRAM
    passes = """
genogram: 1
index: c
people:
  - {id: c, sex: female, born: 2015}
  - {id: m, sex: female, born: 1990}
  - {id: f, sex: male, born: 1988}
  - {id: gm1, sex: female, born: 1960}
  - {id: gf1, sex: male, born: 1958}
  - {id: gm2, sex: female, born: 1961}
  - {id: gf2, sex: male, born: 1959}
unions:
  - {partners: [m, f], children: [c]}
  - {partners: [gf1, gm1], children: [m]}
  - {partners: [gf2, gm2], children: [f]}
"""
    fails = """
genogram: 1
index: c
people:
  - {id: c, sex: female, born: 2015}
  - {id: m, sex: female, born: 1990}
  - {id: f, sex: male, born: 1988}
  - {id: gm1, sex: female, born: 1960}
  - {id: gf1, sex: male, born: 1958}
unions:
  - {partners: [m, f], children: [c]}
  - {partners: [gf1, gm1], children: [m]}
"""

    def check(self, ctx: Context) -> Iterator[Hit]:
        index = ctx.family.index
        if index is None or ctx.thresholds["generations"] < 3:
            return
        for parent in ctx.birth_parents.get(index, []):
            grand = ctx.birth_parents.get(parent, [])
            if len(grand) < 2:
                yield Hit(
                    ctx.person_path(parent),
                    f"the index child's parent `{parent}` has {len(grand)} of 2 parents recorded (grandparents of `{index}`)",
                    _ADD_PARENT,
                    parent,
                    (parent, *grand),
                )
            for gp in grand:
                if gp in ctx.people and ctx.people[gp].unknown:
                    yield Hit(ctx.person_path(gp), f"the index child's grandparent `{gp}` is not known", "record what is being done to find out in a `missing:` entry", gp, (gp, parent))


@register
class SiblingParents(_Completeness):
    """The index child's brothers and sisters have both parents recorded.

    What it checks: every sibling or half-sibling of the index child (a child
    of any union of the index child's parents) has two recorded parents, none
    of them `unknown: true`.

    Why: where the child fits in the family includes their siblings' other
    parents, who are often part of the child's world.

    Example: a half-sister listed under a union with only the mother is
    reported.
    """

    code = "GEN103"
    name = "sibling-parents"
    passes = """
genogram: 1
index: c
people:
  - {id: c, sex: female, born: 2015}
  - {id: s, sex: male, born: 2018}
  - {id: m, sex: female, born: 1990}
  - {id: f, sex: male, born: 1988}
  - {id: g, sex: male, born: 1985}
unions:
  - {partners: [m, f], children: [c]}
  - {partners: [m, g], children: [s]}
"""
    fails = """
genogram: 1
index: c
people:
  - {id: c, sex: female, born: 2015}
  - {id: s, sex: male, born: 2018}
  - {id: m, sex: female, born: 1990}
  - {id: f, sex: male, born: 1988}
unions:
  - {partners: [m, f], children: [c]}
  - {partners: [m], children: [s]}
"""

    def check(self, ctx: Context) -> Iterator[Hit]:
        index = ctx.family.index
        if index is None:
            return
        for sibling in _siblings(ctx, index):
            parents = ctx.parents.get(sibling, [])
            unions = tuple(ctx.union_id(i) for i, kids in enumerate(ctx.children_of_union) if sibling in kids)
            if len(parents) < 2:
                yield Hit(ctx.person_path(sibling), f"the index child's sibling `{sibling}` has {len(parents)} of 2 parents recorded", _ADD_PARENT, sibling, (sibling, *unions))
            for parent in parents:
                if parent in ctx.people and ctx.people[parent].unknown and parent not in ctx.parents.get(index, ()):
                    yield Hit(ctx.person_path(parent), f"the parent `{parent}` of the index child's sibling `{sibling}` is not known", "record what is being done to find out in a `missing:` entry", parent, (parent, sibling))


@register
class ChildParents(_Completeness):
    """Every other child in the family has two recorded parents.

    What it checks: each person under 18 at the reference date (other than
    the index child and their siblings, checked by GEN101 and GEN103) appears
    as a child of a union with two partners.

    Why: a child shown with one parent leaves the genogram unclear about who
    else is in the child's family.

    Example: `partners: [tyler]` with children `ava` and `ella` reports each
    child until Tyler's partner is recorded (or an `unknown: true` partner is
    added with a register entry).
    """

    code = "GEN104"
    name = "child-parents"
    passes = """
genogram: 1
as_of: 2026-01-01
people:
  - {id: k, sex: female, born: 2015}
  - {id: m, sex: female, born: 1990}
  - {id: f, sex: male, born: 1988}
unions:
  - {partners: [m, f], children: [k]}
"""
    fails = """
genogram: 1
as_of: 2026-01-01
people:
  - {id: k, sex: female, born: 2015}
  - {id: m, sex: female, born: 1990}
unions:
  - {partners: [m], children: [k]}
"""

    def check(self, ctx: Context) -> Iterator[Hit]:
        index = ctx.family.index
        skip = {index, *(_siblings(ctx, index) if index else ())}
        for person in ctx.family.people:
            if person.id in skip or not ctx.is_child(person):
                continue
            parents = ctx.parents.get(person.id, [])
            if len(parents) < 2:
                unions = tuple(ctx.union_id(i) for i, kids in enumerate(ctx.children_of_union) if person.id in kids)
                yield Hit(ctx.person_path(person.id), f"the child `{person.id}` has {len(parents)} of 2 parents recorded", _ADD_PARENT, person.id, (person.id, *unions))


@register
class PersonDetails(_Completeness):
    """Every person has a recorded sex and a birth date or an age.

    What it checks: each person (not a pregnancy or loss) has `sex:`, and
    `born:` or `age:`.

    Why: the symbol drawn and the generation a person sits in depend on sex
    and age; a blank leaves the genogram unclear.

    Example: `{id: lee, sex: male}` with neither `born` nor `age` is reported.
    """

    code = "GEN105"
    name = "person-details"
    severity = Severity.INFO
    policy = HULL_FULL_GENOGRAM
    passes = """
genogram: 1
people:
  - {id: a, sex: female, born: 1990}
  - {id: b, sex: male, age: 40}
"""
    fails = """
genogram: 1
people:
  - {id: a, born: 1990}
  - {id: b, sex: male}
"""

    def check(self, ctx: Context) -> Iterator[Hit]:
        for person in ctx.family.people:
            if person.kind.value != "person":
                continue
            lacking = []
            if person.sex is None:
                lacking.append("sex")
            if person.born is None and person.age is None:
                lacking.append("birth date or age")
            if lacking:
                yield Hit(ctx.person_path(person.id), f"`{person.id}` has no {' and no '.join(lacking)} recorded", "add `sex:` and `born:` (a year or `~1980` will do) or `age:`", person.id)


@register
class DeathYear(_Completeness):
    """A person who has died has at least a year of death.

    What it checks: `died: true` (date unknown) is reported; a year, even
    approximate (`died: ~1999`), is enough.

    Why: the timing of a death often matters to how a family understands its
    story; an approximate year is better than none.

    Example: `died: true` is reported; `died: 2019-02` is not.
    """

    code = "GEN106"
    name = "death-year"
    severity = Severity.INFO
    policy = HULL_FULL_GENOGRAM
    passes = """
genogram: 1
people:
  - {id: a, sex: male, born: 1940, died: ~1999}
"""
    fails = """
genogram: 1
people:
  - {id: a, sex: male, born: 1940, died: true}
"""

    def check(self, ctx: Context) -> Iterator[Hit]:
        for i, person in enumerate(ctx.family.people):
            if person.died is True:
                yield Hit(("people", i, "died"), f"`{person.id}` has died but no year of death is recorded", "write the year, approximate if need be: `died: ~1999`", person.id)


@register
class IndexHousehold(_Completeness):
    """The index child has a current household or placement.

    What it checks: the index child is a member of at least one household
    (a placement is a household) with no `to:` date, or one in the future.

    Why: the discussion should identify where the child fits in the family
    and, where applicable, their placement.

    Example: an index child listed in no household is reported.
    """

    code = "GEN107"
    name = "index-household"
    policy = HULL_PLACEMENT
    passes = """
genogram: 1
index: c
people:
  - {id: c, sex: female, born: 2015}
households:
  - {id: home, members: [c]}
"""
    fails = """
genogram: 1
as_of: 2026-01-01
index: c
people:
  - {id: c, sex: female, born: 2015}
households:
  - {id: home, members: [c], from: 2015, to: 2020}
"""

    def check(self, ctx: Context) -> Iterator[Hit]:
        index = ctx.family.index
        if index is None or index not in ctx.people:
            return
        for i in ctx.households_of.get(index, ()):
            household = ctx.family.households[i]
            if household.end is None or household.end.latest() >= ctx.today:
                return
        yield Hit(ctx.person_path(index), f"the index child `{index}` has no current household or placement", "add a household (with `placement:` if it is one) listing the child under members:", index)
