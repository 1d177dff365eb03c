"""What goes into a session pack, as plain data, before any HTML or PDF.

The pack's content is built once and handed to both writers (jinja2 for HTML,
typst for PDF, which receives it as JSON), so the two never disagree and no
user text is ever spliced into markup or typst source.
"""

from __future__ import annotations

import tomllib
from dataclasses import asdict, dataclass, field
from datetime import date
from functools import cache
from importlib import resources
from typing import Any

from genogram.model import Family
from genogram.pack.session import ActionStatus, Session
from genogram.text import clean
from genogram.workdays import Nation

UNANSWERED = "Not yet answered"


@dataclass(slots=True)
class PackContent:
    """Everything the pack shows, already cleaned and (when asked) redacted."""

    title: str
    subtitle: str
    session: dict[str, Any]
    record_by: str
    register: list[dict[str, Any]]
    lint: dict[str, Any]
    prompts: list[dict[str, Any]]
    hypotheses: list[dict[str, Any]]
    actions: list[dict[str, Any]]
    decisions: list[dict[str, Any]]
    framework: dict[str, Any]
    child_view: dict[str, Any]
    alternative_views: list[str]
    next_time: list[str]
    changes: dict[str, Any] | None
    redacted: bool
    policy: dict[str, str]
    case: dict[str, Any] = field(default_factory=dict)
    other_answers: list[dict[str, Any]] = field(default_factory=list)
    today: str = ""
    genogram_svg: str = ""
    ecomap_svg: str = ""
    #: The genogram in words (genogram.describe), shown beside the drawing for screen readers and everyone else.
    genogram_description: str = ""
    #: The index child's three generations, other branches collapsed (PDF only, when the whole family needs tiles).
    genogram_focus_svg: str = ""
    timeline_svg: str = ""
    group_summary: str | None = None  # written for the group, checked before a redacted pack is made

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


def load_prompts(policy: str) -> dict[str, Any]:
    """The prompts of a policy profile (``default`` when unknown); a copy, so callers may change it."""
    import copy

    profiles = _all_prompts()
    return copy.deepcopy(profiles.get(policy, profiles["default"]))


@cache
def _all_prompts() -> dict[str, Any]:
    """prompts.toml, read once per process (session lint reads it for every file)."""
    with resources.files("genogram.pack").joinpath("prompts.toml").open("rb") as handle:
        return tomllib.load(handle)


@dataclass(frozen=True, slots=True)
class History:
    """What earlier sessions (through `previous:`) say, oldest first: Signs of Safety scales, goal scales."""

    scales: list[tuple[str, int]] = field(default_factory=list)
    goals: dict[str, list[tuple[str, int]]] = field(default_factory=dict)

    @classmethod
    def of(cls, sessions: list[Session]) -> History:
        scales: list[tuple[str, int]] = []
        goals: dict[str, list[tuple[str, int]]] = {}
        for old in sessions:
            sos = old.framework.signs_of_safety
            if sos is not None and sos.scale is not None:
                scales.append((str(old.date), sos.scale))
            for goal in old.goals:
                if goal.scale is not None:
                    goals.setdefault(goal.id, []).append((str(old.date), goal.scale))
        return cls(scales, goals)


def build_content(
    session: Session,
    family: Family,
    *,
    findings: list[dict[str, Any]],
    previous: tuple[Session, Family] | None = None,
    redacted: bool = False,
    today: date | None = None,
    nation: Nation = Nation.ENGLAND_AND_WALES,
    history: History | None = None,
) -> PackContent:
    """Assemble the pack. A redacted pack is given an already redacted session and family (genogram.pack.shared).

    ``today`` judges what is overdue (default: the session's date); ``nation``
    decides the bank holidays of the record-by date; ``history`` holds the
    earlier sessions' scales.
    """

    def t(value: str | None) -> str | None:
        if value is None:
            return None
        return clean(value)

    day = today or session.held
    profile = load_prompts(session.policy)
    names = {p.id: (p.name or (f"Unknown ({p.id})" if p.unknown else p.id)) for p in family.people}
    history = history or History()
    framework = _framework(session, t, history)
    kind = session.kind.value.replace("-", " ").capitalize()
    title = f"{kind}: {t(family.title) or 'family'}" if not redacted else f"{kind}: family (redacted)"
    next_time = _next_time(session, redacted, t)
    prompts, other_answers = _prompts(session, profile, family, findings, t)
    for prompt in prompts:  # next time's cases read as the pack lists them, never as a removed name
        if prompt["source"] == "next_time":
            prompt["answer"] = "; ".join(next_time)
    return PackContent(
        title=title,
        subtitle=f"{session.date} · policy: {profile['name']}",
        session=_meta(session, t, kind, nation),
        record_by=_record_by(session, nation),
        register=_register(family, names, t, day),
        lint={"counts": _counts(findings), "findings": findings},
        prompts=prompts,
        hypotheses=[
            {"id": h.id, "statement": t(h.statement), "status": h.status.value.replace("-", " "), "test": t(h.test), "outcome": t(h.outcome)} for h in session.hypotheses
        ],
        actions=[_action(a, t, day) for a in session.actions],
        decisions=[{"decision": t(d.decision), "rationale": t(d.rationale), "by": t(d.by), "significant": d.significant} for d in session.decisions],
        framework=framework,
        child_view={
            "what_is_it_like": t(session.child_view.what_is_it_like),
            "wants_to_change": t(session.child_view.wants_to_change),
            "view_of_plan": t(session.child_view.view_of_plan),
            "source": t(session.child_view.source),
        },
        alternative_views=[t(v) or "" for v in session.alternative_views],
        next_time=next_time,
        changes=_changes(session, family, previous, names, t, day) if previous else None,
        redacted=redacted,
        policy={"id": session.policy, "name": profile["name"], "source": profile.get("source", "")},
        case=_case(session, t, history, day),
        other_answers=other_answers,
        today=day.isoformat(),
    )


def _meta(session: Session, t: Any, kind: str, nation: Nation) -> dict[str, Any]:
    """Who was there and who recorded and approved the record."""
    return {
        "date": str(session.date),
        "kind": kind,
        "presenter": t(session.presenter),
        "chair": t(session.chair),
        "attendees": [t(a) for a in session.attendees],
        "reason": t(session.reason),
        "recorded_by": t(session.recorded_by),
        "recorded_on": session.recorded_on.isoformat() if session.recorded_on else None,
        "approved_by": t(session.approved_by),
        "approved_on": session.approved_on.isoformat() if session.approved_on else None,
        "nation": nation.value,
        "frequency": session.frequency.value if session.frequency else None,
        "version": session.session,
    }


def _record_by(session: Session, nation: Nation) -> str:
    """The record-by date with its rule ("next working day: significant decision"), counted on bank holidays."""
    from genogram.workdays import record_by, record_by_rule

    if session.date.precision != "day" or session.date.approx:
        return f"cannot be counted: the session date {session.date} is not a full date"
    due = record_by(session.held, session.significant, nation)
    late = " (recorded late)" if session.recorded_on and session.recorded_on > due else ""
    return f"{due.isoformat()} ({record_by_rule(session.significant)}; {nation.value} bank holidays){late}"


def _register(family: Family, names: dict[str, str], t: Any, day: date) -> list[dict[str, Any]]:
    register = []
    for number, gap in enumerate(family.missing, start=1):
        due = gap.due
        register.append(
            {
                "number": number,
                "about": t(names.get(gap.about or "", gap.about or "The family")),
                "what": t(gap.what),
                "steps": [t(s) for s in gap.steps],
                "plan": t(gap.plan),
                "owner": t(gap.owner),
                "due": str(due) if due else None,
                "overdue": bool(due and gap.status.value == "open" and due.latest() < day),
                "status": gap.status.value,
            }
        )
    return register


def _action(action: Any, t: Any, day: date) -> dict[str, Any]:
    overdue = bool(action.by and action.status is ActionStatus.OPEN and action.by.latest() < day)
    return {"who": t(action.who), "what": t(action.what), "by": str(action.by) if action.by else None, "status": action.status.value, "overdue": overdue, "reason": t(action.reason)}


def _counts(findings: list[dict[str, Any]]) -> dict[str, int]:
    severities: dict[str, int] = {}
    for finding in findings:
        key = "explained" if finding.get("explained") else finding.get("severity", "info")
        severities[key] = severities.get(key, 0) + 1
    return severities


def _framework(session: Session, t: Any, history: History) -> dict[str, Any]:
    framework: dict[str, Any] = {"social_graces": None, "signs_of_safety": None}
    if session.framework.social_graces:
        sg = session.framework.social_graces
        framework["social_graces"] = {"graces": [{"grace": t(g.grace), "reflection": t(g.reflection)} for g in sg.graces], "reflections": t(sg.reflections)}
    sos = session.framework.signs_of_safety
    if sos:
        over_time = [{"date": d, "scale": n} for d, n in history.scales]
        if sos.scale is not None:
            over_time.append({"date": str(session.date), "scale": sos.scale})
        framework["signs_of_safety"] = {
            "worries": [t(x) for x in sos.worries],
            "working_well": [t(x) for x in sos.working_well],
            "next_steps": [t(x) for x in sos.next_steps],
            "scale": sos.scale,
            "scale_note": t(sos.scale_note),
            "over_time": over_time if len(over_time) > 1 else [],
        }
    return framework


def _case(session: Session, t: Any, history: History, day: date) -> dict[str, Any]:
    """The case around the discussion: plan, FGC, child seen, tools, goals, capacity, contributions."""
    from genogram.pack.session import tool_label

    plan = session.plan
    goals = []
    for g in session.goals:
        earlier = history.goals.get(g.id, [])
        goals.append(
            {
                "goal": t(g.goal),
                "whose": t(g.whose),
                "scale": g.scale,
                "target": g.target,
                "progress": t(g.progress),
                "before": " → ".join(f"{n} ({d})" for d, n in earlier) or None,
            }
        )
    return {
        "plan": {
            "type": _PLAN_NAMES[plan.type.value],
            "start": plan.start.isoformat() if plan.start else None,
            "pre_proceedings": plan.pre_proceedings.value.replace("-", " ") if plan.pre_proceedings else None,
            "reviewed": plan.reviewed.isoformat() if plan.reviewed else None,
        }
        if plan
        else None,
        "fgc": {"status": session.fgc.status.value.replace("-", " "), "date": session.fgc.date.isoformat() if session.fgc.date else None, "note": t(session.fgc.note)}
        if session.fgc
        else None,
        "child_seen": session.child_seen.isoformat() if session.child_seen else None,
        "child_seen_days": (day - session.child_seen).days if session.child_seen else None,
        "capacity_to_change": t(session.capacity_to_change),
        "tools_used": [t(tool_label(x)) for x in session.tools_used],
        "systemic_tools": [t(tool_label(x)) for x in session.systemic_tools],
        "goals": goals,
        "team_contributions": [t(x) or "" for x in session.team_contributions],
    }


_PLAN_NAMES = {"early-help": "Early help (TAF)", "cin": "Child in need", "cp": "Child protection", "lac": "Looked after child", "none": "No plan"}


def _prompts(session: Session, profile: dict[str, Any], family: Family, findings: list[dict[str, Any]], t: Any) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The profile's prompts with real answers, and answers under ids the profile does not list."""
    from genogram.pack.prompts import answer_prompts, unlisted_answers

    answered = answer_prompts(session, profile["prompts"], _register_answer(family, findings))
    prompts = [{"id": a.id, "text": a.text, "answer": t(a.answer), "source": a.source, "note": a.note} for a in answered]
    others = [{"id": key, "answer": t(session.answers[key])} for key in unlisted_answers(session, profile["prompts"])]
    return prompts, others


def _register_answer(family: Family, findings: list[dict[str, Any]]) -> tuple[str | None, str | None]:
    """What the register and checks say to "do we have a clear genogram?": no answer while warnings are unexplained."""
    open_findings = [f for f in findings if f["code"].startswith("GEN") and not f.get("explained") and f.get("severity") in ("warning", "error")]
    if open_findings:
        return None, f"{len(open_findings)} unexplained warnings or errors are open (see the checks)"
    gaps = [g for g in family.missing if g.status.value == "open"]
    if not gaps:
        return "Yes: the checks find nothing missing and the register has no open gap.", None
    return f"Yes, with {len(gaps)} open gaps, each explained in the register with steps taken or a plan.", None


def _next_time(session: Session, redacted: bool, t: Any) -> list[str]:
    """Next time's cases; a redacted pack shows text written for the group, "This family" or a case reference, never a name.

    A redacted session (genogram.pack.shared) holds only those: any other entry
    is ``NOT_SHARED`` and is counted here, not shown.
    """
    from genogram.redact import NOT_SHARED

    out = []
    withheld = 0
    for entry in session.next_time:
        text, ref = (entry, None) if isinstance(entry, str) else (entry.case, entry.ref)
        if not redacted:
            out.append(clean(text) + (f" ({clean(ref)})" if ref else ""))
        elif text and text != NOT_SHARED:
            out.append(clean(text) + (f" (case {clean(ref)})" if ref else ""))
        elif ref:
            out.append(f"Case {clean(ref)}")
        else:
            withheld += 1
    if withheld:
        out.append(f"{withheld} other case{'s' if withheld > 1 else ''} (named in the session file; withheld from a redacted pack)")
    return out


def _changes(session: Session, family: Family, previous: tuple[Session, Family], names: dict[str, str], t: Any, today: date) -> dict[str, Any]:
    """What changed since the previous session: people, households, gaps, hypotheses, actions."""
    old_session, old_family = previous
    old_people = {p.id for p in old_family.people}
    new_people = {p.id for p in family.people}
    old_names = {p.id: (p.name or p.id) for p in old_family.people}
    old_households = {h.id: h for h in old_family.households}
    household_changes = []
    for household in family.households:
        before = old_households.get(household.id)
        label = t(household.label or household.id)
        if before is None:
            household_changes.append(f"New: {label}")
        elif set(before.members) != set(household.members) or before.end != household.end:
            household_changes.append(f"Changed: {label}")
    for hid, before in old_households.items():
        if hid not in family.household_by_id:
            household_changes.append(f"Ended or removed: {t(before.label or hid)}")
    old_gaps = {(g.about, g.what) for g in old_family.missing if g.status.value == "open"}
    new_gaps = {(g.about, g.what) for g in family.missing if g.status.value == "open"}
    old_hyp = {h.id: h for h in old_session.hypotheses}
    hypotheses = []
    for h in session.hypotheses:
        earlier = old_hyp.get(h.id)
        if earlier is None:
            hypotheses.append({"statement": t(h.statement), "change": "new", "outcome": t(h.outcome)})
        elif earlier.status != h.status or earlier.outcome != h.outcome:
            hypotheses.append({"statement": t(h.statement), "change": f"{earlier.status.value} → {h.status.value}".replace("-", " "), "outcome": t(h.outcome)})
    current = {(a.who, a.what): a for a in session.actions}
    actions = []
    for old in old_session.actions:
        now = current.get((old.who, old.what))
        status = now.status if now else old.status
        overdue = status is ActionStatus.OPEN and old.by is not None and old.by.latest() < today
        reason = now.reason if now else None
        actions.append({"who": t(old.who), "what": t(old.what), "by": str(old.by) if old.by else None, "status": "overdue" if overdue else status.value, "reason": t(reason)})
    return {
        "since": str(old_session.date),
        "people_added": sorted(t(names[p]) for p in new_people - old_people),
        "people_removed": sorted(t(old_names[p]) for p in old_people - new_people),
        "households": household_changes,
        "gaps_closed": sorted(t(w) for _, w in old_gaps - new_gaps),
        "gaps_opened": sorted(t(w) for _, w in new_gaps - old_gaps),
        "hypotheses": hypotheses,
        "actions": actions,
    }
