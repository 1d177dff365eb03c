"""What people expect of any command line: pipes, a starter file, plain refusals, bounded PNGs.

Each test runs the installed console script as a user would (a real process,
real files, real stdin and stdout), except where a limit is lowered
in-process to keep the test quick.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
CARTER = SAMPLES / "carter.yaml"


def genogram(*args: str, stdin: bytes | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "genogram", *args], input=stdin, capture_output=True, cwd=cwd, timeout=120)


# standard input and output --------------------------------------------------------
def test_render_to_standard_output_writes_no_file(tmp_path: Path) -> None:
    family = tmp_path / "carter.yaml"
    shutil.copy(CARTER, family)
    done = genogram("render", str(family), "-o", "-")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith((b"<?xml", b"<svg ")), done.stdout[:40]
    ET.fromstring(done.stdout)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["carter.yaml"]
    assert b"wrote" not in done.stderr


def test_family_from_standard_input_to_standard_output() -> None:
    done = genogram("render", "-", "--format", "png", stdin=CARTER.read_bytes())
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(b"\x89PNG\r\n\x1a\n")
    svg = genogram("render", "-", stdin=CARTER.read_bytes())
    assert svg.returncode == 0 and b"<svg" in svg.stdout[:600]
    ecomap = genogram("ecomap", "-", "--json", stdin=CARTER.read_bytes())
    assert ecomap.returncode == 0 and b'"systems"' in ecomap.stdout


def test_errors_in_standard_input_are_located_as_stdin() -> None:
    done = genogram("validate", "-", stdin=b"genogram: 1\npeople:\n  - id: a\n    sex: femal\n")
    assert done.returncode == 2
    assert done.stdout.decode().startswith("<stdin>:4:10:"), done.stdout


def test_format_disagreeing_with_the_suffix_writes_nothing(tmp_path: Path) -> None:
    done = genogram("render", str(CARTER), "-o", str(tmp_path / "x.pdf"), "--format", "svg")
    assert done.returncode == 2
    assert b"ends in .pdf but --format asks for svg" in done.stderr
    assert not list(tmp_path.iterdir())


# genogram init -----------------------------------------------------------------------
def test_init_writes_a_family_file_that_validates_and_renders(tmp_path: Path) -> None:
    done = genogram("init", "x.yaml", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    text = (tmp_path / "x.yaml").read_text(encoding="utf-8")
    assert text.startswith("#") and "missing:" in text
    assert genogram("validate", "x.yaml", cwd=tmp_path).returncode == 0
    assert genogram("render", "x.yaml", cwd=tmp_path).returncode == 0
    assert (tmp_path / "x.svg").exists()


def test_init_session_names_its_family_and_packs(tmp_path: Path) -> None:
    assert genogram("init", "smith.yaml", cwd=tmp_path).returncode == 0
    done = genogram("init", "smith.session.yaml", "--session", "--family", "smith.yaml", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "family: smith.yaml" in (tmp_path / "smith.session.yaml").read_text(encoding="utf-8")
    assert genogram("validate", "smith.session.yaml", cwd=tmp_path).returncode == 0
    pack = genogram("pack", "smith.session.yaml", "-o", "pack.html", cwd=tmp_path)
    assert pack.returncode == 0, pack.stderr


def test_init_never_replaces_a_file(tmp_path: Path) -> None:
    target = tmp_path / "x.yaml"
    target.write_text("someone's notes", encoding="utf-8")
    done = genogram("init", str(target))
    assert done.returncode == 2 and b"never replaces" in done.stderr
    assert target.read_text(encoding="utf-8") == "someone's notes"
    missing = genogram("init", str(tmp_path / "s.session.yaml"), "--session", "--family", "nobody.yaml")
    assert missing.returncode == 2 and b"genogram init" in missing.stderr
    assert not (tmp_path / "s.session.yaml").exists()


# the wrong kind of file -----------------------------------------------------------------
def test_a_session_file_given_to_render_is_named_as_one(tmp_path: Path) -> None:
    done = genogram("render", str(SAMPLES / "carter-2026-10.session.yaml"), "-o", str(tmp_path / "x.svg"))
    assert done.returncode == 2
    lines = [line for line in done.stderr.decode().splitlines() if not line.startswith("    ")]
    assert len(lines) == 1 and "is a session file, not a family file" in lines[0], done.stderr
    assert "genogram pack" in done.stderr.decode()


def test_a_family_file_given_to_pack_is_named_as_one(tmp_path: Path) -> None:
    done = genogram("pack", str(CARTER), "-o", str(tmp_path / "x.pdf"))
    assert done.returncode == 2
    lines = [line for line in done.stderr.decode().splitlines() if not line.startswith("    ")]
    assert len(lines) == 1 and "is a family file, not a session file" in lines[0], done.stderr
    assert not list(tmp_path.iterdir())


# policy names ------------------------------------------------------------------------------
def test_unknown_policy_in_a_session_file_is_located_with_a_suggestion(tmp_path: Path) -> None:
    shutil.copy(CARTER, tmp_path / "carter.yaml")
    session = (SAMPLES / "carter-2026-10.session.yaml").read_text(encoding="utf-8").replace("policy: hull", "policy: hul")
    (tmp_path / "s.session.yaml").write_text(session, encoding="utf-8")
    line = next(n for n, text in enumerate(session.splitlines(), 1) if text.startswith("policy:"))
    for command in (["validate", "s.session.yaml"], ["pack", "s.session.yaml", "-o", "p.html"]):
        done = genogram(*command, cwd=tmp_path)
        said = (done.stdout + done.stderr).decode()
        assert done.returncode == 2, said
        assert f"s.session.yaml:{line}:9: names a policy genogram does not know" in said
        assert "did you mean `hull`" in said
    assert not (tmp_path / "p.html").exists()


@pytest.mark.parametrize("command", [["lint", str(CARTER), "--policy", "islngton"], ["pack", str(SAMPLES / "carter-2026-10.session.yaml"), "--policy", "islngton", "-o", "-"]])
def test_unknown_policy_on_the_command_line_is_refused(command: list[str]) -> None:
    done = genogram(*command)
    assert done.returncode == 2
    assert b"did you mean `islington`" in done.stderr
    assert not done.stdout


def test_unknown_policy_in_team_settings_names_the_settings_file(tmp_path: Path) -> None:
    shutil.copy(CARTER, tmp_path / "carter.yaml")
    (tmp_path / ".genogram.toml").write_text('policy = "tower-hamlet"\n', encoding="utf-8")
    done = genogram("lint", str(tmp_path))
    assert done.returncode == 2
    assert b".genogram.toml: names a policy" in done.stderr and b"tower-hamlets" in done.stderr


# PNGs within a memory budget -------------------------------------------------------------------
def test_png_resolution_is_lowered_to_the_pixel_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    from genogram import api
    from genogram.render import typst_out

    monkeypatch.setattr(typst_out, "MAX_PNG_PIXELS", 2_000_000)
    family = api.read_family(CARTER).family
    drawing = api.draw_genogram(family, "png", dpi=1200)
    width = int.from_bytes(drawing.data[16:20], "big")
    height = int.from_bytes(drawing.data[20:24], "big")
    assert width * height <= 2_000_000
    assert width * height > 1_000_000  # lowered only as far as needed
    assert len(drawing.notes) == 1 and "instead of 1200" in drawing.notes[0]
    plain = api.draw_genogram(family, "png", dpi=72)
    assert plain.notes == ()


def test_a_drawing_too_large_for_any_legible_png_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    from genogram import api
    from genogram.errors import GenogramError
    from genogram.render import typst_out

    monkeypatch.setattr(typst_out, "MAX_PNG_PIXELS", 10_000)
    with pytest.raises(GenogramError) as refused:
        api.draw_genogram(api.read_family(CARTER).family, "png")
    assert "too large for a legible PNG" in refused.value.problems[0].message
    assert "PDF or SVG" in refused.value.problems[0].hint


def test_png_resolution_rule() -> None:
    from genogram.render.typst_out import MAX_PNG_PIXELS, TooLargeForPng, png_resolution

    assert png_resolution(500, 300).ppi == 144 and not png_resolution(500, 300).lowered
    wide = png_resolution(147_025, 1_495)
    assert wide.lowered and (147_025 * wide.ppi / 72) * (1_495 * wide.ppi / 72) <= MAX_PNG_PIXELS
    with pytest.raises(TooLargeForPng):
        png_resolution(455_589, 3_078)


# the library ---------------------------------------------------------------------------------------
def test_the_library_never_imports_click() -> None:
    script = (
        "import sys\n"
        "from genogram import api\n"
        f"family = api.read_family({str(CARTER)!r}).family\n"
        "api.draw_genogram(family, 'svg'); api.draw_ecomap(family, 'svg')\n"
        f"api.build_pack(__import__('pathlib').Path({str(SAMPLES / 'carter-2026-10.session.yaml')!r}), 'html')\n"
        f"api.lint_paths([__import__('pathlib').Path({str(CARTER)!r})])\n"
        "print('click' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False"


def test_api_lists_what_it_offers() -> None:
    from genogram import api

    assert set(api.__all__) <= set(dir(api))
    for name in ("read_family", "read_session", "lay_out", "draw_genogram", "draw_ecomap", "lint_paths", "build_pack"):
        assert name in api.__all__
