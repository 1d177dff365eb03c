"""`genogram describe`: the genogram in plain words."""

from __future__ import annotations

from pathlib import Path

import click

from genogram.cli.common import input_argument, read_input, redact_option


@click.command()
@input_argument("file")
@redact_option
def describe(file: Path, redact: bool) -> None:
    """Tell the genogram of FILE in words (- reads standard input): who the
    child lives with, parents, brothers and sisters, grandparents,
    relationships, and what is not known and what is being done about it.

    The same text is the SVG's description (read by screen readers) and is
    in the HTML pack.
    """
    from genogram import api

    source, text = read_input(file)
    family = api.read_family(source, text).family
    if redact:
        from genogram.redact import redact as redact_family

        family = redact_family(family)
    click.echo(api.describe(family), nl=False)
