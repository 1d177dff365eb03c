"""The pedigree part of bench/run: converted public genealogies, our rows beside dot's.

Nothing is fetched and no third-party file is kept here: give ``bench/run
--pedigrees DIR`` (or set ``GENOGRAM_PEDIGREES=DIR``) a folder of GEDCOM
(``.ged``), Gramps XML (``.gramps``) and kinship2 table (``.tab``, ``.ped``)
files; bench/pedigrees.md says where each public one comes from. Each file
(each pedigree of a table) is converted with bench/pedigree_to_family.py
into a temporary folder and measured with bench/pedigree_rows.py; the
least possible number of bent lines is solved when scipy is installed.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pedigree_rows import measure_file, table
from pedigree_to_family import convert, pedigrees_in

SOURCES = (".ged", ".gramps", ".tab", ".ped")
#: Seconds the exact lower bound may take per file.
BOUND_SECONDS = 120.0


def _has_scipy() -> bool:
    try:
        import scipy.optimize  # type: ignore[import-untyped,unused-ignore]  # noqa: F401
    except ImportError:
        return False
    return True


def run_pedigrees(folder: Path, log: Callable[[str], None]) -> dict[str, Any]:
    """Convert and measure every pedigree file in ``folder`` (JSON-ready)."""
    bound = _has_scipy()
    files = sorted(p for p in folder.iterdir() if p.suffix.lower() in SOURCES)
    out: dict[str, Any] = {"folder": str(folder), "bound": bound, "results": [], "notes": []}
    with tempfile.TemporaryDirectory() as tmp:
        for source in files:
            for ped in pedigrees_in(source):
                name = source.stem + (f"-ped{ped}" if ped is not None else "")
                label = source.name + (f", pedigree {ped}" if ped is not None else "")
                converted = convert(source, ped, label)
                out["notes"] += [f"{source.name}: {note}" for note in converted.notes]
                if converted.dropped_dates:
                    out["notes"].append(f"{source.name}: {converted.dropped_dates} dates outside 1800-2200 left out")
                path = Path(tmp) / f"{name}.yaml"
                path.write_text(converted.dump(), encoding="utf-8")
                log(f"pedigree {name}: {len(converted.people):,} people")
                start = time.perf_counter()
                result = measure_file(path, bound, BOUND_SECONDS, label)
                result["seconds"] = round(time.perf_counter() - start, 1)
                out["results"].append(result)
    return out


def pedigree_markdown(result: dict[str, Any] | None) -> list[str]:
    """The results.md section (a line saying why when it was skipped)."""
    L = ["## Generations on converted public pedigrees", ""]
    if not result:
        L.append("Skipped: no folder of pedigree files given (`bench/run --pedigrees DIR` or `GENOGRAM_PEDIGREES=DIR`; "
                 "bench/pedigrees.md says where to get each file).")
        return L + [""]
    L.append("`bench/pedigree_rows.py` on each file converted by `bench/pedigree_to_family.py` (scored without the date checks). "
             "Columns: birth descent lines not one row down, ours / dot's own ranking (the least any rows with partners on one row can have, "
             "solved exactly, in brackets); sibships on several rows in parts of the family whose links can all be kept / in parts where they cannot, "
             "ours then dot's ranking; *irregular unions*: unions with a child line our rows bend (removing them leaves rows that keep every link); "
             "height of our drawing, of the same family without its irregular unions, and of dot's drawing (chains, given our rows), "
             "with rows used; straight-edge crossings ours / dot (chains); width of our drawing, of dot's (chains), and the least any drawing "
             "with our rows can have (its widest row's couple chains packed side by side, `widest_row`), with ours over that least.")
    if not result["bound"]:
        L.append("The least possible bent lines were not solved: scipy is not installed (`pip install scipy`).")
    L += ["", *table(result["results"]), ""]
    aims = []
    for r in result["results"]:
        o, w = r["ours"], r["without_irregular"]
        share = o["bent"] / r["birth_lines"] if r["birth_lines"] else 0.0
        least = r.get("bound", {}).get("bound") if r.get("bound", {}).get("status") == "optimal" else None
        floor = f"; least possible {least} ({100 * least / r['birth_lines']:.1f}%)" if least is not None and r["birth_lines"] else ""
        aims.append(
            f"- {r['file']}: split sibships where rows keeping every link exist {o['split_consistent']} (aim 0: {'met' if o['split_consistent'] == 0 else 'NOT met'}); "
            f"children not below a parent {100 * share:.1f}% (aim at most 1%: {'met' if share <= 0.01 else 'NOT met'}{floor}); "
            f"height {o['height'] / w['height']:.2f} times the drawing without irregular unions (aim at most 2: {'met' if o['height'] <= 2 * w['height'] else 'NOT met'}); "
            f"width {o['width'] / r['widest_row']:.2f} times the widest row, aspect {o['width'] / o['height']:.1f}:1."
        )
    L += aims
    if result["notes"]:
        L += ["", "Converter notes: " + "; ".join(result["notes"]) + "."]
    return L + [""]


def lineage_markdown(runs: dict[str, Any]) -> list[str]:
    """The results.md section for the second generator (bench/lineages.py)."""
    L = ["## Layout on a second generator (`bench/lineages.py`)", ""]
    L.append("Families from an independent seeded generator (several lineages marrying into each other), up to 3,000 people "
             "(at 10,000 dot takes minutes a run: bench/pedigrees.md has those numbers, measured by hand). One whole-process run each; "
             "dot with the kept encoding, given our rows. *birth order*: sibling pairs out of birth order, all and (in brackets) those "
             "no order with partners side by side can avoid; *violations* count only the avoidable ones.")
    L += ["", "| seed | people | engine | process | violations | birth order (forced) | !below (birth) | rows>1 | edge x | width |",
          "|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|"]
    for seed, lay in runs.items():
        for n, entry in lay["sizes"].items():
            items = [("ours", entry["ours"])] + [(f"dot/{e}", d) for e, d in entry["dot"].items()]
            for name, item in items:
                proc = item.get("process", {})
                t = f"{proc['median']:.2f} s" if proc.get("status") == "ok" else str(proc.get("status"))
                m = item.get("metrics") or {}
                cells = [m.get(k, "-") for k in ("violations", "birth_order", "children_not_below", "sibships_across_rows", "edge_crossings")]
                if "birth_order_forced" in m:
                    cells[1] = f"{m['birth_order']:,} ({m['birth_order_forced']:,})"
                width = f"{m['width']:,.0f}" if "width" in m else "-"
                L.append(f"| {seed} | {int(n):,} | {name} | {t} | " + " | ".join(f"{c:,}" if isinstance(c, int) else str(c) for c in cells) + f" | {width} |")
    return L + [""]
