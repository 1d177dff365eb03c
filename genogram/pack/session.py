"""The session file: one reflective discussion or supervision of one family.

It records the shape the policies describe (Hull: hypothesis, alternative
views, a plan of who does what by when, family goals, systemic tools;
Oxfordshire: the child's view, tools in use, capacity to change, family
group conference, pre-proceedings for a long CP plan; Tower Hamlets: Social
Graces or Signs of Safety, cases coming back with outcomes and the team's
contributions; Islington and Hull: decisions with their rationale, recorded
within 5 working days or by the next working day for a significant one),
and points to the family file and to the previous session, so a pack can
show what changed. Version 2 adds the fields a team counts or checks; a
version 1 file still loads (see docs/sessions.md).
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

from pydantic import Field, PlainValidator, ValidationInfo, WithJsonSchema, field_validator

from genogram.cadence import Frequency  # one vocabulary with the family file's `case:` block
from genogram.dates import PartialDate
from genogram.model import Flag, Id, LongText, StrictModel, Text
from genogram.workdays import Nation

#: Format versions this code reads; 2 is written by `genogram init` and the samples.
SESSION_VERSIONS = (1, 2)
CURRENT_VERSION = 2


def _full_date(value: Any) -> dt.date:
    """A full calendar day, YYYY-MM-DD (the YAML loader hands it over as text)."""
    if isinstance(value, dt.date):
        return value
    text = str(value).strip() if isinstance(value, (str, int)) and not isinstance(value, bool) else ""
    try:
        return dt.date.fromisoformat(text) if len(text) == 10 else _raise()
    except ValueError:
        raise ValueError("is not a full date: write YYYY-MM-DD") from None


def _raise() -> dt.date:
    raise ValueError


#: A full date (YYYY-MM-DD): days are counted against it, so a month will not do.
Day = Annotated[
    dt.date,
    PlainValidator(_full_date),
    WithJsonSchema({"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$", "description": "A full date, YYYY-MM-DD."}),
]
Scale = Annotated[int, Field(ge=0, le=10)]


class SessionKind(StrEnum):
    REFLECTIVE_DISCUSSION = "reflective-discussion"
    GROUP_SUPERVISION = "group-supervision"
    CASE_SUPERVISION = "case-supervision"


class HypothesisStatus(StrEnum):
    OPEN = "open"
    BEING_TESTED = "being-tested"
    SUPPORTED = "supported"
    REVISED = "revised"
    SET_ASIDE = "set-aside"


class ActionStatus(StrEnum):
    OPEN = "open"
    DONE = "done"
    DROPPED = "dropped"


class PlanType(StrEnum):
    """The statutory or early-help plan the child is on (Oxfordshire: TAF, CIN, CP, LAC)."""

    EARLY_HELP = "early-help"
    CIN = "cin"
    CP = "cp"
    LAC = "lac"
    NONE = "none"


class PreProceedings(StrEnum):
    NOT_CONSIDERED = "not-considered"
    CONSIDERED_NOT_NEEDED = "considered-not-needed"
    RECOMMENDED = "recommended"
    IN_PROGRESS = "in-progress"


class FgcStatus(StrEnum):
    HELD = "held"
    PLANNED = "planned"
    DECLINED = "declined"
    NOT_NEEDED = "not-needed"
    NOT_CONSIDERED = "not-considered"


class Tool(StrEnum):
    """Assessment tools in use (Oxfordshire: "What tools are being used? Neglect, CSE, CDE,
    Graded care profile, PAM, MARAMP, multi-agency chronology?"; Signs of Safety tools and
    the complex case template)."""

    NEGLECT_TOOLKIT = "neglect-toolkit"
    CSE_SCREENING = "cse-screening"
    CDE_SCREENING = "cde-screening"
    GRADED_CARE_PROFILE = "graded-care-profile"
    PAM = "pam"
    MARAMP = "maramp"
    CHRONOLOGY = "multi-agency-chronology"
    SIGNS_OF_SAFETY = "signs-of-safety"
    COMPLEX_CASE_TEMPLATE = "complex-case-template"
    MAPPING = "mapping-exercise"


class SystemicTool(StrEnum):
    """Systemic tools that might help (Hull: "What systemic tools might support the case?";
    Early Help: sculpting, the disintegration grid, thinking together, conversation cards)."""

    GENOGRAM = "genogram"
    ECOMAP = "ecomap"
    CIRCULAR_QUESTIONS = "circular-questions"
    SCULPTING = "sculpting"
    DISINTEGRATION_GRID = "disintegration-grid"
    THINKING_TOGETHER = "thinking-together"
    SOCIAL_GRACES = "social-graces"
    CONVERSATION_CARDS = "conversation-cards"
    TIMELINE = "timeline"
    REFLECTING_TEAM = "reflecting-team"
    GOAL_SCALING = "goal-scaling"


class OtherTool(StrictModel):
    """A tool outside the vocabulary, named in words."""

    other: Text
    note: Text | None = None


class ToolUse(StrictModel):
    """A tool from the vocabulary with a note (how it was used, or what it showed)."""

    tool: Tool
    note: Text | None = None


class SystemicToolUse(StrictModel):
    tool: SystemicTool
    note: Text | None = None


ToolEntry = Tool | ToolUse | OtherTool
SystemicToolEntry = SystemicTool | SystemicToolUse | OtherTool


def tool_label(entry: ToolEntry | SystemicToolEntry) -> str:
    """How a tool entry reads in a pack: the vocabulary word, or the free text, with its note."""
    if isinstance(entry, OtherTool):
        name, note = entry.other, entry.note
    elif isinstance(entry, (ToolUse, SystemicToolUse)):
        name, note = entry.tool.value.replace("-", " "), entry.note
    else:
        name, note = entry.value.replace("-", " "), None
    return f"{name}: {note}" if note else name


class Grace(StrictModel):
    """One of the Social Graces discussed, and what the group noticed."""

    grace: Annotated[str, Field(max_length=60)]
    reflection: LongText | None = None


class SocialGraces(StrictModel):
    graces: list[Grace] = Field(default_factory=list)
    reflections: LongText | None = None


class SignsOfSafety(StrictModel):
    worries: list[Text] = Field(default_factory=list)
    working_well: list[Text] = Field(default_factory=list)
    next_steps: list[Text] = Field(default_factory=list)
    scale: Scale | None = Field(None, description="0: certain the child will be harmed; 10: safe enough to close. Earlier sessions' scales are read through `previous:`.")
    scale_note: Text | None = None


class Framework(StrictModel):
    social_graces: SocialGraces | None = None
    signs_of_safety: SignsOfSafety | None = None


class ChildView(StrictModel):
    """Oxfordshire's prompts, answered from direct work with the child."""

    what_is_it_like: LongText | None = Field(None, description="What is it like being a child in this family?")
    wants_to_change: LongText | None = Field(None, description="What does the child want to change?")
    view_of_plan: LongText | None = Field(None, description="What do the child and family think of the plan?")
    source: Text | None = Field(None, description="How and when the child's view was gathered.")


class Hypothesis(StrictModel):
    id: Id
    statement: LongText
    status: HypothesisStatus = HypothesisStatus.OPEN
    test: LongText | None = Field(None, description="How the hypothesis will be tested.")
    outcome: LongText | None = Field(None, description="What testing showed (when it comes back).")


class Action(StrictModel):
    who: Text
    what: Text
    by: PartialDate | None = None
    status: ActionStatus = ActionStatus.OPEN
    id: Id | None = None
    reason: LongText | None = Field(None, description="Why the action was not done (Islington: the reasons can be noted).")


class Decision(StrictModel):
    decision: Text
    rationale: LongText | None = None
    by: Text | None = Field(None, description="The role that made the decision, e.g. Team Manager.")
    significant: Flag = Field(False, description="Significant decisions are recorded by the next working day (Islington: 24 hours).")


class CasePlan(StrictModel):
    """The plan the child is on, when it started and was last reviewed."""

    type: PlanType
    start: Day | None = Field(None, description="When the plan started (a CP plan past 12 months asks about pre-proceedings).")
    pre_proceedings: PreProceedings | None = Field(None, description="Would the pre-proceedings process assist (Oxfordshire)?")
    reviewed: Day | None = Field(None, description="When the plan was last reviewed (Islington).")


class FamilyGroupConference(StrictModel):
    status: FgcStatus
    date: Day | None = None
    note: Text | None = None


class Goal(StrictModel):
    """A family goal and where the family puts itself now on a 0-10 scale (Hull, Early Help)."""

    id: Id
    goal: Text
    scale: Scale | None = Field(None, description="Where the family is now: 0 not started, 10 achieved.")
    target: Scale | None = Field(None, description="Where the family wants to get to.")
    progress: LongText | None = Field(None, description="What has changed since last time.")
    whose: Text | None = Field(None, description="Whose goal it is (the family's words, the child's).")


class NextCase(StrictModel):
    """A case to bring next time; ``ref`` (a case reference) is shown in a redacted pack."""

    case: Text
    ref: Annotated[str, Field(max_length=60)] | None = None


PromptId = Annotated[str, Field(pattern=r"^[a-z][a-z0-9\-]*$")]


class Session(StrictModel):
    """A whole session file."""

    session: Annotated[int, Field(ge=1, le=CURRENT_VERSION)] = Field(1, description="Format version: 2 (1 still loads).")
    family: Annotated[str, Field(max_length=400)] = Field(description="Path of the family file, relative to this session file.")
    date: PartialDate = Field(description="When the discussion was held: YYYY-MM-DD (version 2 needs the full date).")
    kind: SessionKind = SessionKind.REFLECTIVE_DISCUSSION
    policy: Annotated[str, Field(pattern=r"^[a-z][a-z0-9\-]*$", max_length=40)] = "default"
    nation: Nation | None = Field(None, description="Whose bank holidays count (default: the team config's or profile's, else england-and-wales).")
    presenter: Text | None = None
    chair: Text | None = None
    attendees: list[Text] = Field(default_factory=list)
    recorded_by: Text | None = Field(None, description="Who recorded the discussion (Hull: a nominated person).")
    recorded_on: Day | None = Field(None, description="When the record was written on the child's file.")
    approved_by: Text | None = Field(None, description="Who approved the record (Hull: the Team Manager).")
    approved_on: Day | None = None
    reason: LongText | None = Field(None, description="Why the case is brought now.")
    plan: CasePlan | None = None
    fgc: FamilyGroupConference | None = Field(None, description="Family group conference (Oxfordshire: FGC occurred?).")
    child_seen: Day | None = Field(None, description="When the child was last seen (Islington).")
    frequency: Frequency | None = Field(None, description="Agreed frequency of discussion for this case (Oxfordshire).")
    framework: Framework = Field(default_factory=Framework)
    child_view: ChildView = Field(default_factory=ChildView)
    capacity_to_change: LongText | None = Field(None, description="What assessment tells us on capacity to change (Oxfordshire).")
    tools_used: list[ToolEntry] = Field(default_factory=list, description="Tools in use: vocabulary words, {tool, note}, or {other: ...}.")
    systemic_tools: list[SystemicToolEntry] = Field(default_factory=list, description="Systemic tools that might help (Hull).")
    goals: list[Goal] = Field(default_factory=list, description="Family goals with a 0-10 scale (Hull, Early Help).")
    hypotheses: list[Hypothesis] = Field(default_factory=list)
    alternative_views: list[LongText] = Field(default_factory=list)
    team_contributions: list[Text] = Field(default_factory=list, description="What the team's contributions changed (Tower Hamlets).")
    actions: list[Action] = Field(default_factory=list)
    decisions: list[Decision] = Field(default_factory=list)
    answers: dict[PromptId, LongText] = Field(default_factory=dict, description="Answers to the policy's prompts, by prompt id.")
    previous: Annotated[str, Field(max_length=400)] | None = Field(None, description="Path of the previous session file, if any.")
    next_time: list[Text | NextCase] = Field(default_factory=list, description="Cases to bring next time.")
    redact: Flag | None = Field(None, description="Redact the pack; group supervision packs are redacted unless this says false.")
    group_summary: LongText | None = Field(None, description="Text written for the group: the only free text a redacted pack shows besides `shared:`. It is checked for names, dates and addresses.")
    shared: dict[Annotated[str, Field(pattern=r"^[a-z][a-z0-9_\-]*(\.[a-z0-9_\-]+)*$", max_length=120)], LongText] = Field(
        default_factory=dict,
        description="Group versions of free-text fields, by field (`reason`, `hypotheses.1.statement`, `missing.2.what`): shown in a redacted pack in place of the original, after checking.",
    )

    @field_validator("date")
    @classmethod
    def _full_date_in_v2(cls, value: PartialDate, info: ValidationInfo) -> PartialDate:
        if info.data.get("session", 1) >= 2 and (value.precision != "day" or value.approx):
            raise ValueError("is not a full date: a version 2 session needs YYYY-MM-DD (the record-by date counts days from it)")
        return value

    @property
    def redacted_by_default(self) -> bool:
        if self.redact is not None:
            return self.redact
        return self.kind is SessionKind.GROUP_SUPERVISION

    @property
    def held(self) -> dt.date:
        """The day of the discussion (the middle of the month for a version 1 month-only date)."""
        return self.date.midpoint()

    @property
    def significant(self) -> bool:
        return any(d.significant for d in self.decisions)
def existing_file(session_file: Path, relative: str, document: Any, field: str, what: str) -> Path:
    """A path named in a session file (``family:``, ``previous:``), resolved; located error when missing."""
    from genogram.errors import GenogramError

    path = (session_file.parent / relative).resolve()
    if not path.exists():
        raise GenogramError.single(
            document.locate((field,)),
            f"names a {what} that does not exist",
            f"give its path relative to this session file{', or remove `previous:`' if field == 'previous' else ''}",
            code="not-found",
        )
    if path.is_dir():  # else the reader's message would name the folder, not this line
        raise GenogramError.single(document.locate((field,)), f"names a folder, not a {what}", "name the .yaml file itself", code="not-found")
    return path


def load_session(path: str | Path) -> tuple[Session, object]:
    """Read a session file through the strict loader; returns the session and its document."""
    from genogram.io.strict_yaml import load_file

    document = load_file(path)
    return session_from_document(document), document


def session_from_document(document: Any) -> Session:
    """Type a loaded session document, with located messages."""
    from pydantic import ValidationError

    from genogram.errors import GenogramError, Location
    from genogram.io.family import located_problems

    if not isinstance(document.data, dict):
        raise GenogramError.single(Location(document.file, 1, 1), "is not a session file: the top level must be fields such as family:, date:", "start from samples/*.session.yaml", code="shape")
    try:
        session = Session.model_validate(document.data)
    except ValidationError as exc:
        raise GenogramError(located_problems(exc, document, Session)) from None
    from genogram import policy

    policy.check(session.policy, document.locate(("policy",)))
    return session
