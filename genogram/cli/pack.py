"""`genogram pack`: the session pack for a reflective discussion."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import click

from genogram.cli.common import force_option, output_format, output_option, paper_name, write, write_drawing


@click.command()
@click.argument("session_file", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@output_option("SESSION.pdf beside it; .html for the HTML pack; .md or .txt for the case-note entry")
@click.option("--format", "fmt", type=click.Choice(["pdf", "html", "md", "txt"]), help="Output format when -o has no suffix (md, txt: the case-note entry).")
@click.option("--redact/--no-redact", default=None, help="Show only roles, ages and text written for the group (group supervision packs are redacted unless the session says otherwise).")
@click.option("--redaction-report", "report", type=click.Path(path_type=Path, dir_okay=False), help="Also write, for the author only, every field the redacted pack dropped or mapped.")
@click.option("--allow-outside", is_flag=True, help="Allow `family:` and `previous:` to name files outside the session's folder.")
@click.option("--policy", help="Policy profile for prompts and checks (overrides the session's).")
@click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]), help="Judge overdue items at this date (default: the session's date).")
@click.option("--paper", type=click.Choice(["A4", "A3", "A2", "letter"], case_sensitive=False), default="A4", show_default=True, help="Sheet size for the diagrams in the PDF.")
@click.option("--min-text", type=click.FloatRange(4, 24), default=8.0, show_default=True, help="Smallest text size on paper, in points: a diagram that would print smaller is focused or tiled.")
@force_option
def pack(
    session_file: Path,
    output: Path | None,
    fmt: str | None,
    redact: bool | None,
    report: Path | None,
    allow_outside: bool,
    policy: str | None,
    today: datetime | None,
    paper: str,
    min_text: float,
    force: bool,
) -> None:
    """Make the session pack for SESSION_FILE: genogram, ecomap, what is
    missing, checks, framework, hypotheses, plan and the policy's prompts.

    \b
        genogram pack samples/carter-2026-11.session.yaml -o pack.pdf
        genogram pack samples/carter-2026-11.session.yaml -o pack.html --redact --redaction-report report.txt
        genogram pack samples/carter-2026-11.session.yaml -o note.md

    A .md or .txt output is the case-note entry to paste into the child's
    record (not redacted unless --redact is given: it is the child's own file).
    """
    from genogram import api

    kind = output_format(output, fmt, api.PACK_FORMATS, default="pdf")
    day: date | None = today.date() if isinstance(today, datetime) else None
    built = api.build_pack(
        session_file, kind, redact=redact, policy=policy, today=day, paper=paper_name(paper), min_text=min_text, allow_outside=allow_outside  # type: ignore[arg-type]
    )
    target = output if output is not None else session_file.with_name(built.default_name)
    if report is not None:
        from genogram.errors import GenogramError, Location

        if not built.redacted:
            raise GenogramError.single(Location(str(report)), "is a redaction report, but this pack is not redacted", "add --redact, or leave out --redaction-report", code="output")
        if report.resolve() == target.resolve():
            raise GenogramError.single(Location(str(report)), "is also the pack's output; the report must never travel with the pack", "give the report its own file name", code="output")
    write_drawing(target, built.drawing, force, built.inputs)
    if report is not None:
        write(report, built.redaction_report, force, (*built.inputs, target))
