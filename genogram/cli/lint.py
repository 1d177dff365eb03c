"""`genogram lint`: what is missing, unexplained or inconsistent before a discussion."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click

from genogram.errors import GenogramError, Location

if TYPE_CHECKING:
    from genogram.lint.engine import Config, FileResult

SEVERITIES = ("error", "warning", "info")


def _day(ctx: click.Context, param: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter("write the date as YYYY-MM-DD") from None


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json", "sarif"]), default="text", show_default=True, help="Findings for people (text) or tools (json, sarif).")
@click.option("--select", multiple=True, metavar="CODES", help="Only these rules: codes, code prefixes (GEN2) or names; comma-separated or repeated.")
@click.option("--ignore", multiple=True, metavar="CODES", help="Skip these rules (as for --select).")
@click.option("--policy", metavar="NAME", default=None, help="Policy profile: default, hull, islington, oxfordshire, tower-hamlets, early-help (default: from .genogram.toml or pyproject.toml, else default).")
@click.option("--explain", metavar="CODE", help="Explain one rule (code or name) and quote its policy passage.")
@click.option("--list-rules", is_flag=True, help="List every rule and exit.")
@click.option("--today", callback=_day, metavar="YYYY-MM-DD", help="Reference date for due dates and ages (default: the file's as_of, else today).")
@click.option("--fail-on", type=click.Choice(SEVERITIES), default=None, help="Lowest severity that fails the run (default: warning).")
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=0, help="Processes for many files (0: automatic).")
def lint(paths: tuple[Path, ...], fmt: str, select: tuple[str, ...], ignore: tuple[str, ...], policy: str | None, explain: str | None, list_rules: bool, today: date | None, fail_on: str | None, jobs: int) -> None:
    """Lint family files (or folders of *.yaml / *.yml, recursively).

    Findings are `file:line:col: CODE name: message` with a hint. Exit code 0
    when clean, 1 when a finding is at or above --fail-on (explained gaps
    never fail), 2 when a file cannot be read or the options are wrong.
    """
    from genogram import api
    from genogram.lint.engine import Config

    if list_rules or explain:
        from genogram import policy as policies

        config = Config.build(policies.check(policy, Location("--policy"), policies.lint_profiles()) if policy else "default")
        click.echo(_list_rules(config) if list_rules else _explain(str(explain), config), nl=False)
        return
    if not paths:
        raise click.UsageError("name at least one family file or folder")
    outcome = api.lint_paths(list(paths), policy=policy, select=list(select), ignore=list(ignore), today=today, fail_on=fail_on, jobs=jobs)
    _report(outcome.results, fmt)
    if outcome.unreadable:
        sys.exit(2)
    if outcome.failed:
        sys.exit(1)


def _report(results: list[FileResult], fmt: str) -> None:
    from genogram.lint import report

    if fmt == "json":
        click.echo(report.as_json(results), nl=False)
    elif fmt == "sarif":
        click.echo(report.sarif(results), nl=False)
    else:
        click.echo(report.text(results), nl=False)
        if sys.stdout.isatty():
            from rich.console import Console

            tally = report.counts(results)
            style = "bold red" if tally["error"] or tally["unreadable"] else "yellow" if tally["warning"] else "green"
            Console().print(report.summary(results), style=style, highlight=False)
        else:
            click.echo(report.summary(results), err=True)


def _list_rules(config: Config) -> str:
    from genogram.lint.rule import all_rules

    enabled = {r.code for r in config.enabled()}
    rows = []
    for rule in all_rules().values():
        state = str(config.severity(rule)) if rule.code in enabled else "off"
        rows.append(f"{rule.code}  {rule.name:<24} {state:<8} {rule.group:<13} {rule.summary()}")
    return "\n".join(rows) + "\n"


def _explain(word: str, config: Config) -> str:
    from genogram.lint.rule import find_rule

    rule = find_rule(word)
    if rule is None:
        raise GenogramError.single(Location("--explain"), f"names no rule: `{word}`", "see `genogram lint --list-rules`", code="rule")
    enabled = rule in config.enabled()
    profile = config.profile
    lines = [
        f"{rule.code} {rule.name} ({rule.group}; {'severity ' + str(config.severity(rule)) if enabled else 'off'} in the {profile.name} profile)",
        "",
        rule.description(),
        "",
        f"Policy: {rule.policy}",
        f'  "{rule.policy.passage}"',
    ]
    quote = profile.quotes.get(rule.code)
    if quote is not None:
        lines += ["", f"Profile {profile.name} sets it to {'off' if rule.code in profile.disabled else config.severity(rule)} from: {quote}", f'  "{quote.passage}"']
    elif rule.code in profile.quotes:
        lines += ["", f"Profile {profile.name} lowers it: its policy text does not ask for this."]
    elif profile.source is not None and profile.name != "default" and profile.source.passage != rule.policy.passage:
        lines += ["", f"Profile {profile.name}: {profile.source}", f'  "{profile.source.passage}"']
    if rule.explainable:
        lines += ["", "An open `missing:` entry about the person concerned, with steps or a plan, marks a finding as explained (info, never failing)."]
    return "\n".join(lines) + "\n"
