"""Linting many files: which files, which settings each takes, and a worker pool when it pays.

A team lints a folder tree of case files; each file takes the settings of
its nearest `.genogram.toml` (a team folder may hold several teams), and
thousands of files are spread over worker processes. Results keep the order
of the files, so output is the same whatever the pool did.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from genogram.errors import GenogramError, Location, Problem
from genogram.lint.engine import Config, FileResult, failing, find_settings, lint_file
from genogram.lint.rule import Severity

SEVERITIES = ("error", "warning", "info")
#: Below this many files a process pool costs more than it saves.
PARALLEL_FROM = 200


@dataclass(slots=True)
class LintRun:
    """The results of one lint run, in file order, and whether it fails."""

    results: list[FileResult] = field(default_factory=list)
    threshold: Severity = Severity.WARNING

    @property
    def unreadable(self) -> bool:
        """A file could not be read or named nothing (exit 2)."""
        return any(r.problems for r in self.results)

    @property
    def failed(self) -> bool:
        """A finding at or above the threshold that no register entry explains (exit 1)."""
        return any(failing(r.findings, self.threshold) for r in self.results)


def run(paths: list[Path], *, policy: str | None, select: list[str], ignore: list[str], today: date | None, fail_on: str | None, jobs: int) -> LintRun:
    """Lint every file named and every family or session file under the folders named."""
    from genogram import policy as policies

    if policy is not None:
        policies.check(policy, Location("--policy"), policies.lint_profiles())
    if fail_on is not None and fail_on not in SEVERITIES:
        raise GenogramError.single(Location("--fail-on"), "is not error, warning or info", "use --fail-on error, warning or info", code="config")
    files, problems = collect(paths)
    settings_cache: dict[Path, dict[str, Any]] = {}
    configs: dict[tuple[str, tuple[str, ...], tuple[str, ...], str | None], Config] = {}
    work: list[tuple[Path, Config]] = []
    levels: set[str] = set()
    for path in files:
        settings = find_settings(path, settings_cache)
        chosen = policy or str(settings.get("policy", "default"))
        if policy is None and chosen != "default":
            policies.check(chosen, Location(str(settings.get("__file__", path))), policies.lint_profiles())
        nation = str(settings["nation"]) if settings.get("nation") else None
        key = (chosen, tuple(select) or _listing(settings.get("select")), tuple(ignore) or _listing(settings.get("ignore")), nation)
        if key not in configs:
            configs[key] = Config.build(key[0], _words(key[1]) or None, _words(key[2]) or None, today, nation, policy is not None)
        work.append((path, configs[key]))
        level = fail_on or str(settings.get("fail-on", "warning"))
        if level not in SEVERITIES:
            raise GenogramError.single(Location(str(path)), "is linted with a `fail-on` setting that is not error, warning or info", "fix `fail-on` in .genogram.toml or [tool.genogram]", code="config")
        levels.add(level)
    results = [FileResult(str(p.location.file), problems=[p]) for p in problems] + _lint_all(work, jobs)
    threshold = min((Severity.parse(level) for level in levels), default=Severity.WARNING)
    return LintRun(results, threshold)


def collect(paths: list[Path]) -> tuple[list[Path], list[Problem]]:
    """Files named, and family and session files under folders named (sorted, hidden folders skipped)."""
    files: list[Path] = []
    problems: list[Problem] = []
    for path in paths:
        if path.is_dir():
            files += sorted(p for p in path.rglob("*") if _is_family_file(p, path))
        elif path.exists():
            files.append(path)
        else:
            problems.append(Problem(Location(str(path)), "does not exist", "check the file or folder name", "not-found"))
    return files, problems


def _is_family_file(path: Path, root: Path) -> bool:
    """A *.yaml / *.yml file (family, or session: linted with the SES rules), not under a hidden folder (.git)."""
    name = path.name.lower()
    if not name.endswith((".yaml", ".yml")):
        return False
    return path.is_file() and not any(part.startswith(".") for part in path.relative_to(root).parts)


def _lint_all(work: list[tuple[Path, Config]], jobs: int) -> list[FileResult]:
    """Lint every file; with many files, in a process pool (results stay in input order)."""
    workers = jobs or min(os.cpu_count() or 1, 8)
    if workers > 1 and len(work) >= (PARALLEL_FROM if not jobs else 2):
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=workers) as pool:
            chunk = max(1, len(work) // (workers * 8))
            return list(pool.map(lint_file, [p for p, _ in work], [c for _, c in work], chunksize=chunk))
    return [lint_file(path, config) for path, config in work]


def _listing(value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list):
        return tuple(str(v) for v in value)
    return ()


def _words(values: tuple[str, ...]) -> list[str]:
    return [w.strip() for v in values for w in v.split(",") if w.strip()]
