"""The missing-information register: is every known gap in hand and up to date?"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from genogram.lint.rule import HULL_MISSING, HULL_PLAN, Hit, Rule, Severity, register

if TYPE_CHECKING:
    from genogram.lint.engine import Context


class _Register(Rule):
    group = "register"
    severity = Severity.WARNING
    policy = HULL_MISSING


def _open(ctx: Context) -> Iterator[tuple[int, str]]:
    for i, gap in enumerate(ctx.family.missing):
        if gap.status.value == "open":
            yield i, ctx.family.gap_id(i)


@register
class GapNoAction(_Register):
    """Every open gap says what has been done or what is planned.

    What it checks: each open `missing:` entry has `steps:` (what was done to
    find out) or a `plan:` (what will be done).

    Why: the policy asks that it is made clear what steps have been taken
    and/or what plans there are to obtain missing information.

    Example: `{about: dad, what: father's details}` with neither steps nor
    plan is reported.
    """

    code = "GEN201"
    name = "gap-no-action"
    passes = """
genogram: 1
people:
  - {id: dad, sex: male, unknown: true}
missing:
  - {about: dad, what: identity, plan: ask at next visit, owner: social worker, due: 2026-12}
"""
    fails = """
genogram: 1
people:
  - {id: dad, sex: male, unknown: true}
missing:
  - {about: dad, what: identity}
"""

    def check(self, ctx: Context) -> Iterator[Hit]:
        for i, gap_id in _open(ctx):
            gap = ctx.family.missing[i]
            if not gap.steps and not gap.plan:
                yield Hit(("missing", i, "what"), f"the gap `{gap_id}` has no steps taken and no plan", "add `steps:` (what was done to find out) or `plan:` (what will be done)", gap_id)


@register
class PlanIncomplete(_Register):
    """A plan names who will do it and by when.

    What it checks: an open `missing:` entry with a `plan:` also has an
    `owner:` and a `due:` date.

    Why: a plan going forward says who needs to do what and when.

    Example: `plan: ask the grandmother` with no owner or due date is
    reported.
    """

    code = "GEN202"
    name = "plan-incomplete"
    policy = HULL_PLAN
    passes = """
genogram: 1
missing:
  - {what: paternal family, plan: ask the grandmother, owner: social worker, due: 2026-12}
"""
    fails = """
genogram: 1
missing:
  - {what: paternal family, plan: ask the grandmother}
"""

    def check(self, ctx: Context) -> Iterator[Hit]:
        for i, gap_id in _open(ctx):
            gap = ctx.family.missing[i]
            if gap.plan:
                lacking = [name for name, value in (("an owner", gap.owner), ("a due date", gap.due)) if not value]
                if lacking:
                    yield Hit(("missing", i, "plan"), f"the plan for gap `{gap_id}` has no {' and no '.join(n.split(' ', 1)[1] for n in lacking)}", "add `owner:` (who will do it) and `due:` (by when)", gap_id)


@register
class GapOverdue(_Register):
    """An open gap's due date has not passed.

    What it checks: an open `missing:` entry whose `due:` date is before the
    reference date (`--today`, else the file's `as_of`, else today).

    Why: a plan that has run past its date needs revisiting before the
    discussion relies on it.

    Example: `due: 2026-10` in a file with `as_of: 2026-11-10` is reported;
    so is any due date once `--today` is later.
    """

    code = "GEN203"
    name = "gap-overdue"
    policy = HULL_PLAN
    passes = """
genogram: 1
as_of: 2026-11-10
missing:
  - {what: paternal family, plan: ask, owner: social worker, due: 2026-12}
"""
    fails = """
genogram: 1
as_of: 2026-11-10
missing:
  - {what: paternal family, plan: ask, owner: social worker, due: 2026-10}
"""

    def check(self, ctx: Context) -> Iterator[Hit]:
        for i, gap_id in _open(ctx):
            due = ctx.family.missing[i].due
            if due is not None and due.latest() < ctx.today:
                yield Hit(("missing", i, "due"), f"the gap `{gap_id}` is past its due date", "update the steps taken and set a new `due:`, or mark it `status: resolved`", gap_id)


@register
class StaleGap(_Register):
    """An open gap still refers to something missing.

    What it checks: an open `missing:` entry about a person marked
    `unknown: true` who now has a name recorded (they are known: the register
    and the person's record disagree).

    Why: a stale register tells the group something is missing that is not,
    and hides what still is.

    Example: `{id: dad, unknown: true, name: ...}` with an open entry about
    `dad` is reported.
    """

    code = "GEN204"
    name = "stale-gap"
    severity = Severity.INFO
    passes = """
genogram: 1
people:
  - {id: dad, sex: male, unknown: true}
missing:
  - {about: dad, what: identity, steps: [asked mother]}
"""
    fails = """
genogram: 1
people:
  - {id: dad, name: Sam Smith, sex: male, unknown: true}
missing:
  - {about: dad, what: identity, steps: [asked mother]}
"""

    def check(self, ctx: Context) -> Iterator[Hit]:
        for i, gap_id in _open(ctx):
            about = ctx.family.missing[i].about
            person = ctx.people.get(about) if about else None
            if person is None:
                continue
            if person.unknown and person.name:
                yield Hit(("missing", i, "about"), f"the gap `{gap_id}` is about `{about}`, who is marked unknown but now has a name", "remove `unknown: true` and mark the entry `status: resolved`, or remove the name", gap_id)


@register
class UnknownUnregistered(_Register):
    """Every unknown person has an entry in the register.

    What it checks: each person marked `unknown: true` is the `about:` of an
    open `missing:` entry (directly, or through a union they are in).

    Why: an unknown person is a known gap; the policy asks that every gap
    comes with the steps taken or the plan.

    Example: `{id: dad, unknown: true}` with no `missing:` entry about `dad`
    is reported.
    """

    code = "GEN205"
    name = "unknown-unregistered"
    passes = """
genogram: 1
people:
  - {id: dad, sex: male, unknown: true}
missing:
  - {about: dad, what: identity, steps: [asked mother]}
"""
    fails = """
genogram: 1
people:
  - {id: dad, sex: male, unknown: true}
"""

    def check(self, ctx: Context) -> Iterator[Hit]:
        for person in ctx.family.people:
            if not person.unknown:
                continue
            ids = [person.id, *(ctx.union_id(i) for i in ctx.unions_of.get(person.id, ()))]
            if not any(ident in ctx.gaps_about for ident in ids):
                yield Hit(ctx.person_path(person.id), f"the unknown person `{person.id}` has no entry in the missing-information register", f"add under missing: an entry with `about: {person.id}`, the steps taken and the plan", person.id)
