"""Session rules (SES codes): is the record of the discussion itself complete and on time?

These read a session file, not a family file. Each cites the passage it
comes from; the examples are session files the tests lint (their `family:`
is never opened by these rules).
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterator
from typing import TYPE_CHECKING

from genogram.lint.rule import HULL_CONFIDENTIAL, Citation, Hit, Rule, Severity, register

if TYPE_CHECKING:
    from genogram.lint.session_lint import SessionContext
    from genogram.model import Family

_HULL = "Hull Children and Young People's Services, Supervision Policy (2018)"
_OXF = "Oxfordshire, Safe and Thinking Space"
_ISL = "Islington, Case Management Supervision Policy for Early Help Services (2016)"
_TH = "Tower Hamlets Youth Justice and Family Intervention Service, Reflective Supervision for Case Managers (2018)"
_EH = "Family Early Help Procedures and Policies (2023)"

HULL_RATIONALE = Citation(
    _HULL,
    "8.1, Reflective Discussions: Roles and Responsibilities",
    "Details of decisions and actions should be recorded on the child\u2019s case file on Liquidlogic, including the rationale for those decisions.",
)
HULL_WHO_WHEN = Citation(_HULL, "8.1, Reflective Discussions (additional questions)", "What is the plan going forward and who needs to do what and when?")
HULL_TESTING = Citation(_HULL, "8.1, Reflective Discussions", "Developing and testing a hypothesis should also form part of the Reflective Discussion")
HULL_TESTED = Citation(
    _HULL, "8.1, Reflective Discussions (additional questions)", "If a case has been discussed previously, has the hypothesis been tested and what was the outcome?"
)
OXF_PROMPTS = Citation(_OXF, "Guidance to Supervision", "Agreed prompts to be use within supervision (which will be placed in supervision rooms and within procedures)")
OXF_CP_PLAN = Citation(
    _OXF, "Prompts within supervision", "CP plan longer than 12months? Would pre-proceedings process assist in progressing CP planning \u2013 consider with manager/ASCM?"
)
OXF_FGC = Citation(_OXF, "Prompts within supervision", "FGC occurred? Consider the possibility if not to achieving outcomes and to support plan.")
ISL_RECORD = Citation(_ISL, "Frequency", "This record within 5 working days or 24 hours for any significant case decisions and/or urgent matters.")
ISL_SEEN = Citation(
    _ISL,
    "Frequency",
    "The practice supervisor should prepare prior to the supervision session by reviewing cases, checking whether children and young people have been seen, "
    "whether family plan reviews have taken place and whether plans are in place.",
)
ISL_REASONS = Citation(
    _ISL,
    "Frequency",
    "This allows practice supervisors to satisfy themselves that plans are on track, that any issues are picked up on and that actions from the previous "
    "supervision have been undertaken. If for any reason they haven't been completed, the reasons can be noted.",
)
TH_CONTRIBUTIONS = Citation(
    _TH,
    "Implementing the Practice",
    "Each case presented comes back for discussion in at a future date (The case manager feedbacks to the team, sharing outcomes and highlighting the team- contributions).",
)
EH_GOALS = Citation(_EH, "Resilient Families Tools and Resources in Supervision", "Tool for Measuring Progress Towards Goals")

_HEAD = "session: 2\nfamily: family.yaml\ndate: 2026-11-20\n"


class _Session(Rule):
    target = "session"
    group = "session"
    severity = Severity.WARNING


@register
class DecisionNoRationale(_Session):
    """A decision says why it was made.

    What it checks: every entry of `decisions:` has a `rationale:`.

    Why: decisions are recorded on the child's file with their rationale, so
    a reader (the family, a later manager) can see how it was reached.

    Example: `{decision: Refer to the exploitation panel}` with no rationale
    is reported.
    """

    code = "SES101"
    name = "decision-no-rationale"
    policy = HULL_RATIONALE
    passes = _HEAD + "decisions:\n  - {decision: Refer to the exploitation panel, rationale: Two missing episodes with an older peer group}\n"
    fails = _HEAD + "decisions:\n  - {decision: Refer to the exploitation panel}\n"

    def check(self, ctx: SessionContext) -> Iterator[Hit]:
        for i, decision in enumerate(ctx.session.decisions):
            if not (decision.rationale or "").strip():
                yield Hit(("decisions", i, "decision"), f"the decision `{decision.decision[:60]}` has no rationale", "add `rationale:`: why it was decided, in a sentence")


_NOBODY = {"", "tbc", "tbd", "?", "unknown", "someone", "team", "n/a"}


@register
class ActionNoOwnerOrDate(_Session):
    """An open action names who will do it and by when.

    What it checks: every open entry of `actions:` has a `who:` that names
    someone (not "TBC") and a `by:` date.

    Why: a plan going forward says who needs to do what and when.

    Example: `{who: TBC, what: Book a family group conference}` is reported
    twice: no owner, no date.
    """

    code = "SES102"
    name = "action-no-owner-date"
    policy = HULL_WHO_WHEN
    passes = _HEAD + "actions:\n  - {who: Practice manager, what: Book a family group conference, by: 2026-12-05}\n"
    fails = _HEAD + "actions:\n  - {who: TBC, what: Book a family group conference}\n"

    def check(self, ctx: SessionContext) -> Iterator[Hit]:
        for i, action in enumerate(ctx.session.actions):
            if action.status.value != "open":
                continue
            if action.who.strip().lower() in _NOBODY:
                yield Hit(("actions", i, "who"), f"the action `{action.what[:60]}` has no owner", "name the role that will do it in `who:`")
            if action.by is None:
                yield Hit(("actions", i, "what"), f"the action `{action.what[:60]}` has no date", "add `by:` (YYYY-MM-DD)")


@register
class HypothesisUntested(_Session):
    """A hypothesis says how it will be tested.

    What it checks: every hypothesis still open or being tested has a
    `test:`.

    Why: developing and testing a hypothesis is part of the discussion; a
    hypothesis with no test cannot come back with an outcome.

    Example: `{id: belonging, statement: ..., status: open}` with no test is
    reported.
    """

    code = "SES103"
    name = "hypothesis-untested"
    policy = HULL_TESTING
    passes = _HEAD + "hypotheses:\n  - {id: belonging, statement: He is looking for belonging, test: Ecomap with him}\n"
    fails = _HEAD + "hypotheses:\n  - {id: belonging, statement: He is looking for belonging}\n"

    def check(self, ctx: SessionContext) -> Iterator[Hit]:
        for i, h in enumerate(ctx.session.hypotheses):
            if h.status.value in ("open", "being-tested") and not (h.test or "").strip():
                yield Hit(("hypotheses", i, "statement"), f"the hypothesis `{h.id}` has no test", "add `test:`: how the team will find out whether it holds")


@register
class HypothesisNoOutcome(_Session):
    """A hypothesis that comes back says what testing showed.

    What it checks: a hypothesis marked supported, revised or set aside, or
    one that was already being tested in the previous session (`previous:`),
    has an `outcome:`.

    Why: when a case is discussed again, the group asks whether the
    hypothesis was tested and what the outcome was.

    Example: `{id: belonging, status: supported}` with no outcome is
    reported.
    """

    code = "SES104"
    name = "hypothesis-no-outcome"
    policy = HULL_TESTED
    passes = _HEAD + "hypotheses:\n  - {id: belonging, statement: He is looking for belonging, test: Ecomap, status: supported, outcome: He goes to the peer group when contact is cancelled}\n"
    fails = _HEAD + "hypotheses:\n  - {id: belonging, statement: He is looking for belonging, test: Ecomap, status: supported}\n"

    def check(self, ctx: SessionContext) -> Iterator[Hit]:
        tested_before = {h.id for h in ctx.previous.hypotheses if h.status.value == "being-tested"} if ctx.previous else set()
        for i, h in enumerate(ctx.session.hypotheses):
            revisited = h.status.value in ("supported", "revised", "set-aside") or h.id in tested_before
            if revisited and not (h.outcome or "").strip():
                yield Hit(("hypotheses", i, "status"), f"the hypothesis `{h.id}` is {h.status.value.replace('-', ' ')} but records no outcome", "add `outcome:`: what testing showed")


@register
class PromptUnanswered(_Session):
    """Every prompt of the policy has a real answer.

    What it checks: each prompt of the session's policy profile is answered,
    under `answers:` or by the section it draws on (hypotheses, actions, the
    child's view...). "See actions above", "TBC" or an empty section is no
    answer. A prompt about the genogram is judged by the pack, which has the
    family file.

    Why: the policies agree prompts to use within supervision; one left
    unanswered is a question the discussion did not reach.

    Example: with `policy: oxfordshire`, a session with no child's view
    leaves three prompts unanswered.
    """

    code = "SES105"
    name = "prompt-unanswered"
    policy = OXF_PROMPTS
    passes = _HEAD + "policy: tower-hamlets\nframework:\n  signs_of_safety: {worries: [Missing episodes], scale: 5}\nhypotheses:\n  - {id: h, statement: Belonging, test: Ecomap, status: supported, outcome: Confirmed}\nactions:\n  - {who: Case manager, what: Book an FGC, by: 2026-12-05}\nnext_time: [Nowak placement review]\nteam_contributions: [The group suggested an ecomap]\n"
    fails = _HEAD + "policy: tower-hamlets\nactions:\n  - {who: Case manager, what: Book an FGC, by: 2026-12-05}\nanswers:\n  framework: See above.\n"

    def check(self, ctx: SessionContext) -> Iterator[Hit]:
        for prompt, answer in zip(ctx.prompts, ctx.answers, strict=True):
            if answer.answer is None and prompt.get("from") != "register":
                where: tuple[object, ...] = ("answers", answer.id) if answer.id in ctx.session.answers else ("policy",)
                source = prompt.get("from")
                hint = f"answer it under `answers: {{{answer.id}: ...}}`" + (f" or fill `{source.split('.')[0]}:`" if source else "")
                yield Hit(where, f"the prompt `{answer.id}` has no real answer" + (f": {answer.note}" if answer.note else ""), hint, subject=answer.id)


@register
class AnswerNotInProfile(_Session):
    """Every answer belongs to a prompt of the session's policy.

    What it checks: each key under `answers:` is the id of a prompt of the
    profile in use.

    Why: an answer under an id the profile does not list is easy to lose;
    the pack shows it under "Other answers", and this warns that it may be
    filed under the wrong prompt or the wrong policy.

    Example: `answers: {tools: Graded care profile}` with `policy: hull` is
    reported.
    """

    code = "SES106"
    name = "answer-not-in-profile"
    policy = OXF_PROMPTS
    passes = _HEAD + "policy: hull\nanswers:\n  influences: School and the older peer group.\n"
    fails = _HEAD + "policy: hull\nanswers:\n  tools: Graded care profile\n"

    def check(self, ctx: SessionContext) -> Iterator[Hit]:
        from genogram.pack.prompts import unlisted_answers

        ids = ", ".join(p["id"] for p in ctx.prompts)
        for key in unlisted_answers(ctx.session, ctx.prompts):
            yield Hit(("answers", key), f"the answer `{key}` matches no prompt of the {ctx.profile.name} profile (the pack shows it under other answers)", f"use one of: {ids}", key=True)


@register
class RecordedLate(_Session):
    """The discussion was recorded on the child's file by the record-by date.

    What it checks: `recorded_on:` is no later than the record-by date: 5
    working days after the discussion, or the next working day when a
    decision is significant, counting the bank holidays of the session's
    nation. A session not yet recorded is reported once the record-by date
    has passed (`--today`). A month-only `date:` (version 1) cannot be
    counted from and is reported too.

    Why: the record is made within 5 working days, or 24 hours for a
    significant decision; a Friday decision is due on the next working day.

    Example: a discussion on Friday 2026-12-18 with a significant decision,
    recorded on Tuesday 2026-12-22, is late (due Monday 21).
    """

    code = "SES107"
    name = "recorded-late"
    policy = ISL_RECORD
    passes = "session: 2\nfamily: family.yaml\ndate: 2026-12-18\nrecorded_on: 2026-12-21\ndecisions:\n  - {decision: Strategy discussion, rationale: New disclosure, significant: yes}\n"
    fails = "session: 2\nfamily: family.yaml\ndate: 2026-12-18\nrecorded_on: 2026-12-22\ndecisions:\n  - {decision: Strategy discussion, rationale: New disclosure, significant: yes}\n"

    def check(self, ctx: SessionContext) -> Iterator[Hit]:
        from genogram.workdays import record_by, record_by_rule

        s = ctx.session
        if s.date.precision != "day" or s.date.approx:
            yield Hit(("date",), f"the session date {s.date} is not a full date, so no record-by date can be counted", "write the day the discussion was held, YYYY-MM-DD")
            return
        due = record_by(s.held, s.significant, ctx.nation)
        rule = record_by_rule(s.significant)
        if s.recorded_on is not None and s.recorded_on > due:
            yield Hit(("recorded_on",), f"recorded on {s.recorded_on}, after the record-by date {due} ({rule}, {ctx.nation.value})", "record sooner; note why it was late in the record")
        elif s.recorded_on is None and ctx.today > due:
            yield Hit(("date",), f"not recorded yet and the record-by date {due} ({rule}, {ctx.nation.value}) has passed", "record the discussion on the child's file and set `recorded_on:`")


@register
class CpPlanNoPreProceedings(_Session):
    """A child protection plan past 12 months has pre-proceedings considered.

    What it checks: with `plan: {type: cp}` started 12 months or more before
    the discussion, `pre_proceedings:` is set and is not `not-considered`.
    The number of months is the `cp_plan_months` threshold.

    Why: a CP plan longer than 12 months asks whether the pre-proceedings
    process would assist, considered with a manager.

    Example: a CP plan started 2025-09-01 discussed on 2026-11-20 with no
    `pre_proceedings:` is reported.
    """

    code = "SES108"
    name = "cp-plan-no-pre-proceedings"
    policy = OXF_CP_PLAN
    passes = _HEAD + "plan: {type: cp, start: 2025-09-01, pre_proceedings: considered-not-needed}\n"
    fails = _HEAD + "plan: {type: cp, start: 2025-09-01}\n"

    def check(self, ctx: SessionContext) -> Iterator[Hit]:
        from genogram.dates import add_years

        plan = ctx.session.plan
        if plan is None or plan.type.value != "cp" or plan.start is None:
            return
        months = ctx.thresholds["cp_plan_months"]
        point = _add_months(add_years(plan.start, months // 12), months % 12)
        if ctx.held >= point and (plan.pre_proceedings is None or plan.pre_proceedings.value == "not-considered"):
            yield Hit(("plan", "start"), f"the CP plan started {plan.start}, over {months} months ago, and pre-proceedings has not been considered", "consider with the manager whether pre-proceedings would help; set `plan: {pre_proceedings: ...}`")


def _add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later (the month's last day when it has fewer days)."""
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


@register
class FgcNotConsidered(_Session):
    """Whether a family group conference has happened, or why not, is recorded.

    What it checks: a session for a child on a plan (`plan:` other than
    `none`) has `fgc:` with a status other than `not-considered`.

    Why: the prompts ask whether an FGC occurred, and to consider one if not,
    to achieve outcomes and support the plan.

    Example: `plan: {type: cin}` with no `fgc:` is reported.
    """

    code = "SES109"
    name = "fgc-not-considered"
    policy = OXF_FGC
    severity = Severity.INFO
    passes = _HEAD + "plan: {type: cin}\nfgc: {status: planned, date: 2026-12-10}\n"
    fails = _HEAD + "plan: {type: cin}\n"

    def check(self, ctx: SessionContext) -> Iterator[Hit]:
        s = ctx.session
        if s.plan is None or s.plan.type.value == "none":
            return
        if s.fgc is None or s.fgc.status.value == "not-considered":
            yield Hit(("fgc",) if s.fgc else ("plan", "type"), "no family group conference is recorded as held, planned, declined or not needed", "add `fgc: {status: ...}` (held, planned, declined, not-needed)")


@register
class ChildNotSeen(_Session):
    """The child has been seen recently.

    What it checks: `child_seen:` is recorded and no more than
    `child_seen_days` days (a profile threshold; 31 by default) before the
    discussion.

    Why: the supervisor prepares by checking whether children and young
    people have been seen.

    Example: `child_seen: 2026-09-01` for a discussion on 2026-11-20 is
    reported.
    """

    code = "SES110"
    name = "child-not-seen"
    policy = ISL_SEEN
    passes = _HEAD + "child_seen: 2026-11-12\n"
    fails = _HEAD + "child_seen: 2026-09-01\n"

    def check(self, ctx: SessionContext) -> Iterator[Hit]:
        days = ctx.thresholds["child_seen_days"]
        seen = ctx.session.child_seen
        if seen is None:
            yield Hit(("date",), "the session does not record when the child was last seen", "add `child_seen:` (YYYY-MM-DD)")
        elif (ctx.held - seen).days > days:
            yield Hit(("child_seen",), f"the child was last seen {seen}, {(ctx.held - seen).days} days before the discussion (more than {days})", "arrange a visit; record why if the child cannot be seen")


@register
class PreviousActionNoReason(_Session):
    """An action from last time that was not done says why.

    What it checks: an action that is `dropped`, or still open after its
    `by:` date, has a `reason:`; and each action of the previous session
    (`previous:`) that was open appears again in this one.

    Why: supervision checks that actions from the previous supervision have
    been undertaken and, if not, notes the reasons.

    Example: `{who: Social worker, what: Ask about the father, by: 2026-11-04}`
    still open at a discussion on 2026-11-20 with no reason is reported.
    """

    code = "SES111"
    name = "previous-action-no-reason"
    policy = ISL_REASONS
    passes = _HEAD + "actions:\n  - {who: Social worker, what: Ask about the father, by: 2026-11-04, reason: Grandmother in hospital; visit moved to 2026-11-25}\n"
    fails = _HEAD + "actions:\n  - {who: Social worker, what: Ask about the father, by: 2026-11-04}\n"

    def check(self, ctx: SessionContext) -> Iterator[Hit]:
        s = ctx.session
        for i, a in enumerate(s.actions):
            late = a.status.value == "open" and a.by is not None and a.by.latest() < ctx.held
            if (late or a.status.value == "dropped") and not (a.reason or "").strip():
                state = "was dropped" if a.status.value == "dropped" else f"was due {a.by} and is not done"
                yield Hit(("actions", i, "what"), f"the action `{a.what[:60]}` {state}, with no reason", "add `reason:`: why it was not done, and what happens now")
        if ctx.previous is None:
            return
        here = {(a.id or (a.who, a.what)) for a in s.actions}
        for old in ctx.previous.actions:
            if old.status.value == "open" and (old.id or (old.who, old.what)) not in here:
                yield Hit(("previous",), f"last time's action `{old.what[:60]}` is not carried into this session", "list it under `actions:` with its status (done, open with a reason, or dropped with a reason)")


@register
class PlanNotReviewed(_Session):
    """The child's plan is in place and has been reviewed.

    What it checks: `plan:` is recorded, and its `reviewed:` date is no more
    than `plan_review_days` days (92 by default) before the discussion.

    Why: the supervisor checks whether plans are in place and whether
    family plan reviews have taken place.

    Example: `plan: {type: early-help}` with no `reviewed:` date is reported.
    """

    code = "SES112"
    name = "plan-not-reviewed"
    policy = ISL_SEEN
    severity = Severity.INFO
    passes = _HEAD + "plan: {type: early-help, start: 2026-06-01, reviewed: 2026-10-01}\n"
    fails = _HEAD + "plan: {type: early-help, start: 2026-06-01}\n"

    def check(self, ctx: SessionContext) -> Iterator[Hit]:
        plan = ctx.session.plan
        days = ctx.thresholds["plan_review_days"]
        if plan is None:
            yield Hit(("date",), "the session does not record the child's plan (early help, CIN, CP, LAC or none)", "add `plan: {type: ...}`")
        elif plan.type.value != "none" and plan.reviewed is None:
            yield Hit(("plan", "type"), "the plan has no review date", "add `plan: {reviewed: YYYY-MM-DD}`")
        elif plan.reviewed is not None and (ctx.held - plan.reviewed).days > days:
            yield Hit(("plan", "reviewed"), f"the plan was last reviewed {plan.reviewed}, more than {days} days before the discussion", "review the plan with the family")


@register
class NoTeamContributions(_Session):
    """A case that comes back records what the team's contributions changed.

    What it checks: a session with `previous:` (the case comes back) has
    `team_contributions:`.

    Why: each case presented comes back; the case manager shares outcomes
    and highlights the team's contributions.

    Example: a follow-up session (`previous:` set) with no
    `team_contributions:` is reported.
    """

    code = "SES113"
    name = "no-team-contributions"
    policy = TH_CONTRIBUTIONS
    severity = Severity.INFO
    passes = _HEAD + "previous: first.session.yaml\nteam_contributions: [The probation officer's view of the peer group changed the plan]\n"
    fails = _HEAD + "previous: first.session.yaml\n"

    def check(self, ctx: SessionContext) -> Iterator[Hit]:
        if ctx.session.previous and not ctx.session.team_contributions:
            yield Hit(("previous",), "the case comes back but the team's contributions are not recorded", "add `team_contributions:`: what the group's ideas changed")


@register
class GoalsUnmeasured(_Session):
    """Family goals are recorded with a 0-10 scale.

    What it checks: the session has `goals:`, and each has a `scale:`.

    Why: progress towards goals is measured with the family; a goal with no
    scale cannot show progress over time.

    Example: `goals: [{id: school, goal: Jayden back in school}]` with no
    scale is reported.
    """

    code = "SES114"
    name = "goals-unmeasured"
    policy = EH_GOALS
    severity = Severity.INFO
    passes = _HEAD + "goals:\n  - {id: school, goal: Back in school full time, scale: 6, target: 9}\n"
    fails = _HEAD + "goals:\n  - {id: school, goal: Back in school full time}\n"

    def check(self, ctx: SessionContext) -> Iterator[Hit]:
        if not ctx.session.goals:
            yield Hit(("date",), "the session records no family goals", "add `goals:` with the family's words and a 0-10 `scale:`")
        for i, goal in enumerate(ctx.session.goals):
            if goal.scale is None:
                yield Hit(("goals", i, "goal"), f"the goal `{goal.id}` has no 0-10 scale", "ask the family where they are now (0-10) and set `scale:`")


@register
class SharedTextIdentifies(_Session):
    """Text written for the group holds nothing that identifies the family.

    What it checks: `group_summary:`, every `shared:` text and every next-time
    case reference, with the detectors `genogram pack --redact` uses (the
    family's names, nicknames and surname variants when its family file can
    be read; dates, postcodes, addresses, phone and NHS numbers, emails,
    URLs, initials always), and that each `shared:` key names a free-text
    field of the session.

    Why: a redacted pack shows this text to the group as written; a hit
    makes the pack refuse, so lint says so first, at the same place.

    Example: `group_summary: Seen on 09/03/2026` is reported (a date).
    """

    code = "SES115"
    name = "shared-text-identifies"
    policy = HULL_CONFIDENTIAL
    severity = Severity.ERROR
    passes = _HEAD + "group_summary: The child has been in a kinship placement for about two months.\n"
    fails = _HEAD + "group_summary: The child was seen on 09/03/2026 at home.\n"

    def check(self, ctx: SessionContext) -> Iterator[Hit]:
        from genogram.detect import detector_for
        from genogram.pack.shared import check_shared

        family = _family_of(ctx)
        detector = detector_for([family] if family is not None else [])
        for problem in check_shared(ctx.session, ctx.document, family, detector):
            if family is None and problem.code == "shared-key":
                continue  # `missing.N` keys name the family's register, which could not be read
            yield Hit((), problem.message, problem.hint, location=problem.location)


def _family_of(ctx: SessionContext) -> Family | None:
    """The session's family when its file can be read beside the session (lint never refuses for it)."""
    from pathlib import Path

    from genogram.errors import GenogramError

    if ctx.document.file.startswith("<"):
        return None
    path = Path(ctx.document.file).parent / ctx.session.family
    try:
        from genogram import api

        return api.read_family(path).family if path.is_file() else None
    except (GenogramError, OSError):
        return None
