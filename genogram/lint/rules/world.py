"""The world around the child: school, friends and peers, community and health.

Checked for the index child only; a connection counts when it is with the
child, with a household the child lives in, or with the whole family.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, ClassVar

from genogram.lint.rule import HULL_WORLD, Hit, Rule, Severity, register

if TYPE_CHECKING:
    from genogram.lint.engine import Context


class _World(Rule):
    group = "world"
    severity = Severity.WARNING
    policy = HULL_WORLD
    systems: ClassVar[frozenset[str]] = frozenset()
    what: ClassVar[str] = ""

    def applies(self, ctx: Context, age: int | None) -> bool:
        return True

    def check(self, ctx: Context) -> Iterator[Hit]:
        index = ctx.family.index
        child = ctx.people.get(index) if index else None
        if child is None or not self.applies(ctx, ctx.age(child)):
            return
        around = {index, *(ctx.family.households[i].id for i in ctx.households_of.get(child.id, ()))}
        for connection in ctx.family.connections:
            if connection.system in self.systems and (connection.with_ is None or connection.with_ in around):
                return
        yield Hit(("index",), f"no {self.what} connection is recorded for the index child `{index}`", f"add under connections: `system: {sorted(self.systems)[0]}` with `with: {index}` (a household or the whole family also counts)", index)


@register
class School(_World):
    """A school-age index child has a school or education connection.

    What it checks: when the index child is 5 to 17 at the reference date
    (thresholds `school_age_min`, `school_age_max`), a connection with system
    `school`, `education`, `college`, `nursery` or `alternative-provision`.

    Why: school is one of the influences on the child the discussion should
    consider.

    Example: a 13-year-old index child with no school connection is reported.
    """

    code = "GEN401"
    name = "school"
    systems = frozenset({"school", "education", "college", "nursery", "alternative-provision"})
    what = "school or education"
    passes = """
genogram: 1
as_of: 2026-11-10
index: c
people:
  - {id: c, sex: male, born: 2013}
connections:
  - {system: school, with: c}
"""
    fails = """
genogram: 1
as_of: 2026-11-10
index: c
people:
  - {id: c, sex: male, born: 2013}
"""

    def applies(self, ctx: Context, age: int | None) -> bool:
        return age is not None and ctx.thresholds["school_age_min"] <= age < ctx.thresholds["school_age_max"]


@register
class FriendsPeers(_World):
    """The index child has a friends or peers connection.

    What it checks: a connection with system `friends` or `peers`.

    Why: friends and peers are named by the policy among the influences on
    the child to consider.

    Example: an index child with only school and health connections is
    reported.
    """

    code = "GEN402"
    name = "friends-peers"
    systems = frozenset({"friends", "peers"})
    what = "friends or peers"
    passes = """
genogram: 1
index: c
people:
  - {id: c, sex: male, born: 2013}
connections:
  - {system: peers, with: c}
"""
    fails = """
genogram: 1
index: c
people:
  - {id: c, sex: male, born: 2013}
connections:
  - {system: school, with: c}
"""


@register
class CommunityHealth(_World):
    """The index child has a community or health connection.

    What it checks: a connection with system `community`, `health`, `faith`
    or `leisure`, with the child, a household the child lives in, or the whole
    family.

    Why: community is named by the policy among the influences on the child
    and family; health (a GP at least) is part of every child's world.

    Example: a GP connection recorded only for the mother, who lives
    elsewhere, does not count for the child and is reported.
    """

    code = "GEN403"
    name = "community-health"
    severity = Severity.INFO
    systems = frozenset({"community", "health", "faith", "leisure"})
    what = "community or health"
    passes = """
genogram: 1
index: c
people:
  - {id: c, sex: male, born: 2013}
households:
  - {id: home, members: [c]}
connections:
  - {system: health, with: home}
"""
    fails = """
genogram: 1
index: c
people:
  - {id: c, sex: male, born: 2013}
  - {id: m, sex: female, born: 1990}
connections:
  - {system: health, with: m}
"""
