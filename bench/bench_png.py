#!/usr/bin/env python3
"""Peak memory of `genogram render -o FILE.png` on large families, as a whole process.

A PNG of a wide family used to be rasterised at the asked resolution
whatever its size (11 GB at 3,000 people, an abort at 10,000); the resolution
is now lowered to stay within a pixel budget, or the PNG refused. This
records what that costs, and checks the aim: peak memory under 1.5 GB for
any PNG.

    python bench/bench_png.py                 # 1,000, 3,000, 10,000 people and 2,000 siblings at 1,200 dpi
    python bench/bench_png.py --sizes 1000    # one size

Writes bench/png_memory.md and prints it.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from families import generate  # noqa: E402

AIM_MIB = 1536


def siblings(count: int) -> str:
    """One couple with ``count`` children: the widest single row a family can have."""
    lines = ["genogram: 1", "title: Siblings", "index: c0", "as_of: 2026-11-15", "people:"]
    lines += ["  - {id: mum, name: Mum Wide, sex: female, born: 1960}", "  - {id: dad, name: Dad Wide, sex: male, born: 1958}"]
    lines += [f"  - {{id: c{i}, name: Child {i} Wide, sex: {'female' if i % 2 else 'male'}, born: {1980 + i % 30}}}" for i in range(count)]
    lines += ["unions:", "  - partners: [mum, dad]", "    children: [" + ", ".join(f"c{i}" for i in range(count)) + "]"]
    return "\n".join(lines) + "\n"


def measure(family: Path, extra: list[str]) -> dict[str, str]:
    """Run one render under GNU time; its peak RSS, exit status, and what it told the user."""
    out = family.with_suffix(".png")
    command = ["/usr/bin/time", "-f", "%M %e", str(Path(sys.executable).parent / "genogram"), "render", str(family), "-o", str(out), "--force", *extra]
    done = subprocess.run(command, capture_output=True, text=True, timeout=600)
    peak_kib, seconds = done.stderr.strip().splitlines()[-1].split()
    said = " ".join(line for line in done.stderr.splitlines()[:-1] if not line.startswith("wrote") and "exited with" not in line)
    size = ""
    if done.returncode == 0:
        header = out.read_bytes()[16:24]
        size = f"{int.from_bytes(header[:4], 'big'):,} x {int.from_bytes(header[4:], 'big'):,}"
    dpi = re.search(r"drawn at (\d+) dpi", said)
    return {
        "peak_mib": f"{int(peak_kib) / 1024:.0f}",
        "seconds": seconds,
        "exit": str(done.returncode),
        "pixels": size,
        "dpi": dpi.group(1) if dpi else ("refused" if done.returncode else "as asked"),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,3000,10000")
    args = parser.parse_args(argv)
    if not Path("/usr/bin/time").exists() or shutil.which("genogram") is None and not (Path(sys.executable).parent / "genogram").exists():
        print("needs GNU time (/usr/bin/time) and genogram installed beside this Python", file=sys.stderr)
        return 2
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        cases: list[tuple[str, Path, list[str]]] = []
        for size in (int(s) for s in args.sizes.split(",") if s):
            path = Path(folder) / f"family-{size}.yaml"
            path.write_text(generate(size, seed=1), encoding="utf-8")
            cases.append((f"{size:,} people (bench/families.py, seed 1), default 144 dpi", path, []))
        wide = Path(folder) / "siblings-2000.yaml"
        wide.write_text(siblings(2000), encoding="utf-8")
        cases.append(("2,000 siblings at --dpi 1200", wide, ["--dpi", "1200"]))
        for name, path, extra in cases:
            result = measure(path, extra)
            rows.append((name, result))
            print(name, result, file=sys.stderr)
    worst = max(int(r["peak_mib"]) for _, r in rows)
    lines = [
        "# PNG peak memory (whole process, GNU time %M)",
        "",
        "Written by `python bench/bench_png.py`. Aim: under 1,536 MiB for any PNG.",
        "",
        "| family | exit | resolution used | pixels | peak memory | time |",
        "|---|---:|---|---|---:|---:|",
    ]
    lines += [f"| {name} | {r['exit']} | {r['dpi']} | {r['pixels']} | {r['peak_mib']} MiB | {r['seconds']} s |" for name, r in rows]
    lines += ["", f"Largest peak: {worst} MiB; aim {'met' if worst < AIM_MIB else 'NOT met'}."]
    text = "\n".join(lines) + "\n"
    (HERE / "png_memory.md").write_text(text, encoding="utf-8")
    print(text)
    return 0 if worst < AIM_MIB else 1


if __name__ == "__main__":
    raise SystemExit(main())
