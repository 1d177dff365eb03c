"""`genogram describe`: the genogram in plain words."""

from __future__ import annotations

from pathlib import Path

import click

from genogram.cli.common import redact_option


@click.command()
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@redact_option
def describe(file: Path, redact: bool) -> None:
    """Tell the genogram of FILE in words: who the child lives with, parents,
    brothers and sisters, grandparents, relationships, and what is not known
    and what is being done about it.

    The same text is the SVG's description (read by screen readers) and is
    in the HTML pack.
    """
    from genogram.describe import describe_family
    from genogram.io.family import load_family

    family = load_family(file).family
    if redact:
        from genogram.redact import redact as redact_family

        family = redact_family(family)
    click.echo(describe_family(family), nl=False)
