"""Which policy names exist, and a located refusal (with a suggestion) for any other.

A policy is named on the command line (`--policy`), in a session file
(`policy:`) and in a team's `.genogram.toml`. A misspelt name used to fall
back to the default quietly, so a team believed it was checked against its
own policy when it was not: every unknown name is now an error.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources

from genogram.errors import GenogramError, Location


@cache
def lint_profiles() -> tuple[str, ...]:
    """Policies with a lint profile (`genogram/lint/profiles/*.toml`)."""
    folder = resources.files("genogram.lint").joinpath("profiles")
    names = sorted(entry.name.removesuffix(".toml") for entry in folder.iterdir() if entry.name.endswith(".toml"))
    return ("default", *(n for n in names if n != "default"))


@cache
def prompt_sets() -> tuple[str, ...]:
    """Policies with discussion prompts for the pack (`genogram/pack/prompts.toml`)."""
    with resources.files("genogram.pack").joinpath("prompts.toml").open("rb") as handle:
        return tuple(sorted(tomllib.load(handle)))


def known() -> tuple[str, ...]:
    """Every policy name any command accepts."""
    return tuple(sorted(set(lint_profiles()) | set(prompt_sets())))


def check(name: str, where: Location, choices: tuple[str, ...] | None = None) -> str:
    """``name`` if it is a known policy; otherwise a located error that suggests the nearest one."""
    allowed = choices if choices is not None else known()
    if name in allowed:
        return name
    import difflib

    close = difflib.get_close_matches(name.lower(), allowed, n=1, cutoff=0.5)
    suggestion = f"did you mean `{close[0]}`? " if close else ""
    raise GenogramError.single(
        where,
        f"names a policy genogram does not know: `{name[:40]}`",
        f"{suggestion}use one of: {', '.join(allowed)}",
        code="policy",
    )
