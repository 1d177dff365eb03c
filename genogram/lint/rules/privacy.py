"""Privacy: a file marked `share: group` must be redacted before a pack goes round."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from genogram.lint.rule import HULL_CONFIDENTIAL, Hit, Rule, Severity, register

if TYPE_CHECKING:
    from genogram.lint.engine import Context


class _Privacy(Rule):
    group = "privacy"
    severity = Severity.ERROR
    policy = HULL_CONFIDENTIAL


def _group(ctx: Context) -> bool:
    return ctx.family.share.value == "group"


@register
class GroupNames(_Privacy):
    """A file shared with a group holds first names only.

    What it checks: with `share: group`, any person's `name:` of two or more
    words (a full name).

    Why: personal information is dealt with sensitively and confidentially;
    a group discussion needs first names at most.

    Example: `share: group` with `name: Jayden Carter` is reported; `name:
    Jayden` is not.
    """

    code = "GEN501"
    name = "group-full-names"
    passes = """
genogram: 1
share: group
people:
  - {id: c, name: Jayden, sex: male, born: 2013}
"""
    fails = """
genogram: 1
share: group
people:
  - {id: c, name: Jayden Carter, sex: male, born: 2013}
"""

    def check(self, ctx: Context) -> Iterator[Hit]:
        if not _group(ctx):
            return
        for i, person in enumerate(ctx.family.people):
            if person.name and len(person.name.split()) >= 2:
                yield Hit(("people", i, "name"), f"`{person.id}` has a full name in a file marked for group sharing", "keep a first name or initial only, or change `share:` to team", person.id)


@register
class GroupAddresses(_Privacy):
    """A file shared with a group holds no addresses.

    What it checks: with `share: group`, an `address:` on any person or
    household.

    Why: an address identifies a family far beyond what a discussion needs.

    Example: `share: group` with a household `address:` is reported.
    """

    code = "GEN502"
    name = "group-addresses"
    passes = """
genogram: 1
share: group
people:
  - {id: c, sex: male, born: 2013}
households:
  - {id: home, members: [c]}
"""
    fails = """
genogram: 1
share: group
people:
  - {id: c, sex: male, born: 2013}
households:
  - {id: home, members: [c], address: 1 High Street}
"""

    def check(self, ctx: Context) -> Iterator[Hit]:
        if not _group(ctx):
            return
        for i, person in enumerate(ctx.family.people):
            if person.address:
                yield Hit(("people", i, "address"), f"`{person.id}` has an address in a file marked for group sharing", "remove the address before sharing", person.id)
        for i, household in enumerate(ctx.family.households):
            if household.address:
                yield Hit(("households", i, "address"), f"household `{household.id}` has an address in a file marked for group sharing", "remove the address before sharing", household.id)


@register
class GroupNotes(_Privacy):
    """A file shared with a group holds no free-text notes.

    What it checks: with `share: group`, any `notes:` (on the family, a
    person, union, household, relationship or connection).

    Why: free text is where identifying detail hides; redact it before a
    pack goes round.

    Example: `share: group` with a person's `notes:` is reported.
    """

    code = "GEN503"
    name = "group-notes"
    severity = Severity.WARNING
    passes = """
genogram: 1
share: team
people:
  - {id: c, sex: male, born: 2013, notes: two missing episodes}
"""
    fails = """
genogram: 1
share: group
people:
  - {id: c, sex: male, born: 2013, notes: two missing episodes}
"""

    def check(self, ctx: Context) -> Iterator[Hit]:
        if not _group(ctx):
            return
        family = ctx.family
        if family.notes:
            yield Hit(("notes",), "the file has notes while marked for group sharing", "remove or shorten the notes before sharing", None)
        sections = (("people", family.people), ("unions", family.unions), ("households", family.households), ("relationships", family.relationships), ("connections", family.connections))
        for section, items in sections:
            for i, item in enumerate(items):
                if getattr(item, "notes", None):
                    subject = getattr(item, "id", None)
                    yield Hit((section, i, "notes"), f"{section} entry {i + 1} has notes while the file is marked for group sharing", "remove the notes, or change `share:` to team", subject)
