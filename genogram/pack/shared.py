"""What of a session a redacted pack may show, and the checks on text written for sharing.

A session's free text (the reason, hypotheses, the child's words, actions)
is written for the team. A redacted pack shows none of it; the author writes
what the group may read in ``group_summary:`` or, field by field, in
``shared:`` (keys name the field: ``reason``, ``hypotheses.1.statement``,
``child_view.what_is_it_like``, ``missing.2.what``; lists count from 1).
Every shared text is checked by :mod:`genogram.detect`, and a hit refuses
the pack with the place and kind of the detail: nothing is cut or rewritten.

Words that only name a professional role ("Allocated social worker",
"Practice manager") are kept as they are: that list of words is itself an
allow-list, so a name typed into ``who:`` is never shown.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from genogram.errors import GenogramError, Location, Problem
from genogram.redact import NOT_SHARED, ReportEntry, is_role_text

if TYPE_CHECKING:
    from genogram.detect import Detector, Hit
    from genogram.model import Family
    from genogram.pack.session import Session

#: What a redacted pack shows for a case to bring next time that names this family.
THIS_FAMILY = "This family"
#: A tool outside the vocabulary whose name was not written for the group.
ANOTHER_TOOL = "another tool (not shared with the group)"

#: Social GRACES named as such: any other word is free text.
GRACES = frozenset(
    """
    gender geography race religion age ability appearance class culture caste ethnicity education employment
    sexuality sexual-orientation spirituality sexual orientation
    """.split()
)


def text_fields(session: Session, family: Family | None = None) -> Iterator[tuple[str, tuple[object, ...], str | None]]:
    """Every free-text field a pack shows: its ``shared:`` key, its path in its file, its value."""
    yield "presenter", ("presenter",), session.presenter
    yield "chair", ("chair",), session.chair
    yield "reason", ("reason",), session.reason
    for n, attendee in enumerate(session.attendees, start=1):
        yield f"attendees.{n}", ("attendees", n - 1), attendee
    for name in ("what_is_it_like", "wants_to_change", "view_of_plan", "source"):
        yield f"child_view.{name}", ("child_view", name), getattr(session.child_view, name)
    graces = session.framework.social_graces
    if graces is not None:
        for n, grace in enumerate(graces.graces, start=1):
            yield f"framework.social_graces.graces.{n}.reflection", ("framework", "social_graces", "graces", n - 1, "reflection"), grace.reflection
        yield "framework.social_graces.reflections", ("framework", "social_graces", "reflections"), graces.reflections
    signs = session.framework.signs_of_safety
    if signs is not None:
        for column in ("worries", "working_well", "next_steps"):
            for n, value in enumerate(getattr(signs, column), start=1):
                yield f"framework.signs_of_safety.{column}.{n}", ("framework", "signs_of_safety", column, n - 1), value
        yield "framework.signs_of_safety.scale_note", ("framework", "signs_of_safety", "scale_note"), signs.scale_note
    yield "recorded_by", ("recorded_by",), session.recorded_by
    yield "approved_by", ("approved_by",), session.approved_by
    if session.fgc is not None:
        yield "fgc.note", ("fgc", "note"), session.fgc.note
    yield "capacity_to_change", ("capacity_to_change",), session.capacity_to_change
    for name in ("tools_used", "systemic_tools"):
        for n, tool in enumerate(getattr(session, name), start=1):
            for part in ("other", "note"):
                if isinstance(getattr(tool, part, None), str):
                    yield f"{name}.{n}.{part}", (name, n - 1, part), getattr(tool, part)
    for n, goal in enumerate(session.goals, start=1):
        for name in ("goal", "whose", "progress"):
            yield f"goals.{n}.{name}", ("goals", n - 1, name), getattr(goal, name)
    for n, contribution in enumerate(session.team_contributions, start=1):
        yield f"team_contributions.{n}", ("team_contributions", n - 1), contribution
    for n, hypothesis in enumerate(session.hypotheses, start=1):
        for name in ("statement", "test", "outcome"):
            yield f"hypotheses.{n}.{name}", ("hypotheses", n - 1, name), getattr(hypothesis, name)
    for n, view in enumerate(session.alternative_views, start=1):
        yield f"alternative_views.{n}", ("alternative_views", n - 1), view
    for n, action in enumerate(session.actions, start=1):
        yield f"actions.{n}.who", ("actions", n - 1, "who"), action.who
        yield f"actions.{n}.what", ("actions", n - 1, "what"), action.what
        yield f"actions.{n}.reason", ("actions", n - 1, "reason"), action.reason
    for n, decision in enumerate(session.decisions, start=1):
        for name in ("decision", "rationale", "by"):
            yield f"decisions.{n}.{name}", ("decisions", n - 1, name), getattr(decision, name)
    for prompt, answer in session.answers.items():
        yield f"answers.{prompt}", ("answers", prompt), answer
    for n, case in enumerate(session.next_time, start=1):
        if isinstance(case, str):
            yield f"next_time.{n}", ("next_time", n - 1), case
        else:
            yield f"next_time.{n}", ("next_time", n - 1, "case"), case.case
    if family is not None:
        for n, gap in enumerate(family.missing, start=1):
            for name in ("what", "plan", "owner"):
                yield f"missing.{n}.{name}", ("missing", n - 1, name), getattr(gap, name)
            for k, step in enumerate(gap.steps, start=1):
                yield f"missing.{n}.steps.{k}", ("missing", n - 1, "steps", k - 1), step


def check_shared(session: Session, document: Any, family: Family | None, detector: Detector) -> list[Problem]:
    """Problems with the texts written for sharing: unknown keys, and every identifying detail, located."""
    known = {key for key, _, _ in text_fields(session, family)}
    problems: list[Problem] = []
    for key in session.shared:
        if key not in known:
            problems.append(
                Problem(
                    document.locate(("shared", key), key=True),
                    "names no free-text field that this session (or its family's register) fills in",
                    "use a key such as reason, child_view.what_is_it_like, hypotheses.1.statement, actions.2.what or missing.1.what",
                    "shared-key",
                )
            )
    texts: list[tuple[tuple[object, ...], str]] = []
    if session.group_summary:
        texts.append((("group_summary",), session.group_summary))
    texts += [(("shared", key), value) for key, value in session.shared.items()]
    # A case reference to bring next time is shown as it is, so it is checked like shared text.
    texts += [(("next_time", n, "ref"), entry.ref) for n, entry in enumerate(session.next_time) if not isinstance(entry, str) and entry.ref]
    for path, text in texts:
        for hit in detector.find(text):
            problems.append(
                Problem(
                    locate_hit(document, path, text, hit),
                    f"text written for the group holds {hit.description}",
                    "rewrite it with roles (the child, the maternal grandmother), ages and intervals; nothing is removed for you",
                    f"identifying-{hit.kind}",
                )
            )
    return problems


def locate_hit(document: Any, path: tuple[object, ...], text: str, hit: Hit) -> Location:
    """The line and column of ``hit`` in the file; the start of the value when the text was folded across lines."""
    start = document.locate(path)
    try:
        lines = Path(document.file).read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeError, ValueError):
        return start
    needle = text[hit.start : hit.end]
    skip = text[: hit.start].count(needle)
    found = 0
    for number in range(max(start.line - 1, 0), len(lines)):
        line = lines[number]
        column = start.column - 1 if number == start.line - 1 else 0
        while (column := line.find(needle, column)) >= 0:
            if found == skip:
                return Location(start.file, number + 1, column + 1)
            found += 1
            column += 1
    return start


def refuse_if(problems: list[Problem]) -> None:
    if problems:
        problems.sort(key=lambda p: (p.location.file, p.location.line, p.location.column))
        raise GenogramError(problems)


class SessionRedactor:
    """Builds the redacted copy of a session and its previous one with consistent stand-ins.

    Hypotheses get fresh ids (``h1``) and actions a numbered stand-in
    ("Action 2: not shared with the group"), both shared between the
    session and its previous one, so "what changed" still pairs them up.
    """

    def __init__(self, detector: Detector) -> None:
        self.detector = detector
        self.hypothesis_ids: dict[str, str] = {}
        self.action_numbers: dict[str, int] = {}
        self.goal_ids: dict[str, str] = {}
        self.report: list[tuple[Any, ReportEntry]] = []

    def redact(self, session: Session, document: Any, family: Family) -> Session:
        from genogram.pack.session import Session

        shared = dict(session.shared)
        values = {key: value for key, _, value in text_fields(session, family)}
        paths = {key: path for key, path, _ in text_fields(session, family)}

        def text(key: str, *, role: bool = False, required: bool = False) -> str | None:
            value = values.get(key)
            if key in shared:
                self.note(document, paths[key], "mapped", "the shared text")
                return shared[key]
            if value is None:
                return NOT_SHARED if required else None
            if role and is_role_text(value) and not self.detector.find(value):
                return value
            self.note(document, paths[key], "dropped", f"to show it, write its group version under shared: as {key}")
            return NOT_SHARED

        data: dict[str, Any] = {
            "session": session.session,
            "family": "family.yaml",
            "date": str(session.date),
            "kind": session.kind.value,
            "policy": session.policy,
            "presenter": text("presenter", role=True),
            "chair": text("chair", role=True),
            "attendees": [text(f"attendees.{n}", role=True) for n in range(1, len(session.attendees) + 1)],
            "reason": text("reason"),
            "child_view": {name: text(f"child_view.{name}") for name in ("what_is_it_like", "wants_to_change", "view_of_plan", "source")},
            "framework": self._framework(session, text),
            "hypotheses": [self._hypothesis(h, n, text) for n, h in enumerate(session.hypotheses, start=1)],
            "alternative_views": [text(f"alternative_views.{n}") for n in range(1, len(session.alternative_views) + 1)],
            "actions": [self._action(a, n, text) for n, a in enumerate(session.actions, start=1)],
            "decisions": [
                {"decision": text(f"decisions.{n}.decision", required=True), "rationale": text(f"decisions.{n}.rationale"), "by": text(f"decisions.{n}.by", role=True), "significant": d.significant}
                for n, d in enumerate(session.decisions, start=1)
            ],
            "answers": {prompt: text(f"answers.{prompt}") for prompt in session.answers},
            "next_time": [self._next_case(entry, n, family.title, document, shared, text) for n, entry in enumerate(session.next_time, start=1)],
            "redact": session.redact,
            "group_summary": session.group_summary,
            **self._record(session, text),
            **self._case(session, text),
        }
        for name in sorted(session.model_fields_set - set(data) - {"previous", "shared"}):
            self.note(document, (name,), "dropped")
        return Session.model_validate(_without_none(data))

    def note(self, document: Any, path: tuple[object, ...], action: str, shown: str = "") -> None:
        self.report.append((document, ReportEntry(path, action, shown)))

    def _framework(self, session: Session, text: Any) -> dict[str, Any]:
        out: dict[str, Any] = {}
        graces = session.framework.social_graces
        if graces is not None:
            out["social_graces"] = {
                "graces": [
                    {"grace": g.grace if g.grace.casefold() in GRACES else "another grace", "reflection": text(f"framework.social_graces.graces.{n}.reflection")}
                    for n, g in enumerate(graces.graces, start=1)
                ],
                "reflections": text("framework.social_graces.reflections"),
            }
        signs = session.framework.signs_of_safety
        if signs is not None:
            out["signs_of_safety"] = {
                column: [text(f"framework.signs_of_safety.{column}.{n}") for n in range(1, len(getattr(signs, column)) + 1)]
                for column in ("worries", "working_well", "next_steps")
            }
            out["signs_of_safety"]["scale"] = signs.scale
            out["signs_of_safety"]["scale_note"] = text("framework.signs_of_safety.scale_note")
        return out

    def _hypothesis(self, hypothesis: Any, n: int, text: Any) -> dict[str, Any]:
        fresh = self.hypothesis_ids.setdefault(hypothesis.id, f"h{len(self.hypothesis_ids) + 1}")
        return {
            "id": fresh,
            "statement": text(f"hypotheses.{n}.statement", required=True),
            "status": hypothesis.status.value,
            "test": text(f"hypotheses.{n}.test"),
            "outcome": text(f"hypotheses.{n}.outcome"),
        }

    def _action(self, action: Any, n: int, text: Any) -> dict[str, Any]:
        number = self.action_numbers.setdefault(f"{action.who}\x00{action.what}", len(self.action_numbers) + 1)
        what = text(f"actions.{n}.what", required=True)
        if what == NOT_SHARED:
            what = f"Action {number}: {NOT_SHARED.lower()}"
        return {
            "who": text(f"actions.{n}.who", role=True, required=True),
            "what": what,
            "by": str(action.by) if action.by else None,
            "status": action.status.value,
            "reason": text(f"actions.{n}.reason"),
        }

    @staticmethod
    def _record(session: Session, text: Any) -> dict[str, Any]:
        """Who recorded and approved the discussion (roles only) and when, with the case's structured settings."""
        return {
            "recorded_by": text("recorded_by", role=True),
            "recorded_on": _day(session.recorded_on),
            "approved_by": text("approved_by", role=True),
            "approved_on": _day(session.approved_on),
            "nation": session.nation.value if session.nation else None,
            "frequency": session.frequency.value if session.frequency else None,
            "child_seen": _day(session.child_seen),
        }

    def _case(self, session: Session, text: Any) -> dict[str, Any]:
        """Plan, FGC, tools and goals: their vocabulary, scales and dates are shown; their words only when shared."""
        plan = None
        if session.plan is not None:
            pre = session.plan.pre_proceedings
            plan = {"type": session.plan.type.value, "start": _day(session.plan.start), "pre_proceedings": pre.value if pre else None, "reviewed": _day(session.plan.reviewed)}
        fgc = None
        if session.fgc is not None:
            fgc = {"status": session.fgc.status.value, "date": _day(session.fgc.date), "note": text("fgc.note")}
        goals = []
        for n, goal in enumerate(session.goals, start=1):
            fresh = self.goal_ids.setdefault(goal.id, f"g{len(self.goal_ids) + 1}")
            goals.append(
                {
                    "id": fresh,
                    "goal": text(f"goals.{n}.goal", required=True),
                    "whose": _unless_withheld(text(f"goals.{n}.whose", role=True)),
                    "scale": goal.scale,
                    "target": goal.target,
                    "progress": text(f"goals.{n}.progress"),
                }
            )
        return {
            "plan": plan,
            "fgc": fgc,
            "capacity_to_change": text("capacity_to_change"),
            "tools_used": [_tool(entry, f"tools_used.{n}", text) for n, entry in enumerate(session.tools_used, start=1)],
            "systemic_tools": [_tool(entry, f"systemic_tools.{n}", text) for n, entry in enumerate(session.systemic_tools, start=1)],
            "goals": goals,
            "team_contributions": [text(f"team_contributions.{n}") for n in range(1, len(session.team_contributions) + 1)],
        }

    def _next_case(self, entry: Any, n: int, title: str | None, document: Any, shared: dict[str, str], text: Any) -> Any:
        """A case to bring next time: its shared text, "This family" when it names this one, else its reference or nothing."""
        import re

        case, ref = (entry, None) if isinstance(entry, str) else (entry.case, entry.ref)
        key = f"next_time.{n}"
        path: tuple[object, ...] = ("next_time", n - 1) if isinstance(entry, str) else ("next_time", n - 1, "case")
        if key not in shared and title and re.search(rf"\b{re.escape(title)}\b", case, re.IGNORECASE):
            self.note(document, path, "mapped", THIS_FAMILY)
            shown: str | None = THIS_FAMILY
        else:
            shown = text(key)
        return {"case": shown, "ref": ref} if ref else shown


def _unless_withheld(value: str | None) -> str | None:
    """A side note (whose goal) left out when not shared, rather than shown as "not shared" (the report still lists it)."""
    return None if value == NOT_SHARED else value


def _day(value: Any) -> str | None:
    return str(value) if value is not None else None


def _tool(entry: Any, key: str, text: Any) -> Any:
    """A tool as its vocabulary word; a free entry's name and any note only as shared, else dropped (and reported)."""
    from genogram.pack.session import OtherTool

    if isinstance(entry, str):
        return entry.value if hasattr(entry, "value") else entry
    note = text(f"{key}.note")
    if isinstance(entry, OtherTool):
        name = text(f"{key}.other")
        return {"other": ANOTHER_TOOL if name == NOT_SHARED else name, "note": note}
    return {"tool": entry.tool.value, "note": note}


def _without_none(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_none(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_without_none(v) for v in value]
    return value
