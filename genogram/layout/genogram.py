"""The genogram layout engine: a family model in, geometry out.

A dedicated layered layout instead of a general graph layout, because the
rules people read genograms by (generation rows, partners side by side,
siblings in birth order under their parents) must hold exactly. Steps, each
near-linear: rows (rows.py); couple chains (a person with all partners, in
date order); bottom-up tidy-tree packing of chains and sibships with per-row
contours, where the family a child married into goes beside the couple,
nested among the child's brothers and sisters or outside them, whichever
crosses fewer lines (_outer_parts); root trees packed beside the one they
marry into; then vertical zones per row, orthogonal lines in channels,
households, gap markers.
Lines to a person placed under their other family (cousin marriage) run in
the channel between the two rows; a line that must skip rows goes round the
right-hand side, so no line ever passes through a symbol or a label.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from functools import cmp_to_key
from typing import TYPE_CHECKING

from genogram.collector import collector_paused
from genogram.layout.geometry import GapMarker, GenogramGeometry
from genogram.layout.labels import LayoutOptions, dates_text, name_text, union_text
from genogram.layout.partner_order import fewest_apart
from genogram.layout.rows import RowAssignment, solve_rows
from genogram.model import Family

if TYPE_CHECKING:
    from genogram.layout.metrics import FamilySides
    from genogram.layout.order import OrderProblem, Sides

SYMBOL = 40.0
HALF = SYMBOL / 2
SEP = 16.0  # between unrelated neighbours' extents
PARTNER_GAP = 26.0  # between partners: room for the descent line and a union label
MARKER = 14.0
MARGIN = 24.0
LEVEL = 6.0  # vertical spacing of union levels and channels
PAD = 6.0  # household boundary around members' boxes
WIDEN = 200.0  # widening (points) worth one line crossing when opening a gap for a chain
TWIN_DATES_LEFT = "left"


_Part = tuple[str, str, int, list[int], float]  # an in-law family's part placed outside: see run()


@dataclass(slots=True)
class _Item:
    """One slot in a couple chain: a person, or the stub of a one-parent union."""

    person: int | None
    union: int | None  # set for stubs
    lo: float
    hi: float
    x: float = 0.0


@dataclass(slots=True)
class _Chain:
    items: list[_Item]
    gaps: list[float]  # gap after item i
    gap_stack: dict[int, list[tuple[str, float, float, object]]] = field(default_factory=dict)
    anchors: dict[int, float] = field(default_factory=dict)  # union -> anchor x (relative)
    anchor_gap: dict[int, int] = field(default_factory=dict)


def _date_key(date: object) -> tuple[int, int, int] | None:
    return date.sort_key() if date is not None else None  # type: ignore[attr-defined]


def birth_order(keys: list[tuple[int, int, int] | None]) -> list[int]:
    """Positions sorted by birth; people with unknown dates keep their file positions."""
    dated = [i for i, k in enumerate(keys) if k is not None]
    ordered = sorted(dated, key=lambda i: (keys[i], i))
    out = list(range(len(keys)))
    for slot, i in zip(dated, ordered):
        out[slot] = i
    return out


def layout_genogram(family: Family, options: LayoutOptions | None = None) -> GenogramGeometry:
    """Lay out ``family`` as a genogram; pure and deterministic (garbage collector paused: collector.py)."""
    with collector_paused():
        return _Engine(family, options or LayoutOptions()).run()


class _Engine:
    def __init__(self, family: Family, options: LayoutOptions) -> None:
        self.f = family
        self.o = options
        self.people = family.people
        self.pid = [p.id for p in family.people]
        self.index = {p.id: i for i, p in enumerate(family.people)}
        self.uids = family.union_ids
        self.notes: list[str] = []

    # ------------------------------------------------------------------ setup
    def _setup(self) -> None:
        f, index = self.f, self.index
        n = len(self.people)
        self.rows: RowAssignment = solve_rows(f, index)  # the rows phase, handed on whole
        self.group, self.row = self.rows.group, self.rows.row
        self.notes.extend(self.rows.notes)
        self.partners_of: list[list[int]] = [[] for _ in range(n)]  # union indices as partner
        self.parent_unions: list[list[int]] = [[] for _ in range(n)]
        self.u_partners: list[list[int]] = []
        self.u_children: list[list[int]] = []
        self.child_rel: dict[tuple[int, int], str] = {}
        twin_uf: dict[int, int] = {}

        def tfind(a: int) -> int:
            while twin_uf.get(a, a) != a:
                a = twin_uf[a]
            return a

        self.identical: set[int] = set()
        for u, union in enumerate(f.unions):
            ps = [index[p] for p in union.partners if p in index]
            ps = list(dict.fromkeys(ps))
            self.u_partners.append(ps)
            for p in ps:
                self.partners_of[p].append(u)
            kids: list[int] = []
            for ref in union.children:
                if ref.id not in index:
                    continue
                c = index[ref.id]
                if c in kids:
                    continue
                kids.append(c)
                self.parent_unions[c].append(u)
                self.child_rel[(u, c)] = ref.relation.value
                if ref.twin and ref.twin in index:
                    a, b = tfind(c), tfind(index[ref.twin])
                    if a != b:
                        twin_uf[max(a, b)] = min(a, b)
                    if ref.identical:
                        self.identical.update((c, index[ref.twin]))
            keys = [_date_key(self.people[c].born) for c in kids]
            self.u_children.append([kids[i] for i in birth_order(keys)])
        self.twin_of = {c: tfind(c) for c in twin_uf} | {tfind(c): tfind(c) for c in twin_uf}
        # Keep twins together: move later twins right after the first of their group.
        for u, kids in enumerate(self.u_children):
            if not any(k in self.twin_of for k in kids):
                continue
            out: list[int] = []
            seen: set[int] = set()
            for k in kids:
                if k in seen:
                    continue
                t = self.twin_of.get(k)
                members = [k] if t is None else [x for x in kids if self.twin_of.get(x) == t]
                out.extend(members)
                seen.update(members)
            self.u_children[u] = out
        self.u_key = [(_date_key(un.start) or (99999, 0, 0), u) for u, un in enumerate(f.unions)]
        # Texts.
        self.name = [name_text(p, self.o) for p in self.people]
        self.dates = [dates_text(p, self.o) for p in self.people]
        self.utext = [union_text(un, self.o) for un in f.unions]
        # Gaps (missing register), numbered in file order.
        self.person_gaps: dict[int, list[int]] = {}
        self.union_gaps: dict[int, list[int]] = {}
        self.house_gaps: dict[int, list[int]] = {}
        self.loose_gaps: list[int] = []
        uindex = {uid: u for u, uid in enumerate(self.uids)}
        hindex = {h.id: i for i, h in enumerate(f.households)}
        for g, gap in enumerate(f.missing):
            about = gap.about
            if about is None:
                self.loose_gaps.append(g)
            elif about in index:
                self.person_gaps.setdefault(index[about], []).append(g)
            elif about in uindex:
                self.union_gaps.setdefault(uindex[about], []).append(g)
            elif about in hindex:
                self.house_gaps.setdefault(hindex[about], []).append(g)
            else:
                self.loose_gaps.append(g)

    # ------------------------------------------------------------- extents
    def _dates_side(self, p: int) -> str:
        if not self.parent_unions[p]:
            return "centre"
        t = self.twin_of.get(p)
        if t is not None:
            for u in self.parent_unions[p]:
                kids = self.u_children[u]
                group = [k for k in kids if self.twin_of.get(k) == t]
                if len(group) > 1 and group[0] == p:
                    return TWIN_DATES_LEFT
        return "right"

    def _extent(self, p: int) -> tuple[float, float]:
        lo = hi = HALF
        name = self.name[p]
        if name is not None:
            lo = max(lo, name.w / 2)
            hi = max(hi, name.w / 2)
        dates = self.dates[p]
        if dates is not None:
            side = self._dates_side(p)
            if side == "centre":
                lo, hi = max(lo, dates.w / 2), max(hi, dates.w / 2)
            elif side == "right":
                hi = max(hi, 4 + dates.w)
            else:
                lo = max(lo, 4 + dates.w)
        gaps = self.person_gaps.get(p)
        if gaps:
            columns = (len(gaps) + 2) // 3
            lo = max(lo, HALF + 3 + columns * (MARKER + 2))
        return lo, hi

    # --------------------------------------------------------------- chains
    def _build_chain(self, g: int, members: list[int], hub: int, side_hint: str) -> _Chain:
        """Order a partner group: hub, first partner on one side, later ones on the other."""
        def partners(p: int, exclude: set[int]) -> list[tuple[int, int]]:
            out = []
            for u in sorted(self.partners_of[p], key=lambda u: self.u_key[u]):
                for q in self.u_partners[u]:
                    if q != p and q not in exclude:
                        out.append((q, u))
            seen: set[int] = set()
            res = []
            for q, u in out:
                if q not in seen:
                    seen.add(q)
                    res.append((q, u))
            return res

        placed = {hub}
        left: list[int] = []
        right: list[int] = []

        def grow(p: int, into: list[int]) -> None:
            stack = [p]
            while stack:
                cur = stack.pop()
                for q, _ in partners(cur, placed):
                    if q in placed:
                        continue
                    placed.add(q)
                    into.append(q)
                    stack.append(q)

        first = partners(hub, {hub})

        def pull(q: int) -> int:
            # +1: q's own siblings (placed with q's parents) will sit to q's right.
            for u in self.parent_unions[q]:
                kids = self.u_children[u]
                if len(kids) > 1:
                    return 1 if kids[0] == q else -1 if kids[-1] == q else 0
            return 0

        mirror = False
        if len(first) == 1:
            p_ = pull(first[0][0])
            side = "right" if p_ > 0 else "left" if p_ < 0 else side_hint
            target = left if side == "left" else right
            q = first[0][0]
            placed.add(q)
            target.append(q)
            grow(q, target)
        elif first:
            placed.update(q for q, _ in first)
            # Partners with partners of their own need an outer end of the
            # chain, so those partners can sit beyond them: with two such,
            # the first goes left and everyone else right.
            multi = [qu for qu in first if len(self.partners_of[qu[0]]) > 1]
            lead = multi[0] if len(multi) == 2 else first[0]
            left.append(lead[0])
            grow(lead[0], left)
            # Later partners go right in date order; one who has partners of
            # their own goes last, so those partners can sit beyond them.
            later = sorted((qu for qu in first if qu != lead), key=lambda qu: len(self.partners_of[qu[0]]) > 1)
            for q, _ in later:
                right.append(q)
                grow(q, right)
            mirror = pull(lead[0]) > 0 or (len(first) > 1 and pull(right[-1] if right else hub) < 0)
        # Anyone in the group not reached (should not happen) goes right.
        for m in members:
            if m not in placed:
                placed.add(m)
                right.append(m)
        order = list(reversed(right)) + [hub] + left if mirror else list(reversed(left)) + [hub] + right
        if len(order) > 3:
            # Most groups fit the rule above; a wider web of partners gets the
            # order that leaves the fewest couples apart.
            order = fewest_apart(order, {p: frozenset(q for u in self.partners_of[p] for q in self.u_partners[u] if q != p) for p in order})
        items: list[_Item] = []
        at = {p: i for i, p in enumerate(order)}
        for p in order:
            # Stubs for one-parent unions sit beside their parent, on the freer side.
            stubs = [u for u in sorted(self.partners_of[p], key=lambda u: self.u_key[u]) if len(self.u_partners[u]) == 1]
            lo, hi = self._extent(p)
            me = _Item(p, None, lo, hi)
            stub_items = [_Item(None, u, 0.0, 0.0) for u in stubs]
            pos = at[p]
            left_is_partner = pos > 0 and self._are_partners(order[pos - 1], p)
            right_is_partner = pos + 1 < len(order) and self._are_partners(order[pos + 1], p)
            if stub_items and right_is_partner and not left_is_partner:
                items.extend(reversed(stub_items))
                items.append(me)
            else:
                items.append(me)
                items.extend(stub_items)
        return self._space_chain(items)

    def _are_partners(self, a: int, b: int) -> bool:
        if len(self.partners_of[a]) > len(self.partners_of[b]):
            a, b = b, a
        return any(b in self.u_partners[u] for u in self.partners_of[a])

    def _space_chain(self, items: list[_Item]) -> _Chain:
        pos = {it.person: i for i, it in enumerate(items) if it.person is not None}
        chain = _Chain(items, [SEP] * max(0, len(items) - 1))
        stacks: dict[int, list[tuple[str, float, float, object]]] = {}
        unions: set[int] = set()
        for it in items:
            if it.person is not None:
                unions.update(self.partners_of[it.person])
        stub_at = {it.union: i for i, it in enumerate(items) if it.union is not None}
        # Each union's label goes in a gap between its partners, one union per
        # gap where it can: partners side by side have only the gap between
        # them, so they choose first; the others take the nearest free gap.
        span = {u: sorted(pos[p] for p in self.u_partners[u]) for u in unions if len(self.u_partners[u]) == 2}
        taken: set[int] = set()
        gap_of: dict[int, int] = {}
        for u in sorted(span, key=lambda u: (span[u][1] - span[u][0] > 1, self.u_key[u])):
            a, b = span[u]
            choices = itertools.chain((b - 1, a), range(a, b))
            gap_of[u] = next((c for c in choices if c not in taken), b - 1)
            taken.add(gap_of[u])
        for u in sorted(unions, key=lambda u: self.u_key[u]):
            ps = self.u_partners[u]
            stuff: list[tuple[str, float, float, object]] = []
            utext = self.utext[u]
            if utext is not None:
                stuff.append(("union", utext.w, utext.h, utext))
            for gnum in self.union_gaps.get(u, []):
                stuff.append(("gap", MARKER, MARKER, gnum))
            if len(ps) == 1:
                # The stub item is the slot; widen it for its label.
                i = stub_at.get(u, -1)
                if i >= 0:
                    it = items[i]
                    width = max([8.0] + [s[1] for s in stuff])
                    it.lo = it.hi = width / 2
                    stacks[-1 - i] = stuff
                    chain.anchor_gap[u] = -1 - i
                continue
            gap = gap_of[u]
            chain.anchor_gap[u] = gap
            stacks.setdefault(gap, []).extend(stuff)
            need = max([PARTNER_GAP] + [s[1] + 8 for s in stacks[gap]])
            chain.gaps[gap] = max(chain.gaps[gap], need)
        chain.gap_stack = stacks
        x = 0.0
        for i, it in enumerate(items):
            if i:
                x += items[i - 1].hi + chain.gaps[i - 1] + it.lo
            it.x = x
        for u, gap in chain.anchor_gap.items():
            if gap < 0:
                chain.anchors[u] = items[-1 - gap].x
            else:
                left, right = items[gap], items[gap + 1]
                chain.anchors[u] = ((left.x + left.hi) + (right.x - right.lo)) / 2
        return chain

    # ------------------------------------------------------------- placement
    def run(self) -> GenogramGeometry:
        self._setup()
        n = len(self.people)
        geo = GenogramGeometry()
        if n == 0:
            geo.width = geo.height = 2 * MARGIN
            geo.notes = self.notes
            self._gaps_only(geo)
            return geo
        group, row = self.group, self.row
        members: dict[int, list[int]] = {}
        for p in range(n):
            members.setdefault(group[p], []).append(p)
        # Home union of each group: a parent union one row up (first in file
        # order). A partner's own family is drawn beside the couple, its
        # children either side of them in birth order.
        home: dict[int, tuple[int, int]] = {}
        for g, ms in members.items():
            best = None
            for m in ms:
                for u in self.parent_unions[m]:
                    ps = self.u_partners[u]
                    if ps and row[ps[0]] == row[m] - 1:
                        key = (u, self.u_children[u].index(m))
                        if best is None or key < best[0]:
                            best = (key, u, m)
            if best is not None:
                home[g] = (best[1], best[2])
        self.home = home
        # Children placed under each union (their group's home is that union).
        under: dict[int, list[int]] = {}
        for u, kids in enumerate(self.u_children):
            seen: list[int] = []
            for c in kids:
                g = group[c]
                if home.get(g, (None, None)) == (u, c) and g not in seen:
                    seen.append(g)
            if seen:
                under[u] = seen
        # Chains, with the hub being the child who hangs from the home union.
        chains: dict[int, _Chain] = {}
        for g, ms in members.items():
            if g in home:
                u, hub = home[g]
                kids = under.get(u, [])
                pos = kids.index(g) if g in kids else 0
                hint = "left" if pos < len(kids) / 2 - 0.25 and len(kids) > 1 else "right"
            else:
                hub = max(ms, key=lambda m: (len(self.partners_of[m]), -m))
                hint = "right"
            chains[g] = self._build_chain(g, ms, hub, hint)
        self.chains = chains
        # Post-order over the forest of groups.
        parent_of: dict[int, int] = {g: group[self.u_partners[u][0]] for g, (u, _) in home.items()}
        roots = sorted((g for g in members if g not in home), key=lambda g: min(members[g]))
        # A root couple whose child married into another tree hangs beside that
        # child, so the child's brothers and sisters sit next to them.
        attached: dict[int, list[tuple[int, str]]] = {}
        split: dict[int, tuple[int, int]] = {}  # root -> (union, birth position of the married-in child)
        older_part: dict[int, list[int]] = {}  # root -> its children older than the married-in one
        attach_kid: dict[int, tuple[int, int]] = {}  # root -> (union, birth position) of the child it hangs beside
        tree = list(range(n))

        def tfind(a: int) -> int:
            while tree[a] != a:
                tree[a] = tree[tree[a]]
                a = tree[a]
            return a

        for g, pg in parent_of.items():
            ra, rb = tfind(g), tfind(pg)
            if ra != rb:
                tree[ra] = rb
        for rt in roots:
            done = False
            # Unions with children under them first. A root whose children
            # all hang elsewhere (each married into another family) goes
            # beside one of them too, unless a line of its skips a row: such
            # a tree goes last, at the right (below).
            unions = self._chain_unions(rt)
            bare = [u for u in unions if not under.get(u)]
            r0 = row[members[rt][0]]
            if any(row[c] > r0 + 1 for u in unions for c in self.u_children[u]):
                bare = []
            for u in [u for u in unions if under.get(u)] + bare:
                if done:
                    continue
                kids = self.u_children[u]
                for k, c in enumerate(kids):
                    gc = group[c]
                    if home.get(gc, (None, None)) == (u, c) or row[c] != r0 + 1 or tfind(gc) == tfind(rt):
                        continue
                    side = "left" if k == len(kids) - 1 else "right"
                    attached.setdefault(gc, []).append((rt, side))
                    attach_kid[rt] = (u, k)
                    if 0 < k < len(kids) - 1:
                        # A middle child: older brothers and sisters go on the
                        # other side, so birth order holds across the marriage.
                        split[rt] = (u, k)
                    parent_of[rt] = gc
                    tree[tfind(rt)] = tfind(gc)
                    done = True
                    break
        carried = self._carry_siblings(members, home, under, parent_of)
        roots = [g for g in roots if g not in parent_of]
        order: list[int] = []
        for r0 in roots:
            stack = [(r0, False)]
            while stack:
                g, done = stack.pop()
                if done:
                    order.append(g)
                    continue
                stack.append((g, True))
                for u in self._chain_unions(g):
                    for cg in reversed(under.get(u, [])):
                        stack.append((cg, False))
                for rt, _ in attached.get(g, []):
                    stack.append((rt, False))
                for _, older, younger in carried.get(g, []):
                    for cg in older + younger:
                        stack.append((cg, False))
        outer, nested, spread = self._outer_parts(order, home, under, attached, split, carried, attach_kid, parent_of)
        # Parts of in-law families a child's group leaves for its parent's
        # group to place outside the parent's children (see _outer_parts):
        # (side, kind, root, groups, origin of the groups' parent relative to
        # the child's group). Kinds: "tree" (the root with its younger
        # children), "older" (its older children), "late" (a right-hand part
        # that must wait until the tree it belongs outside is placed).
        deferred: dict[int, list[_Part]] = {}
        fixes: list[tuple[int, list[int]]] = []  # older children placed before their parents' group
        contour: dict[int, dict[int, list[float]]] = {}
        offset: dict[int, float] = {}  # group -> x of its origin relative to parent group's origin

        def place(own: dict[int, list[float]], groups: list[int], side: str, base: float, hold: list[tuple[float, _Part]] | None = None) -> None:
            """Pack groups beside own, then the parts of theirs that go outside."""
            _beside(own, groups, contour, offset, side, base)
            place_outer(own, [(offset[cg] - base, part) for cg in groups for part in deferred.pop(cg, [])], hold)

        def place_outer(own: dict[int, list[float]], parts: list[tuple[float, _Part]], hold: list[tuple[float, _Part]] | None = None) -> None:
            """Place parts outside own; x in (x, part) is the child's group relative to own.

            Left parts go from left to right and right parts from right to
            left, so the innermost belong to the nearest child. A family's
            older children are placed before the family's tree, so the right
            parts of theirs wait (in ``hold``) until after it.
            """
            rights = [q for q in reversed(parts) if q[1][0] == "right" and q[1][1] != "late"] + [q for q in parts if q[1][1] == "late"]
            held: list[tuple[float, _Part]] = []
            if hold is not None:
                hold.extend(rights)
                held = hold
            for x, (side, kind, _, groups, rel) in parts:
                if side == "left":
                    place(own, groups, side, -x - rel, held if kind == "older" else None)
            if hold is None:
                for x, (_, _, _, groups, rel) in rights + held:
                    place(own, groups, "right", -x - rel)

        for g in order:
            chain = chains[g]
            r = row[chain.items[0].person if chain.items[0].person is not None else members[g][0]]
            own = {r: [chain.items[0].x - chain.items[0].lo, chain.items[-1].x + chain.items[-1].hi]}
            blocks = []
            for u in sorted(self._chain_unions(g), key=lambda u: chain.anchors.get(u, 0.0)):
                if not under.get(u):
                    continue
                kids = under[u]
                if g in split and split[g][0] == u:
                    cut = split[g][1]
                    born_pos = {cg: self.u_children[u].index(home[cg][1]) for cg in kids}
                    older = [cg for cg in kids if born_pos[cg] < cut]
                    kids = [cg for cg in kids if born_pos[cg] > cut]
                    if older:
                        older_part[g] = older
                    if not kids:
                        continue
                offs, sib = _pack(kids, contour)
                first_child = self._attach_x(kids[0], u, chains) + offs[0]
                last_child = self._attach_x(kids[-1], u, chains) + offs[-1]
                centre = (first_child + last_child) / 2
                blocks.append((u, kids, offs, sib, chain.anchors[u] - centre))
            merged: dict[int, list[float]] = {}
            placed_offs: list[float] = []
            for _u, _kids, _offs, sib, want in blocks:
                off = want
                if merged:
                    need = max((merged[k][1] - sib[k][0] + SEP for k in sib if k in merged), default=want)
                    off = max(want, need)
                placed_offs.append(off)
                _merge(merged, sib, off)
            if blocks:
                shift = sum(po - b[4] for po, b in zip(placed_offs, blocks)) / len(blocks)
                flat = [(cg, po - shift + o) for po, (u, kids, offs, sib, want) in zip(placed_offs, blocks) for cg, o in zip(kids, offs)]
                if r in merged:
                    # In-law parents hung beside a child share this row: open
                    # a gap among the children's subtrees for the chain (see
                    # _open_gap), so the chain stays above its children and
                    # the in-laws above theirs. Weights: each subtree's lines
                    # from that row, and the chain's children born before and
                    # after its child (all unions in turn).
                    before, total = {}, 0
                    for u, kids, _, _, _ in blocks:
                        for cg in kids:
                            # The child itself counts on the side away from its in-laws.
                            iv = contour[cg].get(r)
                            right_of_kid = iv is not None and iv[0] + iv[1] > 2 * self._attach_x(cg, u, chains)
                            before[cg] = (total + self.u_children[u].index(home[cg][1]), right_of_kid)
                        total += len(self.u_children[u])
                    weights = [(nested[cg], before[cg][0] + before[cg][1], total - before[cg][0] - before[cg][1]) for cg, _ in flat]
                    flat = _open_gap(flat, contour, r, own[r][0] - SEP, own[r][1] + SEP, weights)
                for cg, x in flat:
                    offset[cg] = x
                    _merge(own, contour[cg], x)
                # In-law families a child married into, placed outside this
                # family's children (see _outer_parts).
                place_outer(own, [(x, item) for cg, x in flat for item in deferred.pop(cg, [])])
            here = attached.get(g, [])
            if here:
                # In-law families beside the chain, each side ordered from the
                # couple outwards (see _outer_parts): nested parts, then parts
                # outside this family's children (placed by the parent group).
                right_in: list[tuple[int, int, str, int]] = []
                right_out: list[tuple[int, int, str, int]] = []
                left_in: list[tuple[int, int, str, int]] = []
                left_out: list[tuple[int, int, str, int]] = []
                for rt, side in here:
                    tree_out, older_out = outer.get(rt, (False, False))
                    lines, mass, older_lines, older_mass = spread[rt]
                    if side == "right":
                        (right_out if tree_out else right_in).append((lines, mass, "tree", rt))
                    else:
                        (left_out if tree_out else left_in).append((lines, mass, "tree", rt))
                    if rt in older_part:
                        fixes.append((rt, older_part[rt]))
                        (left_out if older_out else left_in).append((older_lines, older_mass, "older", rt))
                near = cmp_to_key(_nearer)
                later = deferred.setdefault(g, [])
                nearest_first = [("right", q) for q in sorted(right_in, key=near)] + [("left", q) for q in sorted(left_in, key=near)]
                for where, (_, _, kind, rt) in nearest_first:
                    if kind == "tree":
                        above: float | None = None
                        if len(contour[rt]) == 1:
                            # None of rt's children hangs under it: put its
                            # union line right above the child married into
                            # this chain.
                            u, k = attach_kid[rt]
                            above = self._attach_x(g, None, chains, person=self.u_children[u][k]) - chains[rt].anchors[u]
                        _beside(own, [rt], contour, offset, where, want=above)
                    elif outer.get(rt, (False, False))[0]:
                        held: list[tuple[float, _Part]] = []
                        place(own, older_part[rt], "left", 0.0, held)
                        later.extend(("right", "late", q[2], q[3], x + q[4]) for x, q in held)
                    else:
                        place(own, older_part[rt], "left", 0.0)
                for _, _, kind, rt in sorted(left_out, key=near):
                    later.append(("left", kind, rt, [rt] if kind == "tree" else older_part[rt], 0.0))
                # Right-hand parts are placed from the last (see place_outer).
                for _, _, _, rt in sorted(right_out, key=near, reverse=True):
                    later.append(("right", "tree", rt, [rt], 0.0))
            for _, older, younger in carried.get(g, []):
                # A partner's brothers and sisters, brought down beside them.
                _beside(own, younger, contour, offset, "right")
                _beside(own, older, contour, offset, "left")
            contour[g] = own
        for rt, groups in fixes:
            # Older children hang from their parents' group, placed only now.
            for cg in groups:
                offset[cg] -= offset[rt]
        # Absolute positions within each root tree.
        base: dict[int, float] = {}
        for r0 in roots:
            base[r0] = 0.0
        for g in reversed(order):
            if g in parent_of:
                base[g] = base[parent_of[g]] + offset[g]
        root_of: dict[int, int] = {}
        for g in reversed(order):
            root_of[g] = g if g not in parent_of else root_of[parent_of[g]]
        # Pack root trees: breadth-first from the index person's tree, each beside the tree it links to.
        links: dict[int, list[tuple[int, int]]] = {}
        skips: set[int] = set()
        for c in range(n):
            for u in self.parent_unions[c]:
                ps = self.u_partners[u]
                if not ps:
                    continue
                a, b = root_of[group[ps[0]]], root_of[group[c]]
                if a != b:
                    if row[c] > row[ps[0]] + 1:
                        # The line skips a row and runs round the right-hand
                        # side (lines.py): the parents' tree goes last, at the
                        # right, so the line's first stretch is short.
                        skips.add(a)
                        continue
                    links.setdefault(a, []).append((b, c))
                    links.setdefault(b, []).append((a, -1))
        start_person = self.index.get(self.f.index or "", 0)
        first_root = root_of[group[start_person]]
        seq: list[int] = []
        seen_roots = {first_root}
        queue = [first_root]
        # Trees linked only by lines that skip a row go last, largest first:
        # each such line runs right along its channel to the right-hand side,
        # so it had better pass small trees than large ones.
        size: dict[int, int] = {}
        for g in order:
            size[root_of[g]] = size.get(root_of[g], 0) + len(members[g])
        last = sorted((rt for rt in roots if rt in skips and rt not in links), key=lambda rt: -size[rt])
        # Trees with no link at all (an unlinked couple, on the row its birth
        # years fit) go after every linked tree, so none lands among them.
        linked = [rt for rt in roots if rt in links]
        unlinked = [rt for rt in roots if rt not in links and rt not in skips]
        for rt in [first_root] + linked + unlinked + last:
            if rt not in seen_roots:
                seen_roots.add(rt)
                queue.append(rt)
            while queue:
                cur = queue.pop(0)
                seq.append(cur)
                for other, _ in sorted(links.get(cur, [])):
                    if other not in seen_roots:
                        seen_roots.add(other)
                        queue.append(other)
        root_off: dict[int, float] = {}
        span: dict[int, list[float]] = {}
        abs_x: dict[int, float] = {}
        tree_members: dict[int, list[int]] = {}
        for g in order:
            tree_members.setdefault(root_of[g], []).append(g)
        for rt in seq:
            cont = contour[rt]
            if not span:
                off = 0.0
            else:
                over_child: float | None = None
                sib_side: str | None = None
                for _other, c in links.get(rt, []):
                    if c >= 0 and root_of[group[c]] in root_off:
                        # rt holds c's parents: put their union over_child c.
                        u = next(u for u in self.parent_unions[c] if root_of[group[self.u_partners[u][0]]] == rt)
                        pg = group[self.u_partners[u][0]]
                        over_child = abs_x[group[c]] + self._attach_x(group[c], None, self.chains, person=c) - (base[pg] + self.chains[pg].anchors[u])
                        # c's siblings go on the side birth order puts them.
                        kids = self.u_children[u]
                        k = kids.index(c)
                        sib_side = "left" if k == len(kids) - 1 and k > 0 else "right" if k == 0 and len(kids) > 1 else None
                        break
                centre = (min(v[0] for v in span.values()) + max(v[1] for v in span.values())) / 2
                left_need = min((span[k][0] - cont[k][1] - SEP for k in cont if k in span), default=None)
                right_need = max((span[k][1] - cont[k][0] + SEP for k in cont if k in span), default=None)
                if over_child is None:
                    off = right_need if right_need is not None else max(v[1] for v in span.values()) + SEP
                elif left_need is not None and (sib_side == "left" or (sib_side is None and over_child + (min(v[0] for v in cont.values()) + max(v[1] for v in cont.values())) / 2 < centre)):
                    off = min(over_child, left_need)
                else:
                    off = max(over_child, right_need) if right_need is not None else over_child
            root_off[rt] = off
            _merge(span, cont, off)
            for g in tree_members.get(rt, []):
                abs_x[g] = base[g] + off
        # Person centres.
        self.cx = [0.0] * n
        for g, chain in chains.items():
            for it in chain.items:
                x = abs_x[g] + it.x
                if it.person is not None:
                    self.cx[it.person] = x
        lo_all = min(v[0] for v in span.values())
        self.shift_x = MARGIN - lo_all
        self.abs_x = {g: v + self.shift_x for g, v in abs_x.items()}
        self.cx = [x + self.shift_x for x in self.cx]
        self.width_people = max(v[1] for v in span.values()) + self.shift_x + MARGIN
        self.members = members
        self._order_rows()
        return self._draw(geo)

    def _order_rows(self) -> None:
        """Swap neighbouring chains where that crosses fewer lines (order.py); moves abs_x and cx."""
        from genogram.layout.order import transpose

        problem = self._order_problem(_SidesWhenAsked(self.f))
        before = dict(problem.origin)
        if not transpose(problem):
            return
        for g, x in problem.origin.items():
            d = x - before[g]
            if d:
                self.abs_x[g] = x
                for p in self.members[g]:
                    self.cx[p] += d

    def _order_problem(self, sides: Sides) -> OrderProblem:
        """The chains on their rows, the lines one row down, sibships and the households drawn."""
        from genogram.layout.order import Chain, OrderProblem, Sibship

        row, group, cx, abs_x = self.row, self.group, self.cx, self.abs_x
        chains: dict[int, Chain] = {}
        anchor: dict[int, tuple[int, float]] = {}
        for g, ch in self.chains.items():
            first, last = ch.items[0], ch.items[-1]
            people = [(self.pid[p], cx[p] - abs_x[g]) for p in self.members[g]]
            chains[g] = Chain(row[self.members[g][0]], first.x - first.lo, last.x + last.hi, people=people)
            for u, a in ch.anchors.items():
                anchor[u] = (g, a)
        for u, kids in enumerate(self.u_children):
            ps = self.u_partners[u]
            if not ps or u not in anchor:
                continue
            pg, a = anchor[u]
            for c in kids:
                if row[c] == row[ps[0]] + 1:
                    cg = group[c]
                    chains[pg].down.append((a, cg, cx[c] - abs_x[cg]))
                    chains[cg].up.append((cx[c] - abs_x[cg], pg, a))
        sibships: list[Sibship] = []
        in_sibships: dict[int, list[int]] = {}
        first_family: dict[int, int] = {}
        for u, union in enumerate(self.f.unions):
            for ref in union.children:
                if ref.id in self.index:
                    first_family.setdefault(self.index[ref.id], u)
        for u, kids in enumerate(self.u_children):
            by_row: dict[int, list[int]] = {}
            for c in kids:
                if first_family.get(c) == u:
                    by_row.setdefault(row[c], []).append(c)
            for ks in by_row.values():
                if len(ks) < 2:
                    continue
                members = [(self.pid[c], group[c], cx[c] - abs_x[group[c]]) for c in ks]
                born = {self.pid[c]: _date_key(self.people[c].born) for c in ks}
                for g in dict.fromkeys(group[c] for c in ks):
                    in_sibships.setdefault(g, []).append(len(sibships))
                sibships.append(Sibship(u, members, born))
        households: dict[int, list[list[tuple[int, float]]]] = {}
        for h in self.f.households:  # those drawn (placements.households_drawn chose them)
            ms = [self.index[m] for m in h.members if m in self.index]
            at = [(group[p], cx[p] - abs_x[group[p]]) for p in ms]
            for g in dict.fromkeys(group[p] for p in ms):
                households.setdefault(g, []).append(at)
        origin = {g: abs_x[g] for g in chains}
        return OrderProblem(chains, origin, sibships, in_sibships, households, sides)

    def _outer_parts(
        self,
        order: list[int],
        home: dict[int, tuple[int, int]],
        under: dict[int, list[int]],
        attached: dict[int, list[tuple[int, str]]],
        split: dict[int, tuple[int, int]],
        carried: dict[int, list[tuple[int, list[int], list[int]]]],
        attach_kid: dict[int, tuple[int, int]],
        parent_of: dict[int, int],
    ) -> tuple[dict[int, tuple[bool, bool]], dict[int, int], dict[int, tuple[int, int, int, int]]]:
        """Which parts of each attached in-law family go outside the home family's children.

        A family X hung beside a couple (y, child of family Y; x, child of X)
        comes in two parts: X's children older than x (left of the couple)
        and X itself with the younger ones (right). Nested, a part sits right
        beside the couple, between y's brothers and sisters, and its lines
        (with those of every family nested in it) cross Y's lines on one
        side of it. Outside, a part goes beyond all of Y's children on its
        side (a staircase: X's older children left of y's older ones), and
        its own lines then cross everything of Y's it spans instead. Lines
        are counted one row down from X's row (each family's own children,
        and the families on that row nested within a subtree), and of the
        (at most) four choices the one crossing fewest is taken; ties stay
        nested. Returns (root -> (tree outside, older part outside), group
        -> lines of families on its parents' row nested within it).
        """
        row = self.row
        own: dict[int, int] = {}  # attached root -> its own lines to its children
        nested: dict[int, int] = {}  # group -> lines of families on its parents' row nested within it
        whole: dict[int, int] = {}  # attached root -> lines of its tree on its own row
        older_of: dict[int, list[int]] = {}
        for g in order:
            if g in attach_kid:
                u, k = attach_kid[g]
                if g in split:
                    older_of[g] = [cg for cg in under.get(u, []) if self.u_children[u].index(home[cg][1]) < k]
                unions = self.chains[g].anchors
                own[g] = sum(len(self.u_children[u2]) for u2 in unions)
                whole[g] = own[g] + sum(nested[cg] for u2 in unions for cg in under.get(u2, []))
            nested[g] = sum(whole.get(rt, 0) for rt, _ in attached.get(g, [])) + sum(
                nested[cg] for _, older, younger in carried.get(g, []) for cg in older + younger
            )
        # Several families beside one chain (someone with two partners whose
        # families are both recorded) go one beyond the other. The lines the
        # farther one sends in towards the couple cross those of the nearer
        # one on its row, so of two parts on one side, P goes nearer when
        # P's lines * Q's lines in < Q's lines * P's lines in. Per root:
        # (lines in, other lines) for its tree (lines in: to x and, for a
        # tree right of the couple, to x's older brothers and sisters on the
        # left) and for its older part (lines in: to those older ones).
        spread: dict[int, tuple[int, int, int, int]] = {}
        for roots in attached.values():
            for rt, side in roots:
                kx = attach_kid[rt][1]
                inward = 1 if side == "left" else kx + 1
                older_m = sum(nested[cg] for cg in older_of.get(rt, []))
                spread[rt] = (inward, max(0, whole[rt] - older_m - inward), kx, older_m)
        out: dict[int, tuple[bool, bool]] = {}
        for g, roots in attached.items():
            if g not in home:
                continue
            u_y, y = home[g]
            p = parent_of.get(g)
            sibs = under.get(u_y, [])
            if p is None or g not in sibs:
                continue
            # a0, b0: y's brothers and sisters born before and after y; am,
            # bm: with the lines of the families nested in their subtrees.
            # c0, d0, cm, dm below: the same for x in X.
            kids_y = self.u_children[u_y]
            iy = kids_y.index(y)
            j = sibs.index(g)
            a0, b0 = iy, len(kids_y) - 1 - iy
            am = a0 + sum(nested[cg] for cg in sibs[:j])
            bm = b0 + sum(nested[cg] for cg in sibs[j + 1 :])
            for rt, side in roots:
                u_x, kx = attach_kid[rt]
                if row[self.u_partners[u_x][0]] != row[self.u_partners[u_y][0]]:
                    continue
                c0, d0 = kx, len(self.u_children[u_x]) - 1 - kx
                older_m = sum(nested[cg] for cg in older_of.get(rt, []))
                rest_m = whole[rt] - own[rt] - older_m
                if side == "left":
                    cm, dm = c0 + rest_m, 0
                else:
                    cm, dm = c0 + older_m, d0 + rest_m
                # X's older part sits left of y, the rest right of y; each
                # crosses y's brothers and sisters on its shorter side, or,
                # outside, crosses all of Y's side it now spans.
                inner_l, inner_r = cm * min(a0, b0 + 1), (1 + dm) * min(a0 + 1, b0)
                costs = {
                    (False, False): inner_l + inner_r,
                    (True, False): inner_r + (am + 1) * min(c0, d0 + 1),
                    (False, True): inner_l + (bm + 1) * min(c0 + 1, d0),
                    (True, True): min(a0 + 1, b0) + (1 + am + bm) * min(c0, d0 + 1),
                }
                if side == "left":
                    # x is X's youngest: X's whole tree sits left of the couple.
                    # Nested among y's older brothers and sisters, each of its
                    # lines (x's too) crosses Y's on the shorter side; outside
                    # them, only the line to x runs past Y's older side.
                    costs[(False, False)] = (c0 + 1 + rest_m) * min(am, bm + 1)
                    costs[(True, False)] = am
                    choices = [(False, False), (True, False)]
                elif older_of.get(rt):
                    choices = list(costs)
                else:
                    choices = [(False, False), (False, True)]
                lout, rout = min(choices, key=lambda ch: (costs[ch], ch))
                # (tree outside, older part outside)
                out[rt] = (lout, False) if side == "left" else (rout, lout)
        return out, nested, spread

    def _carry_siblings(
        self, members: dict[int, list[int]], home: dict[int, tuple[int, int]], under: dict[int, list[int]], parent_of: dict[int, int]
    ) -> dict[int, list[tuple[int, list[int], list[int]]]]:
        """Move a partner's brothers and sisters beside the couple.

        A couple hangs under one partner's parents; the other partner's
        brothers and sisters would stay under their own parents, elsewhere on
        the row (a cousin marriage, or a partner whose grandparents are
        recorded), splitting that sibship. They are laid out beside the couple
        instead, older ones on the left and younger on the right, and their
        parents' descent line runs along the channel to them. Root couples
        are handled by hanging the whole couple beside the child instead.
        """
        group, row = self.group, self.row
        carried: dict[int, list[tuple[int, list[int], list[int]]]] = {}
        for g in sorted(members):
            if g not in home:
                continue
            for c in members[g]:
                if c == home[g][1]:
                    continue  # a child's other families (fostered, adopted) only get a line
                for u in self.parent_unions[c]:
                    ps = self.u_partners[u]
                    if (u, c) == home[g] or not ps or row[ps[0]] != row[c] - 1 or group[ps[0]] not in home:
                        continue
                    kids = [cg for cg in under.get(u, []) if cg != g]
                    ancestors = set()
                    a = g
                    while a in parent_of and a not in ancestors:
                        ancestors.add(a)
                        a = parent_of[a]
                    ancestors.add(a)
                    kids = [cg for cg in kids if cg not in ancestors]
                    if not kids:
                        continue
                    at = self.u_children[u].index(c)
                    pos = {cg: self.u_children[u].index(home[cg][1]) for cg in kids}
                    older = [cg for cg in kids if pos[cg] < at]
                    younger = [cg for cg in kids if pos[cg] > at]
                    under[u] = [cg for cg in under[u] if cg not in kids]
                    for cg in kids:
                        parent_of[cg] = g
                    carried.setdefault(g, []).append((u, older, younger))
        return carried

    def _chain_unions(self, g: int) -> list[int]:
        chain = self.chains[g]
        return sorted(chain.anchors, key=lambda u: self.u_key[u])

    def _attach_x(self, g: int, u: int | None, chains: dict[int, _Chain], person: int | None = None) -> float:
        """x of the child (in its own chain) that hangs from union ``u``."""
        chain = chains[g]
        for it in chain.items:
            if it.person is not None and (person == it.person or (u is not None and u in self.parent_unions[it.person])):
                return it.x
        return chain.items[0].x

    def _gaps_only(self, geo: GenogramGeometry) -> None:
        for g, _gap in enumerate(self.f.missing):
            geo.gaps.append(GapMarker(self.f.gap_ids[g], g + 1, None, 0.0, 0.0, 0.0, 0.0))

    # ----------------------------------------------------------------- drawing
    def _draw(self, geo: GenogramGeometry) -> GenogramGeometry:
        from genogram.layout.lines import draw

        return draw(self, geo)


class _SidesWhenAsked:
    """metrics.FamilySides, built only when a move is about to be taken (and so never for many small families)."""

    def __init__(self, family: Family) -> None:
        self.family = family
        self.sides: FamilySides | None = None

    def side(self, union: int, person: str) -> int:
        return self.whole().side(union, person)

    def whole(self) -> FamilySides:
        """The FamilySides itself, built now if not yet."""
        if self.sides is None:
            from genogram.layout.metrics import FamilySides

            self.sides = FamilySides(self.family)
        return self.sides


def _beside(
    own: dict[int, list[float]],
    groups: list[int],
    contour: dict[int, dict[int, list[float]]],
    offset: dict[int, float],
    side: str,
    base: float = 0.0,
    want: float | None = None,
) -> None:
    """Pack ``groups`` as one block against ``own``'s left or right side, then merge it in.

    Offsets are relative to ``own``'s origin plus ``base`` (for groups whose
    parent group sits elsewhere). ``want``: the offset to take if that is
    clear of ``own``, instead of the closest one.
    """
    if not groups:
        return
    offs, block = _pack(groups, contour)
    fallback = 0.0 if want is None else want
    if side == "right":
        off = max((own[k][1] - block[k][0] + SEP for k in block if k in own), default=fallback)
        off = off if want is None else max(off, want)
    else:
        off = min((own[k][0] - block[k][1] - SEP for k in block if k in own), default=fallback)
        off = off if want is None else min(off, want)
    for cg, o in zip(groups, offs):
        offset[cg] = off + o + base
    _merge(own, block, off)


def _nearer(a: tuple[int, int, str, int], b: tuple[int, int, str, int]) -> int:
    """Order of two in-law parts (lines in, other lines, ...) on one side, nearest the couple first.

    The farther part's lines in cross the nearer one's other lines: a goes
    nearer when a's other lines * b's lines in < b's other lines * a's lines in.
    """
    return a[1] * b[0] - b[1] * a[0]


def _open_gap(
    flat: list[tuple[int, float]],
    contour: dict[int, dict[int, list[float]]],
    r: int,
    lo: float,
    hi: float,
    mass: list[tuple[int, int, int]],
) -> list[tuple[int, float]]:
    """Move the subtrees in ``flat`` apart so nothing of theirs on row ``r`` is inside ``[lo, hi]``.

    Subtrees packed left to right stay in order on every row, so splitting
    them into a left part (moved left) and a right part (moved right) keeps
    them clear of each other. ``mass`` counts the lines of families on row
    ``r`` inside each subtree: a subtree left of the chain crosses the
    chain's lines to the children left of it, one on the right those to the
    children right of it. The split with the fewest such crossings is
    taken, ``WIDEN`` points of widening weighing like one crossing.
    """
    k = len(flat)
    left_hi = [float("-inf")] * (k + 1)  # row-r right edge of flat[:j]
    for j, (cg, x) in enumerate(flat):
        iv = contour[cg].get(r)
        left_hi[j + 1] = max(left_hi[j], iv[1] + x) if iv else left_hi[j]
    right_lo = [float("inf")] * (k + 1)  # row-r left edge of flat[j:]
    for j in range(k - 1, -1, -1):
        cg, x = flat[j]
        iv = contour[cg].get(r)
        right_lo[j] = min(right_lo[j + 1], iv[0] + x) if iv else right_lo[j + 1]
    cross = sum(m * after for m, _, after in mass)  # split 0: every subtree right of the chain
    best = None
    for j in range(k + 1):
        if j:
            m, before, after = mass[j - 1]
            cross += m * (before - after)
        dl = min(0.0, lo - left_hi[j])
        dr = max(0.0, hi - right_lo[j])
        cost = cross + (dr - dl) / WIDEN
        if best is None or cost < best[0]:
            best = (cost, j, dl, dr)
    assert best is not None
    _, j, dl, dr = best
    return [(cg, x + (dl if i < j else dr)) for i, (cg, x) in enumerate(flat)]


def _pack(groups: list[int], contour: dict[int, dict[int, list[float]]]) -> tuple[list[float], dict[int, list[float]]]:
    """Pack subtrees left to right, each as close as its contour allows."""
    sib: dict[int, list[float]] = {}
    offs: list[float] = []
    for cg in groups:
        cc = contour[cg]
        off = 0.0
        if sib:
            off = max((sib[k][1] - cc[k][0] + SEP for k in cc if k in sib), default=0.0)
        offs.append(off)
        _merge(sib, cc, off)
    return offs, sib


def _merge(into: dict[int, list[float]], other: dict[int, list[float]], off: float) -> None:
    for k, (a, b) in other.items():
        cur = into.get(k)
        if cur is None:
            into[k] = [a + off, b + off]
        else:
            cur[0] = min(cur[0], a + off)
            cur[1] = max(cur[1], b + off)
