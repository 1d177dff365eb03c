"""Detectors of identifying detail: what they find, where, and what they let through."""

from __future__ import annotations

import pytest

from genogram.detect import detector_for, fold, nhs_number_valid
from genogram.io.family import loads_family

FAMILY = """
genogram: 1
people:
  - {id: c, name: Robert O'Brien, known_as: [Bobby], sex: male, born: 2014}
  - {id: m, name: Hope Khan-Jones, sex: female, born: 1990}
  - {id: f, name: Will Łukasz, sex: male, born: 1988}
  - {id: a, name: Zoë, known_as: [Auntie Zo], sex: female, born: 1985}
  - {id: g, name: 王芳, sex: female, born: 1960}
households:
  - {id: elm-road-flat, members: [m], address: "14 Elm Road, Hull"}
"""


def found(text: str) -> list[tuple[str, str]]:
    detector = detector_for([loads_family(FAMILY).family])
    return [(hit.kind, text[hit.start : hit.end]) for hit in detector.find(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Bobby was seen", [("name", "Bobby")]),
        ("the O'Briens came", [("name", "O'Briens")]),
        ("the O\u2019Brien's flat", [("name", "O\u2019Brien's")]),
        ("OBrien and Obrien", [("name", "OBrien"), ("name", "Obrien")]),
        ("Khan alone, then Jones", [("name", "Khan"), ("name", "Jones")]),
        ("KhanJones", [("name", "KhanJones")]),
        ("@obrien_family and robert91", [("name", "obrien"), ("name", "robert")]),
        ("Lukasz and Zoe", [("name", "Lukasz"), ("name", "Zoe")]),
        ("Auntie Zo said", [("name", "Auntie Zo")]),
        ("her aunt visits; auntie visits", []),
        ("gran 王芳说", [("name", "王芳")]),
        ("Hope and Will", [("name", "Hope"), ("name", "Will")]),
        ("We hope the plan will hold", []),
        ("mail robert.obrien@example.com", [("email", "robert.obrien@example.com")]),
        ("born 09/03/2014 or 9/3/14", [("date", "09/03/2014"), ("date", "9/3/14")]),
        ("on 9 March 2014, 9th of March, March 9, 2014", [("date", "9 March 2014"), ("date", "9th of March"), ("date", "March 9, 2014")]),
        ("in March 2014 and on 2014-03-09", [("date", "March 2014"), ("date", "2014-03-09")]),
        ("HU5 3QP and sw1a 1aa", [("postcode", "HU5 3QP"), ("postcode", "sw1a 1aa")]),
        ("at 3 Mill Lane", [("address", "3 Mill Lane")]),
        ("Flat 2 upstairs", [("address", "Flat 2")]),
        ("near Elm Road", [("address", "Elm Road")]),
        ("call 07700 900123 or +44 1482 123456", [("phone", "07700 900123"), ("phone", "+44 1482 123456")]),
        ("NHS 943 476 5919", [("nhs-number", "943 476 5919")]),
        ("ref 943 476 5918", []),  # wrong check digit: not an NHS number
        ("see www.example.org/x and https://a.b", [("url", "www.example.org/x"), ("url", "https://a.b")]),
        ("R.O. and RO and H.K.J.", [("initials", "R.O."), ("initials", "RO"), ("initials", "H.K.J.")]),
        ("two missing episodes in eight weeks, aged 12", []),
        ("3 sessions in the park; 3 people are close", []),  # everyday street words need a capital
        ("4 Oak Close and 12 high street", [("address", "4 Oak Close"), ("address", "12 high street")]),
        ("The GP and CAMHS", []),
    ],
)
def test_detects_and_lets_through(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(text) == expected


def test_household_id_and_address_words_are_places() -> None:
    assert found("the elm tree") == [("place", "elm")]
    assert found("moved to Hull") == [("place", "Hull")]


def test_nhs_checksum() -> None:
    assert nhs_number_valid("9434765919")
    assert not nhs_number_valid("9434765918")
    assert not nhs_number_valid("123")


def test_fold_keeps_positions() -> None:
    folded, origin = fold("Zoë O’Brien")
    assert folded == "zoe obrien"
    assert [origin[i] for i in range(len(folded))][-1] == len("Zoë O’Brien") - 1
