"""The one strict YAML loader every command uses.

YAML as typed by hand has traps: ``no`` becomes false, ``012`` an octal number,
``2026-11-10`` a date object, a repeated key silently wins, and anchors can
expand into gigabytes. This loader reads the event stream of libyaml (when
available) and builds plain dicts, lists and strings itself, so:

* every scalar stays text, and the model decides what it means;
* duplicate keys, anchors, aliases, tags and merge keys are refused;
* nesting depth, file size and scalar length are bounded;
* every value keeps the line and column it came from, for located messages.
"""

from __future__ import annotations

import codecs
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from genogram.errors import GenogramError, Location

MAX_BYTES = 20 * 1024 * 1024
MAX_DEPTH = 24
MAX_SCALAR = 64 * 1024

#: Where each value of one container came from: for a mapping, (value marks,
#: key marks) by key; for a list, (value marks by index, None).
Marks = tuple[Any, Any]


@dataclass(slots=True)
class Document:
    """Loaded YAML: plain data, plus where each value and key came from.

    Marks are kept per container (keyed by the container's ``id``, as the
    data holds every container for the document's life) rather than per
    path: building a path tuple for each of tens of thousands of values
    would cost more than the parse.
    """

    file: str
    data: Any
    marks: dict[int, Marks] = field(default_factory=dict)
    root_mark: tuple[int, int] = (1, 1)

    def locate(self, path: Iterable[object], key: bool = False) -> Location:
        """Location of the value at ``path`` (or its key), else of its nearest parent."""
        parts = tuple(path)
        mark = self.root_mark
        node = self.data
        last = len(parts) - 1
        for n, part in enumerate(parts):
            entry = self.marks.get(id(node)) if isinstance(node, (dict, list)) else None
            if entry is None:
                break
            values, keys = entry
            if isinstance(node, dict):
                if not isinstance(part, str) or part not in values:
                    break
                if key and n == last:
                    mark = keys[part]
                    break
            elif not isinstance(part, int) or not 0 <= part < len(values):
                break
            mark = values[part]
            node = node[part]
        return Location(self.file, mark[0], mark[1])


def read_text(path: Path, display: str | None = None, max_bytes: int = MAX_BYTES) -> str:
    """Read a file as UTF-8 text (BOM allowed), refusing other encodings with a clear message."""
    name = display or str(path)
    try:
        # Opened non-blocking, then blocking again: a FIFO with no writer reads as empty
        # instead of hanging, while a pipe that has one (`<(gpg -d f.yaml.gpg)`) still works.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        os.set_blocking(fd, True)
        with os.fdopen(fd, "rb") as handle:
            raw = _read_bounded(handle, fd, max_bytes)
    except FileNotFoundError:
        raise GenogramError.single(Location(name), "file not found", "check the path and the file name") from None
    except IsADirectoryError:
        raise GenogramError.single(Location(name), "is a folder, not a file", "name a .yaml file") from None
    except OSError as exc:
        raise GenogramError.single(Location(name), f"cannot be read ({exc.strerror})", "check the file's permissions") from None
    if len(raw) > max_bytes:
        # Point at where the limit is passed, so even this message is file:line:col.
        line = raw.count(b"\n", 0, max_bytes) + 1
        start = raw.rfind(b"\n", 0, max_bytes) + 1
        column = len(raw[start:max_bytes].decode("utf-8", "ignore")) + 1
        raise GenogramError.single(
            Location(name, line, column),
            f"is larger than {max_bytes // (1024 * 1024)} MB, far more than any family file needs",
            "check this is the right file; split very large records",
            code="too-large",
        )
    return decode(raw, name)


def _read_bounded(handle: Any, fd: int, max_bytes: int) -> bytes:
    """At most ``max_bytes + 1`` bytes (one more tells a file over the limit).

    A regular file is read at its size: asking for the whole limit each time
    makes Python allocate (and give back) 20 MB per file, which was two
    thirds of the reading time of ten thousand small files. A pipe, or a
    file still growing, is read on up to the limit.
    """
    import stat

    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode) or info.st_size > max_bytes:
        return bytes(handle.read(max_bytes + 1))
    raw = handle.read(info.st_size + 1)
    if len(raw) > info.st_size:  # it grew since: read on, still bounded
        raw += handle.read(max_bytes + 1 - len(raw))
    return bytes(raw)


def decode(raw: bytes, name: str) -> str:
    """Decode bytes as UTF-8, naming the encoding problem and where it is."""
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8):]
    elif raw.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        raise _encoding_error(name, "UTF-32")
    elif raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise _encoding_error(name, "UTF-16")
    head = raw[:200]
    if head and head.count(0) * 4 >= len(head):
        raise _encoding_error(name, "UTF-16 or binary data")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        raise GenogramError.single(
            Location(name, line, column),
            f"is not UTF-8 text (byte 0x{raw[exc.start]:02X} here is not valid UTF-8; the file may be Latin-1 or Windows-1252)",
            "save the file as UTF-8 (most editors: Save As, Encoding: UTF-8)",
            code="encoding",
        ) from None


def _encoding_error(name: str, found: str) -> GenogramError:
    return GenogramError.single(
        Location(name, 1, 1),
        f"is saved as {found}, not UTF-8",
        "save the file as UTF-8 (most editors: Save As, Encoding: UTF-8)",
        code="encoding",
    )


def load_file(path: str | Path, display: str | None = None) -> Document:
    """Read and parse one YAML file strictly."""
    path = Path(path)
    name = display or str(path)
    return loads(read_text(path, name), name)


def loads(text: str, name: str = "<string>") -> Document:
    """Parse YAML text strictly into a :class:`Document`."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", None) or yaml.SafeLoader
    try:
        return _parse(text, name, loader)
    except GenogramError as exc:
        # libyaml 0.2.6 and later stop at their own nesting limit (1000) while
        # scanning ahead, before our builder sees the level that breaks ours;
        # the pure-Python parser has no such limit, so our own check and its
        # location decide, whatever libyaml release is installed.
        if loader is yaml.SafeLoader or not any(p.code == "syntax" and "depth" in p.message for p in exc.problems):
            raise
    return _parse(text, name, yaml.SafeLoader)


def _parse(text: str, name: str, loader: Any) -> Document:
    import yaml

    builder = _Builder(name)
    parser = loader(text)
    try:
        builder.build(parser.get_event)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        problem = (exc.problem or "is not valid YAML").strip()
        raise GenogramError.single(
            Location(name, line, col),
            f"YAML syntax error: {problem}",
            "check indentation, colons after keys and matching quotes near this place",
            code="syntax",
        ) from None
    except yaml.reader.ReaderError as exc:  # a control character such as NUL: say where it is
        line, col = _offset_to_line_col(text, exc.position, in_bytes=loader is not yaml.SafeLoader)
        reason = f"{exc.reason} (character #x{exc.character:04X})" if isinstance(exc.character, int) else exc.reason
        raise GenogramError.single(
            Location(name, line, col),
            f"YAML error: {reason}",
            "remove control characters and save the file as plain UTF-8 text",
            code="syntax",
        ) from None
    except yaml.YAMLError as exc:
        raise GenogramError.single(
            Location(name, 1, 1),
            f"YAML error: {str(exc).splitlines()[0] if str(exc) else 'unreadable'}",
            "remove control characters and save the file as plain UTF-8 text",
            code="syntax",
        ) from None
    except RecursionError:
        raise GenogramError.single(Location(name, 1, 1), "is nested too deeply", "flatten the structure", code="too-deep") from None
    finally:
        parser.dispose()
    return builder.document()


def printable(text: str, limit: int = 40) -> str:
    """A key as a message may show it: one line, escapes for control, bidi and zero-width characters.

    Keys are the one piece of the file that messages repeat; a key holding an
    escape sequence or a newline must not reach a terminal or break the
    file:line:col line format.
    """
    shown = "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text[:limit])
    return shown + "..." if len(text) > limit else shown


def _offset_to_line_col(text: str, offset: int, in_bytes: bool) -> tuple[int, int]:
    """1-based line and column of an offset (libyaml counts UTF-8 bytes, PyYAML characters)."""
    before = text.encode("utf-8")[:offset].decode("utf-8", "ignore") if in_bytes else text[:offset]
    return before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1


class _Builder:
    """Turns the parser's event stream into plain data with marks, refusing what is unsafe."""

    __slots__ = ("name", "stack", "root", "root_mark", "documents", "marks", "events")

    def __init__(self, name: str) -> None:
        self.name = name
        # Each frame: [container, its value marks, pending key, its key marks (mappings)]
        self.stack: list[list[Any]] = []
        self.root: Any = None
        self.root_mark = (1, 1)
        self.documents = 0
        self.marks: dict[int, Marks] = {}
        from yaml import events

        self.events = events

    def document(self) -> Document:
        return Document(self.name, self.root, self.marks, self.root_mark)

    def _fail(self, event: Any, message: str, hint: str, code: str) -> GenogramError:
        mark = event.start_mark
        return GenogramError.single(Location(self.name, mark.line + 1, mark.column + 1), message, hint, code)

    def build(self, next_event: Callable[[], Any]) -> None:
        """Consume the parser's events until the stream ends.

        This runs once per event (some 18 per person), so the usual case, a
        plain scalar as a mapping's key or value or a list item, is handled
        inline here; containers and everything refused go through methods.
        """
        events = self.events
        scalar, alias, doc_start = events.ScalarEvent, events.AliasEvent, events.DocumentStartEvent
        map_start, seq_start = events.MappingStartEvent, events.SequenceStartEvent
        ends = (events.MappingEndEvent, events.SequenceEndEvent)
        stack = self.stack
        while (event := next_event()) is not None:
            kind = event.__class__
            if kind is scalar:
                if event.anchor is not None or event.tag is not None or len(stack) >= MAX_DEPTH:
                    self._check_node(event)
                value = event.value
                if len(value) > MAX_SCALAR:
                    raise self._fail(
                        event,
                        f"holds a text longer than {MAX_SCALAR:,} characters",
                        "shorten it; long case notes belong in the case record, not the family file",
                        "too-long",
                    )
                if value == "" and event.implicit[0]:
                    value = None
                if not stack:
                    self._add(event, value)
                    continue
                frame = stack[-1]
                container = frame[0]
                start = event.start_mark
                if container.__class__ is list:
                    container.append(value)
                    frame[1].append((start.line + 1, start.column + 1))
                elif frame[2] is not None:  # the value of a pending key
                    key = frame[2]
                    frame[2] = None
                    container[key] = value
                    frame[1][key] = (start.line + 1, start.column + 1)
                elif value.__class__ is str and value not in frame[3] and (value != "<<" or not event.implicit[0]):
                    frame[3][value] = (start.line + 1, start.column + 1)
                    frame[2] = value
                else:
                    self._add(event, value)  # a key it refuses, with the reason
            elif kind is map_start or kind is seq_start:
                self._check_node(event)
                self._open(event, {} if kind is map_start else [])
            elif kind in ends:
                stack.pop()
            elif kind is alias:
                raise self._fail(
                    event,
                    "uses an alias (*name); aliases are not allowed in family files",
                    "write the value out in full where it is needed",
                    "alias",
                )
            elif kind is doc_start:
                self.documents += 1
                if self.documents > 1:
                    raise self._fail(
                        event, "holds more than one YAML document (a second ---)", "keep one family per file", "documents"
                    )

    def _check_node(self, event: Any) -> None:
        if event.anchor is not None:
            raise self._fail(
                event,
                "uses an anchor (&name); anchors and aliases are not allowed in family files",
                "remove the anchor and write values out in full",
                "anchor",
            )
        if event.tag is not None and event.tag != "!":
            raise self._fail(
                event,
                "uses a YAML tag (!! or !); tags are not allowed in family files",
                "remove the tag: every value is read as text and checked by the family format",
                "tag",
            )
        if len(self.stack) >= MAX_DEPTH:
            raise self._fail(
                event,
                f"is nested more than {MAX_DEPTH} levels deep",
                "check the indentation; family files need only a few levels",
                "too-deep",
            )

    def _open(self, event: Any, container: Any) -> None:
        self._add(event, container)
        frame = [container, [], None, None] if container.__class__ is list else [container, {}, None, {}]
        self.marks[id(container)] = (frame[1], frame[3])
        self.stack.append(frame)

    def _add(self, event: Any, value: Any) -> None:
        start = event.start_mark
        mark = (start.line + 1, start.column + 1)
        if not self.stack:
            self.root = value
            self.root_mark = mark
            return
        frame = self.stack[-1]
        container = frame[0]
        if container.__class__ is list:
            container.append(value)
            frame[1].append(mark)
            return
        if frame[2] is None:  # this node is a key
            if not isinstance(value, str):
                raise self._fail(
                    event,
                    "has a key that is not a plain word (a list, mapping or empty key)",
                    "keys are single words such as name or born, followed by a colon",
                    "key",
                )
            if value == "<<" and event.implicit[0]:
                raise self._fail(
                    event,
                    "uses a merge key (<<); merge keys are not allowed in family files",
                    "write the fields out in full",
                    "merge",
                )
            seen: dict[str, tuple[int, int]] = frame[3]
            if value in seen:
                first = seen[value]
                raise self._fail(
                    event,
                    f"repeats the key '{printable(value)}' (first given on line {first[0]})",
                    "keep one of the two; YAML would silently use only the last",
                    "duplicate-key",
                )
            seen[value] = mark
            frame[2] = value
            return
        key = frame[2]
        frame[2] = None
        container[key] = value
        frame[1][key] = mark
