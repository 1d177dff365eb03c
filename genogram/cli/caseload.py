"""`genogram caseload`: which cases are due a discussion, overdue or late, across a team."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click

from genogram.errors import GenogramError, Location

FORMATS = ("table", "json", "csv", "html")


def _day(ctx: click.Context, param: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter("write the date as YYYY-MM-DD") from None


@click.command()
@click.argument("folders", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--today", callback=_day, metavar="YYYY-MM-DD", help="The day to count from (default: today).")
@click.option("--policy", metavar="NAME", help="Policy for every case: default, hull, islington, oxfordshire, tower-hamlets, early-help (default: from each case's sessions, else .genogram.toml).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), help="table (default), json, csv or html; -o with a .json, .csv or .html name chooses it too.")
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), help="Write to this file instead of the terminal.")
@click.option("--redact", is_flag=True, help="Case ids and roles only: no names, no workers' names, no file paths.")
@click.option("--due-within", type=click.IntRange(0, 365), default=7, show_default=True, help="Days ahead in which a discussion counts as due.")
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=0, help="Processes for many files (0: automatic).")
@click.option("--force", is_flag=True, help="Replace an existing output file that genogram did not write.")
def caseload(folders: tuple[Path, ...], today: date | None, policy: str | None, fmt: str | None, output: Path | None, redact: bool, due_within: int, jobs: int, force: bool) -> None:
    """Report every case in a team's FOLDERS: last discussion, next due, overdue, late records.

    Each case is a family file (with an optional `case:` block: id, status,
    opened, closed, worker, frequency) and the session files that name it.
    Exit code 0 when nothing is overdue, 1 when a case is overdue, 2 when a
    file could not be read (every such file is listed; the rest is counted).
    """
    from genogram import api
    from genogram.caseload import report

    kind = _format(fmt, output)
    result = api.build_caseload(list(folders), today=today, policy=policy, due_within=due_within, jobs=jobs, redact=redact)
    for problem in result.problems:
        click.echo(problem.render(), err=True)
    if kind == "table" and output is None:
        _print_table(result)
    else:
        text = _render(result, kind, output)
        if output is None:
            click.echo(text, nl=False)
        else:
            from genogram.cli.common import write

            write(output, text, force, inputs=())
    click.echo(report.summary(result), err=True)
    if result.problems:
        sys.exit(2)
    if result.overdue:
        sys.exit(1)


def _format(fmt: str | None, output: Path | None) -> str:
    if fmt:
        return fmt
    if output is None:
        return "table"
    suffix = output.suffix.lower().lstrip(".")
    if suffix in ("json", "csv", "html"):
        return suffix
    raise GenogramError.single(Location(str(output)), "has a file type the caseload cannot be written as", "use .html, .json or .csv, or give --format", code="output")


def _render(result: object, kind: str, output: Path | None) -> str:
    from genogram.caseload import report
    from genogram.caseload.assess import Caseload

    assert isinstance(result, Caseload)
    if kind == "json":
        return report.as_json(result)
    if kind == "csv":
        return report.as_csv(result)
    if kind == "html":
        from genogram.caseload.html import render_html

        return render_html(result, output.parent if output is not None else Path.cwd())
    return report.text_table(result) + report.text_tallies(result)


def _print_table(result: object) -> None:
    from genogram.caseload import report
    from genogram.caseload.assess import Caseload

    assert isinstance(result, Caseload)
    tty = sys.stdout.isatty()
    click.echo(report.text_table(result, style=tty) + report.text_tallies(result, style=tty), nl=False)
