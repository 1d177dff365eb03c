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


def _free_text(ctx: Context) -> Iterator[tuple[tuple[object, ...], str, str]]:
    """Every free-text value of the family other than names and addresses: (path, where, text)."""
    family = ctx.family
    if family.title:
        yield ("title",), "the title", family.title
    if family.notes:
        yield ("notes",), "the file's notes", family.notes
    for i, person in enumerate(family.people):
        for field in ("notes", "cause"):
            if getattr(person, field):
                yield ("people", i, field), f"`{person.id}` {field}", getattr(person, field)
    for i, union in enumerate(family.unions):
        if union.notes:
            yield ("unions", i, "notes"), f"union {i + 1} notes", union.notes
    for i, household in enumerate(family.households):
        for field in ("label", "notes"):
            if getattr(household, field):
                yield ("households", i, field), f"household `{household.id}` {field}", getattr(household, field)
    for i, rel in enumerate(family.relationships):
        for field in ("source", "notes"):
            if getattr(rel, field):
                yield ("relationships", i, field), f"relationship {i + 1} {field}", getattr(rel, field)
    for i, connection in enumerate(family.connections):
        for field in ("name", "notes"):
            if getattr(connection, field):
                yield ("connections", i, field), f"connection {i + 1} {field}", getattr(connection, field)
    for i, gap in enumerate(family.missing):
        for field in ("what", "plan", "owner"):
            if getattr(gap, field):
                yield ("missing", i, field), f"missing entry {i + 1} `{field}`", getattr(gap, field)
        for k, step in enumerate(gap.steps):
            yield ("missing", i, "steps", k), f"missing entry {i + 1} step {k + 1}", step


@register
class GroupIdentifyingText(_Privacy):
    """A file shared with a group holds no identifying detail in its free text.

    What it checks: with `share: group`, every free-text value (title, notes,
    cause, household labels, service names, relationship sources, the
    missing-information register) for the names, nicknames and initials of
    anyone in the family, dates, postcodes, addresses, phone numbers, NHS
    numbers, emails and web addresses: the same checks `genogram pack
    --redact` makes of text written for the group.

    Why: personal information is dealt with sensitively and confidentially;
    free text is where identifying detail hides, and it is never cut out for
    you (a name that is also a word would corrupt the sentence).

    Example: `share: group` with a household `label: Jayden's nan's house` is
    reported; `label: Kinship placement` is not.
    """

    code = "GEN504"
    name = "group-identifying-text"
    passes = """
genogram: 1
share: group
people:
  - {id: c, name: Jayden, sex: male, born: 2013}
households:
  - {id: h1, label: Kinship placement, members: [c]}
"""
    fails = """
genogram: 1
share: group
people:
  - {id: c, name: Jayden, sex: male, born: 2013}
households:
  - {id: h1, label: "Jayden's nan's house, 07700 900123", members: [c]}
"""

    def check(self, ctx: Context) -> Iterator[Hit]:
        if not _group(ctx):
            return
        from genogram.detect import detector_for

        detector = detector_for([ctx.family], places=False)
        for path, where, text in _free_text(ctx):
            kinds = sorted({hit.description for hit in detector.find(text)})
            if kinds:
                yield Hit(path, f"{where} holds {' and '.join(kinds)} in a file marked for group sharing", "rewrite it with roles, ages and intervals, or change `share:` to team", None)


@register
class GroupKnownAs(_Privacy):
    """A file shared with a group records no nicknames, aliases or previous names.

    What it checks: with `share: group`, any person's `known_as:`.

    Why: a nickname identifies a child as surely as a name, and more so
    among the people who know the family.

    Example: `share: group` with `known_as: [Jay]` is reported.
    """

    code = "GEN505"
    name = "group-known-as"
    passes = """
genogram: 1
share: team
people:
  - {id: c, name: Jayden, known_as: [Jay], sex: male, born: 2013}
"""
    fails = """
genogram: 1
share: group
people:
  - {id: c, name: Jayden, known_as: [Jay], sex: male, born: 2013}
"""

    def check(self, ctx: Context) -> Iterator[Hit]:
        if not _group(ctx):
            return
        for i, person in enumerate(ctx.family.people):
            if person.known_as:
                yield Hit(("people", i, "known_as"), f"`{person.id}` has other names recorded in a file marked for group sharing", "remove `known_as:` before sharing, or change `share:` to team", person.id)


@register
class GroupIdsNameNoOne(_Privacy):
    """A file shared with a group uses ids that name no one and no place.

    What it checks: with `share: group`, any person's, household's, union's
    or gap's id that holds a word of someone's name, nickname or address.

    Why: ids appear in messages and findings so people can find the entry;
    an id such as `jayden-father` or `elm-road-flat` carries the child's name
    or street wherever it goes.

    Example: `share: group` with a person `id: jayden` named Jayden is
    reported; `id: child` is not.
    """

    code = "GEN506"
    name = "group-ids-name-no-one"
    severity = Severity.WARNING
    passes = """
genogram: 1
share: group
people:
  - {id: child, name: Jayden, sex: male, born: 2013}
"""
    fails = """
genogram: 1
share: group
people:
  - {id: jayden, name: Jayden, sex: male, born: 2013}
"""

    def check(self, ctx: Context) -> Iterator[Hit]:
        if not _group(ctx):
            return
        import re

        from genogram.detect import fold, name_terms, place_terms

        words = {t.folded for p in ctx.family.people for name in [p.name or "", *p.known_as] for t in name_terms(name) if " " not in t.folded}
        addresses = [p.address for p in ctx.family.people if p.address] + [h.address for h in ctx.family.households if h.address]
        words |= {t.folded for address in addresses for t in place_terms(address)}
        family = ctx.family
        entries: list[tuple[tuple[object, ...], str]] = [(("people", i, "id"), p.id) for i, p in enumerate(family.people)]
        entries += [(("households", i, "id"), h.id) for i, h in enumerate(family.households)]
        entries += [(("unions", i, "id"), u.id) for i, u in enumerate(family.unions) if u.id]
        entries += [(("missing", i, "id"), g.id) for i, g in enumerate(family.missing) if g.id]
        for path, ident in entries:
            parts = set(re.split(r"[\W_]+", fold(ident)[0]))
            if parts & words:
                yield Hit(path, "this id holds a word of someone's name or address in a file marked for group sharing", "use an id that names no one (child, mother, h1), or change `share:` to team", None)
