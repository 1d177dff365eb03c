"""Time the genogram layout and drawing on generated families of 100 to 10,000 people.

Layout (`layout_genogram`) and drawing (`genogram_svg`) are timed separately
and together, best of several runs after a warm-up (fewer runs at 10,000
people), with the hard-rule violations of each layout beside the times.
Loading is timed once for context; it is not part of the aims. Process CPU
time is shown too: on a shared machine it moves less than wall-clock time.

Aims (genogram render issue): 1,000 people laid out and drawn in under 0.5 s,
10,000 in under 10 s, cost growing close to linearly (the `growth` column is
the exponent k in time ~ people^k between one size and the next).

    python bench/bench_render.py [--sizes 100,1000,3000,10000] [--runs 5] [--large-runs 2]
                                 [--seed 1] [--json out.json] [--profile 10000] [--profile-top 25]
                                 [--without-households]
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import json
import math
import platform
import pstats
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from families import generate

#: Seconds for layout and drawing together, by family size.
AIMS = {1000: 0.5, 10000: 10.0}
#: Sizes from which the smaller number of runs is used.
LARGE = 5000


@dataclass(slots=True)
class Row:
    people: int
    runs: int
    load: float
    layout: float
    draw: float
    total: float
    cpu: float
    svg_bytes: int
    metrics: dict[str, Any]

    def as_json(self) -> dict[str, Any]:
        aim = AIMS.get(self.people)
        return {
            "people": self.people,
            "runs": self.runs,
            "load_s": round(self.load, 4),
            "layout_s": round(self.layout, 4),
            "draw_s": round(self.draw, 4),
            "total_s": round(self.total, 4),
            "total_cpu_s": round(self.cpu, 4),
            "aim_s": aim,
            "within_aim": None if aim is None else self.total <= aim,
            "svg_bytes": self.svg_bytes,
            "metrics": self.metrics,
        }


def _family(people: int, seed: int, households: bool = True) -> tuple[Any, float]:
    """The generated family as a model, and how long loading it took (strict YAML, model, checks)."""
    from genogram.io.family import loads_family

    text = generate(people, seed)
    start = time.perf_counter()
    family = loads_family(text, f"generated-{people}.yaml").family
    elapsed = time.perf_counter() - start
    if not households:
        family = family.model_copy(update={"households": [], "missing": [g for g in family.missing if g.about not in family.household_by_id]})
    return family, elapsed


def warm_up(seed: int) -> None:
    """Imports, font metrics and caches, once, on a small family: start-up is not layout work."""
    from genogram.layout.genogram import layout_genogram
    from genogram.render.svg import genogram_svg

    family, _ = _family(60, seed)
    genogram_svg(family, layout_genogram(family))


def time_size(people: int, seed: int, runs: int, households: bool = True) -> Row:
    """Best-of-``runs`` seconds for layout, drawing and both (after :func:`warm_up`)."""
    from genogram.layout.genogram import layout_genogram
    from genogram.layout.metrics import measure
    from genogram.render.svg import genogram_svg

    family, load = _family(people, seed, households)
    layouts, draws, totals, cpus = [], [], [], []
    for _ in range(runs):
        gc.collect()
        cpu = time.process_time()
        start = time.perf_counter()
        geometry = layout_genogram(family)
        middle = time.perf_counter()
        svg = genogram_svg(family, geometry)
        end = time.perf_counter()
        cpus.append(time.process_time() - cpu)
        layouts.append(middle - start)
        draws.append(end - middle)
        totals.append(end - start)
    metrics = measure(geometry, family).as_json()
    metrics.pop("examples", None)
    return Row(people, runs, load, min(layouts), min(draws), min(totals), min(cpus), len(svg.encode("utf-8")), metrics)


def profile_drawing(people: int, seed: int, top: int, households: bool = True) -> str:
    """cProfile of one `genogram_svg` call; the layout is done first, outside the profile."""
    from genogram.layout.genogram import layout_genogram
    from genogram.render.svg import genogram_svg

    family, _ = _family(people, seed, households)
    geometry = layout_genogram(family)
    profiler = cProfile.Profile()
    profiler.enable()
    genogram_svg(family, geometry)
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out).strip_dirs()
    out.write(f"drawing {people:,} people: top {top} by own time\n")
    stats.sort_stats("tottime").print_stats(top)
    out.write(f"drawing {people:,} people: top {top} by cumulative time\n")
    stats.sort_stats("cumulative").print_stats(top)
    return out.getvalue()


def _growth(rows: list[Row], i: int) -> str:
    if i == 0 or rows[i - 1].total <= 0:
        return "-"
    a, b = rows[i - 1], rows[i]
    return f"{math.log(b.total / a.total) / math.log(b.people / a.people):.2f}"


def print_table(rows: list[Row]) -> None:
    print(f"{'people':>7} {'runs':>4} {'load':>8} {'layout':>8} {'draw':>8} {'total':>8} {'cpu':>8} {'us/person':>9} {'growth':>6} {'aim':>6}  ok   {'violations':>10}  crossings")
    for i, row in enumerate(rows):
        aim = AIMS.get(row.people)
        verdict = f"{aim:5.1f}s  {'yes' if row.total <= aim else 'NO ':3}" if aim else f"{'-':>6}  {'':3}"
        m = row.metrics
        print(
            f"{row.people:>7,} {row.runs:>4} {row.load:>7.3f}s {row.layout:>7.3f}s {row.draw:>7.3f}s {row.total:>7.3f}s {row.cpu:>7.3f}s "
            f"{row.total / row.people * 1e6:>9.0f} {_growth(rows, i):>6} {verdict}  {m['violations']:>10}  {m['crossings']}"
        )
    broken = [row for row in rows if row.metrics["violations"]]
    for row in broken:
        m = row.metrics
        parts = ", ".join(f"{k} {m[k]}" for k in ("overlaps", "off_row", "partners_not_adjacent", "lines_through_boxes", "birth_order", "sibships_split") if m[k])
        print(f"  {row.people:,} people: {parts}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time genogram layout and drawing.")
    parser.add_argument("--sizes", default="100,1000,3000,10000", help="comma-separated family sizes (default 100,1000,3000,10000)")
    parser.add_argument("--runs", type=int, default=5, help="timed runs per size, best taken (default 5)")
    parser.add_argument("--large-runs", type=int, default=2, help=f"timed runs from {LARGE:,} people (default 2)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", type=Path, help="also write the results as JSON to this file")
    parser.add_argument("--profile", type=int, metavar="PEOPLE", help="then profile drawing at this size (cProfile)")
    parser.add_argument("--profile-top", type=int, default=25, help="functions to list in the profile (default 25)")
    parser.add_argument(
        "--without-households",
        action="store_true",
        help="diagnostic: drop households (and gaps about them) before layout, to see what household outlines cost",
    )
    args = parser.parse_args(argv)
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    if args.profile and not sizes:
        warm_up(args.seed)
    households = not args.without_households
    if sizes:
        warm_up(args.seed)
    rows = []
    for people in sizes:
        print(f"timing {people:,} people...", file=sys.stderr, flush=True)
        rows.append(time_size(people, args.seed, args.large_runs if people >= LARGE else args.runs, households))
    if rows:
        if not households:
            print("households left out (--without-households): not comparable with the aims")
        print_table(rows)
        print("times are wall-clock, best of the runs; cpu is this process's CPU time for layout and drawing (less")
        print("sensitive to other work on a shared machine). The aims apply to the wall-clock total.")
    if args.json:
        data = {
            "benchmark": "genogram layout and drawing",
            "seed": args.seed,
            "households": households,
            "python": platform.python_version(),
            "machine": platform.machine(),
            "aims_s": {str(k): v for k, v in AIMS.items()},
            "results": [row.as_json() for row in rows],
        }
        args.json.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {args.json}")
    if args.profile:
        print()
        print(profile_drawing(args.profile, args.seed, args.profile_top, households))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
