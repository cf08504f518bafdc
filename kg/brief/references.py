"""Numbered references: each source a page cites gets a number the first time it is cited, and
an entry (what it is, and the address it resolves to) in the page's References section.

>>> refs = References({"PMID:30345906": {"name": "Schmid NEJM 2018", "title": "Atezolizumab and Nab-Paclitaxel"}})
>>> refs.cite(["CLINICALTRIALS:NCT02425891", "PMID:30345906"]), refs.cite(["PMID:30345906"])
([1, 2], [2])
>>> [(e["number"], e["url"]) for e in refs.entries()]
[(1, 'https://clinicaltrials.gov/study/NCT02425891'), (2, 'https://pubmed.ncbi.nlm.nih.gov/30345906/')]
>>> marks([2, 1, 2])
'[1][2]'
"""
from __future__ import annotations

import re
from typing import Any, Iterable
from urllib.parse import quote

_NCT = re.compile(r"^(?:CLINICALTRIALS:)?(NCT\d{8})$")


def source_url(source: str) -> str | None:
    """The address a source resolves to: PubMed, doi.org, ClinicalTrials.gov, or the URL itself.

    >>> source_url("DOI:10.1016/S0140-6736(20)31953-X"), source_url("NCT03498716")
    ('https://doi.org/10.1016/S0140-6736(20)31953-X', 'https://clinicaltrials.gov/study/NCT03498716')
    """
    m = _NCT.match(source)
    if m:
        return f"https://clinicaltrials.gov/study/{m.group(1)}"
    if source.startswith("PMID:"):
        return f"https://pubmed.ncbi.nlm.nih.gov/{quote(source[5:])}/"
    if source.startswith("DOI:"):
        return "https://doi.org/" + quote(source[4:], safe="/()-._;:")
    if source.startswith(("https://", "http://")):
        return source
    return None


def _label(source: str, pub: dict[str, Any] | None) -> str:
    m = _NCT.match(source)
    if m:
        return f"ClinicalTrials.gov {m.group(1)}"
    if pub:
        parts = [p for p in (pub.get("name") if pub.get("name") != source else None, pub.get("title")) if p]
        ident = source.replace("PMID:", "PMID ").replace("DOI:", "doi:")
        return ". ".join(parts + [ident]) if parts else ident
    if source.startswith(("https://", "http://")):
        from urllib.parse import urlsplit

        return f"Web page at {urlsplit(source).hostname}"
    return source


def last_day(date) -> str | None:
    """The last day a date (a day, a month ``2020-05`` or a year ``2020``) may stand for.

    >>> last_day(2020), last_day("2020-02"), last_day("2020-02-03")
    ('2020-12-31', '2020-02-29', '2020-02-03')
    """
    if not date:
        return None
    date = str(date)
    if len(date) == 4:
        return date + "-12-31"
    if len(date) == 7:
        import calendar

        return f"{date}-{calendar.monthrange(int(date[:4]), int(date[5:]))[1]:02d}"
    return date


class References:
    """The page's reference list, numbered in order of first citation. With ``as_of``, a
    publication the graph dates after that day is not cited (it did not exist yet)."""

    def __init__(self, publications: dict[str, dict[str, Any]] | None = None, as_of: str | None = None):
        self._pubs = publications or {}
        self._numbers: dict[str, int] = {}
        self._as_of = as_of

    def _later(self, source: str) -> bool:
        pub = self._pubs.get(source)
        if not self._as_of or not pub:
            return False
        day = last_day(pub.get("date") or pub.get("year"))
        return bool(day and day > self._as_of)

    def cite(self, sources: Iterable[str]) -> list[int]:
        """The numbers of ``sources`` (new ones numbered next), in ascending order, without repeats."""
        out = set()
        for s in sources:
            if s.startswith("KG:doc-") or self._later(s):
                continue  # what an article claims is not a source of the page; nor is a later paper
            if s not in self._numbers:
                self._numbers[s] = len(self._numbers) + 1
            out.add(self._numbers[s])
        return sorted(out)

    def entries(self) -> list[dict[str, Any]]:
        """``[{"number", "source", "label", "url"}]`` in number order."""
        return [{"number": n, "source": s, "label": _label(s, self._pubs.get(s)), "url": source_url(s)}
                for s, n in sorted(self._numbers.items(), key=lambda kv: kv[1])]


def marks(numbers: Iterable[int]) -> str:
    """``[1][2]`` for the numbers, in order, each once."""
    return "".join(f"[{n}]" for n in sorted(set(numbers)))
