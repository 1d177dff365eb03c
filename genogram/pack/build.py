"""Assemble a pack from a session file: load, (redact), lint, draw, and fill the content.

Redaction happens on the model, before anything is drawn or written, so the
diagrams, tables, document metadata and file names all come from data that
no longer holds a name.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from genogram import api
from genogram.io.family import LoadedFamily
from genogram.pack.content import PackContent, build_content
from genogram.pack.session import Session, existing_file

if TYPE_CHECKING:
    from genogram.model import Family


def make_pack(session_file: Path, *, redact: bool | None = None, policy: str | None = None, today: date | None = None) -> PackContent:
    """Everything for the pack of ``session_file``; ``redact=None`` follows the session."""
    session, document = api.read_session(session_file)
    if policy:
        session = session.model_copy(update={"policy": policy})
    loaded = _family_for(session_file, session, document)
    previous = None
    if session.previous:
        previous_file = existing_file(session_file, session.previous, document, "previous", "previous session file")
        old_session, old_document = api.read_session(previous_file)
        previous = (old_session, _family_for(previous_file, old_session, old_document).family)
    redacted = session.redacted_by_default if redact is None else redact
    findings = _lint(loaded, session, today)
    family = loaded.family
    text_filter = None
    if redacted:
        from genogram.redact import redact as redact_family
        from genogram.redact import text_filter_for

        text_filter = text_filter_for(family)
        family = redact_family(family)
        if previous is not None:
            previous = (previous[0], redact_family(previous[1]))
        findings = [_redact_finding(f, text_filter) for f in findings]
    content = build_content(session, family, findings=findings, previous=previous, redacted=redacted, text_filter=text_filter)
    content.genogram_svg = api.genogram_svg(family)
    content.genogram_description = _description(family)
    content.genogram_focus_svg = _focus_svg(family)
    content.ecomap_svg = api.ecomap_svg(family) if family.connections else ""
    return content


def _family_for(session_file: Path, session: Session, document: Any) -> LoadedFamily:
    return api.read_family(existing_file(session_file, session.family, document, "family", "family file"))


def _lint(loaded: LoadedFamily, session: Session, today: date | None) -> list[dict[str, Any]]:
    from genogram.lint.engine import PROFILES, Config, lint_loaded

    # A pack-only policy (prompts without a lint profile) is checked with the default rules.
    policy = session.policy if session.policy in PROFILES else "default"
    config = Config.build(policy=policy, today=today or session.date.midpoint())
    return [f.as_dict() for f in lint_loaded(loaded, config)]


def _redact_finding(finding: dict[str, Any], text_filter: Any) -> dict[str, Any]:
    return {**finding, "message": text_filter(finding["message"]), "subject": None, "file": "", "hint": text_filter(finding.get("hint", ""))}


def _focus_svg(family: Family) -> str:
    """The index child's three generations, drawn only for the PDF's paper rules (genogram.render.focus)."""
    from genogram import api
    from genogram.render.focus import focus_family

    focus = focus_family(family, "see next sheets")
    return api.genogram_svg(focus) if focus is not None else ""


def _description(family: Family) -> str:
    from genogram.describe import describe_family

    return describe_family(family)
