"""`genogram validate` and `genogram schema`."""

from __future__ import annotations

import json
from pathlib import Path

import click

from genogram.errors import GenogramError, Location, Problem


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False, allow_dash=True))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True, help="Output for people (text) or tools (json).")
@click.option("--allow-outside", is_flag=True, help="Allow a session's `family:` and `previous:` outside its folder (as `pack --allow-outside`).")
def validate(files: tuple[Path, ...], fmt: str, allow_outside: bool) -> None:
    """Check family (or session) FILES: YAML, fields, ids and dates (- reads standard input).

    Every problem is reported with file:line:column and a hint, not just the
    first. Exit code 0 when all files are valid, 2 otherwise. Names no
    bundled font can show are warnings (they do not change the exit code).
    """
    from genogram import api
    from genogram.cli.common import read_input

    results: list[tuple[str, list[Problem]]] = []
    warnings: dict[str, list[Problem]] = {}
    for path in files:
        unreadable = None if str(path) == "-" else _unreadable(path)
        if unreadable is not None:
            problems = [unreadable]
        else:
            try:
                source, text = read_input(path)
                problems = api.validate_path(source, text, allow_outside=allow_outside)
                if not problems:
                    warnings[str(source)] = api.font_warnings(source, text)
            except GenogramError as error:
                problems = error.problems
            path = source if str(path) == "-" else path
        results.append((str(path), problems))
    bad = sum(1 for _, problems in results if problems)
    if fmt == "json":
        payload = [
            {"file": name, "valid": not problems, "problems": [p.as_dict() for p in problems], "warnings": [w.as_dict() for w in warnings.get(name, [])]}
            for name, problems in results
        ]
        click.echo(json.dumps(payload, indent=2))
    else:
        for name, problems in results:
            for problem in problems:
                click.echo(problem.render())
            for warning in warnings.get(name, []):
                click.echo(warning.render().replace(": ", ": warning: ", 1))
        good = len(results) - bad
        summary = f"{good} valid, {bad} invalid" if bad else f"{good} file{'s' if good != 1 else ''} valid"
        click.echo(summary, err=True)
    if bad:
        raise SystemExit(2)


def _unreadable(path: Path) -> Problem | None:
    """Why ``path`` cannot be read as a file (missing, a name too long, a symlink loop), or None."""
    import errno

    try:
        if path.exists():
            return None
    except OSError as error:
        if error.errno == errno.ENAMETOOLONG:
            return Problem(Location(str(path)), "has a name too long for this system", "shorten the file or folder names", "not-found")
        return Problem(Location(str(path)), f"cannot be read ({error.strerror})", "check the file name and its permissions", "not-found")
    if path.is_symlink():
        return Problem(Location(str(path)), "is a symlink that leads nowhere (or back to itself)", "point to the file itself", "not-found")
    return Problem(Location(str(path)), "does not exist", "check the file name and folder", "not-found")


@click.command()
@click.argument("kind", type=click.Choice(["family", "session"]), default="family")
def schema(kind: str) -> None:
    """Print the JSON Schema for a family file (or a session file).

    Editors that understand `# yaml-language-server: $schema=...` use it to
    complete and check fields as you type.
    """
    from genogram.io.schema import dumps_schema, family_schema

    if kind == "family":
        click.echo(dumps_schema(family_schema()), nl=False)
    else:
        from genogram.io.schema import session_schema

        click.echo(dumps_schema(session_schema()), nl=False)
