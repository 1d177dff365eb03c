"""The case-note entry: the short bullet summary a team pastes into the child's record.

Liquidlogic and EHM take plain text; Oxfordshire asks for "short bullet point
summaries", Hull for decisions and actions "including the rationale", and
Islington for the record within 5 working days. The note holds the date,
who attended by role, hypotheses, decisions with their rationale, actions
with owner and date, and the record-by date, and is built from the same
:class:`PackContent` as the pack, so the two never disagree.
"""

from __future__ import annotations

import textwrap
from typing import Any

from genogram.io.writing import TEXT_MARK
from genogram.pack.content import PackContent

#: One screen: a bullet longer than this is cut with an ellipsis (the pack has the full text).
BULLET_CHARS = 320
WIDTH = 100
#: The note's last line: a reader sees it is a draft to check, and genogram knows it wrote the file
#: (io/writing.py), so a rerun may replace it without --force.
DRAFTED = TEXT_MARK + "; check it before it goes on the child's record."


def _cut(text: str | None) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= BULLET_CHARS else text[: BULLET_CHARS - 1].rstrip() + "…"


def _hypothesis(h: dict[str, Any]) -> str:
    tail = f"; outcome: {h['outcome']}" if h["outcome"] else (f"; test: {h['test']}" if h["test"] else "")
    return _cut(f"{h['statement']} ({h['status']}{tail})")


def _decision(d: dict[str, Any]) -> str:
    who = f" ({d['by']})" if d["by"] else ""
    why = f" Rationale: {d['rationale']}" if d["rationale"] else " Rationale: not recorded."
    return _cut(f"{d['decision']}{who}{' [significant]' if d['significant'] else ''}.{why}")


def _action(a: dict[str, Any]) -> str:
    when = f"by {a['by']}" if a["by"] else "no date"
    state = "" if a["status"] == "open" and not a["overdue"] else f" [{'overdue' if a['overdue'] else a['status']}]"
    reason = f" ({a['reason']})" if a["reason"] else ""
    return _cut(f"{a['who']}: {a['what']}, {when}{state}{reason}")


def case_note(content: PackContent, markdown: bool = True) -> str:
    """The case note as Markdown (``markdown=True``) or plain text, ending in a newline."""
    s = content.session
    strong = (lambda x: f"**{x}**") if markdown else (lambda x: x)
    roles = [f"presenter {s['presenter']}" if s["presenter"] else "", f"chair {s['chair']}" if s["chair"] else "", *s["attendees"]]
    lines = [strong(f"{s['kind']}, {s['date']}") + f" ({content.policy['name']})", ""]
    lines.append(f"- Attended (by role): {', '.join(r for r in roles if r) or 'not recorded'}")
    if s["reason"]:
        lines.append(f"- Why now: {_cut(s['reason'])}")
    sections = (
        ("Hypotheses", [_hypothesis(h) for h in content.hypotheses]),
        ("Decisions", [_decision(d) for d in content.decisions]),
        ("Actions", [_action(a) for a in content.actions if a["status"] != "done"]),
    )
    for title, items in sections:
        lines.append(f"- {title}:" + ("" if items else " none recorded"))
        lines += [f"  - {item}" for item in items]
    done = [a["what"] for a in content.actions if a["status"] == "done"]
    if done:
        lines.append(f"- Done since last time: {_cut('; '.join(done))}")
    recorded = f"; recorded by {s['recorded_by']}" if s.get("recorded_by") else ""
    lines.append(f"- Record on the child's file by: {content.record_by}{recorded}")
    lines += ["", DRAFTED if not markdown else f"_{DRAFTED}_"]
    return "\n".join(_wrap(line) for line in lines) + "\n"


def _wrap(line: str) -> str:
    """Wrap a bullet to the screen width, continuing under its text."""
    if len(line) <= WIDTH:
        return line
    indent = " " * (len(line) - len(line.lstrip(" -")))
    return textwrap.fill(line, WIDTH, subsequent_indent=indent, break_long_words=False, break_on_hyphens=False)
