"""Per case, per worker and for the team: what is due, overdue and late.

Rules, as docs/caseload.md states them for managers:

* A case's cadence is the frequency agreed in its latest session that states
  one, else its ``case: frequency:``, else the team's ``[caseload]
  frequency``, else the policy's default (monthly; fortnightly for Tower
  Hamlets).
* The next discussion is due one cadence after the last one held on or
  before ``today`` (after the case opened, when it was never discussed); it
  is overdue the day after. Closed cases are never due.
* A record is due by :func:`genogram.workdays.record_by` (5 working days, the
  next working day after a significant decision, in the session's nation).
  Made after that: late. Not made (no ``recorded_on:``) and the day passed:
  missing. Format 1 sessions cannot say when they were recorded: unknown.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

from genogram.cadence import PROFILE_DEFAULT, Frequency, next_due, per_month
from genogram.caseload.read import FamilyRecord, SessionRecord, TeamFiles, fallback_id
from genogram.errors import GenogramError, Location, Problem
from genogram.workdays import Nation, record_by, working_days_between

#: Ways a case's latest record stands.
RECORD_STATES = ("on-time", "late", "missing", "pending", "unknown", "none")


@dataclass(frozen=True, slots=True)
class CaseStatus:
    """One case as the manager sees it."""

    id: str
    name: str | None
    worker: str | None
    file: str | None
    status: str  # open | closed
    opened: dt.date | None
    closed: dt.date | None
    policy: str
    frequency: str
    frequency_from: str  # session | case | team | policy
    discussions: int
    last_discussed: dt.date | None
    next_due: dt.date | None
    state: str  # overdue | due | ok | closed
    overdue_days: int
    never_discussed: bool
    records_late: int
    records_missing: int
    records_unknown: int
    last_record: str
    actions_overdue: int
    gaps_overdue: int
    plan_type: str | None
    plan_start: dt.date | None
    cp_12_months: dt.date | None
    cp_over_12_months: bool
    pre_proceedings: str | None
    fgc_status: str | None
    fgc_date: dt.date | None
    child_seen: dt.date | None
    lint_errors: int
    lint_warnings: int
    returns_without_outcomes: int
    latest_return_without_outcomes: bool
    latest_session: str | None
    pack: str | None
    held: tuple[dt.date, ...] = field(repr=False, default=())

    @property
    def late(self) -> bool:
        """The latest discussion was recorded late, or its record is missing."""
        return self.last_record in ("late", "missing")


@dataclass(frozen=True, slots=True)
class Tally:
    """Counts for one worker, or the whole team (open cases only, except ``closed``)."""

    worker: str | None
    open: int = 0
    closed: int = 0
    due: int = 0
    overdue: int = 0
    late: int = 0
    records_missing: int = 0
    never_discussed: int = 0
    without_outcomes: int = 0
    cp_over_12_months: int = 0
    with_lint_errors: int = 0


@dataclass(frozen=True, slots=True)
class Month:
    """Discussions held in one month against what the cadences asked for."""

    month: str  # YYYY-MM
    held: int
    required: float


@dataclass(frozen=True, slots=True)
class Caseload:
    """The whole answer: cases (most overdue first), tallies, the cadence chart and what could not be read."""

    today: dt.date
    cases: list[CaseStatus]
    workers: list[Tally]
    team: Tally
    months: list[Month]
    problems: list[Problem]
    due_within: int = 7
    redacted: bool = False

    @property
    def overdue(self) -> bool:
        return self.team.overdue > 0


def assess(files: TeamFiles, today: dt.date, policy: str | None = None, due_within: int = 7, jobs: int = 0) -> Caseload:
    """The caseload from what was read; ``policy`` (from --policy) overrides every case's."""
    from genogram.caseload.read import relint_all

    by_family = _sessions_by_family(files)
    problems = list(files.problems) + by_family.pop("", ([], []))[1]
    cases: list[CaseStatus] = []
    relint: list[tuple[int, str]] = []
    for family in files.families:
        sessions = sorted(by_family.get(family.path, ([], []))[0], key=lambda s: (s.held, s.file))
        case = _case(family, sessions, files, today, policy, due_within)
        if case.policy != family.policy:
            relint.append((len(cases), case.policy))
        cases.append(case)
    if relint:
        tallies = relint_all([(files.families[i].file, p) for i, p in relint], today, jobs)
        for (i, _), tally in zip(relint, tallies):
            if isinstance(tally, list):
                problems += tally
            else:
                cases[i] = replace(cases[i], lint_errors=tally[0], lint_warnings=tally[1])
    problems += _duplicate_ids(cases)
    cases.sort(key=_most_overdue_first)
    problems = sorted(set(problems), key=lambda p: (p.location.file, p.location.line, p.location.column, p.message))  # a bad .genogram.toml is met once a file
    return Caseload(today, cases, _tallies(cases), _tally(None, cases), _months(cases, today), problems, due_within)


def _duplicate_ids(cases: list[CaseStatus]) -> list[Problem]:
    """Two family files with one case id would be counted as two cases under one name: say so."""
    first: dict[str, str] = {}
    problems = []
    for case in cases:
        if case.id in first and case.file is not None:
            problems.append(Problem(Location(case.file), f"has the same `case: id:` as {first[case.id]}", "give each case its own id", "duplicate-id"))
        elif case.file is not None:
            first[case.id] = case.file
    return problems


def _most_overdue_first(case: CaseStatus) -> tuple[object, ...]:
    order = {"overdue": 0, "due": 1, "ok": 2, "closed": 3}[case.state]
    return (order, -case.overdue_days, case.next_due or dt.date.max, case.id)


def _sessions_by_family(files: TeamFiles) -> dict[str, tuple[list[SessionRecord], list[Problem]]]:
    """Sessions grouped by the family file they name; problems with what they name go under ""."""
    import os.path

    known = {f.path for f in files.families}
    sessions_at = {s.path: s for s in files.sessions}
    grouped: dict[str, tuple[list[SessionRecord], list[Problem]]] = defaultdict(lambda: ([], []))
    problems = grouped[""][1]
    for session in files.sessions:
        if session.family not in known:
            if not os.path.isfile(session.family):
                problems.append(Problem(Location(session.file, *session.family_at), "names a family file that does not exist; the session is not counted", "give its path relative to this session file", "not-found"))
            else:
                problems.append(Problem(Location(session.file, *session.family_at), "names a family file outside the folders read, or one that could not be read; the session is not counted", "name the folder that holds the family file too, or fix the family file", "not-found"))
            continue
        if session.previous is not None and session.previous_at is not None:
            earlier = sessions_at.get(session.previous)
            if earlier is None and not os.path.isfile(session.previous):
                problems.append(Problem(Location(session.file, *session.previous_at), "names a previous session that does not exist (the session is still counted)", "give its path relative to this session file, or remove `previous:`", "not-found"))
            elif earlier is not None and earlier.family != session.family:
                problems.append(Problem(Location(session.file, *session.previous_at), "names a previous session about another family", "point `previous:` at this family's earlier session", "previous"))
        grouped[session.family][0].append(session)
    return grouped


def _case(family: FamilyRecord, sessions: list[SessionRecord], files: TeamFiles, today: dt.date, policy: str | None, due_within: int) -> CaseStatus:
    settings = files.settings.get(family.path)
    past = [s for s in sessions if s.held <= today]
    latest = past[-1] if past else None
    case_policy = policy or next((s.policy for s in reversed(past) if s.policy), None) or family.policy
    frequency, source = _frequency(family, past, settings.frequency if settings else None, case_policy)
    nation = (settings.nation if settings else None) or _profile_nation(case_policy)
    records = [_record_state(s, today, Nation(s.nation) if s.nation else nation) for s in past]
    is_open = family.status == "open"
    due, state, overdue_days = _due(family, latest.held if latest else None, frequency, today, due_within) if is_open else (None, "closed", 0)
    plan = next((s for s in reversed(past) if s.plan_type), None)
    fgc = next((s for s in reversed(past) if s.fgc_status), None)
    seen = [s.child_seen for s in past if s.child_seen is not None]
    returns = [s for s in past if s.previous is not None and not s.has_outcomes]
    return CaseStatus(
        id=family.case_id or fallback_id(files.relative.get(family.path, family.file)),
        name=family.name,
        worker=family.worker,
        file=family.file,
        status=family.status,
        opened=family.opened,
        closed=family.closed,
        policy=case_policy,
        frequency=frequency.value,
        frequency_from=source,
        discussions=len(past),
        last_discussed=latest.held if latest else None,
        next_due=due,
        state=state,
        overdue_days=overdue_days,
        never_discussed=is_open and not past,
        records_late=records.count("late"),
        records_missing=records.count("missing"),
        records_unknown=records.count("unknown"),
        last_record=records[-1] if records else "none",
        actions_overdue=sum(1 for d in latest.open_actions_by if d < today) if latest and is_open else 0,
        gaps_overdue=sum(1 for d in family.open_gaps_due if d < today) if is_open else 0,
        plan_type=plan.plan_type if plan else None,
        plan_start=plan.plan_start if plan else None,
        cp_12_months=_add_year(plan.plan_start) if plan and plan.plan_type == "cp" and plan.plan_start else None,
        cp_over_12_months=bool(is_open and plan and plan.plan_type == "cp" and plan.plan_start and _add_year(plan.plan_start) <= today),
        pre_proceedings=plan.pre_proceedings if plan else None,
        fgc_status=fgc.fgc_status if fgc else None,
        fgc_date=fgc.fgc_date if fgc else None,
        child_seen=max(seen) if seen else None,
        lint_errors=family.lint_errors,
        lint_warnings=family.lint_warnings,
        returns_without_outcomes=len(returns),
        latest_return_without_outcomes=bool(latest and returns and returns[-1] is latest),
        latest_session=latest.file if latest else None,
        pack=_pack_beside(latest.file) if latest else None,
        held=tuple(s.held for s in past),
    )


def _frequency(family: FamilyRecord, past: list[SessionRecord], team: Frequency | None, policy: str) -> tuple[Frequency, str]:
    agreed = next((s.frequency for s in reversed(past) if s.frequency), None)
    if agreed:
        return Frequency(agreed), "session"
    if family.frequency:
        return Frequency(family.frequency), "case"
    if team is not None:
        return team, "team"
    return PROFILE_DEFAULT.get(policy, Frequency.MONTHLY), "policy"


def _due(family: FamilyRecord, last: dt.date | None, frequency: Frequency, today: dt.date, due_within: int) -> tuple[dt.date, str, int]:
    """Next due day, state and days overdue of an open case."""
    if last is not None:
        due = next_due(last, frequency)
    elif family.opened is not None:
        due = next_due(family.opened, frequency)
    else:
        due = today  # never discussed and no opening date: due now
    if today > due:
        return due, "overdue", (today - due).days
    return due, "due" if (due - today).days <= due_within else "ok", 0


@cache
def _profile_nation(policy: str) -> Nation:
    """The nation a policy's profile names (its bank holidays), else England and Wales."""
    from genogram.lint.engine import load_profile

    try:
        named = load_profile(policy).nation
    except GenogramError:
        named = None
    return Nation(named) if named else Nation.ENGLAND_AND_WALES


@cache
def _record_by(held: dt.date, significant: bool, nation: Nation) -> dt.date:
    return record_by(held, significant, nation)


def _record_state(session: SessionRecord, today: dt.date, nation: Nation) -> str:
    deadline = _record_by(session.held, session.significant, nation)
    if session.recorded_on is not None:
        return "late" if session.recorded_on > deadline else "on-time"
    if session.version < 2:
        return "unknown"
    return "missing" if today > deadline else "pending"


def late_working_days(held: dt.date, recorded_on: dt.date, significant: bool, nation: Nation = Nation.ENGLAND_AND_WALES) -> int:
    """Working days a record was made after its record-by date (0 when on time)."""
    return max(0, working_days_between(_record_by(held, significant, nation), recorded_on, nation))


def _add_year(day: dt.date) -> dt.date:
    from genogram.dates import add_years

    return add_years(day, 1)


def _pack_beside(session_file: str) -> str | None:
    """The pack `genogram pack` writes for a session by default (HTML first), if it sits beside it."""
    path = Path(session_file)
    stem = path.name.removesuffix(".yaml").removesuffix(".yml").removesuffix(".session")
    for suffix in ("html", "pdf"):
        candidate = path.with_name(f"{stem}.{suffix}")
        if candidate.is_file():
            return str(candidate)
    return None


def _tally(worker: str | None, cases: list[CaseStatus]) -> Tally:
    live = [c for c in cases if c.status == "open"]
    return Tally(
        worker=worker,
        open=len(live),
        closed=len(cases) - len(live),
        due=sum(1 for c in live if c.state == "due"),
        overdue=sum(1 for c in live if c.state == "overdue"),
        late=sum(1 for c in live if c.late),
        records_missing=sum(c.records_missing for c in live),
        never_discussed=sum(1 for c in live if c.never_discussed),
        without_outcomes=sum(1 for c in live if c.latest_return_without_outcomes),
        cp_over_12_months=sum(1 for c in live if c.cp_over_12_months),
        with_lint_errors=sum(1 for c in live if c.lint_errors),
    )


def _tallies(cases: list[CaseStatus]) -> list[Tally]:
    by_worker: dict[str, list[CaseStatus]] = defaultdict(list)
    for case in cases:
        by_worker[case.worker or ""].append(case)
    return [_tally(name or None, group) for name, group in sorted(by_worker.items())]


def _months(cases: list[CaseStatus], today: dt.date, count: int = 24) -> list[Month]:
    """Discussions per month over the last ``count`` months, against the cadence of the cases open then."""
    from genogram.cadence import end_of_month

    months: list[Month] = []
    for back in range(count - 1, -1, -1):
        first = end_of_month(today.year, today.month - back - 1) + dt.timedelta(days=1)
        last = end_of_month(first.year, first.month)
        held = 0
        required = 0.0
        for case in cases:
            held += sum(1 for d in case.held if first <= d <= last)
            start = case.opened or (case.held[0] if case.held else None)
            end = case.closed or (case.last_discussed if case.status == "closed" else None)
            if start is not None and start <= last and (end is None or end >= first):
                required += per_month(Frequency(case.frequency))
        months.append(Month(f"{first.year:04d}-{first.month:02d}", held, round(required, 1)))
    return months


def redact(caseload: Caseload) -> Caseload:
    """Case ids and roles only: no names, no workers' names, no file paths (paths often carry surnames)."""
    workers = sorted({c.worker for c in caseload.cases if c.worker})
    alias = {name: f"Worker {n:02d}" for n, name in enumerate(workers, 1)}
    cases = [replace(c, name=None, worker=alias.get(c.worker or ""), file=None, latest_session=None, pack=None) for c in caseload.cases]
    tallies = [replace(t, worker=alias.get(t.worker or "")) for t in caseload.workers]
    tallies.sort(key=lambda t: t.worker or "")
    problems = [Problem(Location(f"file {n}", p.location.line, p.location.column), p.message, p.hint, p.code) for n, p in enumerate(caseload.problems, 1)]
    return replace(caseload, cases=cases, workers=tallies, problems=problems, redacted=True)
