"""`genogram render` end to end: real files in, SVG/PDF/PNG out, checked."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from genogram.cli.main import cli

ROOT = Path(__file__).resolve().parent.parent
CARTER = ROOT / "samples" / "carter.yaml"


@pytest.fixture()
def carter(tmp_path: Path) -> Path:
    target = tmp_path / "carter.yaml"
    shutil.copy(CARTER, target)
    return target


def _run(*args: str) -> object:
    return CliRunner().invoke(cli, ["render", *args])


def test_default_output_is_svg_beside_the_input(carter: Path) -> None:
    result = _run(str(carter))
    assert result.exit_code == 0, result.output
    svg = carter.with_suffix(".svg")
    root = ET.parse(svg).getroot()
    assert root.tag.endswith("svg")
    assert "Carter family" in (root.find("{http://www.w3.org/2000/svg}title").text or "")
    # Rerunning over our own output is allowed without --force, and gives the same bytes.
    before = svg.read_bytes()
    assert _run(str(carter)).exit_code == 0
    assert svg.read_bytes() == before


def test_names_option_changes_what_is_shown(carter: Path) -> None:
    out = carter.with_name("initials.svg")
    assert _run(str(carter), "-o", str(out), "--names", "initials").exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert "Jayden Carter" not in text and "J.C." in text


def test_pdf_is_valid_deterministic_and_marked(carter: Path) -> None:
    first, second = carter.with_name("a.pdf"), carter.with_name("b.pdf")
    assert _run(str(carter), "-o", str(first)).exit_code == 0
    assert _run(str(carter), "--format", "pdf", "-o", str(second)).exit_code == 0
    data = first.read_bytes()
    assert data.startswith(b"%PDF") and data.rstrip().endswith(b"%%EOF")
    assert data == second.read_bytes()
    assert b"Inter" in data  # the bundled font is embedded
    assert b"/Title(Carter family)" in data and b"/CreationDate(D:20000101000000Z)" in data
    from genogram.io.writing import written_by_us

    assert written_by_us(first)
    try:
        import pypdf
    except ImportError:
        return
    reader = pypdf.PdfReader(str(first))
    assert reader.metadata.title == "Carter family"
    assert "Jayden" in reader.pages[0].extract_text()


def test_png_is_valid_and_marked(carter: Path) -> None:
    out = carter.with_name("c.png")
    result = _run(str(carter), "-o", str(out))
    assert result.exit_code == 0, result.output
    data = out.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    width = int.from_bytes(data[16:20], "big")
    assert width > 800  # drawn at 2x, not a thumbnail
    from genogram.io.writing import written_by_us

    assert written_by_us(out)


def test_refuses_to_overwrite_a_foreign_file(carter: Path) -> None:
    target = carter.with_suffix(".svg")
    target.write_text("someone's notes", encoding="utf-8")
    result = _run(str(carter))
    assert result.exit_code == 2
    assert "--force" in result.output and "Traceback" not in result.output
    assert target.read_text(encoding="utf-8") == "someone's notes"
    assert _run(str(carter), "--force").exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("<?xml")


def test_never_writes_over_the_input(carter: Path) -> None:
    # A family file that happens to end in .svg is the one way the output can name the input.
    family = carter.with_name("carter.svg")
    family.write_bytes(carter.read_bytes())
    before = family.read_bytes()
    result = _run(str(family), "-o", str(family), "--force")
    assert result.exit_code == 2 and "input" in result.output
    assert family.read_bytes() == before


def test_format_and_suffix_must_agree(carter: Path) -> None:
    for args, says in (
        (["-o", str(carter.with_name("out.pdf")), "--format", "svg"], "ends in .pdf but --format asks for svg"),
        (["-o", str(carter), "--format", "svg"], "ends in .yaml but --format asks for svg"),
    ):
        result = _run(str(carter), *args)
        assert result.exit_code == 2 and says in result.output, result.output
    assert not carter.with_name("out.pdf").exists()
    assert carter.read_text(encoding="utf-8").startswith(("#", "genogram"))


def test_bad_input_exits_2_with_a_located_message(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("genogram: 1\npeople:\n  - id: a\n    sex: mle\n", encoding="utf-8")
    result = _run(str(bad))
    assert result.exit_code == 2
    assert f"{bad}:4:" in result.output and "Traceback" not in result.output
    assert not bad.with_suffix(".svg").exists()


def test_unknown_output_type_is_refused(carter: Path) -> None:
    result = _run(str(carter), "-o", str(carter.with_name("x.docx")))
    assert result.exit_code == 2 and "x.docx" in result.output
    assert not carter.with_name("x.docx").exists()


def test_typst_markup_in_user_text_is_data_not_code(tmp_path: Path) -> None:
    family = tmp_path / "markup.yaml"
    family.write_text(
        'genogram: 1\ntitle: \'#panic("boom") ] *x* $y$\'\npeople:\n  - {id: a, name: \'#import "/etc/passwd"\', sex: female}\n',
        encoding="utf-8",
    )
    out = tmp_path / "markup.pdf"
    result = _run(str(family), "-o", str(out))
    assert result.exit_code == 0, result.output
    data = out.read_bytes()
    assert data.startswith(b"%PDF") and b"boom" in data  # the title is kept as text, never run
