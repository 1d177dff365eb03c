"""Read a team's folder tree into small records: one per family file, one per session.

A team holds thousands of files (two years of fortnightly sessions for a few
hundred cases), so each file is read once, in a process pool when there are
many, and only what the caseload needs travels back: dates, statuses and
counts, never the text of the discussion. A file that cannot be read becomes
located problems and the rest is still counted.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

from genogram.caseload.settings import TeamSettings, team_settings
from genogram.errors import GenogramError, Location, Problem

#: Below this many files a process pool costs more than it saves.
PARALLEL_FROM = 200


class SessionRecord(NamedTuple):
    """What the caseload needs from one session file (a named tuple: ten thousand of them cross
    from the worker processes, and a tuple pickles ten times faster than a frozen dataclass)."""

    file: str
    path: str
    family: str
    family_at: tuple[int, int]  # line and column of `family:`
    previous: str | None
    previous_at: tuple[int, int] | None
    held: dt.date
    version: int
    recorded_on: dt.date | None
    significant: bool
    nation: str | None
    policy: str | None
    plan_type: str | None
    plan_start: dt.date | None
    pre_proceedings: str | None
    fgc_status: str | None
    fgc_date: dt.date | None
    child_seen: dt.date | None
    frequency: str | None
    open_actions_by: tuple[dt.date, ...]
    has_outcomes: bool


class FamilyRecord(NamedTuple):
    """What the caseload needs from one family file, with its lint tally."""

    file: str
    path: str
    case_id: str | None
    status: str
    opened: dt.date | None
    closed: dt.date | None
    worker: str | None
    frequency: str | None
    name: str
    open_gaps_due: tuple[dt.date, ...]
    policy: str
    lint_errors: int
    lint_warnings: int


@dataclass(slots=True)
class TeamFiles:
    """Everything read from a team's folders."""

    families: list[FamilyRecord] = field(default_factory=list)
    sessions: list[SessionRecord] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    relative: dict[str, str] = field(default_factory=dict)  # resolved path -> path inside the folder named
    settings: dict[str, TeamSettings] = field(default_factory=dict)  # resolved path -> its folder's settings


def day(value: Any, latest: bool = False) -> dt.date | None:
    """A calendar day from a model date (full or partial); a partial one reads as its middle, or its end."""
    if value is None or isinstance(value, dt.date):
        return value
    return value.latest() if latest else value.midpoint()


def collect(paths: list[Path]) -> tuple[list[tuple[Path, str]], list[Problem]]:
    """Every *.yaml / *.yml under the folders named (hidden folders such as .git skipped), with its path inside the folder."""
    import os

    found: list[tuple[Path, str]] = []
    problems: list[Problem] = []
    for root in paths:
        if root.is_dir():
            inside: list[tuple[str, ...]] = []
            for folder, dirs, names in os.walk(root):
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                base = Path(folder).relative_to(root).parts
                inside += [(*base, n) for n in names if n.lower().endswith((".yaml", ".yml")) and not n.startswith(".")]
            found += [(root.joinpath(*parts), "/".join(parts)) for parts in sorted(inside)]
        elif root.is_file():
            found.append((root, root.name))
        else:
            problems.append(Problem(Location(str(root)), "does not exist", "check the folder name", "not-found"))
    return found, problems


Read = tuple[SessionRecord | FamilyRecord | None, list[Problem]]


def read_file(path: str, resolved: str, policy: str, today: dt.date) -> Read:
    """One file as a record, and the problems found reading it (never raises for bad input).

    ``resolved`` is the file's absolute path (its folder resolved once by the
    caller: resolving each of ten thousand paths costs more than reading
    them). Paths a session names are joined to it without touching the
    disk; whether they exist is decided once everything is read.
    """
    from genogram.io.strict_yaml import load_file

    try:
        document = load_file(path)
        data = document.data
        if isinstance(data, dict) and "family" in data and "people" not in data:
            return _session_record(document, resolved), []
        return _family_record(document, resolved, policy, today), []
    except GenogramError as error:
        return None, error.problems
    except OSError as error:
        return None, [Problem(Location(path), f"cannot be read ({error.strerror or type(error).__name__})", "check the file's permissions", "unreadable")]


def _session_record(document: Any, resolved: str) -> SessionRecord:
    import os.path

    from genogram.pack.session import session_from_document

    session = session_from_document(document)
    folder = os.path.dirname(resolved)
    held = day(session.date)
    assert held is not None  # a required field
    plan, fgc = session.plan, session.fgc
    return SessionRecord(
        file=document.file,
        path=resolved,
        family=os.path.normpath(os.path.join(folder, session.family)),
        family_at=_line_column(document, "family"),
        previous=os.path.normpath(os.path.join(folder, session.previous)) if session.previous else None,
        previous_at=_line_column(document, "previous") if session.previous else None,
        held=held,
        version=session.session,
        recorded_on=day(session.recorded_on, latest=True),
        significant=any(d.significant for d in session.decisions),
        nation=_word(session.nation),
        policy=session.policy if "policy" in session.model_fields_set else None,
        plan_type=_word(plan.type) if plan else None,
        plan_start=day(plan.start) if plan else None,
        pre_proceedings=_word(plan.pre_proceedings) if plan else None,
        fgc_status=_word(fgc.status) if fgc else None,
        fgc_date=day(fgc.date) if fgc else None,
        child_seen=day(session.child_seen, latest=True),
        frequency=_word(session.frequency),
        open_actions_by=tuple(d for a in session.actions if _word(a.status) == "open" and (d := day(a.by, latest=True)) is not None),
        has_outcomes=any(h.outcome for h in session.hypotheses) or any(_word(a.status) in ("done", "dropped") or a.reason for a in session.actions),
    )


def _line_column(document: Any, key: str) -> tuple[int, int]:
    where = document.locate((key,))
    return where.line, where.column


def _word(value: Any) -> str | None:
    """An enum member's value as written in files (whatever enum class holds it)."""
    return None if value is None else str(getattr(value, "value", value))


def _family_record(document: Any, resolved: str, policy: str, today: dt.date) -> FamilyRecord:
    from genogram.io.family import family_from_document

    loaded = family_from_document(document, check=False)
    family = loaded.family
    case = family.case
    errors, warnings = lint_tally(loaded, policy, today)
    index = family.person_by_id.get(family.index) if family.index else None
    name = (index.name if index is not None and index.name else None) or family.title or Path(document.file).stem
    return FamilyRecord(
        file=document.file,
        path=resolved,
        case_id=case.id if case else None,
        status=_word(case.status) or "open" if case else "open",
        opened=day(case.opened) if case else None,
        closed=day(case.closed, latest=True) if case else None,
        worker=case.worker if case else None,
        frequency=_word(case.frequency) if case else None,
        name=name,
        open_gaps_due=tuple(d for g in family.missing if _word(g.status) == "open" and (d := day(g.due, latest=True)) is not None),
        policy=policy,
        lint_errors=errors,
        lint_warnings=warnings,
    )


@cache
def _config(policy: str, today: dt.date) -> Any:
    from genogram.lint.engine import Config

    return Config.build(policy, today=today)


def lint_tally(loaded: Any, policy: str, today: dt.date) -> tuple[int, int]:
    """Errors, and warnings not explained by the register, under the case's policy."""
    from genogram.lint.engine import lint_loaded

    findings = lint_loaded(loaded, _config(policy, today))
    errors = sum(1 for f in findings if f.severity == "error" and not f.explained)
    warnings = sum(1 for f in findings if f.severity == "warning" and not f.explained)
    return errors, warnings


def relint(path: str, policy: str, today: dt.date) -> tuple[int, int] | list[Problem]:
    """Lint tally of a family file again, under another policy (a session named one)."""
    from genogram.io.family import load_family

    try:
        return lint_tally(load_family(path, check=False), policy, today)
    except GenogramError as error:
        return error.problems


def fallback_id(relative: str) -> str:
    """A stable case id for a family file that gives none: from its path, which must not be shown when redacted."""
    return "case-" + hashlib.sha256(relative.encode("utf-8")).hexdigest()[:8]


def read_team(paths: list[Path], policy: str | None, today: dt.date, jobs: int = 0) -> TeamFiles:
    """Read every file under ``paths``; each family is linted under the policy its folder sets."""
    import os.path

    found, problems = collect(paths)
    team = TeamFiles(problems=problems)
    settings_cache: dict[Path, TeamSettings] = {}
    folders: dict[Path, str] = {}
    tasks: list[tuple[str, str, str]] = []
    for path, relative in found:
        try:
            settings = team_settings(path.parent, settings_cache)
        except GenogramError as error:
            team.problems += error.problems
            continue
        if path.parent not in folders:
            folders[path.parent] = str(path.parent.resolve())
        resolved = os.path.join(folders[path.parent], path.name)
        if resolved in team.settings:  # named twice (`team/ team/ann/`): counted once
            continue
        tasks.append((str(path), resolved, policy or settings.policy or "default"))
        team.settings[resolved] = settings
        team.relative[resolved] = relative
    for record, found_problems in _read_all(tasks, today, jobs):
        team.problems += found_problems
        if isinstance(record, SessionRecord):
            team.sessions.append(record)
        elif record is not None:
            team.families.append(record)
    return team


def _read_all(tasks: list[tuple[str, str, str]], today: dt.date, jobs: int) -> list[Read]:
    """Every file read, in order; the first family and session files here, the rest in the pool.

    Reading one of each kind first imports, in this process, everything the
    workers need (the models, whose validators pydantic builds at import,
    and the modules lint rules load as they run); forked workers then share
    it instead of each importing it again (0.12 s a worker for the session
    model alone).
    """
    is_session = [t[0].endswith((".session.yaml", ".session.yml")) for t in tasks]
    warm = sorted({is_session.index(kind) for kind in (True, False) if kind in is_session})
    done = {i: read_file(*tasks[i], today) for i in warm}
    rest = iter(_map(read_file, [t for i, t in enumerate(tasks) if i not in done], today, jobs))
    return [done[i] if i in done else next(rest) for i in range(len(tasks))]


def _map(function: Any, tasks: Sequence[tuple[str, ...]], today: dt.date, jobs: int) -> list[Any]:
    """``function(*task, today)`` over the tasks, in input order; a process pool when there are many."""
    import os

    workers = jobs or min(os.cpu_count() or 1, 8)
    if workers > 1 and len(tasks) >= (PARALLEL_FROM if not jobs else 2):
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        # Forked workers share what this process imported; where there is no fork (Windows), they start afresh.
        context = multiprocessing.get_context("fork") if "fork" in multiprocessing.get_all_start_methods() else None
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            chunk = max(1, len(tasks) // (workers * 8))
            return list(pool.map(function, *zip(*tasks), [today] * len(tasks), chunksize=chunk))
    return [function(*task, today) for task in tasks]


def relint_all(tasks: list[tuple[str, str]], today: dt.date, jobs: int) -> list[tuple[int, int] | list[Problem]]:
    """Lint tallies for families whose case policy differs from their folder's."""
    return _map(relint, tasks, today, jobs)
