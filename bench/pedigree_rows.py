"""Generations on converted public pedigrees: our rows against dot's, and the least any rows can do.

For each family file (made by ``bench/pedigree_to_family.py`` from a GEDCOM,
Gramps or kinship2 file; third-party data stays outside the repository) it
measures, beside Graphviz dot:

* descent lines (birth) not one row down, and their share of all birth lines;
* sibships (unions with two or more children) on more than one row, split
  by whether their connected part of the family has *consistent* rows: rows
  that keep every partner on one row and every child link exactly one row
  down (where such rows exist, no sibship needs to be split);
* height (rows and drawing units) of ours, of the same family with its
  *irregular unions* removed, and of dot's drawing. Irregular unions are,
  precisely: the unions with at least one child line our rows do not draw
  one row down (a bent line, or a child in their own parents' partner
  group). Every link left after removing them is kept exactly by our rows,
  so the family without them has consistent rows;
* straight-edge crossings (union to child, one row down), ours and dot's;
* with ``--bound``, the least number of bent birth lines any rows can have
  (partners on one row), solved exactly as a mixed-integer programme with
  scipy's HiGHS (``pip install scipy``; a bench-only dependency).

dot is measured twice: ``dot (ranks)`` is dot's own ranking of the family
(one node per partner group, an edge from parents to each child, weight 10
for birth and 2 for other children, as our weights; dot cannot draw a child
above its parents, it reverses an edge of each cycle instead), and
``dot/chains`` is dot's drawing given our rows (genogram/layout/dot.py),
for height and crossings.

    python bench/pedigree_rows.py /tmp/ped/royal92.yaml [--bound] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from compare_dot import edge_crossings


@dataclass
class Lines:
    """The family's descent lines over partner groups, as rows.py sees them."""

    group: list[int]
    births: list[tuple[int, int, int]] = field(default_factory=list)  # (union, parent group, child group)
    others: list[tuple[int, int, int]] = field(default_factory=list)
    sibships: dict[int, list[int]] = field(default_factory=dict)  # union -> child people (two or more)
    child_person: dict[tuple[int, int], int] = field(default_factory=dict)


def descent_lines(family: Any) -> Lines:
    from genogram.layout.rows import partner_groups
    from genogram.model import ChildRelation

    index = {p.id: i for i, p in enumerate(family.people)}
    out = Lines(partner_groups(family, index))
    for u, union in enumerate(family.unions):
        ps = [index[p] for p in union.partners if p in index]
        kids = list(dict.fromkeys(index[c.id] for c in union.children if c.id in index))
        if not ps:
            continue
        if len(kids) > 1:
            out.sibships[u] = kids
        for ref in union.children:
            c = index.get(ref.id)
            if c is None:
                continue
            line = (u, out.group[ps[0]], out.group[c])
            (out.births if ref.relation == ChildRelation.BIOLOGICAL else out.others).append(line)
    return out


def consistent_parts(lines: Lines) -> dict[int, bool]:
    """For each partner group: whether its connected part has rows keeping every child link exactly."""
    parent = {g: g for g in set(lines.group)}
    offset = dict.fromkeys(parent, 0)  # row[g] - row[root]

    def find(g: int) -> tuple[int, int]:
        d = 0
        path = []
        while parent[g] != g:
            path.append(g)
            d += offset[g]
            g = parent[g]
        acc = d
        for p in path:  # compress: every node on the path now points at the root
            step = offset[p]
            offset[p], parent[p] = acc, g
            acc -= step
        return g, d

    bad: set[int] = set()
    for _, high, low in lines.births + lines.others:
        (rh, dh), (rl, dl) = find(high), find(low)
        if rh == rl:
            if dl - dh != 1:
                bad.add(rh)
            continue
        parent[rl], offset[rl] = rh, dh + 1 - dl
        if rl in bad:
            bad.add(rh)
    return {g: find(g)[0] not in bad for g in parent}


def dot_ranks(family: Any, lines: Lines) -> list[int]:
    """dot's own ranking of the family: each person's rank, 0 at the top."""
    groups = sorted(set(lines.group))
    out = ["digraph ranks {", "  graph [mclimit=0.01, nslimit1=1];", "  node [shape=point];"]
    out += [f"  g{g};" for g in groups]
    for weight, batch in ((10, lines.births), (2, lines.others)):
        for _, high, low in batch:
            if high != low:
                out.append(f"  g{high} -> g{low} [weight={weight}];")
    out.append("}")
    plain = subprocess.run(["dot", "-Tplain"], input="\n".join(out), capture_output=True, text=True, check=True).stdout
    y = {int(m.group(1)): float(m.group(2)) for m in re.finditer(r"^node g(\d+) \S+ (\S+)", plain, re.M)}
    levels = {v: i for i, v in enumerate(sorted(set(y.values()), reverse=True))}
    return [levels[y[g]] for g in lines.group]


def row_counts(lines: Lines, row: list[int], ok: dict[int, bool]) -> dict[str, Any]:
    """Birth lines not one row down, sibships on several rows (in consistent and in inconsistent parts), rows used."""
    grow: dict[int, int] = {}
    for p, g in enumerate(lines.group):
        grow[g] = row[p]
    bent = sum(1 for _, h, lo in lines.births if grow[lo] - grow[h] != 1)
    split_ok = split_bad = 0
    for kids in lines.sibships.values():
        if len({row[c] for c in kids}) > 1:
            if ok[lines.group[kids[0]]]:
                split_ok += 1
            else:
                split_bad += 1
    return {"bent": bent, "split_consistent": split_ok, "split_inconsistent": split_bad, "rows": max(row) - min(row) + 1}


def irregular_unions(lines: Lines, row: list[int]) -> set[int]:
    """Unions with a child line our rows do not draw one row down (see the module docstring)."""
    grow = {g: row[p] for p, g in enumerate(lines.group)}
    return {u for u, h, lo in lines.births + lines.others if grow[lo] - grow[h] != 1}


def without_unions(family: Any, drop: set[int]) -> Any:
    return family.model_copy(update={"unions": [u for i, u in enumerate(family.unions) if i not in drop]})


Gains = dict[int, dict[int, dict[int, int]]]  # adj[u][v][offset] = weight: row[v] - row[u] wants offset


def _add(adj: Gains, u: int, v: int, off: int, w: int) -> None:
    adj.setdefault(u, {}).setdefault(v, {})
    adj.setdefault(v, {}).setdefault(u, {})
    adj[u][v][off] = adj[u][v].get(off, 0) + w
    adj[v][u][-off] = adj[v][u].get(-off, 0) + w


def _drop(adj: Gains, u: int) -> None:
    for v in adj.pop(u):
        del adj[v][u]
        if not adj[v]:
            del adj[v]


def reduce_gains(adj: Gains) -> int:
    """Shrink the problem exactly; returns the cost it forces.

    A node joined to one neighbour only keeps the heaviest of its offsets
    and pays the rest; a node joined to exactly two neighbours by one
    line each is replaced by one line between them (keeping both is the
    sum of the offsets; bending one costs the lighter and frees the rest).
    """
    forced = 0
    queue = list(adj)
    while queue:
        u = queue.pop()
        if u not in adj:
            continue
        nbrs = adj[u]
        if len(nbrs) == 1:
            (v, offs), = nbrs.items()
            forced += sum(offs.values()) - max(offs.values())
            _drop(adj, u)
            queue.append(v)
        elif len(nbrs) == 2 and all(len(o) == 1 for o in nbrs.values()):
            (a, oa), (b, ob) = nbrs.items()
            (off_a, wa), = oa.items()  # row[a] - row[u]
            (off_b, wb), = ob.items()  # row[b] - row[u]
            _drop(adj, u)
            _add(adj, a, b, off_b - off_a, min(wa, wb))
            queue += [a, b]
    return forced


def bent_lower_bound(lines: Lines, ok: dict[int, bool], seconds: float = 600.0) -> dict[str, Any]:
    """The least number of bent birth lines over all rows (partners on one row), by an exact MILP.

    Only the inconsistent parts need solving (a consistent part keeps every
    line), shrunk exactly by :func:`reduce_gains`. Variables: a row per
    partner group (continuous: for fixed 0/1 choices the constraints are
    differences with integer bounds, so integral rows exist), a 0/1 "bent"
    per line; ``|row[v] - row[u] - offset| <= M * bent``. Children in their
    own parents' partner group are bent whatever the rows, counted apart.
    """
    import numpy as np  # type: ignore[import-not-found,unused-ignore]
    from scipy.optimize import Bounds, LinearConstraint, milp  # type: ignore[import-untyped,unused-ignore]
    from scipy.sparse import lil_matrix  # type: ignore[import-untyped,unused-ignore]

    impossible = sum(1 for _, h, lo in lines.births if h == lo)
    adj: Gains = {}
    for _, h, lo in lines.births:
        if h != lo and not ok[h]:
            _add(adj, h, lo, 1, 1)
    forced = reduce_gains(adj)
    edges = [(u, v, off, w) for u in adj for v, offs in adj[u].items() if u < v for off, w in offs.items()]
    base = impossible + forced
    if not edges:
        return {"bound": base, "impossible": impossible, "status": "optimal", "seconds": 0.0}
    nodes = sorted(adj)
    col = {g: i for i, g in enumerate(nodes)}
    n, m = len(nodes), len(edges)
    big = sum(abs(off) for _, _, off, _ in edges) + 1
    a = lil_matrix((2 * m, n + m))
    upper = np.zeros(2 * m)
    for k, (u, v, off, _) in enumerate(edges):
        for r, sign in ((2 * k, 1), (2 * k + 1, -1)):  # sign*(row[v] - row[u] - off) <= big*b
            a[r, col[v]] = sign
            a[r, col[u]] = -sign
            a[r, n + k] = -big
            upper[r] = sign * off
    cost = np.concatenate([np.zeros(n), np.array([w for *_, w in edges], dtype=float)])
    integrality = np.concatenate([np.zeros(n), np.ones(m)])
    bounds = Bounds(np.concatenate([np.full(n, -float(big)), np.zeros(m)]), np.concatenate([np.full(n, float(big)), np.ones(m)]))
    start = time.perf_counter()
    res = milp(cost, constraints=LinearConstraint(a.tocsr(), -np.inf, upper), integrality=integrality,
               bounds=bounds, options={"time_limit": seconds, "disp": False})
    spent = time.perf_counter() - start
    dual = getattr(res, "mip_dual_bound", None)
    value = res.fun if res.x is not None else None
    return {
        "bound": base + (round(value) if res.status == 0 and value is not None else int(np.ceil((dual or 0) - 1e-6))),
        "best_found": None if value is None else base + round(value),
        "impossible": impossible, "forced_by_reduction": forced,
        "status": "optimal" if res.status == 0 else res.message,
        "groups": n, "lines": m, "seconds": round(spent, 1),
    }


def measure_file(path: Path, bound: bool = False, bound_seconds: float = 600.0, label: str | None = None) -> dict[str, Any]:
    from genogram.io.family import load_family
    from genogram.layout.dot import layout_dot
    from genogram.layout.genogram import layout_genogram

    # Real genealogies carry date errors (royal92: a child born before a parent was 10);
    # they do not change the rows, so they are not checked (as compare_dot.py --files).
    family = load_family(path, check=False).family
    lines = descent_lines(family)
    ok = consistent_parts(lines)
    start = time.perf_counter()
    geo = layout_genogram(family)
    seconds = time.perf_counter() - start
    gen = {p.id: p.generation for p in geo.people}
    ours_row = [gen[p.id] for p in family.people]
    drop = irregular_unions(lines, ours_row)
    plain = without_unions(family, drop)
    plain_geo = layout_genogram(plain)
    dot_geo = layout_dot(family, encoding="chains")
    dot_row = dot_ranks(family, lines)
    out: dict[str, Any] = {
        "file": label or path.name, "people": len(family.people), "birth_lines": len(lines.births),
        "other_lines": len(lines.others), "sibships": len(lines.sibships),
        "inconsistent_groups": sum(1 for v in ok.values() if not v),
        "widest_row": round(widest_row(family)),
        "ours": {**row_counts(lines, ours_row, ok), "height": round(geo.height), "width": round(geo.width),
                 "edge_crossings": edge_crossings(geo), "layout_seconds": round(seconds, 2)},
        "irregular_unions": len(drop),
        "without_irregular": {"rows": max(p.generation for p in plain_geo.people) + 1, "height": round(plain_geo.height)},
        "dot_ranks": row_counts(lines, dot_row, ok),
        "dot_chains": {"height": round(dot_geo.height), "width": round(dot_geo.width), "edge_crossings": edge_crossings(dot_geo)},
    }
    if bound:
        out["bound"] = bent_lower_bound(lines, ok, bound_seconds)
    return out


def widest_row(family: Any) -> float:
    """The least width any drawing of ``family`` with our rows can have: its widest row's couple chains packed side by side.

    Each chain is a person with all their partners, spaced for their labels
    (chains.py); neighbours need SEP between them and the page a margin each
    side. Our drawing's width over this says how much room placement wastes.
    """
    from genogram.layout.chains import SEP, build_chains
    from genogram.layout.labels import LayoutOptions
    from genogram.layout.placement import MARGIN
    from genogram.layout.plan import plan_family
    from genogram.layout.rows import solve_rows

    plan = plan_family(family, LayoutOptions())
    rows = solve_rows(family, dict(plan.index))
    chains = build_chains(plan, rows)
    by_row: dict[int, list[float]] = {}
    for g, ch in chains.chains.items():
        left, right = ch.extent
        by_row.setdefault(rows.row[chains.members[g][0]], []).append(right - left)
    return max(sum(ws) + SEP * (len(ws) - 1) for ws in by_row.values()) + 2 * MARGIN


def pct(a: int, b: int) -> str:
    return f"{100 * a / b:.1f}%" if b else "-"


def table(results: list[dict[str, Any]]) -> list[str]:
    """Markdown rows for bench/results.md and bench/pedigrees.md."""
    out = [
        "| pedigree | people | birth lines | !below ours / dot ranks (share) | rows>1 ours: consistent / not; dot ranks | "
        "irregular unions | height ours / without irregular / dot/chains (rows: ours / without / dot ranks) | edge x ours / dot/chains | "
        "width ours / dot/chains / widest row (ours over widest) |",
        "|---|---:|---:|---|---|---:|---|---|---|",
    ]
    for r in results:
        o, d, w, c = r["ours"], r["dot_ranks"], r["without_irregular"], r["dot_chains"]
        bound = r.get("bound")
        bound_text = f" (least possible {bound['bound']})" if bound and bound["status"] == "optimal" else ""
        out.append(
            f"| {r['file']} | {r['people']:,} | {r['birth_lines']:,} | {o['bent']} / {d['bent']} "
            f"({pct(o['bent'], r['birth_lines'])} / {pct(d['bent'], r['birth_lines'])}){bound_text} | "
            f"{o['split_consistent']} / {o['split_inconsistent']}; {d['split_consistent']} / {d['split_inconsistent']} | "
            f"{r['irregular_unions']} | {o['height']:,} / {w['height']:,} / {c['height']:,} ({o['rows']} / {w['rows']} / {d['rows']}) | "
            f"{o['edge_crossings']:,} / {c['edge_crossings']:,} | "
            f"{o['width']:,} / {c['width']:,} / {r['widest_row']:,} ({o['width'] / r['widest_row']:.2f}) |"
        )
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--bound", action="store_true", help="also the least possible bent birth lines (needs scipy)")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    results = [measure_file(p, args.bound) for p in args.files]
    print("\n".join(table(results)))
    if args.json:
        args.json.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
