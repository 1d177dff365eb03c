"""`genogram validate` on the contract, the samples and a corpus of broken files."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from genogram.cli.main import cli
from tests.conftest import CONTRACT, SAMPLES, sample_files

BROKEN = sorted((Path(__file__).parent / "broken").glob("*.yaml"))
EXPECT = re.compile(r"# expect: (\d+):(\d+) (.+)")


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def test_contract_file_validates(contract_file: Path) -> None:
    code, out, err = run("validate", str(contract_file))
    assert code == 0, out
    assert "valid" in err


def test_bundled_carter_is_the_contract_plus_schema_line() -> None:
    if not CONTRACT.exists():
        pytest.skip("../shared is not part of this checkout")
    bundled = (SAMPLES / "carter.yaml").read_text(encoding="utf-8").split("\n", 1)
    assert bundled[0].startswith("# yaml-language-server: $schema=")
    assert bundled[1] == CONTRACT.read_text(encoding="utf-8")


@pytest.mark.parametrize("path", sample_files(), ids=lambda p: p.name)
def test_every_sample_validates_and_names_its_schema(path: Path) -> None:
    assert path.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=../schemas/genogram.schema.json")
    code, out, _ = run("validate", str(path))
    assert code == 0, out


@pytest.mark.parametrize("path", BROKEN, ids=lambda p: p.stem)
def test_broken_file_gives_located_message(path: Path) -> None:
    raw = path.read_bytes()
    header = raw.decode("utf-16") if raw[:2] in (b"\xff\xfe", b"\xfe\xff") else raw.decode("utf-8", "replace")
    match = EXPECT.search(header)
    assert match, "each broken file states what it expects on its first line"
    line, column, words = match.groups()
    code, out, err = run("validate", str(path))
    assert code == 2
    assert "Traceback" not in out + err
    first = out.splitlines()[0]
    assert first.startswith(f"{path}:{line}:{column}: "), first
    assert words in out, out
    assert "hint:" in out


def test_all_problems_reported_not_just_the_first(tmp_path: Path) -> None:
    bad = tmp_path / "many.yaml"
    bad.write_text("people:\n  - id: a\n    sex: mail\n  - id: b\n    born: 2020-13\nunions:\n  - partners: [a, zz]\n", encoding="utf-8")
    code, out, _ = run("validate", str(bad))
    assert code == 2
    assert len([line for line in out.splitlines() if line.startswith(str(bad))]) == 2  # model errors first
    bad.write_text("people:\n  - id: a\nunions:\n  - partners: [a, zz]\n    children: [yy]\n", encoding="utf-8")
    code, out, _ = run("validate", str(bad))
    assert [line.split(": ")[0] for line in out.splitlines() if line.startswith(str(bad))] == [f"{bad}:4:19", f"{bad}:5:16"]


def test_messages_do_not_echo_sensitive_values(tmp_path: Path) -> None:
    bad = tmp_path / "secret.yaml"
    bad.write_text(
        "people:\n  - id: a\n    name: [Secretname Familyname]\n    born: Secretdate\n    sex: Secretsex\n    notes: {x: Secretnote}\n",
        encoding="utf-8",
    )
    code, out, err = run("validate", "--format", "json", str(bad))
    assert code == 2
    assert "Secret" not in out + err
    problems = json.loads(out)[0]["problems"]
    assert {p["line"] for p in problems} == {3, 4, 5, 6}


def test_json_format_and_missing_file(tmp_path: Path, contract_file: Path) -> None:
    code, out, _ = run("validate", "--format", "json", str(contract_file), str(tmp_path / "nope.yaml"))
    assert code == 2
    payload = json.loads(out)
    assert payload[0]["valid"] is True and payload[1]["valid"] is False
    assert payload[1]["problems"][0]["code"] == "not-found"


@pytest.mark.parametrize(
    "value",
    ["no", "on", "012", "1e3", "2026-11-10", "null", "~", "0x1F", ".inf"],
)
def test_yaml_scalars_never_change_meaning(tmp_path: Path, value: str) -> None:
    from genogram.io.family import loads_family

    loaded = loads_family(f"title: {value}\npeople:\n  - id: a\n    name: {value}\n")
    assert loaded.family.title == value
    assert loaded.family.people[0].name == value


def test_version_and_help() -> None:
    code, out, _ = run("--version")
    assert code == 0 and re.match(r"genogram \d+\.\d+\.\d+", out)
    code, out, _ = run("--help")
    assert code == 0 and "validate" in out
