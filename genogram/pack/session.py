"""The session file: one reflective discussion or supervision of one family.

It records the shape the policies describe (Hull: hypothesis, alternative
views, a plan of who does what by when; Oxfordshire: the child's view;
Tower Hamlets: Social Graces or Signs of Safety, cases coming back with
outcomes; Islington and Hull: decisions with their rationale), and points to
the family file and to the previous session, so a pack can show what changed.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

from pydantic import Field

from genogram.dates import PartialDate
from genogram.model import Flag, Id, LongText, StrictModel, Text


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
    scale: Annotated[int, Field(ge=0, le=10)] | None = Field(None, description="0: certain the child will be harmed; 10: safe enough to close.")
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


class Decision(StrictModel):
    decision: Text
    rationale: LongText | None = None
    by: Text | None = Field(None, description="The role that made the decision, e.g. Team Manager.")
    significant: Flag = Field(False, description="Significant decisions must be recorded within 24 hours (Islington).")


class Session(StrictModel):
    """A whole session file."""

    session: Annotated[int, Field(ge=1, le=1)] = Field(1, description="Format version.")
    family: Annotated[str, Field(max_length=400)] = Field(description="Path of the family file, relative to this session file.")
    date: PartialDate
    kind: SessionKind = SessionKind.REFLECTIVE_DISCUSSION
    policy: Annotated[str, Field(pattern=r"^[a-z][a-z0-9\-]*$", max_length=40)] = "default"
    presenter: Text | None = None
    chair: Text | None = None
    attendees: list[Text] = Field(default_factory=list)
    reason: LongText | None = Field(None, description="Why the case is brought now.")
    framework: Framework = Field(default_factory=Framework)
    child_view: ChildView = Field(default_factory=ChildView)
    hypotheses: list[Hypothesis] = Field(default_factory=list)
    alternative_views: list[LongText] = Field(default_factory=list)
    actions: list[Action] = Field(default_factory=list)
    decisions: list[Decision] = Field(default_factory=list)
    answers: dict[Annotated[str, Field(pattern=r"^[a-z][a-z0-9\-]*$")], LongText] = Field(
        default_factory=dict, description="Answers to the policy's prompts, by prompt id."
    )
    previous: Annotated[str, Field(max_length=400)] | None = Field(None, description="Path of the previous session file, if any.")
    next_time: list[Text] = Field(default_factory=list, description="Cases to bring next time.")
    redact: Flag | None = Field(None, description="Redact the pack; group supervision packs are redacted unless this says false.")

    @property
    def redacted_by_default(self) -> bool:
        if self.redact is not None:
            return self.redact
        return self.kind is SessionKind.GROUP_SUPERVISION


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
