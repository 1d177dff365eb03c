"""`genogram lint`: what is missing, unexplained or inconsistent before a discussion."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from genogram.errors import GenogramError, Location, Problem

if TYPE_CHECKING:
    from genogram.lint.engine import Config, FileResult

PROFILE_NAMES = ("default", "hull", "oxfordshire", "islington", "tower-hamlets")
SEVERITIES = ("error", "warning", "info")
#: Below this many files a process pool costs more than it saves.
PARALLEL_FROM = 200


def _day(ctx: click.Context, param: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter("write the date as YYYY-MM-DD") from None


def _words(values: tuple[str, ...]) -> list[str]:
    return [w.strip() for v in values for w in v.split(",") if w.strip()]


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json", "sarif"]), default="text", show_default=True, help="Findings for people (text) or tools (json, sarif).")
@click.option("--select", multiple=True, metavar="CODES", help="Only these rules: codes, code prefixes (GEN2) or names; comma-separated or repeated.")
@click.option("--ignore", multiple=True, metavar="CODES", help="Skip these rules (as for --select).")
@click.option("--policy", type=click.Choice(PROFILE_NAMES), default=None, help="Policy profile (default: from .genogram.toml or pyproject.toml, else default).")
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
    from genogram.lint.engine import Config, find_settings

    if list_rules:
        click.echo(_list_rules(Config.build(policy or "default")), nl=False)
        return
    if explain:
        click.echo(_explain(explain, Config.build(policy or "default")), nl=False)
        return
    if not paths:
        raise click.UsageError("name at least one family file or folder")

    files, problems = _collect(paths)
    settings_cache: dict[Path, dict[str, Any]] = {}
    configs: dict[tuple[str, tuple[str, ...], tuple[str, ...]], Config] = {}
    jobs_list: list[tuple[Path, Config]] = []
    fail_levels: set[str] = set()
    for path in files:
        settings = find_settings(path, settings_cache)
        key = (policy or str(settings.get("policy", "default")), select or _listing(settings.get("select")), ignore or _listing(settings.get("ignore")))
        if key not in configs:
            configs[key] = Config.build(key[0], _words(key[1]) or None, _words(key[2]) or None, today)
        jobs_list.append((path, configs[key]))
        level = fail_on or str(settings.get("fail-on", "warning"))
        if level not in SEVERITIES:
            raise GenogramError.single(Location(str(path)), "is linted with a `fail-on` setting that is not error, warning or info", "fix `fail-on` in .genogram.toml or [tool.genogram]", code="config")
        fail_levels.add(level)
    results = _run(jobs_list, jobs)
    from genogram.lint.engine import FileResult

    results = [FileResult(str(p.location.file), problems=[p]) for p in problems] + results
    _report(results, fmt)

    from genogram.lint.engine import failing
    from genogram.lint.rule import Severity

    threshold = min((Severity.parse(level) for level in fail_levels), default=Severity.WARNING)
    if any(r.problems for r in results):
        sys.exit(2)
    if any(failing(r.findings, threshold) for r in results):
        sys.exit(1)


def _listing(value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list):
        return tuple(str(v) for v in value)
    return ()


def _collect(paths: tuple[Path, ...]) -> tuple[list[Path], list[Problem]]:
    """Files named, and *.yaml / *.yml under folders named (sorted, hidden folders skipped)."""
    files: list[Path] = []
    problems: list[Problem] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if _is_family_file(p, path))
            files += found
        elif path.exists():
            files.append(path)
        else:
            problems.append(Problem(Location(str(path)), "does not exist", "check the file or folder name", "not-found"))
    return files, problems


def _is_family_file(path: Path, root: Path) -> bool:
    """A *.yaml / *.yml file, not a session file, not under a hidden folder (.git)."""
    name = path.name.lower()
    if not name.endswith((".yaml", ".yml")) or name.endswith((".session.yaml", ".session.yml")):
        return False
    return path.is_file() and not any(part.startswith(".") for part in path.relative_to(root).parts)


def _run(jobs_list: list[tuple[Path, Config]], jobs: int) -> list[FileResult]:
    """Lint every file; with many files, in a process pool (results stay in input order)."""
    import os

    from genogram.lint.engine import lint_file

    workers = jobs or min(os.cpu_count() or 1, 8)
    if workers > 1 and len(jobs_list) >= (PARALLEL_FROM if not jobs else 2):
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=workers) as pool:
            chunk = max(1, len(jobs_list) // (workers * 8))
            return list(pool.map(lint_file, [p for p, _ in jobs_list], [c for _, c in jobs_list], chunksize=chunk))
    return [lint_file(path, config) for path, config in jobs_list]


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
    if profile.source is not None and profile.name != "default" and profile.source.passage != rule.policy.passage:
        lines += ["", f"Profile {profile.name}: {profile.source}", f'  "{profile.source.passage}"']
    if rule.explainable:
        lines += ["", "An open `missing:` entry about the person concerned, with steps or a plan, marks a finding as explained (info, never failing)."]
    return "\n".join(lines) + "\n"
