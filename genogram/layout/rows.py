"""Generation rows, solved as one optimisation over the whole family.

Partners share a row (a hard rule: they are merged into one *partner group*
before anything else). Every other link is a soft constraint on the
difference of two rows, with a weight that says how much it matters:

* a birth child one row below its birth parents (strong),
* an adopted or fostered child one row below those parents (weaker),
* the children of one union on one row (between the two),

and the rows minimise the weighted sum of how far each link is from what it
wants (a link drawn with its child on or above its parents' row costs twice
as much per row as one that skips a row down). This is the ranking
problem Graphviz dot solves (Gansner et al. 1993) with two-sided costs; it
is a linear programme with a network matrix, solved with HiGHS, and its
optimum is integral. When a part of the family can keep
every link exactly (the usual case), a breadth-first walk finds that
solution (cost zero, so optimal) in linear time and the solver is not run.

An irregular or erroneous link (a man who married his father's widow, a
woman recorded as her son's partner, a child adopted by their grandparents)
then bends only itself: that one descent line skips or climbs a row and the
rest of the family keeps its generations. Parts of the family not linked to
the largest part (an unlinked spouse, a partner's unrecorded family) are
placed where their birth years fit the rows' birth years.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from statistics import median

from genogram.model import ChildRelation, Family

BIRTH_WEIGHT = 10  # per row a birth child is away from one row below its birth parents
OTHER_WEIGHT = 2  # the same for adopted and fostered children
SIBLING_WEIGHT = 3  # per row between two children of one union
CLIMB_FACTOR = 2  # a child drawn on or above its parents' row costs this many times more per row (3 bends more lines: see docs/layout.md)
YEARS_PER_ROW = 28  # a generation, when the family's own rows cannot say
KEEP_FACTOR = 20  # how much dearer a bent line is made when a re-solve tries to keep it
KEEP_BUDGET = 200_000  # links times re-solves a part may spend trying to keep its bent lines (royal92.ged: 132,000, 2.4 s)


class UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, a: int) -> int:
        parent = self.parent
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    def join(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            if rb < ra:
                ra, rb = rb, ra
            self.parent[rb] = ra


@dataclass(frozen=True, slots=True)
class RowLink:
    """A soft constraint: ``row[low] - row[high]`` wants to be ``target``.

    ``longer`` is the cost per row beyond the target, ``shorter`` per row
    short of it. ``union`` and ``child`` say which descent line it is (both
    -1 for a tie between siblings).
    """

    high: int
    low: int
    target: int
    longer: int
    shorter: int
    union: int = -1
    child: int = -1
    birth: bool = False


@dataclass(frozen=True, slots=True)
class BentLine:
    """A descent line that cannot be drawn one row down: it skips rows (``rows`` > 1) or climbs (``rows`` < 1)."""

    union: int
    child: int
    rows: int


@dataclass(frozen=True, slots=True)
class RowAssignment:
    """Rows of everyone, with the partner groups they were solved over."""

    group: list[int]  # partner group (lowest member index) of each person
    row: list[int]  # row of each person, 0 at the top
    bent: list[BentLine]  # descent lines not one row down, in file order
    impossible: list[tuple[int, int]]  # (union, child): a child in their own parents' partner group
    solved: int  # partner groups whose rows needed the optimiser (0: every link kept)
    notes: list[str]


def partner_groups(family: Family, index: dict[str, int]) -> list[int]:
    """Each person's partner group: people linked by partnerships, whatever the path."""
    uf = UnionFind(len(family.people))
    for union in family.unions:
        ids = [index[p] for p in union.partners if p in index]
        for other in ids[1:]:
            uf.join(ids[0], other)
    return [uf.find(i) for i in range(len(family.people))]


def row_links(family: Family, index: dict[str, int], group: list[int]) -> tuple[list[RowLink], list[tuple[int, int]]]:
    """The soft constraints between partner groups, and the links no rows can keep.

    A child in the same partner group as their own parents (recorded as the
    partner of a parent, or of a parent's partner) is on their parents' row
    whatever the rows are: that link is returned as impossible, not solved.
    """
    links: list[RowLink] = []
    impossible: list[tuple[int, int]] = []
    for u, union in enumerate(family.unions):
        ps = [index[p] for p in union.partners if p in index]
        kids: list[int] = []
        for ref in union.children:
            c = index.get(ref.id)
            if c is None or c in kids:
                continue
            kids.append(c)
            if not ps:
                continue
            if group[c] == group[ps[0]]:
                impossible.append((u, c))
                continue
            w = BIRTH_WEIGHT if ref.relation == ChildRelation.BIOLOGICAL else OTHER_WEIGHT
            links.append(RowLink(group[ps[0]], group[c], 1, w, CLIMB_FACTOR * w, u, c, ref.relation == ChildRelation.BIOLOGICAL))
        for a, b in zip(kids, kids[1:]):
            if group[a] != group[b]:
                links.append(RowLink(group[a], group[b], 0, SIBLING_WEIGHT, SIBLING_WEIGHT))
    return links, impossible


def _components(nodes: list[int], links: list[RowLink]) -> list[list[int]]:
    """Connected parts of the family (over partner groups), largest first, ties in person order."""
    uf = UnionFind(max(nodes, default=-1) + 1)
    for link in links:
        uf.join(link.high, link.low)
    parts: dict[int, list[int]] = {}
    for g in nodes:
        parts.setdefault(uf.find(g), []).append(g)
    return sorted(parts.values(), key=lambda ms: (-len(ms), ms[0]))


def _exact(part: list[int], adjacent: dict[int, list[tuple[int, int]]]) -> dict[int, int] | None:
    """Rows keeping every link of ``part`` exactly, or None when no such rows exist."""
    start = part[0]
    rank = {start: 0}
    queue = deque([start])
    while queue:
        g = queue.popleft()
        for other, delta in adjacent.get(g, ()):
            want = rank[g] + delta
            have = rank.get(other)
            if have is None:
                rank[other] = want
                queue.append(other)
            elif have != want:
                return None
    return rank


def optimal_rows(part: list[int], links: list[RowLink]) -> dict[int, int]:
    """Rows of ``part`` minimising the weighted deviation of ``links``, by linear programming (HiGHS).

    One variable per group, and for each link two non-negative parts of
    its deviation, ``row[low] - row[high] - target = over - under``, costing
    ``longer`` and ``shorter`` per row. The constraint matrix is a network
    matrix, so the simplex optimum is integral; rows are rounded only to
    drop float noise.
    """
    from genogram.layout.linear_programme import LinearProgramme, solve

    lp = LinearProgramme()
    var = {g: lp.variable() for g in part}
    for link in links:
        lp.absolute(((var[link.low], 1.0), (var[link.high], -1.0)), -link.target, link.longer, link.shorter)
    x = solve(lp, 1_000_000)
    if x is None:  # every programme here is feasible and bounded; only a solver fault gets here
        raise RuntimeError("HiGHS did not solve the generation rows")
    return {g: round(x[v]) for g, v in var.items()}


def bend_score(rank: dict[int, int], links: list[RowLink]) -> tuple[int, int, int, int]:
    """(birth lines bent, other descent lines bent, sibling ties broken, weighted deviation): lower is better."""
    births = others = ties = cost = 0
    for link in links:
        d = rank[link.low] - rank[link.high] - link.target
        if d:
            births += link.union >= 0 and link.birth
            others += link.union >= 0 and not link.birth
            ties += link.union < 0
            cost += link.longer * d if d > 0 else -link.shorter * d
    return births, others, ties, cost


def fewer_bent(part: list[int], links: list[RowLink], rank: dict[int, int]) -> dict[int, int]:
    """Optimal rows, then each bent descent line in turn made dearer and the rows re-solved; kept where fewer lines bend.

    The weighted optimum may spread one conflict over two lines (each
    skipping a row) where bending one line would keep the other; a reader
    sees, and the issue counts, lines bent (English Tudor pedigree: 8 at
    the optimum, 6 after this pass, the least possible). Reweighting all
    lines at once leaves the optimum where it is (it is a fixed point), so
    one line at a time. Each try is a full solve, so a part spends at most
    KEEP_BUDGET links times solves (royal92.ged's big part, 3,000 links and
    44 bent lines, fits: it goes from 44 to 43, the least any rows can, in
    about 2.4 s more).
    """
    best = bend_score(rank, links)
    tries = [k for k, link in enumerate(links) if link.union >= 0 and rank[link.low] - rank[link.high] != link.target]
    if not tries or len(tries) * len(links) > KEEP_BUDGET:
        return rank
    current = list(links)
    for k in tries:
        link = current[k]
        if rank[link.low] - rank[link.high] == link.target:
            continue
        trial = list(current)
        trial[k] = RowLink(link.high, link.low, link.target, link.longer * KEEP_FACTOR, link.shorter * KEEP_FACTOR, link.union, link.child, link.birth)
        other = optimal_rows(part, trial)
        score = bend_score(other, links)
        if score < best:
            best, rank, current = score, other, trial
    return rank


def _birth_years(family: Family, members: dict[int, list[int]], rank: dict[int, int]) -> list[tuple[int, int]]:
    """(row, year of birth) of everyone dated in the groups of ``rank``."""
    out = []
    for g, r in rank.items():
        for p in members[g]:
            born = family.people[p].born
            if born is not None:
                out.append((r, born.sort_key()[0]))
    return out


def _row_years(dated: list[tuple[int, int]]) -> dict[int, float]:
    by_row: dict[int, list[int]] = {}
    for r, year in dated:
        by_row.setdefault(r, []).append(year)
    return {r: float(median(ys)) for r, ys in by_row.items()}


def _shift_by_years(years: dict[int, float], dated: list[tuple[int, int]]) -> int:
    """How far to move a part so its people's birth years fit the rows' (0 when nothing is dated)."""
    if not years or not dated:
        return 0
    rows = sorted(years)

    def row_for(year: int) -> float:
        # The nearest row by birth year, extrapolated a generation at a time beyond the rows.
        if year <= years[rows[0]]:
            return rows[0] - (years[rows[0]] - year) / YEARS_PER_ROW
        if year >= years[rows[-1]]:
            return rows[-1] + (year - years[rows[-1]]) / YEARS_PER_ROW
        for a, b in zip(rows, rows[1:]):
            ya, yb = years[a], years[b]
            if ya <= year <= yb:
                return a + (b - a) * ((year - ya) / (yb - ya) if yb > ya else 0.5)
        return float(min(rows, key=lambda r: abs(years[r] - year)))

    return round(median(row_for(year) - r for r, year in dated))


def solve_rows(family: Family, index: dict[str, int]) -> RowAssignment:
    """Rows for everyone: partners on one row, every other link as close to one row as the family allows."""
    n = len(family.people)
    group = partner_groups(family, index)
    links, impossible = row_links(family, index, group)
    members: dict[int, list[int]] = {}
    for p in range(n):
        members.setdefault(group[p], []).append(p)
    adjacent: dict[int, list[tuple[int, int]]] = {}
    by_part: dict[int, list[RowLink]] = {}
    for link in links:
        adjacent.setdefault(link.high, []).append((link.low, link.target))
        adjacent.setdefault(link.low, []).append((link.high, -link.target))
    parts = _components(sorted(members), links)
    part_of = {g: i for i, part in enumerate(parts) for g in part}
    for link in links:
        by_part.setdefault(part_of[link.high], []).append(link)
    rank: dict[int, int] = {}
    years: dict[int, float] = {}
    solved = 0
    for i, part in enumerate(parts):
        local = _exact(part, adjacent)
        if local is None:
            part_links = by_part.get(i, [])
            local = fewer_bent(part, part_links, optimal_rows(part, part_links))
            solved += len(part)
        low = min(local.values())
        local = {g: r - low for g, r in local.items()}
        if i == 0:
            years = _row_years(_birth_years(family, members, local))
        else:
            shift = _shift_by_years(years, _birth_years(family, members, local))
            local = {g: r + shift for g, r in local.items()}
        rank.update(local)
    top = min(rank.values(), default=0)
    row = [rank[group[p]] - top for p in range(n)]
    bent = [
        BentLine(link.union, link.child, rank[link.low] - rank[link.high])
        for link in links
        if link.union >= 0 and rank[link.low] - rank[link.high] != 1
    ]
    notes: list[str] = []
    if impossible:
        notes.append("Some people are recorded as the partner of a parent or of a parent's partner; their descent lines run along their own row.")
    return RowAssignment(group, row, bent, impossible, solved, notes)

