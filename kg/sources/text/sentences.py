"""Plain text -> sentences with character offsets.

Lines are units of their own (headings, bullets, citation lines); within a line a sentence
ends at ``.``, ``!`` or ``?`` followed by a space and a capital, digit or quote, except after
common abbreviations (``vs.``, ``e.g.``, ``et al.``, ``Dr.``, month names...) and inside
numbers. A citation line (one that gives a DOI or PMID) stays whole. Bullet marks are left
out of the sentence.

>>> [s.text for s in split("Title\\n\\nThe HR was 0.70 vs. 0.80 (p=0.01). It met. • A bullet")]
['Title', 'The HR was 0.70 vs. 0.80 (p=0.01).', 'It met.', 'A bullet']
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Sentence:
    """One sentence: ``text == document[start:end]``."""

    start: int
    end: int
    text: str


_ABBREV = {
    "vs", "v", "e.g", "i.e", "etc", "al", "dr", "mr", "mrs", "ms", "prof", "fig", "figs", "approx", "ca",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "st", "inc", "ltd",
    "co", "corp", "u.s", "u.k", "ref", "vol", "pp", "p", "resp", "incl", "min", "max", "mo", "yr", "wk",
}
#: end marks, closing quotes and brackets, then space and a capital, digit, quote or bullet; an
#: attempt starts only at the first mark of a run and nothing gives back (linear in the line)
_BOUNDARY = re.compile(r"(?<![.!?])[.!?]++[\"')\]]*+(?=\s++[\"'(\[]?[A-Z0-9\u2022])")
_BULLET = re.compile(r"^[\s\u2022\u25cf\u25aa\u2023\u2043\-*+]+(?=\S)")
_BULLET_INLINE = re.compile(r"(?<!\s)\s++\u2022\s+")


def split(text: str) -> list[Sentence]:
    """Sentences of ``text`` in order, each with its offsets into ``text``.

    >>> s = split("Dr. Smith et al. reported it. Next one.")
    >>> [(x.start, x.end) for x in s]
    [(0, 29), (30, 39)]
    >>> [x.text for x in split("| X | Extended use. FDA approved July 17, 2017. |")]
    ['| X | Extended use. FDA approved July 17, 2017. |']
    """
    out: list[Sentence] = []
    pos = 0
    for line in text.split("\n"):
        _split_line(text, pos, line, out)
        pos += len(line) + 1
    return out


_CITATION = re.compile(r"\b(?:doi|pmid)\b", re.I)


def _split_line(text: str, base: int, line: str, out: list[Sentence]) -> None:
    # a citation, and a table's row: one unit ("| Nerlynx | Extended adjuvant ... therapy. FDA approved July 17, 2017. |":
    # its cells' sentences belong to its drug and its columns)
    if _CITATION.search(line) or line.lstrip().startswith("|"):
        _add(text, base, base + len(line), out)
        return
    # inline bullets ("... • next item") start a new unit too
    pieces, last = [], 0
    for m in _BULLET_INLINE.finditer(line):
        pieces.append((last, m.start()))
        last = m.end()
    pieces.append((last, len(line)))
    for a, b in pieces:
        start = a
        for m in _BOUNDARY.finditer(line, a, b):
            if _is_abbreviation(line, start, m.start()):
                continue
            _add(text, base + start, base + m.end(), out)
            start = m.end()
        _add(text, base + start, base + b, out)


_LAST_WORD = re.compile(r"(?<![A-Za-z.])[A-Za-z][A-Za-z.]*$")


def _is_abbreviation(line: str, start: int, dot: int) -> bool:
    if line[dot] != ".":
        return False
    word = _LAST_WORD.search(line, max(start, dot - 24), dot)
    if not word:
        return False
    w = word.group().lower()
    if w in _ABBREV or (w == "no" and line[dot + 1:dot + 3].strip()[:1].isdigit()):
        return True
    if len(w) == 1 and w.isalpha() and line[dot - 1].isupper():  # an initial: "Hunter N. Hurvitz", not "cohort G."
        before = line[max(start, dot - 30):dot - 1].split()
        # (or a letter after a bullet: "- C. It was withdrawn ...", a quiz's option, is one unit)
        return not before or before[-1][:1].isupper() or not any(ch.isalnum() for ch in "".join(before))
    return False


def _add(text: str, start: int, end: int, out: list[Sentence]) -> None:
    seg = text[start:end]
    m = _BULLET.match(seg)
    if m:
        start += m.end()
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Sentence(start, end, text[start:end]))


def in_sentences(sentences: Sequence[Sentence], spans: Sequence[T]) -> list[list[T]]:
    """The spans (anything with a ``start``) that start in each sentence, in one pass.

    >>> ss = split("One. Two.")
    >>> in_sentences(ss, [Sentence(5, 8, "Two"), Sentence(0, 3, "One")])
    [[Sentence(start=0, end=3, text='One')], [Sentence(start=5, end=8, text='Two')]]
    """
    out: list[list[T]] = [[] for _ in sentences]
    ordered = sorted(spans, key=lambda x: x.start)
    i = 0
    for k, s in enumerate(sentences):
        while i < len(ordered) and ordered[i].start < s.start:
            i += 1
        while i < len(ordered) and ordered[i].start < s.end:
            out[k].append(ordered[i])
            i += 1
    return out


#: where a clause of contrast starts (", but", ", whereas", ", although", " but not")
_CONTRAST = re.compile(r",\s+(?:but|whereas|although|though|even though|while|yet)\s|\s(?=but not\b)", re.I)


def clause_starts(text: str) -> list[int]:
    """Where each part of a sentence between clauses of contrast starts (see :func:`own_clause`).

    >>> clause_starts("It met its PFS endpoint, but OS fell short")
    [0, 29]
    """
    return [0] + [m.end() for m in _CONTRAST.finditer(text)]


def own_clause(text: str, at: int | None) -> str:
    """The part of a sentence, between clauses of contrast, that holds offset ``at``.

    >>> own_clause("It did not test OS, but PFS was longer", 26)
    'PFS was longer'
    """
    if at is None:
        return text
    start, end = 0, len(text)
    for m in _CONTRAST.finditer(text):
        if m.start() < at:
            start = m.end()
        else:
            end = m.start()
            break
    return text[start:end]


def next_clause(text: str, at: int | None) -> str:
    """The clause of contrast after the one that holds offset ``at`` ("" if none).

    >>> next_clause("HR 0.80, p = 0.0164, but it missed the boundary, so it failed", 3)
    'it missed the boundary, so it failed'
    """
    if at is None:
        return ""
    after = [m for m in _CONTRAST.finditer(text) if m.start() >= at]
    return own_clause(text, after[0].end()) if after else ""
