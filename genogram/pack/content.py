"""What goes into a session pack, as plain data, before any HTML or PDF.

The pack's content is built once and handed to both writers (jinja2 for HTML,
typst for PDF, which receives it as JSON), so the two never disagree and no
user text is ever spliced into markup or typst source.
"""

from __future__ import annotations

import tomllib
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from importlib import resources
from typing import Any

from genogram.model import Family
from genogram.pack.session import ActionStatus, Session
from genogram.text import clean

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
    genogram_svg: str = ""
    ecomap_svg: str = ""
    #: The genogram in words (genogram.describe), shown beside the drawing for screen readers and everyone else.
    genogram_description: str = ""
    #: The index child's three generations, other branches collapsed (PDF only, when the whole family needs tiles).
    genogram_focus_svg: str = ""

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


def load_prompts(policy: str) -> dict[str, Any]:
    """The prompts of a policy profile (``default`` when unknown)."""
    with resources.files("genogram.pack").joinpath("prompts.toml").open("rb") as handle:
        profiles = tomllib.load(handle)
    return profiles.get(policy, profiles["default"])


def working_days_after(day: date, count: int) -> date:
    """``count`` working days (Monday to Friday) after ``day``."""
    current = day
    while count > 0:
        current += timedelta(days=1)
        if current.weekday() < 5:
            count -= 1
    return current


def build_content(
    session: Session,
    family: Family,
    *,
    findings: list[dict[str, Any]],
    previous: tuple[Session, Family] | None = None,
    redacted: bool = False,
    text_filter: Any = None,
) -> PackContent:
    """Assemble the pack. ``text_filter`` replaces free text that may identify someone (redaction)."""

    def t(value: str | None) -> str | None:
        if value is None:
            return None
        value = clean(value)
        return text_filter(value) if text_filter else value

    today = session.date.midpoint()
    profile = load_prompts(session.policy)
    names = {p.id: (p.name or (f"Unknown ({p.id})" if p.unknown else p.id)) for p in family.people}
    significant = any(d.significant for d in session.decisions)
    record_by = working_days_after(today, 1 if significant else 5)

    register = []
    for number, gap in enumerate(family.missing, start=1):
        due = gap.due
        overdue = bool(due and gap.status.value == "open" and due.latest() < today)
        register.append(
            {
                "number": number,
                "about": t(names.get(gap.about or "", gap.about or "The family")),
                "what": t(gap.what),
                "steps": [t(s) for s in gap.steps],
                "plan": t(gap.plan),
                "owner": t(gap.owner),
                "due": str(due) if due else None,
                "overdue": overdue,
                "status": gap.status.value,
            }
        )

    actions = []
    for action in session.actions:
        overdue = bool(action.by and action.status is ActionStatus.OPEN and action.by.latest() < today)
        actions.append({"who": t(action.who), "what": t(action.what), "by": str(action.by) if action.by else None, "status": action.status.value, "overdue": overdue})

    hypotheses = [
        {"id": h.id, "statement": t(h.statement), "status": h.status.value.replace("-", " "), "test": t(h.test), "outcome": t(h.outcome)}
        for h in session.hypotheses
    ]
    decisions = [{"decision": t(d.decision), "rationale": t(d.rationale), "by": t(d.by), "significant": d.significant} for d in session.decisions]
    framework: dict[str, Any] = {"social_graces": None, "signs_of_safety": None}
    if session.framework.social_graces:
        sg = session.framework.social_graces
        framework["social_graces"] = {
            "graces": [{"grace": t(g.grace), "reflection": t(g.reflection)} for g in sg.graces],
            "reflections": t(sg.reflections),
        }
    if session.framework.signs_of_safety:
        sos = session.framework.signs_of_safety
        framework["signs_of_safety"] = {
            "worries": [t(x) for x in sos.worries],
            "working_well": [t(x) for x in sos.working_well],
            "next_steps": [t(x) for x in sos.next_steps],
            "scale": sos.scale,
            "scale_note": t(sos.scale_note),
        }
    child_view = {
        "what_is_it_like": t(session.child_view.what_is_it_like),
        "wants_to_change": t(session.child_view.wants_to_change),
        "view_of_plan": t(session.child_view.view_of_plan),
        "source": t(session.child_view.source),
    }

    sections: dict[str, bool] = {
        "register": bool(family.missing) or not findings,
        "hypotheses": bool(session.hypotheses),
        "hypotheses.outcome": any(h.outcome for h in session.hypotheses),
        "alternative_views": bool(session.alternative_views),
        "actions": bool(session.actions),
        "decisions": bool(session.decisions),
        "framework": any(framework.values()),
        "next_time": bool(session.next_time),
        "previous": previous is not None,
    }
    prompts = []
    for prompt in profile["prompts"]:
        answer = session.answers.get(prompt["id"])
        source = prompt.get("from")
        if answer is None and source and source.startswith("child_view."):
            answer = getattr(session.child_view, source.split(".", 1)[1])
        answered_in = None
        if answer is None and source in sections and sections[source]:
            answered_in = source.split(".")[0].replace("_", " ")
        prompts.append({"id": prompt["id"], "text": prompt["text"], "answer": t(answer), "answered_in": answered_in})

    severities: dict[str, int] = {}
    for finding in findings:
        key = "explained" if finding.get("explained") else finding.get("severity", "info")
        severities[key] = severities.get(key, 0) + 1

    kind = session.kind.value.replace("-", " ").capitalize()
    title = f"{kind}: {t(family.title) or 'family'}" if not redacted else f"{kind}: family (redacted)"
    changes = _changes(session, family, previous, names, t) if previous else None
    return PackContent(
        title=title,
        subtitle=f"{session.date} · policy: {profile['name']}",
        session={
            "date": str(session.date),
            "kind": kind,
            "presenter": t(session.presenter),
            "chair": t(session.chair),
            "attendees": [t(a) for a in session.attendees],
            "reason": t(session.reason),
        },
        record_by=f"{record_by.isoformat()} ({'24 hours: significant decision' if significant else '5 working days'})",
        register=register,
        lint={"counts": severities, "findings": findings},
        prompts=prompts,
        hypotheses=hypotheses,
        actions=actions,
        decisions=decisions,
        framework=framework,
        child_view=child_view,
        alternative_views=[t(v) or "" for v in session.alternative_views],
        next_time=[t(v) or "" for v in session.next_time],
        changes=changes,
        redacted=redacted,
        policy={"id": session.policy, "name": profile["name"], "source": profile.get("source", "")},
    )


def _changes(session: Session, family: Family, previous: tuple[Session, Family], names: dict[str, str], t: Any) -> dict[str, Any]:
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
    today = session.date.midpoint()
    current = {(a.who, a.what): a for a in session.actions}
    actions = []
    for old in old_session.actions:
        now = current.get((old.who, old.what))
        status = now.status if now else old.status
        overdue = status is ActionStatus.OPEN and old.by is not None and old.by.latest() < today
        actions.append({"who": t(old.who), "what": t(old.what), "by": str(old.by) if old.by else None, "status": "overdue" if overdue else status.value})
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
