"""Detectors of identifying detail in text meant for a group: they refuse, never rewrite.

A redacted pack carries free text only where the author wrote it for sharing
(a session's ``group_summary:`` or ``shared:`` texts). That text is still
checked, because a name or a date of birth typed into it would otherwise go
round the room. A detector never cuts or substitutes words: swapping names
for roles inside prose corrupted sentences ("We hope" became "We Sister")
and could not catch what it did not know. Instead every hit is reported with
its place and kind, and the author rewrites the sentence.

What is detected: the names, nicknames (``known_as:``) and name parts of
everyone in the family and in linked previous sessions, with their
surname variants (possessive, hyphen parts, without accents or apostrophes,
inside email addresses); dates in common UK formats; UK postcodes; addresses
(a house number and a street word, or a street named in the file); phone
numbers; NHS numbers (by their mod-11 check digit); emails; URLs; and
initials. Names that are also common words ("Hope", "Will", "May") are
matched only when capitalised, so "we hope it will hold" passes.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from genogram.model import Family

#: What each kind of hit is called in messages (never the text itself).
KINDS = {
    "name": "a name of someone in the family",
    "initials": "initials of someone in the family",
    "date": "a date (write an age or an interval instead)",
    "postcode": "a postcode",
    "address": "an address",
    "phone": "a phone number",
    "nhs-number": "an NHS number",
    "email": "an email address",
    "url": "a web address",
    "place": "a named place or service from the family file",
}

#: First names and surnames that are also everyday words: matched only when capitalised.
COMMON_WORD_NAMES = frozenset(
    """
    hope will may grace joy faith rose summer april june august autumn dawn eve ivy lily daisy holly
    amber ruby pearl sky rain storm river star honey angel bill rob mark pat sue frank jack sonny
    victor hunter mason carter baker cook king young brown green white black wood hill page chance
    patience constance prudence mercy destiny harmony melody unity liberty justice sunny rich bob
    penny sandy rusty dusty wade miles chase reed bishop fisher lane ward law best long short little
    """.split()
)

_APOSTROPHES = "'\u2019\u2018`\u02bc"
#: Letters that Unicode does not decompose into a base letter and an accent.
_LETTERS = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ħ": "h", "ı": "i", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ß": "ss", "þ": "th", "Þ": "Th", "ð": "d", "Ð": "D"})
#: Kinship words in nicknames ("Auntie Zo"): not a name on their own.
_KIN_WORDS = frozenset("auntie aunty aunt uncle nan nana nanna gran granny grandma grandad grandpa mum mam dad cousin baby little big".split())
_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december"
    "|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
#: Street words that are nothing else: matched in any case after a house number.
_STREET_WORDS = "road|rd|street|avenue|ave|lane|ln|drive|crescent|cres|grove|gardens|gdns|terrace|mews|parade"
#: Street words that are also everyday words ("in the park", "they are close"): matched only capitalised.
_STREET_WORDS_CAPITALISED = "St|Close|Way|Court|Ct|Place|Pl|Walk|Hill|Park|Square|Sq|Row|View|Rise|Green|Vale|Estate|House|Flats?|Towers?|Wharf"
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("email", re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+", re.IGNORECASE)),
    ("url", re.compile(r"\b(?:https?://|www\.)\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|uk|io|info|biz)\b(?:/\S*)?", re.IGNORECASE)),
    ("date", re.compile(rf"\b(?:{_DAY}[/.\-](?:0?[1-9]|1[0-2])[/.\-](?:\d{{4}}|\d{{2}})|{_YEAR}[/.\-](?:0?[1-9]|1[0-2])(?:[/.\-](?:[12]\d|3[01]|0?[1-9]))?)\b")),
    ("date", re.compile(rf"\b(?:{_DAY}\s+(?:of\s+)?(?:{_MONTHS})\.?,?(?:\s+{_YEAR}|\s+'?\d{{2}}\b)?|(?:{_MONTHS})\.?\s+{_DAY},?(?:\s+{_YEAR})?|(?:{_MONTHS})\.?,?\s+{_YEAR})\b", re.IGNORECASE)),
    ("postcode", re.compile(r"\b(?:GIR\s?0AA|[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]?\s?\d[ABD-HJLNP-UW-Z]{2})\b", re.IGNORECASE)),
    ("address", re.compile(rf"\b\d{{1,4}}[a-z]?,?\s+(?:[A-Za-z][\w'-]*\s+){{1,3}}(?:{_STREET_WORDS})\b", re.IGNORECASE)),
    ("address", re.compile(rf"\b\d{{1,4}}[a-zA-Z]?,?\s+(?:[A-Za-z][\w'-]*\s+){{1,3}}(?:{_STREET_WORDS_CAPITALISED})\b")),
    ("address", re.compile(r"\b(?:flat|apartment|apt|unit)\s+\d+[a-z]?\b", re.IGNORECASE)),
    ("address", re.compile(r"\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?\s+(?:Road|Street|Avenue|Lane|Close|Crescent|Drive|Grove|Terrace|Gardens|Mews|Estate)\b")),
    ("phone", re.compile(r"(?<![\w+])(?:\+44\s?\(?0?\)?\s?|\(?0)\d{2,4}\)?(?:[\s-]?\d){6,8}\b")),
)
_NHS = re.compile(r"(?<![\d-])\d{3}[\s-]?\d{3}[\s-]?\d{4}(?![\d-])")
_JOINER = re.compile(r"[\s\-]+")
#: A word for name matching: letters only, so "obrien_family" and "obrien91" hold "obrien".
_WORD = re.compile(r"[^\W\d_]+")
_DOTTED_INITIALS = re.compile(r"\b[A-Z]\.\s?[A-Z]\.(?:\s?[A-Z]\.)?")


@dataclass(frozen=True, slots=True)
class Hit:
    """One identifying detail: its kind and where it is in the text (``start``, ``end``)."""

    kind: str
    start: int
    end: int

    @property
    def description(self) -> str:
        return KINDS[self.kind]


def nhs_number_valid(digits: str) -> bool:
    """True when ten digits carry a correct NHS mod-11 check digit."""
    if len(digits) != 10 or not digits.isdigit():
        return False
    total = sum(int(d) * (10 - i) for i, d in enumerate(digits[:9]))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(digits[9])


def fold(text: str) -> tuple[str, list[int]]:
    """``text`` case-folded, without accents or apostrophes, and where each folded character came from.

    "O'Brien", "O\u2019Brien" and "OBrien" fold alike, as do "Zoë" and "Zoe".
    """
    out: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        if char in _APOSTROPHES:
            continue
        decomposed = unicodedata.normalize("NFKD", char.translate(_LETTERS))
        for part in decomposed:
            if unicodedata.combining(part):
                continue
            for folded in part.casefold():
                out.append(folded)
                origin.append(index)
    return "".join(out), origin


def _no_spaces_script(term: str) -> bool:
    """Scripts written without spaces between words (CJK, Thai...): match names anywhere."""
    return any(
        "\u0e00" <= c <= "\u0eff" or "\u3040" <= c <= "\u30ff" or "\u3400" <= c <= "\u9fff" or "\uac00" <= c <= "\ud7af" for c in term
    )


@dataclass(frozen=True, slots=True)
class Term:
    """A word or phrase that identifies someone, as folded text, with how it must be matched."""

    folded: str
    kind: str
    capitalised_only: bool = False


class Detector:
    """Finds identifying detail in text, given the words that identify this family."""

    def __init__(self, terms: Iterable[Term], initials: Iterable[str] = ()) -> None:
        self.terms = sorted(set(terms), key=lambda t: (-len(t.folded), t.folded))
        self.initials = sorted(set(initials))

    @cached_property
    def _by_words(self) -> dict[str, Term]:
        """Terms by their words joined with single spaces; capitalised-only when every source says so."""
        kinds: dict[str, Term] = {}
        for term in self.terms:
            if _no_spaces_script(term.folded):
                continue
            key = " ".join(_WORD.findall(term.folded))
            kept = kinds.get(key)
            kinds[key] = term if kept is None or kept.capitalised_only else kept
        return kinds

    @cached_property
    def _unspaced(self) -> list[Term]:
        """Terms in scripts written without spaces: found anywhere in the text."""
        return [t for t in self.terms if _no_spaces_script(t.folded)]

    @cached_property
    def _longest(self) -> int:
        return max((key.count(" ") + 1 for key in self._by_words), default=0)

    @cached_property
    def _initials_pattern(self) -> re.Pattern[str] | None:
        if not self.initials:
            return None
        forms = "|".join(r"\.?\s?".join(re.escape(c) for c in initials) + r"\.?" for initials in self.initials)
        return re.compile(rf"(?<![\w.])(?:{forms})(?![\w])")

    def find(self, text: str) -> list[Hit]:
        """Every hit in ``text``, in order, overlapping hits merged to the first kind found."""
        hits = list(self._pattern_hits(text)) + list(self._term_hits(text)) + list(self._initials_hits(text))
        hits.sort(key=lambda h: (h.start, -h.end))
        merged: list[Hit] = []
        for hit in hits:
            if merged and hit.start < merged[-1].end:
                continue
            merged.append(hit)
        return merged

    def _pattern_hits(self, text: str) -> Iterator[Hit]:
        for kind, pattern in _PATTERNS:
            for match in pattern.finditer(text):
                yield Hit(kind, match.start(), match.end())
        for match in _NHS.finditer(text):
            if nhs_number_valid(re.sub(r"\D", "", match.group(0))):
                yield Hit("nhs-number", match.start(), match.end())

    def _term_hits(self, text: str) -> Iterator[Hit]:
        """Runs of words (joined by spaces or hyphens) that are a term, longest first; "Carters" counts as "Carter"."""
        folded, origin = fold(text)
        if not folded:
            return
        kinds = self._by_words
        words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(folded)]
        for i in range(len(words)):
            for length in range(min(self._longest, len(words) - i), 0, -1):
                run = words[i : i + length]
                if any(not _JOINER.fullmatch(folded[a[1] : b[0]]) for a, b in zip(run, run[1:], strict=False)):
                    continue
                key = " ".join(w[2] for w in run)
                term = kinds.get(key) or (kinds.get(key[:-1]) or kinds.get(key[:-2]) if key.endswith("s") else None)
                if term is None:
                    continue
                start, end = origin[run[0][0]], origin[run[-1][1] - 1] + 1
                if term.capitalised_only and not text[start].isupper():
                    continue
                yield Hit(term.kind, start, end)
                break
        for term in self._unspaced:
            for match in re.finditer(re.escape(term.folded), folded):
                yield Hit(term.kind, origin[match.start()], origin[match.end() - 1] + 1)

    def _initials_hits(self, text: str) -> Iterator[Hit]:
        pattern = self._initials_pattern
        if pattern is not None:
            for match in pattern.finditer(text):
                yield Hit("initials", match.start(), match.end())
        for match in _DOTTED_INITIALS.finditer(text):
            yield Hit("initials", match.start(), match.end())


def name_terms(name: str) -> Iterator[Term]:
    """A name and its parts as terms: "Khan-Jones" gives "khan-jones", "khan" and "jones"."""
    folded, _ = fold(name.strip())
    if not folded:
        return
    words = [w for w in re.split(r"[^\w]+", folded) if w]
    if len(words) > 1:
        yield Term(" ".join(words), "name")
    for word in words:
        if word in _KIN_WORDS:
            continue
        if len(word) >= 2 and not word.isdigit() or _no_spaces_script(word):
            yield Term(word, "name", capitalised_only=word in COMMON_WORD_NAMES)
    joined = ["".join(words)] if len(words) > 1 else []  # "O Brien" typed as "OBrien"
    joined += ["".join(part.split("-")) for part in folded.split() if "-" in part]  # "Khan-Jones" as "KhanJones"
    for together in joined:
        yield Term(together, "name", capitalised_only=together in COMMON_WORD_NAMES)


def _initials_of(name: str) -> str | None:
    words = [w for w in re.split(r"[\s\-]+", name.strip()) if w and w[0].isalpha()]
    if len(words) < 2:
        return None
    return "".join(w[0].upper() for w in words)


def place_terms(text: str) -> Iterator[Term]:
    """Distinctive words of an address, household label or service name: capitalised, not generic."""
    for word in re.findall(r"[^\W\d_][\w'\u2019-]*", text):
        word = re.sub(r"['\u2019]s?$", "", word)  # "Hope's flat" names Hope, not "Hopes"
        if word[:1].isupper() and word.casefold() not in _GENERIC_PLACE_WORDS and len(word) >= 3:
            folded, _ = fold(word)
            yield Term(folded, "place", capitalised_only=folded in COMMON_WORD_NAMES)


#: Words in service names, household labels and addresses that identify nobody.
_GENERIC_PLACE_WORDS = frozenset(
    """
    the and of with for flat house home placement kinship foster residential adoptive maternal paternal
    grandmother grandfather grandparents mother father school academy college nursery primary secondary
    high junior infant infants service services team group peer peers older younger youth justice housing
    association health hospital surgery practice clinic centre center church mosque temple gurdwara synagogue
    club football gp camhs police social care work job friends faith community leisure extended family unit
    road street avenue lane close drive way court crescent place grove gardens terrace walk hill park
    square mews row view rise parade green vale estate north south east west upper lower new old saint st
    children children's council local authority support worker workers carer carers nhs trust city county
    borough district ward general royal university medical dental mental probation court our their his her
    partner partners baby sister brother sibling uncle aunt auntie nan nana grandma grandad cousin twin child
    son daughter unknown step half pregnancy miscarriage stillbirth termination former current birth index loss
    """.split()
)


def _id_terms(ident: str, kind: str) -> Iterator[Term]:
    """Words of an id (often a first name or a street): ``elm-road-flat`` gives "elm"."""
    for word in re.split(r"[\W_]+", ident.casefold()):
        if len(word) >= 3 and word.isalpha() and word not in _GENERIC_PLACE_WORDS:
            yield Term(fold(word)[0], kind, capitalised_only=word in COMMON_WORD_NAMES)


def detector_for(families: Iterable[Family], extra_names: Iterable[str] = (), *, places: bool = True) -> Detector:
    """A detector for everything that names or places these families (a family and its previous versions).

    ``places=False`` leaves out the words of addresses, household labels and
    service names, for checking those very fields.
    """
    terms: set[Term] = set()
    initials: set[str] = set()
    for family in families:
        for person in family.people:
            for name in [person.name or "", *person.known_as]:
                terms.update(name_terms(name))
                found = _initials_of(name)
                if found:
                    initials.add(found)
            if person.address and places:
                terms.update(place_terms(person.address))
            terms.update(_id_terms(person.id, "name"))
        if not places:
            continue
        for household in family.households:
            terms.update(_id_terms(household.id, "place"))
            terms.update(place_terms(household.label or ""))
            terms.update(place_terms(household.address or ""))
        for connection in family.connections:
            terms.update(place_terms(connection.name or ""))
            terms.update(_id_terms(connection.system, "place"))
        if family.title:
            terms.update(t for t in place_terms(family.title) if t.folded != "family")
    for name in extra_names:
        terms.update(name_terms(name))
    return Detector(terms, initials)
