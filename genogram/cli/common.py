"""Helpers shared by the click commands: loading, output paths, writing, reporting."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from genogram.errors import GenogramError, Location

if TYPE_CHECKING:
    from genogram.layout.geometry import GenogramGeometry
    from genogram.layout.labels import LayoutOptions
    from genogram.model import Family

FORMATS = ("svg", "pdf", "png")


def output_format(output: Path | None, fmt: str | None, default: str = "svg") -> str:
    """The output format: --format wins, else the -o suffix, else ``default``."""
    if fmt:
        return fmt.lower()
    if output is not None and output.suffix.lower().lstrip(".") in FORMATS:
        return output.suffix.lower().lstrip(".")
    if output is not None and output.suffix:
        raise GenogramError.single(Location(str(output)), "has a file type this command cannot write", "use .svg, .pdf or .png, or give --format", code="output")
    return default


def output_path(source: Path, output: Path | None, fmt: str, suffix_extra: str = "", redacted_name: str | None = None) -> Path:
    """Where to write: -o if given, else beside the input with the format's suffix.

    A redacted output gets ``redacted_name`` instead, because the input's file
    name (often the family's surname) must not travel with it.
    """
    if output is not None:
        return output
    if redacted_name is not None:
        return source.with_name(f"{redacted_name}.{fmt}")
    return source.with_name(source.stem + suffix_extra + "." + fmt)


def write(path: Path, data: bytes | str, force: bool, inputs: tuple[Path, ...]) -> None:
    from genogram.io.writing import write_output

    write_output(path, data, force=force, inputs=inputs)
    click.echo(f"wrote {path}", err=True)


force_option = click.option("--force", is_flag=True, help="Replace an existing output file that genogram did not write.")


#: Options shared by `render` and `ecomap` for redaction and embedding in other documents.
redact_option = click.option("--redact", is_flag=True, help="Replace names with roles relative to the index child; dates of birth with ages.")
fragment_option = click.option("--fragment", is_flag=True, help="SVG without the XML prolog, for pasting into HTML case records.")
dpi_option = click.option("--dpi", type=click.IntRange(36, 1200), help="PNG resolution (default 144).")


def diagram_bytes(svg: str, kind: str, title: str, fragment: bool, dpi: int | None) -> str | bytes:
    """The drawn diagram in the asked format (SVG text, SVG fragment, PDF or PNG bytes)."""
    if kind == "svg":
        if fragment:
            from genogram.pack.html import inline_svg

            return inline_svg(svg)
        return svg
    from genogram.render.typst_out import convert

    return convert(svg, kind, title, ppi=float(dpi) if dpi else None)


#: `--engine`, shared with `genogram layout`.
engine_option = click.option(
    "--engine",
    type=click.Choice(["ours", "dot"]),
    default="ours",
    show_default=True,
    help="ours keeps every genogram rule. dot takes positions from Graphviz dot (drawn with our symbols) "
    "for users who want its look; it is the less correct option: partners may be split, siblings out of "
    "birth order, households are not drawn. Needs Graphviz installed.",
)


def require_engine(engine: str) -> None:
    """Exit 2 with how to install Graphviz when --engine dot cannot run (before any work)."""
    if engine == "dot":
        from genogram.layout.dot import dot_missing

        reason = dot_missing()
        if reason is not None:
            click.echo(f"genogram: {reason}", err=True)
            raise click.exceptions.Exit(2)


def lay_out(family: Family, options: LayoutOptions, engine: str) -> GenogramGeometry:
    """The geometry from the chosen engine; a failing dot run exits 2 with its reason."""
    if engine == "dot":
        from genogram.layout.dot import DotUnavailable, layout_dot

        try:
            return layout_dot(family, options)
        except DotUnavailable as error:
            click.echo(f"genogram: {error}; no output was written", err=True)
            raise click.exceptions.Exit(2) from None
    from genogram.layout.genogram import layout_genogram

    return layout_genogram(family, options)


def paper_options(command: Any) -> Any:
    """`--paper`, `--landscape` and `--min-text`, shared by `render` and `pack`."""
    command = click.option("--min-text", type=click.FloatRange(4, 24), default=8.0, show_default=True, help="Smallest text size on paper, in points.")(command)
    command = click.option("--landscape", is_flag=True, help="Turn the sheet sideways.")(command)
    return click.option("--paper", type=click.Choice(["A4", "A3", "A2", "letter"], case_sensitive=False), help="Print on sheets of this size (PDF): scaled to fit, or tiled when that would make text smaller than --min-text.")(command)


def paper_pdf(family: Family, draw: Any, title: str, paper: str, landscape: bool, min_text: float) -> bytes:
    """The diagram on sheets of ``paper``; says on stderr whether it was scaled, focused or tiled."""
    from genogram.render.paper import PAPERS, PaperOptions, family_pdf

    name = next(p for p in PAPERS if p.lower() == paper.lower())
    data, summary = family_pdf(family, draw, title, PaperOptions(name, landscape, min_text))
    click.echo(f"genogram: {summary}", err=True)
    return data
