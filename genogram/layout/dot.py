"""Lay a genogram out with Graphviz dot, for comparison and for users who want its look.

dot is a general layered graph layout: it knows nothing of generations,
partners or birth order, so the family is encoded as hints (rank groups per
generation, a union node between partners, children ordered by birth) and
dot may still break the rules; ``layout/metrics.py`` counts where it does.
Positions are taken from dot as they are, never repaired: person nodes are
sized to hold our symbol and its labels, so a label overlap in the result is
one dot made. Lines are drawn in our style (union line under the symbols,
orthogonal descent lines through the fork dot placed) so both engines are
scored on the same kind of drawing.

Encodings (``ENCODINGS``):

``marriage``
    A union node on the partners' rank, held between them by flat edges;
    children hang from the union node in birth order (``ordering=out``).
``family``
    As ``marriage``, plus a family node on a rank of its own between the
    parents' and the children's generations: the union node feeds it and it
    fans out to the children, so dot chooses where the sibship's fork goes.
``couples``
    As ``family``, with each partner group (a person and all partners) in a
    cluster, so nobody can be placed between partners.

Households are not drawn: dot has no way to keep a household's members
together (a child placed twice would need two clusters).
"""

from __future__ import annotations

import json
import math
import shutil
from dataclasses import dataclass, field
from typing import Any

from genogram.layout.chains import spread_side
from genogram.layout.genogram import MARGIN, MARKER, PARTNER_GAP, SEP, SYMBOL
from genogram.layout.geometry import (
    DescentLine,
    GapMarker,
    GenogramGeometry,
    Label,
    PersonBox,
    Point,
    RelationshipLine,
    UnionLine,
)
from genogram.layout.labels import (
    LayoutOptions,
    Text,
    dates_text,
    name_text,
    union_text,
)
from genogram.layout.rows import solve_rows
from genogram.model import Family

ENCODINGS = ("marriage", "family", "couples", "chains")
#: Chosen by bench/compare_dot.py: fewest hard-rule violations, then fewest crossings.
DEFAULT_ENCODING = "chains"
#: dot's output format we read: JSON without drawing operations, positions in points.
OUTPUT_FORMAT = "json0"

HALF = SYMBOL / 2
LEVEL = 6.0  # union line below the symbols, as ours
NAME_GAP = LEVEL + 4  # symbol bottom to name top (room for the union line)
RANKSEP = 18.0  # between the boxes of two generations (points)
POINTS = 72.0  # dot sizes are in inches
INSTALL_HINT = (
    "install Graphviz (Debian/Ubuntu: `apt-get install graphviz`; macOS: `brew install graphviz`) "
    "and its Python package (`pip install 'genogram[dot]'` or `pip install graphviz`)"
)


class DotUnavailable(RuntimeError):
    """Graphviz (the Python package or the dot program) is missing, or dot failed."""


def dot_missing() -> str | None:
    """Why ``--engine dot`` cannot run here, or None when it can."""
    try:
        import graphviz  # noqa: F401
    except ImportError:
        return f"--engine dot needs the Python package `graphviz`, which is not installed; {INSTALL_HINT}"
    if shutil.which("dot") is None:
        return f"--engine dot needs Graphviz's `dot` program, which was not found on PATH; {INSTALL_HINT}"
    return None


# --------------------------------------------------------------------- plan
@dataclass(slots=True)
class DotPlan:
    """The DOT source and what is needed to read dot's answer back."""

    encoding: str
    source: str
    row: list[int]
    #: Per person: (left, right) half-extents from the symbol centre; node half-height per row.
    half_w: list[float]
    half_h: dict[int, float]
    names: list[Text | None]
    dates: list[Text | None]
    utext: list[Text | None]
    u_partners: list[list[int]]
    u_children: list[list[int]]
    union_row: dict[int, int]
    #: The dot node holding each person, and the person's x offset from its centre.
    person_node: list[str]
    offset: list[float]
    #: Per union: (node, anchor x offset, label centre x offset, label stack top offset from the node's centre).
    place: dict[int, tuple[str, float, float, float]]
    person_gaps: dict[int, list[int]] = field(default_factory=dict)
    union_gaps: dict[int, list[int]] = field(default_factory=dict)


def _key(date: Any) -> tuple[int, int, int] | None:
    return date.sort_key() if date is not None else None


def _birth_sorted(kids: list[int], keys: list[tuple[int, int, int] | None]) -> list[int]:
    """Dated children in birth order; undated ones keep their place in the file."""
    dated = [i for i, k in enumerate(keys) if k is not None]
    ordered = sorted(dated, key=lambda i: (keys[i], i))
    out = list(kids)
    for slot, i in zip(dated, ordered):
        out[slot] = kids[i]
    return out


def _chain_order(members: list[int], partners: dict[int, list[int]], lean: dict[int, float]) -> list[int]:
    """Left-to-right order of a partner group: the person with most partners in the middle,
    the first partner on the left, later ones on the right, their own partners further out;
    mirrored when that puts people nearer the side where their brothers and sisters are
    (``lean`` > 0: most of a person's siblings are older, so sit to their left)."""
    if len(members) == 1:
        return members
    hub = max(members, key=lambda m: (len(partners.get(m, [])), -m))
    placed = {hub}
    left: list[int] = []
    right: list[int] = []

    def grow(p: int, into: list[int]) -> None:
        spread_side(p, lambda cur: partners.get(cur, []), placed, into)

    first = [q for q in partners.get(hub, []) if q != hub]
    # A later partner with partners of their own goes last, so those can sit beyond them.
    first = first[:1] + sorted(first[1:], key=lambda q: len(partners.get(q, [])) > 1)
    for i, q in enumerate(first):
        if q in placed:
            continue
        placed.add(q)
        target = left if i == 0 else right
        target.append(q)
        grow(q, target)
    for m in members:
        if m not in placed:
            placed.add(m)
            right.append(m)
    order = list(reversed(left)) + [hub] + right
    centre = (len(order) - 1) / 2
    if sum(lean.get(p, 0.0) * (i - centre) for i, p in enumerate(order)) > 0:
        order.reverse()
    return order


def _fmt(value: float) -> str:
    return f"{value:.4f}".rstrip("0").rstrip(".")


def _inches(points: float) -> str:
    """A size in inches for dot, rounded up to whole points (dot rounds sizes to points)."""
    return _fmt(math.ceil(points - 1e-9) / POINTS)


@dataclass(slots=True)
class _DotFamily:
    """The family as the DOT encoding reads it: people by position, unions by position."""

    n: int
    row: list[int]
    group: list[int]
    names: list[Text | None]
    dates: list[Text | None]
    utext: list[Text | None]
    u_partners: list[list[int]]
    u_children: list[list[int]]
    partners: dict[int, list[int]]
    has_parents: list[bool]
    person_gaps: dict[int, list[int]]
    union_gaps: dict[int, list[int]]

    def union_stack(self, u: int) -> tuple[float, float]:
        """Width and height of a union's label and markers, stacked."""
        t = self.utext[u]
        widths = ([t.w] if t is not None else []) + [MARKER] * len(self.union_gaps.get(u, []))
        heights = ([t.h] if t is not None else []) + [MARKER] * len(self.union_gaps.get(u, []))
        return max(widths, default=0.0), sum(heights) + 2 * max(0, len(heights) - 1)


@dataclass(slots=True)
class _DotNodes:
    """Where each person and union sits among dot's nodes, and each node's size."""

    half_w: list[float]
    half_h: dict[int, float]
    union_row: dict[int, int]
    orders: dict[int, list[int]]
    person_node: list[str]
    offset: list[float]
    place: dict[int, tuple[str, float, float, float]]
    chain_size: dict[int, tuple[float, float]]


def dot_source(family: Family, encoding: str = DEFAULT_ENCODING, options: LayoutOptions | None = None) -> DotPlan:
    """The DOT source for ``family`` in one of :data:`ENCODINGS`."""
    if encoding not in ENCODINGS:
        raise ValueError(f"unknown dot encoding {encoding!r}; choose from {', '.join(ENCODINGS)}")
    f = _read_family(family, options or LayoutOptions())
    nodes = _dot_nodes(f, encoding)
    out = _node_statements(f, nodes, encoding) + _edge_statements(f, nodes, encoding)
    out.append("}")
    source = "\n".join(out) + "\n"
    return DotPlan(
        encoding, source, f.row, nodes.half_w, nodes.half_h, f.names, f.dates, f.utext, f.u_partners, f.u_children,
        nodes.union_row, nodes.person_node, nodes.offset, nodes.place, f.person_gaps, f.union_gaps,
    )


def _read_family(family: Family, options: LayoutOptions) -> _DotFamily:
    """People, unions, rows, texts and gap markers by position."""
    people = family.people
    n = len(people)
    index = {p.id: i for i, p in enumerate(people)}
    rows = solve_rows(family, index)
    names = [name_text(p, options) for p in people]
    dates = [dates_text(p, options) for p in people]
    utext = [union_text(u, options) for u in family.unions]
    u_partners: list[list[int]] = []
    u_children: list[list[int]] = []
    partners: dict[int, list[int]] = {}
    has_parents = [False] * n
    for union in family.unions:
        ps = list(dict.fromkeys(index[p] for p in union.partners if p in index))
        u_partners.append(ps)
        if len(ps) == 2:
            a, b = ps
            partners.setdefault(a, []).append(b)
            partners.setdefault(b, []).append(a)
        kids = list(dict.fromkeys(index[c.id] for c in union.children if c.id in index))
        for c in kids:
            has_parents[c] = True
        u_children.append(_birth_sorted(kids, [_key(people[c].born) for c in kids]))
    # Missing-information markers: beside a person's symbol, or stacked in a union node.
    person_gaps: dict[int, list[int]] = {}
    union_gaps: dict[int, list[int]] = {}
    uindex = {uid: u for u, uid in enumerate(family.union_ids)}
    for g, gap in enumerate(family.missing):
        if gap.about in index:
            person_gaps.setdefault(index[gap.about], []).append(g)
        elif gap.about in uindex:
            union_gaps.setdefault(uindex[gap.about], []).append(g)
    return _DotFamily(
        n, rows.row, rows.group, names, dates, utext, u_partners, u_children, partners, has_parents, person_gaps, union_gaps
    )


def _node_sizes(f: _DotFamily) -> tuple[list[float], dict[int, float]]:
    """Symmetric boxes (dot centres a node on its rank) holding symbol and labels: half widths, half heights per row."""
    half_w: list[float] = []
    need_v: dict[int, float] = {}
    names, dates, row = f.names, f.dates, f.row
    for p in range(f.n):
        lo = hi = HALF
        if names[p] is not None:
            lo = max(lo, names[p].w / 2)  # type: ignore[union-attr]
            hi = max(hi, names[p].w / 2)  # type: ignore[union-attr]
        d = dates[p]
        if d is not None:
            if f.has_parents[p]:
                hi = max(hi, 4 + d.w)  # beside the descent line, as ours
            else:
                lo, hi = max(lo, d.w / 2), max(hi, d.w / 2)
        if p in f.person_gaps:
            columns = (len(f.person_gaps[p]) + 2) // 3
            lo = max(lo, HALF + 3 + columns * (MARKER + 2))
        half_w.append(max(lo, hi))
        top = (d.h + 2) if d is not None else 0.0
        bottom = NAME_GAP + (names[p].h if names[p] is not None else 0.0)  # type: ignore[union-attr]
        need_v[row[p]] = max(need_v.get(row[p], 0.0), top, bottom)
    return half_w, {r: HALF + v for r, v in need_v.items()}


def _dot_nodes(f: _DotFamily, encoding: str) -> _DotNodes:
    """Node sizes, each partner group's order, and (``chains``) each group packed into one node."""
    half_w, half_h = _node_sizes(f)
    union_row: dict[int, int] = {}
    for u, ps in enumerate(f.u_partners):
        if ps:
            union_row[u] = f.row[ps[0]]
    members: dict[int, list[int]] = {}
    for p in range(f.n):
        members.setdefault(f.group[p], []).append(p)
    stubs: dict[int, list[int]] = {}
    for u, ps in enumerate(f.u_partners):
        if len(ps) == 1:
            stubs.setdefault(ps[0], []).append(u)
    lean: dict[int, float] = {}
    for kids in f.u_children:
        for i, c in enumerate(kids):
            lean.setdefault(c, i - (len(kids) - 1) / 2)
    orders = {g: _chain_order(ms, f.partners, lean) for g, ms in members.items()}
    position = {p: i for order in orders.values() for i, p in enumerate(order)}
    person_node = [f"p{p}" for p in range(f.n)]
    offset = [0.0] * f.n
    place: dict[int, tuple[str, float, float, float]] = {}
    chain_size: dict[int, tuple[float, float]] = {}
    if encoding == "chains":
        couples: dict[int, list[int]] = {}
        for u, ps in enumerate(f.u_partners):
            if len(ps) == 2:
                couples.setdefault(f.group[ps[0]], []).append(u)
        for g, order in orders.items():
            xs, size = _pack_chain(order, position, half_w, stubs, couples.get(g, []), f.u_partners, f.union_stack, place, f"c{g}")
            for p, x in zip(order, xs):
                person_node[p], offset[p] = f"c{g}", x
            chain_size[g] = (size, 2 * half_h[f.row[order[0]]])
    else:
        for u, ps in enumerate(f.u_partners):
            if ps:
                place[u] = (f"u{u}", 0.0, 0.0, -f.union_stack(u)[1] / 2)
    return _DotNodes(half_w, half_h, union_row, orders, person_node, offset, place, chain_size)


def _node_statements(f: _DotFamily, nodes: _DotNodes, encoding: str) -> list[str]:
    """The graph header, every node with its size, one rank per generation and fork level, and clusters."""
    row, union_row, orders = f.row, nodes.union_row, nodes.orders
    out: list[str] = [
        "digraph genogram {",
        f"  graph [rankdir=TB, nodesep={_fmt(SEP / POINTS)}, ranksep={_fmt((RANKSEP if encoding == 'marriage' else RANKSEP / 2) / POINTS)}"
        + (", newrank=true" if encoding == "couples" else "")
        + "];",
        '  node [shape=box, fixedsize=true, label=""];',
        "  edge [arrowhead=none];",
    ]
    tiny = _inches(1)
    by_row: dict[int, list[str]] = {}
    forks: dict[int, list[str]] = {}
    if encoding == "chains":
        for g, (w, h) in nodes.chain_size.items():
            out.append(f"  c{g} [width={_inches(w)}, height={_inches(h)}, ordering=out];")
            by_row.setdefault(row[orders[g][0]], []).append(f"c{g}")
    else:
        for p in range(f.n):
            out.append(f"  p{p} [width={_inches(2 * nodes.half_w[p])}, height={_inches(2 * nodes.half_h[row[p]])}];")
            by_row.setdefault(row[p], []).append(f"p{p}")
        for u in union_row:
            w, h = f.union_stack(u)
            ordering = ", ordering=out" if encoding == "marriage" else ""
            out.append(f"  u{u} [width={_inches(max(w, 1.0))}, height={_inches(max(h, 1.0))}{ordering}];")
            by_row[union_row[u]].append(f"u{u}")
    if encoding != "marriage":
        for u, r in union_row.items():
            if f.u_children[u]:
                out.append(f"  f{u} [width={tiny}, height={tiny}, ordering=out];")
                forks.setdefault(r, []).append(f"f{u}")
    # Generations: one rank per generation, and one per fork level between them.
    for r in sorted(by_row):
        out.append(f"  {{rank=same; {'; '.join(by_row[r])}}}")
    for r in sorted(forks):
        out.append(f"  {{rank=same; {'; '.join(forks[r])}}}")
    if encoding == "couples":
        unions_of: dict[int, list[int]] = {}
        for u in union_row:
            unions_of.setdefault(f.group[f.u_partners[u][0]], []).append(u)
        for g, order in orders.items():
            if len(order) > 1:
                inside = [f"p{p}" for p in order] + [f"u{u}" for u in unions_of.get(g, [])]
                out.append(f"  subgraph cluster_g{g} {{ {'; '.join(inside)} }}")
    return out


def _edge_statements(f: _DotFamily, nodes: _DotNodes, encoding: str) -> list[str]:
    """Partner edges (or chain-to-fork feeds) and the children's edges in birth order."""
    out: list[str] = []
    union_row, place = nodes.union_row, nodes.place
    if encoding != "chains":
        # Partners: flat edges put the left partner, the union node, then the right partner in order.
        position = {p: i for order in nodes.orders.values() for i, p in enumerate(order)}
        for u, ps in enumerate(f.u_partners):
            if len(ps) == 2:
                a, b = sorted(ps, key=lambda p: position[p])
                out.append(f"  p{a} -> u{u} -> p{b} [weight=100];")
            elif len(ps) == 1:
                out.append(f"  p{ps[0]} -> u{u} [weight=100];")
    else:
        # A chain node feeds its unions' forks left to right (ordering=out keeps that order).
        feeds: dict[str, list[int]] = {}
        for u in union_row:
            if f.u_children[u]:
                feeds.setdefault(place[u][0], []).append(u)
        for node, us in feeds.items():
            out.extend(f"  {node} -> f{u} [weight=4];" for u in sorted(us, key=lambda u: place[u][1]))
    # Children in birth order; the fork node (family, couples, chains) sits a rank between.
    for u, kids in enumerate(f.u_children):
        if not kids or u not in union_row:
            continue
        src = f"u{u}" if encoding == "marriage" else f"f{u}"
        if encoding in ("family", "couples"):
            out.append(f"  u{u} -> f{u} [weight=4];")
        heads = list(dict.fromkeys(nodes.person_node[c] for c in kids))
        # One statement per edge: dot keeps ordering=out only for edges written one by one.
        out.extend(f"  {src} -> {h};" for h in heads)
        if encoding == "couples":
            # Clusters make dot ignore ordering=out: order the sibship with invisible flat edges.
            same = [c for c in kids if f.row[c] == union_row[u] + 1]
            for a, b in zip(same, same[1:]):
                out.append(f"  p{a} -> p{b} [style=invis, weight=0];")
    return out


def _pack_chain(
    order: list[int],
    position: dict[int, int],
    half_w: list[float],
    stubs: dict[int, list[int]],
    couples: list[int],
    u_partners: list[list[int]],
    union_stack: Any,
    place: dict[int, tuple[str, float, float, float]],
    node: str,
) -> tuple[list[float], float]:
    """Offsets of a partner group's people inside one node (centre 0), and the node's width.

    Each couple's union sits in the gap left of its right-hand partner; a
    one-parent union gets a stub slot right of its parent. Unions sharing a
    gap stack their labels and spread their anchors across it.
    """
    in_gap: dict[int, list[int]] = {}
    for p in order:
        for u in stubs.get(p, []):
            in_gap.setdefault(-1 - position[p], []).append(u)
    for u in couples:
        right = max(position[q] for q in u_partners[u])
        in_gap.setdefault(right - 1, []).append(u)
    # Widths: person slots, stub slots after their person, union gaps between people.
    xs: list[float] = []
    anchors: list[tuple[int, float, float, float]] = []  # union, anchor x, label centre x, label top (rel. centre y)
    x = 0.0
    for i, p in enumerate(order):
        if i:
            us = in_gap.get(i - 1, [])
            stack = [union_stack(u) for u in us]
            width = max([SEP] + ([PARTNER_GAP, 12.0 * (len(us) + 1)] if us else []) + [w + 8 for w, _ in stack])
            left = x
            total_h = sum(h for _, h in stack) + 2 * max(0, len(stack) - 1)
            top = -total_h / 2
            for k, (u, (_, h)) in enumerate(zip(us, stack)):
                anchors.append((u, left + width * (k + 1) / (len(us) + 1), left + width / 2, top))
                top += h + 2
            x += width
        xs.append(x + half_w[p])
        x += 2 * half_w[p]
        for u in in_gap.get(-1 - position[p], []):
            w, h = union_stack(u)
            slot = max(8.0, w)
            x += SEP / 2
            anchors.append((u, x + slot / 2, x + slot / 2, -h / 2))
            x += slot
    centre = x / 2
    for u, ax, lx, top in anchors:
        place[u] = (node, ax - centre, lx - centre, top)
    return [v - centre for v in xs], x


# ------------------------------------------------------------------ running
def run_dot(source: str) -> str:
    """dot's layout of ``source`` (JSON text), through the graphviz package."""
    reason = dot_missing()
    if reason is not None:
        raise DotUnavailable(reason)
    import graphviz

    try:
        out = graphviz.pipe("dot", OUTPUT_FORMAT, source.encode("utf-8"), quiet=True)
    except graphviz.ExecutableNotFound:
        raise DotUnavailable(f"Graphviz's `dot` program could not be run; {INSTALL_HINT}") from None
    except graphviz.CalledProcessError as failed:
        detail = (failed.stderr or b"").decode("utf-8", "replace").strip().splitlines()
        raise DotUnavailable(f"dot failed ({detail[-1] if detail else 'no message'})") from None
    return out.decode("utf-8")


@dataclass(slots=True)
class DotResult:
    """What dot decided: node centres (points, y up), edge splines, bounding box."""

    nodes: dict[str, Point]
    edges: dict[tuple[str, str], list[Point]]
    bb: tuple[float, float, float, float]


def parse_json(text: str) -> DotResult:
    """Read ``dot -Tjson0`` output."""
    data = json.loads(text)
    x0, y0, x1, y1 = (float(v) for v in data["bb"].split(","))
    nodes: dict[str, Point] = {}
    gvid: dict[int, str] = {}
    for obj in data.get("objects", []):
        if "pos" in obj and "nodes" not in obj:
            x, y = obj["pos"].split(",")
            nodes[obj["name"]] = (float(x), float(y))
            gvid[obj["_gvid"]] = obj["name"]
    edges: dict[tuple[str, str], list[Point]] = {}
    for e in data.get("edges", []):
        pos = e.get("pos")
        if not pos:
            continue
        pts = []
        for token in pos.split(";", 1)[0].split():  # parallel edges come as splines joined by ';'
            if token[:2] in ("e,", "s,"):
                continue
            x, y = token.split(",")
            pts.append((float(x), float(y)))
        edges[(gvid[e["tail"]], gvid[e["head"]])] = pts
    return DotResult(nodes, edges, (x0, y0, x1, y1))


def _x_at(spline: list[Point], y: float) -> float | None:
    """x where a piecewise cubic Bezier (dot's edge) crosses height ``y``; None if it never does."""
    best: tuple[float, float] | None = None
    for k in range(0, len(spline) - 3, 3):
        p0, p1, p2, p3 = spline[k : k + 4]
        prev = p0
        for step in range(1, 17):
            t = step / 16
            s = 1 - t
            pt = (
                s * s * s * p0[0] + 3 * s * s * t * p1[0] + 3 * s * t * t * p2[0] + t * t * t * p3[0],
                s * s * s * p0[1] + 3 * s * s * t * p1[1] + 3 * s * t * t * p2[1] + t * t * t * p3[1],
            )
            lo, hi = sorted((prev[1], pt[1]))
            if lo <= y <= hi:
                frac = 0.5 if hi == lo else (y - prev[1]) / (pt[1] - prev[1])
                return prev[0] + frac * (pt[0] - prev[0])
            gap = min(abs(prev[1] - y), abs(pt[1] - y))
            if best is None or gap < best[0]:
                best = (gap, pt[0])
            prev = pt
    return best[1] if best is not None else None


# ------------------------------------------------------------------ geometry
@dataclass(slots=True)
class _DotFrame:
    """dot's positions in our coordinates (y down, margin added): symbol centres and generation lines."""

    bx0: float
    by1: float
    cx: list[float]
    cy: list[float]
    #: Each generation's centre line and its boxes' top and bottom (dot puts a rank on one line).
    row_y: dict[int, float]
    row_top: dict[int, float]
    row_bottom: dict[int, float]

    def X(self, x: float) -> float:
        return x - self.bx0 + MARGIN

    def Y(self, y: float) -> float:
        return self.by1 - y + MARGIN

    def gap_mid(self, r: int) -> float:
        """Half-way between generation r's boxes and the next generation's."""
        below = [rr for rr in self.row_top if rr > r]
        if not below:
            return self.row_bottom[r] + RANKSEP / 2
        return (self.row_bottom[r] + self.row_top[min(below)]) / 2


def geometry_from_dot(family: Family, plan: DotPlan, result: DotResult) -> GenogramGeometry:
    """Our geometry from dot's positions: symbols, labels and lines where dot put the nodes."""
    index = {p.id: i for i, p in enumerate(family.people)}
    frame = _frame(plan, result, len(family.people))
    geo = GenogramGeometry()
    gap_pos = _person_parts(geo, family, plan, frame)
    anchor = _union_parts(geo, family, plan, result, frame, gap_pos)
    _descent_lines(geo, family, plan, result, frame, anchor, _twin_starts(family, plan, frame, index))
    for g, gap in enumerate(family.missing):
        pos = gap_pos.get(g)
        if pos is None:
            geo.gaps.append(GapMarker(family.gap_ids[g], g + 1, None, 0.0, 0.0, 0.0, 0.0))
        else:
            geo.gaps.append(GapMarker(family.gap_ids[g], g + 1, gap.about, *pos))
    cx, cy = frame.cx, frame.cy
    for rel in family.relationships:
        end_a, end_b = rel.ends
        if end_a in index and end_b in index:
            pa, pb = index[end_a], index[end_b]
            geo.relationships.append(RelationshipLine((end_a, end_b), rel.kind.value, rel.directed, ((cx[pa], cy[pa]), (cx[pb], cy[pb]))))
    width = result.bb[2] - result.bb[0] + 2 * MARGIN
    height = result.bb[3] - result.bb[1] + 2 * MARGIN
    geo.width = max([width] + [lab.x + lab.w + MARGIN for lab in geo.labels])
    geo.height = max([height] + [lab.y + lab.h + MARGIN for lab in geo.labels])
    geo.notes = ["Laid out by Graphviz dot, which does not keep every genogram rule; households are not drawn."]
    if family.households:
        geo.notes.append(f"{len(family.households)} household{'s' if len(family.households) != 1 else ''} recorded but not drawn (dot cannot keep a household together).")
    return geo


def _frame(plan: DotPlan, result: DotResult, n: int) -> _DotFrame:
    """Symbol centres and generation lines from dot's node positions."""
    bx0, _, _, by1 = result.bb
    frame = _DotFrame(bx0, by1, [0.0] * n, [0.0] * n, {}, {}, {})
    for p in range(n):
        x, y = result.nodes[plan.person_node[p]]
        frame.cx[p], frame.cy[p] = frame.X(x) + plan.offset[p], frame.Y(y)
    for p in range(n):
        frame.row_y.setdefault(plan.row[p], frame.cy[p])
    frame.row_top.update({r: y - plan.half_h[r] for r, y in frame.row_y.items()})
    frame.row_bottom.update({r: y + plan.half_h[r] for r, y in frame.row_y.items()})
    return frame


def _person_parts(geo: GenogramGeometry, family: Family, plan: DotPlan, frame: _DotFrame) -> dict[int, tuple[float, float, float, float]]:
    """Symbols, names and dates into ``geo``; the places of gap markers beside a person."""
    people, row, cx, cy = family.people, plan.row, frame.cx, frame.cy
    for p, person in enumerate(people):
        geo.people.append(PersonBox(person.id, row[p], cx[p] - HALF, cy[p] - HALF, SYMBOL, SYMBOL))
    parents_known = {c for kids in plan.u_children for c in kids}
    for p, person in enumerate(people):
        d = plan.dates[p]
        top = cy[p] - HALF
        if d is not None:
            x = cx[p] + 4 if p in parents_known else cx[p] - d.w / 2
            geo.labels.append(Label(person.id, "dates", x, top - 2 - d.h, d.w, d.h, d.lines, d.size))
        t = plan.names[p]
        if t is not None:
            geo.labels.append(Label(person.id, "name", cx[p] - t.w / 2, top + SYMBOL + NAME_GAP, t.w, t.h, t.lines, t.size))
    gap_pos: dict[int, tuple[float, float, float, float]] = {}
    for p, gaps in plan.person_gaps.items():
        for i, g in enumerate(gaps):
            col, k = divmod(i, 3)
            gap_pos[g] = (cx[p] - HALF - 3 - (col + 1) * (MARKER + 2) + 2, cy[p] - HALF + k * (MARKER + 1), MARKER, MARKER)
    return gap_pos


def _drop_points(plan: DotPlan, frame: _DotFrame, unode: dict[int, Point]) -> dict[tuple[int, int], float]:
    """Where each union line leaves each partner: spread when a person has several, nearest partner leftmost."""
    drops: dict[tuple[int, int], float] = {}
    of_person: dict[int, list[int]] = {}
    cx = frame.cx
    for u, ps in enumerate(plan.u_partners):
        for p in ps:
            of_person.setdefault(p, []).append(u)
    for p, us in of_person.items():
        def other_end(u: int, p: int = p) -> float:
            qs = [q for q in plan.u_partners[u] if q != p]
            return cx[qs[0]] if qs else unode[u][0]

        us = sorted(us, key=lambda u: (other_end(u), u))
        spread = 0.0 if len(us) == 1 else min(8.0, 28.0 / (len(us) - 1))
        for i, u in enumerate(us):
            drops[(u, p)] = cx[p] + (i - (len(us) - 1) / 2) * spread
    return drops


def _union_parts(
    geo: GenogramGeometry, family: Family, plan: DotPlan, result: DotResult, frame: _DotFrame,
    gap_pos: dict[int, tuple[float, float, float, float]],
) -> dict[int, Point]:
    """Union lines under the symbols, partner to partner, with their labels and gap markers; each union's anchor."""
    people, uids = family.people, family.union_ids
    unode: dict[int, Point] = {}  # anchor x, and where the label stack goes
    label_at: dict[int, Point] = {}
    for u in plan.union_row:
        node, dx, lx, top = plan.place[u]
        x, y = result.nodes[node]
        unode[u] = (frame.X(x) + dx, frame.Y(y))
        label_at[u] = (frame.X(x) + lx, frame.Y(y) + top)
    drops = _drop_points(plan, frame, unode)
    anchor: dict[int, Point] = {}
    for u, ps in enumerate(plan.u_partners):
        if u not in plan.union_row:
            continue
        r = plan.union_row[u]
        bottom = frame.row_y[r] + HALF
        y = bottom + LEVEL
        ux, _ = unode[u]
        if len(ps) == 2:
            a, b = sorted(ps, key=lambda p: drops[(u, p)])
            da, db = drops[(u, a)], drops[(u, b)]
            pts: tuple[Point, ...] = ((da, bottom), (da, y), (db, y), (db, bottom))
            if not da <= ux <= db:
                # dot put the union node outside the couple: the line runs out to it and back.
                pts = ((da, bottom), (da, y), (min(da, ux), y), (max(db, ux), y), (db, y), (db, bottom))
        else:
            drop = drops[(u, ps[0])]
            pts = ((drop, bottom), (drop, y), (ux, y))
        union_status = family.unions[u].status
        status = union_status.value if union_status else None
        anchor[u] = (ux, y)
        geo.unions.append(UnionLine(uids[u], tuple(people[p].id for p in ps), _dedupe(pts), status, (ux, y)))
        stack: list[tuple[str, Any]] = [("union", plan.utext[u])] if plan.utext[u] is not None else []
        stack += [("gap", g) for g in plan.union_gaps.get(u, [])]
        heights = [obj.h if kind == "union" else MARKER for kind, obj in stack]
        lx, yy = label_at[u]
        for (kind, obj), h in zip(stack, heights):
            if kind == "union":
                t = obj
                geo.labels.append(Label(uids[u], "union", lx - t.w / 2, yy, t.w, t.h, t.lines, t.size))
            else:
                gap_pos[obj] = (lx - MARKER / 2, yy, MARKER, MARKER)
            yy += h + 2
    return anchor


def _twin_starts(family: Family, plan: DotPlan, frame: _DotFrame, index: dict[str, int]) -> dict[tuple[int, int], tuple[float, str, bool]]:
    """Twins side by side in dot's order share a start point on the bar: (x, twin key, identical) per (union, child)."""
    people, uids, row, cx = family.people, family.union_ids, plan.row, frame.cx
    rank_order: dict[int, list[int]] = {}
    for p in range(len(people)):
        rank_order.setdefault(row[p], []).append(p)
    place: dict[int, int] = {}
    for ps in rank_order.values():
        ps.sort(key=lambda p: cx[p])
        for i, p in enumerate(ps):
            place[p] = i
    twin_start: dict[tuple[int, int], tuple[float, str, bool]] = {}
    for u, union in enumerate(family.unions):
        for ref in union.children:
            if ref.twin and ref.twin in index and ref.id in index:
                a, b = index[ref.id], index[ref.twin]
                if abs(place[a] - place[b]) == 1 and row[a] == row[b] == plan.union_row.get(u, -9) + 1:
                    mid = (cx[a] + cx[b]) / 2
                    first = people[min(a, b, key=lambda q: cx[q])].id
                    for c in (a, b):
                        twin_start[(u, c)] = (mid, f"{uids[u]}:{first}", bool(ref.identical))
    return twin_start


def _descent_lines(
    geo: GenogramGeometry, family: Family, plan: DotPlan, result: DotResult, frame: _DotFrame,
    anchor: dict[int, Point], twin_start: dict[tuple[int, int], tuple[float, str, bool]],
) -> None:
    """Descent lines: down from the union line, along the fork dot placed, down to the child;
    an edge that skips generations follows dot's route through each row between."""
    people, uids, row, cx, cy = family.people, family.union_ids, plan.row, frame.cx, frame.cy
    X, gap_mid = frame.X, frame.gap_mid
    for u, kids in enumerate(plan.u_children):
        if u not in plan.union_row or not kids:
            continue
        r = plan.union_row[u]
        ax, ay = anchor[u]
        fork = result.nodes.get(f"f{u}")
        bar = frame.Y(fork[1]) if fork is not None else gap_mid(r)
        for c in kids:
            top = cy[c] - HALF
            relation = next(ref.relation.value for ref in family.unions[u].children if ref.id == people[c].id)
            twin = twin_start.get((u, c))
            pts_l: list[Point] = [(ax, ay), (ax, bar)]
            if fork is not None:
                pts_l.append((X(fork[0]), bar))
            if row[c] <= r:
                pts_l = [(ax, ay), (cx[c], ay), (cx[c], top)]  # a loop in the family: no row to go down to
            elif row[c] == r + 1:
                pts_l += [(twin[0] if twin else cx[c], bar), (cx[c], top)]
            else:
                spline = result.edges.get((f"f{u}" if fork is not None else f"u{u}", plan.person_node[c]), [])
                level = bar
                for k in range(r + 1, row[c]):
                    if k not in frame.row_y:
                        continue
                    xk = _x_at(spline, frame.by1 - (frame.row_y[k] - MARGIN))
                    xk = X(xk) if xk is not None else cx[c]
                    pts_l += [(xk, level), (xk, gap_mid(k))]
                    level = gap_mid(k)
                pts_l += [(cx[c], level), (cx[c], top)]
            geo.children.append(
                DescentLine(people[c].id, uids[u], tuple(people[p].id for p in plan.u_partners[u]), _dedupe(tuple(pts_l)), relation,
                            twin[1] if twin else None, twin[2] if twin else False)
            )


def _dedupe(points: tuple[Point, ...]) -> tuple[Point, ...]:
    out: list[Point] = []
    for pt in points:
        if not out or out[-1] != pt:
            out.append(pt)
    return tuple(out)


def layout_dot(family: Family, options: LayoutOptions | None = None, encoding: str = DEFAULT_ENCODING) -> GenogramGeometry:
    """Lay out ``family`` with Graphviz dot; raises :class:`DotUnavailable` when it cannot run."""
    plan = dot_source(family, encoding, options)
    return geometry_from_dot(family, plan, parse_json(run_dot(plan.source)))
