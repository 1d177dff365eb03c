"""Seeded generator of realistic family files of any size, for benchmarks and tests.

Hand-written samples stop at a few dozen people; layout and validation need
families of thousands that still look like real ones: several generations,
remarriage with half and step siblings, unknown and absent parents, adoption
and foster care with placement histories, twins, pregnancy losses, and the
odd cousin marriage. One big connected family grows from a founding couple,
people marry in (some bringing their own parents and siblings), and dates
stay consistent (parents 17-45 at a birth, no one dies before their children
are born). The same ``(people, seed)`` always gives the same bytes.

    python bench/families.py --people 1000 --seed 1 -o out.yaml
"""

from __future__ import annotations

import argparse
import heapq
import random
import sys
from datetime import date
from pathlib import Path

AS_OF = date(2026, 11, 15)
AS_OF_ORD = AS_OF.toordinal()
YEAR = 365.25
MIN_BIRTH_ORD = date(1801, 1, 1).toordinal()

FEMALE = (
    "Ada Alice Amelia Amy Anna Ava Beth Chloe Clara Daisy Edith Ella Emily Emma Erin Eve Faith Florence Freya Grace "
    "Hannah Harriet Holly Ivy Isla Jade Jane Jessica Kate Leah Lily Lucy Maisie Margaret Maria Martha Mary Megan Mia "
    "Molly Nancy Niamh Olivia Phoebe Poppy Rose Ruby Sarah Sophie Zara"
).split()
MALE = (
    "Adam Albert Alfie Archie Arthur Ben Callum Charlie Daniel David Dylan Edward Ethan Finn Frank Freddie George "
    "Harry Henry Isaac Jack Jacob James Joe John Joseph Kai Leo Lewis Liam Louis Luke Mason Max Noah Oliver Oscar "
    "Owen Reuben Robert Ryan Sam Thomas Toby Tom Walter William"
).split()
SURNAMES = (
    "Ahmed Allen Bailey Baker Bell Brown Campbell Carter Clarke Cooper Davies Edwards Evans Fisher Green Hall Harris "
    "Hill Hughes Jackson James Jones Khan King Lewis Martin Mitchell Moore Morgan Morris Murphy Nowak Okafor Owen "
    "Parker Patel Phillips Price Roberts Robinson Scott Shaw Smith Taylor Thomas Turner Walker Ward White Wilson "
    "Wood Wright Young"
).split()
CONDITIONS = ("mental-health", "substance-misuse", "alcohol-misuse", "physical-illness", "disability")


class _Person:
    __slots__ = (
        "id", "name", "sex", "born", "prec", "death", "death_known", "kind", "unknown", "birth_union",
        "unions", "done", "gender", "pronouns", "condition", "has_parents",
    )

    def __init__(self, pid: str, name: str | None, sex: str, born: int | None, prec: int) -> None:
        self.id = pid
        self.name = name
        self.sex = sex
        self.born = born
        self.prec = prec  # 0 year, 1 month, 2 day, 3 approximate year
        self.death: int | None = None
        self.death_known = True
        self.kind = "person"
        self.unknown = False
        self.birth_union: int | None = None
        self.unions: list[int] = []
        self.done = False
        self.gender: str | None = None
        self.pronouns: str | None = None
        self.condition: str | None = None
        self.has_parents = False


class _Union:
    __slots__ = ("partners", "status", "start", "end", "children")

    def __init__(self, partners: list[str], status: str | None, start: int | None, end: int | None) -> None:
        self.partners = partners
        self.status = status
        self.start = start
        self.end = end
        # (id, relation, twin id or None, identical or None)
        self.children: list[tuple[str, str, str | None, bool | None]] = []


class _Generator:
    def __init__(self, people: int, seed: int) -> None:
        self.target = people
        self.rng = random.Random(seed)
        self.people: dict[str, _Person] = {}
        self.order: list[_Person] = []
        self.unions: list[_Union] = []
        self.households: list[str] = []
        self.relationships: list[str] = []
        self.missing: list[str] = []
        self.heap: list[tuple[int, int, str]] = []
        self.seq = 0
        self.used_ids: dict[str, int] = {}
        self.grandchildren: dict[int, list[str]] = {}
        self.spouses_without_parents: list[str] = []
        self.cousin_marriages = 0
        self.placed_on: dict[str, int] = {}

    # helpers -------------------------------------------------------------
    def room(self, n: int = 1) -> bool:
        return len(self.order) + n <= self.target

    def new_id(self, first: str, surname: str) -> str:
        base = f"{first}-{surname}".lower()
        n = self.used_ids.get(base, 0) + 1
        self.used_ids[base] = n
        return base if n == 1 else f"{base}-{n}"

    def person(self, sex: str, born: int, surname: str, first: str | None = None) -> _Person:
        rng = self.rng
        first = first or rng.choice(FEMALE if sex == "female" else MALE)
        year = date.fromordinal(born).year
        roll = rng.random()
        if year < 1940:
            prec = 3 if roll < 0.15 else 0 if roll < 0.75 else 1
        else:
            prec = 2 if roll < 0.7 else 1 if roll < 0.9 else 0
        p = _Person(self.new_id(first, surname), f"{first} {surname}", sex, born, prec)
        # Lifespan: most people born before the 1940s have died.
        life = int(rng.triangular(45, 98, 82) * YEAR)
        if born + life < AS_OF_ORD - 30:
            p.death = born + life
            p.death_known = rng.random() > 0.06
        if year >= 1950 and born < AS_OF_ORD - 12 * YEAR:  # a gender identity is recorded from about 12
            roll = rng.random()
            if roll < 0.004:
                p.gender, p.pronouns = "non-binary", "they/them"
            elif roll < 0.007:
                p.gender = "trans-man" if sex == "female" else "trans-woman"
                p.pronouns = "he/him" if sex == "female" else "she/her"
        if year < 2010 and rng.random() < 0.04:
            p.condition = rng.choice(CONDITIONS)
        self.people[p.id] = p
        self.order.append(p)
        return p

    def push(self, p: _Person) -> None:
        if p.born is not None and p.born <= AS_OF_ORD - 18 * YEAR and p.kind == "person" and not p.unknown:
            self.seq += 1
            heapq.heappush(self.heap, (p.born, self.seq, p.id))

    def alive_until(self, p: _Person) -> int:
        return p.death if p.death is not None else AS_OF_ORD

    def add_union(self, partners: list[str], status: str | None, start: int | None, end: int | None) -> int:
        self.unions.append(_Union(partners, status, start, end))
        index = len(self.unions) - 1
        for pid in partners:
            self.people[pid].unions.append(index)
        return index

    def add_child(self, union_index: int, child: _Person, relation: str = "biological") -> None:
        union = self.unions[union_index]
        union.children.append((child.id, relation, None, None))
        if relation == "biological":
            child.birth_union = union_index
            for pid in union.partners:
                gu = self.people[pid].birth_union
                if gu is not None:
                    self.grandchildren.setdefault(gu, []).append(child.id)

    # building blocks -------------------------------------------------------
    def fresh_name(self, sex: str, union_index: int) -> str:
        """A first name none of this couple's children has."""
        taken = {self.people[c[0]].name.split()[0] for c in self.unions[union_index].children if self.people[c[0]].name}
        names = FEMALE if sex == "female" else MALE
        for _ in range(6):
            first = self.rng.choice(names)
            if first not in taken:
                return first
        return first

    def birth_window(self, parents: list[_Person], start: int, end: int) -> tuple[int, int]:
        lo, hi = start, end
        for p in parents:
            assert p.born is not None
            lo = max(lo, p.born + int(18 * YEAR))
            hi = min(hi, p.born + int((42 if p.sex == "female" else 44) * YEAR), self.alive_until(p) - 1)
        return lo, min(hi, AS_OF_ORD - 1)

    def children_for(
        self, union_index: int, count: int, surname: str, start: int, end: int, avoid: int | None = None
    ) -> list[_Person]:
        """Biological children (with the odd twin pair and pregnancy loss) born in the window."""
        rng = self.rng
        union = self.unions[union_index]
        parents = [self.people[pid] for pid in union.partners if not self.people[pid].unknown]
        lo, hi = self.birth_window(parents, start, end)
        if hi - lo < 300 or count <= 0:
            return []
        dates = sorted(rng.randint(lo, hi) for _ in range(count))
        made: list[_Person] = []
        last = -10**9
        for born in dates:
            if born - last < 300 or not self.room() or (avoid is not None and abs(born - avoid) < 300):
                continue
            last = born
            roll = rng.random()
            if roll < 0.05:
                loss = _Person(self.new_id("loss", surname), None, "unknown", born, 1)
                loss.kind = rng.choice(("miscarriage", "miscarriage", "stillbirth", "termination"))
                self.people[loss.id] = loss
                self.order.append(loss)
                self.add_child(union_index, loss)
                continue
            sex = rng.choice(("female", "male"))
            child = self.person(sex, born, surname, self.fresh_name(sex, union_index))
            self.add_child(union_index, child)
            made.append(child)
            if roll > 0.97 and self.room():
                identical = rng.random() < 0.35
                sex = child.sex if identical else rng.choice(("female", "male"))
                twin = self.person(sex, born, surname, self.fresh_name(sex, union_index))
                twin.prec = child.prec = 2
                union.children[-1] = (child.id, "biological", twin.id, identical)
                self.add_child(union_index, twin)
                made.append(twin)
        return made

    def spouse_for(self, p: _Person, start: int, same_sex: bool) -> _Person:
        rng = self.rng
        sex = p.sex if same_sex else ("male" if p.sex == "female" else "female")
        assert p.born is not None
        born = p.born + int(rng.gauss(2 if sex == "male" else -2, 3) * YEAR)
        born = max(min(born, start - int(18 * YEAR)), MIN_BIRTH_ORD + int(40 * YEAR))
        spouse = self.person(sex, born, rng.choice(SURNAMES))
        if spouse.death is not None and spouse.death <= start:
            spouse.death = start + int(rng.uniform(1, 30) * YEAR)
            if spouse.death >= AS_OF_ORD:
                spouse.death = None
        if self.rng.random() < 0.35:
            self.family_of_origin(spouse, siblings=rng.choice((0, 1, 1, 2, 3)))
        else:
            self.spouses_without_parents.append(spouse.id)
        return spouse

    def family_of_origin(self, p: _Person, siblings: int) -> bool:
        """Record a marry-in's parents (and siblings, who may marry and have children in turn)."""
        rng = self.rng
        assert p.born is not None
        if p.has_parents or not self.room(2):
            return False
        surname = (p.name or "x y").split()[-1]
        mother_born = p.born - int(rng.uniform(20, 36) * YEAR)
        father_born = mother_born - int(rng.uniform(-2, 6) * YEAR)
        if min(mother_born, father_born) < MIN_BIRTH_ORD:
            return False
        mother = self.person("female", mother_born, surname)
        father = self.person("male", father_born, surname)
        for parent in (mother, father):
            if parent.death is not None and parent.death <= p.born:
                parent.death = p.born + int(rng.uniform(5, 40) * YEAR)
                if parent.death >= AS_OF_ORD:
                    parent.death = None
        start = p.born - int(rng.uniform(1, 6) * YEAR)
        ui = self.add_union([father.id, mother.id], "married", start, None)
        self.finish_union_status(ui)
        p.has_parents = True
        sibs = self.children_for(ui, siblings + 1, surname, start, self.unions[ui].end or AS_OF_ORD, avoid=p.born)
        # p is one of the children, placed in birth order.
        self.add_child(ui, p)
        union = self.unions[ui]
        born_of = {c.id: self.people[c.id].born or 0 for c in sibs}
        born_of[p.id] = p.born
        union.children.sort(key=lambda c: born_of.get(c[0], 0))
        for sib in sibs:
            self.push(sib)
        return True

    def finish_union_status(self, ui: int) -> None:
        """A union ends by a death (widowed) if a partner dies while it lasts."""
        union = self.unions[ui]
        deaths = [self.people[pid].death for pid in union.partners if self.people[pid].death is not None]
        first_death = min(deaths) if deaths else None
        if first_death is not None and (union.end is None or first_death < union.end):
            union.end = max(first_death, (union.start or first_death) + 1)
            union.status = "widowed"

    # the family ---------------------------------------------------------------
    def founders(self) -> None:
        rng = self.rng
        # Each generation multiplies the family by about four; pick the depth whose
        # natural size fits, and let refill() grow the rest sideways.
        generations = 2 + sum(self.target >= limit for limit in (190, 430, 3800, 12700))
        year = AS_OF.year - 25 * generations - 18
        surname = rng.choice(SURNAMES)
        husband = self.person("male", date(year, 1, 1).toordinal() + rng.randint(0, 364), surname)
        wife_year = year + rng.randint(0, 4)
        wife = self.person("female", date(wife_year, 1, 1).toordinal() + rng.randint(0, 364), surname)
        start = max(husband.born or 0, wife.born or 0) + int(rng.uniform(19, 26) * YEAR)
        for p in (husband, wife):
            if p.death is not None and p.death < start + 25 * YEAR:
                p.death = start + int(rng.uniform(25, 50) * YEAR)
                if p.death >= AS_OF_ORD:
                    p.death = None
        ui = self.add_union([husband.id, wife.id], "married", start, None)
        self.finish_union_status(ui)
        husband.done = wife.done = True
        self.spouses_without_parents += [husband.id, wife.id]  # refilled last: their families are the largest
        for child in self.children_for(ui, rng.choice((2, 3, 3, 4, 5)), surname, start, self.unions[ui].end or AS_OF_ORD):
            self.push(child)

    def partner_up(self, p: _Person) -> None:
        """Give an adult their relationships over a lifetime, with the children of each."""
        rng = self.rng
        p.done = True
        roll = rng.random()
        count = 0 if roll < 0.12 else 1 if roll < 0.78 else 2 if roll < 0.95 else 3
        assert p.born is not None
        cursor = p.born + int(rng.uniform(18, 30) * YEAR)
        surname = (p.name or "x y").split()[-1]
        for n in range(count):
            if cursor >= min(self.alive_until(p), AS_OF_ORD) - 200 or not self.room(2):
                return
            last = n == count - 1
            spouse = self.cousin_for(p) if n == 0 else None
            if spouse is not None:
                assert spouse.born is not None
                cursor = max(cursor, spouse.born + int(18.5 * YEAR))
            roll = rng.random()
            if spouse is None and roll < 0.09 and p.sex == "female":
                # A brief relationship: the other parent is unknown (in the gap register) or not recorded.
                ui = self.unknown_parent_union(p) if roll < 0.05 else self.add_union([p.id], None, None, None)
                end = cursor + int(rng.uniform(0.5, 2) * YEAR)
                kids = self.children_for(ui, 1, surname, cursor, end)
                for kid in kids:
                    self.push(kid)
                cursor = end + int(rng.uniform(1, 4) * YEAR)
                continue
            same_sex = spouse is None and roll > 0.97
            if spouse is None:
                spouse = self.spouse_for(p, cursor, same_sex)
                if n > 0 and rng.random() < 0.4:
                    self.previous_family(spouse, cursor)
            married = rng.random() < 0.7
            end = None if last else cursor + int(rng.uniform(3, 14) * YEAR)
            if end is not None and end >= AS_OF_ORD:
                end = None
            status = ("married" if married else "cohabiting") if end is None else ("divorced" if married else "separated")
            pair = [p.id, spouse.id] if p.sex == "male" else [spouse.id, p.id]
            ui = self.add_union(pair, status, cursor, end)
            self.finish_union_status(ui)
            union = self.unions[ui]
            span_end = union.end or AS_OF_ORD
            if same_sex:
                self.adopt(ui, surname, cursor, span_end, count=rng.choice((0, 1, 2)))
            else:
                kids = self.children_for(ui, rng.choice((0, 1, 2, 2, 2, 3, 3, 4, 5)), surname, cursor, span_end)
                for kid in kids:
                    self.push(kid)
                if rng.random() < 0.03:
                    self.adopt(ui, surname, cursor, span_end, count=1)
                if union.end is None and rng.random() < 0.05:
                    self.foster(ui, surname)
            if union.end is None:
                if rng.random() < 0.04:
                    kind = rng.choice(("close", "conflictual", "distant", "hostile"))
                    self.relationships.append(f"  - {{between: [{pair[0]}, {pair[1]}], kind: {kind}}}")
                return
            cursor = union.end + int(rng.uniform(0.5, 5) * YEAR)

    def cousin_for(self, p: _Person) -> _Person | None:
        """Now and then (always once in a large family) marry two grandchildren of one couple."""
        if p.birth_union is None or (self.cousin_marriages and self.rng.random() > 0.01) or self.target < 150:
            return None
        parents = self.unions[p.birth_union].partners
        for pid in parents:
            gu = self.people[pid].birth_union
            for qid in self.grandchildren.get(gu, ()) if gu is not None else ():
                q = self.people[qid]
                if (
                    q.done or q.unions or q.birth_union == p.birth_union or q.sex == p.sex or q.kind != "person"
                    or q.born is None or p.born is None or abs(q.born - p.born) > 6 * YEAR
                    or q.born > AS_OF_ORD - 20 * YEAR or q.death is not None or p.death is not None
                ):
                    continue
                q.done = True
                self.cousin_marriages += 1
                return q
        return None

    def unknown_parent_union(self, p: _Person) -> int:
        other = "male" if p.sex == "female" else "female"
        ghost = _Person(self.new_id("unknown", "parent"), None, other, None, 0)
        ghost.unknown = True
        self.people[ghost.id] = ghost
        self.order.append(ghost)
        pair = [ghost.id, p.id] if other == "male" else [p.id, ghost.id]
        ui = self.add_union(pair, "casual", None, None)
        self.missing.append(
            f"  - {{about: {ghost.id}, what: Identity of this parent, plan: Ask the family at the next visit, owner: Allocated social worker}}"
        )
        return ui

    def previous_family(self, spouse: _Person, before: int) -> None:
        """A marry-in who brings children from an earlier relationship: stepsiblings."""
        rng = self.rng
        assert spouse.born is not None
        start = spouse.born + int(18 * YEAR)
        if before - start < 2 * YEAR or not self.room(2):
            return
        if rng.random() < 0.5:
            ui = self.add_union([spouse.id], None, None, None)  # the other parent is simply not recorded
        else:
            ex = self.person("female" if spouse.sex == "male" else "male", spouse.born + int(rng.uniform(-3, 3) * YEAR), rng.choice(SURNAMES))
            pair = [spouse.id, ex.id] if spouse.sex == "male" else [ex.id, spouse.id]
            ui = self.add_union(pair, "separated", start, before - 100)
            self.finish_union_status(ui)
        surname = (spouse.name or "x y").split()[-1]
        for kid in self.children_for(ui, rng.choice((1, 1, 2, 3)), surname, start, before - 100):
            self.push(kid)

    def adopt(self, ui: int, surname: str, start: int, end: int, count: int) -> None:
        """Adopted children, each with a placement history: foster care, then the adoptive home."""
        rng = self.rng
        union = self.unions[ui]
        lo, hi = start + 300, min(end, AS_OF_ORD - 800)
        for _ in range(count):
            if hi - lo < 400 or not self.room():
                return
            born = rng.randint(lo, hi)
            child = self.person(rng.choice(("female", "male")), born, surname)
            union.children.append((child.id, "adopted", None, None))
            self.push(child)
            placed = min(born + rng.randint(200, 900), AS_OF_ORD - 100)
            if child.death is not None and child.death <= placed + 365:
                child.death = None
            if born < date(1960, 1, 1).toordinal():
                continue
            self.placed_on[child.id] = placed
            self.history(child.id, "Foster placement before adoption", "foster", born + 30, placed)

    def foster(self, ui: int, surname: str) -> None:
        """A child in foster care now, sometimes after an earlier placement."""
        rng = self.rng
        union = self.unions[ui]
        if not self.room():
            return
        born = AS_OF_ORD - rng.randint(2 * 365, 15 * 365)
        child = self.person(rng.choice(("female", "male")), born, rng.choice(SURNAMES))
        child.death = None
        union.children.append((child.id, "foster", None, None))
        since = AS_OF_ORD - rng.randint(60, 700)
        self.placed_on[child.id] = since
        if rng.random() < 0.5:
            kind = rng.choice(("foster", "residential", "kinship"))
            self.history(child.id, "Earlier placement", kind, max(born + 30, since - rng.randint(100, 900)), since)

    def history(self, child: str, label: str, kind: str, start: int, end: int) -> None:
        n = len(self.households) + 1
        self.households.append(
            f"  - {{id: household-{n}, label: {label}, placement: {kind}, members: [{child}], from: {_iso(start)}, to: {_iso(end)}}}"
        )

    def build_households(self) -> None:
        """Where everyone lives now: couples with their children and stepchildren, lone parents,
        foster and adoptive homes, and the odd kinship placement with a grandparent."""
        rng = self.rng
        people = self.people
        homes: dict[object, list] = {}  # key -> [members, from, label, placement]
        home_of: dict[str, object] = {}
        for ui, u in enumerate(self.unions):
            if u.end is None and u.status in ("married", "cohabiting") and all(people[p].death is None for p in u.partners):
                homes[ui] = [list(u.partners), u.start, None, None]
                for pid in u.partners:
                    home_of[pid] = ui

        def home_for(pid: str) -> object:
            if pid not in home_of:
                home_of[pid] = ("p", pid)
                homes[("p", pid)] = [[pid], None, None, None]
            return home_of[pid]

        young = AS_OF_ORD - 18 * YEAR
        for ui, u in enumerate(self.unions):
            for cid, relation, _, _ in u.children:
                child = people[cid]
                if child.kind != "person" or child.born is None or child.born <= young or child.death is not None:
                    continue
                parents = [people[p] for p in u.partners if not people[p].unknown and people[p].death is None]
                parents.sort(key=lambda p: p.sex != "female")
                key: object = None
                placement = label = None
                since = None
                if relation == "foster":
                    key, placement, label, since = ui if ui in homes else None, "foster", "Foster home", self.placed_on.get(cid)
                elif any(people[p].condition in ("substance-misuse", "alcohol-misuse") for p in u.partners) and child.born < AS_OF_ORD - 400 and rng.random() < 0.6:
                    grandparents = [
                        g for p in u.partners if people[p].birth_union is not None
                        for g in self.unions[people[p].birth_union].partners
                        if people[g].death is None and not people[g].unknown
                    ]
                    if grandparents:
                        key = home_for(grandparents[0])
                        placement, label = "kinship", "Kinship placement with a grandparent"
                        since = rng.randint(child.born + 200, AS_OF_ORD - 30)
                if key is None and relation != "foster":
                    key = ui if ui in homes else home_for(parents[0].id) if parents else None
                    if relation == "adopted" and cid in self.placed_on:
                        placement, label, since = "adoptive", "Adoptive home", self.placed_on[cid]
                if key is None:
                    continue
                home = homes[key]
                home[0].append(cid)
                if placement and home[3] is None:
                    home[1], home[2], home[3] = since, label, placement
        for home in homes.values():
            members, since, label, placement = home
            n = len(self.households) + 1
            text = f"  - {{id: household-{n}"
            if label:
                text += f", label: {label}, placement: {placement}"
            text += f", members: [{', '.join(members)}]"
            if since is not None:
                text += f", from: {_iso(since)}"
            self.households.append(text + "}")

    def refill(self) -> bool:
        """Grow sideways when the descendants run out: record a marry-in's birth family."""
        # The most recent marry-ins first: their families are small, so the total lands close.
        while self.spouses_without_parents:
            p = self.people[self.spouses_without_parents.pop()]
            if self.family_of_origin(p, siblings=self.rng.choice((2, 3, 4))):
                return True
        return False

    def build(self) -> None:
        self.founders()
        while self.room():
            if not self.heap:
                if not self.refill():
                    break
                continue
            _, _, pid = heapq.heappop(self.heap)
            p = self.people[pid]
            if not p.done:
                self.partner_up(p)
        self.top_up()
        self.build_households()

    def top_up(self) -> None:
        """Reach the exact size with late, childless partners for single adults (or their births)."""
        rng = self.rng
        singles = [
            p for p in self.order
            if p.kind == "person" and not p.unknown and not p.unions and p.death is None
            and p.born is not None and p.born < AS_OF_ORD - 22 * YEAR
        ]
        for p in singles:
            if not self.room():
                return
            assert p.born is not None
            start = p.born + int(rng.uniform(20, 22) * YEAR)
            sex = "male" if p.sex == "female" else "female"
            spouse = self.person(sex, p.born + rng.randint(-700, 700), rng.choice(SURNAMES))
            spouse.death = None
            pair = [p.id, spouse.id] if p.sex == "male" else [spouse.id, p.id]
            self.add_union(pair, "cohabiting", max(start, spouse.born + int(18 * YEAR)), None)
        while self.room():  # a tiny family with no single adults: an expected baby in the latest couple
            union = self.unions[-1]
            child = _Person(self.new_id("pregnancy", "expected"), None, "unknown", None, 0)
            child.kind = "pregnancy"
            self.people[child.id] = child
            self.order.append(child)
            union.children.append((child.id, "biological", None, None))

    # output -----------------------------------------------------------------
    def index_child(self) -> str:
        best = None
        for p in self.order:
            if p.kind == "person" and not p.unknown and p.born is not None and p.birth_union is not None:
                if AS_OF_ORD - 17 * YEAR < p.born < AS_OF_ORD - 5 * YEAR:
                    return p.id
                best = p.id
        return best or self.order[0].id

    def dump(self) -> str:
        index = self.index_child()
        out = [
            "# yaml-language-server: $schema=../schemas/genogram.schema.json",
            f"# Generated by bench/families.py: {self.target} fictional people.",
            "genogram: 1",
            f"title: Generated family ({self.target} people)",
            f"index: {index}",
            f"as_of: {AS_OF.isoformat()}",
            "people:",
        ]
        for p in self.order:
            out.append(_person_line(p))
        out.append("unions:")
        for u in self.unions:
            out.append(_union_line(u, self.people))
        if self.households:
            out.append("households:")
            out.extend(self.households)
        if self.relationships:
            out.append("relationships:")
            out.extend(self.relationships)
        out.append("connections:")
        out.append(f"  - {{system: school, name: Local school, with: {index}, strength: normal, flow: both}}")
        out.append(f"  - {{system: health, name: GP practice, with: {index}, strength: tenuous}}")
        out.append("  - {system: social-care, name: Children's services, strength: stressful, flow: to}")
        if self.missing:
            out.append("missing:")
            out.extend(self.missing)
        return "\n".join(out) + "\n"


def _iso(ordinal: int) -> str:
    return date.fromordinal(ordinal).isoformat()


def _date(ordinal: int, prec: int) -> str:
    d = date.fromordinal(ordinal)
    if prec == 2:
        return d.isoformat()
    if prec == 1:
        return f"{d.year:04d}-{d.month:02d}"
    if prec == 3:
        return f"~{d.year:04d}"
    return f"{d.year:04d}"


def _person_line(p: _Person) -> str:
    parts = [f"id: {p.id}"]
    if p.name:
        parts.append(f"name: {p.name}")
    if p.kind != "person":
        parts.append(f"kind: {p.kind}")
    else:
        parts.append(f"sex: {p.sex}")
    if p.gender:
        parts.append(f"gender: {p.gender}, pronouns: {p.pronouns}")
    if p.unknown:
        parts.append("unknown: true")
    if p.born is not None:
        parts.append(f"born: {_date(p.born, p.prec)}")
    if p.death is not None and p.kind == "person":
        parts.append(f"died: {date.fromordinal(p.death).year}" if p.death_known else "died: true")
    if p.condition:
        parts.append(f"conditions: [{p.condition}]")
    return "  - {" + ", ".join(parts) + "}"


def _union_line(u: _Union, people: dict[str, _Person]) -> str:
    parts = [f"partners: [{', '.join(u.partners)}]"]
    if u.status:
        parts.append(f"status: {u.status}")
    if u.start is not None:
        parts.append(f"from: {date.fromordinal(u.start).year}")
    if u.end is not None:
        parts.append(f"to: {date.fromordinal(u.end).year}")
    if u.children:
        kids = []
        # Children in birth order (a pregnancy with no date last); twins stay together.
        ordered = sorted(u.children, key=lambda c: people[c[0]].born or 10**7)
        for cid, relation, twin, identical in ordered:
            if relation == "biological" and twin is None:
                kids.append(cid)
                continue
            item = f"id: {cid}"
            if relation != "biological":
                item += f", relation: {relation}"
            if twin is not None:
                item += f", twin: {twin}, identical: {'true' if identical else 'false'}"
            kids.append("{" + item + "}")
        parts.append(f"children: [{', '.join(kids)}]")
    return "  - {" + ", ".join(parts) + "}"


def generate(people: int, seed: int) -> str:
    """A valid family file of exactly ``people`` people; same arguments, same text."""
    if people < 2:
        raise ValueError("a family needs at least 2 people")
    generator = _Generator(people, seed)
    generator.build()
    return generator.dump()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=100, help="number of people (default 100)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("-o", "--output", type=Path, help="file to write (default: standard output)")
    args = parser.parse_args(argv)
    text = generate(args.people, args.seed)
    if args.output is None:
        sys.stdout.write(text)
    else:
        args.output.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
