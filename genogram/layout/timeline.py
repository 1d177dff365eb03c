"""A placement timeline as geometry: one lane per child along a dated axis.

Pure: a family in, :class:`TimelineGeometry` out, with every box already
placed and every text already measured, so the geometry can be tested and
dumped as JSON (``genogram timeline --json``) and the renderer only draws
it. Each child's history comes from :mod:`genogram.placements`, so the
drawing and the lint rules read missing and partial dates the same way.

Down the page: the family's dated events above the axis (staggered so no
two labels meet), then a lane per child, the index child first. In a lane,
each stay is a bar from its start to its end; a stay that overlaps another
goes on a track of its own, and the overlap is marked across both. An
uncertain end (a year, a month, ``~``) is a lighter zone covering every day
it could be. Labels go under their bars, dropping a level where they would
meet the one before.
"""

from __future__ import annotations

import bisect
from dataclasses import asdict, dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING, Any

from genogram.text import clean, text_width, wrap

if TYPE_CHECKING:
    from genogram.layout.timeline_words import TimelineWords
    from genogram.model import Family
    from genogram.placements import History, Stay

TEXT = 9.5  # stay and gap labels
SMALL = 8.5  # dates under them, event labels
NAME = 11.0  # lane names
LINE = 1.3  # line height, in sizes
BAR = 20.0  # a stay bar's height
TRACK_GAP = 6.0  # between a lane's tracks
LANE_PAD = 10.0  # above the first track and below the last label
LANE_GAP = 8.0
LABEL_WRAP = 150.0  # the widest a stay label may be
LABEL_GAP = 8.0  # between labels on one level
NAME_W_MIN = 120.0
NAME_W_MAX = 190.0
PLOT_W = 880.0  # the axis' length for a usual history (longer ones get at least YEAR_MIN a year)
YEAR_MIN = 48.0
SEGMENT = 56.0  # the narrowest a stretch between two dates of the record is drawn
EVENT_ROW = 12.0
AXIS_H = 22.0
MARGIN = 0.0


@dataclass(frozen=True, slots=True)
class Text:
    """Lines of text whose top-left corner is at (x, y)."""

    x: float
    y: float
    w: float
    h: float
    lines: tuple[str, ...]
    size: float
    bold: int = 0  # how many of the first lines are bold


@dataclass(frozen=True, slots=True)
class StayBar:
    """One stay: a bar from ``x0`` to ``x1`` on its lane's track, and its label underneath."""

    child: str
    household: str
    kind: str  # a key of genogram.placements.KIND_TEXT
    x0: float
    x1: float
    y: float
    h: float
    #: Where each end could be (equal to the end for a full date): drawn as a lighter zone.
    start_zone: tuple[float, float]
    end_zone: tuple[float, float]
    start_text: str
    end_text: str
    start_assumed: bool  # no `from:`: from the child's birth
    open_end: bool  # no `to:`: runs on to the reference day
    label: Text
    current: bool


@dataclass(frozen=True, slots=True)
class Mark:
    """A gap or an overlap in a child's record: a span of the lane, and what it says."""

    child: str
    kind: str  # "gap" or "overlap"
    x0: float
    x1: float
    y: float
    h: float
    start: str
    end: str
    label: Text


@dataclass(frozen=True, slots=True)
class Move:
    """A move from one stay to the next, marked on the lane at its date."""

    child: str
    x: float
    y: float
    number: int


@dataclass(frozen=True, slots=True)
class Event:
    """A dated family event on the axis: a marker at ``x``, a stem up to its label."""

    kind: str  # birth, death, union, separation
    date: str
    x: float
    y: float  # the marker, on the axis
    label: Text


@dataclass(frozen=True, slots=True)
class Lane:
    """One child's band across the page."""

    child: str
    y: float
    h: float
    name: Text
    index: bool


@dataclass(frozen=True, slots=True)
class Tick:
    x: float
    label: str


@dataclass(slots=True)
class TimelineGeometry:
    """Everything the timeline renderer draws, in one coordinate space from (0, 0)."""

    title: str
    as_of: str
    plot_x0: float
    plot_x1: float
    axis_y: float
    today_x: float
    lanes: list[Lane] = field(default_factory=list)
    stays: list[StayBar] = field(default_factory=list)
    marks: list[Mark] = field(default_factory=list)
    moves: list[Move] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    ticks: list[Tick] = field(default_factory=list)
    width: float = 0.0
    height: float = 0.0
    #: What a reader must be told that the drawing cannot show (said in the key).
    notes: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return _rounded(asdict(self))


def _rounded(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, 2)
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_rounded(v) for v in value]
    return value


def _block(x: float, y: float, parts: list[tuple[str, float, bool]], width: float) -> Text:
    """A text block of wrapped parts; all one size (the first part's) so lines stack evenly."""
    lines: list[str] = []
    size = parts[0][1]
    bold = 0
    leading = True  # bold parts at the start stay bold
    for text, _, strong in parts:
        more = wrap(text, width, size, strong)
        leading = leading and strong
        if leading:
            bold += len(more)
        lines += more
    w = max(text_width(line, size, n < bold) for n, line in enumerate(lines)) + 2
    return Text(round(x, 2), round(y, 2), round(w, 2), round(len(lines) * size * LINE, 2), tuple(lines), size, bold)


class _Axis:
    """Days to x, from the first of January before the earliest date to just past the reference day.

    Proportional to time, except that every stay and every gap is drawn at
    least SEGMENT wide: a six-week emergency placement stays readable beside
    ten years at home. The stretches inside a short one are widened and the
    rest of the axis shrunk to keep its length; the years are then not all
    the same width, and the key says so.
    """

    def __init__(self, first: date, last: date, x0: float, spans: list[tuple[date, date]]) -> None:
        self.start = date(first.year, 1, 1)
        self.end = date(last.year + (1 if last.month > 6 else 0), 12 if last.month <= 6 else 6, 30)
        self.x0 = x0
        inside = [(max(a, self.start), min(b, self.end)) for a, b in spans if a < b]
        cuts = sorted({self.start, self.end} | {d for span in inside for d in span})
        index = {d: i for i, d in enumerate(cuts)}
        days = [(b - a).days for a, b in zip(cuts, cuts[1:])]
        years = max(1.0, (self.end - self.start).days / 365.25)
        width = max(PLOT_W, years * YEAR_MIN)
        widths = [d * width / sum(days) for d in days]
        ranges = [(index[a], index[b]) for a, b in inside]
        self.stretched = False
        for _ in range(12):  # widen the short spans, then give the length back from the rest
            short = [(i, j) for i, j in ranges if sum(widths[i:j]) < SEGMENT - 0.5]
            if not short:
                break
            self.stretched = True
            grown: set[int] = set()
            for i, j in short:
                scale = SEGMENT / max(sum(widths[i:j]), 1e-6)
                for k in range(i, j):
                    widths[k] *= scale
                grown.update(range(i, j))
            rest = [k for k in range(len(widths)) if k not in grown]
            extra = sum(widths) - width
            room = sum(widths[k] for k in rest)
            if rest and room > extra * 1.25:
                for k in rest:
                    widths[k] *= (room - extra) / room
            else:
                width = sum(widths)  # nothing left to shrink: a longer axis
        self.cuts = cuts
        self.xs = [x0]
        for w in widths:
            self.xs.append(self.xs[-1] + w)
        self.x1 = self.xs[-1]

    def x(self, day: date) -> float:
        day = min(max(day, self.start), self.end)
        i = max(0, bisect.bisect_right(self.cuts, day) - 1)
        if i >= len(self.cuts) - 1:
            return round(self.x1, 2)
        a, b = self.cuts[i], self.cuts[i + 1]
        return round(self.xs[i] + (self.xs[i + 1] - self.xs[i]) * (day - a).days / max(1, (b - a).days), 2)

    def ticks(self, candidates: list[tuple[date, str]]) -> list[Tick]:
        """A tick at each candidate (a year apart), leaving out those that would crowd the one before."""
        out: list[Tick] = []
        for day, label in candidates:
            x = self.x(day)
            if not out or x - out[-1].x >= 30:
                out.append(Tick(x, label))
        return out


def layout_timeline(family: Family, day: date | None = None, words: TimelineWords | None = None) -> TimelineGeometry:
    """The placement timeline of ``family``'s index child and their siblings; pure and deterministic.

    Laid out from the real family's exact dates; ``words`` (default: as
    recorded) only says it, so a redacted timeline has the same marks.
    """
    from genogram.layout.timeline_words import ExactWords
    from genogram.placements import histories, lanes, reference_day

    day = day or reference_day(family)
    words = words or ExactWords(family, day)
    children = lanes(family)
    found = histories(family, children, day)
    names = [words.name(c) for c in children]
    name_w = min(NAME_W_MAX, max([NAME_W_MIN] + [text_width(n, NAME, True) + 12 for n in names]))
    firsts = [day] + [s.span.start_range[0] for h in found.values() for s in h.stays]
    firsts += [b.earliest() for h in found.values() if (b := h.born) is not None]
    spans = [(s.span.start, s.span.end) for h in found.values() for s in h.stays]
    spans += [(g.start, g.end) for h in found.values() for g in h.gaps]
    axis = _Axis(min(firsts), day, name_w, spans)
    geo = TimelineGeometry(words.title, words.as_of, axis.x0, axis.x1, 0.0, axis.x(day))
    geo.ticks = axis.ticks(words.ticks(axis.start, axis.end))
    if axis.stretched:
        geo.notes.append("Short stays are drawn wider so that they can be read: the years are not all the same width.")
    events_h = _events(geo, family, axis, _involved(family, found), words)
    geo.axis_y = events_h + 4
    y = geo.axis_y + AXIS_H
    kin = _kinship(family, children)
    for child, name in zip(children, names):
        y = _lane(geo, found[child], (child, name, kin.get(child, "")), axis, y, day, words) + LANE_GAP
    geo.width = round(axis.x1 + 70, 2)  # room for the "as of" label and a last label's overhang
    for box in [s.label for s in geo.stays] + [m.label for m in geo.marks] + [e.label for e in geo.events]:
        geo.width = max(geo.width, round(box.x + box.w + 4, 2))
    geo.height = round(y, 2)
    if not children:
        geo.notes.append("No child in this file has a household or placement recorded.")
    return geo


def _kinship(family: Family, children: list[str]) -> dict[str, str]:
    """How each lane's child is related to the first (the index child): sister, half-brother, sibling by adoption ..."""
    from genogram.integrity import parents_of

    if not children:
        return {}
    every, birth = parents_of(family), parents_of(family, ("biological",))
    first = children[0]
    out = {first: "index child" if family.index == first else ""}
    for child in children[1:]:
        sex = getattr(family.person_by_id[child].sex, "value", None)
        word = {"male": "brother", "female": "sister"}.get(sex or "", "sibling")
        shared = set(birth.get(first, ())) & set(birth.get(child, ()))
        if shared and set(birth.get(first, ())) == set(birth.get(child, ())):
            out[child] = word
        elif shared:
            out[child] = f"half-{word}"
        elif set(every.get(first, ())) & set(every.get(child, ())):
            out[child] = f"{word} by adoption or fostering"
    return out


def _lane(geo: TimelineGeometry, found: History, who: tuple[str, str, str], axis: _Axis, top: float, day: date, words: TimelineWords) -> float:
    """Lay out one child's lane (id, name, kinship) from ``top``: bars on their tracks, marks, moves, then the labels; returns its bottom."""
    from genogram.placements import KIND_TEXT

    child, name, kin = who
    ident = words.ident(child)
    stays = found.stays
    track = _tracks(stays)
    tracks = max(track.values(), default=0) + 1
    bar_top = top + LANE_PAD
    requests: list[tuple[float, list[tuple[str, float, bool]], Any]] = []  # x, text, what to build with the placed label
    for n, stay in enumerate(stays):
        x0, x1 = axis.x(stay.span.start), axis.x(stay.span.end)
        start = _from_text(stay, words)
        dates = words.period(start, words.end(stay))
        bar = StayBar(
            ident, words.ident(stay.household), stay.kind, x0, max(x1, x0 + 2), bar_top + track[n] * (BAR + TRACK_GAP), BAR,
            (axis.x(stay.span.start_range[0]), axis.x(stay.span.start_range[1])),
            (axis.x(stay.span.end_range[0]), axis.x(stay.span.end_range[1])),
            words.start(stay), words.end(stay), stay.start_assumed, stay.open_end, _EMPTY,
            stay.span.start <= day <= stay.span.end_range[1],
        )
        requests.append((x0, [(words.place(stay), TEXT, True), (f"{KIND_TEXT.get(stay.kind, stay.kind)}, {dates}", SMALL, False)], (geo.stays, bar)))
    for gap in found.gaps:
        x0, x1 = axis.x(gap.start), axis.x(gap.end)
        what = "No household recorded" + (" since birth" if gap.before is None else "") + (" up to now" if gap.after is None else "")
        start, end = words.day(gap.start), words.day(gap.end)
        text = f"{words.period(start, end)}, {_months(gap.start, gap.end)}"
        mark = Mark(ident, "gap", x0, max(x1, x0 + 2), bar_top, BAR, start, end, _EMPTY)
        requests.append((x0, [(what, TEXT, True), (text, SMALL, False)], (geo.marks, mark)))
    for overlap in found.overlaps:
        x0, x1 = axis.x(overlap.start), axis.x(overlap.end)
        said = f"Overlap (error): in {words.where(overlap.first)} and {words.where(overlap.second)} at once"
        start, end = words.day(overlap.start), words.day(overlap.end)
        mark = Mark(ident, "overlap", x0, max(x1, x0 + 2), bar_top, tracks * (BAR + TRACK_GAP) - TRACK_GAP, start, end, _EMPTY)
        requests.append((x0, [(said, TEXT, True), (words.period(start, end), SMALL, False)], (geo.marks, mark)))
    placed = _place_all(requests, bar_top + tracks * (BAR + TRACK_GAP))
    for n, (_, after) in enumerate(_moves(stays), start=1):
        geo.moves.append(Move(ident, axis.x(after.span.start), bar_top - 2, n))
    bottom = max([bar_top + tracks * (BAR + TRACK_GAP)] + [t.y + t.h for t in placed]) + LANE_PAD
    label = _block(10, bar_top, _lane_text(found, name, kin, day, words), axis.x0 - 22)
    bottom = max(bottom, label.y + label.h + LANE_PAD)
    geo.lanes.append(Lane(ident, round(top, 2), round(bottom - top, 2), label, kin == "index child"))  # "index child" only for the file's index
    return bottom


_EMPTY = Text(0.0, 0.0, 0.0, 0.0, (), SMALL)


def _place_all(requests: list[tuple[float, list[tuple[str, float, bool]], Any]], y: float) -> list[Text]:
    """Labels under the bars, right to left: each sits below every label to its right that it would reach.

    A label reaches right from its bar's start, and its leader drops from the
    bar to it; placing the rightmost first and stepping down leftwards keeps
    every leader clear of every label.
    """
    placed: list[Text] = []
    built: list[tuple[list[Any], Any]] = []
    for x, parts, (into, item) in sorted(requests, key=lambda r: -r[0]):
        block = _block(x, y, parts, LABEL_WRAP)
        top = y
        for other in placed:
            if block.x - LABEL_GAP <= other.x <= block.x + block.w + LABEL_GAP:
                top = max(top, other.y + other.h + 4)
        block = Text(block.x, round(top, 2), block.w, block.h, block.lines, block.size, block.bold)
        placed.append(block)
        built.append((into, replace(item, label=block)))
    for into, item in sorted(built, key=lambda b: (b[1].x0, b[1].y)):
        into.append(item)
    return placed


def _lane_text(found: History, name: str, kin: str, day: date, words: TimelineWords) -> list[tuple[str, float, bool]]:
    """The child's name and what a panel asks first: who they are, born, homes, moves, time in the current home."""
    born = found.born
    parts = [(name, NAME, True)]
    if kin:
        parts.append((kin, SMALL, False))
    parts.append((words.born(born) if born is not None else "birth date not recorded", SMALL, False))
    if found.before_birth:
        parts.append((f"{len(found.before_birth)} stay(s) dated before birth", SMALL, False))
    stays = found.stays
    moves = len(_moves(stays))
    if stays:
        parts.append((f"{len(stays)} {'home' if len(stays) == 1 else 'homes'}, {moves} {'move' if moves == 1 else 'moves'}", SMALL, False))
        now = [s for s in stays if s.span.start <= day <= s.span.end_range[1]]
        if now:
            parts.append((f"in the current home {_months(now[-1].span.start, day)}", SMALL, False))
    return parts


def short_name(name: str) -> str:
    """A name without its bracketed parts ("Lena Ashworth (born Lena Nowak)" -> "Lena Ashworth"), for the crowded axis."""
    import re

    return clean(re.sub(r"\s*\([^)]*\)", "", name)) or clean(name)


def _from_text(stay: Stay, words: TimelineWords) -> str:
    return words.start(stay) if not stay.start_assumed else "birth (no from: date)"


def _months(start: date, end: date) -> str:
    days = (end - start).days
    if days < 62:
        return f"{days} days"
    months = round(days / 30.44)
    return f"{months} months" if months < 24 else f"{days / 365.25:.1f} years"


def _tracks(stays: list[Stay]) -> dict[int, int]:
    """A track per stay: the first whose last stay has ended (by its drawn end) before this one starts."""
    ends: list[date] = []
    out: dict[int, int] = {}
    for n, stay in enumerate(stays):
        for t, end in enumerate(ends):
            if end <= stay.span.start:
                ends[t] = stay.span.end
                out[n] = t
                break
        else:
            out[n] = len(ends)
            ends.append(stay.span.end)
    return out


def _moves(stays: list[Stay]) -> list[tuple[Stay, Stay]]:
    """Consecutive stays in different households: each is a move."""
    return [(a, b) for a, b in zip(stays, stays[1:]) if a.household != b.household]


def _involved(family: Family, found: dict[str, History]) -> set[str]:
    """Whose events matter to these children: themselves, parents, grandparents, and everyone they have lived with."""
    from genogram.integrity import parents_of

    parents = parents_of(family)
    near = set(found)
    for child in found:
        for parent in parents.get(child, ()):
            near.add(parent)
            near.update(parents.get(parent, ()))
    positions = {s.position for h in found.values() for s in h.stays}
    near.update(m for i in positions for m in family.households[i].members)
    # A pregnancy or loss of their parents is part of the children's story too.
    near.update(p.id for p in family.people if p.is_loss and set(parents.get(p.id, ())) & near)
    return near


def _events(geo: TimelineGeometry, family: Family, axis: _Axis, near: set[str], words: TimelineWords) -> float:
    """The dated events of the people near the children, inside the axis, labels staggered upwards; returns their height."""
    found: list[tuple[date, str, str, str]] = []  # day, kind, date text, text
    for p in family.people:
        if p.id not in near:
            continue
        name = words.short(p.id)
        if p.kind.value == "person" and p.born is not None:
            found.append((p.born.midpoint(), "birth", words.when(p.born), f"{name} born"))
        elif p.is_loss and p.born is not None:
            found.append((p.born.midpoint(), "death", words.when(p.born), f"{p.kind.value.capitalize()}"))
        if p.death_date is not None:
            found.append((p.death_date.midpoint(), "death", words.when(p.death_date), f"{name} died"))
    for u in family.unions:
        if len(u.partners) != 2 or not set(u.partners) & near:
            continue
        a, b = (words.short(x) for x in u.partners)
        status = u.status.value if u.status else ""
        if u.start is not None:
            found.append((u.start.midpoint(), "union", words.when(u.start), f"{a} and {b} {'married' if status in ('married', 'divorced', 'widowed') else 'together'}"))
        if u.end is not None:
            word = {"divorced": "divorced", "widowed": "widowed"}.get(status, "separated")
            found.append((u.end.midpoint(), "separation", words.when(u.end), f"{a} and {b} {word}"))
    found = sorted(e for e in found if axis.start <= e[0] <= axis.end)
    # Events whose markers (nearly) coincide share one label: twins, a birth in the year of a union.
    groups: list[tuple[float, str, str, str]] = []  # x, kind, date, text
    for day, kind, when, text in found:
        x = axis.x(day)
        if groups and x - groups[-1][0] < 6:
            gx, gkind, gwhen, gtext = groups[-1]
            said = f"{gtext}; {text}" if gwhen == when else f"{words.event(gtext, gwhen)}; {text}"
            groups[-1] = (gx, gkind, when, said)
        else:
            groups.append((x, kind, when, text))
    # Right to left: a label reaches right from its marker, and sits above every event whose
    # marker lies under it, so no stem crosses a label and no two labels meet.
    laid: list[tuple[str, str, float, int, Text]] = []
    for x, kind, when, text in reversed(groups):
        block = _block(x - 3, 0, [(words.event(text, when), SMALL, False)], 10_000)
        under = [row for _, _, x2, row, _ in laid if block.x - 6 <= x2 <= block.x + block.w + 6]
        laid.append((kind, when, x, max(under, default=-1) + 1, block))
    laid.reverse()
    rows = [0] * (max((row for *_, row, _ in laid), default=-1) + 1)
    height = len(rows) * (EVENT_ROW + 2) + 6
    for kind, when, x, row, block in laid:
        y = height - 6 - (row + 1) * (EVENT_ROW + 2)
        geo.events.append(Event(kind, when, x, height + 4, Text(block.x, round(y, 2), block.w, block.h, block.lines, block.size)))
    return height
