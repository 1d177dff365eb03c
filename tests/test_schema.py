"""The JSON Schema is generated from the model and must not drift from it."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from genogram.io.schema import dumps_schema, family_schema
from tests.conftest import ROOT, sample_files

SCHEMA_FILE = ROOT / "schemas" / "genogram.schema.json"
REGENERATE = "genogram schema > schemas/genogram.schema.json"


def test_schema_file_matches_model() -> None:
    assert SCHEMA_FILE.read_text(encoding="utf-8") == dumps_schema(family_schema()), f"schema drifted: run `{REGENERATE}`"


def _as_editor_reads(value: object) -> object:
    """YAML 1.2 editors read dates as strings; PyYAML (1.1) makes date objects."""
    if isinstance(value, dict):
        return {k: _as_editor_reads(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_editor_reads(v) for v in value]
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


@pytest.mark.parametrize("path", sample_files(), ids=lambda p: p.name)
def test_samples_pass_the_schema_as_an_editor_sees_them(path: Path) -> None:
    """What the model accepts, the editor must not underline."""
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    data = _as_editor_reads(yaml.safe_load(path.read_text(encoding="utf-8")))
    jsonschema.validate(data, schema)


def test_schema_rejects_unknown_fields() -> None:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"people": [{"id": "a", "brn": "1990"}]}, schema)


def test_session_schema_file_matches_model() -> None:
    from genogram.io.schema import session_schema

    assert (ROOT / "schemas" / "session.schema.json").read_text(encoding="utf-8") == dumps_schema(session_schema()), "run `genogram schema session > schemas/session.schema.json`"


@pytest.mark.parametrize("path", sorted((ROOT / "samples").glob("*.session.yaml")), ids=lambda p: p.name)
def test_sample_sessions_load(path: Path) -> None:
    from genogram.pack.session import existing_file, load_session

    session, document = load_session(path)
    assert existing_file(path, session.family, document, "family", "family file").exists()
    assert path.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=../schemas/session.schema.json")
