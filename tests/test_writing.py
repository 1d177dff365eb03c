"""Outputs are written atomically and never over the input or a stranger's file."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from genogram.errors import GenogramError
from genogram.io.writing import mark_png, write_output, written_by_us

SVG = '<svg xmlns="http://www.w3.org/2000/svg" generator="genogram"></svg>\n'


def test_writes_and_replaces_own_output(tmp_path: Path) -> None:
    target = tmp_path / "family.svg"
    write_output(target, SVG)
    assert target.read_text(encoding="utf-8") == SVG
    write_output(target, SVG.replace("></svg>", "><g/></svg>"))
    assert "<g/>" in target.read_text(encoding="utf-8")
    assert [p.name for p in tmp_path.iterdir()] == ["family.svg"]  # no temp files left


def test_refuses_foreign_file_without_force(tmp_path: Path) -> None:
    target = tmp_path / "notes.svg"
    target.write_text("my own drawing", encoding="utf-8")
    with pytest.raises(GenogramError) as info:
        write_output(target, SVG)
    assert "--force" in info.value.render()
    assert target.read_text(encoding="utf-8") == "my own drawing"
    write_output(target, SVG, force=True)
    assert target.read_text(encoding="utf-8") == SVG


def test_never_overwrites_the_input_even_with_force(tmp_path: Path) -> None:
    source = tmp_path / "family.yaml"
    source.write_text("people: []\n", encoding="utf-8")
    with pytest.raises(GenogramError):
        write_output(source, SVG, force=True, inputs=(source,))
    assert source.read_text(encoding="utf-8") == "people: []\n"


def test_missing_folder_is_a_located_error(tmp_path: Path) -> None:
    with pytest.raises(GenogramError) as info:
        write_output(tmp_path / "nope" / "x.svg", SVG)
    assert "folder does not exist" in info.value.render()


def test_png_gets_a_generator_mark_once(tmp_path: Path) -> None:
    ihdr = b"\x00\x00\x00\rIHDR" + b"\x00" * 13 + b"\x00\x00\x00\x00"
    png = b"\x89PNG\r\n\x1a\n" + ihdr + b"\x00\x00\x00\x00IEND\xaeB`\x82"
    marked = mark_png(png)
    assert mark_png(marked) == marked
    target = tmp_path / "x.png"
    write_output(target, png)
    assert written_by_us(target)


_SLOW_WRITER = """
import os, sys, time
import genogram.io.writing as w
real_fsync = os.fsync
def slow_fsync(fd):
    print("writing", flush=True)
    time.sleep(30)
    real_fsync(fd)
w.os.fsync = slow_fsync
w.write_output(sys.argv[1], '<svg generator="genogram">' + 'x' * 1_000_000 + '</svg>')
"""


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT])
def test_killed_mid_write_leaves_old_output_intact(tmp_path: Path, sig: int) -> None:
    target = tmp_path / "family.svg"
    write_output(target, SVG)
    proc = subprocess.Popen([sys.executable, "-c", _SLOW_WRITER, str(target)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "writing"  # the new bytes are in the temp file now
    os.kill(proc.pid, sig)
    proc.wait(timeout=20)
    assert target.read_text(encoding="utf-8") == SVG
    leftovers = [p.name for p in tmp_path.iterdir() if p.name != "family.svg"]
    if sig == signal.SIGINT:
        assert leftovers == []  # an interrupt cleans up its temp file
