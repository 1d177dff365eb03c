"""`genogram validate` and `genogram schema`."""

from __future__ import annotations

import json
from pathlib import Path

import click

from genogram.errors import GenogramError, Location, Problem


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True, help="Output for people (text) or tools (json).")
def validate(files: tuple[Path, ...], fmt: str) -> None:
    """Check family (or session) FILES: YAML, fields, ids and dates.

    Every problem is reported with file:line:column and a hint, not just the
    first. Exit code 0 when all files are valid, 2 otherwise. Names no
    bundled font can show are warnings (they do not change the exit code).
    """
    results: list[tuple[str, list[Problem]]] = []
    warnings: dict[str, list[Problem]] = {}
    for path in files:
        if not path.exists():
            problems = [Problem(Location(str(path)), "does not exist", "check the file name and folder", "not-found")]
        else:
            try:
                warnings[str(path)] = _validate_one(path)
                problems = []
            except GenogramError as error:
                problems = error.problems
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


def _validate_one(path: Path) -> list[Problem]:
    """A family file, or a session file (top-level `session:`) and the family it names.

    Returns warnings (text no bundled font can show); raises on problems.
    """
    from genogram.io.family import family_from_document
    from genogram.io.strict_yaml import load_file

    document = load_file(path)
    if isinstance(document.data, dict) and "session" in document.data:
        from genogram.io.family import load_family
        from genogram.pack.session import existing_file, session_from_document

        session = session_from_document(document)
        load_family(existing_file(path, session.family, document, "family", "family file"))
        return []
    from genogram.shaping import unshown_text

    return unshown_text(family_from_document(document))


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
