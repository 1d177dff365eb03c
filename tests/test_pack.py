"""Session packs: real HTML and PDF out of the sample sessions, parsed and checked."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from genogram.cli.main import cli
from genogram.io.family import load_family
from tests.conftest import SAMPLES, browser_page, needs_chromium, parse_html

FIRST = SAMPLES / "carter-2026-10.session.yaml"
FOLLOW_UP = SAMPLES / "carter-2026-11.session.yaml"


def pack(tmp_path: Path, session: Path, suffix: str, *extra: str) -> Path:
    out = tmp_path / f"pack.{suffix}"
    result = CliRunner().invoke(cli, ["pack", str(session), "-o", str(out), *extra])
    assert result.exit_code == 0, result.output
    return out


def identifying(family_file: Path) -> list[str]:
    """Every name (and name part) and every date of birth in a family."""
    family = load_family(family_file).family
    found: set[str] = set()
    for person in family.people:
        if person.name:
            found.add(person.name)
            found |= {part for part in person.name.split() if len(part) > 2}
        if person.born and person.born.day:
            found.add(str(person.born))
    return sorted(found)


def test_html_pack_is_self_contained_and_complete(tmp_path: Path) -> None:
    html = pack(tmp_path, FIRST, "html").read_text(encoding="utf-8")
    doc = parse_html(html)
    metas = {a.get("http-equiv") or a.get("name"): a.get("content") for t, a in doc.tags if t == "meta"}
    assert "default-src 'none'" in (metas["Content-Security-Policy"] or "")
    assert metas["generator"] == "genogram"
    assert not [t for t, _ in doc.tags if t in ("script", "iframe", "object", "embed", "link")]
    for _, attrs in doc.tags:
        for key in ("src", "href"):
            value = attrs.get(key) or ""
            assert not re.match(r"(https?:)?//", value), value
    text = " ".join(doc.text)
    for heading in ("Genogram", "Ecomap", "What we do not know yet", "Checks before the discussion", "Hypotheses", "Plan: who does what by when", "The policy's prompts"):
        assert heading in text
    assert "Jayden's father's identity and details" in text  # the register
    assert "Not yet answered" in text  # the first session has not asked the child yet
    assert html.count("<svg") >= 2  # genogram and ecomap inline


def test_follow_up_shows_what_changed_and_is_redacted_for_group_supervision(tmp_path: Path) -> None:
    html = pack(tmp_path, FOLLOW_UP, "html").read_text(encoding="utf-8")
    text = " ".join(parse_html(html).text)
    assert "Since the last discussion (5 weeks earlier)" in text  # dates become intervals
    assert "open → supported" in text
    assert "not done" in text  # the action about Jayden's father was not done by its date
    assert "Redacted" in text
    for word in identifying(SAMPLES / "carter.yaml"):
        assert word not in html, word


def test_pdf_pack_text_metadata_and_determinism(tmp_path: Path) -> None:
    import pypdf
    first = pack(tmp_path, FIRST, "pdf", "--no-redact").read_bytes()
    second_dir = tmp_path / "again"
    second_dir.mkdir()
    second = pack(second_dir, FIRST, "pdf", "--no-redact").read_bytes()
    assert first == second
    reader = pypdf.PdfReader(io.BytesIO(first))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "What we do not know yet" in text and "Hypotheses" in text
    assert "Jayden" in text  # not redacted


def test_redacted_pdf_leaks_no_name_in_text_or_metadata(tmp_path: Path) -> None:
    import pypdf
    data = pack(tmp_path, FOLLOW_UP, "pdf").read_bytes()
    reader = pypdf.PdfReader(io.BytesIO(data))
    text = "\n".join(page.extract_text() for page in reader.pages)
    metadata = " ".join(str(v) for v in (reader.metadata or {}).values())
    xmp = data[data.find(b"<x:xmpmeta") : data.find(b"</x:xmpmeta>")].decode("utf-8", "replace")
    for word in identifying(SAMPLES / "carter.yaml"):
        assert word not in text, word
        assert word not in metadata and word not in xmp, word


def test_hostile_text_is_shown_literally(tmp_path: Path) -> None:
    family = tmp_path / "family.yaml"
    family.write_text(
        "title: '</script><script>alert(1)</script> #set page(width: 1cm) *x*'\n"
        "index: a\npeople:\n  - id: a\n    name: '<b>Bold</b> & \"quote\"'\n    born: 2015\n",
        encoding="utf-8",
    )
    session = tmp_path / "s.session.yaml"
    session.write_text("session: 1\nfamily: family.yaml\ndate: 2026-11-01\nreason: '<img src=x onerror=alert(1)>'\n", encoding="utf-8")
    html = pack(tmp_path, session, "html").read_text(encoding="utf-8")
    assert "<script>" not in html and "<img src=x" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "&lt;/script&gt;" in html
    import pypdf
    pdf = pack(tmp_path, session, "pdf").read_bytes()
    text = "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    assert "#set page(width: 1cm)" in text


def test_missing_family_is_a_located_error(tmp_path: Path) -> None:
    session = tmp_path / "s.session.yaml"
    session.write_text("session: 1\nfamily: nope.yaml\ndate: 2026-11-01\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["pack", str(session), "-o", str(tmp_path / "p.html")])
    assert result.exit_code == 2
    assert f"{session}:2:9:" in result.stderr
    assert not (tmp_path / "p.html").exists()


@needs_chromium
def test_html_pack_in_headless_chromium(tmp_path: Path) -> None:
    """Opens the pack in a real browser: no console errors, no network requests, prints to PDF."""
    page_file = pack(tmp_path, FIRST, "html")
    with browser_page() as seen:
        page = seen.page
        page.goto(page_file.as_uri())
        assert page.locator("svg").count() >= 2
        assert page.locator("h2", has_text="Hypotheses").is_visible()
        pdf = page.pdf(format="A4", print_background=True)
    assert seen.console == []
    assert seen.outside_requests == []
    assert pdf.startswith(b"%PDF")


def html_text(path: Path) -> str:
    return " ".join(" ".join(parse_html(path.read_text(encoding="utf-8")).text).split())


FULL_SESSION = """\
session: 2
family: carter.yaml
date: 2026-11-27
kind: case-supervision
policy: oxfordshire
nation: scotland
presenter: MARK-presenter
chair: MARK-chair
attendees: [MARK-attendee]
recorded_by: MARK-recorded-by
recorded_on: 2026-11-30
approved_by: MARK-approved-by
approved_on: 2026-12-02
frequency: six-weekly
reason: MARK-reason
plan: {type: cp, start: 2025-06-01, pre_proceedings: recommended, reviewed: 2026-11-01}
fgc: {status: declined, date: 2026-11-02, note: MARK-fgc-note}
child_seen: 2026-11-20
framework:
  social_graces:
    graces: [{grace: MARK-grace, reflection: MARK-grace-reflection}]
    reflections: MARK-sg-reflections
  signs_of_safety: {worries: [MARK-worry], working_well: [MARK-well], next_steps: [MARK-next-step], scale: 6, scale_note: MARK-scale-note}
child_view: {what_is_it_like: MARK-like, wants_to_change: MARK-change, view_of_plan: MARK-view, source: MARK-source}
capacity_to_change: MARK-capacity
tools_used: [graded-care-profile, {tool: pam, note: MARK-tool-note}, {other: MARK-other-tool}]
systemic_tools: [disintegration-grid, {other: MARK-other-systemic}]
goals:
  - {id: g1, goal: MARK-goal, whose: MARK-whose, scale: 3, target: 8, progress: MARK-progress}
hypotheses:
  - {id: h1, statement: MARK-hypothesis, status: supported, test: MARK-test, outcome: MARK-outcome}
alternative_views: [MARK-alternative]
team_contributions: [MARK-contribution]
actions:
  - {id: a1, who: MARK-who, what: MARK-what, by: 2026-11-01, status: dropped, reason: MARK-reason-not-done}
decisions:
  - {decision: MARK-decision, rationale: MARK-rationale, by: MARK-decided-by, significant: yes}
answers:
  other-agencies: MARK-answer-listed
  not-a-prompt: MARK-answer-unlisted
next_time:
  - MARK-next-case
  - {case: MARK-next-structured, ref: MARK-ref}
redact: no
"""


def test_no_field_of_a_session_file_is_dropped_from_the_pack(tmp_path: Path) -> None:
    shutil.copy(SAMPLES / "carter.yaml", tmp_path / "carter.yaml")
    session = tmp_path / "full.session.yaml"
    session.write_text(FULL_SESSION, encoding="utf-8")
    markers = sorted(set(re.findall(r"MARK-[a-z-]+", FULL_SESSION)))
    text = html_text(pack(tmp_path, session, "html"))
    assert [m for m in markers if m not in text] == []
    for shown in ("Child protection, since 2025-06-01", "pre-proceedings: recommended", "declined (2026-11-02)", "six-weekly", "graded care profile", "disintegration grid", "2026-11-20"):
        assert shown in text, shown
    # Friday 27 Nov 2026, significant, Scotland: St Andrew's Day on Monday, so due Tuesday 1 December.
    assert "2026-12-01 (next working day: significant decision; scotland bank holidays)" in text
    pypdf = pytest.importorskip("pypdf")
    pdf = pypdf.PdfReader(io.BytesIO(pack(tmp_path, session, "pdf").read_bytes()))
    pdf_text = " ".join(" ".join(p.extract_text() for p in pdf.pages).split())
    assert [m for m in markers if m not in pdf_text.replace("- ", "-")] == []


def test_prompt_table_shows_real_answers_never_see_above(tmp_path: Path) -> None:
    for session in (FIRST, FOLLOW_UP):
        text = html_text(pack(tmp_path, session, "html"))
        assert not re.search(r"See [a-z ]+ above", text)
    follow_up = html_text(pack(tmp_path, FOLLOW_UP, "html", "--no-redact"))
    # The plan prompt is answered by the open actions themselves, with owner and date.
    assert "Practice manager: Book a family group conference (by 2026-12-05)" in follow_up
    # Redacted (the group's pack), the same answer keeps the role and turns the date into an interval.
    assert "Practice manager: Action 4: not shared with the group (due in 2 weeks)" in html_text(pack(tmp_path, FOLLOW_UP, "html"))


def test_clear_genogram_is_not_answered_while_warnings_are_open(tmp_path: Path) -> None:
    text = html_text(pack(tmp_path, FIRST, "html"))
    row = text[text.index("Is there a full genogram") :]
    assert row.split("What hypothesis")[0].count("Not yet answered") == 1
    assert "unexplained warnings or errors are open" in row
    assert "the recorded answer was: Partly." in row  # the team's words are still shown


def test_answers_the_profile_does_not_list_are_shown(tmp_path: Path) -> None:
    shutil.copy(SAMPLES / "carter.yaml", tmp_path / "carter.yaml")
    session = tmp_path / "s.session.yaml"
    session.write_text("session: 2\nfamily: carter.yaml\ndate: 2026-11-18\npolicy: hull\nanswers:\n  tools: Graded care profile started in October\n", encoding="utf-8")
    text = html_text(pack(tmp_path, session, "html"))
    assert "Other answers (not prompts of this policy)" in text
    assert "tools Graded care profile started in October" in text


def test_today_drives_the_packs_overdue_marks(tmp_path: Path) -> None:
    on_the_day = pack(tmp_path, FIRST, "html").read_text(encoding="utf-8")
    later = pack(tmp_path, FIRST, "html", "--today", "2026-11-10").read_text(encoding="utf-8")
    assert on_the_day.count('class="overdue"') == 0
    # 28 Oct and 4 Nov actions are overdue at 10 November; the 30 Nov one is not.
    assert later.count('class="overdue"') == 2
    assert "Overdue judged at 2026-11-10" in html_text(tmp_path / "pack.html")


def test_group_pack_lists_next_cases_without_removal_noise(tmp_path: Path) -> None:
    text = html_text(pack(tmp_path, FOLLOW_UP, "html"))
    assert "[removed" not in text[text.index("Cases to bring next time") :]
    assert "This family (after the family group conference)" in text


@pytest.mark.parametrize("suffix", ["md", "txt"])
def test_case_note_fits_one_screen(tmp_path: Path, suffix: str) -> None:
    note = pack(tmp_path, FOLLOW_UP, suffix).read_text(encoding="utf-8")
    lines = note.splitlines()
    assert len(lines) <= 40 and max(len(line) for line in lines) <= 100
    assert ("**" in note) == (suffix == "md")
    flat = " ".join(note.split())
    assert "Group supervision, 2026-11-18" in flat
    assert "chair Systemic family practitioner" in flat and "Probation officer" in flat
    assert "Rationale: The maternal family is the main support and the child agrees." in flat
    assert "Practice manager: Book a family group conference, by 2026-12-05" in flat
    assert "Record on the child's file by: 2026-11-25 (5 working days" in flat
    assert "Jayden" in flat  # a note for the child's own record is not redacted unless asked
    # A plain-text note carries no generator mark, so replacing it takes --force.
    assert "Jayden" not in pack(tmp_path, FOLLOW_UP, suffix, "--redact", "--force").read_text(encoding="utf-8")


def test_pack_shows_the_session_rules_findings(tmp_path: Path) -> None:
    shutil.copy(SAMPLES / "carter.yaml", tmp_path / "carter.yaml")
    session = tmp_path / "s.session.yaml"
    session.write_text("session: 2\nfamily: carter.yaml\ndate: 2026-11-18\ndecisions:\n  - {decision: Close the case}\n", encoding="utf-8")
    text = html_text(pack(tmp_path, session, "html"))
    assert "SES101 the decision `Close the case` has no rationale" in text


def test_team_config_nation_moves_the_packs_record_by_date(tmp_path: Path) -> None:
    """Friday 27 Nov 2026 with a significant decision: Monday 30 in England, Tuesday 1 Dec in Scotland."""
    shutil.copy(SAMPLES / "carter.yaml", tmp_path / "carter.yaml")
    session = tmp_path / "s.session.yaml"
    session.write_text(
        "session: 2\nfamily: carter.yaml\ndate: 2026-11-27\ndecisions:\n  - {decision: Strategy meeting, rationale: New disclosure, significant: yes}\n", encoding="utf-8"
    )
    assert "2026-11-30 (next working day: significant decision; england-and-wales" in html_text(pack(tmp_path, session, "html"))
    (tmp_path / ".genogram.toml").write_text('nation = "scotland"\n', encoding="utf-8")
    assert "2026-12-01 (next working day: significant decision; scotland" in html_text(pack(tmp_path, session, "html"))


def test_a_redacted_pack_shows_no_free_text_of_a_v2_session_and_reports_each_field(tmp_path: Path) -> None:
    shutil.copy(SAMPLES / "carter.yaml", tmp_path / "carter.yaml")
    session = tmp_path / "full.session.yaml"
    session.write_text(FULL_SESSION.replace("redact: no", "redact: yes"), encoding="utf-8")
    report = tmp_path / "report.txt"
    text = html_text(pack(tmp_path, session, "html", "--redaction-report", str(report)))
    markers = sorted(set(re.findall(r"MARK-[a-z-]+", FULL_SESSION)) - {"MARK-ref"})
    assert [m for m in markers if m in text] == []
    assert "Case MARK-ref" in text  # a case reference is the one thing of next time a group may see
    # Structured fields stay: plan type, pre-proceedings, FGC status, frequency, vocabulary tools, scales.
    for shown in ("Child protection", "pre-proceedings: recommended", "declined", "six-weekly", "graded care profile", "disintegration grid", "another tool"):
        assert shown in text, shown
    # Their dates become intervals from the session.
    assert "2025-06-01" not in text and "2026-11-20" not in text and "2026-11-02" not in text
    assert "since 18 months before" in text
    said = report.read_text(encoding="utf-8")
    for path in ("recorded_by", "approved_by", "fgc.note", "capacity_to_change", "tools_used[1].note", "tools_used[2].other", "systemic_tools[1].other",
                 "goals[0].goal", "goals[0].whose", "goals[0].progress", "team_contributions[0]", "actions[0].reason", "next_time[0]", "next_time[1].case"):
        assert f": {path}: dropped" in said, path
    assert not [m for m in markers if m in said]


def test_a_redacted_case_note_goes_through_the_same_allow_list(tmp_path: Path) -> None:
    shutil.copy(SAMPLES / "carter.yaml", tmp_path / "carter.yaml")
    session = tmp_path / "full.session.yaml"
    session.write_text(FULL_SESSION, encoding="utf-8")
    markers = sorted(set(re.findall(r"MARK-[a-z-]+", FULL_SESSION)))
    plain = pack(tmp_path, session, "md").read_text(encoding="utf-8")
    assert "MARK-decision" in plain and "MARK-rationale" in plain  # the child's own record: not redacted unless asked
    note = pack(tmp_path, session, "md", "--redact", "--force").read_text(encoding="utf-8")
    assert [m for m in markers if m in note] == []
    assert "Not shared with the group" in note and "Record on the child's file by: 2026-12-01" in note
