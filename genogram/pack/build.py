"""Assemble a pack from a session file: load, (redact), lint, draw, and fill the content.

Redaction happens on the model, before anything is drawn or written: a new
family and a new session are built from the allow-list in
:mod:`genogram.redact` and :mod:`genogram.pack.shared`, so the diagrams,
tables, document metadata and file names all come from data that never held
a name. Text written for the group is checked first, and any identifying
detail in it refuses the pack with its place.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from genogram.io.family import LoadedFamily
from genogram.model import Family
from genogram.pack.content import PackContent, build_content
from genogram.pack.inputs import SessionInputs, load_inputs
from genogram.pack.session import Session

if TYPE_CHECKING:
    from genogram.redact import ReportEntry

REPORT_HEADER = '# Redaction report: what the redacted pack left out or showed instead. Keep it with the case, never with the pack. generator="genogram"\n'


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
    findings = _lint(inputs.family, session, today)
    if redacted:
        return _redacted_pack(inputs, session, findings)
    earlier = inputs.previous[0] if inputs.previous else None
    previous = (earlier.session, earlier.family.family) if earlier else None
    content = build_content(session, inputs.family.family, findings=findings, previous=previous)
    content.group_summary = session.group_summary
    _draw(content, inputs.family.family)
    return AssembledPack(content, inputs.paths)


def _redacted_pack(inputs: SessionInputs, session: Session, findings: list[dict[str, Any]]) -> AssembledPack:
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
    content = build_content(shared_session, redaction.family, findings=safe_findings, previous=previous, redacted=True)
    content.group_summary = session.group_summary
    _dates_as_intervals(content, session.date.midpoint())
    _draw(content, without_due_dates(redaction.family))
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


def _lint(loaded: LoadedFamily, session: Session, today: date | None) -> list[dict[str, Any]]:
    from genogram.lint.engine import PROFILES, Config, lint_loaded

    # A pack-only policy (prompts without a lint profile) is checked with the default rules.
    policy = session.policy if session.policy in PROFILES else "default"
    config = Config.build(policy=policy, today=today or session.date.midpoint())
    return [f.as_dict() for f in lint_loaded(loaded, config)]


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
    """Dates in the plan, the register and last time's actions become intervals from the session."""
    for row in [*content.actions, *content.register, *((content.changes or {}).get("actions") or [])]:
        for key in ("by", "due"):
            if row.get(key):
                row[key] = interval(row[key], session_day)
    if content.changes:
        content.changes["since"] = interval(content.changes["since"], session_day).replace(" before", " earlier")


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


def _draw(content: PackContent, family: Family) -> None:
    from genogram import api

    content.genogram_svg = api.genogram_svg(family)
    content.ecomap_svg = api.ecomap_svg(family) if family.connections else ""
    content.timeline_svg = api.timeline_svg(family) if family.households else ""
