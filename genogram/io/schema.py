"""JSON Schemas generated from the model, so editors check fields as people type."""

from __future__ import annotations

import json
from typing import Any

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
FAMILY_SCHEMA_FILE = "genogram.schema.json"
SESSION_SCHEMA_FILE = "session.schema.json"


def family_schema() -> dict[str, Any]:
    """The JSON Schema of a family file, in validation mode (what a person may write)."""
    from genogram.model import Family

    schema = Family.model_json_schema(by_alias=True, mode="validation")
    return {
        "$schema": SCHEMA_DIALECT,
        "$id": FAMILY_SCHEMA_FILE,
        "title": "genogram family file",
        "description": "A family for a genogram, an ecomap and a reflective discussion. See samples/ for examples.",
        **{k: v for k, v in schema.items() if k not in ("title", "description")},
    }


def dumps_schema(schema: dict[str, Any]) -> str:
    """Stable text for a schema: same model, same bytes."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def session_schema() -> dict[str, Any]:
    """The JSON Schema of a session file (one reflective discussion or supervision)."""
    from genogram.pack.session import Session

    schema = Session.model_json_schema(by_alias=True, mode="validation")
    return {
        "$schema": SCHEMA_DIALECT,
        "$id": SESSION_SCHEMA_FILE,
        "title": "genogram session file",
        "description": "One reflective discussion or supervision of a family. See samples/*.session.yaml.",
        **{k: v for k, v in schema.items() if k not in ("title", "description")},
    }
