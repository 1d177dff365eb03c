"""Our genogram layout against Graphviz dot, on the same generated families.

For each size the family is laid out by our engine and by dot (each DOT
encoding in genogram/layout/dot.py), dot's positions are read back into our
geometry, and both are scored by genogram/layout/metrics.py. Times are taken
two ways:

* whole processes as a user runs them: ``genogram layout FILE`` (start-up,
  strict YAML load and validation, layout, scoring with the metrics, a
  three-line summary; no --json) against ``dot -Tjson0 FILE.dot`` on a DOT
  file written beforehand (dot parses DOT, lays out, routes edges, writes
  JSON; it does no validation and no scoring, so the comparison leans
  towards dot);
* in-process: load / layout / measure for ours; DOT source, the dot run,
  reading back and measure for dot.

Each process gets a time limit per size; one that runs out is recorded as a
timeout, never as a number. dot is installed from the system packages when
missing (``apt-get install -y graphviz``), the Python package with pip.

    python bench/compare_dot.py [--sizes 10,100,1000] [--runs 3] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench_validate import add_tool_option, choose_tool, genogram_command
from families import generate
from lineages import generate as generate_lineages

#: Seeded generators of families to compare on (bench/families.py, bench/lineages.py).
GENERATORS = {"families": generate, "lineages": generate_lineages}

SIZES = (10, 100, 1000, 3000, 10000)
#: Seconds one process may take at each size before it is recorded as a timeout.
LIMITS = {10: 20.0, 100: 20.0, 1000: 60.0, 3000: 90.0, 10000: 120.0}
#: Whole-process runs per size (the median is reported).
RUNS = {10: 5, 100: 5, 1000: 3, 3000: 3, 10000: 2}
#: Every encoding is tried up to this size; above it only the best one so far runs.
TRY_ALL_UP_TO = 3000
#: Sizes where an aim compares the two whole processes: timed again in
#: pairs (ours, then dot), so load drifting on a shared machine between the
#: separate runs above moves both sides of each ratio alike.
PAIRED = {3000: 9}


# ------------------------------------------------------------------ processes
@dataclass(slots=True)
class ProcessRun:
    """One whole process: wall seconds, peak resident memory, and how it ended."""

    seconds: float | None
    peak_kib: int | None
    returncode: int | None
    timed_out: bool
    stdout: bytes = b""
    stderr: bytes = b""


def _gnu_time() -> str | None:
    """GNU time, which reports its child's own peak memory.

    A process forked from this (large) Python inherits its resident set in
    ru_maxrss until exec, so wait4 here would report our size, not the child's;
    GNU time is small and forks the command itself.
    """
    path = shutil.which("time") or ("/usr/bin/time" if Path("/usr/bin/time").exists() else None)
    if path is None:
        return None
    probe = subprocess.run([path, "-f", "%M", "true"], capture_output=True, text=True, check=False)
    return path if probe.returncode == 0 and probe.stderr.strip().isdigit() else None


GNU_TIME = _gnu_time()


def run_process(command: list[str], limit: float, keep_output: bool = False) -> ProcessRun:
    """Run ``command`` with a time limit; peak RSS from GNU time (else wait4, which overstates small processes)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, tempfile.NamedTemporaryFile("r") as mem:
        wrapped = [GNU_TIME, "-f", "%M", "-o", mem.name, *command] if GNU_TIME else command
        start = time.perf_counter()
        proc = subprocess.Popen(wrapped, stdout=out, stderr=err, stdin=subprocess.DEVNULL, start_new_session=True)
        box: dict[str, Any] = {}

        def reap() -> None:
            _, status, usage = os.wait4(proc.pid, 0)
            box["end"] = time.perf_counter()
            box["status"] = status
            box["usage"] = usage

        waiter = threading.Thread(target=reap, daemon=True)
        waiter.start()
        waiter.join(limit)
        timed_out = waiter.is_alive()
        if timed_out:
            try:
                os.killpg(proc.pid, signal.SIGKILL)  # the session this call started: the command and its children
            except ProcessLookupError:  # it ended just now
                pass
            waiter.join()
        proc.returncode = os.waitstatus_to_exitcode(box["status"])  # keep Popen from waiting again
        stdout = b""
        if keep_output and not timed_out:
            out.seek(0)
            stdout = out.read()
        err.seek(0)
        stderr = err.read()[-2000:]
        peak = int(box["usage"].ru_maxrss)
        if GNU_TIME and not timed_out:
            lines = [line for line in mem.read().split() if line.isdigit()]
            peak = int(lines[-1]) if lines else peak
            if proc.returncode and b"Command exited with non-zero status" in stderr:
                stderr = stderr.replace(b"Command exited with non-zero status", b"")
    if timed_out:
        return ProcessRun(None, None, None, True, b"", stderr)
    return ProcessRun(box["end"] - start, peak, proc.returncode, False, stdout, stderr)


def timed_runs(command: list[str], runs: int, limit: float, ok: tuple[int, ...] = (0,), keep_first: bool = False,
               spend: float | None = None) -> dict[str, Any]:
    """Median wall time and peak memory over ``runs`` processes; stops at the first timeout,
    and repeats no more once ``spend`` seconds have gone (slow cases get fewer runs)."""
    times: list[float] = []
    peaks: list[int] = []
    first: ProcessRun | None = None
    for i in range(runs):
        if spend is not None and times and sum(times) >= spend:
            break
        run = run_process(command, limit, keep_output=keep_first and i == 0)
        if first is None:
            first = run
        if run.timed_out:
            return {"status": "timeout", "limit": limit, "runs": len(times), "first": first}
        if run.returncode not in ok:
            detail = run.stderr.decode("utf-8", "replace").strip().splitlines()
            return {"status": "failed", "returncode": run.returncode, "error": detail[-1] if detail else "", "first": first}
        times.append(run.seconds or 0.0)
        peaks.append(run.peak_kib or 0)
    return {"status": "ok", "median": statistics.median(times), "min": min(times), "runs": len(times), "peak_mib": round(max(peaks) / 1024, 1), "first": first}


def public(entry: dict[str, Any]) -> dict[str, Any]:
    """A timing entry without the captured process output (for JSON)."""
    out = {k: v for k, v in entry.items() if k != "first"}
    for key in ("median", "min"):
        if key in out:
            out[key] = round(out[key], 4)
    return out


# ------------------------------------------------------------------ dot setup
def ensure_dot(install: bool = True) -> str:
    """The dot version, installing Graphviz (system package) and the graphviz wheel when missing."""
    if shutil.which("dot") is None and install:
        print("dot not found: installing Graphviz from the system packages", file=sys.stderr)
        sudo = [] if os.geteuid() == 0 else (["sudo"] if shutil.which("sudo") else [])
        if shutil.which("apt-get"):
            subprocess.run([*sudo, "apt-get", "install", "-y", "graphviz"], check=False)
            if shutil.which("dot") is None:
                subprocess.run([*sudo, "apt-get", "update"], check=False)
                subprocess.run([*sudo, "apt-get", "install", "-y", "graphviz"], check=False)
        elif shutil.which("brew"):
            subprocess.run(["brew", "install", "graphviz"], check=False)
    global GNU_TIME
    if GNU_TIME is None and install and shutil.which("apt-get"):
        print("GNU time not found (for peak memory): installing it from the system packages", file=sys.stderr)
        sudo = [] if os.geteuid() == 0 else (["sudo"] if shutil.which("sudo") else [])
        subprocess.run([*sudo, "apt-get", "install", "-y", "time"], check=False, capture_output=True)
        GNU_TIME = _gnu_time()
    try:
        import graphviz  # noqa: F401
    except ImportError:
        if install:
            subprocess.run([sys.executable, "-m", "pip", "install", "graphviz"], check=False)
    if shutil.which("dot") is None:
        raise SystemExit("Graphviz's dot is missing and could not be installed: apt-get install graphviz")
    version = subprocess.run(["dot", "-V"], capture_output=True, text=True, check=False)
    return (version.stderr or version.stdout).strip()


# ------------------------------------------------------------------ scoring extras
def shared_lines(geo: Any) -> int:
    """Pairs of lines of different unions drawn on top of each other (collinear and overlapping).

    metrics.py counts crossings only; two sibship bars at one height that
    overlap are not a crossing but leave the reader unable to tell which
    children belong to which parents, so they are counted here for both engines.
    """
    segs: dict[tuple[str, float], list[tuple[float, float, str]]] = {}
    lines = [(u.id, u.points) for u in geo.unions] + [(d.union, d.points) for d in geo.children]
    for owner, pts in lines:
        for (x1, y1), (x2, y2) in zip(pts, pts[1:]):
            if abs(y1 - y2) < 1e-6 and abs(x1 - x2) > 1e-6:
                segs.setdefault(("h", round(y1, 1)), []).append((min(x1, x2), max(x1, x2), owner))
            elif abs(x1 - x2) < 1e-6 and abs(y1 - y2) > 1e-6:
                segs.setdefault(("v", round(x1, 1)), []).append((min(y1, y2), max(y1, y2), owner))
    pairs: set[tuple[str, str]] = set()
    for items in segs.values():
        items.sort()
        active: list[tuple[float, str]] = []  # (end, owner)
        for lo, hi, owner in items:
            active = [(end, o) for end, o in active if end > lo + 1.0]
            for _end, other in active:
                if other != owner:
                    pairs.add((min(owner, other), max(owner, other)))
            active.append((hi, owner))
    return len(pairs)


def edge_crossings(geo: Any) -> int:
    """Crossings of the family graph drawn with straight edges, union anchor to child, one row down.

    This is the count dot itself minimises, and it does not depend on how the
    lines are routed: an orthogonal drawing with all sibship bars at one height
    (dot's fork rank) turns crossings into overlaps that metrics.py cannot see,
    while ours spreads bars over channels, where they do show as crossings.
    """
    gen = {p.id: p.generation for p in geo.people}
    centre = {p.id: p.x + p.w / 2 for p in geo.people}
    anchors = {u.id: (u.anchor[0], gen[u.partners[0]]) for u in geo.unions if u.partners and u.partners[0] in gen}
    by_row: dict[int, list[tuple[float, float]]] = {}
    for d in geo.children:
        if d.union in anchors and d.child in gen:
            ax, r = anchors[d.union]
            if gen[d.child] == r + 1:
                by_row.setdefault(r, []).append((ax, centre[d.child]))
    total = 0
    for edges in by_row.values():
        # Pairs with a1 < a2 and c1 > c2 (strictly): inversions, counted with a Fenwick tree.
        cs = sorted({c for _, c in edges})
        rank = {c: i + 1 for i, c in enumerate(cs)}
        tree = [0] * (len(cs) + 1)
        seen = 0
        edges.sort()
        i = 0
        while i < len(edges):
            j = i
            while j < len(edges) and edges[j][0] == edges[i][0]:
                j += 1
            for _, c in edges[i:j]:  # count against earlier anchors only
                k, le = rank[c], 0
                while k:
                    le += tree[k]
                    k -= k & -k
                total += seen - le  # earlier anchors whose child is strictly right of c
            for _, c in edges[i:j]:
                k = rank[c]
                while k <= len(cs):
                    tree[k] += 1
                    k += k & -k
                seen += 1
            i = j
    return total


def score(geo: Any, family: Any) -> dict[str, Any]:
    from genogram.layout.metrics import measure

    start = time.perf_counter()
    metrics = measure(geo, family)
    seconds = time.perf_counter() - start
    out = metrics.as_json()
    out.pop("examples", None)
    out["examples"] = metrics.examples[:5]
    out["shared_lines"] = shared_lines(geo)
    out["edge_crossings"] = edge_crossings(geo)
    out["measure_seconds"] = round(seconds, 4)
    return out


# ------------------------------------------------------------------ one size
def bench_ours(path: Path, n: int, runs: int, limit: float) -> dict[str, Any]:
    """Whole processes, then one in-process run (in a worker process, so the time limit holds)."""
    process = timed_runs([*genogram_command(), "layout", str(path)], runs, limit, ok=(0, 1), spend=limit / 2)
    entry: dict[str, Any] = {"process": public(process)}
    if process["status"] == "timeout":
        entry["in_process"] = {"status": "timeout", "limit": limit}
        return entry
    worker = run_process([sys.executable, str(Path(__file__).resolve()), "--worker", str(path)], limit, keep_output=True)
    if worker.timed_out or worker.returncode != 0:
        entry["in_process"] = {"status": "timeout" if worker.timed_out else "failed", "limit": limit}
        return entry
    data = json.loads(worker.stdout.decode("utf-8"))
    entry["in_process"] = data["in_process"]
    entry["metrics"] = data["metrics"]
    return entry


def paired_runs(path: Path, dot_file: Path, encoding: str, pairs: int, limit: float) -> dict[str, Any]:
    """``genogram layout`` and ``dot -Tjson0`` run alternately: the ratio of each pair, and their median."""
    ratios: list[float] = []
    ours_s: list[float] = []
    dot_s: list[float] = []
    for _ in range(pairs):
        a = run_process([*genogram_command(), "layout", str(path)], limit)
        b = run_process(["dot", "-Tjson0", str(dot_file)], limit)
        if a.seconds is None or b.seconds is None or a.returncode not in (0, 1) or b.returncode != 0:
            return {"status": "failed", "encoding": encoding}
        ours_s.append(a.seconds)
        dot_s.append(b.seconds)
        ratios.append(a.seconds / b.seconds)
    return {
        "status": "ok",
        "encoding": encoding,
        "pairs": pairs,
        "ratio_median": round(statistics.median(ratios), 3),
        "ratio_min": round(min(ratios), 3),
        "ratio_max": round(max(ratios), 3),
        "ours_median": round(statistics.median(ours_s), 4),
        "dot_median": round(statistics.median(dot_s), 4),
    }


def worker(path: Path) -> None:
    """In-process timing of our engine for one file: load, layout, measure (prints JSON)."""
    from genogram.io.family import load_family
    from genogram.layout.genogram import layout_genogram

    start = time.perf_counter()
    family = load_family(path).family
    loaded = time.perf_counter()
    geo = layout_genogram(family)
    laid = time.perf_counter()
    metrics = score(geo, family)
    timing = {"load": round(loaded - start, 4), "layout": round(laid - loaded, 4), "measure": metrics["measure_seconds"]}
    print(json.dumps({"in_process": timing, "metrics": metrics}))


def bench_dot(path: Path, family: Any, encoding: str, runs: int, limit: float, workdir: Path) -> dict[str, Any]:
    from genogram.layout.dot import dot_source, geometry_from_dot, parse_json

    start = time.perf_counter()
    plan = dot_source(family, encoding)
    source_seconds = time.perf_counter() - start
    dot_file = workdir / f"{path.stem}.{encoding}.dot"
    dot_file.write_text(plan.source, encoding="utf-8")
    process = timed_runs(["dot", "-Tjson0", str(dot_file)], runs, limit, keep_first=True, spend=limit / 2)
    entry: dict[str, Any] = {"encoding": encoding, "process": public(process)}
    if process["status"] != "ok":
        return entry
    start = time.perf_counter()
    result = parse_json(process["first"].stdout.decode("utf-8"))
    geo = geometry_from_dot(family, plan, result)
    read_seconds = time.perf_counter() - start
    metrics = score(geo, family)
    entry["in_process"] = {
        "source": round(source_seconds, 4),
        "dot": round(process["first"].seconds, 4),
        "read_back": round(read_seconds, 4),
        "measure": metrics["measure_seconds"],
    }
    entry["metrics"] = metrics
    return entry


def simple_source(family: Any) -> str:
    """The plainest DOT for the family, as a time reference only: a node per person (sized as in
    the encodings) and an edge from each parent to each child; no ranks, no union or family nodes."""
    from genogram.layout.dot import POINTS, dot_source

    plan = dot_source(family, "marriage")
    index = {p.id: i for i, p in enumerate(family.people)}
    out = ["digraph simple {", '  node [shape=box, fixedsize=true, label=""];']
    for i in range(len(family.people)):
        out.append(f"  p{i} [width={2 * plan.half_w[i] / POINTS:.4f}, height={2 * plan.half_h[plan.row[i]] / POINTS:.4f}];")
    for union in family.unions:
        for parent in union.partners:
            for child in union.children:
                if parent in index and child.id in index:
                    out.append(f"  p{index[parent]} -> p{index[child.id]};")
    out.append("}")
    return "\n".join(out) + "\n"


def bench_simple(path: Path, family: Any, limit: float, workdir: Path) -> dict[str, Any]:
    """One timed `dot -Tjson0` run of :func:`simple_source` (not scored: no generations, no unions)."""
    dot_file = workdir / f"{path.stem}.simple.dot"
    dot_file.write_text(simple_source(family), encoding="utf-8")
    return {"process": public(timed_runs(["dot", "-Tjson0", str(dot_file)], 1, limit))}


def rank_key(entries: list[dict[str, Any]]) -> tuple[float, float, float]:
    """Fewest violations, then fewest crossings, then fewest straight-edge crossings (summed over sizes); a timeout ranks last."""
    if any("metrics" not in e for e in entries):
        return (float("inf"), float("inf"), float("inf"))
    return (sum(e["metrics"]["violations"] for e in entries), sum(e["metrics"]["crossings"] for e in entries), sum(e["metrics"]["edge_crossings"] for e in entries))


def compare(sizes: list[int], seed: int = 1, encodings: list[str] | None = None, runs: dict[int, int] | None = None,
            limits: dict[int, float] | None = None, try_all_up_to: int = TRY_ALL_UP_TO, log: Any = None,
            budget: float | None = None, generator: str = "families", paired: dict[int, int] | None = None,
            simple: bool = True) -> dict[str, Any]:
    """Run the comparison; returns a JSON-ready dict (sizes, per-engine results, the chosen encoding).

    ``budget`` (seconds) bounds the whole comparison: once it is spent, the
    remaining steps are recorded as skipped instead of run. ``paired``
    (default :data:`PAIRED`) says at which sizes ours and dot are timed
    again alternately; ``simple`` times dot on the plainest encoding too.
    """
    paired = PAIRED if paired is None else paired
    deadline = time.perf_counter() + budget if budget else None

    def spent() -> bool:
        return deadline is not None and time.perf_counter() > deadline

    from genogram.io.family import load_family
    from genogram.layout.dot import DEFAULT_ENCODING, ENCODINGS

    say = log or (lambda text: print(text, file=sys.stderr, flush=True))
    encodings = list(encodings or ENCODINGS)
    runs = runs or RUNS
    limits = limits or LIMITS
    out: dict[str, Any] = {"seed": seed, "sizes": {}, "encodings": encodings}
    tried: dict[str, list[dict[str, Any]]] = {e: [] for e in encodings}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for n in sizes:
            path = work / f"family-{n}.yaml"
            path.write_text(GENERATORS[generator](n, seed), encoding="utf-8")
            family = load_family(path).family
            r, limit = runs.get(n, 1), limits.get(n, 120.0)
            say(f"[{n} people] ours: genogram layout x{r}")
            skipped = {"process": {"status": "skipped", "reason": "time budget spent"}}
            ours = skipped if spent() else bench_ours(path, n, r, limit)
            if n <= try_all_up_to:
                these = encodings
            else:
                these = [best_encoding(tried, DEFAULT_ENCODING)]
            dots: dict[str, Any] = {}
            for encoding in these:
                best_so_far = best_encoding(tried, DEFAULT_ENCODING)
                repeat = r if encoding == best_so_far or n > try_all_up_to else 1
                say(f"[{n} people] dot, {encoding} encoding x{repeat}")
                entry = {"encoding": encoding, **skipped} if spent() else bench_dot(path, family, encoding, repeat, limit, work)
                dots[encoding] = entry
                tried[encoding].append(entry)
            kept = best_encoding(tried, DEFAULT_ENCODING)
            if n in paired and not spent() and ours["process"].get("status") == "ok" and dots.get(kept, {}).get("process", {}).get("status") == "ok":
                say(f"[{n} people] ours and dot ({kept}), alternately x{paired[n]}")
                out.setdefault("paired", {})[str(n)] = paired_runs(path, work / f"{path.stem}.{kept}.dot", kept, paired[n], limit)
            if simple and n <= try_all_up_to and not spent():
                say(f"[{n} people] dot, simple encoding (time reference) x1")
                simple_run = bench_simple(path, family, limit, work)
            else:  # past 3,000 people it only costs time (minutes at 10,000)
                simple_run = {"process": {"status": "skipped", "reason": "time reference run up to the try-all size only"}}
            out["sizes"][str(n)] = {"people": n, "limit": limit, "ours": ours, "dot": dots, "dot_simple": simple_run}
    # Ranked over the sizes every encoding ran (the smallest ones).
    done = [e for e in encodings if tried[e]]
    common = min((len(tried[e]) for e in done), default=0)
    ranking = sorted(done, key=lambda e: (rank_key(tried[e][:common]), e != DEFAULT_ENCODING))
    out["ranking"] = [
        {"encoding": e, "key": [None if v == float("inf") else v for v in rank_key(tried[e][:common])], "sizes": common}
        for e in ranking
    ]
    out["ranked_sizes"] = [n for n in sizes][:common]
    out["best"] = best_encoding(tried, DEFAULT_ENCODING)
    out["default_encoding"] = DEFAULT_ENCODING
    return out


def best_encoding(tried: dict[str, list[dict[str, Any]]], fallback: str) -> str:
    """The best encoding over the sizes every encoding has finished so far."""
    done = [e for e, entries in tried.items() if entries]
    if not done:
        return fallback
    common = min(len(tried[e]) for e in done)
    return min(done, key=lambda e: (rank_key(tried[e][:common]), e != fallback))


#: Columns of the --files table: (heading, metric), in order.
FILE_COLUMNS = (
    ("viol", "violations"), ("split", "sibships_split"), ("order", "birth_order"), ("!below", "children_not_below"),
    ("!below2", "other_children_not_below"), ("rows>1", "sibships_across_rows"), ("edge x", "edge_crossings"),
    ("width", "width"), ("height", "height"),
)


def score_files(paths: list[Path], encodings: list[str] | None = None) -> None:
    """Ours against dot on given family files (converted public pedigrees, another generator's families), in process."""
    from genogram.io.family import load_family
    from genogram.layout.dot import ENCODINGS, layout_dot
    from genogram.layout.genogram import layout_genogram

    print(f"{'file':<28} {'engine':<14} " + " ".join(f"{h:>8}" for h, _ in FILE_COLUMNS))
    for path in paths:
        # Real genealogies carry date errors (royal92: a child born before a parent was 10);
        # they do not change the drawing, so they are not checked here.
        family = load_family(path, check=False).family
        engines: list[tuple[str, Callable[[], Any]]] = [("ours", partial(layout_genogram, family))]
        engines += [(f"dot/{e}", partial(layout_dot, family, encoding=e)) for e in (encodings or list(ENCODINGS))]
        for name, run in engines:
            start = time.perf_counter()
            geo = run()
            seconds = time.perf_counter() - start
            m = score(geo, family)
            cells = " ".join(f"{m[key]:>8.0f}" if isinstance(m[key], float) else f"{m[key]:>8}" for _, key in FILE_COLUMNS)
            print(f"{path.name[:28]:<28} {name:<14} {cells}  ({seconds:.2f} s)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Compare our genogram layout with Graphviz dot.")
    parser.add_argument("--sizes", default=",".join(str(s) for s in SIZES))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--encodings", default="", help="comma-separated (default: all in genogram/layout/dot.py)")
    parser.add_argument("--runs", type=int, help="whole-process runs per size (default: 5 small ... 2 at 10,000)")
    parser.add_argument("--try-all-up-to", type=int, default=TRY_ALL_UP_TO)
    parser.add_argument("--json", type=Path, help="write the results here")
    parser.add_argument("--worker", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--generator", choices=sorted(GENERATORS), default="families", help="which seeded generator makes the families")
    parser.add_argument("--files", nargs="+", type=Path, help="score these family files (ours and every dot encoding, in process) instead of generated sizes")
    add_tool_option(parser)  # in-process timing of our engine, for one file
    args = parser.parse_args(argv)
    if args.worker:
        worker(args.worker)
        return 0
    if args.files:
        print(ensure_dot(), file=sys.stderr)
        score_files(args.files, [e for e in args.encodings.split(",") if e] or None)
        return 0
    print(ensure_dot(), file=sys.stderr)
    sizes = [int(s) for s in args.sizes.split(",") if s]
    runs = {n: args.runs for n in sizes} if args.runs else None
    with tempfile.TemporaryDirectory() as tmp:
        print(f"timing {choose_tool(args.dev_install, Path(tmp) / 'venv')}", file=sys.stderr)
        result = compare(sizes, args.seed, [e for e in args.encodings.split(",") if e] or None, runs, try_all_up_to=args.try_all_up_to, generator=args.generator)
    if args.json:
        args.json.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(f"{'people':>7} {'engine':<16} {'process s':>10} {'violations':>10} {'crossings':>9} {'shared':>7} {'edge x':>7} {'width':>9}")
    for n, entry in result["sizes"].items():
        rows = [("ours", entry["ours"])] + [(f"dot/{e}", d) for e, d in entry["dot"].items()]
        for name, item in rows:
            proc = item["process"]
            t = f"{proc['median']:.2f}" if proc.get("status") == "ok" else proc.get("status")
            m = item.get("metrics")
            print(f"{n:>7} {name:<16} {t:>10} " + (f"{m['violations']:>10} {m['crossings']:>9} {m['shared_lines']:>7} {m['edge_crossings']:>7} {m['width']:>9.0f}" if m else ""))
    print(f"best dot encoding: {result['best']}")
    for n, pair in result.get("paired", {}).items():
        if pair.get("status") == "ok":
            print(f"{n} people, {pair['pairs']} paired runs: ours / dot median {pair['ratio_median']:.2f} ({pair['ratio_min']:.2f} to {pair['ratio_max']:.2f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
