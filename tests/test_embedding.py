"""`render` and `ecomap` write fragments and redacted diagrams for other documents."""

from __future__ import annotations

import io
import struct
from pathlib import Path
from xml.etree import ElementTree

import pytest
from click.testing import CliRunner

from genogram.cli.main import cli
from genogram.io.family import load_family


def run(*args: str) -> None:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output


def names_in(path: Path) -> set[str]:
    family = load_family(path).family
    return {part for p in family.people if p.name for part in p.name.split() if len(part) > 2}


@pytest.mark.parametrize("command", ["render", "ecomap"])
def test_svg_fragment_has_no_prolog_and_parses(tmp_path: Path, contract_file: Path, command: str) -> None:
    out = tmp_path / "x.svg"
    run(command, str(contract_file), "--fragment", "-o", str(out))
    text = out.read_text(encoding="utf-8")
    assert text.startswith("<svg")
    assert ElementTree.fromstring(text).tag.endswith("svg")


def test_png_dpi_sets_the_pixel_size(tmp_path: Path, contract_file: Path) -> None:
    sizes = []
    for dpi in ("72", "144"):
        out = tmp_path / f"x{dpi}.png"
        run("render", str(contract_file), "--dpi", dpi, "-o", str(out))
        data = out.read_bytes()
        sizes.append(struct.unpack(">II", data[16:24]))
    assert abs(sizes[1][0] - 2 * sizes[0][0]) <= 2


@pytest.mark.parametrize("command", ["render", "ecomap"])
def test_redacted_diagram_leaks_no_name(tmp_path: Path, contract_file: Path, command: str) -> None:
    run(command, str(contract_file), "--redact", "-o", str(tmp_path / "x.svg"))
    run(command, str(contract_file), "--redact", "-o", str(tmp_path / "x.pdf"))
    svg = (tmp_path / "x.svg").read_text(encoding="utf-8")
    pdf = (tmp_path / "x.pdf").read_bytes()
    import pypdf
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    text = "".join(page.extract_text() for page in reader.pages)
    meta = " ".join(str(v) for v in (reader.metadata or {}).values())
    for name in names_in(contract_file):
        assert name not in svg and name not in text and name not in meta, name


def test_redacted_default_file_name_holds_no_name(tmp_path: Path, contract_file: Path) -> None:
    source = tmp_path / "jayden-carter.yaml"
    source.write_bytes(contract_file.read_bytes())
    run("render", str(source), "--redact")
    assert (tmp_path / "genogram-redacted.svg").exists()
    assert not (tmp_path / "jayden-carter.svg").exists()
