"""The leak corpus (tests/leaks/): redacted outputs carry none of the planted details.

The corpus plants every kind of identifying detail (names that are everyday
words, nicknames, surname variants, dates in UK formats, postcodes,
addresses, phone and NHS numbers, emails, URLs, initials, ids that carry
places, a person named only in the previous session) in every free-text
field of a family, its previous version and two sessions. Each redacted
output is searched for all of them: HTML text and markup (with the embedded
genogram and ecomap), PDF text, PDF metadata and XMP, output file names,
the pack's lint findings, and `render`/`ecomap --redact`.
"""

from __future__ import annotations

import html
import io
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from genogram.cli.main import cli
from tests.leakcheck import LEAKS, leaks_in, planted, undated


def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "case"
    shutil.copytree(LEAKS, folder)
    return folder


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


def test_the_oracle_finds_every_kind_in_an_unredacted_pack(tmp_path: Path) -> None:
    """Without redaction the same pack holds details of every kind: the search below can fail."""
    folder = corpus(tmp_path)
    code, output = run("pack", str(folder / "session.yaml"), "--no-redact", "-o", str(tmp_path / "team.html"))
    assert code == 0, output
    found = {leak.split(":")[0] for leak in leaks_in(html.unescape((tmp_path / "team.html").read_text(encoding="utf-8")))}
    assert found == set(planted()) - {"places"} | ({"places"} & found)
    assert {"names", "dates", "postcodes", "addresses", "phones", "nhs_numbers", "emails", "urls", "initials", "ids"} <= found


def test_redacted_html_pack_leaks_nothing(tmp_path: Path) -> None:
    folder = corpus(tmp_path)
    code, output = run("pack", str(folder / "session.yaml"), "--redact", "--format", "html")
    assert code == 0, output
    written = sorted(p.name for p in folder.iterdir() if p.suffix == ".html")
    assert written == ["pack-2026-11-18-redacted.html"]
    assert leaks_in(" ".join(written)) == []
    page = html.unescape((folder / written[0]).read_text(encoding="utf-8"))
    assert page.count("<svg") >= 3  # the genogram, the ecomap and the timeline are inside and were searched too
    assert leaks_in(page) == []
    timeline = page[page.index('<section id="timeline">') :]
    assert undated(timeline[: timeline.index("</section>")]) == []
    assert "Checks before the discussion" in page and "GEN1" in page  # the lint findings are there, told by rule
    assert "Maternal cousin 1" in page and "Maternal cousin 3" in page  # distinct roles, never three identical labels
    assert "12-year-old boy placed with his maternal aunt" in page  # the group summary, checked, is shown
    assert "Contact with his younger sister steadies him." in page  # a shared text replaces the team's
    again = tmp_path / "again.html"
    code, output = run("pack", str(folder / "session.yaml"), "--redact", "-o", str(again))
    assert code == 0, output
    assert again.read_bytes() == (folder / written[0]).read_bytes()  # deterministic


def test_redacted_pdf_pack_leaks_nothing_in_text_metadata_or_xmp(tmp_path: Path) -> None:
    pypdf = pytest.importorskip("pypdf")
    folder = corpus(tmp_path)
    code, output = run("pack", str(folder / "session.yaml"))  # group supervision: redacted by default
    assert code == 0, output
    target = folder / "pack-2026-11-18-redacted.pdf"
    data = target.read_bytes()
    reader = pypdf.PdfReader(io.BytesIO(data))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Hypotheses" in text and "Maternal aunt" in text
    assert "The group asks whether sibling contact would steady him." in " ".join(text.split())  # the checked summary
    metadata = " ".join(str(v) for v in (reader.metadata or {}).values())
    assert "redacted" in metadata
    xmp = data[data.find(b"<x:xmpmeta") : data.find(b"</x:xmpmeta>")].decode("utf-8", "replace")
    assert leaks_in(text) == []
    assert leaks_in(metadata) == []
    assert leaks_in(xmp) == []


@pytest.mark.parametrize("command", ["render", "ecomap", "timeline"])
def test_redacted_diagrams_leak_nothing(tmp_path: Path, command: str) -> None:
    folder = corpus(tmp_path)
    code, output = run(command, str(folder / "family.yaml"), "--redact")
    assert code == 0, output
    written = [p for p in folder.iterdir() if p.suffix == ".svg"]
    assert len(written) == 1 and leaks_in(written[0].name) == []
    drawn = html.unescape(written[0].read_text(encoding="utf-8"))
    assert leaks_in(drawn) == []
    if command == "timeline":  # every date an interval or an age: no year, however written
        assert undated(drawn) == []


def test_redaction_report_lists_what_was_left_out_and_stays_out_of_the_pack(tmp_path: Path) -> None:
    folder = corpus(tmp_path)
    report = tmp_path / "report.txt"
    pack = tmp_path / "pack.html"
    code, output = run("pack", str(folder / "session.yaml"), "-o", str(pack), "--redaction-report", str(report))
    assert code == 0, output
    lines = report.read_text(encoding="utf-8").splitlines()
    assert f"{folder / 'family.yaml'}:14:14: people[0].address: dropped" in lines
    assert f"{folder / 'family.yaml'}:13:11: people[0].born: mapped -> age 12" in lines
    assert any(line.startswith(f"{folder / 'session.yaml'}:9:9: reason: dropped") and "shared: as reason" in line for line in lines)
    assert any(line.endswith("hypotheses[0].statement: mapped -> the shared text") for line in lines)
    assert any("previous.session.yaml" in line and "actions[1].who: dropped" in line for line in lines)
    assert "Redaction report" not in pack.read_text(encoding="utf-8")
    assert leaks_in("\n".join(line.split(": ", 1)[1] for line in lines[1:])) == []  # fields and places, never the values
    # The report is the author's: never the pack's own file.
    code, output = run("pack", str(folder / "session.yaml"), "-o", str(pack), "--redaction-report", str(pack))
    assert code == 2 and "never travel with the pack" in output
    before = (folder / "family.yaml").read_bytes()
    code, output = run("pack", str(folder / "session.yaml"), "-o", str(pack), "--redaction-report", str(folder / "family.yaml"), "--force")
    assert code == 2 and "is an input file" in output
    assert (folder / "family.yaml").read_bytes() == before


def test_every_planted_detail_in_shared_text_is_refused_where_it_is(tmp_path: Path) -> None:
    folder = corpus(tmp_path)
    planted_lines = [
        ("group_summary", "Bobby went to Auntie Zo's on 9 March 2026.", ["Bobby", "Auntie Zo", "9 March 2026"]),
        ("  reason", "Hope said so. The O'Briens' flat, 14 Elm Road, HU5 3QP.", ["Hope", "O'Briens", "14 Elm Road", "HU5 3QP"]),
        ("  child_view.what_is_it_like", "Zoe (not Zoë) and Mags and Kez.", ["Zoe", "Zoë", "Mags", "Kez"]),
        ("  hypotheses.1.statement", "Ring 07700 900123 or NHS 943 476 5919.", ["07700 900123", "943 476 5919"]),
        ("  hypotheses.1.test", "Mail obrien.family@example.com, see www.example.org.", ["obrien.family@example.com", "www.example.org."]),
        ("  actions.1.what", "R.O. met May, then Khan-Jones on 09/03/2014 at St Mary's.", ["R.O.", "May", "Khan-Jones", "09/03/2014"]),
        ("  alternative_views.1", "Lukasz, born 1988-11-02, Pemberton's ex.", ["Lukasz", "1988-11-02", "Pemberton's"]),
    ]
    session = (folder / "session.yaml").read_text(encoding="utf-8").split("group_summary:")[0]
    body = [f'group_summary: "{planted_lines[0][1]}"', "shared:"] + [f'{key}: "{text}"' for key, text, _ in planted_lines[1:]]
    (folder / "session.yaml").write_text(session + "\n".join(body) + "\n", encoding="utf-8")
    code, output = run("pack", str(folder / "session.yaml"), "-o", str(tmp_path / "p.html"))
    assert code == 2, output
    assert not (tmp_path / "p.html").exists()
    lines = (folder / "session.yaml").read_text(encoding="utf-8").splitlines()
    for _, text, details in planted_lines:
        number = next(n for n, line in enumerate(lines, start=1) if text in line)
        for detail in details:
            column = lines[number - 1].index(detail) + 1
            assert f"session.yaml:{number}:{column}: text written for the group holds" in output, detail
    for kind in ("a name", "a date", "a postcode", "an address", "a phone number", "an NHS number", "an email address", "a web address", "initials"):
        assert f"holds {kind}" in output, kind
    assert leaks_in(output) == []  # the refusal says where and what kind, never the detail itself


def test_everyday_words_that_are_names_pass_in_lower_case(tmp_path: Path) -> None:
    folder = corpus(tmp_path)
    session = (folder / "session.yaml").read_text(encoding="utf-8")
    session = session.replace("The group asks whether", "We hope the plan will hold; it may be that")
    (folder / "session.yaml").write_text(session, encoding="utf-8")
    code, output = run("pack", str(folder / "session.yaml"), "-o", str(tmp_path / "p.html"))
    assert code == 0, output
    assert "We hope the plan will hold; it may be that" in (tmp_path / "p.html").read_text(encoding="utf-8")  # never rewritten


def test_shared_key_that_names_no_field_is_refused(tmp_path: Path) -> None:
    folder = corpus(tmp_path)
    with (folder / "session.yaml").open("a", encoding="utf-8") as handle:
        handle.write("  hypotheses.9.statement: A hypothesis nobody wrote.\n")
    code, output = run("pack", str(folder / "session.yaml"), "-o", str(tmp_path / "p.html"))
    assert code == 2
    assert "names no free-text field" in output


def test_text_shared_in_the_previous_session_is_checked_too(tmp_path: Path) -> None:
    folder = corpus(tmp_path)
    previous = folder / "previous.session.yaml"
    previous.write_text(previous.read_text(encoding="utf-8") + "group_summary: Kez left in the autumn.\n", encoding="utf-8")
    code, output = run("pack", str(folder / "session.yaml"), "-o", str(tmp_path / "p.html"))
    assert code == 2
    line = len(previous.read_text(encoding="utf-8").splitlines())
    assert f"{previous}:{line}:16: text written for the group holds a name of someone in the family" in output
