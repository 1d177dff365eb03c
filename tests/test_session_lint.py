"""Session lint (SES codes): each rule's examples, the CLI on session files, and profiles grounded in their texts."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from genogram.cli.main import cli
from genogram.io.strict_yaml import loads
from genogram.lint.engine import PROFILES, Config, load_profile
from genogram.lint.rule import Severity, all_rules
from genogram.lint.session_lint import lint_session_text
from genogram.pack.session import session_from_document
from tests.conftest import SAMPLES

SESSION_RULES = {code: rule for code, rule in all_rules().items() if rule.target == "session"}
#: The policy texts live beside the checkout (../shared/policy), not in this repository.
POLICIES = Path(__file__).resolve().parent.parent.parent / "shared" / "policy"


def policy_text(name: str) -> str:
    path = POLICIES / name
    if not path.exists():
        pytest.skip("../shared/policy is not beside this checkout")
    return path.read_text(encoding="utf-8")


def codes(text: str, config: Config | None = None) -> list[str]:
    return [f.code for f in lint_session_text(text, config)]


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result.exit_code, result.stdout, result.stderr


def test_there_are_session_rules_with_ses_codes() -> None:
    assert len(SESSION_RULES) >= 10
    assert all(code.startswith("SES1") for code in SESSION_RULES)


@pytest.mark.parametrize("code", sorted(SESSION_RULES))
def test_session_rule_passing_example_gives_no_finding_of_that_rule(code: str) -> None:
    rule = SESSION_RULES[code]
    session_from_document(loads(rule.passes, "passes.session.yaml"))  # a valid session file
    assert code not in codes(rule.passes)


@pytest.mark.parametrize("code", sorted(SESSION_RULES))
def test_session_rule_failing_example_gives_a_located_finding(code: str) -> None:
    rule = SESSION_RULES[code]
    session_from_document(loads(rule.fails, "fails.session.yaml"))
    findings = [f for f in lint_session_text(rule.fails, name="fails.session.yaml") if f.code == code]
    assert findings, f"{code} did not fire on its failing example"
    for f in findings:
        assert f.file == "fails.session.yaml" and 1 <= f.line <= len(rule.fails.splitlines()) and f.column >= 1
        assert f.rule == rule.name


@pytest.mark.parametrize("code", sorted(SESSION_RULES))
def test_session_rule_docs_and_citation(code: str) -> None:
    rule = SESSION_RULES[code]
    assert rule.group == "session" and isinstance(rule.severity, Severity)
    assert _quoted_in_source(rule.policy.document, rule.policy.passage), f"{code} cites a passage its document does not contain"


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u2019", "'").replace("\u2013", "-")).strip()


def _documents() -> dict[str, str]:
    docs = {}
    for name in PROFILES:
        profile = load_profile(name)
        assert profile.source is not None and profile.policy_file
        docs[profile.source.document] = _norm(policy_text(profile.policy_file))
    return docs


def _quoted_in_source(document: str, passage: str) -> bool:
    return _norm(passage) in _documents()[document]


@pytest.mark.parametrize("name", PROFILES)
def test_every_profile_severity_quotes_its_policy_text(name: str) -> None:
    """Each changed severity is traceable: its passage is in the profile's own text, or it is only lowered."""
    profile = load_profile(name)
    text = _norm(policy_text(profile.policy_file or ""))
    assert profile.source is not None and _norm(profile.source.passage) in text
    changed = set(profile.severities) | set(profile.disabled)
    assert changed == set(profile.quotes), f"{name}: every severity change needs a passage (or silent = true)"
    for code, quote in profile.quotes.items():
        if quote is None:  # the text is silent: the rule may only be lowered
            assert code in profile.disabled or profile.severities[code] == Severity.INFO
        else:
            assert quote.passage and _norm(quote.passage) in text, f"{name}: {code} quotes a passage not in {profile.policy_file}"


def test_islington_quotes_only_checks_it_makes() -> None:
    """Its header passage names children seen, plan reviews and plans in place: those rules are on."""
    profile = load_profile("islington")
    assert profile.source is not None and "have been seen" in profile.source.passage
    enabled = {r.name for r in Config.build("islington").enabled("session")}
    assert {"child-not-seen", "plan-not-reviewed", "recorded-late"} <= enabled
    assert profile.severities[all_rules()["SES107"].code] == Severity.ERROR


def test_tower_hamlets_does_not_make_school_or_peers_errors() -> None:
    text = _norm(policy_text("tower-hamlets-yjfis-reflective-group-supervision.txt")).lower()
    assert "school" not in text and "peer" not in text
    config = Config.build("tower-hamlets")
    for name in ("school", "friends-peers"):
        rule = next(r for r in all_rules().values() if r.name == name)
        assert config.severity(rule) < Severity.WARNING


def test_early_help_profile_exists_and_measures_goals() -> None:
    config = Config.build("early-help")
    assert config.profile.title.startswith("Family Early Help")
    fails = SESSION_RULES["SES114"].fails
    assert [f.severity for f in lint_session_text(fails, config) if f.code == "SES114"] == ["warning"]
    assert [f.severity for f in lint_session_text(fails) if f.code == "SES114"] == ["info"]


def test_month_only_date_refused_in_v2_and_warned_in_v1(tmp_path: Path) -> None:
    v2 = tmp_path / "v2.session.yaml"
    v2.write_text("session: 2\nfamily: f.yaml\ndate: 2026-11\n", encoding="utf-8")
    code, out, err = run("lint", str(v2))
    assert code == 2 and f"{v2}:3:7:" in out + err and "YYYY-MM-DD" in out + err
    v1 = tmp_path / "v1.session.yaml"
    v1.write_text("session: 1\nfamily: f.yaml\ndate: 2026-11\n", encoding="utf-8")
    code, out, _ = run("lint", "--select", "SES107", str(v1))
    assert code == 1 and f"{v1}:3:7: SES107" in out and "not a full date" in out


def test_recorded_late_counts_the_session_nation() -> None:
    """Friday 27 Nov 2026, significant: due Monday 30 in England, Tuesday 1 Dec in Scotland (St Andrew's Day)."""
    text = "session: 2\nfamily: f.yaml\ndate: 2026-11-27\nrecorded_on: 2026-12-01\ndecisions:\n  - {decision: Strategy meeting, rationale: New disclosure, significant: yes}\n"
    assert "SES107" in codes(text)
    assert "SES107" not in codes(text + "nation: scotland\n")
    assert "SES107" not in codes(text, Config.build(nation="scotland"))  # the team config's nation


def test_team_config_nation_reaches_session_lint(tmp_path: Path) -> None:
    session = tmp_path / "s.session.yaml"
    session.write_text(
        "session: 2\nfamily: f.yaml\ndate: 2026-11-27\nrecorded_on: 2026-12-01\ndecisions:\n  - {decision: Strategy meeting, rationale: New disclosure, significant: yes}\n",
        encoding="utf-8",
    )
    assert "SES107" in run("lint", "--select", "SES107", str(session))[1]
    (tmp_path / ".genogram.toml").write_text('nation = "scotland"\n', encoding="utf-8")
    assert run("lint", "--select", "SES107", str(session))[0] == 0


def test_not_recorded_is_late_only_after_the_record_by_date() -> None:
    text = "session: 2\nfamily: f.yaml\ndate: 2026-12-18\n"
    assert "SES107" not in codes(text, Config.build(today=__import__("datetime").date(2026, 12, 24)))  # due 2026-12-29
    assert "SES107" in codes(text, Config.build(today=__import__("datetime").date(2026, 12, 30)))


def test_session_policy_chooses_the_profile_unless_policy_is_given(tmp_path: Path) -> None:
    session = tmp_path / "s.session.yaml"
    session.write_text("session: 2\nfamily: f.yaml\ndate: 2026-11-20\npolicy: hull\nanswers:\n  tools: Graded care profile\n", encoding="utf-8")
    out = json.loads(run("lint", "--format", "json", "--select", "SES106", str(session))[1])
    assert [f["code"] for f in out["findings"]] == ["SES106"]  # `tools` is no Hull prompt
    assert "the hull profile" in out["findings"][0]["message"]
    # Oxfordshire asks "What tools are being used?": given on the command line, its profile wins.
    assert run("lint", "--select", "SES106", "--policy", "oxfordshire", str(session))[0] == 0


def test_previous_actions_missing_from_this_session_are_reported(tmp_path: Path) -> None:
    (tmp_path / "a.session.yaml").write_text("session: 2\nfamily: f.yaml\ndate: 2026-10-14\nactions:\n  - {id: ask, who: Social worker, what: Ask about the father, by: 2026-11-04}\n", encoding="utf-8")
    later = tmp_path / "b.session.yaml"
    later.write_text("session: 2\nfamily: f.yaml\ndate: 2026-11-18\nprevious: a.session.yaml\n", encoding="utf-8")
    out = run("lint", "--select", "SES111", str(later))[1]
    assert "not carried into this session" in out and f"{later}:4:11:" in out


def test_cp_plan_at_twelve_months() -> None:
    head = "session: 2\nfamily: f.yaml\ndate: 2026-11-20\n"
    assert "SES108" not in codes(head + "plan: {type: cp, start: 2025-11-21}\n")  # a day short of 12 months
    assert "SES108" in codes(head + "plan: {type: cp, start: 2025-11-20}\n")
    assert "SES108" not in codes(head + "plan: {type: cin, start: 2024-01-01}\n")


def test_child_seen_interval_is_the_profiles() -> None:
    text = "session: 2\nfamily: f.yaml\ndate: 2026-11-20\nchild_seen: 2026-10-15\n"  # 36 days
    assert "SES110" in codes(text)
    assert "SES110" in codes(text, Config.build("islington"))
    hit = next(f for f in lint_session_text(text, Config.build("tower-hamlets")) if f.code == "SES110")
    assert hit.severity == "info"  # Tower Hamlets' text says nothing of visits


def test_samples_are_v2_and_consistent() -> None:
    code, out, _ = run("lint", "--today", "2026-11-25", "--fail-on", "warning", str(SAMPLES / "carter-2026-10.session.yaml"), str(SAMPLES / "carter-2026-11.session.yaml"))
    assert code == 0, out
    november = (SAMPLES / "carter-2026-11.session.yaml").read_text(encoding="utf-8")
    assert "session: 2" in november
    # The action to ask Maureen is still open, so no answer may say she was asked.
    assert "Maureen asked" not in november and "has not been asked yet" in november


def test_folder_lint_reads_session_files(tmp_path: Path) -> None:
    (tmp_path / "s.session.yaml").write_text("session: 2\nfamily: f.yaml\ndate: 2026-11-20\ndecisions:\n  - {decision: Close the case}\n", encoding="utf-8")
    code, out, _ = run("lint", "--select", "SES101", str(tmp_path))
    assert code == 1 and "SES101 decision-no-rationale" in out


def test_lint_refuses_shared_text_that_names_the_family_where_the_pack_would(tmp_path: Path) -> None:
    import shutil

    shutil.copy(SAMPLES / "carter.yaml", tmp_path / "carter.yaml")
    session = tmp_path / "s.session.yaml"
    session.write_text(
        "session: 2\nfamily: carter.yaml\ndate: 2026-11-18\nkind: group-supervision\n"
        "group_summary: A 13-year-old in a kinship placement.\n"
        "shared:\n  reason: Jayden's nan asked for the review.\n",
        encoding="utf-8",
    )
    code, out, _ = run("lint", str(session), "--select", "SES115")
    assert code == 1
    assert f"{session}:7:11" in out and "SES115" in out and "name" in out
    # The pack refuses at the same place.
    pack = CliRunner().invoke(cli, ["pack", str(session), "-o", str(tmp_path / "p.html")])
    assert pack.exit_code == 2 and f"{session}:7:11" in pack.output
