"""x-placement: every partner group's chain given its x, so the genogram's rules hold.

Bottom-up tidy-tree packing of chains and sibships with per-row contours,
where the family a child married into goes beside the couple, nested among
the child's brothers and sisters or outside them, whichever crosses fewer
lines (_outer_parts); root trees are then packed beside the one they marry
into, breadth-first from the index person's tree. The result is each
chain's origin and each person's centre; order.py may later swap
neighbouring chains.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cmp_to_key

from genogram.layout.chains import SEP, CoupleChains
from genogram.layout.plan import FamilyPlan
from genogram.layout.rows import RowAssignment

MARGIN = 24.0
WIDEN = 200.0  # widening (points) worth one line crossing when opening a gap for a chain

_Part = tuple[str, str, int, list[int], float]  # an in-law family's part placed outside: see _Placer._pack_group


@dataclass(frozen=True, slots=True)
class XPlacement:
    """Where each chain and person sits across the page."""

    origin: Mapping[int, float]  # partner group -> x of its chain's origin
    cx: tuple[float, ...]  # person -> x of their symbol's centre
    width: float  # of the people and their labels, margins included


def place_x(plan: FamilyPlan, rows: RowAssignment, chains: CoupleChains) -> XPlacement:
    """Give every chain and person an x (see the module docstring); ``plan`` must have people."""
    placer = _Placer(plan, rows, chains)
    placer._hang_roots()
    placer._post_order()
    placer.outer, placer.nested, placer.spread = placer._outer_parts()
    for g in placer.order:
        placer._pack_group(g)
    base, root_of = placer._relative_bases()
    seq, links = placer._tree_sequence(root_of)
    return placer._pack_trees(seq, links, root_of, base)


class _Placer:
    """The working state of one placement: forest of groups, contours and offsets (never handed on)."""

    def __init__(self, plan: FamilyPlan, rows: RowAssignment, chains: CoupleChains) -> None:
        self.plan = plan
        self.cc = chains
        self.chains = chains.chains
        self.group, self.row = rows.group, rows.row
        self.n = len(plan.people)
        self.members = chains.members
        self.home = chains.home
        self.under: dict[int, list[int]] = {u: list(gs) for u, gs in chains.under.items()}
        self.parent_of: dict[int, int] = {}
        self.roots: list[int] = []
        self.attached: dict[int, list[tuple[int, str]]] = {}
        self.split: dict[int, tuple[int, int]] = {}
        self.attach_kid: dict[int, tuple[int, int]] = {}
        self.carried: dict[int, list[tuple[int, list[int], list[int]]]] = {}
        self.order: list[int] = []
        self.outer: dict[int, tuple[bool, bool]] = {}
        self.nested: dict[int, int] = {}
        self.spread: dict[int, tuple[int, int, int, int]] = {}
        # Parts of in-law families a child's group leaves for its parent's
        # group to place outside the parent's children (see _outer_parts):
        # (side, kind, root, groups, origin of the groups' parent relative to
        # the child's group). Kinds: "tree" (the root with its younger
        # children), "older" (its older children), "late" (a right-hand part
        # that must wait until the tree it belongs outside is placed).
        self.deferred: dict[int, list[_Part]] = {}
        self.fixes: list[tuple[int, list[int]]] = []  # older children placed before their parents' group
        self.contour: dict[int, dict[int, list[float]]] = {}
        self.offset: dict[int, float] = {}  # group -> x of its origin relative to parent group's origin
        self.older_part: dict[int, list[int]] = {}  # root -> its children older than the married-in one

    def _hang_roots(self) -> None:
        """Hang each root couple beside its child who married into another tree (see below)."""
        n = self.n
        plan, group, row, members, home, under = self.plan, self.group, self.row, self.members, self.home, self.under
        parent_of: dict[int, int] = {g: group[plan.u_partners[u][0]] for g, (u, _) in home.items()}
        roots = sorted((g for g in members if g not in home), key=lambda g: min(members[g]))
        # A root couple whose child married into another tree hangs beside that
        # child, so the child's brothers and sisters sit next to them.
        attached: dict[int, list[tuple[int, str]]] = {}
        split: dict[int, tuple[int, int]] = {}  # root -> (union, birth position of the married-in child)
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
            unions = self.cc.chain_unions(plan, rt)
            bare = [u for u in unions if not under.get(u)]
            r0 = row[members[rt][0]]
            if any(row[c] > r0 + 1 for u in unions for c in plan.u_children[u]):
                bare = []
            for u in [u for u in unions if under.get(u)] + bare:
                if done:
                    continue
                kids = plan.u_children[u]
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
        self.parent_of, self.roots, self.attached, self.split, self.attach_kid = parent_of, roots, attached, split, attach_kid

    def _post_order(self) -> None:
        """Bring partners' brothers and sisters beside them, then order groups children first."""
        roots = self.roots
        plan, members, home, under = self.plan, self.members, self.home, self.under
        parent_of, attached, carried = self.parent_of, self.attached, self.carried
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
                for u in self.cc.chain_unions(plan, g):
                    for cg in reversed(under.get(u, [])):
                        stack.append((cg, False))
                for rt, _ in attached.get(g, []):
                    stack.append((rt, False))
                for _, older, younger in carried.get(g, []):
                    for cg in older + younger:
                        stack.append((cg, False))
        self.carried, self.roots, self.order = carried, roots, order

    def _place(self, own: dict[int, list[float]], groups: list[int], side: str, base: float, hold: list[tuple[float, _Part]] | None = None) -> None:
        """Pack groups beside own, then the parts of theirs that go outside."""
        contour, offset, deferred = self.contour, self.offset, self.deferred
        _beside(own, groups, contour, offset, side, base)
        self._place_outer(own, [(offset[cg] - base, part) for cg in groups for part in deferred.pop(cg, [])], hold)

    def _place_outer(self, own: dict[int, list[float]], parts: list[tuple[float, _Part]], hold: list[tuple[float, _Part]] | None = None) -> None:
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
                self._place(own, groups, side, -x - rel, held if kind == "older" else None)
        if hold is None:
            for x, (_, _, _, groups, rel) in rights + held:
                self._place(own, groups, "right", -x - rel)

    def _pack_group(self, g: int) -> None:
        """Group g's contour: its chain, its children's subtrees under it, in-laws and carried siblings beside it."""
        chains, row, members = self.chains, self.row, self.members
        carried = self.carried
        contour, offset = self.contour, self.offset
        chain = chains[g]
        r = row[chain.items[0].person if chain.items[0].person is not None else members[g][0]]
        own = {r: list(chain.extent)}
        self._pack_children(g, own, r)
        self._pack_in_laws(g, own)
        for _, older, younger in carried.get(g, []):
            # A partner's brothers and sisters, brought down beside them.
            _beside(own, younger, contour, offset, "right")
            _beside(own, older, contour, offset, "left")
        contour[g] = own

    def _pack_children(self, g: int, own: dict[int, list[float]], r: int) -> None:
        """The subtrees hanging from g's unions, each union's children centred under it."""
        nested = self.nested
        plan, chains, home, under = self.plan, self.chains, self.home, self.under
        split = self.split
        contour, offset, deferred, older_part = self.contour, self.offset, self.deferred, self.older_part
        chain = chains[g]
        blocks = []
        for u in sorted(self.cc.chain_unions(plan, g), key=lambda u: chain.anchors.get(u, 0.0)):
            if not under.get(u):
                continue
            kids = under[u]
            if g in split and split[g][0] == u:
                cut = split[g][1]
                born_pos = {cg: plan.u_children[u].index(home[cg][1]) for cg in kids}
                older = [cg for cg in kids if born_pos[cg] < cut]
                kids = [cg for cg in kids if born_pos[cg] > cut]
                if older:
                    older_part[g] = older
                if not kids:
                    continue
            offs, sib = _pack(kids, contour)
            first_child = self.cc.attach_x(plan, kids[0], u) + offs[0]
            last_child = self.cc.attach_x(plan, kids[-1], u) + offs[-1]
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
                        right_of_kid = iv is not None and iv[0] + iv[1] > 2 * self.cc.attach_x(plan, cg, u)
                        before[cg] = (total + plan.u_children[u].index(home[cg][1]), right_of_kid)
                    total += len(plan.u_children[u])
                weights = [(nested[cg], before[cg][0] + before[cg][1], total - before[cg][0] - before[cg][1]) for cg, _ in flat]
                flat = _open_gap(flat, contour, r, own[r][0] - SEP, own[r][1] + SEP, weights)
            for cg, x in flat:
                offset[cg] = x
                _merge(own, contour[cg], x)
            # In-law families a child married into, placed outside this
            # family's children (see _outer_parts).
            self._place_outer(own, [(x, item) for cg, x in flat for item in deferred.pop(cg, [])])

    def _pack_in_laws(self, g: int, own: dict[int, list[float]]) -> None:
        """In-law families hung beside g's chain, nearest first; the rest left for the parent group."""
        plan, chains = self.plan, self.chains
        attached, attach_kid = self.attached, self.attach_kid
        contour, offset, deferred, fixes, older_part = self.contour, self.offset, self.deferred, self.fixes, self.older_part
        outer, spread = self.outer, self.spread
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
                        above = self.cc.attach_x(plan, g, None, person=plan.u_children[u][k]) - chains[rt].anchors[u]
                    _beside(own, [rt], contour, offset, where, want=above)
                elif outer.get(rt, (False, False))[0]:
                    held: list[tuple[float, _Part]] = []
                    self._place(own, older_part[rt], "left", 0.0, held)
                    later.extend(("right", "late", q[2], q[3], x + q[4]) for x, q in held)
                else:
                    self._place(own, older_part[rt], "left", 0.0)
            for _, _, kind, rt in sorted(left_out, key=near):
                later.append(("left", kind, rt, [rt] if kind == "tree" else older_part[rt], 0.0))
            # Right-hand parts are placed from the last (see place_outer).
            for _, _, _, rt in sorted(right_out, key=near, reverse=True):
                later.append(("right", "tree", rt, [rt], 0.0))

    def _relative_bases(self) -> tuple[dict[int, float], dict[int, int]]:
        """Each group's origin within its root tree, and its root tree."""
        parent_of = self.parent_of
        offset, fixes = self.offset, self.fixes
        roots, order = self.roots, self.order
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
        return base, root_of

    def _tree_sequence(self, root_of: dict[int, int]) -> tuple[list[int], dict[int, list[tuple[int, int]]]]:
        """Root trees in packing order (breadth-first from the index person's), and the links between them."""
        plan, group, row, members = self.plan, self.group, self.row, self.members
        roots, order, n = self.roots, self.order, self.n
        # Pack root trees: breadth-first from the index person's tree, each beside the tree it links to.
        links: dict[int, list[tuple[int, int]]] = {}
        skips: set[int] = set()
        for c in range(n):
            for u in plan.parent_unions[c]:
                ps = plan.u_partners[u]
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
        start_person = plan.index.get(plan.family.index or "", 0)
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
        return seq, links

    def _pack_trees(self, seq: list[int], links: dict[int, list[tuple[int, int]]], root_of: dict[int, int], base: dict[int, float]) -> XPlacement:
        """Root trees side by side, each beside the tree it links to; then every person's centre."""
        plan, chains, group = self.plan, self.chains, self.group
        contour, order, n = self.contour, self.order, self.n
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
                        u = next(u for u in plan.parent_unions[c] if root_of[group[plan.u_partners[u][0]]] == rt)
                        pg = group[plan.u_partners[u][0]]
                        over_child = abs_x[group[c]] + self.cc.attach_x(plan, group[c], None, person=c) - (base[pg] + chains[pg].anchors[u])
                        # c's siblings go on the side birth order puts them.
                        kids = plan.u_children[u]
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
        cx = [0.0] * n
        for g, chain in chains.items():
            for it in chain.items:
                x = abs_x[g] + it.x
                if it.person is not None:
                    cx[it.person] = x
        lo_all = min(v[0] for v in span.values())
        shift_x = MARGIN - lo_all
        abs_x = {g: v + shift_x for g, v in abs_x.items()}
        cx = [x + shift_x for x in cx]
        width = max(v[1] for v in span.values()) + shift_x + MARGIN
        return XPlacement(abs_x, tuple(cx), width)

    def _line_counts(self) -> tuple[dict[int, int], dict[int, int], dict[int, int], dict[int, list[int]], dict[int, tuple[int, int, int, int]]]:
        """Lines one row down of each attached family (own, nested within, whole tree), and how they spread (see _outer_parts)."""
        order, home, under, attached = self.order, self.home, self.under, self.attached
        split, carried, attach_kid = self.split, self.carried, self.attach_kid
        own: dict[int, int] = {}  # attached root -> its own lines to its children
        nested: dict[int, int] = {}  # group -> lines of families on its parents' row nested within it
        whole: dict[int, int] = {}  # attached root -> lines of its tree on its own row
        older_of: dict[int, list[int]] = {}
        for g in order:
            if g in attach_kid:
                u, k = attach_kid[g]
                if g in split:
                    older_of[g] = [cg for cg in under.get(u, []) if self.plan.u_children[u].index(home[cg][1]) < k]
                unions = self.chains[g].anchors
                own[g] = sum(len(self.plan.u_children[u2]) for u2 in unions)
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
        return own, nested, whole, older_of, spread

    def _outer_parts(self) -> tuple[dict[int, tuple[bool, bool]], dict[int, int], dict[int, tuple[int, int, int, int]]]:
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
        row, home, under, attached, attach_kid, parent_of = self.row, self.home, self.under, self.attached, self.attach_kid, self.parent_of
        own, nested, whole, older_of, spread = self._line_counts()
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
            kids_y = self.plan.u_children[u_y]
            iy = kids_y.index(y)
            j = sibs.index(g)
            a0, b0 = iy, len(kids_y) - 1 - iy
            am = a0 + sum(nested[cg] for cg in sibs[:j])
            bm = b0 + sum(nested[cg] for cg in sibs[j + 1 :])
            for rt, side in roots:
                u_x, kx = attach_kid[rt]
                if row[self.plan.u_partners[u_x][0]] != row[self.plan.u_partners[u_y][0]]:
                    continue
                c0, d0 = kx, len(self.plan.u_children[u_x]) - 1 - kx
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
        self, members: Mapping[int, tuple[int, ...]], home: Mapping[int, tuple[int, int]], under: dict[int, list[int]], parent_of: dict[int, int]
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
                for u in self.plan.parent_unions[c]:
                    ps = self.plan.u_partners[u]
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
                    at = self.plan.u_children[u].index(c)
                    pos = {cg: self.plan.u_children[u].index(home[cg][1]) for cg in kids}
                    older = [cg for cg in kids if pos[cg] < at]
                    younger = [cg for cg in kids if pos[cg] > at]
                    under[u] = [cg for cg in under[u] if cg not in kids]
                    for cg in kids:
                        parent_of[cg] = g
                    carried.setdefault(g, []).append((u, older, younger))
        return carried


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
