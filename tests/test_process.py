"""The commands as a user runs them: a fresh interpreter per command, no pytest imports around."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest


def genogram(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "genogram", *args], cwd=cwd, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize(
    ("args", "output"),
    [
        (("render", "{family}", "-o", "out.pdf"), "out.pdf"),
        (("ecomap", "{family}", "-o", "eco.svg"), "eco.svg"),
    ],
)
def test_readme_main_job_in_a_fresh_process(tmp_path: Path, contract_file: Path, args: tuple[str, ...], output: str) -> None:
    result = genogram(*(a.format(family=contract_file) for a in args), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / output).stat().st_size > 0


def test_version_validate_and_lint_in_a_fresh_process(tmp_path: Path, contract_file: Path) -> None:
    assert genogram("--version", cwd=tmp_path).stdout.startswith("genogram ")
    assert genogram("validate", str(contract_file), cwd=tmp_path).returncode == 0
    assert genogram("lint", str(contract_file), cwd=tmp_path).returncode == 1  # the contract has findings


def test_bad_input_in_a_fresh_process_has_no_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("people:\n  - id: a\n    sex: mail\n", encoding="utf-8")
    for command in ("validate", "render", "ecomap", "lint", "layout"):
        result = genogram(command, str(bad), cwd=tmp_path)
        assert result.returncode == 2, (command, result.stderr)
        assert "Traceback" not in result.stderr + result.stdout
        assert f"{bad}:3:10:" in result.stderr + result.stdout, command
