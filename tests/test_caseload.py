"""`genogram caseload`: a team's cases, due, overdue and late, from real files through the real command."""

from __future__ import annotations

import csv
import datetime as dt
import importlib.util
import io
import json
from collections import defaultdict
from pathlib import Path
from types import ModuleType

import pytest
import yaml
from click.testing import CliRunner

from genogram.cli.main import cli
from tests.conftest import ROOT, browser_page, needs_chromium

TODAY = "2026-03-10"


def _team_generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_team", ROOT / "bench" / "team.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _family(folder: Path, case: str, name: str = "Amy Stone") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "family.yaml"
    path.write_text(f"genogram: 1\nindex: child\n{case}people:\n  - {{id: child, name: {name}, sex: female, born: 2015}}\n", encoding="utf-8")
    return path


def _session(folder: Path, held: str, body: str = "", previous: str | None = None) -> Path:
    path = folder / f"{held}.session.yaml"
    text = f"session: 2\nfamily: family.yaml\ndate: {held}\n" + (f"previous: {previous}\n" if previous else "") + body
    path.write_text(text, encoding="utf-8")
    return path


def _small_team(root: Path) -> Path:
    """Four cases whose figures are worked out by hand in the tests below."""
    root.mkdir(parents=True)
    (root / ".genogram.toml").write_text('policy = "islington"\n', encoding="utf-8")
    # A: monthly (Islington), last discussed 15 January: due by 28 February, 10 days overdue on 10 March.
    a = root / "ann" / "a"
    _family(a, "case: {id: C-A, worker: Ann Lee, opened: 2025-11-01}\n", "Amy Stone")
    _session(a, "2025-12-19", "recorded_on: 2025-12-31\n")  # 5 working days over Christmas end on 30 December: late
    _session(a, "2026-01-15", "recorded_on: 2026-01-16\nplan: {type: cp, start: 2025-02-01, pre_proceedings: recommended}\nfgc: {status: held, date: 2026-01-05}\nchild_seen: 2026-01-12\n"
        "hypotheses: [{id: h, statement: Moves unsettle her, outcome: Settled since the move}]\n", previous="2025-12-19.session.yaml")
    # B: fortnightly group (Tower Hamlets folder), discussed 2 March: due 16 March, within the week.
    (root / "youth").mkdir()
    (root / "youth" / ".genogram.toml").write_text('policy = "tower-hamlets"\n', encoding="utf-8")
    b = root / "youth" / "ben" / "b"
    _family(b, "case: {id: C-B, worker: Ben Ode}\n", "Bo Chan")
    _session(b, "2026-02-27", "decisions: [{decision: Move, significant: yes}]\nrecorded_on: 2026-03-03\n")  # Friday: due Monday 2 March: late
    _session(b, "2026-03-02", "actions: [{who: SW, what: Visit, by: 2026-03-05}]\n", previous="2026-02-27.session.yaml")  # no record by 9 March: missing; back without outcomes
    # C: closed.
    c = root / "ann" / "c"
    _family(c, "case: {id: C-C, worker: Ann Lee, status: closed, opened: 2025-01-01, closed: 2025-12-01}\n", "Cy Ross")
    _session(c, "2025-11-03")
    # D: opened 1 March, never discussed: first discussion due by 30 April.
    d = root / "ann" / "d"
    _family(d, "case: {id: C-D, worker: Ann Lee, opened: 2026-03-01}\n", "Di Park")
    return root


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["caseload", *args])
    return result.exit_code, result.stdout, result.stderr


def _json(*args: str) -> tuple[int, dict]:
    code, out, _ = _run(*args, "--format", "json")
    return code, json.loads(out)


def test_hand_worked_team(tmp_path: Path) -> None:
    team = _small_team(tmp_path / "team")
    code, data = _json(str(team), "--today", TODAY)
    assert code == 1  # something is overdue
    cases = {c["id"]: c for c in data["cases"]}
    assert [c["id"] for c in data["cases"]] == ["C-A", "C-B", "C-D", "C-C"]  # most overdue first, closed last
    a, b, c, d = cases["C-A"], cases["C-B"], cases["C-C"], cases["C-D"]
    assert (a["last_discussed"], a["next_due"], a["state"], a["overdue_days"]) == ("2026-01-15", "2026-02-28", "overdue", 10)
    assert (a["frequency"], a["frequency_from"], a["policy"]) == ("monthly", "policy", "islington")
    assert (a["records_late"], a["records_missing"], a["last_record"]) == (1, 0, "on-time")
    assert (a["plan_type"], a["cp_12_months"], a["cp_over_12_months"], a["pre_proceedings"]) == ("cp", "2026-02-01", True, "recommended")
    assert (a["fgc_status"], a["fgc_date"], a["child_seen"]) == ("held", "2026-01-05", "2026-01-12")
    assert (a["name"], a["worker"], a["latest_return_without_outcomes"]) == ("Amy Stone", "Ann Lee", False)
    assert (b["frequency"], b["next_due"], b["state"], b["overdue_days"]) == ("fortnightly", "2026-03-16", "due", 0)
    assert (b["records_late"], b["records_missing"], b["last_record"]) == (1, 1, "missing")
    assert b["actions_overdue"] == 1 and b["latest_return_without_outcomes"] is True
    assert (c["state"], c["next_due"]) == ("closed", None)
    assert (d["never_discussed"], d["next_due"], d["state"]) == (True, "2026-04-30", "ok")
    team_tally = data["team"]
    assert (team_tally["open"], team_tally["closed"], team_tally["overdue"], team_tally["due"], team_tally["late"], team_tally["never_discussed"], team_tally["without_outcomes"]) == (3, 1, 1, 1, 1, 1, 1)
    workers = {t["worker"]: t for t in data["workers"]}
    assert (workers["Ann Lee"]["open"], workers["Ann Lee"]["overdue"], workers["Ben Ode"]["due"]) == (2, 1, 1)


def test_nothing_overdue_exits_0_and_agreed_frequency_wins(tmp_path: Path) -> None:
    team = _small_team(tmp_path / "team")
    code, data = _json(str(team), "--today", "2026-02-20")
    assert code == 0
    a = next(x for x in data["cases"] if x["id"] == "C-A")
    assert a["state"] in ("ok", "due")
    # A frequency agreed in the latest session beats the policy's default.
    _session(team / "ann" / "a", "2026-02-10", "frequency: quarterly\nrecorded_on: 2026-02-11\n", previous="2026-01-15.session.yaml")
    _, data = _json(str(team), "--today", TODAY)
    a = next(x for x in data["cases"] if x["id"] == "C-A")
    assert (a["frequency"], a["frequency_from"], a["next_due"], a["state"]) == ("quarterly", "session", "2026-05-31", "ok")


def test_csv_and_table_carry_the_same_cases(tmp_path: Path) -> None:
    team = _small_team(tmp_path / "team")
    code, out, err = _run(str(team), "--today", TODAY, "--format", "csv")
    assert code == 1
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["id"] for r in rows] == ["C-A", "C-B", "C-D", "C-C"]
    assert rows[0]["overdue_days"] == "10" and rows[0]["cp_over_12_months"] == "yes"
    code, out, err = _run(str(team), "--today", TODAY)
    lines = out.splitlines()
    assert lines[0] == f"Caseload at {TODAY}"
    assert lines[3].startswith("Amy Stone (C-A)") and "10 days" in lines[3]
    assert "3 open cases: 1 overdue" in err


def test_redacted_output_has_no_names_or_paths(tmp_path: Path) -> None:
    team = _small_team(tmp_path / "team")
    for fmt in ("json", "csv", "table"):
        _, out, _ = _run(str(team), "--today", TODAY, "--format", fmt, "--redact")
        for secret in ("Amy Stone", "Bo Chan", "Ann Lee", "Ben Ode", "family.yaml", str(tmp_path)):
            assert secret not in out, (fmt, secret)
    _, data = _json(str(team), "--today", TODAY, "--redact")
    assert data["redacted"] is True
    assert {c["worker"] for c in data["cases"]} == {"Worker 01", "Worker 02"}
    assert [c["id"] for c in data["cases"]] == ["C-A", "C-B", "C-D", "C-C"]


def test_unreadable_files_are_located_and_the_rest_counted(tmp_path: Path) -> None:
    team = _small_team(tmp_path / "team")
    broken = team / "ann" / "a" / "2026-02-01.session.yaml"
    broken.write_text("session: 2\nfamily: family.yaml\ndate: [oops\n", encoding="utf-8")
    orphan = team / "ann" / "d" / "2026-03-05.session.yaml"
    orphan.write_text("session: 2\nfamily: nowhere.yaml\ndate: 2026-03-05\n", encoding="utf-8")
    bad_case = _family(team / "ann" / "e", "case: {id: C-E, status: maybe}\n")
    code, out, err = _run(str(team), "--today", TODAY, "--format", "json")
    assert code == 2
    assert f"{broken}:4:1: YAML syntax error" in err
    assert f"{orphan}:2:9: names a family file that does not exist" in err
    assert f"{bad_case}:3:25: `case.status` has a value that is not allowed" in err
    data = json.loads(out)
    assert {c["id"] for c in data["cases"]} == {"C-A", "C-B", "C-C", "C-D"}  # the rest is still counted
    assert len(data["unreadable"]) == 3


def test_bad_options_exit_2(tmp_path: Path) -> None:
    team = _small_team(tmp_path / "team")
    assert _run(str(team), "--today", "10/03/2026")[0] == 2
    assert _run(str(tmp_path / "missing"), "--today", TODAY)[0] == 2
    code, _, err = _run(str(team), "-o", str(tmp_path / "out.txt"))
    assert code == 2 and "out.txt" in err
    (team / ".genogram.toml").write_text('policy = "islington"\n[caseload]\nfrequency = "daily"\n', encoding="utf-8")
    code, _, err = _run(str(team), "--today", TODAY)
    assert code == 2 and err.count(f"{team / '.genogram.toml'}: has a `frequency` that is not one of the known values") == 1


def test_lint_and_validate_accept_a_team_folder_with_case_blocks(tmp_path: Path) -> None:
    """The `case:` block is part of the family format: lint reads every family and session file of the team."""
    team = _small_team(tmp_path / "team")
    result = CliRunner().invoke(cli, ["lint", str(team), "--format", "json"])
    assert result.exit_code == 1, result.output  # findings (no school recorded), nothing unreadable
    report = json.loads(result.stdout)
    assert report["summary"]["files"] == 9 and report["summary"]["unreadable"] == 0  # 4 families, 5 sessions
    assert CliRunner().invoke(cli, ["validate", str(team / "ann" / "a" / "family.yaml")]).exit_code == 0


# -- the generated team, recomputed independently ---------------------------------------------


def _end_of_month(year: int, month: int) -> dt.date:
    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    following = dt.date(year + (month == 12), month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def _expected_due(last: dt.date, frequency: str) -> dt.date:
    """Independent reading of the cadences: calendar months for monthly and quarterly, days otherwise."""
    days = {"weekly": 7, "fortnightly": 14, "six-weekly": 42}
    if frequency in days:
        return last + dt.timedelta(days=days[frequency])
    months = {"monthly": 1, "quarterly": 3}[frequency]
    return _end_of_month(last.year, last.month + months)


def _expected_record_by(held: dt.date, significant: bool) -> dt.date:
    import holidays

    bank = holidays.country_holidays("GB", subdiv="ENG", years=range(held.year, held.year + 2))
    left, day = (1 if significant else 5), held
    while left:
        day += dt.timedelta(days=1)
        if day.weekday() < 5 and day not in bank:
            left -= 1
    return day


def _expected(team: Path, today: dt.date) -> dict[str, dict[str, object]]:
    """Each case's figures worked out from the raw YAML, without the tool's code."""
    sessions: dict[Path, list[dict]] = defaultdict(list)
    families: dict[Path, dict] = {}
    for path in team.rglob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if "family" in data:
            sessions[(path.parent / data["family"]).resolve()].append(data)
        else:
            families[path.resolve()] = data
    expected = {}
    for path, family in families.items():
        case = family["case"]
        held = sorted((s for s in sessions[path] if s["date"] <= today), key=lambda s: s["date"])
        policy_default = "fortnightly" if "youth-justice" in path.parts else "monthly"
        frequency = next((s["frequency"] for s in reversed(held) if "frequency" in s), policy_default)
        figures: dict[str, object] = {"status": case["status"], "discussions": len(held)}
        if case["status"] == "open":
            start = held[-1]["date"] if held else case["opened"]
            due = _expected_due(start, frequency)
            figures.update(next_due=due.isoformat(), overdue_days=max(0, (today - due).days), frequency=frequency)
        late = missing = 0
        for s in held:
            significant = any(d.get("significant") is True for d in s.get("decisions", []))
            by = _expected_record_by(s["date"], significant)
            if "recorded_on" in s:
                late += s["recorded_on"] > by
            elif s["session"] == 2 and today > by:
                missing += 1
        figures.update(records_late=late, records_missing=missing)
        expected[case["id"]] = figures
    return expected


@pytest.fixture(scope="module")
def generated_team(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("generated") / "team"
    _team_generator().generate_team(folder, workers=4, cases=30, seed=3)
    return folder


def test_generated_team_figures_match_an_independent_recount(generated_team: Path) -> None:
    today = dt.date(2026, 11, 30)
    code, data = _json(str(generated_team), "--today", today.isoformat())
    assert code in (0, 1) and data["unreadable"] == []
    expected = _expected(generated_team, today)
    got = {c["id"]: c for c in data["cases"]}
    assert set(got) == set(expected) and len(got) == 30
    for case_id, figures in expected.items():
        for key, value in figures.items():
            assert got[case_id][key] == value, (case_id, key)
    overdue = sum(1 for f in expected.values() if f["status"] == "open" and f["overdue_days"])
    assert data["team"]["overdue"] == overdue
    assert code == (1 if overdue else 0)
    assert sum(int(str(f["records_missing"])) for f in expected.values() if f["status"] == "open") == data["team"]["records_missing"]


def test_generated_team_is_realistic_and_repeatable(generated_team: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    _team_generator().generate_team(again, workers=4, cases=30, seed=3)
    files = sorted(p.relative_to(generated_team) for p in generated_team.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(again) for p in again.rglob("*") if p.is_file())
    assert all((generated_team / f).read_bytes() == (again / f).read_bytes() for f in files)
    _, data = _json(str(generated_team), "--today", "2026-11-30")
    cases = data["cases"]
    assert {c["status"] for c in cases} == {"open", "closed"}
    assert sum(c["records_late"] for c in cases) > 0 and sum(c["records_missing"] for c in cases) > 0
    assert sum(c["records_unknown"] for c in cases) > 0  # older sessions in format 1
    assert {c["frequency"] for c in cases} >= {"monthly", "fortnightly"}


def test_one_process_and_a_pool_give_the_same_bytes(generated_team: Path) -> None:
    one = _run(str(generated_team), "--today", "2026-11-30", "--format", "json", "-j", "1")[1]
    pool = _run(str(generated_team), "--today", "2026-11-30", "--format", "json", "-j", "2")[1]
    assert one == pool


# -- the HTML page ------------------------------------------------------------------------------


def _page(tmp_path: Path, *extra: str) -> tuple[Path, str]:
    team = _small_team(tmp_path / "team")
    (team / "ann" / "a" / "2026-01-15.html").write_text("<!DOCTYPE html><title>pack</title>", encoding="utf-8")
    out = tmp_path / "caseload.html"
    code, _, err = _run(str(team), "--today", TODAY, "-o", str(out), *extra)
    assert code == 1, err
    return out, out.read_text(encoding="utf-8")


def test_html_page_is_self_contained_with_a_strict_csp(tmp_path: Path) -> None:
    import base64
    import hashlib
    import re

    _, html = _page(tmp_path)
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html)
    assert csp is not None
    policy = csp.group(1)
    assert "unsafe-inline" not in policy and "default-src 'none'" in policy
    script = re.search(r"<script>(.*?)</script>", html, re.S)
    assert script is not None and html.count("<script") == 1
    digest = base64.b64encode(hashlib.sha256(script.group(1).encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in policy
    assert not re.search(r'(src|href)="(https?:)?//', html) and " style=" not in html and " on" + "click=" not in html
    assert 'href="team/ann/a/2026-01-15.html"' in html  # the latest pack beside the session
    assert "Amy Stone" in html and "<svg" in html


def test_html_page_redacted(tmp_path: Path) -> None:
    _, html = _page(tmp_path, "--redact")
    for secret in ("Amy Stone", "Ann Lee", "2026-01-15.html", "team/ann"):
        assert secret not in html


@needs_chromium
def test_html_page_in_headless_chromium(tmp_path: Path) -> None:
    """A real browser: no console errors, no requests, sorting and filtering work, and it prints."""
    page_file, _ = _page(tmp_path)
    with browser_page() as seen:
        page = seen.page
        page.goto(page_file.as_uri())

        def order() -> list[str]:
            return page.eval_on_selector_all("#cases tbody tr:not([hidden])", "rows => rows.map(r => r.dataset.case)")

        assert page.locator("#controls").is_visible()  # the script ran under the CSP
        assert order() == ["C-A", "C-B", "C-D", "C-C"]
        page.click("th button[data-key=due]")
        assert order() == ["C-A", "C-B", "C-D", "C-C"][:3] + ["C-C"]  # 28 Feb, 16 Mar, 30 Apr, closed (no date) last
        page.click("th button[data-key=due]")
        assert order()[0] == "C-D" and order()[-1] == "C-C"
        page.click("th button[data-key=case]")
        assert order() == ["C-A", "C-B", "C-C", "C-D"]
        page.select_option("select[data-filter=worker]", "Ann Lee")
        assert order() == ["C-A", "C-C", "C-D"]
        page.select_option("select[data-filter=state]", "overdue")
        assert order() == ["C-A"] and page.text_content("#shown") == "1"
        page.select_option("select[data-filter=worker]", "")
        page.select_option("select[data-filter=state]", "")
        page.select_option("select[data-filter=plan]", "cp")
        assert order() == ["C-A"]
        pdf = page.pdf(format="A4", landscape=True, print_background=True)
    assert seen.console == []
    assert seen.outside_requests == []
    assert pdf.startswith(b"%PDF")
    pypdf = pytest.importorskip("pypdf")
    text = "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    assert "Discussions per month" in text and "Amy" in text, text


def test_a_policy_named_in_a_session_wins_and_lints_the_family_under_it(tmp_path: Path) -> None:
    team = _small_team(tmp_path / "team")
    d = team / "ann" / "d"
    _session(d, "2026-03-05", "policy: tower-hamlets\nrecorded_on: 2026-03-05\n")
    _, data = _json(str(team), "--today", TODAY)
    case = next(c for c in data["cases"] if c["id"] == "C-D")
    assert (case["policy"], case["frequency"], case["frequency_from"], case["next_due"]) == ("tower-hamlets", "fortnightly", "policy", "2026-03-19")
    for policy in ("tower-hamlets", "islington"):
        lint = json.loads(CliRunner().invoke(cli, ["lint", str(d / "family.yaml"), "--policy", policy, "--format", "json"]).stdout)
        errors = sum(1 for f in lint["findings"] if f["severity"] == "error" and not f["explained"])
        warnings = sum(1 for f in lint["findings"] if f["severity"] == "warning" and not f["explained"])
        if policy == "tower-hamlets":
            assert (case["lint_errors"], case["lint_warnings"]) == (errors, warnings)
        else:  # the folder's own policy grades the same file differently, so the re-lint mattered
            assert (case["lint_errors"], case["lint_warnings"]) != (errors, warnings)


def test_two_family_files_with_one_case_id_are_reported(tmp_path: Path) -> None:
    team = _small_team(tmp_path / "team")
    twin = _family(team / "ann" / "twin", "case: {id: C-A, worker: Ann Lee}\n", "Al Twin")
    code, out, err = _run(str(team), "--today", TODAY, "--format", "json")
    assert code == 2
    assert f"{twin}: has the same `case: id:` as {team / 'ann' / 'a' / 'family.yaml'}" in err
    assert len(json.loads(out)["cases"]) == 5  # both still counted, and listed


def test_hostile_names_reach_no_output_raw(tmp_path: Path) -> None:
    """Control and bidi characters never reach the terminal; markup is escaped; a spreadsheet formula is defused."""
    from tests.test_corpus import forbidden_in

    team = _small_team(tmp_path / "team")
    _family(team / "ann" / "x", "case: {id: C-X, worker: '=HYPERLINK(\"http://x\")'}\n", '"Eve\\u202e\\u001b[31m <script>alert(1)</script>"')
    code, out, err = _run(str(team), "--today", TODAY)
    assert code == 1 and not forbidden_in(out) and not forbidden_in(err)
    assert "Eve [31m <script>alert(1)</script…" in out  # the escape character gone, the cell cut at its width
    _, out, _ = _run(str(team), "--today", TODAY, "--format", "csv")
    row = next(r for r in csv.DictReader(io.StringIO(out)) if r["id"] == "C-X")
    assert row["worker"].startswith("'=")
    out_file = tmp_path / "page.html"
    _run(str(team), "--today", TODAY, "-o", str(out_file))
    html = out_file.read_text(encoding="utf-8")
    assert html.count("<script") == 1 and "&lt;script&gt;alert(1)&lt;/script&gt;" in html and not forbidden_in(html)


def test_the_team_nation_decides_the_record_by_day(tmp_path: Path) -> None:
    """Held Monday 23 November 2026: 5 working days end on 30 November in England, 1 December in Scotland (St Andrew's Day)."""
    team = tmp_path / "team"
    folder = team / "c"
    _family(folder, "case: {id: C-S, opened: 2026-11-01}\n")
    _session(folder, "2026-11-23", "recorded_on: 2026-12-01\n")
    for nation, state in (("england-and-wales", "late"), ("scotland", "on-time")):
        (team / ".genogram.toml").write_text(f'policy = "islington"\nnation = "{nation}"\n', encoding="utf-8")
        _, data = _json(str(team), "--today", "2026-12-10")
        assert data["cases"][0]["last_record"] == state, nation


def test_overlapping_folders_count_each_file_once(tmp_path: Path) -> None:
    team = _small_team(tmp_path / "team")
    _, once = _json(str(team), "--today", TODAY)
    _, twice = _json(str(team), str(team / "ann"), str(team / "ann" / "a" / "family.yaml"), "--today", TODAY)
    assert twice["cases"] == once["cases"] and twice["team"] == once["team"]
