"""Helpers shared by the click commands: loading, output paths, writing, reporting."""

from __future__ import annotations

from pathlib import Path

import click

from genogram.errors import GenogramError, Location

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


def output_path(source: Path, output: Path | None, fmt: str, suffix_extra: str = "") -> Path:
    """Where to write: -o if given, else beside the input with the format's suffix."""
    if output is not None:
        return output
    return source.with_name(source.stem + suffix_extra + "." + fmt)


def write(path: Path, data: bytes | str, force: bool, inputs: tuple[Path, ...]) -> None:
    from genogram.io.writing import write_output

    write_output(path, data, force=force, inputs=inputs)
    click.echo(f"wrote {path}", err=True)


force_option = click.option("--force", is_flag=True, help="Replace an existing output file that genogram did not write.")
