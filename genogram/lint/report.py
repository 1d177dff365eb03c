"""Reporters: text for people, JSON for tools, SARIF 2.1.0 for code-scanning UIs.

Every reporter returns a string (the CLI prints it), so output is the same
bytes for the same input. Messages come from rules and never hold values
from the family file, only ids.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from genogram.lint.rule import all_rules

if TYPE_CHECKING:
    from genogram.lint.engine import FileResult

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def text(results: list[FileResult]) -> str:
    """`file:line:col: CODE name: message` and an indented hint, load problems first per file."""
    lines: list[str] = []
    for result in results:
        for problem in result.problems:
            lines.append(problem.render())
        for f in result.findings:
            lines.append(f"{f.file}:{f.line}:{f.column}: {f.code} {f.rule}: {f.message}")
            if f.hint:
                lines.append(f"    hint: {f.hint}")
    return "\n".join(lines) + ("\n" if lines else "")


def counts(results: list[FileResult]) -> dict[str, int]:
    tally = {"files": len(results), "error": 0, "warning": 0, "info": 0, "explained": 0, "unreadable": 0}
    for result in results:
        tally["unreadable"] += bool(result.problems)
        for f in result.findings:
            tally["explained" if f.explained else f.severity] += 1
    return tally


def summary(results: list[FileResult]) -> str:
    c = counts(results)
    parts = [f"{c['files']} file{'s' if c['files'] != 1 else ''}", f"{c['error']} errors", f"{c['warning']} warnings", f"{c['info']} notes", f"{c['explained']} explained"]
    if c["unreadable"]:
        parts.append(f"{c['unreadable']} could not be read")
    return ", ".join(parts)


def as_json(results: list[FileResult]) -> str:
    payload = {
        "tool": "genogram lint",
        "summary": counts(results),
        "findings": [f.as_dict() for r in results for f in r.findings],
        "errors": [p.as_dict() for r in results for p in r.problems],
    }
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


def sarif(results: list[FileResult]) -> str:
    """A SARIF 2.1.0 log: one run, every rule described, one result per finding."""
    from genogram import __version__

    rules = list(all_rules().values())
    order = {r.code: i for i, r in enumerate(rules)}
    driver: dict[str, Any] = {
        "name": "genogram",
        "version": __version__,
        "rules": [
            {
                "id": r.code,
                "name": r.name,
                "shortDescription": {"text": r.summary()},
                "fullDescription": {"text": r.description()},
                "defaultConfiguration": {"level": _SARIF_LEVEL[str(r.severity)]},
                "properties": {"group": r.group, "policy": str(r.policy), "passage": r.policy.passage},
            }
            for r in rules
        ],
    }
    out: list[dict[str, Any]] = []
    for result in results:
        for f in result.findings:
            region = {"startLine": max(f.line, 1), "startColumn": max(f.column, 1)}
            entry: dict[str, Any] = {
                "ruleId": f.code,
                "ruleIndex": order[f.code],
                "level": _SARIF_LEVEL[f.severity],
                "message": {"text": f"{f.message} (hint: {f.hint})" if f.hint else f.message},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(f.file)}, "region": region}}],
                "properties": {"subject": f.subject, "explained": f.explained, "rule": f.rule},
            }
            if f.explained:
                entry["suppressions"] = [{"kind": "inSource", "justification": "covered by the missing-information register"}]
            out.append(entry)
    notifications = [
        {
            "level": "error",
            "message": {"text": p.message},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(p.location.file)}, "region": {"startLine": max(p.location.line, 1), "startColumn": max(p.location.column, 1)}}}],
        }
        for r in results
        for p in r.problems
    ]
    run: dict[str, Any] = {
        "tool": {"driver": driver},
        "results": out,
        "invocations": [{"executionSuccessful": not notifications, "toolExecutionNotifications": notifications}],
    }
    log = {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def _uri(file: str) -> str:
    return file.replace("\\", "/")
