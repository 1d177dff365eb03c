"""Redaction keeps the family's shape and removes everything that identifies."""

from __future__ import annotations

import re
from pathlib import Path

from genogram.io.family import load_family
from genogram.redact import kinship_roles, redact
from tests.conftest import sample_files

NOT_IDENTIFYING = {"father", "mother", "pregnancy", "unknown", "partner", "baby", "miscarriage", "stillbirth", "termination", "born", "died", "name", "age", "notes"}


def _identifying_words(path: Path) -> set[str]:
    family = load_family(path).family
    words: set[str] = set()
    for person in family.people:
        for part in re.split(r"[\W_]+", f"{person.name or ''} {person.id}"):
            if len(part) >= 3 and not part.isdigit() and part.lower() not in NOT_IDENTIFYING:
                words.add(part.lower())
    for connection in family.connections:
        if connection.name and len(connection.name.split()) > 1:
            words.add(connection.name.lower())  # the whole name, e.g. a school's
    return words


def test_contract_roles_read_as_a_practitioner_would(contract_file: Path) -> None:
    roles = kinship_roles(load_family(contract_file).family)
    assert roles["jayden"] == "Child (13)"
    assert roles["sarah"] == "Mother (35)"
    assert roles["mia"] == "Half-sister (10)"
    assert roles["maureen"] == "Maternal grandmother (64)"
    assert roles["lee"] == "Mother's former partner (38)"
    assert roles["sam"] == "Mother's partner (33)"
    assert roles["tyler"] == "Maternal uncle (32)"
    assert len(set(roles.values())) == len(roles)  # unique, so tables stay readable


def test_redacted_model_holds_no_identifying_word(contract_file: Path) -> None:
    for path in [contract_file, *sample_files()]:
        family = load_family(path).family
        text = redact(family).model_dump_json(by_alias=True).lower()
        leaked = sorted(w for w in _identifying_words(path) if re.search(rf"\b{re.escape(w)}\b", text))
        assert not leaked, f"{path.name}: {leaked}"
        for person in family.people:
            if person.born is not None and person.born.day:
                assert str(person.born) not in text, path.name  # no date of birth survives


def test_redaction_keeps_shape_and_birth_order(contract_file: Path) -> None:
    family = load_family(contract_file).family
    redacted = redact(family)
    assert len(redacted.people) == len(family.people)
    assert [len(u.children) for u in redacted.unions] == [len(u.children) for u in family.unions]
    assert all(p.born is None for p in redacted.people)
    ages = {p.name: p.age for p in redacted.people}
    assert ages["Child (13)"] == 13
    tyler_kids = [c.id for c in redacted.unions[4].children]
    by_id = {p.id: p for p in redacted.people}
    assert [by_id[c].age for c in tyler_kids] == sorted((by_id[c].age for c in tyler_kids), reverse=True)


def test_derived_views_follow_the_redacted_ids(contract_file: Path) -> None:
    family = load_family(contract_file).family
    assert "jayden" in family.person_by_id  # computed and cached on the original
    redacted = redact(family)
    assert set(redacted.person_by_id) == {p.id for p in redacted.people}
    assert "jayden" not in redacted.person_by_id


def test_repeated_roles_are_numbered_oldest_first(contract_file: Path) -> None:
    roles = kinship_roles(load_family(contract_file).family)
    assert roles["kai"] == "Maternal cousin 1 (9)"
    assert {roles["ava"], roles["ella"]} == {"Maternal cousin 2 (6)", "Maternal cousin 3 (6)"}


def test_only_allowed_fields_survive_and_every_drop_is_reported() -> None:
    from genogram.io.family import loads_family
    from genogram.redact import redact_family

    family = loads_family(
        """
genogram: 1
index: bob
people:
  - {id: bob, name: Bob Stone, known_as: [Bobby], sex: male, gender: his own word, pronouns: bob/bobself, born: 2014-03-09, conditions: [stone-allergy, disability], address: 1 Quarry Lane, notes: call 07700 900123}
households:
  - {id: quarry-lane, label: Quarry Lane house, members: [bob], from: 2020-03-04, address: 1 Quarry Lane}
connections:
  - {system: quarry-lane-surgery, name: Quarry Lane Surgery, with: bob}
  - {system: school, name: Stone Academy, with: quarry-lane}
"""
    ).family
    redaction = redact_family(family)
    text = redaction.family.model_dump_json(by_alias=True).lower()
    for word in ("bob ", "bobby", "stone", "quarry", "07700", "2014-03-09", "own word", "bobself"):
        assert word not in text, word
    person = redaction.family.people[0]
    assert person.id == "p1" and person.name is not None and person.name.startswith("Child (")
    assert (person.gender, person.pronouns, person.known_as, person.address, person.notes, person.born) == (None, None, [], None, None, None)
    assert person.conditions == ["other", "disability"]
    assert [c.system for c in redaction.family.connections] == ["other", "school"]
    assert [c.name for c in redaction.family.connections] == ["Other (s1)", "School (s2)"]
    assert redaction.family.households[0].label == "Household h1"
    assert redaction.family.connections[1].with_ == "h1"
    dropped = {entry.path for entry in redaction.report if entry.action == "dropped"}
    assert {("people", 0, "known_as"), ("people", 0, "address"), ("people", 0, "notes"), ("people", 0, "gender"), ("people", 0, "pronouns"), ("households", 0, "address")} <= dropped
    mapped = {entry.path: entry.shown for entry in redaction.report if entry.action == "mapped"}
    assert mapped[("people", 0, "born")].startswith("age ")
    assert mapped[("connections", 0, "system")] == "other"


def test_redacted_drawings_print_no_year() -> None:
    """Union and household years stay in the redacted family (to tell what is current) but are never drawn."""
    import re
    import xml.etree.ElementTree as ET

    from genogram import api

    family = api.read_family(Path(__file__).resolve().parent.parent / "samples" / "carter.yaml").family
    plain = api.draw_genogram(family, "svg").data.decode()
    redacted = api.draw_genogram(family, "svg", redact=True).data.decode()
    year = re.compile(r"\b(19|20)\d\d\b")

    def texts(svg: str) -> str:
        root = ET.fromstring(svg)
        return " ".join(t for el in root.iter() if el.tag.endswith("text") or el.tag.endswith("tspan") for t in [el.text or ""])

    assert year.search(texts(plain)), "the control: the plain drawing prints years"
    assert not year.search(texts(redacted)), year.findall(texts(redacted))
