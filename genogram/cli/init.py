"""`genogram init`: a commented starter family (or session) file that validates as written."""

from __future__ import annotations

from pathlib import Path

import click


@click.command()
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False, allow_dash=True))
@click.option("--session", "as_session", is_flag=True, help="Write a session file (for `genogram pack`) instead of a family file.")
@click.option("--family", "family_file", type=click.Path(path_type=Path, dir_okay=False), help="With --session: the family file the session is about (default: family.yaml beside it).")
def init(file: Path, as_session: bool, family_file: Path | None) -> None:
    """Write a starter family file to FILE (or a session file with --session).

    The file explains itself in comments and validates as written: replace
    the example people with the family, then run `genogram validate FILE`.
    An existing file is never replaced.

    \b
        genogram init smith.yaml
        genogram init smith-2026-12.session.yaml --session --family smith.yaml
    """
    import os

    from genogram import api
    from genogram.cli.common import STDIO, write
    from genogram.errors import GenogramError, Location

    if file != STDIO and (file.exists() or file.is_symlink()):
        raise GenogramError.single(Location(str(file)), "already exists; genogram init never replaces a file", "choose a new file name", code="output")
    if as_session:
        family = family_file or Path("family.yaml")
        base = Path.cwd() if file == STDIO else file.parent
        if not (base / family if not family.is_absolute() else family).is_file():
            raise GenogramError.single(Location(str(family)), "is not a family file that exists (a session must name one)", f"write one first: genogram init {family}", code="not-found")
        relative = family.as_posix() if family_file is None else Path(os.path.relpath(family.resolve(), base.resolve())).as_posix()
        text = api.starter("session", family=relative)
    else:
        text = api.starter("family")
    write(file, text, False, ())
