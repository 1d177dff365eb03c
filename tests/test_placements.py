"""Each child's stays, and the placement rules that read them: real family text in, findings and histories out."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from genogram.io.family import load_family, loads_family
from genogram.lint.engine import lint_text
from genogram.placements import current_households, histories, history, households_drawn, lanes

ROOT = Path(__file__).resolve().parent.parent

HEAD = """
genogram: 1
as_of: 2026-01-01
index: c
people:
  - {id: c, sex: female, born: 2015-03-10}
  - {id: d, sex: male, born: 2018-06-01}
  - {id: m, sex: female, born: 1990}
unions:
  - {partners: [m], children: [c, d]}
households:
"""


def findings(households: str, code: str, head: str = HEAD) -> list[str]:
    return [f.message for f in lint_text(head + households) if f.code == code]


def test_a_stay_with_no_from_runs_from_birth_and_the_gap_after_it_is_found() -> None:
    text = """  - {id: mum, members: [m, c], to: 2022-03}
  - {id: kin, members: [c], from: 2023-02, placement: kinship}
"""
    family = loads_family(HEAD + text).family
    found = history(family, "c")
    first = found.stays[0]
    assert first.start_assumed and first.span.start == date(2015, 3, 10)
    assert [(g.start, g.end) for g in found.gaps] == [(date(2022, 3, 31), date(2023, 2, 1))]
    (message,) = findings(text, "GEN108")
    assert "10 months" in message and "`mum` has no `from:`" in message and "birth" in message


def test_partial_dates_make_a_gap_only_when_every_reading_has_one() -> None:
    assert not findings("  - {id: a, members: [c], to: 2022-03}\n  - {id: b, members: [c], from: 2022-04, placement: foster}\n", "GEN108")
    assert not findings("  - {id: a, members: [c], to: 2022}\n  - {id: b, members: [c], from: 2022, placement: foster}\n", "GEN108")
    assert findings("  - {id: a, members: [c], to: 2022}\n  - {id: b, members: [c], from: 2023-02, placement: foster}\n", "GEN108")


def test_gaps_are_found_for_every_child_not_only_the_index() -> None:
    text = """  - {id: mum, members: [m, c, d], to: 2022-03}
  - {id: kin, members: [c], from: 2022-03, placement: kinship}
  - {id: fos, members: [d], from: 2022-09, placement: foster}
"""
    messages = findings(text, "GEN108")
    assert len(messages) == 1 and "`d`" in messages[0] and "`mum`" in messages[0] and "`fos`" in messages[0]


def test_a_child_in_care_with_no_home_recorded_after_birth_or_up_to_now() -> None:
    # d's first stay begins years after birth; d's placement ended and nothing follows.
    text = """  - {id: kin, members: [c], from: 2015-03, placement: kinship}
  - {id: fos, members: [d], from: 2020-01, to: 2025-01, placement: foster}
"""
    messages = findings(text, "GEN108")
    assert any("after birth" in m and "`d`" in m for m in messages)
    assert any("since `fos` ended" in m for m in messages)
    assert not any("`c`" in m for m in messages)


def test_messages_never_repeat_the_dates_written_in_the_file() -> None:
    text = "  - {id: a, members: [c], to: 2022-03}\n  - {id: b, members: [c], from: 2023-02, placement: foster}\n"
    for message in findings(text, "GEN108"):
        assert "2022" not in message and "2023" not in message


def test_overlap_with_a_placement_is_found_and_two_homes_are_shared_care() -> None:
    placement = "  - {id: mum, members: [m, c]}\n  - {id: fos, members: [c], from: 2024-09, placement: foster}\n"
    found = history(loads_family(HEAD + placement).family, "c")
    (overlap,) = found.overlaps
    assert {overlap.first.household, overlap.second.household} == {"mum", "fos"}
    assert (overlap.start, overlap.end) == (date(2024, 9, 30), date(2026, 1, 1))
    homes = "  - {id: mum, members: [m, c]}\n  - {id: dad, members: [c], from: 2024-09}\n"
    assert not history(loads_family(HEAD + homes).family, "c").overlaps


def test_a_placement_dated_before_birth_is_an_error_a_home_is_joined_at_birth() -> None:
    placed = "  - {id: fos, members: [d], from: 2016, placement: foster}\n"
    (message,) = findings(placed, "GEN308")
    assert "`d`" in message
    home = "  - {id: mum, members: [m, c, d], from: 2014, to: 2020}\n  - {id: kin, members: [c, d], from: 2020, placement: kinship}\n"
    assert not findings(home, "GEN308")
    stay = history(loads_family(HEAD + home).family, "d").stays[0]
    assert stay.span.start == date(2018, 6, 1) and stay.start_text == "birth (household from 2014)"
    ended = "  - {id: old, members: [d], from: 2012, to: 2014}\n"
    assert findings(ended, "GEN308")


def test_three_placements_in_the_last_twelve_months() -> None:
    three = """  - {id: a, members: [c], from: 2024-11, to: 2025-03, placement: foster}
  - {id: b, members: [c], from: 2025-03, to: 2025-07, placement: foster}
  - {id: k, members: [c], from: 2025-07, placement: kinship}
"""
    (message,) = findings(three, "GEN601")
    assert "3 placements" in message
    # The first ended more than a year ago: two in the year.
    two = three.replace("from: 2024-11, to: 2025-03", "from: 2023-01, to: 2024-12").replace("from: 2025-03, to: 2025-07", "from: 2024-12, to: 2025-07")
    assert not findings(two, "GEN601")
    # Not looked after today (home again): the measure does not apply.
    home = three.replace("{id: k, members: [c], from: 2025-07, placement: kinship}", "{id: k, members: [m, c], from: 2025-07}")
    assert not findings(home, "GEN601")


def test_long_term_stability_and_the_adoption_exception() -> None:
    moved = """  - {id: a, members: [c], from: 2021-01, to: 2025-07, placement: foster}
  - {id: b, members: [c], from: 2025-07, placement: foster}
"""
    (message,) = findings(moved, "GEN602")
    assert "about 5 years" in message and "about 6 months" in message
    # Placed for adoption: the adoptive placement and the one before count together.
    adopted = moved.replace("from: 2025-07, placement: foster", "from: 2025-07, placement: adoptive")
    assert not findings(adopted, "GEN602")
    # In care for less than two and a half years: not measured.
    short = moved.replace("from: 2021-01", "from: 2024-01")
    assert not findings(short, "GEN602")
    # Sixteen or over: not measured.
    assert not findings(moved, "GEN602", HEAD.replace("born: 2015-03-10", "born: 2009-03-10"))


def test_lanes_are_the_index_child_then_siblings_oldest_first() -> None:
    family = load_family(ROOT / "samples" / "price-siblings.yaml").family
    assert lanes(family) == ["kyle", "jess", "amber", "poppy"]


def test_histories_of_the_split_sibling_group() -> None:
    family = load_family(ROOT / "samples" / "price-siblings.yaml").family
    found = histories(family, lanes(family))
    kyle = found["kyle"]
    assert [s.household for s in kyle.stays] == ["mum-home", "dunn-emergency", "baker-foster", "nan-kinship"]
    assert kyle.stays[0].start_assumed and kyle.stays[-1].open_end
    (gap,) = kyle.gaps
    assert (gap.start, gap.end) == (date(2025, 10, 17), date(2025, 12, 1))
    assert not any(h.gaps or h.overlaps or h.before_birth for c, h in found.items() if c != "kyle")


def test_the_genogram_keeps_only_current_households_unless_history() -> None:
    family = load_family(ROOT / "samples" / "nowak-placements.yaml").family
    assert [h.id for h in current_households(family)] == ["kinship-aunt-oskar", "adoptive-home", "kasia-flat"]
    shown = households_drawn(family)
    assert [h.id for h in shown.family.households] == ["kinship-aunt-oskar", "adoptive-home", "kasia-flat"]
    assert shown.note is not None and "2026-11-12" in shown.note and "4 past" in shown.note and "--history" in shown.note
    everything = households_drawn(family, history=True)
    assert everything.family is family and everything.note is not None and "past ones are drawn light" in everything.note
