"""Time `genogram lint` over 5,000 typical 30-person family files.

Aim (issue 6): under 10 s on a 2-core machine. The files are 50 seeded
families from families.py, each copied 100 times into a temporary folder,
linted as a practitioner would (one process, the folder as argument).

    python bench/bench_lint.py [--files 5000] [--runs 3]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_validate import add_tool_option, choose_tool, genogram_command
from families import generate

AIM_SECONDS = 10.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=5000)
    parser.add_argument("--seeds", type=int, default=50)
    parser.add_argument("--runs", type=int, default=3)
    add_tool_option(parser)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        print(f"timing {choose_tool(args.dev_install, Path(tmp) / 'venv')}", file=sys.stderr)
        folder = Path(tmp) / "families"
        folder.mkdir()
        texts = [generate(30, seed) for seed in range(1, args.seeds + 1)]
        for i in range(args.files):
            (folder / f"family-{i:05d}.yaml").write_text(texts[i % len(texts)], encoding="utf-8")
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            result = subprocess.run([*genogram_command(), "lint", "--format", "json", str(folder)], capture_output=True)
            times.append(time.perf_counter() - start)
            if result.returncode not in (0, 1):
                raise SystemExit(f"lint failed with exit code {result.returncode}: {result.stderr[-400:]!r}")
        median = statistics.median(times)
    verdict = "yes" if median <= AIM_SECONDS else "NO"
    print(f"{'measure':<45}{'median':>10}{'aim':>8}  ok")
    print(f"{f'genogram lint, {args.files:,} files of 30 people':<45}{median:>9.1f}s{AIM_SECONDS:>7.0f}s  {verdict}")


if __name__ == "__main__":
    main()
