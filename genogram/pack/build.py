"""Assemble a pack from a session file: load, (redact), lint, draw, and fill the content.

Redaction happens on the model, before anything is drawn or written: a new
family and a new session are built from the allow-list in
:mod:`genogram.redact` and :mod:`genogram.pack.shared`, so the diagrams,
tables, document metadata and file names all come from data that never held
a name. Text written for the group is checked first, and any identifying
detail in it refuses the pack with its place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from genogram.io.family import LoadedFamily
from genogram.model import Family
from genogram.pack.content import History, PackContent, build_content
from genogram.pack.inputs import SessionInputs, load_inputs
from genogram.pack.session import Session
from genogram.workdays import Nation, parse_nation

if TYPE_CHECKING:
    from genogram.api import GenogramOptions
    from genogram.redact import ReportEntry

REPORT_HEADER = '# Redaction report: what the redacted pack left out or showed instead. Keep it with the case, never with the pack. generator="genogram"\n'
#: How far back the Signs of Safety and goal scales are followed through `previous:`.
HISTORY_DEPTH = 12


@dataclass(slots=True)
class AssembledPack:
    """A pack's content, every file it read (never to be written over), and its redaction report."""

    content: PackContent
    inputs: tuple[Path, ...]
    report: list[str] = field(default_factory=list)

    def report_text(self) -> str:
        return REPORT_HEADER + "".join(f"{line}\n" for line in self.report)


def assemble_pack(
    session_file: Path, *, redact: bool | None = None, policy: str | None = None, today: date | None = None, allow_outside: bool = False
) -> AssembledPack:
    """The pack of ``session_file`` with its inputs and, when redacted, its redaction report."""
    inputs = load_inputs(session_file, allow_outside=allow_outside)
    session = inputs.session.model_copy(update={"policy": policy}) if policy else inputs.session
    redacted = session.redacted_by_default if redact is None else redact
    findings = _lint(inputs.family, session, today) + _session_findings(session_file, inputs.document, policy, today or session.held)
    settings = _Settings(today, pack_nation(session_file, session), History.of([p.session for p in inputs.previous[:HISTORY_DEPTH]][::-1]))
    if redacted:
        return _redacted_pack(inputs, session, findings, settings)
    earlier = inputs.previous[0] if inputs.previous else None
    previous = (earlier.session, earlier.family.family) if earlier else None
    content = build_content(
        session, inputs.family.family, findings=findings, previous=previous, today=today, nation=settings.nation, history=settings.history
    )
    content.group_summary = session.group_summary
    _draw(content, inputs.family.family)
    return AssembledPack(content, inputs.paths)


@dataclass(frozen=True, slots=True)
class _Settings:
    """What the pack is judged against: the day for overdue marks, whose bank holidays, earlier sessions' scales."""

    today: date | None
    nation: Nation
    history: History


def _redacted_pack(inputs: SessionInputs, session: Session, findings: list[dict[str, Any]], settings: _Settings) -> AssembledPack:
    from genogram.detect import detector_for
    from genogram.pack.shared import SessionRedactor, check_shared, refuse_if
    from genogram.redact import neutral_ids, redact_family, without_due_dates

    family = inputs.family.family
    detector = detector_for([family, *(p.family.family for p in inputs.previous)])
    earlier = inputs.previous[0] if inputs.previous else None
    problems = check_shared(session, inputs.document, family, detector)
    if earlier is not None:
        problems += check_shared(earlier.session, earlier.document, earlier.family.family, detector)
    refuse_if(problems)

    ids = neutral_ids(family, *([earlier.family.family] if earlier else []))
    redaction = redact_family(family, ids=ids, shared=session.shared)
    redactor = SessionRedactor(detector)
    report = _located(inputs.family, redaction.report)
    previous = None
    if earlier is not None:
        old = redact_family(earlier.family.family, ids=ids, shared=earlier.session.shared)
        previous = (redactor.redact(earlier.session, earlier.document, earlier.family.family), old.family)
        report += _located(earlier.family, old.report)
    shared_session = redactor.redact(session, inputs.document, family)
    for document, entry in redactor.report:
        report.append(_line(document.locate(entry.path), entry))
    safe_findings = [_redacted_finding(f, ids, redaction.family) for f in findings]
    history = _redacted_history(settings.history, redactor.goal_ids, session.held)
    content = build_content(
        shared_session, redaction.family, findings=safe_findings, previous=previous, redacted=True, today=settings.today, nation=settings.nation, history=history
    )
    content.group_summary = session.group_summary
    _dates_as_intervals(content, session.held)
    # The timeline is laid out from the real dates (the redacted family's are cut to years) and said in allowed words.
    _draw(content, without_due_dates(redaction.family), timeline=(family, ids))
    return AssembledPack(content, inputs.paths, sorted(set(report), key=_report_order))


def _located(loaded: LoadedFamily, entries: list[ReportEntry]) -> list[str]:
    return [_line(loaded.locate(*entry.path), entry) for entry in entries]


def _line(location: Any, entry: ReportEntry) -> str:
    path = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in entry.path).lstrip(".")
    shown = (f" -> {entry.shown}" if entry.action == "mapped" else f" ({entry.shown})") if entry.shown else ""
    return f"{location}: {path}: {entry.action}{shown}"


def _report_order(line: str) -> tuple[str, int, int, str]:
    place, _, rest = line.partition(": ")
    file, _, numbers = place.rpartition(":")
    file, _, line_number = file.rpartition(":")
    try:
        return (file, int(line_number), int(numbers), rest)
    except ValueError:
        return (place, 0, 0, rest)


def pack_nation(session_file: Path, session: Session) -> Nation:
    """Whose bank holidays count: the session's, the team config's (.genogram.toml), the profile's, else England and Wales."""
    from genogram.lint.engine import PROFILES, find_settings, load_profile

    if session.nation is not None:
        return session.nation
    team = find_settings(session_file).get("nation")
    if team:
        try:
            return parse_nation(str(team))
        except ValueError as exc:
            from genogram.errors import GenogramError, Location

            raise GenogramError.single(Location(".genogram.toml"), str(exc).split(":")[0], "fix `nation` in .genogram.toml", code="config") from None
    profile = load_profile(session.policy) if session.policy in PROFILES else None
    return Nation(profile.nation) if profile is not None and profile.nation else Nation.ENGLAND_AND_WALES


def _lint(loaded: LoadedFamily, session: Session, today: date | None) -> list[dict[str, Any]]:
    from genogram.lint.engine import PROFILES, Config, lint_loaded

    # A pack-only policy (prompts without a lint profile) is checked with the default rules.
    policy = session.policy if session.policy in PROFILES else "default"
    config = Config.build(policy=policy, today=today or session.held)
    return [f.as_dict() for f in lint_loaded(loaded, config)]


def _session_findings(session_file: Path, document: Any, policy: str | None, today: date) -> list[dict[str, Any]]:
    """The session rules' findings on the record itself (SES codes), shown with the family's checks."""
    from genogram.lint.engine import PROFILES, Config, find_settings
    from genogram.lint.session_lint import lint_session_document

    nation = find_settings(session_file).get("nation")
    given = policy is not None and policy in PROFILES
    config = Config.build(policy if given and policy else "default", today=today, nation=str(nation) if nation else None, policy_given=given)
    return [f.as_dict() for f in lint_session_document(document, config)]


def _redacted_finding(finding: dict[str, Any], ids: dict[str, str], family: Family) -> dict[str, Any]:
    """A finding told only by its rule's own words and the role it concerns (its message names ids)."""
    from genogram.lint.rule import find_rule

    rule = find_rule(finding["code"])
    summary = rule.summary() if rule is not None else finding["code"]
    subject = ids.get(finding.get("subject") or "")
    person = family.person_by_id.get(subject or "")
    about = f" ({person.name})" if person is not None and person.name else ""
    return {**finding, "message": f"{summary}{about}", "hint": "", "subject": None, "file": "", "line": 0, "column": 0}


def _dates_as_intervals(content: PackContent, session_day: date) -> None:
    """Dates in the plan, the register, last time's actions, the record and the case become intervals from the session.

    The session's own date stays: the pack is named by it.
    """
    case = content.case
    rows = [*content.actions, *content.register, *((content.changes or {}).get("actions") or [])]
    for row, keys in [
        *((row, ("by", "due")) for row in rows),
        (content.session, ("recorded_on", "approved_on")),
        (case, ("child_seen",)),
        (case.get("plan") or {}, ("start", "reviewed")),
        (case.get("fgc") or {}, ("date",)),
    ]:
        for key in keys:
            if row.get(key):
                row[key] = interval(row[key], session_day)
    if content.changes:
        content.changes["since"] = interval(content.changes["since"], session_day).replace(" before", " earlier")
    for prompt in content.prompts:  # answers drawn from the plan ("Practice manager: ... (by 2026-12-05)")
        if prompt.get("answer"):
            prompt["answer"] = _ISO_DATE.sub(lambda m: ("due " if m.group(1) else "") + interval(m.group(2), session_day), prompt["answer"])


#: A date as the pack writes it from a structured field (shared text cannot hold one: it is checked for dates).
_ISO_DATE = re.compile(r"\b(by )?(\d{4}-\d{2}-\d{2})\b")


def _redacted_history(history: History, goal_ids: dict[str, str], session_day: date) -> History:
    """Earlier scales with their sessions' dates as intervals, and goals under their fresh ids."""
    scales = [(interval(day, session_day), scale) for day, scale in history.scales]
    goals = {goal_ids[key]: [(interval(day, session_day), scale) for day, scale in values] for key, values in history.goals.items() if key in goal_ids}
    return History(scales, goals)


def interval(value: str, day: date) -> str:
    """``value`` (a partial date) as a distance from ``day``: "in 9 days", "4 weeks before"."""
    from genogram.dates import PartialDate

    when = PartialDate.parse(value)
    days = (when.midpoint() - day).days
    about = "about " if when.approx or when.day is None else ""
    size = abs(days)
    if size == 0:
        return "the day of the session"
    if size < 14:
        amount = f"{size} day{'s' if size != 1 else ''}"
    elif size < 70:
        amount = f"{round(size / 7)} weeks"
    else:
        amount = f"{round(size / 30.44)} months"
    return f"{about}in {amount}" if days > 0 else f"{about}{amount} before"


def _draw(content: PackContent, family: Family, timeline: tuple[Family, dict[str, str]] | None = None) -> None:
    """Every diagram of the pack; ``timeline``: the real family and fresh ids, for a redacted pack's timeline."""
    from genogram import api

    # A redacted genogram shows no dates (union and household years are kept only to tell what is current).
    options = api.GenogramOptions(dates=False) if content.redacted else None
    content.genogram_svg = api.genogram_svg(family, options)
    content.genogram_description = _description(family)
    content.genogram_focus_svg = _focus_svg(family, options)
    content.ecomap_svg = api.ecomap_svg(family) if family.connections else ""
    content.timeline_svg = _timeline(*timeline) if timeline is not None else _timeline(family)


def _timeline(family: Family, ids: dict[str, str] | None = None) -> str:
    """The placement timeline; with ``ids`` (the redacted genogram's fresh ids), redacted."""
    from genogram import api

    return api.timeline_svg(family, redact=ids is not None, ids=ids) if family.households else ""


def _focus_svg(family: Family, options: GenogramOptions | None = None) -> str:
    """The index child's three generations, drawn only for the PDF's paper rules (genogram.render.focus)."""
    from genogram import api
    from genogram.render.focus import focus_family

    focus = focus_family(family, "see next sheets")
    return api.genogram_svg(focus, options) if focus is not None else ""


def _description(family: Family) -> str:
    from genogram.describe import describe_family

    return describe_family(family)
