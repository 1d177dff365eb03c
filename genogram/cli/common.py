"""What the click commands share: input from a file or standard input, output paths, writing, options."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from genogram.errors import GenogramError, Location

if TYPE_CHECKING:
    from genogram.api import Drawing

F = TypeVar("F", bound=Callable[..., Any])

#: `-` as an input or an output means standard input or standard output.
STDIO = Path("-")
STDIN_NAME = "<stdin>"


def input_argument(name: str) -> Callable[[F], F]:
    """A file argument that also takes `-` for standard input."""
    return click.argument(name, type=click.Path(path_type=Path, dir_okay=False, exists=True, allow_dash=True))


def output_option(default_help: str) -> Callable[[F], F]:
    """`-o/--output`, where `-` is standard output."""
    return click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False, allow_dash=True), help=f"Output file, or - for standard output (default: {default_help}).")


def read_input(path: Path) -> tuple[Path, str | None]:
    """The path to report in messages, and the text when it comes from standard input."""
    if path != STDIO:
        return path, None
    from genogram.io.strict_yaml import MAX_BYTES, decode

    raw = sys.stdin.buffer.read(MAX_BYTES + 1)
    if len(raw) > MAX_BYTES:
        raise GenogramError.single(Location(STDIN_NAME), f"is larger than {MAX_BYTES // (1024 * 1024)} MB, far more than any family file needs", "check what is piped in", code="too-large")
    return Path(STDIN_NAME), decode(raw, STDIN_NAME)


def output_format(output: Path | None, fmt: str | None, formats: tuple[str, ...], default: str = "svg") -> str:
    """The output format: --format, else the -o suffix, else ``default``; the two must agree."""
    suffix = output.suffix.lower().lstrip(".") if output is not None and output != STDIO else ""
    if fmt:
        fmt = fmt.lower()
        if suffix and suffix != fmt:
            other = f", or drop --format to write {suffix}" if suffix in formats else ""
            raise GenogramError.single(Location(str(output)), f"ends in .{suffix} but --format asks for {fmt}", f"name the file .{fmt}{other}", code="output")
        return fmt
    if suffix in formats:
        return suffix
    if suffix:
        raise GenogramError.single(Location(str(output)), "has a file type this command cannot write", f"use {', '.join('.' + f for f in formats)}, or give --format", code="output")
    return default


def output_path(source: Path, output: Path | None, fmt: str, suffix_extra: str = "", redacted_name: str | None = None) -> Path:
    """Where to write: -o if given, else beside the input with the format's suffix.

    A redacted output gets ``redacted_name`` instead, because the input's file
    name (often the family's surname) must not travel with it. Input from
    standard input goes to standard output unless -o names a file.
    """
    if output is not None:
        return output
    if str(source) == STDIN_NAME:
        return STDIO
    if redacted_name is not None:
        return source.with_name(f"{redacted_name}.{fmt}")
    return source.with_name(source.stem + suffix_extra + "." + fmt)


def write(path: Path, data: bytes | str, force: bool, inputs: tuple[Path, ...]) -> None:
    """Write an output atomically (never over an input or a file the tool did not write), or to stdout."""
    if path == STDIO:
        sys.stdout.buffer.write(data.encode("utf-8") if isinstance(data, str) else data)
        sys.stdout.buffer.flush()
        return
    from genogram.io.writing import write_output

    write_output(path, data, force=force, inputs=tuple(p for p in inputs if str(p) != STDIN_NAME))
    click.echo(f"wrote {path}", err=True)


def write_drawing(path: Path, drawing: Drawing, force: bool, inputs: tuple[Path, ...]) -> None:
    """Write a drawing, then tell the user anything they should know about it (on stderr)."""
    write(path, drawing.data, force, inputs)
    for note in drawing.notes:
        click.echo(f"note: {note}", err=True)


#: `--format` of the commands that draw a diagram (render, ecomap, timeline).
diagram_format_option = click.option("--format", "fmt", type=click.Choice(["svg", "pdf", "png"], case_sensitive=False), help="svg, pdf or png (default: from -o, else svg).")

force_option = click.option("--force", is_flag=True, help="Replace an existing output file that genogram did not write.")


#: Options shared by `render` and `ecomap` for redaction and embedding in other documents.
redact_option = click.option("--redact", is_flag=True, help="Replace names with roles relative to the index child; dates of birth with ages.")
fragment_option = click.option("--fragment", is_flag=True, help="SVG without the XML prolog, for pasting into HTML case records.")
dpi_option = click.option("--dpi", type=click.IntRange(36, 1200), help="PNG resolution (default 144; lowered, with a note, when the image would be too large).")


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


def paper_options(command: Any) -> Any:
    """`--paper`, `--landscape` and `--min-text` for `render` (PDF)."""
    command = click.option("--min-text", type=click.FloatRange(4, 24), default=8.0, show_default=True, help="Smallest text size on paper, in points.")(command)
    command = click.option("--landscape", is_flag=True, help="Turn the sheet sideways.")(command)
    return click.option(
        "--paper", type=click.Choice(["A4", "A3", "A2", "letter"], case_sensitive=False),
        help="Print on sheets of this size (PDF): scaled to fit, or (when that would make text smaller than --min-text) "
        "the index child's three generations first and the whole family tiled across sheets.",
    )(command)


def paper_name(paper: str) -> str:
    """The sheet name as genogram.render.paper spells it (click matched it case-insensitively)."""
    from genogram.render.paper import PAPERS

    return next(p for p in PAPERS if p.lower() == paper.lower())
