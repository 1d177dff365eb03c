"""genogram as a library: each thing a command does, as one plain function.

The command line (``genogram.cli``) only parses options, calls these and
reports; the session pack draws its diagrams through the same functions, so
the load, redact, lay out, draw sequence exists once. Nothing here prints,
exits or touches the terminal, and nothing here imports click.

    from genogram import api
    family = api.read_family("samples/carter.yaml").family
    pdf = api.draw_genogram(family, "pdf").data
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from genogram.errors import GenogramError, Location, Problem

if TYPE_CHECKING:
    from collections.abc import Mapping

    from genogram.caseload.assess import Caseload
    from genogram.io.family import LoadedFamily
    from genogram.io.strict_yaml import Document
    from genogram.layout.ecomap import EcomapGeometry
    from genogram.layout.geometry import GenogramGeometry
    from genogram.layout.labels import LayoutOptions
    from genogram.layout.timeline import TimelineGeometry
    from genogram.lint.run import LintRun
    from genogram.model import Family
    from genogram.pack.build import AssembledPack
    from genogram.pack.content import PackContent
    from genogram.pack.session import Session
    from genogram.render.paper import PaperOptions

__all__ = [
    "DIAGRAM_FORMATS",
    "PACK_FORMATS",
    "Drawing",
    "EngineUnavailable",
    "FileKind",
    "GenogramOptions",
    "Pack",
    "build_caseload",
    "build_pack",
    "describe",
    "draw_ecomap",
    "draw_genogram",
    "draw_timeline",
    "ecomap_geometry",
    "ecomap_svg",
    "file_kind",
    "font_warnings",
    "genogram_geometry",
    "genogram_svg",
    "lay_out",
    "lint_paths",
    "pack_content",
    "read_document",
    "read_family",
    "read_session",
    "redacted_ecomap",
    "starter",
    "timeline_geometry",
    "timeline_svg",
    "validate_path",
]

FileKind = Literal["family", "session"]
DiagramFormat = Literal["svg", "pdf", "png"]
PackFormat = Literal["pdf", "html", "md", "txt"]
Engine = Literal["ours", "dot"]
DIAGRAM_FORMATS: tuple[DiagramFormat, ...] = ("svg", "pdf", "png")
PACK_FORMATS: tuple[PackFormat, ...] = ("pdf", "html", "md", "txt")  # md, txt: the case-note entry


class EngineUnavailable(RuntimeError):
    """``engine="dot"`` cannot run here (Graphviz missing or failing); the message says how to fix it."""


@dataclass(frozen=True, slots=True)
class Drawing:
    """An output ready to write: its bytes, and anything the user should be told about it."""

    data: bytes
    format: str
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class GenogramOptions:
    """What a drawn genogram shows."""

    names: Literal["full", "initials", "none"] = "full"
    ages: bool = True
    dates: bool = True
    relationships: bool = True
    #: Draw past households and placements too (by default only those current at ``as_of``).
    history: bool = False

    def layout(self) -> LayoutOptions:
        from genogram.layout.labels import LayoutOptions

        return LayoutOptions(names=self.names, show_dates=self.dates, relationships=self.relationships)


# reading ----------------------------------------------------------------------
def read_document(path: str | Path, text: str | None = None) -> Document:
    """The strict YAML document in ``path`` (or ``text``, shown as coming from ``path``)."""
    from genogram.io.strict_yaml import load_file, loads

    return loads(text, str(path)) if text is not None else load_file(path)


def file_kind(document: Document) -> FileKind | None:
    """Whether a document is a family file or a session file (None when it is neither).

    A session names its family (``family:``) and has a date; a family file
    has people or the ``genogram:`` version line.
    """
    data = document.data
    if not isinstance(data, dict):
        return None
    if "session" in data or ("family" in data and "people" not in data and "genogram" not in data):
        return "session"
    if "people" in data or "genogram" in data or "unions" in data:
        return "family"
    return None


def _wrong_kind(document: Document, found: FileKind, wanted: FileKind) -> GenogramError:
    command = {"family": "genogram render, ecomap, lint or validate", "session": "genogram pack or validate"}[found]
    return GenogramError.single(
        Location(document.file, 1, 1),
        f"is a {found} file, not a {wanted} file",
        f"give it to {command}" + (" (its family file is named under `family:`)" if found == "session" else ""),
        code="wrong-kind",
    )


def read_family(path: str | Path, text: str | None = None, *, check: bool = True) -> LoadedFamily:
    """Read, type and cross-check a family file; every problem is raised at once, located."""
    from genogram.io.family import family_from_document

    document = read_document(path, text)
    if file_kind(document) == "session":
        raise _wrong_kind(document, "session", "family")
    return family_from_document(document, check=check)


def read_session(path: str | Path) -> tuple[Session, Document]:
    """Read and type a session file (its family and previous sessions are read by the pack)."""
    from genogram.pack.session import session_from_document

    document = read_document(path)
    if file_kind(document) == "family":
        raise _wrong_kind(document, "family", "session")
    return session_from_document(document), document


def validate_path(path: Path, text: str | None = None, *, allow_outside: bool = False) -> list[Problem]:
    """Every problem in a family file, or in a session file, its family and its `previous:` chain."""
    try:
        document = read_document(path, text)
        if file_kind(document) == "session":
            from genogram.pack.inputs import load_inputs
            from genogram.pack.session import session_from_document

            load_inputs(Path(path), allow_outside=allow_outside, first=(session_from_document(document), document))
        else:
            from genogram.io.family import family_from_document

            family_from_document(document)
    except GenogramError as error:
        return error.problems
    return []


def font_warnings(path: Path, text: str | None = None) -> list[Problem]:
    """Drawn text (names, labels) that no bundled font can show, located; none for a session or an invalid file."""
    from genogram.shaping import unshown_text

    try:
        document = read_document(path, text)
        if file_kind(document) == "session":
            return []
        from genogram.io.family import family_from_document

        return unshown_text(family_from_document(document))
    except GenogramError:
        return []


def describe(family: Family) -> str:
    """The genogram in plain words (``genogram describe``; also the SVG's description and in the HTML pack)."""
    from genogram.describe import describe_family

    return describe_family(family)


# genograms --------------------------------------------------------------------
def lay_out(family: Family, options: LayoutOptions | None = None, engine: Engine = "ours") -> GenogramGeometry:
    """The genogram's geometry from our engine, or Graphviz dot's placement (``engine="dot"``)."""
    if engine == "dot":
        from genogram.layout.dot import DotUnavailable, dot_missing, layout_dot

        reason = dot_missing()
        if reason is not None:
            raise EngineUnavailable(reason)
        try:
            return layout_dot(family, options)
        except DotUnavailable as error:
            raise EngineUnavailable(str(error)) from None
    from genogram.layout.genogram import layout_genogram

    return layout_genogram(family, options)


def genogram_geometry(family: Family, options: GenogramOptions | None = None, engine: Engine = "ours") -> tuple[Family, GenogramGeometry]:
    """The family as the genogram draws it (only current households unless ``options.history``) and its geometry.

    The key is told which boundaries are drawn (a note in the geometry).
    """
    from genogram.placements import households_drawn

    options = options or GenogramOptions()
    shown = households_drawn(family, options.history)
    geometry = lay_out(shown.family, options.layout(), engine)
    if shown.note:
        geometry.notes.append(shown.note)
    return shown.family, geometry


def genogram_svg(family: Family, options: GenogramOptions | None = None, engine: Engine = "ours") -> str:
    """The genogram of an (already redacted, where wanted) family as SVG text."""
    from genogram.render.svg import RenderOptions
    from genogram.render.svg import genogram_svg as draw

    options = options or GenogramOptions()
    drawn, geometry = genogram_geometry(family, options, engine)
    return draw(drawn, geometry, RenderOptions(relationships=options.relationships, ages=options.ages))


def draw_genogram(
    family: Family,
    fmt: DiagramFormat = "svg",
    *,
    options: GenogramOptions | None = None,
    redact: bool = False,
    engine: Engine = "ours",
    fragment: bool = False,
    dpi: float | None = None,
    paper: PaperOptions | None = None,
) -> Drawing:
    """The genogram as SVG, PDF or PNG bytes; ``redact`` draws roles instead of names.

    ``paper`` (PDF only) puts it on sheets: scaled to fit, a focus view then
    tiles, or tiles (genogram.render.paper); the note says which.
    """
    from genogram.text import clean

    if redact:
        # A redacted drawing shows no dates: union and household years stay in
        # the redacted family only to decide which households are current.
        family = _redacted(family)
        options = replace(options or GenogramOptions(), dates=False)
    if paper is not None and paper.paper is not None and fmt != "pdf":
        raise GenogramError.single(Location("--paper"), "applies to PDF output only", "write a PDF (-o name.pdf), or leave out --paper", code="paper")
    if paper is not None and paper.paper is not None:
        from genogram.render.paper import family_pdf

        data, summary = family_pdf(family, lambda drawn: genogram_svg(drawn, options, engine), clean(family.title or "Genogram"), paper)
        return Drawing(data, fmt, (summary,))
    svg = genogram_svg(family, options, engine)
    return _diagram(svg, fmt, clean(family.title or "Genogram"), fragment, dpi)


# timelines --------------------------------------------------------------------
def timeline_geometry(family: Family, *, redact: bool = False, ids: Mapping[str, str] | None = None) -> TimelineGeometry:
    """Each child's households and placements along a dated axis, as geometry (``genogram timeline --json``).

    Always laid out from ``family``'s exact dates; redacted, only its words
    change (roles, fresh ids ``ids``, dates as intervals before the as-of date).
    """
    from genogram.layout.timeline import layout_timeline
    from genogram.layout.timeline_words import RedactedWords
    from genogram.placements import reference_day

    if not redact:
        return layout_timeline(family)
    day = reference_day(family)
    return layout_timeline(family, day, RedactedWords(family, day, dict(ids or {})))


def timeline_svg(family: Family, *, redact: bool = False, ids: Mapping[str, str] | None = None) -> str:
    """The placement timeline of ``family`` (the real one: redacted here, in words only) as SVG text."""
    from genogram.render.timeline_svg import timeline_svg as draw

    return draw(timeline_geometry(family, redact=redact, ids=ids))


def draw_timeline(family: Family, fmt: DiagramFormat = "svg", *, redact: bool = False, dpi: float | None = None) -> Drawing:
    """The placement timeline as SVG, PDF or PNG bytes, through the same typst path as the genogram."""
    from genogram.text import clean

    title = "Family (redacted)" if redact else clean(family.title or "Family")
    return _diagram(timeline_svg(family, redact=redact), fmt, f"{title}: placement timeline", False, dpi)


# ecomaps ----------------------------------------------------------------------
def ecomap_geometry(family: Family, *, centre: str | None = None, include_family: bool = False, source: str = "--centre") -> EcomapGeometry:
    """The ecomap's geometry round ``centre`` (a person or household id; default the index child's home).

    ``source`` names the family file in the message when ``centre`` is not in it.
    """
    from genogram.layout.ecomap import layout_ecomap

    if centre is not None and centre not in family.person_by_id and centre not in family.household_by_id:
        raise GenogramError.single(Location(source), "has no person or household with the id given to --centre", "use an id from people: or households:", code="centre")
    return layout_ecomap(family, centre=centre, include_family=include_family)


def ecomap_svg(family: Family, geometry: EcomapGeometry | None = None) -> str:
    """The ecomap of an (already redacted, where wanted) family as SVG text."""
    from genogram.render.ecomap_svg import ecomap_svg as draw

    return draw(family, geometry or ecomap_geometry(family))


def redacted_ecomap(family: Family, centre: str | None, include_family: bool, source: str = "--centre") -> tuple[Family, EcomapGeometry]:
    """The redacted family and its ecomap geometry, with ``centre`` translated to the redacted ids."""
    from genogram.redact import neutral_ids

    if centre is not None:
        centre = neutral_ids(family).get(centre, centre)
    family = _redacted(family)
    return family, ecomap_geometry(family, centre=centre, include_family=include_family, source=source)


def draw_ecomap(
    family: Family,
    fmt: DiagramFormat = "svg",
    *,
    centre: str | None = None,
    include_family: bool = False,
    redact: bool = False,
    fragment: bool = False,
    dpi: float | None = None,
    source: str = "--centre",
) -> Drawing:
    """The ecomap as SVG, PDF or PNG bytes."""
    from genogram.text import clean

    if redact:
        family, geometry = redacted_ecomap(family, centre, include_family, source)
    else:
        geometry = ecomap_geometry(family, centre=centre, include_family=include_family, source=source)
    svg = ecomap_svg(family, geometry)
    return _diagram(svg, fmt, clean(f"Ecomap: {geometry.centre.name}"), fragment, dpi)


def _redacted(family: Family) -> Family:
    from genogram.redact import redact

    return redact(family)


def _diagram(svg: str, fmt: DiagramFormat, title: str, fragment: bool, dpi: float | None) -> Drawing:
    """SVG text as the asked format: SVG (or an SVG fragment for HTML), PDF or PNG."""
    if fmt == "svg":
        if fragment:
            from genogram.pack.html import inline_svg

            svg = inline_svg(svg)
        return Drawing(svg.encode("utf-8"), fmt)
    from genogram.render.typst_out import TooLargeForPng, convert

    try:
        data, resolution = convert(svg, fmt, title, dpi)
    except TooLargeForPng as error:
        raise GenogramError.single(Location("--format png"), str(error), "write a PDF or SVG instead (-o name.pdf): they have no size limit", code="too-large") from None
    note = resolution.note() if resolution else None
    return Drawing(data, fmt, (note,) if note else ())


# lint ---------------------------------------------------------------------------
def lint_paths(
    paths: list[Path],
    *,
    policy: str | None = None,
    select: list[str] | None = None,
    ignore: list[str] | None = None,
    today: date | None = None,
    fail_on: str | None = None,
    jobs: int = 0,
) -> LintRun:
    """Lint family files and folders of them (settings from each file's `.genogram.toml`).

    ``select`` and ``ignore`` take rule codes, prefixes or names, each entry possibly comma-separated.
    """
    from genogram.lint.run import run

    return run(paths, policy=policy, select=select or [], ignore=ignore or [], today=today, fail_on=fail_on, jobs=jobs)


# packs --------------------------------------------------------------------------
def pack_content(session_file: Path, *, redact: bool | None = None, policy: str | None = None, today: date | None = None, allow_outside: bool = False) -> PackContent:
    """Everything the pack of a session shows; ``redact=None`` follows the session."""
    return _assembled(session_file, redact=redact, policy=policy, today=today, allow_outside=allow_outside).content


def _assembled(session_file: Path, *, redact: bool | None, policy: str | None, today: date | None, allow_outside: bool) -> AssembledPack:
    from genogram.pack.build import assemble_pack

    if policy is not None:
        from genogram import policy as policies

        policies.check(policy, Location("--policy"))
    return assemble_pack(session_file, redact=redact, policy=policy, today=today, allow_outside=allow_outside)


@dataclass(frozen=True, slots=True)
class Pack:
    """A built pack: the document, the file name it would take beside its session, every file it read
    (never to be written over) and, when redacted, the author's redaction report (never part of the pack)."""

    drawing: Drawing
    default_name: str
    redacted: bool
    inputs: tuple[Path, ...] = field(default_factory=tuple)
    redaction_report: str = ""


def build_pack(
    session_file: Path, fmt: PackFormat = "pdf", *, redact: bool | None = None, policy: str | None = None, today: date | None = None,
    paper: str = "A4", min_text: float | None = None, allow_outside: bool = False,
) -> Pack:
    """The session pack as PDF or HTML bytes, or the case-note entry (md, txt), with its default file name.

    The case note goes on the child's own record, so it is not redacted unless ``redact=True``;
    when it is, it goes through the same allow-list as the pack.
    In the PDF each diagram is scaled, focused or tiled on ``paper`` sheets so
    no text prints below ``min_text`` points; the notes say which.
    """
    if fmt in ("md", "txt") and redact is None:
        redact = False
    assembled = _assembled(session_file, redact=redact, policy=policy, today=today, allow_outside=allow_outside)
    content = assembled.content
    notes: tuple[str, ...] = ()
    if fmt in ("md", "txt"):
        from genogram.pack.casenote import case_note

        data = case_note(content, markdown=fmt == "md").encode("utf-8")
    elif fmt == "html":
        from genogram.pack.html import render_html

        data = render_html(content).encode("utf-8")
    else:
        from genogram.pack.pdf import render_pdf_on_paper
        from genogram.render.paper import DEFAULT_MIN_TEXT

        data, said = render_pdf_on_paper(content, paper, min_text or DEFAULT_MIN_TEXT)
        notes = tuple(said)
    stem = session_file.name.removesuffix(".yaml").removesuffix(".session")
    if content.redacted:  # the session's file name often carries the family's surname
        stem = f"pack-{content.session['date']}-redacted"
    report = assembled.report_text() if content.redacted else ""
    return Pack(Drawing(data, fmt, notes), f"{stem}.{fmt}", content.redacted, assembled.inputs, report)


# caseload -----------------------------------------------------------------------
def build_caseload(
    paths: list[Path], *, today: date | None = None, policy: str | None = None, due_within: int = 7, jobs: int = 0, redact: bool = False
) -> Caseload:
    """Every case in a team's folders at ``today``: last discussion, next due, overdue, late records, tallies."""
    from genogram.caseload import build_caseload as build

    return build(paths, today, policy, due_within, jobs, redact)


# starting -----------------------------------------------------------------------
def starter(kind: FileKind = "family", *, family: str = "family.yaml", day: date | None = None) -> str:
    """A commented starter file that validates as written (a session names ``family``)."""
    from importlib import resources
    from string import Template

    text = resources.files("genogram").joinpath("starters", f"{kind}.yaml").read_text(encoding="utf-8")
    return Template(text).substitute(family=family, date=(day or date.today()).isoformat())
