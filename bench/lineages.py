"""A second, independent seeded generator of family files: several lineages marrying into each other.

`bench/families.py` grows one family from a founding couple, with people
marrying in from outside. Layouts tuned on one generator can fail on
another, so this one grows differently: a few founding couples start
separate lineages in the same generation, children marry children of the
other lineages (cousins now and then) or someone from outside, some remarry,
some children are adopted or fostered by a relative's couple, and births
follow in generation order, so the links between lineages are many and
dense, as in village or royal genealogies. The same ``(people, seed)``
always gives the same bytes.

    python bench/lineages.py --people 1000 --seed 1 -o out.yaml
"""

from __future__ import annotations

import argparse
import random
from dataclasses import dataclass, field
from pathlib import Path

FIRST = "Ada Ben Cara Dan Eve Finn Gail Hugh Iris Jack Kim Leo Mae Ned Ona Pat Quin Rae Sid Tess Uma Vic Wes Xia Yan Zoe".split()


@dataclass
class _Person:
    id: str
    sex: str
    born: int
    generation: int
    lineage: int
    parents: int | None = None  # union index
    partners: list[int] = field(default_factory=list)


@dataclass
class _Union:
    partners: list[str]
    start: int
    children: list[tuple[str, str]] = field(default_factory=list)  # (id, relation)


class _Growth:
    def __init__(self, people: int, seed: int) -> None:
        self.target = people
        self.rng = random.Random(seed)
        self.people: list[_Person] = []
        self.unions: list[_Union] = []
        self._index: dict[str, _Person] = {}

    def person(self, sex: str, born: int, generation: int, lineage: int) -> _Person:
        p = _Person(f"{self.rng.choice(FIRST).lower()}-{len(self.people) + 1}", sex, born, generation, lineage)
        self.people.append(p)
        self._index[p.id] = p
        return p

    def couple(self, a: _Person, b: _Person, start: int) -> int:
        self.unions.append(_Union([a.id, b.id], start))
        u = len(self.unions) - 1
        a.partners.append(u)
        b.partners.append(u)
        return u

    def children(self, u: int, generation: int, lineage: int) -> list[_Person]:
        union = self.unions[u]
        kids = []
        born = union.start + self.rng.randint(1, 3)
        for _ in range(self.rng.choice((0, 1, 2, 2, 3, 3, 4, 5))):
            if len(self.people) >= self.target:
                break
            kid = self.person(self.rng.choice("mf"), born, generation, lineage)
            kid.parents = u
            union.children.append((kid.id, "biological"))
            kids.append(kid)
            born += self.rng.randint(1, 4)
        return kids

    def build(self) -> None:
        rng = self.rng
        # Twelve lineages up to 3,000 people (the same bytes as before);
        # larger families get one per 100 people, so they grow wider rather
        # than deeper and their last births stay before 2200, the loader's
        # limit on dates (10,000 people, seeds 1 and 2: last year 2145, 2136).
        lineages = max(2, min(12 if self.target <= 3000 else self.target // 100, self.target // 60))
        generation: list[_Person] = []
        for lin in range(lineages):
            a = self.person("m", 1810 + rng.randint(0, 10), 0, lin)
            b = self.person("f", a.born + rng.randint(-4, 4), 0, lin)
            generation.append(a)
            generation.append(b)
            self.couple(a, b, a.born + 22)
        g = 0
        while len(self.people) < self.target:
            g += 1
            kids: list[_Person] = []
            for u, union in enumerate(self.unions):
                if not union.children and self.people_by_id(union.partners[0]).generation == g - 1:
                    kids += self.children(u, g, self.people_by_id(union.partners[0]).lineage)
            if not kids:
                break
            self.marry(kids, g)
        self.placements()

    def people_by_id(self, pid: str) -> _Person:
        return self._index[pid]

    def marry(self, kids: list[_Person], g: int) -> None:
        rng = self.rng
        single = list(kids)
        rng.shuffle(single)
        for k in single:
            if k.partners or len(self.people) >= self.target or rng.random() < 0.15:
                continue
            other = next((o for o in single if not o.partners and o.sex != k.sex and o.lineage != k.lineage and abs(o.born - k.born) < 8), None)
            if other is None and rng.random() < 0.05:
                other = next((o for o in single if not o.partners and o.sex != k.sex and o.parents != k.parents), None)  # cousins
            if other is None:
                other = self.person("f" if k.sex == "m" else "m", k.born + rng.randint(-5, 5), g, -1)
            self.couple(k, other, max(k.born, other.born) + rng.randint(19, 30))
            if rng.random() < 0.12 and len(self.people) < self.target:
                later = self.person("f" if k.sex == "m" else "m", k.born + rng.randint(-3, 8), g, -1)
                self.couple(k, later, max(k.born, later.born) + rng.randint(32, 40))

    def placements(self) -> None:
        """A few children adopted or fostered by an aunt's or uncle's couple (one generation up, same lineage)."""
        rng = self.rng
        index = self._index
        for union in self.unions:
            for cid, _ in list(union.children):
                if rng.random() > 0.03:
                    continue
                child = index[cid]
                carers = [
                    u for u in self.unions
                    if u is not union and index[u.partners[0]].generation == child.generation - 1 and index[u.partners[0]].lineage == child.lineage
                ]
                if carers:
                    chosen, relation = rng.choice(carers), rng.choice(("adopted", "foster"))
                    if all(c != cid for c, _ in chosen.children):  # a child placed before may draw their own parents: not twice in one union
                        chosen.children.append((cid, relation))

    def dump(self) -> str:
        lines = ["genogram: 1", f"title: Lineages ({len(self.people)} people)", "people:"]
        for p in self.people:
            lines.append(f"  - {{id: {p.id}, name: {p.id.split('-')[0].title()} {p.id.split('-')[1]}, sex: {'male' if p.sex == 'm' else 'female'}, born: {p.born}}}")
        lines.append("unions:")
        for u in self.unions:
            kids = ", ".join(cid if rel == "biological" else f"{{id: {cid}, relation: {rel}}}" for cid, rel in u.children)
            lines.append(f"  - {{partners: [{', '.join(u.partners)}], from: {u.start}, children: [{kids}]}}")
        return "\n".join(lines) + "\n"


def generate(people: int, seed: int) -> str:
    growth = _Growth(people, seed)
    growth.build()
    return growth.dump()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("-o", "--output", type=Path, required=True)
    args = parser.parse_args(argv)
    args.output.write_text(generate(args.people, args.seed), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
