"""Time `genogram validate`: in-process work on a 30- and a 1,000-person family,
and the whole process (start-up included) on a small file.

Aims (issue 3): under 50 ms and 300 ms of work after start-up, and under
0.3 s for the whole `genogram validate` process on a small file.

    python bench/bench_validate.py [--runs 7] [--process-runs 10]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from families import generate

AIMS = {"work-30": 0.050, "work-1000": 0.300, "process-30": 0.300}


def ensure_bytecode() -> None:
    """Compile the genogram package's bytecode, as ``pip install`` does when it installs the tool.

    An editable install, or PYTHONDONTWRITEBYTECODE=1 (set on some machines),
    leaves no ``.pyc`` files, and every process would then compile the whole
    package again (about 0.2 s): a cost no installed user pays.
    """
    import compileall

    import genogram

    compileall.compile_dir(str(Path(genogram.__file__).parent), quiet=1)


#: The command whole-process timings run (set by :func:`prepare_tool`).
_TOOL: list[str] | None = None


def prepare_tool(folder: Path) -> str:
    """Install this checkout as a user does (``pip install '.[dot]'``, with the Python package that
    ``--engine dot`` needs) into a fresh virtual environment in ``folder``.

    Whole processes are then timed with that copy. The development install
    is editable, and every Python process started next to it runs the
    editable path finder from a ``.pth`` file (about 30 ms here), plus
    whatever other ``.pth`` hooks the machine has; a user's install has
    none of that. When the install fails (no package index reachable), the
    development install is timed instead, with its bytecode compiled, and
    the returned description says so.
    """
    global _TOOL
    root = Path(__file__).resolve().parent.parent
    python = folder / ("Scripts" if sys.platform == "win32" else "bin") / "python"
    script = python.parent / "genogram"
    try:
        subprocess.run([sys.executable, "-m", "venv", "--clear", str(folder)], check=True, capture_output=True, timeout=300)
        subprocess.run(
            [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", f"{root}[dot]"],
            check=True,
            capture_output=True,
            timeout=600,
        )
        version = subprocess.run([str(script), "--version"], check=True, capture_output=True, text=True, timeout=60).stdout.strip()
    except (OSError, subprocess.SubprocessError) as error:
        ensure_bytecode()
        _TOOL = None
        return f"the development install ({' '.join(genogram_command())}): `pip install .` into a fresh environment failed ({type(error).__name__})"
    _TOOL = [str(script)]
    return f"{version}, installed with `pip install '.[dot]'` into a fresh virtual environment (not the editable development install)"


def add_tool_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--dev-install",
        action="store_true",
        help="time the development install instead of a fresh `pip install .` (quicker to start; its start-up includes the editable-install hooks)",
    )


def choose_tool(dev_install: bool, folder: Path) -> str:
    """Set up what whole-process timings run (see :func:`prepare_tool`); returns its description."""
    if dev_install:
        ensure_bytecode()
        return f"the development install ({' '.join(genogram_command())}), bytecode compiled"
    return prepare_tool(folder)


def tool_python() -> str:
    """The Python the timed tool runs on (for the bare start-up floor)."""
    return str(Path(_TOOL[0]).with_name("python")) if _TOOL is not None else sys.executable


def genogram_command() -> list[str]:
    """The command to time: the copy :func:`prepare_tool` installed, else the console script next to this Python."""
    if _TOOL is not None:
        return list(_TOOL)
    script = Path(sys.executable).parent / "genogram"
    if script.exists():
        return [str(script)]
    found = shutil.which("genogram")
    return [found] if found else [sys.executable, "-m", "genogram"]


def time_load(path: Path, runs: int) -> float:
    """Median seconds of load_family (strict YAML, model, cross-checks) after imports are warm."""
    from genogram.io.family import load_family

    load_family(path)  # warm: imports and pydantic schema building are start-up, not work
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        load_family(path)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def time_process(path: Path | None, runs: int) -> float:
    """Median wall time of a whole `genogram validate FILE` process (bare Python when no path)."""
    command = genogram_command() + ["validate", str(path)] if path else [tool_python(), "-c", "pass"]
    subprocess.run(command, check=True, capture_output=True)  # warm the OS file cache
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time genogram validate.")
    parser.add_argument("--runs", type=int, default=7, help="in-process runs per file (median)")
    parser.add_argument("--process-runs", type=int, default=10, help="whole-process runs (median)")
    parser.add_argument("--seed", type=int, default=1)
    add_tool_option(parser)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        print(f"timing {choose_tool(args.dev_install, Path(tmp) / 'venv')}", file=sys.stderr)
        small = Path(tmp) / "family-30.yaml"
        large = Path(tmp) / "family-1000.yaml"
        small.write_text(generate(30, args.seed), encoding="utf-8")
        large.write_text(generate(1000, args.seed), encoding="utf-8")
        rows = [
            ("work-30", "load_family, 30 people", time_load(small, args.runs)),
            ("work-1000", "load_family, 1,000 people", time_load(large, args.runs)),
            ("process-30", "`genogram validate`, 30 people, whole process", time_process(small, args.process_runs)),
            ("python", "bare `python -c pass` on this machine (floor)", time_process(None, args.process_runs)),
        ]
    width = max(len(label) for _, label, _ in rows)
    print(f"{'measure':<{width}}  {'median':>9}  {'aim':>7}  ok")
    for key, label, seconds in rows:
        aim = AIMS.get(key)
        verdict = f"{aim * 1000:5.0f}ms  {'yes' if seconds <= aim else 'NO'}" if aim else f"{'-':>7}"
        print(f"{label:<{width}}  {seconds * 1000:7.1f}ms  {verdict}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
