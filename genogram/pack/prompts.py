"""A policy's prompts and the session's real answers to them.

The pack and the session lint share this, so a prompt the lint calls
unanswered is the prompt the pack marks unanswered. An answer is the text
under ``answers:`` (unless it only points elsewhere, "see above"), else what
the section named in ``from`` actually says: the hypotheses and their tests,
the actions with owner and date, the child's own words. A section that is
empty, or an answer that is only a pointer, is no answer.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from genogram.pack.session import ActionStatus, Session, tool_label

#: Text that defers instead of answering ("TBC", "-", "?").
_PLACEHOLDER = re.compile(r"^\s*(tbc|tbd|todo|n/?a|-+|—|\?+|\.+)\s*[.!]?\s*$", re.IGNORECASE)
#: A clause that only points elsewhere ("See actions above", "..., see the child's view").
_POINTER = re.compile(r"(^|[,;.:]\s*)(see|refer to|as)\s+(the\s+|our\s+)?[\w' ]{0,30}\b(above|below|view|section|register|actions|plan)\b\.?\s*$", re.IGNORECASE)


def is_real_answer(text: str | None) -> bool:
    """True for an answer that says something, not "See actions above", "TBC" or "-"."""
    if not text or not text.strip() or _PLACEHOLDER.match(text):
        return False
    return not _POINTER.search(text)


@dataclass(frozen=True, slots=True)
class PromptAnswer:
    """One prompt with its answer (None: unanswered) and where the answer came from."""

    id: str
    text: str
    answer: str | None
    source: str | None
    note: str | None = None


def _join(items: list[str]) -> str | None:
    items = [i for i in items if i]
    return "; ".join(items) if items else None


def section_answer(session: Session, source: str) -> str | None:
    """What the section ``source`` records, as one line of text (None when it holds nothing)."""
    s = session
    if source.startswith("child_view."):
        value = getattr(s.child_view, source.split(".", 1)[1], None)
        return value if is_real_answer(value) else None
    readers: dict[str, Callable[[], str | None]] = {
        "hypotheses": lambda: _join([h.statement + (f" (test: {h.test})" if h.test else " (no test recorded)") for h in s.hypotheses]),
        "hypotheses.outcome": lambda: _join([f"{h.statement}: {h.outcome}" for h in s.hypotheses if h.outcome]),
        "alternative_views": lambda: _join(list(s.alternative_views)),
        "actions": lambda: _join([f"{a.who}: {a.what}" + (f" (by {a.by})" if a.by else " (no date)") for a in s.actions if a.status is ActionStatus.OPEN]),
        "decisions": lambda: _join([d.decision + (f" (rationale: {d.rationale})" if d.rationale else " (no rationale recorded)") for d in s.decisions]),
        "framework": lambda: _framework(s),
        "next_time": lambda: _join([n if isinstance(n, str) else n.case for n in s.next_time]),
        "previous": lambda: _previous_actions(s),
        "goals": lambda: _join([g.goal + (f" ({g.scale}/10)" if g.scale is not None else " (not scaled)") + (f": {g.progress}" if g.progress else "") for g in s.goals]),
        "tools_used": lambda: _join([tool_label(t) for t in s.tools_used]),
        "systemic_tools": lambda: _join([tool_label(t) for t in s.systemic_tools]),
        "team_contributions": lambda: _join(list(s.team_contributions)),
        "capacity_to_change": lambda: s.capacity_to_change,
        "fgc": lambda: (f"{s.fgc.status.value.replace('-', ' ')}" + (f" ({s.fgc.date})" if s.fgc.date else "")) if s.fgc else None,
    }
    reader = readers.get(source)
    return reader() if reader else None


def _framework(s: Session) -> str | None:
    parts = []
    if s.framework.social_graces and s.framework.social_graces.graces:
        parts.append("Social Graces: " + ", ".join(g.grace for g in s.framework.social_graces.graces))
    sos = s.framework.signs_of_safety
    if sos and (sos.worries or sos.working_well or sos.next_steps or sos.scale is not None):
        scale = f", scale {sos.scale}/10" if sos.scale is not None else ""
        parts.append(f"Signs of Safety: {len(sos.worries)} worries, {len(sos.working_well)} working well, {len(sos.next_steps)} next steps{scale}")
    return _join(parts)


def _previous_actions(s: Session) -> str | None:
    """Last time's actions as this session records them: done, or not done and why."""
    if not s.previous:
        return None
    parts = []
    for a in s.actions:
        if a.status is ActionStatus.DONE:
            parts.append(f"done: {a.what}")
        elif a.status is ActionStatus.DROPPED or a.reason:
            parts.append(f"not done: {a.what} ({a.reason or 'no reason recorded'})")
    return _join(parts)


def answer_prompts(session: Session, prompts: list[dict[str, Any]], register: tuple[str | None, str | None] = (None, None)) -> list[PromptAnswer]:
    """Every prompt of the profile with its real answer, in the profile's order.

    ``register`` is what the family's register and checks say for a prompt
    answered ``from = "register"`` (answer, note): the pack computes it, since
    only it has the family; the answer is None while unexplained findings are open.
    """
    found = []
    for prompt in prompts:
        written = session.answers.get(prompt["id"])
        source = prompt.get("from")
        note = None
        if source == "register" and register[0] is None and register[1] is not None:
            # Open, unexplained findings: "do we have a clear genogram?" is not yet answered, whatever was written.
            note = register[1] + (f"; the recorded answer was: {written.strip()}" if written else "")
            found.append(PromptAnswer(prompt["id"], prompt["text"], None, None, note))
            continue
        if is_real_answer(written):
            found.append(PromptAnswer(prompt["id"], prompt["text"], written, "answers"))
            continue
        if written:
            note = f"the recorded answer only points elsewhere ({written.strip()[:60]})"
        answer = None
        if source == "register":
            answer, register_note = register
            note = register_note or note
        elif source:
            answer = section_answer(session, source)
        found.append(PromptAnswer(prompt["id"], prompt["text"], answer, source if answer else None, note))
    return found


def unlisted_answers(session: Session, prompts: list[dict[str, Any]]) -> list[str]:
    """Ids under ``answers:`` that the profile has no prompt for (shown apart, never dropped)."""
    listed = {p["id"] for p in prompts}
    return [key for key in session.answers if key not in listed]
