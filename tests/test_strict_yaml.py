"""The strict YAML loader: text stays text, unsafe YAML is refused, and every refusal is located."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from genogram.errors import GenogramError
from genogram.io.strict_yaml import MAX_DEPTH, MAX_SCALAR, load_file, loads, read_text


def refusal(text: str) -> tuple[str, int, int, str]:
    """(code, line, column, message) of the single problem a text is refused for."""
    with pytest.raises(GenogramError) as info:
        loads(text, "family.yaml")
    (problem,) = info.value.problems
    assert problem.location.file == "family.yaml"
    return problem.code, problem.location.line, problem.location.column, problem.message


# every scalar is text -------------------------------------------------------
@pytest.mark.parametrize(
    "value",
    ["no", "No", "off", "on", "yes", "y", "true", "False", "012", "0o17", "0x1F", "1e3", "1_000", "3.0", ".inf",
     "-.nan", "null", "~", "2026-11-10", "2026-11-10T12:00:00Z", "12:30:00", "=", "<<"],
)
def test_every_scalar_stays_text(value: str) -> None:
    doc = loads(f"key: {value}\nlist: [{value}]\n")
    assert doc.data == {"key": value, "list": [value]}


def test_empty_plain_value_is_none_but_quoted_empty_is_text() -> None:
    assert loads("a:\nb: ''\nc: \"\"\n").data == {"a": None, "b": "", "c": ""}


def test_keys_are_text_too() -> None:
    assert loads("1: a\nno: b\n2026-01-01: c\n").data == {"1": "a", "no": "b", "2026-01-01": "c"}


def test_non_specific_tag_is_plain_text() -> None:
    assert loads("a: ! 12\n").data == {"a": "12"}


# locations -------------------------------------------------------------------------
def test_every_value_and_key_keeps_its_place() -> None:
    doc = loads("people:\n  - id: a\n    born: 1990\n  - {id: b, sex: male}\n", "f.yaml")
    assert str(doc.locate(("people", 0, "born"))) == "f.yaml:3:11"
    assert str(doc.locate(("people", 0, "born"), key=True)) == "f.yaml:3:5"
    assert str(doc.locate(("people", 1, "sex"))) == "f.yaml:4:18"
    assert str(doc.locate(("people", 1))) == "f.yaml:4:5"
    # A path that is not in the file falls back to its nearest parent.
    assert str(doc.locate(("people", 1, "died"))) == "f.yaml:4:5"


# refused YAML features ----------------------------------------------------------
def test_duplicate_key_is_refused_at_the_second_key() -> None:
    code, line, column, message = refusal("people:\n  - id: a\n    name: A\n    name: B\n")
    assert (code, line, column) == ("duplicate-key", 4, 5)
    assert "line 3" in message


def test_anchor_is_refused() -> None:
    assert refusal("a: &x 1\nb: 2\n")[:3] == ("anchor", 1, 4)


def test_alias_is_refused() -> None:
    assert refusal("a: 1\nb: *x\n")[:3] == ("alias", 2, 4)


def test_billion_laughs_is_refused_at_the_first_anchor_without_expanding() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i, name in enumerate("bcdefghi"):
        prev = "abcdefghi"[i]
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    code, line, column, _ = refusal("\n".join(lines) + "\n")
    assert (code, line, column) == ("anchor", 1, 4)


@pytest.mark.parametrize(
    ("text", "column"),
    [("a: !!str 12\n", 4), ("a: !custom x\n", 4), ("a: !!python/object/apply:os.system [ls]\n", 4), ("a: !!map {b: c}\n", 4)],
)
def test_tags_are_refused(text: str, column: int) -> None:
    assert refusal(text)[:3] == ("tag", 1, column)


def test_merge_key_is_refused_but_a_quoted_one_is_text() -> None:
    assert refusal("base: {a: 1}\nthing:\n  <<: {a: 1}\n  b: 2\n")[:3] == ("merge", 3, 3)
    assert loads('"<<": x\n').data == {"<<": "x"}


def test_non_text_keys_are_refused() -> None:
    assert refusal("? [a, b]\n: c\n")[0] == "key"
    assert refusal("? {a: b}\n: c\n")[0] == "key"


def test_nesting_is_bounded() -> None:
    assert loads("[" * MAX_DEPTH + "]" * MAX_DEPTH).data is not None
    assert refusal("[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1))[:3] == ("too-deep", 1, MAX_DEPTH + 1)
    code, line, _, _ = refusal("[" * 1000 + "]" * 1000)
    assert (code, line) == ("too-deep", 1)
    block = "".join("  " * i + "- \n" for i in range(200))
    assert refusal(block)[0] == "too-deep"


def test_long_scalars_are_bounded() -> None:
    assert len(loads("a: " + "x" * MAX_SCALAR + "\n").data["a"]) == MAX_SCALAR
    assert refusal("a: b\nc: " + "x" * (MAX_SCALAR + 1) + "\n")[:3] == ("too-long", 2, 4)


def test_more_than_one_document_is_refused() -> None:
    assert refusal("a: 1\n---\nb: 2\n")[:3] == ("documents", 2, 1)
    assert refusal("---\na: 1\n---\nb: 2\n")[:3] == ("documents", 3, 1)


def test_syntax_error_is_located() -> None:
    code, line, _, message = refusal("people:\n  - id: a\n   name: b\n")
    assert code == "syntax" and line == 3 and message.startswith("YAML syntax error")


@pytest.mark.parametrize(("text", "line", "column"), [("a: b\x00c\n", 1, 5), ("a: 1\nname: é\x01\n", 2, 8), ("x: \x07\n", 1, 4)])
def test_control_characters_such_as_nul_are_refused_in_place(text: str, line: int, column: int) -> None:
    code, got_line, got_column, message = refusal(text)
    assert (code, got_line, got_column) == ("syntax", line, column)
    assert "control characters" in message


# encodings and files ---------------------------------------------------------------
def write(tmp_path: Path, raw: bytes) -> Path:
    path = tmp_path / "family.yaml"
    path.write_bytes(raw)
    return path


def test_utf8_with_bom_is_accepted_and_lines_do_not_shift(tmp_path: Path) -> None:
    path = write(tmp_path, codecs.BOM_UTF8 + "title: Zoë\npeople:\n  - id: a\n".encode())
    doc = load_file(path, "family.yaml")
    assert doc.data == {"title": "Zoë", "people": [{"id": "a"}]}
    assert str(doc.locate(("people", 0, "id"))) == "family.yaml:3:9"


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_are_refused_with_a_located_message(tmp_path: Path, codec: str) -> None:
    path = write(tmp_path, "title: Carter\npeople:\n  - id: a\n".encode(codec))
    with pytest.raises(GenogramError) as info:
        read_text(path, "family.yaml")
    (problem,) = info.value.problems
    assert (problem.code, str(problem.location)) == ("encoding", "family.yaml:1:1")
    assert "UTF-16" in problem.message or "UTF-32" in problem.message
    assert "UTF-8" in problem.hint


def test_latin1_is_refused_at_the_first_bad_byte(tmp_path: Path) -> None:
    path = write(tmp_path, "title: Carter\npeople:\n  - name: José\n".encode("latin-1"))
    with pytest.raises(GenogramError) as info:
        read_text(path, "family.yaml")
    (problem,) = info.value.problems
    assert (problem.code, str(problem.location)) == ("encoding", "family.yaml:3:14")
    assert "Latin-1" in problem.message
    assert "José" not in problem.message


def test_files_over_the_size_limit_are_refused(tmp_path: Path) -> None:
    path = write(tmp_path, b"a: " + b"x" * 2000 + b"\n")
    with pytest.raises(GenogramError) as info:
        read_text(path, "family.yaml", max_bytes=1000)
    assert info.value.problems[0].code == "too-large"
    assert read_text(path, "family.yaml", max_bytes=5000).startswith("a: x")


def test_missing_file_and_folder(tmp_path: Path) -> None:
    for target, words in ((tmp_path / "nope.yaml", "not found"), (tmp_path, "folder")):
        with pytest.raises(GenogramError) as info:
            load_file(target)
        assert words in info.value.problems[0].message


# round trip property --------------------------------------------------------------
def _data(depth: int = 0) -> st.SearchStrategy[object]:
    text = st.text(max_size=30)
    if depth >= 5:
        return text
    inner = st.deferred(lambda: _data(depth + 1))
    return st.one_of(text, st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=15), inner, max_size=4))


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.dictionaries(st.text(max_size=15), _data(), max_size=5), flow=st.sampled_from([None, True, False]), unicode=st.booleans())
def test_anything_safe_dump_writes_comes_back_exactly(data: dict[str, object], flow: bool | None, unicode: bool) -> None:
    dumped = yaml.safe_dump(data, default_flow_style=flow, allow_unicode=unicode)
    assume(yaml.safe_load(dumped) == data)  # PyYAML's own round trip (its dumper has rare edge cases)
    assert loads(dumped).data == data
