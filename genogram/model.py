"""The typed family model every command shares.

One model feeds the genogram, the ecomap, the lint checks and the session
pack, so they never disagree. It knows nothing of YAML or drawing: the strict
loader hands it text, and it decides what each value means. Models are frozen
(a loaded family is a fact, not a workspace) and refuse unknown fields, so a
misspelt key is reported instead of silently dropped.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from functools import cached_property
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from genogram.cadence import Frequency
from genogram.dates import PartialDate

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$"
Id = Annotated[
    str,
    Field(
        pattern=ID_PATTERN,
        max_length=80,
        description="A short identifier: letters, digits, '-', '_' or '.', e.g. jayden-father.",
    ),
]
Text = Annotated[str, Field(max_length=2000)]
LongText = Annotated[str, Field(max_length=20000)]

_TRUE = {"true", "yes"}
_FALSE = {"false", "no"}


def _yes_no(value: Any) -> Any:
    """Accept only true/false/yes/no for flags, so `1` or `on` never mean yes by accident."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, str):
        word = value.strip().lower()
        if word in _TRUE:
            return True
        if word in _FALSE:
            return False
    raise ValueError("must be true or false")


def _died(value: Any) -> Any:
    """`died` is a date, or true when the person has died on an unknown date."""
    if isinstance(value, str):
        word = value.strip().lower()
        if word in _TRUE | _FALSE:
            return word in _TRUE
        try:
            return PartialDate.parse(word)
        except ValueError as error:
            if word[:1].isdigit() or word[:1] == "~":  # a date with a wrong part: say which part
                raise ValueError(str(error)) from None
            raise ValueError("must be a date of death, or true when the date is unknown") from None
    return value


def _child(value: Any) -> Any:
    """A child may be written as a bare id or as a mapping with details."""
    return {"id": value} if isinstance(value, str) else value


def _version(value: Any) -> Any:
    """The format version is written as a bare number; compare it as one."""
    return int(value) if isinstance(value, str) and value.strip().isdigit() else value


Flag = Annotated[bool, BeforeValidator(_yes_no)]


class StrictModel(BaseModel):
    """Frozen, refuses unknown fields: a misspelt key is an error, never silently dropped."""

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        populate_by_name=True,
        use_enum_values=False,
        str_strip_whitespace=True,
    )


class Sex(StrEnum):
    """Recorded sex; gender identity is kept separately (:attr:`Person.gender`)."""

    FEMALE = "female"
    MALE = "male"
    INTERSEX = "intersex"
    UNKNOWN = "unknown"


class PersonKind(StrEnum):
    """A born person, or a pregnancy or loss drawn with its own symbol."""

    PERSON = "person"
    PREGNANCY = "pregnancy"
    MISCARRIAGE = "miscarriage"
    STILLBIRTH = "stillbirth"
    TERMINATION = "termination"


#: Conditions with a dedicated marker; any other kebab-case word is accepted
#: and drawn with a generic marker named in the legend.
KNOWN_CONDITIONS = (
    "mental-health",
    "substance-misuse",
    "alcohol-misuse",
    "physical-illness",
    "disability",
    "learning-disability",
    "in-recovery",
)
Condition = Annotated[str, Field(pattern=r"^[a-z][a-z0-9\-]*$", max_length=40)]


class Person(StrictModel):
    """Someone in the family, known or unknown, or a pregnancy or loss."""

    id: Id
    name: Text | None = None
    known_as: list[Text] = Field(
        default_factory=list, description="Nicknames, aliases and previous names: never shown when redacted, refused in text shared with a group."
    )
    sex: Sex | None = None
    gender: Annotated[str, Field(max_length=60)] | None = Field(
        None, description="Gender identity when recorded: woman, man, non-binary, trans-woman, trans-man, or the person's own word."
    )
    pronouns: Annotated[str, Field(max_length=40)] | None = None
    kind: PersonKind = PersonKind.PERSON
    born: PartialDate | None = None
    died: Annotated[bool | PartialDate, BeforeValidator(_died)] | None = Field(
        None, description="Date of death, or true when the person has died and the date is unknown."
    )
    cause: Text | None = Field(None, description="Cause of death.")
    age: Annotated[int, Field(ge=0, le=130)] | None = Field(
        None, description="Age in years at as_of, when no birth date is known."
    )
    unknown: Flag = Field(False, description="The person exists but their identity is not known.")
    conditions: list[Condition] = Field(default_factory=list)
    notes: LongText | None = None
    address: Text | None = None

    @property
    def deceased(self) -> bool:
        return self.died is not None and self.died is not False

    @property
    def death_date(self) -> PartialDate | None:
        return self.died if isinstance(self.died, PartialDate) else None

    @property
    def is_loss(self) -> bool:
        return self.kind in (PersonKind.MISCARRIAGE, PersonKind.STILLBIRTH, PersonKind.TERMINATION)


class UnionStatus(StrEnum):
    MARRIED = "married"
    COHABITING = "cohabiting"
    DATING = "dating"
    ENGAGED = "engaged"
    SEPARATED = "separated"
    DIVORCED = "divorced"
    WIDOWED = "widowed"
    CASUAL = "casual"
    UNKNOWN = "unknown"


class ChildRelation(StrEnum):
    BIOLOGICAL = "biological"
    ADOPTED = "adopted"
    FOSTER = "foster"


class ChildRef(StrictModel):
    """A child of a union, with how they came into it and any twin."""

    id: Id
    relation: ChildRelation = ChildRelation.BIOLOGICAL
    twin: Id | None = Field(None, description="The id of this child's twin (write it on one of the two).")
    identical: Flag | None = None


class Union(StrictModel):
    """A couple (or one recorded parent) and the children they raised."""

    id: Id | None = Field(None, description="Optional; generated from the position in the file when absent.")
    partners: Annotated[list[Id], Field(min_length=1, max_length=2)]
    status: UnionStatus | None = None
    start: PartialDate | None = Field(None, alias="from")
    end: PartialDate | None = Field(None, alias="to")
    children: list[Annotated[ChildRef, BeforeValidator(_child, json_schema_input_type=Id | ChildRef)]] = Field(default_factory=list)
    notes: LongText | None = None


class PlacementKind(StrEnum):
    KINSHIP = "kinship"
    FOSTER = "foster"
    RESIDENTIAL = "residential"
    ADOPTIVE = "adoptive"
    OTHER = "other"


class Household(StrictModel):
    """People living together over a period; a placement is a household too."""

    id: Id
    label: Text | None = None
    placement: PlacementKind | None = None
    members: list[Id] = Field(default_factory=list)
    start: PartialDate | None = Field(None, alias="from")
    end: PartialDate | None = Field(None, alias="to")
    address: Text | None = None
    notes: LongText | None = None

    @property
    def current(self) -> bool:
        return self.end is None


class RelationshipKind(StrEnum):
    CLOSE = "close"
    FUSED = "fused"
    DISTANT = "distant"
    CONFLICTUAL = "conflictual"
    HOSTILE = "hostile"
    CLOSE_HOSTILE = "close-hostile"
    CUTOFF = "cutoff"
    ABUSE = "abuse"
    NEGLECT = "neglect"
    CAREGIVER = "caregiver"


class Relationship(StrictModel):
    """An emotional or relational pattern: undirected (`between`) or directed (`from`/`to`)."""

    between: Annotated[list[Id], Field(min_length=2, max_length=2)] | None = None
    source_id: Id | None = Field(None, alias="from")
    target_id: Id | None = Field(None, alias="to")
    kind: RelationshipKind
    source: Text | None = Field(None, description="Whose view this is, and when it was given.")
    notes: LongText | None = None

    @model_validator(mode="after")
    def _one_shape(self) -> Relationship:
        if self.between is None and (self.source_id is None or self.target_id is None):
            raise ValueError("needs either `between: [a, b]` or both `from` and `to`")
        if self.between is not None and (self.source_id is not None or self.target_id is not None):
            raise ValueError("uses both `between` and `from`/`to`; keep one")
        return self

    @property
    def ends(self) -> tuple[str, str]:
        if self.between is not None:
            return self.between[0], self.between[1]
        assert self.source_id is not None and self.target_id is not None
        return self.source_id, self.target_id

    @property
    def directed(self) -> bool:
        return self.between is None


class Strength(StrEnum):
    STRONG = "strong"
    NORMAL = "normal"
    TENUOUS = "tenuous"
    STRESSFUL = "stressful"
    BROKEN = "broken"


class Flow(StrEnum):
    TO = "to"
    FROM = "from"
    BOTH = "both"


class Connection(StrictModel):
    """A link between the family (or one person, or a household) and an outside system."""

    system: Annotated[str, Field(pattern=r"^[a-z][a-z0-9\-]*$", max_length=40)]
    name: Text | None = None
    with_: Id | None = Field(None, alias="with", description="A person's or household's id; absent means the whole family.")
    strength: Strength = Strength.NORMAL
    flow: Flow | None = None
    notes: LongText | None = None


class GapStatus(StrEnum):
    OPEN = "open"
    RESOLVED = "resolved"


class Missing(StrictModel):
    """An entry in the missing-information register: a known gap and what is being done."""

    id: Id | None = None
    about: Id | None = Field(None, description="The person, union or household the gap concerns.")
    what: Text
    steps: list[Text] = Field(default_factory=list, description="Steps already taken to obtain the information.")
    plan: Text | None = None
    owner: Text | None = None
    due: PartialDate | None = None
    status: GapStatus = GapStatus.OPEN


class Share(StrEnum):
    PRIVATE = "private"
    TEAM = "team"
    GROUP = "group"


class CaseStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class Case(StrictModel):
    """The case this family file is, as a team's caseload counts it (``genogram caseload``)."""

    id: Id | None = Field(None, description="The team's case number; the only name a redacted caseload shows.")
    status: CaseStatus = CaseStatus.OPEN
    opened: PartialDate | None = None
    closed: PartialDate | None = None
    worker: Text | None = Field(None, description="The allocated worker.")
    frequency: Frequency | None = Field(None, description="Agreed frequency of discussion, when not the policy's default.")


class Family(StrictModel):
    """A whole family file."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True, str_strip_whitespace=True)

    genogram: Annotated[Literal[1], BeforeValidator(_version)] = Field(1, description="Format version.")
    title: Text | None = None
    index: Id | None = Field(None, description="The id of the child at the centre of the discussion.")
    as_of: PartialDate | None = Field(None, description="Ages are computed at this date.")
    share: Share = Field(Share.TEAM, description="Who may see outputs: private, team, or group (redact before sharing).")
    case: Case | None = Field(None, description="Case status, allocated worker and agreed discussion frequency, for the team's caseload.")
    people: list[Person] = Field(default_factory=list)
    unions: list[Union] = Field(default_factory=list)
    households: list[Household] = Field(default_factory=list)
    relationships: list[Relationship] = Field(default_factory=list)
    connections: list[Connection] = Field(default_factory=list)
    missing: list[Missing] = Field(default_factory=list)
    notes: LongText | None = None

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Family:
        """A copy with changes; derived views are recomputed, never carried over stale."""
        copy = super().model_copy(update=update, deep=deep)
        for name in _DERIVED:
            copy.__dict__.pop(name, None)
        return copy

    # Derived views, computed once: the model is frozen.
    @cached_property
    def person_by_id(self) -> dict[str, Person]:
        return {p.id: p for p in self.people}

    @cached_property
    def household_by_id(self) -> dict[str, Household]:
        return {h.id: h for h in self.households}

    def union_id(self, position: int) -> str:
        """The id of the union at ``position`` in the file (generated when not written)."""
        union = self.unions[position]
        return union.id or f"union-{position + 1}"

    def gap_id(self, position: int) -> str:
        gap = self.missing[position]
        return gap.id or f"gap-{position + 1}"

    @cached_property
    def union_ids(self) -> list[str]:
        return [self.union_id(i) for i in range(len(self.unions))]

    @cached_property
    def gap_ids(self) -> list[str]:
        return [self.gap_id(i) for i in range(len(self.missing))]


_DERIVED = ("person_by_id", "household_by_id", "union_ids", "gap_ids")
