"""The caseload as JSON, CSV (for the council's own reporting) and a terminal table."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, fields
from typing import Any

from genogram.caseload.assess import Caseload, CaseStatus, Tally

#: Case fields in reports, in order (``held`` is the chart's raw data, not a column).
CASE_FIELDS = [f.name for f in fields(CaseStatus) if f.name != "held"]
TALLY_FIELDS = [f.name for f in fields(Tally)]


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def case_row(case: CaseStatus) -> dict[str, Any]:
    return {name: _plain(getattr(case, name)) for name in CASE_FIELDS}


def as_json(caseload: Caseload) -> str:
    import json

    document = {
        "today": caseload.today.isoformat(),
        "due_within": caseload.due_within,
        "redacted": caseload.redacted,
        "team": asdict(caseload.team),
        "workers": [asdict(t) for t in caseload.workers],
        "cases": [case_row(c) for c in caseload.cases],
        "months": [asdict(m) for m in caseload.months],
        "unreadable": [p.as_dict() for p in caseload.problems],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def as_csv(caseload: Caseload) -> str:
    """One row per case, most overdue first; values as in the JSON."""
    import csv
    import io

    out = io.StringIO()
    writer = csv.DictWriter(out, CASE_FIELDS, lineterminator="\n")
    writer.writeheader()
    for case in caseload.cases:
        row = case_row(case)
        writer.writerow({k: _csv_cell(v) for k, v in row.items()})
    return out.getvalue()


def _csv_cell(value: Any) -> Any:
    """Booleans as yes/no; text that a spreadsheet would run as a formula is quoted with a leading apostrophe."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return "" if value is None else value


def overdue_text(case: CaseStatus) -> str:
    """How overdue, in words a manager reads at a glance."""
    if case.state == "overdue":
        days = case.overdue_days
        return f"{days} day{'s' if days != 1 else ''}" if days < 14 else f"{days // 7} weeks"
    return {"due": "due soon", "ok": "", "closed": "closed"}[case.state]


#: Terminal table columns: header and widest width (longer cells end in "…").
COLUMNS = (("case", 34), ("worker", 20), ("last", 10), ("due", 10), ("overdue", 9), ("records", 20), ("actions", 7), ("plan", 32), ("FGC", 14), ("seen", 10), ("lint", 7))
#: Row styles for the terminal, by state.
STYLES = {"overdue": {"fg": "red", "bold": True}, "due": {"fg": "yellow"}, "ok": {}, "closed": {"dim": True}}


def table_rows(caseload: Caseload) -> list[tuple[str, list[str]]]:
    """The terminal table's cells, with each row's state (for its colour), most overdue first."""
    rows = []
    for case in caseload.cases:  # names typed by hand may hold control characters a terminal would obey
        cells = [
            case.id if case.name is None else f"{clean_name(case.name)} ({case.id})",
            clean_name(case.worker) if case.worker else "unallocated",
            _date(case.last_discussed) or "never",
            _date(case.next_due),
            overdue_text(case),
            _records(case),
            str(case.actions_overdue + case.gaps_overdue or ""),
            _plan(case),
            case.fgc_status or "",
            _date(case.child_seen),
            f"{case.lint_errors}E {case.lint_warnings}W" if case.lint_errors or case.lint_warnings else "",
        ]
        rows.append((case.state, cells))
    return rows


def text_table(caseload: Caseload, style: bool = False) -> str:
    """The case table as aligned text (a plain writer: rich takes a second over 400 rows).

    With ``style``, overdue rows are red and bold, due rows yellow, closed
    ones dim (ANSI codes, for a terminal).
    """
    import click

    rows = table_rows(caseload)
    widths = [max([len(h)] + [min(w, len(r[1][i])) for r in rows]) for i, (h, w) in enumerate(COLUMNS)]
    lines = [f"Caseload at {caseload.today.isoformat()}", _line([h for h, _ in COLUMNS], widths), _line(["-" * w for w in widths], widths)]
    for state, cells in rows:
        line = _line(cells, widths)
        lines.append(click.style(line, **STYLES[state]) if style and STYLES[state] else line)  # type: ignore[arg-type]
    return "\n".join(lines) + "\n"


def _line(cells: list[str], widths: list[int]) -> str:
    return "  ".join((c if len(c) <= w else c[: w - 1] + "…").ljust(w) for c, w in zip(cells, widths)).rstrip()


#: Per-worker table columns.
TALLY_COLUMNS = ("worker", "open", "due", "overdue", "late", "never discussed", "no outcomes", "records missing", "closed")


def text_tallies(caseload: Caseload, style: bool = False) -> str:
    """Counts per worker and for the team, as aligned text (the team's row bold with ``style``)."""
    import click

    rows = []
    for t in [*caseload.workers, caseload.team]:
        name = "Team" if t is caseload.team else (clean_name(t.worker) if t.worker else "unallocated")
        rows.append([name, *(str(n) for n in (t.open, t.due, t.overdue, t.late, t.never_discussed, t.without_outcomes, t.records_missing, t.closed))])
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(TALLY_COLUMNS)]

    def line(cells: list[str]) -> str:
        return "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(cells, widths))).rstrip()

    lines = ["", "By worker", line(list(TALLY_COLUMNS)), line(["-" * w for w in widths])]
    lines += [line(r) for r in rows[:-1]]
    lines.append(click.style(line(rows[-1]), bold=True) if style else line(rows[-1]))
    return "\n".join(lines) + "\n"


def clean_name(text: str) -> str:
    """A name or worker as the terminal shows it: control and bidi characters removed."""
    from genogram.text import clean

    return clean(text)


def summary(caseload: Caseload) -> str:
    t = caseload.team
    text = f"{t.open} open cases: {t.overdue} overdue, {t.due} due within {caseload.due_within} days, {t.late} with the latest record late or missing, {t.never_discussed} never discussed"
    if caseload.problems:
        files = len({p.location.file for p in caseload.problems})
        text += f"; {files} file{'s' if files != 1 else ''} could not be read or counted"
    return text


def _date(day: dt.date | None) -> str:
    return day.isoformat() if day else ""


def _records(case: CaseStatus) -> str:
    parts = []
    if case.records_missing:
        parts.append(f"{case.records_missing} missing")
    if case.records_late:
        parts.append(f"{case.records_late} late")
    return ", ".join(parts)


def _plan(case: CaseStatus) -> str:
    if not case.plan_type:
        return ""
    if case.cp_12_months is not None:
        return f"cp, 12 months {'passed' if case.cp_over_12_months else 'on'} {case.cp_12_months.isoformat()}"
    return case.plan_type
