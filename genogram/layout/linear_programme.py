"""Linear programmes solved by HiGHS: the one solver the layout leans on for x-positions.

A programme is built term by term (variables with bounds and a cost,
constraints as sparse rows) and handed to HiGHS's dual simplex on one
thread, with a simplex iteration limit instead of a time limit, so the same
programme gives the same answer on every machine and run.
"""

from __future__ import annotations

from dataclasses import dataclass, field

INFINITY = float("inf")


@dataclass(slots=True)
class LinearProgramme:
    """Minimise ``cost . x`` subject to ``lower <= x <= upper`` and each row's ``low <= sum(coef * x) <= high``."""

    cost: list[float] = field(default_factory=list)
    lower: list[float] = field(default_factory=list)
    upper: list[float] = field(default_factory=list)
    rows: list[tuple[tuple[tuple[int, float], ...], float, float]] = field(default_factory=list)

    def variable(self, cost: float = 0.0, lower: float = -INFINITY, upper: float = INFINITY) -> int:
        """A new variable; its index."""
        self.cost.append(cost)
        self.lower.append(lower)
        self.upper.append(upper)
        return len(self.cost) - 1

    def at_least(self, terms: tuple[tuple[int, float], ...], low: float) -> None:
        """The constraint ``sum(coef * x) >= low``."""
        self.rows.append((terms, low, INFINITY))

    def absolute(self, terms: tuple[tuple[int, float], ...], offset: float, cost: float, cost_below: float | None = None) -> None:
        """Add ``cost * |sum(coef * x) + offset|`` to the objective (its two parts as new variables, one row).

        With ``cost_below``, a value below zero costs that per unit instead.
        """
        merged: dict[int, float] = {}
        for v, c in terms:
            merged[v] = merged.get(v, 0.0) + c
        terms = tuple((v, c) for v, c in merged.items() if c)
        over, under = self.variable(cost, 0.0), self.variable(cost if cost_below is None else cost_below, 0.0)
        self.rows.append(((*terms, (over, -1.0), (under, 1.0)), -offset, -offset))


def solve(lp: LinearProgramme, iterations: int) -> list[float] | None:
    """An optimal ``x``, or None when HiGHS stops short of optimal within ``iterations`` simplex steps."""
    import highspy

    n, m = len(lp.cost), len(lp.rows)
    counts = [0] * (n + 1)
    for terms, _, _ in lp.rows:
        for v, _ in terms:
            counts[v + 1] += 1
    for v in range(n):
        counts[v + 1] += counts[v]
    start = list(counts)
    index = [0] * counts[n]
    value = [0.0] * counts[n]
    fill = counts[:n]
    for r, (terms, _, _) in enumerate(lp.rows):
        for v, c in terms:
            k = fill[v]
            index[k] = r
            value[k] = c
            fill[v] = k + 1
    model = highspy.HighsLp()
    model.num_col_, model.num_row_ = n, m
    model.col_cost_, model.col_lower_, model.col_upper_ = lp.cost, lp.lower, lp.upper  # INFINITY is HiGHS's kHighsInf
    model.row_lower_ = [lo for _, lo, _ in lp.rows]
    model.row_upper_ = [hi for _, _, hi in lp.rows]
    matrix = model.a_matrix_
    matrix.format_ = highspy.MatrixFormat.kColwise
    matrix.num_col_, matrix.num_row_ = n, m
    matrix.start_, matrix.index_, matrix.value_ = start, index, value
    # The bare solver class: the Python wrapper (highspy.Highs) installs a
    # log callback whose first act is printing a banner to standard output
    # before any option can turn it off, and our stdout may be the drawing.
    highs = getattr(highspy, "_Highs", highspy.Highs)()
    for option, setting in (
        ("output_flag", False),
        ("threads", 1),
        ("solver", "simplex"),
        ("simplex_strategy", 4),
        ("simplex_iteration_limit", iterations),
    ):
        highs.setOptionValue(option, setting)
    highs.passModel(model)
    highs.run()
    if highs.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        return None
    return list(highs.getSolution().col_value)
