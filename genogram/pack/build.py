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
from genogram.pack.content import History, PackContent, build_content
from genogram.pack.session import Session, existing_file, load_session
from genogram.workdays import Nation, parse_nation

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
    if redacted:
        session = _this_family_in_next_time(session, loaded.family.title)
    findings = _lint(loaded, session, today) + _session_findings(session_file, document, policy, today or session.held)
    nation = pack_nation(session_file, session)
    history = History.of(_earlier_sessions(session_file, session))
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
    content = build_content(
        session, family, findings=findings, previous=previous, redacted=redacted, text_filter=text_filter, today=today, nation=nation, history=history
    )
    content.genogram_svg = api.genogram_svg(family)
    content.genogram_description = _description(family)
    content.genogram_focus_svg = _focus_svg(family)
    content.ecomap_svg = api.ecomap_svg(family) if family.connections else ""
    content.timeline_svg = api.timeline_svg(family) if family.households else ""
    return content


#: How far back the Signs of Safety and goal scales are followed through `previous:`.
HISTORY_DEPTH = 12


def pack_nation(session_file: Path, session: Session) -> Nation:
    """Whose bank holidays count: the session's, the team config's (.genogram.toml), the profile's, else England and Wales."""
    from genogram.lint.engine import PROFILES, find_settings, load_profile

    if session.nation is not None:
        return session.nation
    team = find_settings(session_file).get("nation")
    if team:
        try:
            return parse_nation(str(team))
        except ValueError as exc:
            from genogram.errors import GenogramError, Location

            raise GenogramError.single(Location(".genogram.toml"), str(exc).split(":")[0], "fix `nation` in .genogram.toml", code="config") from None
    profile = load_profile(session.policy) if session.policy in PROFILES else None
    return Nation(profile.nation) if profile is not None and profile.nation else Nation.ENGLAND_AND_WALES


def _earlier_sessions(session_file: Path, session: Session) -> list[Session]:
    """The chain of previous sessions, oldest first (stops at a loop, a missing file or HISTORY_DEPTH)."""
    from genogram.errors import GenogramError

    chain: list[Session] = []
    seen = {session_file.resolve()}
    here, current = session_file, session
    while current.previous and len(chain) < HISTORY_DEPTH:
        path = (here.parent / current.previous).resolve()
        if path in seen or not path.is_file():
            break
        seen.add(path)
        try:
            current = load_session(path)[0]
        except GenogramError:
            break
        chain.append(current)
        here = path
    return chain[::-1]


def _this_family_in_next_time(session: Session, title: str | None) -> Session:
    """Next time's cases with this family's title as "This family", so redaction keeps the entry readable."""
    import re

    if not title:
        return session
    pattern = re.compile(re.escape(title), re.IGNORECASE)
    entries = [pattern.sub("This family", e) if isinstance(e, str) else e.model_copy(update={"case": pattern.sub("This family", e.case)}) for e in session.next_time]
    return session.model_copy(update={"next_time": entries})


def _family_for(session_file: Path, session: Session, document: Any) -> LoadedFamily:
    return api.read_family(existing_file(session_file, session.family, document, "family", "family file"))


def _lint(loaded: LoadedFamily, session: Session, today: date | None) -> list[dict[str, Any]]:
    from genogram.lint.engine import PROFILES, Config, lint_loaded

    # A pack-only policy (prompts without a lint profile) is checked with the default rules.
    policy = session.policy if session.policy in PROFILES else "default"
    config = Config.build(policy=policy, today=today or session.held)
    return [f.as_dict() for f in lint_loaded(loaded, config)]


def _session_findings(session_file: Path, document: Any, policy: str | None, today: date) -> list[dict[str, Any]]:
    """The session rules' findings on the record itself (SES codes), shown with the family's checks."""
    from genogram.lint.engine import PROFILES, Config, find_settings
    from genogram.lint.session_lint import lint_session_document

    nation = find_settings(session_file).get("nation")
    given = policy is not None and policy in PROFILES
    config = Config.build(policy if given and policy else "default", today=today, nation=str(nation) if nation else None, policy_given=given)
    return [f.as_dict() for f in lint_session_document(document, config)]


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
