"""Run the session rules (SES codes) over a session file.

A session file records a discussion; these rules check the record itself
against the policies (a decision has its rationale, an action its owner and
date, the record was made in time). Which profile applies: ``--policy`` when
given, else the session's own ``policy:``, else the team config's. Whose bank
holidays count: the session's ``nation:``, else the team config's, else the
profile's, else England and Wales.
"""

from __future__ import annotations

from datetime import date
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from genogram.errors import GenogramError
from genogram.lint.engine import PROFILES, Config, Finding
from genogram.workdays import Nation

if TYPE_CHECKING:
    from genogram.io.strict_yaml import Document
    from genogram.pack.prompts import PromptAnswer
    from genogram.pack.session import Session


class SessionContext:
    """A session, its previous session (when it can be read) and the settings rules read."""

    def __init__(self, session: Session, document: Document, config: Config, previous: Session | None = None) -> None:
        self.session = session
        self.document = document
        self.profile = config.profile
        self.thresholds = config.profile.thresholds
        self.today = config.today or date.today()
        self.held = session.held
        self.previous = previous
        self.nation = Nation(session.nation or config.nation or config.profile.nation or Nation.ENGLAND_AND_WALES)

    @cached_property
    def prompts(self) -> list[dict[str, Any]]:
        from genogram.pack.content import load_prompts

        return list(load_prompts(self.profile.name)["prompts"])

    @cached_property
    def answers(self) -> list[PromptAnswer]:
        from genogram.pack.prompts import answer_prompts

        return answer_prompts(self.session, self.prompts)


def session_config(session: Session, config: Config) -> Config:
    """The config for one session: its own `policy:` unless --policy was given."""
    if config.policy_given or "policy" not in session.model_fields_set or session.policy == config.profile.name:
        return config
    return config.with_profile(session.policy if session.policy in PROFILES else "default")


def previous_session(session: Session, document: Document) -> Session | None:
    """The session named by `previous:`, when it exists and loads (the pack reports it otherwise)."""
    from genogram.pack.session import load_session

    if not session.previous or document.file.startswith("<"):
        return None
    path = Path(document.file).parent / session.previous
    try:
        return load_session(path)[0] if path.is_file() else None
    except GenogramError:
        return None


def lint_session_document(document: Document, config: Config) -> list[Finding]:
    """Every finding of the enabled session rules for one loaded session document."""
    from genogram.pack.session import session_from_document

    session = session_from_document(document)
    config = session_config(session, config)
    ctx = SessionContext(session, document, config, previous_session(session, document))
    findings: list[Finding] = []
    for rule_cls in config.enabled("session"):
        severity = config.severity(rule_cls)
        for hit in rule_cls().check(ctx):
            location = hit.location or document.locate(hit.path, key=hit.key)
            findings.append(Finding(rule_cls.code, rule_cls.name, str(severity), location.file, location.line, location.column, hit.message, hit.hint, hit.subject, False))
    findings.sort(key=lambda f: (f.line, f.column, f.code))
    return findings


def lint_session_text(text: str, config: Config | None = None, name: str = "<string>.session.yaml") -> list[Finding]:
    """Lint session YAML text (used by tests and the docs examples)."""
    from genogram.io.strict_yaml import loads

    return lint_session_document(loads(text, name), config or Config.build())


def lint_session_file(path: str | Path, config: Config) -> list[Finding]:
    from genogram.io.strict_yaml import load_file

    return lint_session_document(load_file(path), config)


