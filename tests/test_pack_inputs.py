"""Packs never harm their inputs, and the files a session names are found safely.

`--force` never replaces the family file, the session or a previous session;
a PDF is "ours" by the generator keyword we write, not by a word in its
title; `family:` and `previous:` stay inside the session's folder unless
`--allow-outside`; symlink loops, NUL bytes and over-long names are located
errors. `validate` accepts what `pack` accepts and follows `previous:`.
"""

from __future__ import annotations

import io
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from genogram.cli.main import cli
from tests.conftest import SAMPLES


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def case(tmp_path: Path) -> Path:
    folder = tmp_path / "case"
    folder.mkdir()
    for name in ("carter.yaml", "carter-2026-10.session.yaml", "carter-2026-11.session.yaml"):
        shutil.copy(SAMPLES / name, folder / name)
    return folder


@pytest.mark.parametrize("target", ["carter.yaml", "carter-2026-11.session.yaml", "carter-2026-10.session.yaml"])
def test_force_never_replaces_an_input(tmp_path: Path, target: str) -> None:
    folder = case(tmp_path)
    before = (folder / target).read_bytes()
    code, _ = run("pack", str(folder / "carter-2026-11.session.yaml"), "-o", str(folder / target), "--force")
    assert code == 2
    assert (folder / target).read_bytes() == before


@pytest.mark.parametrize("target", ["family", "now", "before"])
def test_force_never_replaces_an_input_even_without_a_suffix(tmp_path: Path, target: str) -> None:
    """Files named without .yaml pass the suffix check; the input check still refuses them, with the path."""
    folder = tmp_path / "case"
    folder.mkdir()
    shutil.copy(SAMPLES / "carter.yaml", folder / "family")
    before_text = (SAMPLES / "carter-2026-10.session.yaml").read_text(encoding="utf-8").replace("family: carter.yaml", "family: family")
    (folder / "before").write_text(before_text, encoding="utf-8")
    now_text = (SAMPLES / "carter-2026-11.session.yaml").read_text(encoding="utf-8").replace("family: carter.yaml", "family: family")
    (folder / "now").write_text(now_text.replace("previous: carter-2026-10.session.yaml", "previous: before"), encoding="utf-8")
    original = (folder / target).read_bytes()
    code, output = run("pack", str(folder / "now"), "-o", str(folder / target), "--format", "html", "--force")
    assert code == 2
    assert f"{folder / target}: is an input file" in output
    assert (folder / target).read_bytes() == original


def test_a_foreign_pdf_titled_genograms_is_not_replaced_without_force(tmp_path: Path) -> None:
    pypdf = pytest.importorskip("pypdf")
    folder = case(tmp_path)
    writer = pypdf.PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.add_metadata({"/Title": "Genograms in practice: a genogram workshop", "/Producer": "Some other genogram tool"})
    foreign = folder / "workshop.pdf"
    with foreign.open("wb") as handle:
        writer.write(handle)
    before = foreign.read_bytes()
    session = str(folder / "carter-2026-10.session.yaml")
    code, output = run("pack", session, "-o", str(foreign))
    assert code == 2 and "was not written by genogram" in output
    assert foreign.read_bytes() == before
    code, output = run("pack", session, "-o", str(foreign), "--force")
    assert code == 0, output
    ours = foreign.read_bytes()
    assert ours != before
    assert pypdf.PdfReader(io.BytesIO(ours)).metadata is not None
    code, output = run("pack", session, "-o", str(foreign))  # our own PDF is replaced without --force
    assert code == 0, output


def _session(folder: Path, family: str, extra: str = "") -> Path:
    path = folder / "s.session.yaml"
    path.write_text(f"session: 1\nfamily: {family}\ndate: 2026-11-01\n{extra}", encoding="utf-8")
    return path


def test_family_outside_the_session_folder_needs_allow_outside(tmp_path: Path) -> None:
    shutil.copy(SAMPLES / "carter.yaml", tmp_path / "carter.yaml")
    inner = tmp_path / "sessions"
    inner.mkdir()
    session = _session(inner, "../carter.yaml")
    code, output = run("pack", str(session), "-o", str(inner / "p.html"))
    assert code == 2
    assert f"{session}:2:9: names a family file outside this session's folder" in output
    code, output = run("validate", str(session))
    assert code == 2 and "outside this session's folder" in output
    code, output = run("pack", str(session), "-o", str(inner / "p.html"), "--allow-outside")
    assert code == 0, output
    code, output = run("validate", "--allow-outside", str(session))
    assert code == 0, output


def test_previous_outside_the_folder_is_refused(tmp_path: Path) -> None:
    folder = case(tmp_path)
    shutil.move(folder / "carter-2026-10.session.yaml", tmp_path / "old.session.yaml")
    session = folder / "carter-2026-11.session.yaml"
    session.write_text(session.read_text(encoding="utf-8").replace("previous: carter-2026-10.session.yaml", "previous: ../old.session.yaml"), encoding="utf-8")
    code, output = run("pack", str(session), "-o", str(folder / "p.html"))
    assert code == 2 and f"{session}:5:11: names a previous session file outside this session's folder" in output


def test_symlink_loop_nul_and_long_names_are_located_errors(tmp_path: Path) -> None:
    os.symlink(tmp_path / "b.yaml", tmp_path / "a.yaml")
    os.symlink(tmp_path / "a.yaml", tmp_path / "b.yaml")
    session = _session(tmp_path, "a.yaml")
    code, output = run("pack", str(session), "-o", str(tmp_path / "p.html"))
    assert code == 2 and f"{session}:2:9: names a family file through a symlink loop" in output
    session = _session(tmp_path, '"fam\\0ily.yaml"')
    code, output = run("pack", str(session), "-o", str(tmp_path / "p.html"))
    assert code == 2
    assert "NUL" in output or "control character" in output  # the strict loader or the path check, both located
    assert f"{session}:2:" in output
    session = _session(tmp_path, "x" * 300 + ".yaml")
    code, output = run("pack", str(session), "-o", str(tmp_path / "p.html"))
    assert code == 2 and f"{session}:2:9: names a family file whose path is too long" in output
    for path in [tmp_path / "p.html"]:
        assert not path.exists()


def test_validate_accepts_a_session_without_session_field_and_checks_previous(tmp_path: Path) -> None:
    folder = case(tmp_path)
    for name in ("carter-2026-10.session.yaml", "carter-2026-11.session.yaml"):
        path = folder / name
        path.write_text(path.read_text(encoding="utf-8").replace("session: 1\n", ""), encoding="utf-8")
    code, output = run("pack", str(folder / "carter-2026-11.session.yaml"), "-o", str(folder / "p.html"))
    assert code == 0, output
    code, output = run("validate", str(folder / "carter-2026-11.session.yaml"))
    assert code == 0, output
    old = folder / "carter-2026-10.session.yaml"
    old.write_text(old.read_text(encoding="utf-8") + "previous: carter-2026-11.session.yaml\n", encoding="utf-8")
    code, output = run("validate", str(folder / "carter-2026-11.session.yaml"))
    assert code == 2
    assert "leads back to a session already in the chain" in output
    old.write_text(old.read_text(encoding="utf-8").replace("previous: carter-2026-11.session.yaml\n", "previous: gone.session.yaml\n"), encoding="utf-8")
    code, output = run("validate", str(folder / "carter-2026-11.session.yaml"))
    assert code == 2 and f"{old}:" in output and "previous session file that does not exist" in output


@pytest.mark.parametrize(
    ("people", "unions", "index", "message"),
    [
        ("[{id: c, sex: male}, {id: m, kind: miscarriage}]", "[{partners: [m], children: [c]}]", "c", "`m` is recorded as a miscarriage and cannot be a parent"),
        ("[{id: c, sex: male}, {id: s, kind: stillbirth}]", "[{partners: [c, s]}]", "c", "`s` is recorded as a stillbirth and cannot be a partner"),
        ("[{id: c, kind: stillbirth}]", "[]", "c", "the index child `c` is recorded as a stillbirth"),
    ],
)
def test_a_loss_is_no_partner_parent_or_index(tmp_path: Path, people: str, unions: str, index: str, message: str) -> None:
    family = tmp_path / "f.yaml"
    family.write_text(f"genogram: 1\nindex: {index}\npeople: {people}\nunions: {unions}\n", encoding="utf-8")
    code, output = run("validate", str(family))
    assert code == 2
    assert f"{family}:" in output and message in output


def test_a_current_pregnancy_may_be_the_index(tmp_path: Path) -> None:
    family = tmp_path / "f.yaml"
    family.write_text("genogram: 1\nindex: c\npeople: [{id: c, kind: pregnancy}, {id: m, sex: female}]\nunions: [{partners: [m], children: [c]}]\n", encoding="utf-8")
    code, output = run("validate", str(family))
    assert code == 0, output


def test_validate_names_a_long_or_looping_argument_plainly(tmp_path: Path) -> None:
    loop = tmp_path / "loop.yaml"
    os.symlink(loop, loop)
    long_name = tmp_path / ("x" * 300 + ".yaml")
    code, output = run("validate", str(long_name), str(loop))
    assert code == 2
    assert f"{long_name}: has a name too long for this system" in output
    assert f"{loop}: is a symlink that leads nowhere (or back to itself)" in output
