"""`genogram render`: a family file to a genogram SVG, PDF or PNG."""

from __future__ import annotations

from pathlib import Path

import click

from genogram.cli.common import (
    diagram_format_option,
    dpi_option,
    engine_option,
    force_option,
    fragment_option,
    input_argument,
    output_format,
    output_option,
    output_path,
    paper_name,
    paper_options,
    read_input,
    redact_option,
    require_engine,
    write_drawing,
)


@click.command()
@input_argument("file")
@output_option("FILE.svg beside the input")
@diagram_format_option
@click.option("--names", type=click.Choice(["full", "initials", "none"]), default="full", show_default=True, help="Show full names, initials or no names.")
@click.option("--ages/--no-ages", default=True, show_default=True, help="Ages inside the symbols.")
@click.option("--dates/--no-dates", default=True, show_default=True, help="Birth, death and union dates.")
@click.option("--relationships/--no-relationships", default=True, show_default=True, help="The emotional relationship layer.")
@click.option("--history", is_flag=True, help="Also draw past households and placements (default: only those current at as_of).")
@engine_option
@redact_option
@fragment_option
@dpi_option
@paper_options
@force_option
def render(
    file: Path,
    output: Path | None,
    fmt: str | None,
    names: str,
    ages: bool,
    dates: bool,
    relationships: bool,
    history: bool,
    engine: str,
    redact: bool,
    fragment: bool,
    dpi: int | None,
    paper: str | None,
    landscape: bool,
    min_text: float,
    force: bool,
) -> None:
    """Draw the genogram of FILE (- reads standard input).

    Writes FILE.svg beside the input unless -o or --format says otherwise
    (-o - writes to standard output). A failed render leaves any existing
    output untouched. Boundaries show the households and placements current
    at the file's as_of date (the key says so); --history draws past ones
    too, and `genogram timeline` shows the whole history. --engine dot draws
    Graphviz dot's placement instead of ours: less correct, for comparison
    or for teams used to its look.
    --paper A4 (PDF) scales the drawing to the sheet when its text stays at
    --min-text points or more; otherwise the index child's three generations
    come first and the whole family is tiled; stderr says which.
    """
    from genogram import api
    from genogram.errors import GenogramError, Location
    from genogram.render.paper import PaperOptions

    require_engine(engine)
    kind = output_format(output, fmt, api.DIAGRAM_FORMATS)
    source, text = read_input(file)
    family = api.read_family(source, text).family
    options = api.GenogramOptions(names=names, ages=ages, dates=dates, relationships=relationships, history=history)  # type: ignore[arg-type]
    if landscape and not paper:
        raise GenogramError.single(Location("--landscape"), "turns a sheet, but no --paper was given", "add --paper A4 (or A3, A2, letter)", code="paper")
    sheets = PaperOptions(paper_name(paper), landscape, min_text) if paper else None
    drawing = api.draw_genogram(family, kind, options=options, redact=redact, engine=engine, fragment=fragment, dpi=dpi, paper=sheets)  # type: ignore[arg-type]
    target = output_path(source, output, kind, redacted_name="genogram-redacted" if redact else None)
    write_drawing(target, drawing, force, (source,))
