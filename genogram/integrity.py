"""Cross-reference checks that make a family file drawable at all.

The model checks each value on its own; these checks look across the file:
ids that point nowhere or are used twice, parentage that loops, a child
born to two couples, dates that cannot be true. Each problem is located at
the offending value. Softer questions (is anything *missing*?) belong to lint.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from genogram.dates import add_years
from genogram.errors import Problem

if TYPE_CHECKING:
    from genogram.io.family import LoadedFamily
    from genogram.model import Family

MIN_PARENT_AGE = 10


def check_integrity(loaded: LoadedFamily) -> list[Problem]:
    """Every cross-reference problem in the file, in file order."""
    checker = _Checker(loaded)
    checker.run()
    checker.problems.sort(key=lambda p: (p.location.line, p.location.column))
    return checker.problems


def parents_of(family: Family, relations: tuple[str, ...] | None = None) -> dict[str, list[str]]:
    """Parents of each child (by any relation unless ``relations`` narrows it)."""
    parents: dict[str, list[str]] = defaultdict(list)
    for union in family.unions:
        for child in union.children:
            if relations is None or child.relation.value in relations:
                for partner in union.partners:
                    if partner not in parents[child.id]:
                        parents[child.id].append(partner)
    return parents


class _Checker:
    def __init__(self, loaded: LoadedFamily) -> None:
        self.loaded = loaded
        self.family = loaded.family
        self.problems: list[Problem] = []
        self.people = self.family.person_by_id
        self.kinds: dict[str, str] = {}

    def add(self, path: tuple[object, ...], message: str, hint: str, code: str) -> None:
        self.problems.append(Problem(self.loaded.locate(*path), message, hint, code))

    def run(self) -> None:
        self.check_ids()
        self.check_index()
        self.check_unions()
        self.check_households()
        self.check_relationships()
        self.check_connections()
        self.check_missing()
        self.check_losses()
        self.check_ancestry()
        self.check_dates()

    # ids -----------------------------------------------------------------
    def check_ids(self) -> None:
        family = self.family
        entries: list[tuple[str, str, tuple[object, ...]]] = []
        entries += [(p.id, "person", ("people", i, "id")) for i, p in enumerate(family.people)]
        entries += [(u.id, "union", ("unions", i, "id")) for i, u in enumerate(family.unions) if u.id]
        entries += [(h.id, "household", ("households", i, "id")) for i, h in enumerate(family.households)]
        entries += [(g.id, "gap", ("missing", i, "id")) for i, g in enumerate(family.missing) if g.id]
        for ident, kind, path in entries:
            if ident in self.kinds:
                self.add(
                    path,
                    f"the id `{ident}` is used twice (already used for a {self.kinds[ident]})",
                    "give each person, union, household and gap its own id",
                    "duplicate-id",
                )
            else:
                self.kinds[ident] = kind
        # Generated ids must not clash with written ones either.
        for i, union in enumerate(family.unions):
            if union.id is None and family.union_id(i) in self.kinds:
                self.add(("unions", i), f"this union's generated id `{family.union_id(i)}` is already used", "give this union an `id:`", "duplicate-id")

    def _person(self, ident: str, path: tuple[object, ...], role: str) -> bool:
        if ident in self.people:
            return True
        kind = self.kinds.get(ident)
        if kind:
            self.add(path, f"{role} `{ident}` is a {kind}, not a person", "use the id of a person listed under people:", "wrong-kind")
        else:
            self.add(path, f"{role} `{ident}` is not in people:", "add this person under people:, or correct the id", "unknown-id")
        return False

    def check_index(self) -> None:
        if self.family.index is not None:
            self._person(self.family.index, ("index",), "the index child")

    # unions --------------------------------------------------------------
    def check_unions(self) -> None:
        birth_union: dict[str, int] = {}
        for i, union in enumerate(self.family.unions):
            for j, partner in enumerate(union.partners):
                self._person(partner, ("unions", i, "partners", j), "partner")
            if len(union.partners) == 2 and union.partners[0] == union.partners[1]:
                self.add(("unions", i, "partners", 1), "the same person is listed twice as a partner", "list two different people, or one for a single recorded parent", "same-partner")
            seen: set[str] = set()
            for j, child in enumerate(union.children):
                path = ("unions", i, "children", j)
                if not self._person(child.id, path, "child"):
                    continue
                if child.id in seen:
                    self.add(path, f"child `{child.id}` is listed twice in this union", "list each child once", "duplicate-child")
                seen.add(child.id)
                if child.id in union.partners:
                    self.add(path, f"`{child.id}` is both a partner and a child of this union", "check the partners and children", "own-parent")
                if child.relation.value == "biological":
                    if child.id in birth_union and birth_union[child.id] != i:
                        self.add(
                            path,
                            f"child `{child.id}` is a birth child of two unions",
                            "a child has one birth family: mark the other as `relation: adopted` or `relation: foster`",
                            "two-birth-unions",
                        )
                    else:
                        birth_union[child.id] = i
                if child.twin is not None:
                    twins = {c.id for c in union.children}
                    if child.twin == child.id:
                        self.add(path + ("twin",), "a child cannot be their own twin", "name the other twin's id", "bad-twin")
                    elif child.twin not in twins:
                        self.add(path + ("twin",), f"twin `{child.twin}` is not a child of the same union", "list both twins under the same union's children", "bad-twin")
            # Unions between one pair are fine (remarriage), but not as partners of themselves.

    # households ------------------------------------------------------------
    def check_households(self) -> None:
        for i, household in enumerate(self.family.households):
            seen: set[str] = set()
            for j, member in enumerate(household.members):
                path = ("households", i, "members", j)
                if self._person(member, path, "household member") and member in seen:
                    self.add(path, f"`{member}` is listed twice in this household", "list each member once", "duplicate-member")
                seen.add(member)

    # relationships and connections ------------------------------------------
    def check_relationships(self) -> None:
        for i, rel in enumerate(self.family.relationships):
            if rel.between is not None:
                paths: list[tuple[object, ...]] = [("relationships", i, "between", 0), ("relationships", i, "between", 1)]
            else:
                paths = [("relationships", i, "from"), ("relationships", i, "to")]
            a, b = rel.ends
            ok = self._person(a, paths[0], "relationship end") & self._person(b, paths[1], "relationship end")
            if ok and a == b:
                self.add(paths[1], "a relationship joins a person to themselves", "name two different people", "self-relationship")

    def check_connections(self) -> None:
        for i, conn in enumerate(self.family.connections):
            if conn.with_ is None or conn.with_ in self.people or conn.with_ in self.family.household_by_id:
                continue
            self.add(("connections", i, "with"), f"`with: {conn.with_}` is not a person or household in this file", "use a person's or household's id, or leave `with` out for the whole family", "unknown-id")

    def check_missing(self) -> None:
        known = set(self.kinds) | set(self.family.union_ids)
        for i, gap in enumerate(self.family.missing):
            if gap.about is not None and gap.about not in known:
                self.add(("missing", i, "about"), f"`about: {gap.about}` is not a person, union or household in this file", "use the id of what the gap concerns, or add that person as `unknown: true`", "unknown-id")

    # pregnancies and losses ------------------------------------------------
    def check_losses(self) -> None:
        """A miscarriage, stillbirth or termination is no one's partner or parent, nor the index child."""
        def not_born(ident: str) -> str | None:
            person = self.people.get(ident)
            return person.kind.value if person is not None and person.kind.value != "person" else None

        index = self.family.index
        kind = not_born(index) if index else None
        if kind and kind != "pregnancy":
            self.add(("index",), f"the index child `{index}` is recorded as a {kind}", "make the index a born child (or a current pregnancy)", "loss-role")
        for i, union in enumerate(self.family.unions):
            for j, partner in enumerate(union.partners):
                kind = not_born(partner)
                if kind:
                    role = "parent" if union.children else "partner"
                    self.add(("unions", i, "partners", j), f"`{partner}` is recorded as a {kind} and cannot be a {role}", "list the pregnancy or loss as a child of its parents' union", "loss-role")

    # parentage loops --------------------------------------------------------
    def check_ancestry(self) -> None:
        """Report a person who is their own ancestor (iterative, so deep files cannot overflow)."""
        children: dict[str, list[tuple[str, tuple[object, ...]]]] = defaultdict(list)
        for i, union in enumerate(self.family.unions):
            for j, child in enumerate(union.children):
                for partner in union.partners:
                    if partner != child.id:
                        children[partner].append((child.id, ("unions", i, "children", j)))
        state: dict[str, int] = {}  # 1 on stack, 2 done
        reported: set[tuple[object, ...]] = set()
        for start in self.people:
            if state.get(start):
                continue
            state[start] = 1
            stack = [(start, iter(children.get(start, ())))]
            while stack:
                node, it = stack[-1]
                step = next(it, None)
                if step is None:
                    state[node] = 2
                    stack.pop()
                    continue
                descendant, path = step
                mark = state.get(descendant)
                if mark == 1:
                    if path not in reported:
                        reported.add(path)
                        self.add(path, f"`{descendant}` would be their own ancestor", "check the parents and children in these unions: someone is listed as a child of their own descendant", "own-ancestor")
                elif mark is None:
                    state[descendant] = 1
                    stack.append((descendant, iter(children.get(descendant, ()))))

    # dates -----------------------------------------------------------------
    def check_dates(self) -> None:
        family = self.family
        for i, person in enumerate(family.people):
            death = person.death_date
            if person.born is not None and death is not None and death.definitely_before(person.born):
                self.add(("people", i, "died"), "the date of death is before the date of birth", "check both dates", "death-before-birth")
        index_of = {p.id: i for i, p in enumerate(family.people)}
        for i, union in enumerate(family.unions):
            if union.start and union.end and union.end.definitely_before(union.start):
                self.add(("unions", i, "to"), "the union ends before it starts", "check `from` and `to`", "end-before-start")
            for child_ref in union.children:
                child = self.people.get(child_ref.id)
                if child is None or child.born is None or child_ref.relation.value != "biological":
                    continue
                for partner_id in union.partners:
                    parent = self.people.get(partner_id)
                    if parent is None or parent.born is None:
                        continue
                    earliest = parent.born.earliest()
                    limit = add_years(earliest, MIN_PARENT_AGE)
                    if child.born.latest() < limit:
                        self.add(
                            ("people", index_of[child.id], "born"),
                            f"`{child.id}` is born before their parent `{partner_id}` was {MIN_PARENT_AGE}",
                            "check both birth dates and that the child is listed under the right union",
                            "parent-too-young",
                        )
                        break
        for i, household in enumerate(family.households):
            if household.start and household.end and household.end.definitely_before(household.start):
                self.add(("households", i, "to"), "the household ends before it starts", "check `from` and `to`", "end-before-start")

