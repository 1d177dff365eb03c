"""Problems that carry a place in a file and a way to fix them.

Practitioners edit YAML by hand, so every message names file, line and column
and says what to do. Messages never repeat the offending value: family files
are sensitive, and error output ends up in terminals, logs and tickets.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Location:
    """A place in a source file; ``line`` and ``column`` count from 1."""

    file: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if self.line:
            return f"{self.file}:{self.line}:{self.column}"
        return self.file


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with an input, where it is, and how to fix it."""

    location: Location
    message: str
    hint: str = ""
    code: str = "invalid"

    def render(self) -> str:
        text = f"{self.location}: {self.message}"
        return f"{text}\n    hint: {self.hint}" if self.hint else text

    def as_dict(self) -> dict[str, object]:
        return {
            "file": self.location.file,
            "line": self.location.line,
            "column": self.location.column,
            "code": self.code,
            "message": self.message,
            "hint": self.hint,
        }


@dataclass(slots=True)
class GenogramError(Exception):
    """Input that cannot be used; carries every problem found, not just the first."""

    problems: list[Problem] = field(default_factory=list)

    def __post_init__(self) -> None:
        Exception.__init__(self, self.render())

    def render(self) -> str:
        return "\n".join(p.render() for p in self.problems)

    @classmethod
    def single(cls, location: Location, message: str, hint: str = "", code: str = "invalid") -> GenogramError:
        return cls([Problem(location, message, hint, code)])
