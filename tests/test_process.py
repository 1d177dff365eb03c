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


SPY = '''
from pathlib import Path


class Spy:
    """A pydantic plugin that notes each model it is shown (as an observability tool would)."""

    def new_schema_validator(self, schema, schema_type, schema_type_path, schema_kind, config, plugin_settings):
        with open(Path(__file__).with_name("seen.txt"), "a", encoding="utf-8") as out:
            out.write(f"{schema_type_path.module}.{schema_type_path.name}\\n")
        return None, None, None


plugin = Spy()
'''


def test_no_pydantic_plugin_sees_family_data(tmp_path: Path, contract_file: Path) -> None:
    """A pydantic plugin installed on the machine would be handed every validated value; the CLI runs none."""
    import os

    site = tmp_path / "site"
    (site / "spy_plugin-1.0.dist-info").mkdir(parents=True)
    (site / "spy_plugin-1.0.dist-info" / "METADATA").write_text("Metadata-Version: 2.1\nName: spy-plugin\nVersion: 1.0\n", encoding="utf-8")
    (site / "spy_plugin-1.0.dist-info" / "entry_points.txt").write_text("[pydantic]\nspy = spy_plugin:plugin\n", encoding="utf-8")
    (site / "spy_plugin.py").write_text(SPY, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    env["PYTHONPATH"] = os.pathsep.join([str(site), env.get("PYTHONPATH", "")])
    seen = site / "seen.txt"
    # Control: outside the CLI, the plugin is found and shown the models.
    probe = f"from genogram.io.family import load_family; load_family(r'{contract_file}')"
    subprocess.run([sys.executable, "-c", probe], env=env, cwd=tmp_path, check=True, timeout=120)
    assert seen.exists() and "genogram.model" in seen.read_text(encoding="utf-8")
    seen.unlink()
    for args in (("validate", str(contract_file)), ("render", str(contract_file), "-o", "out.svg")):
        result = subprocess.run([sys.executable, "-m", "genogram", *args], env=env, cwd=tmp_path, capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stderr
    assert not seen.exists()


def test_commands_run_with_the_cycle_collector_off(tmp_path: Path, contract_file: Path) -> None:
    """main() turns the collector off for the command (speed; memory is unchanged, see its docstring)."""
    probe = (
        "import gc, sys\n"
        "from genogram.cli import main as entry\n"
        "seen = []\n"
        "entry.cli.main = lambda **kw: (seen.append(gc.isenabled()), sys.exit(3))\n"
        "entry._exit = lambda code: print(seen, code)\n"
        "assert gc.isenabled()\n"
        "entry.main()\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[False] 3"
    assert genogram("layout", str(contract_file), cwd=tmp_path).returncode == 0


def test_fast_exit_keeps_codes_output_and_exit_handlers(tmp_path: Path, contract_file: Path) -> None:
    """main() ends with os._exit (no interpreter teardown): codes, flushed output and atexit handlers survive it."""
    result = genogram("lint", str(contract_file), cwd=tmp_path)
    assert result.returncode == 1 and result.stdout.strip()  # findings, all printed
    assert genogram("validate", str(tmp_path / "missing.yaml"), cwd=tmp_path).returncode == 2
    probe = (
        "import atexit, sys\n"
        "from genogram.cli import main as entry\n"
        "atexit.register(lambda: print('handler ran', flush=True))\n"
        "sys.argv = ['genogram', '--version']\n"
        "entry.main()\n"
        "print('not reached')\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [f"genogram {__import__('genogram').__version__}", "handler ran"]


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (Linux)")
def test_output_that_cannot_be_written_is_reported(tmp_path: Path, contract_file: Path) -> None:
    """A full disk under stdout is the user's to fix: exit 2 with a plain message, no "internal error"."""
    with open("/dev/full", "w") as full:
        result = subprocess.run([sys.executable, "-m", "genogram", "layout", str(contract_file)], cwd=tmp_path, stdout=full, stderr=subprocess.PIPE, text=True, timeout=120)
    assert result.returncode == 2
    assert "could not be written" in result.stderr and "internal error" not in result.stderr and "Traceback" not in result.stderr
