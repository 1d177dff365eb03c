"""Finds planted identifying details in text: the oracle of the leak corpus (tests/leaks/)."""

from __future__ import annotations

import re
import tomllib
import unicodedata
from pathlib import Path

LEAKS = Path(__file__).parent / "leaks"

#: Planted names that are everyday words: looked for only as written (capitalised), so "we hope" is no leak.
EVERYDAY = {"Hope", "Will", "May"}


def planted() -> dict[str, list[str]]:
    with (LEAKS / "planted.toml").open("rb") as handle:
        return tomllib.load(handle)


def _fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).casefold().replace("\u2019", "'")


def leaks_in(text: str, details: dict[str, list[str]] | None = None) -> list[str]:
    """Every planted detail found in ``text``, as ``kind: detail``."""
    details = details or planted()
    folded = _fold(text)
    found = []
    for kind, values in details.items():
        for value in values:
            if value in EVERYDAY:
                hit = re.search(rf"(?<![\w]){re.escape(value)}(?![\w])", text)
            else:
                hit = re.search(rf"(?<![\w]){re.escape(_fold(value))}(?![\w])", folded)
            if hit:
                found.append(f"{kind}: {value}")
    return found


#: A year (1800-2099) or a date written with slashes: what a redacted timeline turns into intervals and ages.
YEAR_OR_DATE = re.compile(r"\b(?:1[89]|20)\d\d\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b")


def undated(text: str) -> list[str]:
    """Every year or date left in ``text`` (SVG's namespace address, which holds one, aside)."""
    return YEAR_OR_DATE.findall(text.replace("http://www.w3.org/2000/svg", ""))
