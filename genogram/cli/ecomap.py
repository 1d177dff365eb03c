"""`genogram ecomap`: the family's world (school, health, friends ...) around its household."""

from __future__ import annotations

from pathlib import Path

import click

from genogram.cli.common import (
    diagram_format_option,
    dpi_option,
    force_option,
    fragment_option,
    input_argument,
    output_format,
    output_option,
    output_path,
    read_input,
    redact_option,
    write_drawing,
)


@click.command()
@input_argument("file")
@output_option("FILE-ecomap.svg beside the input")
@diagram_format_option
@click.option("--centre", "--center", "centre", metavar="ID", help="A person or household id for the centre (default: the index child's current household).")
@click.option("--include-family", is_flag=True, help="Show every relative who lives elsewhere (those with a connection are always shown).")
@click.option("--json", "as_json", is_flag=True, help="Print the ecomap's geometry as JSON instead of drawing it.")
@redact_option
@fragment_option
@dpi_option
@force_option
def ecomap(file: Path, output: Path | None, fmt: str | None, centre: str | None, include_family: bool, as_json: bool, redact: bool, fragment: bool, dpi: int | None, force: bool) -> None:
    """Draw the ecomap of FILE (- reads standard input).

    The centre circle holds the household's members; each connection in the
    file is a circle around it, grouped by kind, with a line whose style is
    the strength and whose arrows are the flow. A relative living elsewhere
    who has a connection (or any relative, with --include-family) is a
    circle of their own, with their own systems beyond it; a system several
    people share is one circle with a line to each.
    """
    from genogram import api

    kind = None if as_json else output_format(output, fmt, api.DIAGRAM_FORMATS)
    source, text = read_input(file)
    family = api.read_family(source, text).family
    if as_json:
        import json

        if redact:
            _, geometry = api.redacted_ecomap(family, centre, include_family, str(source))
        else:
            geometry = api.ecomap_geometry(family, centre=centre, include_family=include_family, source=str(source))
        click.echo(json.dumps(geometry.as_json(), indent=2, ensure_ascii=False))
        return
    assert kind is not None
    drawing = api.draw_ecomap(family, kind, centre=centre, include_family=include_family, redact=redact, fragment=fragment, dpi=dpi, source=str(source))  # type: ignore[arg-type]
    target = output_path(source, output, kind, "-ecomap", redacted_name="ecomap-redacted" if redact else None)
    write_drawing(target, drawing, force, (source,))
