"""Left-to-right order of a partner group, keeping partners together wherever a line allows.

Partners are drawn on one row with nobody between them but other partners of
either. A person with several partners whose partners have partners of their
own (Henry VIII, whose wives had other husbands) cannot keep that for every
couple: a row has two ends. The engine's first order is built by rule
(`placement` of the chains); when it leaves a couple apart, `fewest_apart`
looks for an order that leaves fewer, and `least_apart` says how few any
order can leave, so a count of "partners apart" can tell a drawing's fault
from the family's shape.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from typing import TypeVar

BUDGET = 10_000  # partial orders tried at most in one exhaustive search (about 0.5 s); past it, unproven
SEARCH_UP_TO = 20  # larger groups only move one person at a time

P = TypeVar("P", bound=Hashable)  # a person: an index in the engine, an id in the metrics


def couples_apart(order: Sequence[P], partners: Mapping[P, frozenset[P]]) -> int:
    """Couples with someone between them who is a partner of neither."""
    at = {p: i for i, p in enumerate(order)}
    apart = 0
    for a, i in at.items():
        for b in partners.get(a, ()):
            j = at.get(b)
            if j is None or j <= i:
                continue
            allowed = partners[a] | partners[b]
            if any(order[k] not in allowed for k in range(i + 1, j)):
                apart += 1
    return apart


def fewest_apart(order: Sequence[P], partners: Mapping[P, frozenset[P]]) -> list[P]:
    """The order nearest to ``order`` that leaves the fewest couples apart.

    Moving one person at a time gives a first answer; the exhaustive search
    then tries ``order``'s own choices first, so of the orders better than
    that answer the one it finds first stays closest to ``order``.
    """
    start = list(order)
    have = couples_apart(start, partners)
    if have == 0:
        return start
    moved = _moves(start, partners, have)
    cost = couples_apart(moved, partners)
    if cost == 0 or len(start) > SEARCH_UP_TO:
        return moved
    best = _search(start, partners, cost)
    return best if best is not None and best != start else moved


def least_apart(people: Sequence[P], partners: Mapping[P, frozenset[P]]) -> int | None:
    """How few couples any order of this group leaves apart, or None if too large to prove."""
    start = list(people)
    have = couples_apart(start, partners)
    if have:
        start = _moves(start, partners, have)
        have = couples_apart(start, partners)
    if have == 0:
        return 0
    if len(start) > SEARCH_UP_TO:
        return None
    best = _search(start, partners, have)
    if best is None:
        return None
    return min(have, couples_apart(best, partners))


def _search(start: list[P], partners: Mapping[P, frozenset[P]], bound: int) -> list[P] | None:
    """Branch and bound over orders, placing people left to right.

    A couple is lost as soon as one of them is placed and someone who is a
    partner of neither follows before the other is, so a partial order's
    lost couples bound every order that begins with it. People with the
    same partners are interchangeable (a man's wives who had no other
    husband), so only the first unplaced of them is tried. Returns an order
    cheaper than ``bound``, ``start`` if none is, or None when the search ran
    out of its budget before it could tell.
    """
    n = len(start)
    twin_of: dict[P, P] = {}
    first_with: dict[frozenset[P], P] = {}
    for p in start:
        twin_of[p] = first_with.setdefault(partners.get(p, frozenset()), p)
    best: list[P] | None = None
    best_cost = bound
    prefix: list[P] = []
    used: set[P] = set()
    tried = 0

    def lost() -> int:
        at = {p: i for i, p in enumerate(prefix)}
        count = 0
        for i, a in enumerate(prefix):
            for b in partners.get(a, ()):
                j = at.get(b)
                if j is not None and j < i:
                    continue  # counted from b's side
                allowed = partners[a] | partners[b]
                if any(r not in allowed and r != b for r in prefix[i + 1 : j]):
                    count += 1
        return count

    def walk() -> None:
        nonlocal best, best_cost, tried
        tried += 1
        if tried > BUDGET:
            return
        cost = lost()
        if cost >= best_cost:
            return
        if len(prefix) == n:
            best, best_cost = list(prefix), cost
            return
        tried_here: set[P] = set()
        for p in start:
            if p in used or twin_of[p] in tried_here:
                continue
            tried_here.add(twin_of[p])
            prefix.append(p)
            used.add(p)
            walk()
            used.discard(p)
            prefix.pop()
            if best_cost == 0:
                return

    walk()
    if tried > BUDGET:
        return None
    return best if best is not None else start


def _moves(order: list[P], partners: Mapping[P, frozenset[P]], have: int) -> list[P]:
    """Move one person at a time to wherever leaves fewest couples apart, while that helps."""
    improved = True
    while improved and have:
        improved = False
        for p in list(order):
            rest = [q for q in order if q != p]
            for at in range(len(order)):
                trial = rest[:at] + [p] + rest[at:]
                cost = couples_apart(trial, partners)
                if cost < have:
                    order, have, improved = trial, cost, True
                    break
    return order
