"""`genogram layout`: the genogram's geometry as data, scored by the layout metrics."""

from __future__ import annotations

from pathlib import Path

import click

from genogram.cli.common import engine_option, lay_out, require_engine


@click.command()
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.option("--json", "as_json", is_flag=True, help="Print the geometry (and its metrics) as JSON.")
@click.option("--names", type=click.Choice(["full", "initials", "none"]), default="full", show_default=True, help="Size labels for full names, initials or none.")
@click.option("--dates/--no-dates", default=True, show_default=True, help="Reserve room for birth, death and union dates.")
@click.option("--relationships/--no-relationships", default=True, show_default=True, help="Include the emotional relationship layer.")
@click.option("--history", is_flag=True, help="Also lay out past households and placements (default: only those current at as_of).")
@engine_option
def layout(file: Path, as_json: bool, names: str, dates: bool, relationships: bool, history: bool, engine: str) -> None:
    """Lay out the genogram of FILE and report how well it keeps the rules.

    With --json, prints people, labels, unions, children, households, gaps,
    width and height in SVG user units, plus a "metrics" object. --engine
    dot scores Graphviz dot's placement the same way (the less correct option).
    """
    from genogram.io.family import load_family
    from genogram.layout.labels import LayoutOptions
    from genogram.layout.metrics import measure
    from genogram.placements import households_drawn

    require_engine(engine)
    shown = households_drawn(load_family(file).family, history)
    family = shown.family
    options = LayoutOptions(names=names, show_dates=dates, relationships=relationships)  # type: ignore[arg-type]
    geometry = lay_out(family, options, engine)
    if shown.note:
        geometry.notes.append(shown.note)
    metrics = measure(geometry, family)
    if as_json:
        import json

        payload = geometry.as_json()
        payload["metrics"] = metrics.as_json()
        click.echo(json.dumps(payload, indent=1, ensure_ascii=False))
        return
    click.echo(f"{file}: {len(geometry.people)} people in {len({p.generation for p in geometry.people})} generations")
    click.echo(metrics.summary())
    for example in metrics.examples[:10]:
        click.echo(f"  - {example}")
    for note in geometry.notes:
        click.echo(f"  note: {note}")
