"""`genogram lint` end to end: exit codes, formats, selection, folders, --today, docs drift."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from genogram.cli.main import cli
from genogram.lint.rule import all_rules

ROOT = Path(__file__).resolve().parent.parent

CLEAN = """genogram: 1
as_of: 2026-01-01
index: c
people:
  - {id: c, sex: female, born: 2015}
  - {id: m, sex: female, born: 1990}
  - {id: f, sex: male, born: 1988}
  - {id: gm1, sex: female, born: 1960}
  - {id: gf1, sex: male, born: 1958}
  - {id: gm2, sex: female, born: 1961}
  - {id: gf2, sex: male, born: 1959}
unions:
  - {partners: [m, f], children: [c]}
  - {partners: [gf1, gm1], children: [m]}
  - {partners: [gf2, gm2], children: [f]}
households:
  - {id: home, members: [m, f, c]}
connections:
  - {system: school, with: c}
  - {system: friends, with: c}
  - {system: health}
"""

ONE_WARNING = CLEAN.replace("  - {system: friends, with: c}\n", "")
DUE = CLEAN + "missing:\n  - {what: a photo, plan: ask, owner: sw, due: 2026-06}\n"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture()
def files(tmp_path: Path) -> Path:
    (tmp_path / "clean.yaml").write_text(CLEAN, encoding="utf-8")
    (tmp_path / "warn.yaml").write_text(ONE_WARNING, encoding="utf-8")
    (tmp_path / "due.yml").write_text(DUE, encoding="utf-8")
    (tmp_path / "broken.yaml").write_text("genogram: 1\npeople:\n  - {id: a, sex: femal}\n", encoding="utf-8")
    return tmp_path


def test_clean_file_exits_0(files: Path) -> None:
    code, out, err = run("lint", str(files / "clean.yaml"))
    assert code == 0, out
    assert out == ""
    assert "0 errors, 0 warnings" in err


def test_warning_exits_1_in_text_form(files: Path) -> None:
    code, out, _ = run("lint", str(files / "warn.yaml"))
    assert code == 1
    first, hint = out.splitlines()[:2]
    assert first.startswith(f"{files / 'warn.yaml'}:3:8: GEN402 friends-peers: ")
    assert hint.startswith("    hint: ")


def test_fail_on_error_lets_warnings_pass(files: Path) -> None:
    assert run("lint", "--fail-on", "error", str(files / "warn.yaml"))[0] == 0
    assert run("lint", "--fail-on", "warning", str(files / "warn.yaml"))[0] == 1


def test_unloadable_file_exits_2_with_located_problem(files: Path) -> None:
    code, out, _ = run("lint", str(files / "broken.yaml"), str(files / "clean.yaml"))
    assert code == 2
    assert f"{files / 'broken.yaml'}:3:" in out
    assert "Traceback" not in out


def test_missing_path_exits_2(tmp_path: Path) -> None:
    code, out, _ = run("lint", str(tmp_path / "nope.yaml"))
    assert code == 2 and "does not exist" in out


def test_integrity_problem_is_a_finding_exit_1(tmp_path: Path) -> None:
    path = tmp_path / "ids.yaml"
    path.write_text(CLEAN + "relationships:\n  - {between: [c, ghost], kind: close}\n", encoding="utf-8")
    code, out, _ = run("lint", "--format", "json", str(path))
    assert code == 1
    found = json.loads(out)["findings"]
    assert [(f["code"], f["rule"], f["severity"]) for f in found] == [("GEN301", "integrity", "error")]
    assert found[0]["line"] == CLEAN.count("\n") + 2


def test_json_fields(files: Path) -> None:
    code, out, _ = run("lint", "--format", "json", str(files / "warn.yaml"))
    assert code == 1
    data = json.loads(out)
    (finding,) = data["findings"]
    assert set(finding) >= {"code", "rule", "severity", "file", "line", "column", "message", "hint", "subject", "explained"}
    assert finding["code"] == "GEN402" and finding["subject"] == "c" and finding["explained"] is False
    assert data["errors"] == [] and data["summary"]["warning"] == 1


def test_contract_json_marks_father_explained(contract_file: Path) -> None:
    code, out, _ = run("lint", "--format", "json", str(contract_file))
    assert code == 1  # Tyler's unrecorded partner is not explained
    found = json.loads(out)["findings"]
    explained = {(f["code"], f["subject"]) for f in found if f["explained"]}
    assert ("GEN101", "jayden-father") in explained
    assert not any(f["explained"] for f in found if f["subject"] in ("ava", "ella", "kai"))


def test_sarif_structure(files: Path) -> None:
    code, out, _ = run("lint", "--format", "sarif", str(files / "warn.yaml"), str(files / "broken.yaml"))
    assert code == 2
    log = json.loads(out)
    assert log["version"] == "2.1.0" and "sarif" in log["$schema"]
    run0 = log["runs"][0]
    rules = run0["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == sorted(all_rules())
    (result,) = run0["results"]
    assert rules[result["ruleIndex"]]["id"] == result["ruleId"] == "GEN402"
    assert result["level"] == "warning"
    loc = result["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uri"].endswith("warn.yaml")
    assert loc["region"]["startLine"] == 3
    notes = run0["invocations"][0]["toolExecutionNotifications"]
    assert run0["invocations"][0]["executionSuccessful"] is False
    assert notes[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith("broken.yaml")


def test_sarif_marks_explained_as_suppressed(contract_file: Path) -> None:
    out = run("lint", "--format", "sarif", str(contract_file))[1]
    results = json.loads(out)["runs"][0]["results"]
    suppressed = [r for r in results if r.get("suppressions")]
    assert suppressed and all(r["properties"]["explained"] for r in suppressed)
    assert all(r["level"] == "note" for r in suppressed)


def test_select_and_ignore(files: Path) -> None:
    path = str(files / "warn.yaml")
    assert run("lint", "--select", "GEN1,GEN2", path)[0] == 0
    assert run("lint", "--select", "friends-peers", path)[0] == 1
    assert run("lint", "--ignore", "GEN402", path)[0] == 0
    assert run("lint", "--ignore", "world", path)[0] == 2  # names no rule: a usage error


def test_folders_are_linted_recursively(files: Path) -> None:
    nested = files / "a" / "b"
    nested.mkdir(parents=True)
    (nested / "deep.yaml").write_text(ONE_WARNING, encoding="utf-8")
    (nested / "readme.txt").write_text("not a family", encoding="utf-8")
    # Session files are linted too, with the session rules (a decision with no rationale here).
    (nested / "deep.session.yaml").write_text("session: 2\nfamily: deep.yaml\ndate: 2026-11-20\ndecisions:\n  - {decision: Close}\n", encoding="utf-8")
    hidden = files / ".git"
    hidden.mkdir()
    (hidden / "x.yaml").write_text("not: a family\n", encoding="utf-8")
    (files / "broken.yaml").unlink()
    code, out, _ = run("lint", "--format", "json", str(files))
    assert code == 1
    linted = {Path(f["file"]).name for f in json.loads(out)["findings"]}
    assert linted == {"warn.yaml", "deep.yaml", "deep.session.yaml"}


def test_today_makes_a_due_date_overdue(files: Path) -> None:
    path = str(files / "due.yml")
    assert run("lint", "--today", "2026-05-01", path)[0] == 0
    code, out, _ = run("lint", "--today", "2026-07-01", path)
    assert code == 1 and "GEN203 gap-overdue" in out
    assert run("lint", "--today", "July", path)[0] == 2


def test_as_of_is_the_default_reference_day(files: Path) -> None:
    late = DUE.replace("as_of: 2026-01-01", "as_of: 2026-08-01")
    (files / "late.yaml").write_text(late, encoding="utf-8")
    code, out, _ = run("lint", str(files / "late.yaml"))
    assert code == 1 and "GEN203" in out


def test_policy_setting_found_upward(files: Path) -> None:
    (files / ".genogram.toml").write_text('policy = "tower-hamlets"\n', encoding="utf-8")
    out = run("lint", "--format", "json", str(files / "warn.yaml"))[1]
    assert json.loads(out)["findings"][0]["severity"] == "info"  # Tower Hamlets' text says nothing of peers
    out = run("lint", "--format", "json", "--policy", "default", str(files / "warn.yaml"))[1]
    assert json.loads(out)["findings"][0]["severity"] == "warning"


def test_explain_quotes_the_policy() -> None:
    code, out, _ = run("lint", "--explain", "GEN201")
    assert code == 0
    assert out.startswith("GEN201 gap-no-action")
    assert "What it checks" in out and "Why" in out
    assert "steps have been made to obtain this information" in out
    assert run("lint", "--explain", "GEN999")[0] == 2


def test_list_rules_shows_every_rule_and_profile_state() -> None:
    code, out, _ = run("lint", "--list-rules")
    assert code == 0
    rows = out.splitlines()
    assert [r.split()[0] for r in rows] == sorted(all_rules())
    islington = run("lint", "--list-rules", "--policy", "islington")[1]
    assert any(r.startswith("GEN102") and " off " in r for r in islington.splitlines())


def test_many_files_in_parallel_match_serial(tmp_path: Path) -> None:
    for n in range(6):
        (tmp_path / f"f{n}.yaml").write_text(ONE_WARNING if n % 2 else CLEAN, encoding="utf-8")
    serial = run("lint", "--format", "json", "-j", "1", str(tmp_path))[1]
    parallel = run("lint", "--format", "json", "-j", "2", str(tmp_path))[1]
    assert serial == parallel
    assert json.loads(serial)["summary"]["warning"] == 3


def test_output_is_deterministic(contract_file: Path) -> None:
    assert run("lint", "--format", "sarif", str(contract_file))[1] == run("lint", "--format", "sarif", str(contract_file))[1]


def test_docs_rules_page_is_up_to_date() -> None:
    from genogram.lint.docs import render

    page = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert page == render(), "docs/rules.md is stale: run `python -m genogram.lint.docs > docs/rules.md`"
    for code in all_rules():
        assert f"## {code} " in page


def test_pre_commit_hook_runs_genogram_lint() -> None:
    import re

    import yaml

    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    (hook,) = hooks
    assert hook["entry"] == "genogram lint"
    pattern = re.compile(hook["files"])
    assert pattern.search("families/carter.yaml") and pattern.search("team/families/x.yml")
    assert not pattern.search("notes/carter.yaml")


def test_pyproject_tool_table_sets_policy_and_ignore(files: Path) -> None:
    (files / "pyproject.toml").write_text('[tool.genogram]\npolicy = "tower-hamlets"\nignore = ["GEN402"]\n', encoding="utf-8")
    assert run("lint", "--fail-on", "info", str(files / "warn.yaml"))[0] == 0
    assert run("lint", "--fail-on", "info", "--ignore", "GEN101", str(files / "warn.yaml"))[0] == 1  # the command line wins
