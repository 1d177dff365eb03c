"""Every lint rule against a family that passes it and one that fails it, plus the contract file."""

from __future__ import annotations

from pathlib import Path

import pytest

from genogram.io.family import load_family, loads_family
from genogram.lint.engine import Config, lint_loaded, lint_text
from genogram.lint.rule import REGISTRY, Severity, all_rules

RULES = {code: rule for code, rule in all_rules().items() if rule.target == "family"}


def codes(text: str, config: Config | None = None) -> list[str]:
    return [f.code for f in lint_text(text, config)]


@pytest.mark.parametrize("code", sorted(RULES))
def test_rule_passing_example_gives_no_finding_of_that_rule(code: str) -> None:
    rule = RULES[code]
    assert rule.passes.strip(), f"{code} has no passing example"
    assert code not in codes(rule.passes)


@pytest.mark.parametrize("code", sorted(RULES))
def test_rule_failing_example_gives_a_located_finding(code: str) -> None:
    rule = RULES[code]
    findings = [f for f in lint_text(rule.fails, name="fails.yaml") if f.code == code]
    assert findings, f"{code} did not fire on its failing example"
    lines = rule.fails.splitlines()
    for f in findings:
        assert f.rule == rule.name
        assert f.file == "fails.yaml"
        assert 1 <= f.line <= len(lines)
        assert f.column >= 1


@pytest.mark.parametrize("code", sorted(RULES))
def test_rule_metadata(code: str) -> None:
    rule = RULES[code]
    assert rule.group in {"completeness", "register", "consistency", "world", "privacy", "placements"}
    assert rule.policy.passage and rule.policy.document
    assert isinstance(rule.severity, Severity)
    for part in ("What it checks", "Why", "Example"):
        assert part in (rule.__doc__ or "")


def test_examples_are_valid_family_files_apart_from_integrity() -> None:
    for code, rule in RULES.items():
        for text in (rule.passes, rule.fails):
            if code == "GEN301" and text is rule.fails:
                continue
            loads_family(text, f"{code}.yaml")  # raises when the example itself is broken


def test_registry_refuses_a_badly_named_rule() -> None:
    from genogram.lint.rule import Rule, register

    class Bad(Rule):
        """What it checks / Why / Example"""

        code = "GEN999"
        name = "Not_Kebab"

    with pytest.raises(ValueError, match="kebab-case"):
        register(Bad)
    assert "GEN999" not in REGISTRY


# --- the contract file ------------------------------------------------------------


def test_contract_file_findings_are_what_a_practitioner_expects(contract_file: Path) -> None:
    findings = lint_loaded(load_family(contract_file, check=False), Config.build())
    by = {(f.code, f.subject): f for f in findings}
    # Jayden's unknown father: reported, and explained by the register.
    father = by[("GEN101", "jayden-father")]
    assert father.explained and father.severity == "info"
    # His parents (Jayden's paternal grandparents) are unknown: reported, explained through him.
    assert by[("GEN102", "jayden-father")].explained
    # Tyler's partner is not recorded and nothing in the register covers it.
    for child in ("ava", "ella", "kai"):
        finding = by[("GEN104", child)]
        assert not finding.explained and finding.severity == "warning"
    # Sarah's parents are both recorded: no grandparent finding on the mother's side.
    assert ("GEN102", "sarah") not in by
    # Jayden has a school and friends, and a current placement.
    assert not {"GEN401", "GEN402", "GEN107", "GEN301"} & {f.code for f in findings}
    # Messages never echo names or dates from the file.
    text = " ".join(f.message + f.hint for f in findings)
    for value in ("Jayden Carter", "Sarah", "Oakfield", "2013-04-02", "2026-12-15", "Tyler Carter"):
        assert value not in text


def test_contract_gap_becomes_overdue_after_its_due_date(contract_file: Path) -> None:
    loaded = load_family(contract_file, check=False)
    assert "GEN203" not in {f.code for f in lint_loaded(loaded, Config.build())}
    from datetime import date

    late = lint_loaded(loaded, Config.build(today=date(2027, 1, 1)))
    assert [f.subject for f in late if f.code == "GEN203"] == ["gap-1"]


# --- explained findings -------------------------------------------------------------

UNKNOWN_FATHER = """
genogram: 1
index: c
people:
  - {id: c, sex: female, born: 2015}
  - {id: m, sex: female, born: 1990}
  - {id: f, sex: male, born: 1988, unknown: true}
unions:
  - {partners: [m, f], children: [c]}
"""


@pytest.mark.parametrize(
    ("register", "explained"),
    [
        ("", False),
        ("missing:\n  - {about: f, what: identity}\n", False),  # no steps, no plan: not in hand
        ("missing:\n  - {about: f, what: identity, steps: [asked mother]}\n", True),
        ("missing:\n  - {about: f, what: identity, plan: ask grandmother, owner: sw, due: 2030}\n", True),
        ("missing:\n  - {about: f, what: identity, steps: [asked], status: resolved}\n", False),
    ],
)
def test_register_explains_a_gap_only_with_steps_or_plan(register: str, explained: bool) -> None:
    findings = [f for f in lint_text(UNKNOWN_FATHER + register) if f.code == "GEN101"]
    assert len(findings) == 1
    assert findings[0].explained is explained
    assert findings[0].severity == ("info" if explained else "warning")


# --- specific behaviour ---------------------------------------------------------------


def test_father_may_die_up_to_ten_months_before_the_birth() -> None:
    base = "genogram: 1\npeople:\n  - {id: c, sex: female, born: %s}\n  - {id: f, sex: %s, born: 1970, died: 2010-01}\nunions:\n  - {partners: [f], children: [c]}\n"
    assert "GEN304" not in codes(base % ("2010-09", "male"))
    assert "GEN304" in codes(base % ("2010-09", "female"))
    assert "GEN304" in codes(base % ("2011-06", "male"))


def test_births_and_deaths_after_the_reference_day() -> None:
    """as_of (or --today) is the day the file describes: later births and deaths are mistakes."""
    from datetime import date

    base = "genogram: 1\nas_of: 2026-11\npeople:\n  - {id: a, sex: female, born: %s}\n  - {id: b, sex: male, born: 1950, died: %s}\n"
    assert "GEN307" not in codes(base % ("2026-11-15", "2026"))  # not certainly later: the month and the year hold the day
    found = [f for f in lint_text(base % ("2026-12", "2027-01")) if f.code == "GEN307"]
    assert [f.message.split("`")[1] for f in found] == ["a", "b"]
    assert [(f.line, f.column) for f in found] == [(4, 32), (5, 42)]
    assert "GEN307" not in codes(base % ("2026-12", "2027-01"), Config.build(today=date(2027, 6, 1)))


def test_adopted_children_are_not_checked_for_parent_age_or_death() -> None:
    text = "genogram: 1\npeople:\n  - {id: c, sex: female, born: 2015}\n  - {id: m, sex: female, born: 1940, died: 2000}\nunions:\n  - partners: [m]\n    children: [{id: c, relation: adopted}]\n"
    assert not {"GEN304", "GEN305"} & set(codes(text))


def test_parent_under_twelve_is_reported() -> None:
    text = "genogram: 1\npeople:\n  - {id: c, sex: female, born: 2015}\n  - {id: m, sex: female, born: 2004}\nunions:\n  - {partners: [m], children: [c]}\n"
    found = [f for f in lint_text(text) if f.code == "GEN305"]
    assert found and "under 12" in found[0].message


def test_generations_threshold_turns_grandparents_off() -> None:
    from genogram.lint.engine import Config

    fails = RULES["GEN102"].fails
    assert "GEN102" in codes(fails, Config.build("default"))
    assert "GEN102" not in codes(fails, Config.build("islington"))


def test_profile_changes_severity() -> None:
    fails = RULES["GEN201"].fails
    default = {f.code: f.severity for f in lint_text(fails, Config.build("default"))}
    hull = {f.code: f.severity for f in lint_text(fails, Config.build("hull"))}
    assert default["GEN201"] == "warning" and hull["GEN201"] == "error"


def test_school_only_for_school_age() -> None:
    text = "genogram: 1\nas_of: 2026-01-01\nindex: c\npeople:\n  - {id: c, sex: male, born: %s}\n"
    assert "GEN401" not in codes(text % "2023")  # aged 2
    assert "GEN401" in codes(text % "2015")
    assert "GEN401" not in codes(text % "2000")  # adult


def test_household_connection_counts_for_the_child() -> None:
    text = "genogram: 1\nindex: c\npeople:\n  - {id: c, sex: male, born: 2013}\nhouseholds:\n  - {id: home, members: [c]}\nconnections:\n  - {system: friends, with: home}\n"
    assert "GEN402" not in codes(text)


def test_privacy_rules_are_silent_for_team_files() -> None:
    for code in ("GEN501", "GEN502", "GEN503", "GEN504", "GEN505", "GEN506"):
        team = RULES[code].fails.replace("share: group", "share: team")
        assert code not in codes(team)


def test_privacy_messages_do_not_echo_the_values() -> None:
    for code in ("GEN501", "GEN502", "GEN503", "GEN504", "GEN505", "GEN506"):
        for f in lint_text(RULES[code].fails):
            assert "Carter" not in f.message and "High Street" not in f.message and "episodes" not in f.message


def test_integrity_problem_is_a_finding_at_the_bad_id() -> None:
    text = RULES["GEN301"].fails
    found = [f for f in lint_text(text) if f.code == "GEN301"]
    assert {f.severity for f in found} == {"error"}
    lines = text.splitlines()
    expected = [n + 1 for n, line in enumerate(lines) if "[a, b]" in line or "with: c" in line]
    assert sorted(f.line for f in found) == expected


SHARED_CARE = """
genogram: 1
as_of: 2026-01-01
people:
  - {id: c, sex: female, born: 2015}
  - {id: m, sex: female, born: 1990}
  - {id: f, sex: male, born: 1988}
households:
  - {id: mum, members: [m, c], from: 2020}
  - {id: dad, members: [f, c], from: 2020%s}
"""


def test_shared_care_between_two_homes_is_not_two_households() -> None:
    assert "GEN302" not in codes(SHARED_CARE % "")
    # ...but a placement overlapping a home is, and so is an adult in two homes at once.
    assert "GEN302" in codes(SHARED_CARE % ", placement: foster")
    adult = SHARED_CARE.replace("members: [f, c]", "members: [f, m]") % ""
    assert [f.subject for f in lint_text(adult) if f.code == "GEN302"] == ["m"]


def test_a_gap_about_a_fully_recorded_person_is_not_stale() -> None:
    text = """
genogram: 1
people:
  - {id: d, name: Dan Smith, sex: male, born: 1980}
missing:
  - {about: d, what: his view of contact, steps: [letter sent]}
"""
    assert "GEN204" not in codes(text)


def test_group_file_free_text_is_checked_like_shared_text() -> None:
    """GEN504 finds every planted detail's field in the leak corpus family once it is marked for a group."""
    from pathlib import Path

    text = (Path(__file__).parent / "leaks" / "family.yaml").read_text(encoding="utf-8").replace("share: team", "share: group")
    lines = text.splitlines()
    planted = ["title: O'Brien", "NHS 943", "hope.obrien@", "Castle Hill", "St Mary's", "Hope's flat", "Auntie Zo's", "source: Robert", "Elm Road Surgery", "Will's contact", "12 September", "Ask Bobby", "R.O.B."]
    expected = {next(n for n, line in enumerate(lines, start=1) if word in line) for word in planted}
    found = [f for f in lint_text(text) if f.code == "GEN504"]
    assert {f.line for f in found} == expected
    assert all("holds" in f.message and "Bobby" not in f.message for f in found)  # kinds, never the text
    ids = {f.line for f in lint_text(text) if f.code == "GEN506"}
    assert next(n for n, line in enumerate(lines, start=1) if "id: elm-road-flat" in line) in ids  # an id carrying a street
