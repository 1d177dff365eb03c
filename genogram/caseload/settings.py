"""A team's caseload settings: policy, default frequency and nation, per folder.

A team keeps them beside its case folders in ``.genogram.toml`` (the file
``genogram lint`` and the session rules already read): ``policy`` and
``nation`` at top level or under ``[lint]``, as for lint, and a
``[caseload]`` table for what only the caseload needs::

    policy = "tower-hamlets"
    nation = "england-and-wales" # whose bank holidays count

    [caseload]
    frequency = "fortnightly"    # when a case has no agreed frequency

Two groups of one team in sibling folders may hold different settings; the
nearest file upward from a case wins, as for lint.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from genogram.cadence import Frequency
from genogram.errors import GenogramError, Location
from genogram.workdays import Nation

E = TypeVar("E", Frequency, Nation)


@dataclass(frozen=True, slots=True)
class TeamSettings:
    """What a folder's ``.genogram.toml`` says about discussing its cases."""

    policy: str | None = None
    frequency: Frequency | None = None
    nation: Nation | None = None


def team_settings(start: Path, cache: dict[Path, TeamSettings]) -> TeamSettings:
    """The settings of the nearest ``.genogram.toml`` upward from ``start`` (none: all unset)."""
    if start in cache:  # the usual case: another file in a folder already seen
        return cache[start]
    folder = (start if start.is_dir() else start.parent).resolve()
    visited: list[Path] = [start]
    found = TeamSettings()
    for here in (folder, *folder.parents):
        if here in cache:
            found = cache[here]
            break
        visited.append(here)
        candidate = here / ".genogram.toml"
        if candidate.is_file():
            found = _read(candidate)
            break
    for here in visited:
        cache[here] = found
    return found


def _read(path: Path) -> TeamSettings:
    from genogram.policy import check, lint_profiles

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, OSError, UnicodeDecodeError) as exc:
        raise GenogramError.single(Location(str(path)), f"cannot be read as TOML ({type(exc).__name__})", "fix the file or remove it", code="config") from None
    lint = data.get("lint", data)
    lint = lint if isinstance(lint, dict) else {}
    policy = lint.get("policy")
    if policy is not None:
        check(str(policy), Location(str(path)), lint_profiles())
    table = data.get("caseload", {})
    if not isinstance(table, dict):
        raise GenogramError.single(Location(str(path)), "has a `caseload` that is not a table", "write it as [caseload] with frequency =", code="config")
    unknown = set(table) - {"frequency"}
    if unknown:
        raise GenogramError.single(Location(str(path)), f"has an unknown [caseload] key `{sorted(unknown)[0][:40]}`", "use frequency (policy and nation go at the top, as for lint)", code="config")
    return TeamSettings(policy, _choice(table, "frequency", Frequency, path), _choice(lint, "nation", Nation, path))


def _choice(table: dict[str, object], key: str, kind: type[E], path: Path) -> E | None:
    value = table.get(key)
    if value is None:
        return None
    try:
        return kind(str(value))
    except ValueError:
        words = ", ".join(member.value for member in kind)
        raise GenogramError.single(Location(str(path)), f"has a `{key}` that is not one of the known values", f"use one of: {words}", code="config") from None
