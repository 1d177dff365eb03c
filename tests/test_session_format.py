"""Session format 2: version 1 files still load and pack, v2 samples match the schema, full dates are required."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from genogram.cli.main import cli
from genogram.errors import GenogramError
from genogram.io.strict_yaml import loads
from genogram.pack.session import OtherTool, Session, SystemicTool, Tool, ToolUse, session_from_document, tool_label
from tests.conftest import ROOT, SAMPLES
from tests.test_schema import _as_editor_reads

V1 = """\
session: 1
family: carter.yaml
date: 2026-10
policy: hull
hypotheses:
  - {id: h, statement: He is looking for belonging, test: Ecomap}
actions:
  - {who: Social worker, what: Ask about the father, by: 2026-11}
answers:
  clear-genogram: Partly.
"""


def load(text: str) -> Session:
    return session_from_document(loads(text, "s.session.yaml"))


def test_version_1_file_with_a_month_only_date_still_loads_and_packs(tmp_path: Path) -> None:
    session = load(V1)
    assert session.session == 1 and str(session.date) == "2026-10"
    shutil.copy(SAMPLES / "carter.yaml", tmp_path / "carter.yaml")
    path = tmp_path / "old.session.yaml"
    path.write_text(V1, encoding="utf-8")
    out = tmp_path / "old.html"
    result = CliRunner().invoke(cli, ["pack", str(path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "cannot be counted: the session date 2026-10 is not a full date" in out.read_text(encoding="utf-8")


def test_version_2_refuses_a_month_only_date_with_a_location() -> None:
    with pytest.raises(GenogramError) as caught:
        load(V1.replace("session: 1", "session: 2"))
    (problem,) = caught.value.problems
    assert (problem.location.line, problem.location.column) == (3, 7)
    assert "YYYY-MM-DD" in problem.message + problem.hint


def test_full_dates_are_required_for_counted_fields() -> None:
    with pytest.raises(GenogramError) as caught:
        load("session: 2\nfamily: f.yaml\ndate: 2026-11-20\nchild_seen: 2026-11\n")
    assert caught.value.problems[0].location.line == 4


def test_tools_from_the_vocabulary_or_in_words() -> None:
    session = load("session: 2\nfamily: f.yaml\ndate: 2026-11-20\ntools_used: [graded-care-profile, {tool: pam, note: started}, {other: Wheel of life}]\nsystemic_tools: [sculpting]\n")
    assert session.tools_used == [Tool.GRADED_CARE_PROFILE, ToolUse(tool=Tool.PAM, note="started"), OtherTool(other="Wheel of life")]
    assert [tool_label(t) for t in session.tools_used] == ["graded care profile", "pam: started", "Wheel of life"]
    assert session.systemic_tools == [SystemicTool.SCULPTING]
    with pytest.raises(GenogramError):
        load("session: 2\nfamily: f.yaml\ndate: 2026-11-20\ntools_used: [tarot]\n")


def test_goal_scale_is_zero_to_ten() -> None:
    with pytest.raises(GenogramError):
        load("session: 2\nfamily: f.yaml\ndate: 2026-11-20\ngoals: [{id: g, goal: School, scale: 11}]\n")


@pytest.mark.parametrize("path", sorted(SAMPLES.glob("*.session.yaml")), ids=lambda p: p.name)
def test_samples_are_version_2_and_valid_against_the_schema(path: Path) -> None:
    schema = json.loads((ROOT / "schemas" / "session.schema.json").read_text(encoding="utf-8"))
    data = _as_editor_reads(yaml.safe_load(path.read_text(encoding="utf-8")))
    jsonschema.validate(data, schema)
    assert data["session"] == 2


def test_schema_offers_the_vocabularies_for_completion() -> None:
    text = (ROOT / "schemas" / "session.schema.json").read_text(encoding="utf-8")
    for word in ("graded-care-profile", "disintegration-grid", "not-considered", "england-and-wales", "six-weekly", "pre_proceedings"):
        assert f'"{word}"' in text, word
