"""A dictionary of names matched in text by tokens, in time linear in the text's length.

A name and the text are cut into the same tokens (runs of letters and digits, and single
punctuation marks); a dash or a space between two tokens is a separator, so "non-small cell"
matches "non small cell" and "Non-Small  Cell". At each token the longest name that starts
there wins; a walk stops as soon as no name has the tokens read so far as its beginning. So
the cost is a few dictionary look-ups per token, whatever the number of names (a regular
expression with one alternative per name tries every name at every position: 14 us a
character on a megabyte of ``[``, 60 times slower). Names written in capitals without digits
("OAK", "FDA") match only in capitals; every other name ignores case.

>>> d = Dictionary([("non-small cell lung cancer", "NSCLC"), ("OAK", "T1"), ("B7.1", "CD80")])
>>> [(m.start, m.end, m.values) for m in d.find("In OAK (not oak): Non-Small  Cell lung cancer; b7.1.")]
[(3, 6, ['T1']), (18, 45, ['NSCLC']), (47, 51, ['CD80'])]
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any, Iterable

DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
_TOKEN = re.compile(r"\w+|[^\w\s%s]" % re.escape(DASHES))
_GAP = " "       # one separator between two tokens
_BARRIER = "\n"  # anything else between two tokens (a blank line, a long run of spaces): no name spans it


@dataclass(frozen=True)
class Match:
    """A name found at ``text[start:end]``, with the values stored under it."""

    start: int
    end: int
    values: list[Any]


def case_sensitive(name: str) -> bool:
    """Whether a name matches only as written: capitals without digits ("OAK", "FDA").

    >>> case_sensitive("OAK"), case_sensitive("PD-L1"), case_sensitive("Tecentriq")
    (True, False, False)
    """
    return not any(c.islower() for c in name) and not any(c.isdigit() for c in name)


def _fold(token: str) -> str:
    return token.casefold() if token.isascii() else unicodedata.normalize("NFKC", token).casefold()


def _tokens(text: str) -> list[tuple[int, int, str]]:
    """(start, end, token) of each token, with a gap marker between tokens that a separator
    parts (its offsets are the gap's)."""
    out: list[tuple[int, int, str]] = []
    last = None
    for m in _TOKEN.finditer(text):
        if last is not None and m.start() > last:
            gap = text[last:m.start()]
            out.append((last, m.start(), _GAP if len(gap) <= 2 and "\n\n" not in gap else _BARRIER))
        out.append((m.start(), m.end(), m.group()))
        last = m.end()
    return out


class Dictionary:
    """Names -> values, found in text token by token (see the module's doc)."""

    def __init__(self, entries: Iterable[tuple[str, Any]] = ()):
        self.index: dict[tuple[str, ...], list[Any]] = {}
        self.prefixes: set[tuple[str, ...]] = set()
        self.firsts: set[tuple[str, ...]] = set()  # the first token of each name (after "=" if any)
        for name, value in entries:
            self.add(name, value)

    def key(self, name: str) -> tuple[str, ...]:
        """The token key of a name: separators as one gap, case folded unless the name is
        written in capitals without digits (then ``"="`` marks it)."""
        cs = case_sensitive(name)
        toks = [t if cs or t == _GAP else _fold(t) for *_, t in _tokens(name)]
        return tuple(["="] + toks if cs else toks)

    def add(self, name: str, value: Any) -> None:
        """Store ``value`` under ``name`` (a name keeps every value given for it, in order)."""
        k = self.key(str(name).strip())
        if len(k) < 1 or k == ("=",):
            return
        vals = self.index.setdefault(k, [])
        if value not in vals:
            vals.append(value)
        for i in range(1, len(k) + 1):
            self.prefixes.add(k[:i])
        self.firsts.add(k[:2] if k[0] == "=" else k[:1])

    def get(self, name: str) -> list[Any]:
        """The values stored under ``name`` (as written: the same folding applies)."""
        return self.index.get(self.key(name)) or []

    def find(self, text: str) -> list[Match]:
        """Every name in ``text``, leftmost and then longest first, without overlaps."""
        out: list[Match] = []
        ci_firsts = {k[0] for k in self.firsts if k[0] != "="}
        cs_firsts = {k[1] for k in self.firsts if k[0] == "="}
        after = 0
        for m in _TOKEN.finditer(text):
            t = m.group()
            cs = t in cs_firsts
            ci = (t.casefold() if t.isascii() else _fold(t)) in ci_firsts
            if (ci or cs) and m.start() >= after:
                best = self._longest(text, m.start(), ci, cs)
                if best is not None:
                    out.append(best)
                    after = best.end
        return out

    def _longest(self, text: str, start: int, ci: bool, cs: bool) -> Match | None:
        """The longest name that starts at ``start``: a walk over the tokens from there, while
        the tokens read are the beginning of some name."""
        best = None
        for case_sensitive_walk in (False, True) if ci and cs else ((cs,) if cs else (False,)):
            key: tuple[str, ...] = ("=",) if case_sensitive_walk else ()
            last = None
            for m in _TOKEN.finditer(text, start):
                if last is not None and m.start() > last:
                    gap = text[last:m.start()]
                    key += (_GAP if len(gap) <= 2 and "\n\n" not in gap else _BARRIER,)
                t = m.group()
                key += (t if case_sensitive_walk else _fold(t),)
                if key not in self.prefixes:
                    break
                if key in self.index and (best is None or m.end() > best.end):
                    best = Match(start, m.end(), self.index[key])
                last = m.end()
        return best
