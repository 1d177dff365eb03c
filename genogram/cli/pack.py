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
@click.option("--redact/--no-redact", default=None, help="Replace names with roles (group supervision packs are redacted unless the session says otherwise).")
@click.option("--policy", help="Policy profile for prompts and checks (overrides the session's).")
@click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]), help="Judge overdue items at this date (default: the session's date).")
@click.option("--paper", type=click.Choice(["A4", "A3", "A2", "letter"], case_sensitive=False), default="A4", show_default=True, help="Sheet size for the diagrams in the PDF.")
@click.option("--min-text", type=click.FloatRange(4, 24), default=8.0, show_default=True, help="Smallest text size on paper, in points: a diagram that would print smaller is tiled.")
@force_option
def pack(
    session_file: Path, output: Path | None, fmt: str | None, redact: bool | None, policy: str | None, today: datetime | None, paper: str, min_text: float, force: bool
) -> None:
    """Make the session pack for SESSION_FILE: genogram, ecomap, what is
    missing, checks, framework, hypotheses, plan and the policy's prompts.

    \b
        genogram pack samples/carter-2026-11.session.yaml -o pack.pdf
        genogram pack samples/carter-2026-11.session.yaml -o pack.html
    """
    from genogram.errors import GenogramError, Location
    from genogram.pack.build import make_pack

    kind = fmt or (output.suffix.lower().lstrip(".") if output is not None and output.suffix else "pdf")
    if kind not in ("pdf", "html"):
        raise GenogramError.single(Location(str(output)), "has a file type the pack cannot be written as", "use .pdf or .html", code="output")
    day: date | None = today.date() if isinstance(today, datetime) else None
    content = make_pack(session_file, redact=redact, policy=policy, today=day)
    if output is None:
        stem = session_file.name.removesuffix(".yaml").removesuffix(".session")
        if content.redacted:
            stem = f"pack-{content.session['date']}-redacted"
        output = session_file.with_name(f"{stem}.{kind}")
    if kind == "html":
        from genogram.pack.html import render_html

        data: bytes | str = render_html(content)
    else:
        from genogram.pack.pdf import render_pdf_on_paper
        from genogram.render.paper import PAPERS

        data, said = render_pdf_on_paper(content, next(p for p in PAPERS if p.lower() == paper.lower()), min_text)
        for line in said:
            click.echo(f"genogram: {line}", err=True)
    write(output, data, force, inputs=(session_file,))
