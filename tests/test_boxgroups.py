"""group_boxes gives exactly the groups of the plain double loop it replaces."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from genogram.layout.boxgroups import WIDE, Guards, group_boxes

Rect = tuple[float, float, float, float]


def reference(boxes: list[Rect], guards: list[Rect], dx: float, dy: float) -> dict[int, list[int]]:
    """The quadratic rule as first written: every i against every later j."""
    parent = list(range(len(boxes)))
    spans = list(boxes)

    def find(a: int) -> int:
        while parent[a] != a:
            a = parent[a]
        return a

    def grown(r: Rect) -> Rect:
        return (r[0] - dx, r[1] - dy, r[2] + dx, r[3] + dy)

    def overlaps(p: Rect, q: Rect) -> bool:
        return p[0] < q[2] and q[0] < p[2] and p[1] < q[3] and q[1] < p[3]

    for i in range(len(boxes)):
        for j in range(i + 1, len(boxes)):
            a, b = find(i), find(j)
            if a == b or not overlaps(grown(spans[a]), grown(spans[b])):
                continue
            joined = (min(spans[a][0], spans[b][0]), min(spans[a][1], spans[b][1]), max(spans[a][2], spans[b][2]), max(spans[a][3], spans[b][3]))
            if not any(overlaps(joined, g) for g in guards):
                parent[b] = a
                spans[a] = joined
    groups: dict[int, list[int]] = {}
    for i in range(len(boxes)):
        groups.setdefault(find(i), []).append(i)
    return groups


def _box(x: int, row: int, w: int) -> Rect:
    return (float(x), row * 100.0, float(x + w), row * 100.0 + 50.0)


boxes_st = st.lists(st.builds(_box, st.integers(0, 3000), st.integers(0, 2), st.sampled_from([10, 40, 60, 200, int(WIDE) + 50])), max_size=40)
guards_st = st.lists(st.builds(_box, st.integers(0, 3000), st.integers(0, 2), st.sampled_from([5, 40])), max_size=8)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(boxes_st, guards_st, st.sampled_from([0.0, 15.5, 120.0]))
def test_same_groups_as_the_double_loop(boxes: list[Rect], guards: list[Rect], dx: float) -> None:
    assert group_boxes(boxes, Guards(guards), dx, 7.5) == reference(boxes, guards, dx, 7.5)


def test_a_row_of_neighbours_is_one_group_until_a_guard_splits_it() -> None:
    row = [_box(60 * k, 0, 40) for k in range(50)]
    assert list(group_boxes(row, Guards([]), 15.5, 7.5).values()) == [list(range(50))]
    split = group_boxes(row, Guards([_box(60 * 25 - 12, 0, 5)]), 15.5, 7.5)
    assert sorted(split.values()) == [list(range(25)), list(range(25, 50))]
