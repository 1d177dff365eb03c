"""The HiGHS wrapper: programmes built term by term, solved exactly, and a limit that gives up rather than guessing."""

from __future__ import annotations

import pytest

from genogram.layout.linear_programme import LinearProgramme, solve


def test_absolute_terms_find_the_weighted_median() -> None:
    lp = LinearProgramme()
    x = lp.variable(lower=0.0)
    for target, weight in ((3.0, 1.0), (10.0, 2.0), (20.0, 1.0)):
        lp.absolute(((x, 1.0),), -target, weight)
    solution = solve(lp, 1000)
    assert solution is not None
    assert solution[x] == pytest.approx(10.0)


def test_constraints_hold_and_a_repeated_variable_is_merged() -> None:
    lp = LinearProgramme()
    a, b = lp.variable(), lp.variable()
    lp.at_least(((b, 1.0), (a, -1.0)), 16.0)  # b at least 16 right of a
    lp.absolute(((a, 0.5), (a, 0.5)), -100.0, 1.0)  # a wants 100
    lp.absolute(((b, 1.0),), -90.0, 3.0)  # b wants 90, and matters more
    solution = solve(lp, 1000)
    assert solution is not None
    assert solution[b] == pytest.approx(90.0) and solution[a] == pytest.approx(74.0)


def test_the_iteration_limit_gives_none_not_a_half_solved_answer() -> None:
    lp = LinearProgramme()
    xs = [lp.variable() for _ in range(200)]
    for i, (p, q) in enumerate(zip(xs, xs[1:])):
        lp.at_least(((q, 1.0), (p, -1.0)), 10.0 + i % 7)
        lp.absolute(((q, 1.0), (p, -1.0)), -(5.0 + i % 11) * 3, 1.0 + i % 3)
    lp.absolute(((xs[0], 1.0),), 0.0, 1.0)
    assert solve(lp, 100_000) is not None
    assert solve(lp, 1) is None
