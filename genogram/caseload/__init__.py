"""A team's caseload: every case, when it was last discussed, what is due and late.

A team manager must evidence that every open case is discussed at its agreed
cadence (Islington: each calendar month; Oxfordshire: a frequency agreed per
case; Tower Hamlets: a fortnightly group), that discussions are recorded in
time, and that cases come back with outcomes. This package reads a team's
folder tree (family files, with an optional ``case:`` block, and the session
files that point at them) and answers those questions for each case, each
worker and the team.

``read`` loads the files (in a worker pool when there are many), ``assess``
turns them into per-case and per-worker figures, ``report`` writes them as a
table, JSON or CSV, and ``html`` as one self-contained page.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from genogram.caseload.assess import Caseload


def build_caseload(
    paths: list[Path],
    today: dt.date | None = None,
    policy: str | None = None,
    due_within: int = 7,
    jobs: int = 0,
    redact: bool = False,
) -> Caseload:
    """Read the team's folders and assess every case at ``today`` (default: the real today).

    ``policy`` overrides the policy each case's folder or sessions name;
    ``due_within`` is how many days ahead a discussion counts as due;
    ``jobs`` is the number of processes (0: one per core, for many files);
    ``redact`` leaves case ids and roles only. Files that cannot be read are
    in ``Caseload.problems``, located; everything else is still counted.
    """
    from genogram.caseload.assess import assess
    from genogram.caseload.assess import redact as redacted
    from genogram.caseload.read import read_team

    day = today or dt.date.today()
    if policy is not None:
        from genogram.errors import Location
        from genogram.policy import check, lint_profiles

        check(policy, Location("--policy"), lint_profiles())  # an unknown name is a located error before any work
    caseload = assess(read_team(paths, policy, day, jobs), day, policy, due_within, jobs)
    return redacted(caseload) if redact else caseload
