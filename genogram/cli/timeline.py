"""`genogram timeline`: where each child has lived, and with whom, along a dated axis."""

from __future__ import annotations

from pathlib import Path

import click

from genogram.cli.common import FORMATS, dpi_option, force_option, output_format, output_path, redact_option, write


@click.command()
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), help="Output file (default: FILE-timeline.svg beside the input).")
@click.option("--format", "fmt", type=click.Choice(FORMATS, case_sensitive=False), help="svg, pdf or png (default: from -o, else svg).")
@click.option("--json", "as_json", is_flag=True, help="Print the timeline's geometry as JSON instead of drawing it.")
@redact_option
@dpi_option
@force_option
def timeline(file: Path, output: Path | None, fmt: str | None, as_json: bool, redact: bool, dpi: int | None, force: bool) -> None:
    """Draw the placement timeline of FILE.

    One lane per child (the index child first, then their brothers and
    sisters), each household or placement a bar from its `from:` to its
    `to:` date: moves marked, gaps in the record and overlaps (errors)
    shown with their dates, and the family's births, deaths, unions and
    separations on the axis. A stay with no `from:` is drawn from the
    child's birth, one with no `to:` up to the file's as_of date.
    """
    from genogram.io.family import load_family

    kind = None if as_json else output_format(output, fmt)
    family = load_family(file).family
    if redact:
        from genogram.redact import redact as redact_family

        family = redact_family(family)
    if as_json:
        import json

        from genogram.layout.timeline import layout_timeline

        click.echo(json.dumps(layout_timeline(family).as_json(), indent=2, ensure_ascii=False))
        return
    assert kind is not None
    from genogram.render.timeline_svg import render_timeline

    data = render_timeline(family, kind, float(dpi) if dpi else None)
    target = output_path(file, output, kind, "-timeline", redacted_name="timeline-redacted" if redact else None)
    write(target, data, force, (file,))
