"""`genogram render`: a family file to a genogram SVG, PDF or PNG."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from genogram.cli.common import (
    FORMATS,
    diagram_bytes,
    dpi_option,
    engine_option,
    force_option,
    fragment_option,
    lay_out,
    output_format,
    output_path,
    paper_options,
    paper_pdf,
    redact_option,
    require_engine,
    write,
)

if TYPE_CHECKING:
    from genogram.model import Family


@click.command()
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), help="Output file (default: FILE.svg beside the input).")
@click.option("--format", "fmt", type=click.Choice(FORMATS, case_sensitive=False), help="svg, pdf or png (default: from -o, else svg).")
@click.option("--names", type=click.Choice(["full", "initials", "none"]), default="full", show_default=True, help="Show full names, initials or no names.")
@click.option("--ages/--no-ages", default=True, show_default=True, help="Ages inside the symbols.")
@click.option("--dates/--no-dates", default=True, show_default=True, help="Birth, death and union dates.")
@click.option("--relationships/--no-relationships", default=True, show_default=True, help="The emotional relationship layer.")
@engine_option
@redact_option
@fragment_option
@dpi_option
@paper_options
@force_option
def render(
    file: Path, output: Path | None, fmt: str | None, names: str, ages: bool, dates: bool, relationships: bool, engine: str, redact: bool, fragment: bool, dpi: int | None,
    paper: str | None, landscape: bool, min_text: float, force: bool,
) -> None:
    """Draw the genogram of FILE.

    Writes FILE.svg beside the input unless -o or --format says otherwise.
    A failed render leaves any existing output untouched. --engine dot draws
    Graphviz dot's placement instead of ours: less correct, for comparison
    or for teams used to its look. --paper A4 (PDF) scales the drawing to
    the sheet when its text stays at --min-text points or more, and tiles it
    across sheets otherwise; stderr says which.
    """
    from genogram.io.family import load_family
    from genogram.layout.labels import LayoutOptions
    from genogram.render.svg import RenderOptions, genogram_svg
    from genogram.text import clean

    require_engine(engine)
    kind = output_format(output, fmt)
    loaded = load_family(file)
    family = loaded.family
    if redact:
        from genogram.redact import redact as redact_family

        family = redact_family(family)
    target = output_path(file, output, kind, redacted_name="genogram-redacted" if redact else None)
    layout_options = LayoutOptions(names=names, show_ages=ages, show_dates=dates, relationships=relationships)  # type: ignore[arg-type]

    def draw(drawn: Family) -> str:
        return genogram_svg(drawn, lay_out(drawn, layout_options, engine), RenderOptions(relationships=relationships, ages=ages))

    if paper is not None and kind == "pdf":
        data: str | bytes = paper_pdf(family, draw, clean(family.title or "Genogram"), paper, landscape, min_text)
    else:
        data = diagram_bytes(draw(family), kind, clean(family.title or "Genogram"), fragment, dpi)
    write(target, data, force, (file,))
