"""The files a session pack reads, found safely: inside the session's folder, once each.

A session names its family file and its previous session by path. Those
paths are typed by hand or arrive in a shared folder, so they may point out
of the case folder (``../../other-case/family.yaml``), loop through
symlinks, hold a NUL byte or a 300-character name, or chain previous
sessions in a circle. Each of these is a located error in the session file,
never an internal error; and every file found is an *input*, which a pack is
never allowed to overwrite, even with ``--force``.
"""

from __future__ import annotations

import errno
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from genogram.errors import GenogramError

if TYPE_CHECKING:
    from genogram.io.family import LoadedFamily
    from genogram.pack.session import Session

#: Previous sessions followed before the chain is called too long (a year of monthly sessions, many times over).
MAX_CHAIN = 200


def resolve_input(session_file: Path, relative: str, document: Any, field: str, what: str, *, allow_outside: bool = False) -> Path:
    """The file a session's ``family:`` or ``previous:`` names; a located error when it cannot be used."""

    def refuse(message: str, hint: str, code: str = "not-found") -> GenogramError:
        return GenogramError.single(document.locate((field,)), message, hint, code=code)

    if "\x00" in relative:
        raise refuse(f"names a {what} with a NUL character in its path", "type the path again without control characters", "path")
    folder = session_file.parent
    try:
        path = (folder / relative).resolve(strict=False)
        exists = path.exists()
    except RuntimeError:  # Python's own report of a symlink loop
        raise refuse(f"names a {what} through a symlink loop", "point to the file itself, not to a link that leads back to itself", "path") from None
    except OSError as error:
        if error.errno == errno.ENAMETOOLONG:
            raise refuse(f"names a {what} whose path is too long for this system", "shorten the file or folder names", "path") from None
        if error.errno == errno.ELOOP:
            raise refuse(f"names a {what} through a symlink loop", "point to the file itself, not to a link that leads back to itself", "path") from None
        raise refuse(f"names a {what} that cannot be read ({error.strerror})", "check the path and its permissions", "path") from None
    if not exists:
        if _is_loop(folder / relative):
            raise refuse(f"names a {what} through a symlink loop", "point to the file itself, not to a link that leads back to itself", "path")
        extra = ", or remove `previous:`" if field == "previous" else ""
        raise refuse(f"names a {what} that does not exist", f"give its path relative to this session file{extra}")
    if path.is_dir():  # else the reader's message would name the folder, not this line
        raise refuse(f"names a folder, not a {what}", "name the .yaml file itself")
    if not allow_outside and not path.is_relative_to(folder.resolve()):
        raise refuse(
            f"names a {what} outside this session's folder",
            "keep the session beside (or above) its family file and previous sessions, or add --allow-outside",
            "outside",
        )
    return path


def _is_loop(path: Path) -> bool:
    try:
        path.stat()
    except OSError as error:
        return error.errno == errno.ELOOP
    return False


@dataclass(frozen=True, slots=True)
class SessionInputs:
    """A session, its family, and its previous sessions (newest first) with their families."""

    file: Path
    session: Session
    document: Any
    family: LoadedFamily
    previous: list[SessionInputs]

    @property
    def paths(self) -> tuple[Path, ...]:
        """Every file read: none of them may be written over."""
        own = (self.file.resolve(), Path(self.family.file).resolve())
        return own + tuple(p for earlier in self.previous for p in earlier.paths[:2])


def load_inputs(session_file: Path, *, allow_outside: bool = False, depth: int | None = None, first: tuple[Session, Any] | None = None) -> SessionInputs:
    """Load a session, its family and its ``previous:`` chain (all of it, or ``depth`` steps).

    ``first`` is the session already read (from standard input, say), else it is read from ``session_file``.
    """
    from genogram import api

    chain: list[SessionInputs] = []
    seen: set[Path] = set()
    current = session_file
    while True:
        session, document = first if first is not None and not chain else api.read_session(current)
        seen.add(current.resolve())
        family_file = resolve_input(current, session.family, document, "family", "family file", allow_outside=allow_outside)
        chain.append(SessionInputs(current, session, document, api.read_family(family_file), []))
        if session.previous is None or (depth is not None and len(chain) > depth):
            break
        following = resolve_input(current, session.previous, document, "previous", "previous session file", allow_outside=allow_outside)
        if following in seen:
            raise GenogramError.single(document.locate(("previous",)), "leads back to a session already in the chain", "point `previous:` to an earlier session, never to this one or a later one", code="previous")
        if len(chain) >= MAX_CHAIN:
            raise GenogramError.single(document.locate(("previous",)), f"makes a chain of more than {MAX_CHAIN} sessions", "start a new chain without `previous:`", code="previous")
        current = following
    newest = chain[0]
    return SessionInputs(newest.file, newest.session, newest.document, newest.family, chain[1:])
