"""The rule base class, the registry, and the policy passages rules cite.

A rule is added in one place: a class decorated with :func:`register` in one
of the modules under ``genogram/lint/rules/``. Its docstring ("What it checks
/ Why / Example") becomes the rule reference in ``docs/rules.md``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import IntEnum
from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:
    from genogram.errors import Location


class Severity(IntEnum):
    """Ordered so that ``severity >= fail_on`` decides the exit code."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    def __str__(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, word: str) -> Severity:
        try:
            return cls[word.strip().upper()]
        except KeyError:
            raise ValueError(f"unknown severity `{word}`: use error, warning or info") from None


@dataclass(frozen=True, slots=True)
class Citation:
    """A passage of a policy document a rule (or profile) comes from."""

    document: str
    section: str
    passage: str

    def __str__(self) -> str:
        return f"{self.document}, {self.section}"


_HULL = "Hull Children and Young People's Services, Supervision Policy (2018)"
_OXF = "Oxfordshire, Safe and Thinking Space"

HULL_FULL_GENOGRAM = Citation(
    _HULL,
    "8.1, Reflective Discussions",
    "A Reflective Discussion should utilise a full genogram which should be easily seen by all.",
)
HULL_MISSING = Citation(
    _HULL,
    "8.1, Reflective Discussions",
    "If information is missing from a genogram, such as father\u2019s details, then it should be made clear what "
    "steps have been made to obtain this information and/or any plans to try to obtain this information.",
)
HULL_PLAN = Citation(
    _HULL,
    "8.1, Reflective Discussions (additional questions)",
    "What is the plan going forward and who needs to do what and when?",
)
HULL_PLACEMENT = Citation(
    _HULL,
    "8.1, Reflective Discussions",
    "Reflective Discussions should identify where the child fits in the family and, where applicable, placement.",
)
HULL_WORLD = Citation(
    _HULL,
    "8.1, Reflective Discussions",
    "Equally, other influences on the child/family such as friends; peers; school; community should be considered.",
)
HULL_CONFIDENTIAL = Citation(
    _HULL,
    "8.1, Responsibilities of the supervisor",
    "Deal sensitively and confidentially with any personal information shared by the supervisee;",
)
OXF_CLEAR_GENOGRAM = Citation(
    _OXF,
    "Case supervision prompts",
    "Who is in family \u2013 do we have a clear genogram?",
)


@dataclass(frozen=True, slots=True)
class Hit:
    """What a rule found, before the engine gives it a place, a severity and an explanation.

    ``path`` is the data path of the most useful value to point at; ``covers``
    are the ids a missing-information entry may be ``about`` to explain it.
    """

    path: tuple[object, ...]
    message: str
    hint: str
    subject: str | None = None
    covers: tuple[str, ...] = ()
    key: bool = False
    location: Location | None = None


class Rule:
    """One check. Subclasses set the class attributes and implement :meth:`check`.

    ``passes`` and ``fails`` are small family (or, for session rules, session)
    files that the tests lint: the first must give no finding of this rule,
    the second at least one.
    """

    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity]
    group: ClassVar[str]
    policy: ClassVar[Citation]
    #: Findings of this rule count as explained when the register covers them.
    explainable: ClassVar[bool] = False
    passes: ClassVar[str] = ""
    fails: ClassVar[str] = ""
    #: What the rule reads: a family file, or a session file (SES codes, see rules/session.py).
    target: ClassVar[str] = "family"

    def check(self, ctx: Any) -> Iterator[Hit]:
        """Findings on ``ctx``: a family :class:`Context`, or a ``SessionContext`` for session rules."""
        raise NotImplementedError

    @classmethod
    def summary(cls) -> str:
        """The first line of the docstring."""
        return (cls.__doc__ or "").strip().splitlines()[0]

    @classmethod
    def description(cls) -> str:
        import inspect

        return inspect.cleandoc(cls.__doc__ or "")


REGISTRY: dict[str, type[Rule]] = {}
_CODE = re.compile(r"^(GEN|SES)[1-9]\d\d$")
_NAME = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")


def register(cls: type[Rule]) -> type[Rule]:
    """Class decorator adding a rule to the registry (checked, so mistakes show at import)."""
    if not _CODE.match(cls.code) or cls.code.startswith("SES") != (cls.target == "session"):
        raise ValueError(f"rule code {cls.code!r} must look like GEN101 (family) or SES101 (session)")
    if not _NAME.match(cls.name):
        raise ValueError(f"rule name {cls.name!r} must be kebab-case")
    if cls.code in REGISTRY or any(r.name == cls.name for r in REGISTRY.values()):
        raise ValueError(f"rule {cls.code} {cls.name} is registered twice")
    doc = cls.__doc__ or ""
    for part in ("What it checks", "Why", "Example"):
        if part not in doc:
            raise ValueError(f"rule {cls.code} docstring lacks a '{part}' section")
    REGISTRY[cls.code] = cls
    return cls


def all_rules() -> dict[str, type[Rule]]:
    """Every registered rule, by code, in code order (importing the rule modules once)."""
    import genogram.lint.rules  # noqa: F401  (registers on import)

    return dict(sorted(REGISTRY.items()))


def find_rule(word: str) -> type[Rule] | None:
    """A rule by code (any case) or by name."""
    rules = all_rules()
    found = rules.get(word.strip().upper())
    if found is not None:
        return found
    return next((r for r in rules.values() if r.name == word.strip().lower()), None)
