"""The hostile-input corpus: every case through every command, never a traceback, a hang or a leak.

tests/corpus/manifest.toml lists the committed cases and what each must give:
a located refusal (exit 2, first message at a given file:line:col) or a
correct output (well-formed SVG/HTML/PDF/JSON that shows the hostile text
literally, as text). Inputs too big to commit (50 MB, a 10 MB scalar, 10,000
unions on one person ...) are generated at test time (GENERATED below) and run
in a child process with an address-space cap and a per-command hang guard,
in the background while the committed cases run in this process.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import threading
import tomllib
import traceback
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from genogram.cli.main import cli
from tests.conftest import parse_html

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(__file__).resolve().parent / "corpus"
MANIFEST = tomllib.loads((CORPUS / "manifest.toml").read_text(encoding="utf-8"))

#: Address-space cap for child processes: far above any real family, far below a runaway.
MEMORY_CAP = 1536 * 1024 * 1024
#: A command that has used this much CPU time is hung. CPU time, not wall time, so a
#: busy machine cannot make a slow-but-correct command look hung. The slowest
#: legitimate command here (render of 10,000 unions on one person) uses about 7 s.
HANG_SECONDS = 20
COMMANDS = ("validate", "render", "layout", "ecomap", "timeline", "lint", "pack")
LOCATED = re.compile(r"^(?P<file>\S(?:.*?\S)?):(?P<line>[1-9]\d*):(?P<col>[1-9]\d*): \S")
#: Characters no output may carry: controls (but newline and tab), bidi controls, zero-width.
FORBIDDEN = {c for c in map(chr, range(0x20)) if c not in "\n\t"} | set(
    "\x7f\x85\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2060\u2066\u2067\u2068\u2069\ufeff\u2028\u2029"
)
#: Elements an output must never contain, whatever the input says.
ACTIVE = {"script", "iframe", "object", "embed", "link", "img", "image", "foreignobject", "textarea", "form", "base"}


@dataclass(frozen=True)
class Case:
    """One input and what every command must do with it (see manifest.toml)."""

    name: str
    kind: str  # "case" (a family file) or "session"
    valid: bool
    at: str = ""
    says: str = ""
    shows: tuple[str, ...] = ()
    ecomap_shows: tuple[str, ...] = ()
    pdf: bool = False
    commands: tuple[str, ...] = COMMANDS
    xfail: dict[str, str] = field(default_factory=dict)  # command -> reason

    @classmethod
    def from_manifest(cls, entry: dict[str, Any], kind: str) -> Case:
        return cls(
            name=entry["file"],
            kind=kind,
            valid=bool(entry.get("valid", False)),
            at=entry.get("at", ""),
            says=entry.get("says", ""),
            shows=tuple(entry.get("shows", ())),
            ecomap_shows=tuple(entry.get("ecomap_shows", ())),
            pdf=bool(entry.get("pdf", False)),
            commands=COMMANDS if kind == "case" else ("validate", "pack"),
        )


CASES = [Case.from_manifest(e, "case") for e in MANIFEST.get("case", [])]
SESSIONS = [Case.from_manifest(e, "session") for e in MANIFEST.get("session", [])]


@dataclass
class Run:
    """What one command did: exit code, output, and any escaped exception or hang."""

    args: list[str]
    exit_code: int
    stdout: str
    stderr: str
    error: str = ""  # a formatted exception that escaped the command, or "hung", or "killed"


# running commands ------------------------------------------------------------------
def command_args(case: Case, command: str, source: Path, out: Path) -> list[str]:
    """The CLI arguments for ``command`` on ``source``, writing under ``out``."""
    if command == "validate":
        return ["validate", str(source)]
    if command == "render":
        return ["render", str(source), "-o", str(out / "genogram.svg")]
    if command == "render-pdf":
        return ["render", str(source), "-o", str(out / "genogram.pdf")]
    if command == "render-redacted":
        return ["render", str(source), "--redact", "-o", str(out / "redacted.svg")]
    if command == "layout":
        return ["layout", str(source), "--json"]
    if command == "ecomap":
        return ["ecomap", str(source), "-o", str(out / "ecomap.svg")]
    if command == "timeline":
        return ["timeline", str(source), "-o", str(out / "timeline.svg")]
    if command == "lint":
        return ["lint", str(source)]
    if command in ("pack", "pack-pdf"):
        session = source if case.kind == "session" else session_for(source, out)
        # The generated session names the corpus file by its absolute path, outside its own folder.
        outside = ["--allow-outside"] if case.kind != "session" else []
        return ["pack", str(session), "-o", str(out / ("pack.pdf" if command == "pack-pdf" else "pack.html")), *outside]
    raise AssertionError(command)


def session_for(family: Path, out: Path) -> Path:
    """A minimal session file naming ``family`` (by absolute path), for `pack`."""
    session = out / "case.session.yaml"
    if not session.exists():
        session.write_text(f"session: 1\nfamily: {json.dumps(str(family))}\ndate: 2026-10-14\n", encoding="utf-8")
    return session


def invoke(args: list[str]) -> Run:
    """Run a command in this process, as `genogram` would, keeping any escaped exception."""
    result = CliRunner().invoke(cli, args)
    error = ""
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        error = "".join(traceback.format_exception(result.exception))
    return Run(args, result.exit_code, result.stdout, result.stderr, error)


#: The child process: runs commands one by one in-process, each under a CPU-time hang guard
#: (ITIMER_PROF), and prints one JSON line per command as soon as it is done.
CHILD = r"""
import json, resource, signal, sys, traceback
job = json.loads(sys.argv[1])
resource.setrlimit(resource.RLIMIT_AS, (job["memory"], job["memory"]))  # before anything big is imported
from click.testing import CliRunner
from genogram.cli.main import cli

class Hang(BaseException):
    pass

def alarm(signum, frame):
    raise Hang()

signal.signal(signal.SIGPROF, alarm)
for args in job["commands"]:
    signal.setitimer(signal.ITIMER_PROF, job["hang"])
    try:
        result = CliRunner().invoke(cli, args)
        signal.setitimer(signal.ITIMER_PROF, 0)
        error = ""
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            error = "".join(traceback.format_exception(result.exception))
        row = {"args": args, "exit_code": result.exit_code, "stdout": result.stdout, "stderr": result.stderr, "error": error}
    except Hang:
        row = {"args": args, "exit_code": -1, "stdout": "", "stderr": "", "error": "hung"}
    print(json.dumps(row), flush=True)
"""


def run_child(commands: list[list[str]], hang: int = HANG_SECONDS) -> list[Run]:
    """Run commands in a memory-capped child; a command the guard cannot stop is reported as killed.

    The child caps its own address space (RLIMIT_AS) as its first act, rather
    than through preexec_fn, because this runs on a worker thread.
    """
    job = json.dumps({"commands": commands, "hang": hang, "memory": MEMORY_CAP})
    # vfork from a worker thread while the main thread allocates has failed
    # here with EFAULT ("Bad address"); a plain fork is slower but sound.
    subprocess._USE_VFORK = False  # type: ignore[attr-defined]
    proc = subprocess.Popen(
        [sys.executable, "-c", CHILD, job],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    _CHILDREN.append(proc)
    try:
        out, err = proc.communicate(timeout=4 * hang * len(commands) + 30)  # wall-clock backstop: a blocked child
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
    runs = [Run(**json.loads(line)) for line in out.splitlines() if line.startswith("{")]
    for args in commands[len(runs):]:  # what never reported: the child died or was killed
        runs.append(Run(args, proc.returncode if proc.returncode is not None else -9, "", err[-2000:], f"killed (exit {proc.returncode}): {err[-500:]}"))
    return runs


_CHILDREN: list[subprocess.Popen[str]] = []


# checking results --------------------------------------------------------------------
def forbidden_in(text: str) -> list[str]:
    return sorted({f"U+{ord(c):04X}" for c in text if c in FORBIDDEN})


def check_run(case: Case, run: Run) -> None:
    """The contract every command keeps on every input."""
    shown = f"{' '.join(run.args)}\nexit {run.exit_code}\nstdout: {run.stdout[-1500:]}\nstderr: {run.stderr[-1500:]}"
    assert not run.error, f"{shown}\n{run.error}"
    assert "Traceback" not in run.stdout + run.stderr, shown
    assert "internal error" not in run.stdout + run.stderr, shown
    command = run.args[0]
    # lint reports what the loader's cross-checks refuse (duplicate ids, loops ...) as error findings: exit 1.
    allowed = {0, 1} if case.valid else {2}
    assert run.exit_code in (allowed | {1} if command == "lint" else allowed - {1}), shown
    # Messages are one readable line each: no raw control, bidi or zero-width characters.
    assert not forbidden_in(run.stderr), (forbidden_in(run.stderr), shown)
    if command != "layout":
        assert not forbidden_in(run.stdout), (forbidden_in(run.stdout), shown)
    if run.exit_code == 2:
        check_refusal(case, run, shown)
    elif command == "lint":
        findings = [line for line in run.stdout.splitlines() if line and not line.startswith("    ")]
        assert all(LOCATED.match(line) for line in findings), shown
        if not case.valid:  # the refusal is among the findings, at its place
            assert any(_place(line) == case.at and case.says in line for line in findings), shown


def check_refusal(case: Case, run: Run, shown: str) -> None:
    """Exit 2: every message line is file:line:col, the first at the place the manifest names."""
    text = run.stdout if run.args[0] in ("validate", "lint") else run.stderr
    messages = [line for line in text.splitlines() if line and not line.startswith("    ") and not _summary(line)]
    assert messages, shown
    for line in messages:
        assert LOCATED.match(line), f"not located: {line!r}\n{shown}"
    where = _place(messages[0])
    assert where == case.at, f"first message at {where}, expected {case.at}\n{shown}"
    assert case.says in messages[0], shown
    assert "hint:" in text, shown


def _place(line: str) -> str:
    """`name:line:col` of a located message (the file's name only: commands may print it resolved)."""
    match = LOCATED.match(line)
    return f"{Path(match['file']).name}:{match['line']}:{match['col']}" if match else ""


def _summary(line: str) -> bool:
    """The closing tally lines of validate and lint (on stderr), which name no place."""
    return bool(re.match(r"^\d+ (valid|files?)\b", line))


def check_outputs(case: Case, out: Path) -> None:
    """Whatever was written is well-formed and shows the hostile text literally."""
    if (out / "genogram.svg").exists():
        check_svg(out / "genogram.svg", case.shows)
    if (out / "ecomap.svg").exists():
        check_svg(out / "ecomap.svg", case.ecomap_shows)
    if (out / "redacted.svg").exists():
        check_svg(out / "redacted.svg", ())
    if (out / "pack.html").exists():
        check_html(out / "pack.html", case.shows)
    for pdf in ("genogram.pdf", "pack.pdf"):
        if (out / pdf).exists():
            check_pdf(out / pdf, case.shows)


def check_svg(path: Path, shows: tuple[str, ...]) -> None:
    raw = path.read_text(encoding="utf-8")
    root = ET.fromstring(raw)  # raises on anything that is not well-formed XML
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    for element in root.iter():
        tag = element.tag.rsplit("}", 1)[-1].lower()
        assert tag not in ACTIVE, f"{path.name}: <{tag}>"
        for name, value in element.attrib.items():
            local = name.rsplit("}", 1)[-1].lower()
            assert not local.startswith("on"), f"{path.name}: attribute {name}"
            if local == "href":
                assert value.startswith("#"), f"{path.name}: external reference {value}"
    text = "\n".join(root.itertext())
    assert not forbidden_in(raw), (path.name, forbidden_in(raw))
    for wanted in shows:
        assert wanted in text, f"{path.name} does not show {wanted!r}"


def check_html(path: Path, shows: tuple[str, ...]) -> None:
    raw = path.read_text(encoding="utf-8")
    parser = parse_html(raw)
    assert parser.tags and parser.tags[0][0] == "html", path.name
    for tag, attrs in parser.tags:
        assert tag not in ACTIVE, f"{path.name}: <{tag}>"
        assert not [a for a in attrs if a.startswith("on")], f"{path.name}: <{tag} {attrs}>"
    assert not forbidden_in(raw), (path.name, forbidden_in(raw))
    text = "".join(parser.text)
    for wanted in shows:
        assert wanted in text, f"{path.name} does not show {wanted!r}"


def check_pdf(path: Path, shows: tuple[str, ...]) -> None:
    from pypdf import PdfReader

    reader = PdfReader(path)
    assert len(reader.pages) >= 1
    text = "\n".join(page.extract_text() for page in reader.pages)
    flat = " ".join(text.split())
    for wanted in shows:
        assert " ".join(wanted.split()) in flat, f"{path.name} does not show {wanted!r}"


# committed cases, in this process ------------------------------------------------------
def _in_process_params() -> list[Any]:
    params = []
    for case in CASES + SESSIONS:
        commands = list(case.commands)
        if case.valid and case.kind == "case":
            commands.append("render-redacted")
        if case.pdf and case.valid:
            commands += ["render-pdf", "pack-pdf"] if case.kind == "case" else ["pack-pdf"]
        for command in commands:
            params.append(pytest.param(case, command, id=f"{case.name}-{command}"))
    return params


def test_manifest_lists_every_committed_file() -> None:
    listed = {c.name for c in CASES + SESSIONS}
    present = {p.name for p in CORPUS.iterdir() if p.name != "manifest.toml"}
    assert listed == present, {"unlisted": sorted(present - listed), "missing": sorted(listed - present)}
    for case in CASES + SESSIONS:
        assert case.valid != bool(case.at), f"{case.name}: give either valid = true or at/says"
        assert case.valid or case.says, case.name


@pytest.mark.parametrize(("case", "command"), _in_process_params())
def test_committed_case(case: Case, command: str, tmp_path: Path) -> None:
    run = invoke(command_args(case, command, CORPUS / case.name, tmp_path))
    check_run(case, run)
    check_outputs(case, tmp_path)
    written = {"render": "genogram.svg", "ecomap": "ecomap.svg", "pack": "pack.html", "render-pdf": "genogram.pdf", "pack-pdf": "pack.pdf", "render-redacted": "redacted.svg"}
    if case.valid and command in written:
        assert (tmp_path / written[command]).stat().st_size > 0
    if not case.valid:
        assert not [p for p in tmp_path.iterdir() if p.suffix in (".svg", ".html", ".pdf")], "output written for refused input"
    if command == "layout" and case.valid:
        payload = json.loads(run.stdout)
        assert {"people", "width", "height", "metrics"} <= set(payload)
        strings: list[str] = []
        _strings(payload, strings)
        assert not forbidden_in("".join(strings))


def test_fuzz_contract_holds_on_seeds_and_corpus() -> None:
    """The fuzz target's check (fuzz/fuzz_loader.py) passes on every seed and committed case."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("fuzz_loader", ROOT / "fuzz" / "fuzz_loader.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    inputs = sorted((ROOT / "fuzz" / "seeds").iterdir()) + sorted(CORPUS.glob("*.yaml"))
    assert len(inputs) > 50
    for path in inputs:
        try:
            module.check(path.read_bytes())
        except Exception as error:  # name the input in the failure
            raise AssertionError(f"{path.name}: {error!r}") from error


def test_fifo_with_no_writer_reads_as_empty_instead_of_hanging(tmp_path: Path) -> None:
    """A FIFO named as the family file (or by a session) must not block the command forever."""
    fifo = tmp_path / "family.yaml"
    os.mkfifo(fifo)
    for args in (["validate", str(fifo)], ["pack", str(session_for(fifo, tmp_path)), "-o", str(tmp_path / "pack.html"), "--allow-outside"]):
        result = subprocess.run([sys.executable, "-m", "genogram", *args], capture_output=True, text=True, timeout=2 * HANG_SECONDS, cwd=ROOT, check=False)
        assert result.returncode == 2, result.stdout + result.stderr
        assert "family.yaml:1:1: is empty" in result.stdout + result.stderr


def _strings(node: Any, into: list[str]) -> None:
    if isinstance(node, str):
        into.append(node)
    elif isinstance(node, dict):
        for key, value in node.items():
            into.append(str(key))
            _strings(value, into)
    elif isinstance(node, list):
        for value in node:
            _strings(value, into)


# generated cases, in a memory-capped child, in the background ----------------------------
@dataclass(frozen=True)
class Generated:
    """A case too big to commit: ``make(folder)`` writes it and returns its path."""

    case: Case
    make: Callable[[Path], Path]
    #: Known-slow commands, run in a job of their own on the second worker (xfail when they hang).
    apart: tuple[str, ...] = ()


def _big_file(folder: Path) -> Path:
    """50 MB of plausible family file: refused at the size limit, without reading it all."""
    path = folder / "big-50mb.yaml"
    entry = "  - id: p{0}\n    name: Person number {0} with a long enough name to fill the line\n"
    with path.open("w", encoding="utf-8") as handle:
        handle.write("genogram: 1\npeople:\n")
        i = 0
        while handle.tell() < 50 * 1024 * 1024:
            handle.write("".join(entry.format(i + k) for k in range(1000)))
            i += 1000
    return path


def _big_scalar(folder: Path) -> Path:
    path = folder / "scalar-10mb.yaml"
    path.write_text("genogram: 1\npeople:\n  - id: a\n    notes: " + "x" * (10 * 1024 * 1024) + "\n", encoding="utf-8")
    return path


def _alias_bomb(folder: Path) -> Path:
    """Thirty levels of thirty aliases (30^30 nodes if expanded), anchored deep in a valid file."""
    lines = ["genogram: 1", "people:"] + [f"  - id: p{i}" for i in range(2000)] + ["notes:", "  - &l0 [lol, lol]"]
    for level in range(1, 30):
        lines.append(f"  - &l{level} [" + ", ".join([f"*l{level - 1}"] * 30) + "]")
    path = folder / "alias-bomb-wide.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _deep(folder: Path) -> Path:
    path = folder / "deep-100k.yaml"
    path.write_text("genogram: 1\npeople: " + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    return path


def _many_unions(folder: Path) -> Path:
    """10,000 unions on one person (one partner each), valid: must draw, not hang."""
    lines = ["genogram: 1", "index: p0", "as_of: 2026", "people:", "  - id: hub", "    sex: male", "    born: 1950"]
    lines += [f"  - id: p{i}\n    sex: female" for i in range(10_000)]
    lines += ["unions:"] + [f"  - partners: [hub, p{i}]" for i in range(10_000)]
    path = folder / "unions-10k.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _descent(generations: int) -> str:
    lines = ["genogram: 1", "people:"] + [f"  - id: g{i}" for i in range(generations)] + ["unions:"]
    lines += [f"  - partners: [g{i}]\n    children: [g{i + 1}]" for i in range(generations - 1)]
    return "\n".join(lines) + "\n"


def _long_line_of_descent(folder: Path) -> Path:
    """1,000 generations, each the only child of the one before: deep, but acyclic and valid.

    The last two share a household, so the ecomap centres on them. (Without one the
    ecomap centre would be all 1,000 people, which is slow for another reason than depth.)
    """
    path = folder / "descent-1000.yaml"
    path.write_text(_descent(1000) + "index: g999\nhouseholds:\n  - id: home\n    members: [g998, g999]\n", encoding="utf-8")
    return path


def _long_cycle(folder: Path) -> Path:
    """The same 1,000 generations, with the last the parent of the first."""
    path = folder / "cycle-1000.yaml"
    path.write_text(_descent(1000) + "  - partners: [g999]\n    children: [g0]\n", encoding="utf-8")
    return path


def _many_problems(folder: Path) -> Path:
    """10,000 people with an impossible date each: every problem reported, quickly."""
    lines = ["genogram: 1", "people:"] + [f"  - id: p{i}\n    born: 2023-02-29" for i in range(10_000)]
    path = folder / "problems-10k.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


GENERATED = [
    Generated(Case("big-50mb.yaml", "case", False, at="big-50mb.yaml:481678:49", says="larger than 20 MB"), _big_file),
    Generated(Case("scalar-10mb.yaml", "case", False, at="scalar-10mb.yaml:4:12", says="longer than 65,536 characters"), _big_scalar),
    Generated(Case("alias-bomb-wide.yaml", "case", False, at="alias-bomb-wide.yaml:2004:5", says="anchor"), _alias_bomb),
    Generated(Case("deep-100k.yaml", "case", False, at="deep-100k.yaml:2:32", says="nested more than 24 levels"), _deep),
    Generated(Case("cycle-1000.yaml", "case", False, at="cycle-1000.yaml:3003:16", says="would be their own ancestor"), _long_cycle),
    Generated(Case("problems-10k.yaml", "case", False, at="problems-10k.yaml:4:11", says="day that does not exist", commands=("validate", "lint")), _many_problems),
    Generated(
        Case("unions-10k.yaml", "case", True, commands=("validate", "render", "layout", "ecomap", "lint")),
        _many_unions,
        apart=("layout",),
    ),
    Generated(
        Case("descent-1000.yaml", "case", True, commands=("validate", "render", "layout", "ecomap", "lint", "pack")),
        _long_line_of_descent,
    ),
]


class Background:
    """Runs the generated cases' children on two worker threads: the known-slow ones apart."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.pools = (ThreadPoolExecutor(max_workers=1), ThreadPoolExecutor(max_workers=1))
        self.jobs: dict[tuple[str, str], Future[tuple[list[Run], Path]]] = {}
        self.lock = threading.Lock()
        for gen in GENERATED:
            normal = tuple(c for c in gen.case.commands if c not in gen.apart)
            self.jobs[(gen.case.name, "main")] = self.pools[0].submit(self._job, gen, normal)
            for command in gen.apart:
                self.jobs[(gen.case.name, command)] = self.pools[1].submit(self._job, gen, (command,))

    def _job(self, gen: Generated, commands: tuple[str, ...]) -> tuple[list[Run], Path]:
        out = self.folder / f"{gen.case.name}-{'-'.join(commands)}"
        out.mkdir()
        with self.lock:
            source = self.folder / gen.case.name
            if not source.exists():
                gen.make(self.folder)
        return run_child([command_args(gen.case, c, source, out) for c in commands]), out

    def result(self, name: str, part: str) -> tuple[list[Run], Path]:
        return self.jobs[(name, part)].result()

    def close(self) -> None:
        for future in self.jobs.values():
            future.cancel()
        for proc in _CHILDREN:
            if proc.poll() is None:
                proc.kill()
        for pool in self.pools:
            pool.shutdown(wait=True)


@pytest.fixture(scope="module", autouse=True)
def background(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Background]:
    """Starts the generated cases as soon as this module's first test runs."""
    folder = tmp_path_factory.mktemp("generated")
    bg = Background(folder)
    yield bg
    bg.close()
    shutil.rmtree(folder, ignore_errors=True)


def _generated_params() -> list[Any]:
    params = []
    for gen in GENERATED:
        params.append(pytest.param(gen, "main", id=f"{gen.case.name}-main"))
        for command in gen.apart:
            marks = [pytest.mark.xfail(strict=True, reason=gen.case.xfail[command])] if command in gen.case.xfail else []
            params.append(pytest.param(gen, command, id=f"{gen.case.name}-{command}", marks=marks))
    return params


@pytest.mark.parametrize(("gen", "part"), _generated_params())
def test_generated_case(gen: Generated, part: str, background: Background) -> None:
    runs, out = background.result(gen.case.name, part)
    for run in runs:
        check_run(gen.case, run)
        if run.args[0] == "layout" and gen.case.valid:
            assert json.loads(run.stdout)["people"]
    check_outputs(gen.case, out)
