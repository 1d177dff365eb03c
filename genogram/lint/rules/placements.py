"""Placements: every stay of every child counted, and the national stability measures.

The rules read each child's history from :mod:`genogram.placements`, where a
household with no `from:` runs from the child's birth and one with no `to:`
runs to the reference day, so the timeline and the findings agree. Messages
give durations, never the dates or names written in the file.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from typing import TYPE_CHECKING

from genogram.lint.rule import HULL_PLACEMENT, Citation, Hit, Rule, Severity, register

if TYPE_CHECKING:
    from genogram.lint.engine import Context
    from genogram.placements import History, Stay

DFE_STABILITY = Citation(
    "Department for Education, Stability measures for children looked after in England (national statistics, "
    "explore-education-statistics.service.gov.uk; from the SSDA903 children looked after return)",
    "Placement stability by local authority",
    "Children looked after on 31 March with three or more placements during the year; and children aged under 16 "
    "looked after continuously for at least 2.5 years and living with the same carer for at least 2 years.",
)


def _histories(ctx: Context) -> dict[str, History]:
    return ctx.placement_histories


def _about(days: int) -> str:
    """A duration in words (a finding never repeats the dates written in the file)."""
    if days < 62:
        return f"{days} days"
    months = round(days / 30.44)
    if months < 24:
        return f"about {months} months"
    return f"about {round(days / 365.25)} years"


def _where(stay: Stay, end: bool) -> tuple[object, ...]:
    """The line to point at: the stay's `to:` or `from:` when written, else its member entry."""
    return ("households", stay.position, "to" if end else "from")


def _assumed(stay: Stay | None) -> str:
    if stay is None or not (stay.start_assumed or stay.open_end):
        return ""
    said = []
    if stay.start_assumed:
        said.append("has no `from:`, so it is taken to run from the child's birth")
    if stay.open_end:
        said.append("has no `to:`, so it is taken to run to the reference day")
    return f" (`{stay.household}` {' and '.join(said)})"


@register
class PlacementGaps(Rule):
    """A child's households and placements follow on without gaps in time.

    What it checks: for each child, every household and placement they are
    a member of, in date order. A household with no `from:` runs from the
    child's birth, one with no `to:` runs to the reference day (`as_of`).
    Days with no household between two stays are reported for every
    child; for a child with a placement in their record, also the days
    after birth before the first stay and (except the index child, whom
    GEN107 covers) from the last stay up to the reference day. With
    partial dates, only a gap that every reading of the dates leaves.

    Why: where a child lived, and when, is part of where the child fits; an
    unexplained gap in the placement history hides moves.

    Example: "with mum" with no `from:` and `to: 2022-03`, then a kinship
    placement from 2023-02: eleven months with no home recorded is
    reported.
    """

    code = "GEN108"
    name = "placement-gaps"
    group = "completeness"
    severity = Severity.WARNING
    policy = HULL_PLACEMENT
    explainable = True
    passes = """
genogram: 1
as_of: 2026-01-01
people:
  - {id: c, sex: female, born: 2015}
households:
  - {id: a, members: [c], to: 2022-03}
  - {id: b, members: [c], from: 2022-04, placement: kinship}
"""
    fails = """
genogram: 1
as_of: 2026-01-01
people:
  - {id: c, sex: female, born: 2015}
households:
  - {id: a, members: [c], to: 2022-03}
  - {id: b, members: [c], from: 2023-02, placement: kinship}
"""

    def check(self, ctx: Context) -> Iterator[Hit]:
        index = ctx.family.index
        for child, found in _histories(ctx).items():
            in_care = any(s.placement for s in found.stays)
            for gap in found.gaps:
                if (gap.before is None or gap.after is None) and not in_care:
                    continue  # a household that began after the birth, or ended, in a family record: no placement history to check
                days = (gap.end - gap.start).days
                if gap.before is None and gap.after is not None:
                    yield Hit(_where(gap.after, False), f"the child `{child}` has no household recorded for {_about(days)} after birth, before `{gap.after.household}`", "add where the child lived from birth (a household with `from:` and `to:` dates)", child)
                elif gap.after is None and gap.before is not None:
                    if child == index:
                        continue  # GEN107 index-household says it
                    yield Hit(_where(gap.before, True), f"the child `{child}` has had no household recorded for {_about(days)}, since `{gap.before.household}` ended{_assumed(gap.before)}", "add where the child lives now, or correct the `to:` date", child)
                elif gap.before is not None and gap.after is not None:
                    yield Hit(
                        _where(gap.after, False),
                        f"the child `{child}` has {_about(days)} with no household between `{gap.before.household}` and `{gap.after.household}`{_assumed(gap.before)}",
                        "add where the child lived in between, or correct the `from`/`to` dates",
                        child,
                    )


@register
class StayBeforeBirth(Rule):
    """No child is placed before they were born.

    What it checks: a placement whose `from:` is certainly before the
    child's birth, or any household the child is in that certainly ended
    before it. A home (no `placement:`) that began before a younger child
    was born is not reported: the child joined it at birth.

    Why: a placement date before the birth is a typing error that puts the
    whole history out of order, and a clear chronology is what a panel
    reads first.

    Example: a child born 2018 in a foster placement `from: 2016` is
    reported.
    """

    code = "GEN308"
    name = "stay-before-birth"
    group = "consistency"
    severity = Severity.ERROR
    policy = HULL_PLACEMENT
    passes = """
genogram: 1
as_of: 2026-01-01
people:
  - {id: c, sex: female, born: 2018}
households:
  - {id: home, members: [c], from: 2012, to: 2020}
  - {id: f, members: [c], from: 2020, placement: foster}
"""
    fails = """
genogram: 1
as_of: 2026-01-01
people:
  - {id: c, sex: female, born: 2018}
households:
  - {id: f, members: [c], from: 2016, placement: foster}
"""

    def check(self, ctx: Context) -> Iterator[Hit]:
        for child, found in _histories(ctx).items():
            for stay in found.before_birth:
                yield Hit(
                    _where(stay, stay.span.end_range[1] < (found.born.earliest() if found.born else date.max)),
                    f"the child `{child}` is in `{stay.household}` from before their birth",
                    "check the household's `from:` and `to:` dates against the child's `born:`",
                    child,
                )


class _Stability(Rule):
    group = "placements"
    severity = Severity.WARNING
    policy = DFE_STABILITY


def _looked_after_run(stays: list[Stay], day: date) -> list[Stay]:
    """The child's unbroken run of looked-after stays up to ``day`` (empty when not looked after now)."""
    current = [s for s in stays if s.looked_after and s.span.start <= day <= s.span.end]
    if not current:
        return []
    run = [max(current, key=lambda s: s.span.start)]
    earlier = sorted((s for s in stays if s.looked_after and s.span.start < run[0].span.start), key=lambda s: s.span.end)
    while earlier:
        prev = earlier.pop()
        if (run[0].span.start - prev.span.end).days > 1:
            break
        run.insert(0, prev)
    return run


@register
class PlacementMoves(_Stability):
    """A child looked after has had fewer than three placements in the last twelve months.

    What it checks: for each child in a placement (kinship, foster,
    residential, adoptive or other) on the reference day, the placements
    they were in at any time in the twelve months up to it. Three or more
    is reported, as the national short-term stability measure counts it.

    Why: the Department for Education publishes, for every local authority,
    the share of children looked after with three or more placements during
    the year; each move is a loss for the child, and a panel will ask about
    them.

    Example: a foster placement, an emergency placement and a kinship
    placement within the last year is reported.
    """

    code = "GEN601"
    name = "placement-moves"
    passes = """
genogram: 1
as_of: 2026-01-01
people:
  - {id: c, sex: female, born: 2015}
households:
  - {id: a, members: [c], from: 2024-01, to: 2025-03, placement: foster}
  - {id: b, members: [c], from: 2025-03, placement: kinship}
"""
    fails = """
genogram: 1
as_of: 2026-01-01
people:
  - {id: c, sex: female, born: 2015}
households:
  - {id: a, members: [c], from: 2024-01, to: 2025-03, placement: foster}
  - {id: b, members: [c], from: 2025-03, to: 2025-05, placement: foster}
  - {id: d, members: [c], from: 2025-05, placement: kinship}
"""

    def check(self, ctx: Context) -> Iterator[Hit]:
        day = ctx.today
        year_ago = day - timedelta(days=365)
        for child, found in _histories(ctx).items():
            if not _looked_after_run(found.stays, day):
                continue
            recent = [s for s in found.stays if s.placement and s.span.end > year_ago and s.span.start <= day]
            if len(recent) >= 3:
                yield Hit(
                    _where(recent[-1], False),
                    f"the child `{child}` has had {len(recent)} placements in the last twelve months (the national measure counts three or more)",
                    "discuss the moves and what would keep the current placement stable; check that each placement's dates are right",
                    child,
                )


@register
class PlacementStability(_Stability):
    """A child long in care has been in the same placement for two years.

    What it checks: a child under 16 on the reference day who has been
    looked after without a break for two and a half years or more, and
    whose current placement began less than two years ago. As in the
    national measure, a child placed for adoption counts the adoptive
    placement together with the placement before it.

    Why: the Department for Education's long-term stability measure (the
    share of children under 16 looked after for 2.5 years or more who have
    lived with the same carer for 2 years) is one local authorities are
    compared on, and instability in long-term care is a risk to the child.

    Example: a child in care since 2021 whose current foster placement
    began six months ago is reported.
    """

    code = "GEN602"
    name = "placement-stability"
    passes = """
genogram: 1
as_of: 2026-01-01
people:
  - {id: c, sex: female, born: 2015}
households:
  - {id: a, members: [c], from: 2021-01, to: 2023-06, placement: foster}
  - {id: b, members: [c], from: 2023-06, placement: foster}
"""
    fails = """
genogram: 1
as_of: 2026-01-01
people:
  - {id: c, sex: female, born: 2015}
households:
  - {id: a, members: [c], from: 2021-01, to: 2025-07, placement: foster}
  - {id: b, members: [c], from: 2025-07, placement: foster}
"""

    def check(self, ctx: Context) -> Iterator[Hit]:
        from genogram.dates import add_years

        day = ctx.today
        for child, found in _histories(ctx).items():
            age = ctx.ages.get(child)
            run = _looked_after_run(found.stays, day)
            if age is None or age >= 16 or not run:
                continue
            if run[0].span.start > add_years(day, -2) - timedelta(days=182):
                continue  # looked after for less than two and a half years
            current = run[-1]
            since = current.span.start
            if current.kind == "adoptive" and len(run) > 1:
                since = run[-2].span.start
            if since > add_years(day, -2):
                yield Hit(
                    _where(current, False),
                    f"the child `{child}` has been looked after for {_about((day - run[0].span.start).days)} but in `{current.household}` for {_about((day - current.span.start).days)} (the national measure asks for two years in the same placement)",
                    "discuss what would make the current placement last; check the placement dates",
                    child,
                )
