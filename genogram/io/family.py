"""Load a family file: strict YAML, then the typed model, then cross-references.

Every problem comes back located (file:line:column) with a hint, and all
problems are reported together so a practitioner can fix a file in one pass.
Messages name fields and expected forms, never the values typed, because
family files are sensitive.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from genogram.errors import GenogramError, Location, Problem
from genogram.io.strict_yaml import Document, load_file, loads, printable

if TYPE_CHECKING:
    from pydantic import BaseModel, ValidationError

    from genogram.model import Family


@dataclass(frozen=True, slots=True)
class LoadedFamily:
    """A validated family and the document it came from (for locating findings)."""

    family: Family
    document: Document

    @property
    def file(self) -> str:
        return self.document.file

    def locate(self, *path: object, key: bool = False) -> Location:
        return self.document.locate(path, key=key)


def load_family(path: str | Path, display: str | None = None, check: bool = True) -> LoadedFamily:
    """Read, type and cross-check a family file; raises :class:`GenogramError` with every problem."""
    return family_from_document(load_file(path, display), check=check)


def loads_family(text: str, name: str = "<string>", check: bool = True) -> LoadedFamily:
    return family_from_document(loads(text, name), check=check)


def family_from_document(document: Document, check: bool = True) -> LoadedFamily:
    from pydantic import ValidationError

    from genogram.model import Family

    data = document.data
    if data is None:
        raise GenogramError.single(
            Location(document.file, 1, 1),
            "is empty",
            "start from a sample: genogram init, or copy one from samples/",
            code="empty",
        )
    if not isinstance(data, dict):
        raise GenogramError.single(
            document.locate(()),
            "is not a family file: the top level must be fields such as title:, people:, unions:",
            "start the file with `genogram: 1` and a `people:` list",
            code="shape",
        )
    try:
        family = Family.model_validate(data)
    except ValidationError as exc:
        raise GenogramError(located_problems(exc, document, Family)) from None
    loaded = LoadedFamily(family, document)
    if check:
        from genogram.integrity import check_integrity

        problems = check_integrity(loaded)
        if problems:
            raise GenogramError(problems)
    return loaded


def located_problems(exc: ValidationError, document: Document, root: type[BaseModel]) -> list[Problem]:
    """Turn pydantic errors into located, value-free messages (one per place)."""
    problems: list[Problem] = []
    seen: set[tuple[object, ...]] = set()
    for error in exc.errors(include_input=False, include_url=False):
        path = _data_path(document.data, error["loc"])
        kind = error["type"]
        is_key = kind in ("extra_forbidden",) or error["loc"][-1:] == ("[key]",)  # a bad key of a free-form mapping
        dedupe = (path, kind if is_key else "")
        if dedupe in seen:
            continue
        seen.add(dedupe)
        location = document.locate(path, key=is_key)
        message, hint = _describe(error, path, document.data, root)
        problems.append(Problem(location, message, hint, code=kind))
    problems.sort(key=lambda p: (p.location.line, p.location.column))
    return problems


def _data_path(data: Any, loc: tuple[Any, ...]) -> tuple[object, ...]:
    """Follow pydantic's error location through the data, skipping union-member tags."""
    path: list[object] = []
    node = data
    for part in loc:
        if isinstance(node, dict) and isinstance(part, str) and part in node:
            path.append(part)
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            path.append(part)
            node = node[part]
        elif isinstance(node, dict) and isinstance(part, str):
            # A missing or unknown key: keep the name for the message, stop walking.
            path.append(part)
            node = None
        # else: a tag such as 'str' or 'function-before[...]': skip it
    return tuple(path)


def _field_name(path: tuple[object, ...]) -> str:
    names = [printable(p) for p in path if isinstance(p, str)]
    return names[-1] if names else "file"


def _where(path: tuple[object, ...]) -> str:
    """A readable description such as `people[3].born` (list items count from 1)."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part + 1}]"
        else:
            text += f".{printable(str(part))}" if text else printable(str(part))
    return text or "the file"


def _allowed_fields(root: type[BaseModel], path: tuple[object, ...]) -> list[str]:
    """Field names (with aliases) allowed at the mapping that holds ``path[-1]``."""
    model: Any = root
    for part in path[:-1]:
        if isinstance(part, int):
            continue
        field = model.model_fields.get(part) or next(
            (f for f in model.model_fields.values() if f.alias == part), None
        )
        if field is None:
            return []
        model = _inner_model(field.annotation)
        if model is None:
            return []
    return [f.alias or name for name, f in model.model_fields.items()]


def _inner_model(annotation: Any) -> Any:
    from typing import get_args

    from pydantic import BaseModel

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _describe(error: Any, path: tuple[object, ...], data: Any, root: type[BaseModel]) -> tuple[str, str]:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    where = _where(path)
    name = _field_name(path)
    if kind == "extra_forbidden":
        allowed = _allowed_fields(root, path)
        typed = str(path[-1]) if path else name
        import difflib  # only when a file has a misspelt field: start-up stays lean

        close = difflib.get_close_matches(typed, allowed, n=1, cutoff=0.6)
        hint = f"did you mean `{close[0]}`?" if close else "allowed fields here: " + ", ".join(allowed)
        return f"`{name}` is not a field of the family format ({where})", hint
    if kind == "missing":
        return f"`{name}` is required but missing ({where})", f"add `{name}:` here"
    if _is_blank(data, path):  # `id:` or `-` with nothing after it: say so, not "must be text"
        return f"`{where}` is empty", "write a value after the colon or dash, or remove the line"
    if name == "genogram" and len(path) == 1:
        return "`genogram` names a format version this tool does not read", "write `genogram: 1`"
    if kind in ("enum", "literal_error"):
        expected = str(ctx.get("expected", "")).replace("'", "")
        return f"`{where}` has a value that is not allowed", f"use one of: {expected}"
    if kind == "string_pattern_mismatch":
        if name in ("conditions", "system"):
            return f"`{where}` is not in the expected form", "use a lowercase word with '-' between parts (e.g. mental-health)"
        if name in ("id", "index", "about", "with", "partners", "members", "between", "from", "to", "twin") or (
            len(path) >= 2 and isinstance(path[-1], int)
        ):
            return (
                f"`{where}` is not a valid id",
                "ids use letters, digits, '-', '_' or '.', with no spaces (e.g. jayden-father)",
            )
        return f"`{where}` is not in the expected form", "check the samples for the expected form"
    if kind in ("string_too_long", "too_long"):
        limit = ctx.get("max_length")
        return f"`{where}` is too long", f"keep it to at most {limit}" if limit else "shorten it"
    if kind == "too_short":
        limit = ctx.get("min_length")
        return f"`{where}` has too few entries", f"give at least {limit}"
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return f"`{where}` must be a whole number", "write digits only, e.g. 7"
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        return f"`{where}` is out of range", "check the number"
    if kind in ("list_type",):
        return f"`{where}` must be a list", f"write it as [a, b] or as lines starting with '- ' under `{name}:`"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return f"`{where}` must be a set of fields (key: value lines)", "indent the fields under this entry"
    if kind in ("string_type",):
        return f"`{where}` must be text, not a list or a set of fields", "write a single value after the colon"
    if kind == "value_error":
        reason = str(ctx.get("error", error.get("msg", "is not valid")))
        return f"`{where}` {reason}", _value_hint(name, reason)
    if kind in ("bool_parsing", "bool_type"):
        return f"`{where}` must be true or false", "write true or false"
    return f"`{where}` is not valid", error.get("msg", "check this value against the samples")


def _is_blank(data: Any, path: tuple[object, ...]) -> bool:
    """True when ``path`` is written in the file with nothing after it."""
    node = data
    for part in path:
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
        else:
            return False
    return bool(path) and node is None


def _value_hint(name: str, reason: str) -> str:
    from genogram.dates import FORMAT_HINT

    if name == "died":
        return "write the date of death (YYYY, YYYY-MM or YYYY-MM-DD), or `true` when the date is unknown"
    if "date" in reason or "year" in reason or "month" in reason or "day" in reason:
        return FORMAT_HINT
    return "see the samples for the expected form"
