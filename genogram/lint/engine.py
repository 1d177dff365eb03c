"""Run the rules over a loaded family and turn what they find into located findings.

The engine owns what rules should not repeat: which rules are on (profile,
--select, --ignore), each finding's severity and place in the file, and
whether the missing-information register explains it. A gap the register
covers with steps or a plan is reported as *explained* at info level, so a
team sees both what is missing and that it is in hand.
"""

from __future__ import annotations

import tomllib
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from genogram.errors import GenogramError, Location, Problem
from genogram.lint.rule import Citation, Rule, Severity, all_rules, find_rule

if TYPE_CHECKING:
    from genogram.io.family import LoadedFamily
    from genogram.model import Family, Person
    from genogram.placements import History

PROFILES = ("default", "hull", "oxfordshire", "islington", "tower-hamlets", "early-help")

#: Thresholds a profile may change; rules read them from the context.
DEFAULT_THRESHOLDS: dict[str, int] = {
    "generations": 3,  # the index child, parents, grandparents
    "school_age_min": 5,
    "school_age_max": 18,
    "adult_age": 18,
    "mother_max_age": 55,
    "parent_min_age": 12,
    "father_after_death_days": 305,  # about ten months
    "placement_gap_days": 1,
    "child_seen_days": 31,  # session files: the child seen within a month (monthly supervision)
    "plan_review_days": 92,  # session files: the plan reviewed within about three months
    "cp_plan_months": 12,  # session files: Oxfordshire's "CP plan longer than 12months?"
}


@dataclass(frozen=True, slots=True)
class Finding:
    """One located finding, as every reporter prints it."""

    code: str
    rule: str
    severity: str
    file: str
    line: int
    column: int
    message: str
    hint: str
    subject: str | None
    explained: bool

    @property
    def level(self) -> Severity:
        return Severity.parse(self.severity)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Profile:
    """A policy profile: which rules are on, at what severity, with what thresholds."""

    name: str
    title: str
    source: Citation | None
    disabled: frozenset[str] = frozenset()
    severities: dict[str, Severity] = field(default_factory=dict)
    thresholds: dict[str, int] = field(default_factory=dict)
    #: The passage each changed severity comes from, by rule code (None: the text is silent, so lowered).
    quotes: dict[str, Citation | None] = field(default_factory=dict)
    #: Whose bank holidays count when neither the session nor the team config says.
    nation: str | None = None
    #: The policy text the quotes come from (a file name under the shared policy folder).
    policy_file: str | None = None


def load_profile(name: str) -> Profile:
    """Read ``profiles/<name>.toml`` (bundled), raising a located error for a bad name or file."""
    from importlib import resources

    if name not in PROFILES:
        raise GenogramError.single(Location("--policy"), f"unknown policy profile `{name}`", f"use one of: {', '.join(PROFILES)}", code="policy")
    text = resources.files("genogram.lint").joinpath("profiles", f"{name}.toml").read_text(encoding="utf-8")
    return parse_profile(text, f"{name}.toml")


def parse_profile(text: str, origin: str) -> Profile:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise GenogramError.single(Location(origin), f"is not valid TOML ({exc})", "check the profile file", code="policy") from None
    meta = data.get("profile", {})
    source = None
    if "document" in meta:
        source = Citation(meta["document"], meta.get("section", ""), meta.get("passage", ""))
    rules = data.get("rules", {})
    disabled: set[str] = set()
    for word in rules.get("disable", []):
        disabled |= _expand(word, origin)
    severities: dict[str, Severity] = {}
    quotes: dict[str, Citation | None] = {}
    for word, entry in data.get("severity", {}).items():
        level, quote = _severity_entry(entry, meta, origin, word)
        for code in _expand(word, origin):
            if level == "off":
                disabled.add(code)
            else:
                severities[code] = Severity.parse(level)
            quotes[code] = quote
    thresholds = dict(DEFAULT_THRESHOLDS)
    for key, value in data.get("thresholds", {}).items():
        if key not in DEFAULT_THRESHOLDS or not isinstance(value, int):
            raise GenogramError.single(Location(origin), f"has an unknown or non-integer threshold `{key}`", f"use: {', '.join(DEFAULT_THRESHOLDS)}", code="policy")
        thresholds[key] = value
    nation = meta.get("nation")
    if nation is not None:
        from genogram.workdays import Nation

        if nation not in {n.value for n in Nation}:
            raise GenogramError.single(Location(origin), f"names an unknown nation `{nation}`", f"use one of: {', '.join(n.value for n in Nation)}", code="policy")
    return Profile(meta.get("name", origin), meta.get("title", ""), source, frozenset(disabled), severities, thresholds, quotes, nation, meta.get("file"))


def _severity_entry(entry: object, meta: dict[str, Any], origin: str, word: str) -> tuple[str, Citation | None]:
    """A `[severity]` entry: a bare level, or a table with the level and the passage it comes from.

    ``silent = true`` instead of a passage says the policy text does not ask
    for this at all; such a rule may only be lowered to info or turned off.
    """
    if isinstance(entry, str):
        return entry, None
    if not isinstance(entry, dict) or not isinstance(entry.get("level"), str):
        raise GenogramError.single(Location(origin), f"has a `[severity]` entry for `{word}` without a level", 'write `level = "error"` and the `passage` it comes from', code="policy")
    level = entry["level"]
    if entry.get("silent"):
        if level not in ("info", "off"):
            raise GenogramError.single(Location(origin), f"raises `{word}` to {level} with no passage", "quote the passage, or use info or off where the text is silent", code="policy")
        return level, None
    return level, Citation(meta.get("document", origin), entry.get("section", meta.get("section", "")), entry.get("passage", ""))


def _expand(word: str, origin: str) -> set[str]:
    """Codes matching a code, a code prefix (GEN1, GEN30), a rule name, or ALL."""
    rules = all_rules()
    token = word.strip()
    if token.upper() == "ALL":
        return set(rules)
    if token.upper().startswith(("GEN", "SES")):
        found = {code for code in rules if code.startswith(token.upper())}
    else:
        one = find_rule(token)
        found = {one.code} if one else set()
    if not found:
        raise GenogramError.single(Location(origin), f"names no rule: `{token}`", "see `genogram lint --list-rules`", code="rule")
    return found


@dataclass(frozen=True, slots=True)
class Config:
    """Everything that decides which rules run and how findings are graded."""

    profile: Profile
    select: frozenset[str] | None = None
    ignore: frozenset[str] = frozenset()
    today: date | None = None
    #: The team config's nation (`.genogram.toml`), for working days.
    nation: str | None = None
    #: True when the profile was chosen on the command line: it then overrides a session's `policy:`.
    policy_given: bool = False

    @classmethod
    def build(
        cls,
        policy: str = "default",
        select: list[str] | None = None,
        ignore: list[str] | None = None,
        today: date | None = None,
        nation: str | None = None,
        policy_given: bool = False,
    ) -> Config:
        chosen = None
        if select:
            chosen = frozenset().union(*(_expand(w, "--select") for w in select))
        ignored = frozenset().union(*(_expand(w, "--ignore") for w in ignore)) if ignore else frozenset()
        if nation is not None:
            from genogram.workdays import Nation

            if nation not in {n.value for n in Nation}:
                raise GenogramError.single(Location(".genogram.toml"), f"names an unknown nation `{nation}`", f"use one of: {', '.join(n.value for n in Nation)}", code="config")
        return cls(load_profile(policy), chosen, ignored, today, nation, policy_given)

    def enabled(self, target: str = "family") -> list[type[Rule]]:
        """The rules that run on a file of ``target`` kind ("family" or "session")."""
        rules = all_rules()
        codes = set(rules) - self.profile.disabled if self.select is None else set(self.select)
        return [rules[c] for c in sorted(codes - self.ignore) if rules[c].target == target]

    def with_profile(self, policy: str) -> Config:
        """The same selection with another profile (a session file's own `policy:`)."""
        from dataclasses import replace

        return replace(self, profile=load_profile(policy))

    def severity(self, rule: type[Rule]) -> Severity:
        return self.profile.severities.get(rule.code, rule.severity)


class Context:
    """A family and the views of it rules share, each computed once."""

    def __init__(self, loaded: LoadedFamily, today: date, thresholds: dict[str, int]) -> None:
        self.loaded = loaded
        self.family: Family = loaded.family
        self.today = today
        self.thresholds = thresholds

    @cached_property
    def people(self) -> dict[str, Person]:
        return self.family.person_by_id

    @cached_property
    def person_index(self) -> dict[str, int]:
        return {p.id: i for i, p in enumerate(self.family.people)}

    def person_path(self, ident: str) -> tuple[object, ...]:
        """The path of a person's id line (where findings about them point)."""
        i = self.person_index.get(ident)
        return ("people", i, "id") if i is not None else ()

    @cached_property
    def parents(self) -> dict[str, list[str]]:
        from genogram.integrity import parents_of

        return dict(parents_of(self.family))

    @cached_property
    def birth_parents(self) -> dict[str, list[str]]:
        from genogram.integrity import parents_of

        return dict(parents_of(self.family, ("biological",)))

    @cached_property
    def children_of_union(self) -> list[list[str]]:
        return [[c.id for c in u.children] for u in self.family.unions]

    @cached_property
    def unions_of(self) -> dict[str, list[int]]:
        found: dict[str, list[int]] = defaultdict(list)
        for i, union in enumerate(self.family.unions):
            for partner in union.partners:
                found[partner].append(i)
        return found

    @cached_property
    def households_of(self) -> dict[str, list[int]]:
        found: dict[str, list[int]] = defaultdict(list)
        for i, household in enumerate(self.family.households):
            for member in household.members:
                found[member].append(i)
        return found

    @cached_property
    def placement_histories(self) -> dict[str, History]:
        """Each child's stays, gaps and overlaps (see :mod:`genogram.placements`), in file order."""
        from genogram.placements import histories

        children = [p.id for p in self.family.people if self.is_child(p)]
        return histories(self.family, children, self.today, self.thresholds["placement_gap_days"])

    @cached_property
    def gaps_about(self) -> dict[str, list[int]]:
        """Open register entries by the id they are about."""
        found: dict[str, list[int]] = defaultdict(list)
        for i, gap in enumerate(self.family.missing):
            if gap.about is not None and gap.status.value == "open":
                found[gap.about].append(i)
        return found

    def explains(self, ids: tuple[str, ...]) -> bool:
        """True when an open register entry about one of ``ids`` has steps or a plan."""
        for ident in ids:
            for i in self.gaps_about.get(ident, ()):
                gap = self.family.missing[i]
                if gap.steps or gap.plan:
                    return True
        return False

    @cached_property
    def ages(self) -> dict[str, int | None]:
        """Age in whole years at ``today`` (from the birth date, else the recorded age), by id."""
        from genogram.dates import years_between

        return {p.id: years_between(p.born.midpoint(), self.today) if p.born is not None else p.age for p in self.family.people}

    def age(self, person: Person) -> int | None:
        return self.ages.get(person.id)

    @cached_property
    def children(self) -> frozenset[str]:
        """Ids of living people under the adult age (not pregnancies or losses)."""
        adult = self.thresholds["adult_age"]
        return frozenset(
            p.id for p in self.family.people if (a := self.ages.get(p.id)) is not None and a < adult and p.kind.value == "person" and not p.deceased
        )

    def is_child(self, person: Person) -> bool:
        return person.id in self.children

    def union_id(self, position: int) -> str:
        return self.family.union_id(position)


def reference_day(loaded: LoadedFamily, today: date | None) -> date:
    """--today, else the file's as_of, else the real today."""
    if today is not None:
        return today
    if loaded.family.as_of is not None:
        return loaded.family.as_of.midpoint()
    return date.today()


def lint_loaded(loaded: LoadedFamily, config: Config) -> list[Finding]:
    """Every finding of the enabled rules for one family, in file order."""
    ctx = Context(loaded, reference_day(loaded, config.today), config.profile.thresholds)
    findings: list[Finding] = []
    for rule_cls in config.enabled("family"):
        rule = rule_cls()
        severity = config.severity(rule_cls)
        for hit in rule.check(ctx):
            explained = rule_cls.explainable and ctx.explains(hit.covers or ((hit.subject,) if hit.subject else ()))
            location = hit.location or loaded.locate(*hit.path, key=hit.key)
            findings.append(
                Finding(
                    rule_cls.code,
                    rule_cls.name,
                    str(Severity.INFO if explained else severity),
                    location.file,
                    location.line,
                    location.column,
                    hit.message + (" (explained: the missing-information register covers it)" if explained else ""),
                    hit.hint,
                    hit.subject,
                    explained,
                )
            )
    findings.sort(key=lambda f: (f.line, f.column, f.code))
    return findings


@dataclass(slots=True)
class FileResult:
    """What linting one file gave: findings, or the problems that stopped it loading."""

    file: str
    findings: list[Finding] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def lint_file(path: str | Path, config: Config) -> FileResult:
    """Load (without the integrity gate, so those problems become findings) and lint one file.

    A session file (``*.session.yaml``, or any file whose top level has
    ``session:``) is linted with the session rules instead.
    """
    from genogram.io.family import family_from_document
    from genogram.io.strict_yaml import load_file

    name = str(path)
    try:
        document = load_file(path)
        if is_session_document(name, document.data):
            from genogram.lint.session_lint import lint_session_document

            return FileResult(name, findings=lint_session_document(document, config))
        loaded = family_from_document(document, check=False)
    except GenogramError as error:
        return FileResult(name, problems=error.problems)
    return FileResult(name, findings=lint_loaded(loaded, config))


def is_session_document(name: str, data: object) -> bool:
    """A session file: named ``*.session.yaml`` or with a top-level ``session:`` and no ``people:``."""
    if name.lower().endswith((".session.yaml", ".session.yml")):
        return True
    return isinstance(data, dict) and "session" in data and "people" not in data


def lint_text(text: str, config: Config | None = None, name: str = "<string>") -> list[Finding]:
    """Lint YAML text (used by tests and the docs examples)."""
    from genogram.io.family import loads_family

    return lint_loaded(loads_family(text, name, check=False), config or Config.build())


def failing(findings: list[Finding], fail_on: Severity) -> list[Finding]:
    """Findings that make the run fail: unexplained and at or above ``fail_on``."""
    return [f for f in findings if not f.explained and f.level >= fail_on]


SETTINGS_KEYS = ("policy", "select", "ignore", "fail-on", "nation")


def find_settings(start: Path, cache: dict[Path, dict[str, Any]] | None = None) -> dict[str, Any]:
    """Lint settings from the nearest `.genogram.toml`, or `[tool.genogram]` of a `pyproject.toml`, upward from ``start``.

    A `.genogram.toml` may hold the keys at top level or under `[lint]`; in a
    pyproject the table is `[tool.genogram]` (or `[tool.genogram.lint]`).
    """
    cache = {} if cache is None else cache
    folder = start if start.is_dir() else start.parent
    folder = folder.resolve()
    visited: list[Path] = []
    found: dict[str, Any] = {}
    for here in (folder, *folder.parents):
        if here in cache:
            found = cache[here]
            break
        visited.append(here)
        table = _settings_in(here)
        if table is not None:
            found = table
            break
    for here in visited:
        cache[here] = found
    return found


def _settings_in(folder: Path) -> dict[str, Any] | None:
    for name, getter in ((".genogram.toml", lambda d: d.get("lint", d)), ("pyproject.toml", lambda d: d.get("tool", {}).get("genogram"))):
        candidate = folder / name
        if not candidate.is_file():
            continue
        try:
            data = tomllib.loads(candidate.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, OSError, UnicodeDecodeError) as exc:
            raise GenogramError.single(Location(str(candidate)), f"cannot be read as TOML ({type(exc).__name__})", "fix the file or remove it", code="config") from None
        table = getter(data)
        if table is None:
            continue
        if isinstance(table, dict) and "lint" in table and isinstance(table["lint"], dict):
            table = table["lint"]
        settings = {k: v for k, v in table.items() if k in SETTINGS_KEYS}
        settings["__file__"] = str(candidate)  # where a bad setting is reported
        return settings
    return None
