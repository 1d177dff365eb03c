"""A team's caseload settings: policy, default frequency and nation, per folder.

A team keeps them beside its case folders in ``.genogram.toml`` (the file
``genogram lint`` already reads): ``policy`` at top level or under ``[lint]``,
and a ``[caseload]`` table::

    policy = "tower-hamlets"

    [caseload]
    frequency = "fortnightly"    # when a case has no agreed frequency
    nation = "england-and-wales" # whose bank holidays count

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
    from genogram.lint.engine import PROFILES

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, OSError, UnicodeDecodeError) as exc:
        raise GenogramError.single(Location(str(path)), f"cannot be read as TOML ({type(exc).__name__})", "fix the file or remove it", code="config") from None
    lint = data.get("lint", data)
    policy = lint.get("policy") if isinstance(lint, dict) else None
    if policy is not None and policy not in PROFILES:
        raise GenogramError.single(Location(str(path)), "names an unknown `policy`", f"use one of: {', '.join(PROFILES)}", code="config")
    table = data.get("caseload", {})
    if not isinstance(table, dict):
        raise GenogramError.single(Location(str(path)), "has a `caseload` that is not a table", "write it as [caseload] with frequency = and nation =", code="config")
    unknown = set(table) - {"frequency", "nation"}
    if unknown:
        raise GenogramError.single(Location(str(path)), f"has an unknown [caseload] key `{sorted(unknown)[0]}`", "use frequency or nation", code="config")
    return TeamSettings(policy, _choice(table, "frequency", Frequency, path), _choice(table, "nation", Nation, path))


def _choice(table: dict[str, object], key: str, kind: type[E], path: Path) -> E | None:
    value = table.get(key)
    if value is None:
        return None
    try:
        return kind(str(value))
    except ValueError:
        words = ", ".join(member.value for member in kind)
        raise GenogramError.single(Location(str(path)), f"has a [caseload] `{key}` that is not one of the known values", f"use one of: {words}", code="config") from None
