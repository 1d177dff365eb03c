"""`genogram ecomap`: the family's world (school, health, friends ...) around its household."""

from __future__ import annotations

from pathlib import Path

import click

from genogram.cli.common import (
    FORMATS,
    diagram_bytes,
    dpi_option,
    force_option,
    fragment_option,
    output_format,
    output_path,
    redact_option,
    write,
)


@click.command()
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), help="Output file (default: FILE-ecomap.svg beside the input).")
@click.option("--format", "fmt", type=click.Choice(FORMATS, case_sensitive=False), help="svg, pdf or png (default: from -o, else svg).")
@click.option("--centre", "--center", "centre", metavar="ID", help="A person or household id for the centre (default: the index child's current household).")
@click.option("--include-family", is_flag=True, help="Show relatives who live elsewhere as extended-family systems.")
@click.option("--json", "as_json", is_flag=True, help="Print the ecomap's geometry as JSON instead of drawing it.")
@redact_option
@fragment_option
@dpi_option
@force_option
def ecomap(file: Path, output: Path | None, fmt: str | None, centre: str | None, include_family: bool, as_json: bool, redact: bool, fragment: bool, dpi: int | None, force: bool) -> None:
    """Draw the ecomap of FILE.

    The centre circle holds the household's members; each connection in the
    file is a circle around it, grouped by kind, with a line whose style is
    the strength and whose arrows are the flow. Connections of people outside
    the centre are listed under the key, never dropped silently.
    """
    import json

    from genogram.errors import GenogramError, Location
    from genogram.io.family import load_family
    from genogram.layout.ecomap import layout_ecomap

    kind = None if as_json else output_format(output, fmt)
    loaded = load_family(file)
    family = loaded.family
    if redact:
        from genogram.redact import neutral_ids
        from genogram.redact import redact as redact_family

        if centre is not None:
            centre = neutral_ids(family).get(centre, centre)
        family = redact_family(family)
    if centre is not None and centre not in family.person_by_id and centre not in family.household_by_id:
        raise GenogramError.single(Location(str(file)), "has no person or household with the id given to --centre", "use an id from people: or households:", code="centre")
    geometry = layout_ecomap(family, centre=centre, include_family=include_family)
    if as_json:
        click.echo(json.dumps(geometry.as_json(), indent=2, ensure_ascii=False))
        return
    assert kind is not None
    from genogram.render.ecomap_svg import ecomap_svg

    svg = ecomap_svg(family, geometry)
    from genogram.text import clean

    data = diagram_bytes(svg, kind, clean(f"Ecomap: {geometry.centre.name}"), fragment, dpi)
    target = output_path(file, output, kind, "-ecomap", redacted_name="ecomap-redacted" if redact else None)
    write(target, data, force, (file,))
