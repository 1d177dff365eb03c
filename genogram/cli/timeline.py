"""`genogram timeline`: where each child has lived, and with whom, along a dated axis."""

from __future__ import annotations

from pathlib import Path

import click

from genogram.cli.common import (
    diagram_format_option,
    dpi_option,
    force_option,
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
@output_option("FILE-timeline.svg beside the input")
@diagram_format_option
@click.option("--json", "as_json", is_flag=True, help="Print the timeline's geometry as JSON instead of drawing it.")
@redact_option
@dpi_option
@force_option
def timeline(file: Path, output: Path | None, fmt: str | None, as_json: bool, redact: bool, dpi: int | None, force: bool) -> None:
    """Draw the placement timeline of FILE (- reads standard input).

    One lane per child (the index child first, then their brothers and
    sisters), each household or placement a bar from its `from:` to its
    `to:` date: moves marked, gaps in the record and overlaps (errors)
    shown with their dates, and the family's births, deaths, unions and
    separations on the axis. A stay with no `from:` is drawn from the
    child's birth, one with no `to:` up to the file's as_of date.
    """
    from genogram import api

    kind = None if as_json else output_format(output, fmt, api.DIAGRAM_FORMATS)
    source, text = read_input(file)
    family = api.read_family(source, text).family
    if as_json:
        import json

        click.echo(json.dumps(api.timeline_geometry(family, redact=redact).as_json(), indent=2, ensure_ascii=False))
        return
    assert kind is not None
    drawing = api.draw_timeline(family, kind, redact=redact, dpi=dpi)  # type: ignore[arg-type]
    target = output_path(source, output, kind, "-timeline", redacted_name="timeline-redacted" if redact else None)
    write_drawing(target, drawing, force, (source,))
