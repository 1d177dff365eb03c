"""`genogram pack`: the session pack for a reflective discussion."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import click

from genogram.cli.common import force_option, write


@click.command()
@click.argument("session_file", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), help="Output file: .pdf or .html (default: SESSION.pdf beside it).")
@click.option("--format", "fmt", type=click.Choice(["pdf", "html"]), help="Output format when -o has no suffix.")
@click.option("--redact/--no-redact", default=None, help="Show only roles, ages and text written for the group (group supervision packs are redacted unless the session says otherwise).")
@click.option("--redaction-report", "report", type=click.Path(path_type=Path, dir_okay=False), help="Also write, for the author only, every field the redacted pack dropped or mapped.")
@click.option("--allow-outside", is_flag=True, help="Allow `family:` and `previous:` to name files outside the session's folder.")
@click.option("--policy", help="Policy profile for prompts and checks (overrides the session's).")
@click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]), help="Judge overdue items at this date (default: the session's date).")
@force_option
def pack(
    session_file: Path, output: Path | None, fmt: str | None, redact: bool | None, report: Path | None, allow_outside: bool, policy: str | None, today: datetime | None, force: bool
) -> None:
    """Make the session pack for SESSION_FILE: genogram, ecomap, what is
    missing, checks, framework, hypotheses, plan and the policy's prompts.

    \b
        genogram pack samples/carter-2026-11.session.yaml -o pack.pdf
        genogram pack samples/carter-2026-11.session.yaml -o pack.html --redact --redaction-report report.txt
    """
    from genogram.errors import GenogramError, Location
    from genogram.pack.build import build_pack

    kind = fmt or (output.suffix.lower().lstrip(".") if output is not None and output.suffix else "pdf")
    if kind not in ("pdf", "html"):
        raise GenogramError.single(Location(str(output)), "has a file type the pack cannot be written as", "use .pdf or .html", code="output")
    day: date | None = today.date() if isinstance(today, datetime) else None
    built = build_pack(session_file, redact=redact, policy=policy, today=day, allow_outside=allow_outside)
    content = built.content
    if report is not None and not content.redacted:
        raise GenogramError.single(Location(str(report)), "is a redaction report, but this pack is not redacted", "add --redact, or leave out --redaction-report", code="output")
    if output is None:
        stem = session_file.name.removesuffix(".yaml").removesuffix(".session")
        if content.redacted:
            stem = f"pack-{content.session['date']}-redacted"
        output = session_file.with_name(f"{stem}.{kind}")
    if report is not None and report.resolve() == output.resolve():
        raise GenogramError.single(Location(str(report)), "is also the pack's output; the report must never travel with the pack", "give the report its own file name", code="output")
    if kind == "html":
        from genogram.pack.html import render_html

        data: bytes | str = render_html(content)
    else:
        from genogram.pack.pdf import render_pdf

        data = render_pdf(content)
    write(output, data, force, inputs=built.inputs)
    if report is not None:
        write(report, built.report_text(), force, inputs=(*built.inputs, output))
