"""Seeded generator of a whole team's case files, for `genogram caseload` benchmarks and tests.

A team of 25 workers holds 400 open and closed cases: two groups, one with
monthly one-to-one case supervision (Islington's policy, in the team folder's
``.genogram.toml``) and a youth-justice group with a fortnightly reflective
group (Tower Hamlets). Two years of sessions end at ``--end``, with what real
records show: supervision missed while a worker is on leave, the odd case
left out of a session, records written late or not at all, significant
decisions, older sessions still in format 1, a stable looked-after child
agreed at three-monthly, child-protection plans past twelve months, and new
cases not yet discussed. The same arguments always give the same bytes.

    python bench/team.py -o team --seed 1            # 25 workers, 400 cases, about 10,000 files
    python bench/team.py -o small --workers 4 --cases 30
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
from pathlib import Path

END = dt.date(2026, 11, 30)
#: Sessions before this day are in format 1 (no record dates), as a team's older files would be.
V2_FROM = dt.date(2025, 6, 1)

FIRST = "Ada Amelia Amy Ava Chloe Daisy Ella Emily Erin Freya Grace Holly Isla Jade Leah Lily Maisie Mia Molly Niamh Poppy Ruby Zara Adam Alfie Archie Ben Callum Dylan Ethan Finn Harry Isaac Jack Kai Leo Liam Mason Noah Oscar Owen Reuben Ryan Toby".split()
SURNAMES = "Ahmed Allen Bailey Baker Begum Bell Brown Campbell Carter Clarke Cooper Davies Edwards Evans Fisher Green Hall Harris Hill Hughes Jackson Jones Khan King Kowalski Lewis Martin Mitchell Moore Morgan Murphy Nowak Okafor Owen Patel Price Roberts Scott Shaw Smith Taylor Turner Walker Ward White Wilson Wood Wright Young".split()
WORKER_FIRST = "Aisha Beth Carlos Dami Ewa Fatima Gareth Hana Imran Joy Kemi Laura Marcus Nadia Owen Priya Rosa Sean Tanya Uma Victor Wendy Yusuf Zoe Ruth Ali Bea".split()


def _yaml(text: str) -> str:
    """A scalar quoted for YAML (single quotes; the generator's words hold no newlines)."""
    return "'" + text.replace("'", "''") + "'"


def _weekday_on_or_after(day: dt.date) -> dt.date:
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day


def _add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    return dt.date(year, month, min(day.day, 28))


class _Case:
    def __init__(self, number: int, worker: str, group: str, rng: random.Random, start: dt.date, end: dt.date) -> None:
        self.id = f"C-{number:04d}"
        self.worker = worker
        self.group = group
        self.surname = rng.choice(SURNAMES)
        self.child = rng.choice(FIRST)
        self.closed: dt.date | None = None
        roll = rng.random()
        if roll < 0.22:  # closed during the two years
            self.opened = start - dt.timedelta(days=rng.randint(0, 240))
            self.closed = min(end - dt.timedelta(days=30), self.opened + dt.timedelta(days=rng.randint(150, 560)))
            self.closed = max(self.closed, start + dt.timedelta(days=30))
        elif roll < 0.25:  # new: opened in the last seven weeks, perhaps not yet discussed
            self.opened = end - dt.timedelta(days=rng.randint(3, 50))
        else:
            self.opened = start - dt.timedelta(days=rng.randint(-420, 520))
        self.plan = rng.choices(["early-help", "cin", "cp", "lac"], [3, 3, 2, 2])[0]
        self.plan_start = self.opened + dt.timedelta(days=rng.randint(0, 60))
        self.stable = self.plan == "lac" and rng.random() < 0.3  # agreed at three-monthly after a while
        self.slug = f"{self.id.lower()}-{self.surname.lower()}"


def _family(case: _Case, rng: random.Random) -> str:
    """A small family file with a ``case:`` block: the child, parents, grandparents, siblings, school."""
    born = case.opened.year - rng.randint(2, 15)
    mother = rng.choice(FIRST[:23])
    lines = [
        "genogram: 1",
        f"title: {_yaml(case.surname + ' family')}",
        "index: child",
        f"as_of: {END.isoformat()}",
        "case:",
        f"  id: {case.id}",
        f"  status: {'closed' if case.closed else 'open'}",
        f"  opened: {case.opened.isoformat()}",
    ]
    if case.closed:
        lines.append(f"  closed: {case.closed.isoformat()}")
    lines.append(f"  worker: {_yaml(case.worker)}")
    lines += [
        "people:",
        f"  - {{id: child, name: {_yaml(case.child + ' ' + case.surname)}, sex: {rng.choice(['female', 'male'])}, born: {born}-{rng.randint(1, 12):02d}}}",
        f"  - {{id: mother, name: {_yaml(mother + ' ' + case.surname)}, sex: female, born: {born - rng.randint(18, 35)}}}",
    ]
    father_known = rng.random() < 0.6
    if father_known:
        lines.append(f"  - {{id: father, name: {_yaml(rng.choice(FIRST[23:]) + ' ' + rng.choice(SURNAMES))}, sex: male, born: ~{born - rng.randint(20, 40)}}}")
    else:
        lines.append("  - {id: father, sex: male, unknown: true}")
    lines.append(f"  - {{id: grandmother, name: {_yaml(rng.choice(FIRST[:23]) + ' ' + case.surname)}, sex: female, born: {born - rng.randint(40, 60)}}}")
    lines.append("  - {id: grandfather, sex: male, unknown: true}")
    siblings = [f"sibling-{n}" for n in range(rng.randint(0, 3))]
    for sibling in siblings:
        lines.append(f"  - {{id: {sibling}, name: {_yaml(rng.choice(FIRST) + ' ' + case.surname)}, sex: {rng.choice(['female', 'male'])}, born: {born + rng.randint(-4, 4)}}}")
    lines += [
        "unions:",
        "  - partners: [grandmother, grandfather]",
        "    children: [mother]",
        "  - partners: [mother, father]",
        f"    status: {rng.choice(['separated', 'married', 'cohabiting', 'casual'])}",
        f"    children: [{', '.join(['child', *siblings])}]",
        "connections:",
        f"  - {{system: school, name: {_yaml(rng.choice(SURNAMES) + ' Primary')}, with: child, strength: {rng.choice(['strong', 'normal', 'tenuous', 'stressful'])}}}",
    ]
    if rng.random() < 0.75:
        lines.append("  - {system: friends, name: Friends from school, with: child, strength: normal}")
    if rng.random() < 0.75:
        lines.append("  - {system: health, name: GP practice, with: child, strength: normal}")
    if rng.random() < 0.9:
        lines += ["households:", "  - id: home", f"    members: [mother, {', '.join(['child', *siblings])}]"]
    owner = ", owner: Allocated worker" if rng.random() < 0.85 else ""
    lines.append("missing:")
    lines.append(f"  - {{about: grandfather, what: Who the maternal grandfather is, steps: [Asked the mother], plan: Ask the grandmother at the next visit{owner}, due: {(END - dt.timedelta(days=rng.randint(-60, 200))).isoformat()}}}")
    if not father_known:
        lines.append("  - {about: father, what: Who the child's father is, steps: [Asked the mother, who did not want to say]}")
    return "\n".join(lines) + "\n"


def _schedule(case: _Case, rng: random.Random, leave: list[tuple[dt.date, dt.date]], start: dt.date, end: dt.date) -> list[dt.date]:
    """Days the case is discussed: each supervision or group meeting, less leave and misses."""
    first = max(case.opened + dt.timedelta(days=rng.randint(5, 25)), start)
    last = case.closed or end
    days: list[dt.date] = []
    day = first
    stable_from = case.opened + dt.timedelta(days=300) if case.stable else None
    while day <= last:
        held = _weekday_on_or_after(day)
        if held <= last and not any(a <= held <= b for a, b in leave) and rng.random() > 0.06:
            days.append(held)
        if case.group == "youth-justice":
            day += dt.timedelta(days=14)
        elif stable_from is not None and day >= stable_from:
            day = _add_months(day, 3)
        else:
            day = _add_months(day, 1)
    return days


def _session(case: _Case, held: dt.date, previous: str | None, n: int, rng: random.Random, end: dt.date) -> str:
    v2 = held >= V2_FROM
    group = case.group == "youth-justice"
    significant = rng.random() < 0.08
    lines = [
        f"session: {2 if v2 else 1}",
        "family: family.yaml",
        f"date: {held.isoformat()}",
        f"kind: {'group-supervision' if group else 'case-supervision'}",
        f"policy: {'tower-hamlets' if group else 'islington'}",
        f"presenter: {_yaml(case.worker)}",
        f"chair: {'Systemic family practitioner' if group else 'Practice supervisor'}",
    ]
    if previous:
        lines.append(f"previous: {previous}")
    lines.append("reason: " + ("The case comes back with outcomes, as agreed." if group and previous else "Regular discussion of the case."))
    outcome = previous is not None and rng.random() < 0.85
    lines += [
        "hypotheses:",
        "  - id: main",
        "    statement: The child's behaviour is a response to changes at home.",
        f"    status: {'being-tested' if not outcome else rng.choice(['supported', 'revised'])}",
        "    test: Direct work with the child; ask school.",
    ]
    if outcome:
        lines.append("    outcome: School reports the child is more settled since contact was agreed.")
    lines.append("actions:")
    for k in range(rng.randint(1, 3)):
        by = held + dt.timedelta(days=rng.randint(7, 35))
        status = "open" if by > end - dt.timedelta(days=20) or rng.random() < 0.2 else "done"
        lines += [f"  - who: {'Allocated worker' if k else 'Practice supervisor'}", f"    what: Follow-up task {k + 1}", f"    by: {by.isoformat()}", f"    status: {status}"]
    lines += ["decisions:", "  - decision: Continue with the current plan", f"    significant: {'yes' if significant else 'no'}"]
    if v2:
        lines += _v2_fields(case, held, significant, n, rng, end)
    return "\n".join(lines) + "\n"


def _v2_fields(case: _Case, held: dt.date, significant: bool, n: int, rng: random.Random, end: dt.date) -> list[str]:
    lines = ["recorded_by: Practice supervisor"]
    roll = rng.random()
    if roll < 0.04 and held < end - dt.timedelta(days=10):
        pass  # never recorded
    elif held > end - dt.timedelta(days=6) and roll < 0.5:
        pass  # not yet recorded, still in time
    else:
        delay = rng.randint(0, 1) if significant else rng.randint(0, 6)
        if roll > 0.88:
            delay = rng.randint(7, 21)  # recorded late
        lines.append(f"recorded_on: {min(end, held + dt.timedelta(days=delay)).isoformat()}")
    lines += ["plan:", f"  type: {case.plan}", f"  start: {case.plan_start.isoformat()}"]
    if case.plan == "cp":
        lines.append(f"  pre_proceedings: {'considered-not-needed' if held - case.plan_start < dt.timedelta(days=365) else rng.choice(['recommended', 'not-considered', 'in-progress'])}")
    fgc = ["not-considered", "planned", "held", "declined", "not-needed"][min(4, n // 4 + int(case.id[2:]) % 2)]
    lines += ["fgc:", f"  status: {fgc}"]
    if fgc == "held":
        lines.append(f"  date: {(held - dt.timedelta(days=rng.randint(3, 40))).isoformat()}")
    lines.append(f"child_seen: {(held - dt.timedelta(days=rng.randint(0, 30))).isoformat()}")
    if case.stable and held >= case.opened + dt.timedelta(days=300):
        lines.append("frequency: quarterly")
    return lines


def generate_team(out: Path, workers: int = 25, cases: int = 400, seed: int = 1, end: dt.date = END) -> int:
    """Write the team under ``out`` and return the number of files written."""
    rng = random.Random(seed)
    start = end - dt.timedelta(days=730)
    names = [f"{WORKER_FIRST[i % len(WORKER_FIRST)]} {SURNAMES[(i * 7 + seed) % len(SURNAMES)]}" for i in range(workers)]
    youth = max(1, workers // 2)  # the fortnightly group
    out.mkdir(parents=True, exist_ok=True)
    (out / ".genogram.toml").write_text('policy = "islington"\nnation = "england-and-wales"\n', encoding="utf-8")
    (out / "youth-justice").mkdir(exist_ok=True)
    (out / "youth-justice" / ".genogram.toml").write_text('policy = "tower-hamlets"\n\n[caseload]\nfrequency = "fortnightly"\n', encoding="utf-8")
    written = 0
    leave = {name: _leave(rng, start, end) for name in names}
    for number in range(1, cases + 1):
        w = (number - 1) % workers
        group = "youth-justice" if w < youth else "early-help"
        case = _Case(number, names[w], group, rng, start, end)
        folder = out / ("youth-justice" if group == "youth-justice" else "early-help") / names[w].lower().replace(" ", "-") / case.slug
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "family.yaml").write_text(_family(case, rng), encoding="utf-8")
        written += 1
        previous = None
        for n, held in enumerate(_schedule(case, rng, leave[names[w]], start, end)):
            name = f"{held.isoformat()}.session.yaml"
            (folder / name).write_text(_session(case, held, previous, n, rng, end), encoding="utf-8")
            previous = name
            written += 1
    return written


def _leave(rng: random.Random, start: dt.date, end: dt.date) -> list[tuple[dt.date, dt.date]]:
    """A worker's absences: a long one for some, a couple of weeks' holiday for most."""
    spells = []
    for _ in range(rng.choice([0, 1, 1, 2])):
        begin = start + dt.timedelta(days=rng.randint(0, 700))
        spells.append((begin, begin + dt.timedelta(days=rng.choice([10, 14, 21, 45, 70]))))
    return spells


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-o", "--output", type=Path, required=True, help="folder to write the team into (must be empty or new)")
    parser.add_argument("--workers", type=int, default=25)
    parser.add_argument("--cases", type=int, default=400)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--end", type=dt.date.fromisoformat, default=END, help=f"last day of the two years (default {END})")
    args = parser.parse_args(argv)
    if args.output.exists() and any(args.output.iterdir()):
        parser.error(f"{args.output} is not empty")
    count = generate_team(args.output, args.workers, args.cases, args.seed, args.end)
    print(f"wrote {count} files under {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
