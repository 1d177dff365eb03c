"""Safe writing of outputs: atomic, never over the input, never over a stranger's file.

A genogram is often regenerated minutes before a meeting. A crash, a full disk
or Ctrl-C must leave the previous output intact, so every output goes to a
temporary file in the same folder, is flushed to disk, then renamed over the
target in one step. A file the tool did not write (a report someone edited,
the family file itself) is only replaced with ``force=True``.
"""

from __future__ import annotations

import os
import struct
import tempfile
import zlib
from pathlib import Path

from genogram.errors import GenogramError, Location

#: Every text output carries this marker so the tool can recognise its own files.
GENERATOR = "genogram"
#: The keyword every PDF we write carries (``#set document(keywords: ...)``).
PDF_MARKER = b"generator: genogram"
#: How a plain-text output (the case note) says who wrote it, in words a case record can keep.
TEXT_MARK = "Drafted with genogram from the session file"
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_SNIFF_BYTES = 64 * 1024


def write_output(path: str | Path, data: bytes | str, *, force: bool = False, inputs: tuple[Path, ...] = ()) -> Path:
    """Write ``data`` to ``path`` atomically and return the path written."""
    target = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    if target.suffix.lower() == ".png":
        payload = mark_png(payload)
    _refuse_unsafe_target(target, inputs, force)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise GenogramError.single(Location(str(target)), "cannot be written: its folder does not exist", "create the folder first or choose another output path", code="output")
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp_name, 0o644 & ~_umask())
        os.replace(tmp_name, target)
    except BaseException:
        try:
            os.unlink(tmp_name)
        except OSError:
            pass
        raise
    _fsync_folder(folder)
    return target


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def _fsync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _refuse_unsafe_target(target: Path, inputs: tuple[Path, ...], force: bool) -> None:
    if not target.exists():
        return
    resolved = target.resolve()
    for source in inputs:
        if Path(source).resolve() == resolved:
            raise GenogramError.single(Location(str(target)), "is an input file; the tool never writes over its input", "choose another output path with -o", code="output")
    if target.is_dir():
        raise GenogramError.single(Location(str(target)), "is a folder, not a file", "give a file name with -o", code="output")
    if not force and not written_by_us(target):
        raise GenogramError.single(
            Location(str(target)),
            "already exists and was not written by genogram",
            "choose another output path, or add --force to replace it",
            code="output",
        )


def written_by_us(path: Path) -> bool:
    """True when ``path`` carries this tool's generator mark (SVG, HTML, PDF, PNG, JSON)."""
    try:
        with path.open("rb") as handle:
            head = handle.read(_SNIFF_BYTES)
    except OSError:
        return False
    if head.startswith(_PNG_SIGNATURE):
        return b"tEXtSoftware\x00" + GENERATOR.encode() in head
    if head.startswith(b"%PDF"):
        # typst writes metadata near the end of the file.
        try:
            size = path.stat().st_size
            with path.open("rb") as handle:
                handle.seek(max(0, size - _SNIFF_BYTES))
                tail = handle.read()
        except OSError:
            return False
        # The keyword typst writes for us (Info and XMP), never a word of the title: a
        # stranger's "Genograms in practice.pdf" must not be replaced without --force.
        return PDF_MARKER in head or PDF_MARKER in tail
    marks = (f'generator="{GENERATOR}', f'name="generator" content="{GENERATOR}', f'"generator": "{GENERATOR}', TEXT_MARK)
    return any(mark.encode() in head for mark in marks)


def mark_png(png: bytes) -> bytes:
    """Add a ``Software: genogram`` text chunk after IHDR (idempotent)."""
    if not png.startswith(_PNG_SIGNATURE) or b"tEXtSoftware\x00" in png[:256]:
        return png
    ihdr_end = len(_PNG_SIGNATURE) + 8 + 13 + 4
    body = b"Software\x00" + GENERATOR.encode()
    chunk = struct.pack(">I", len(body)) + b"tEXt" + body + struct.pack(">I", zlib.crc32(b"tEXt" + body) & 0xFFFFFFFF)
    return png[:ihdr_end] + chunk + png[ihdr_end:]
