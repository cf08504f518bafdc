"""Several events told as one list after the word that tells them ("withdrawn AAs to know: nivo 3L
SCLC (Dec 2020), pembro 3L+ SCLC (Mar 2021), durva 2L urothelial (Feb 2021)"): each item, a drug
(or drugs joined without a comma: "nivo + ipi"), its disease and its own date, is read as a clause
of its own, with the event word before the list and nothing of the other items.

>>> t = "withdrawn: nivo SCLC (Dec 2020), pembro SCLC (Mar 2021)"
>>> [t[a:b] for a, b in items(t, [11, 33])]
['nivo SCLC (Dec 2020)', 'pembro SCLC (Mar 2021)']
"""
from __future__ import annotations

import re

from kg.sources.text.regulatory_cues import APPROVAL, LIST_OF_APPROVALS, WITHDRAWAL

#: a lead the clauses of a list share ("Lung cancer approvals accumulated from late 2018: with A for X on D1; ...")
_LEAD = re.compile(r"[^.;:]{0,120}?" + LIST_OF_APPROVALS, re.I)
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
#: what comes between two items: a comma (", and"), nothing else
_BETWEEN = re.compile(r",\s*(?:and\s+)?$")


def items(text: str, drug_starts: list[int]) -> list[tuple[int, int]]:
    """The (start, end) of each item of the list in clause ``text``, whose drug names start at
    ``drug_starts``; none unless there are two items or more, each with one year, and no year before
    the first (the list follows its event word).

    >>> t = "approved: X for A in 2019 and Y for B in 2020"
    >>> items(t, [10, 30])
    []
    >>> t = "withdrawn in 2021: X (Dec 2020), Y (Mar 2021)"
    >>> items(t, [19, 33])
    []
    """
    starts = sorted(set(drug_starts))
    if len(starts) < 2:
        return []
    # a drug after a comma starts an item; one joined to the one before ("nivo + ipi") does not
    heads = [starts[0]] + [d for prev, d in zip(starts, starts[1:]) if _BETWEEN.search(text[prev:d])]
    if len(heads) < 2 or _YEAR.search(text, 0, heads[0]):
        return []
    out = []
    for k, start in enumerate(heads):
        end = heads[k + 1] if k + 1 < len(heads) else len(text)
        piece = text[start:end]
        cut = _BETWEEN.search(piece)
        end = start + (cut.start() if cut and k + 1 < len(heads) else len(piece.rstrip(" .;")))
        if len(_YEAR.findall(text, start, end)) != 1:
            return []
        out.append((start, end))
    return out


def blank_others(text: str, spans: list[tuple[int, int]], keep: int) -> str:
    """``text`` with every item but the ``keep``-th blanked out (the offsets stay).

    >>> blank_others("w: A (2020), B (2021)", [(3, 11), (13, 21)], 1)
    'w:           B (2021)'
    >>> blank_others("w: A (2020), B (2021)", [(3, 11), (13, 21)], 0)
    'w: A (2020),         '
    """
    out = list(text)
    for k, (a, b) in enumerate(spans):
        if k != keep:  # (and the comma after it)
            b = spans[k + 1][0] if k + 1 < len(spans) else b
            out[a:b] = " " * (b - a)
    return "".join(out)


def each_item(text: str, drug_starts: list[int]) -> list[str]:
    """The texts to read for clause ``text``: one per item of a list after its event word (each with the
    others blanked), or the clause itself.

    >>> each_item("withdrawn: A X (Dec 2020), B Y (Mar 2021)", [11, 27])
    ['withdrawn: A X (Dec 2020),               ', 'withdrawn:                 B Y (Mar 2021)']
    >>> each_item("A was withdrawn in 2020.", [0])
    ['A was withdrawn in 2020.']
    """
    listed = items(text, drug_starts)
    if listed and (APPROVAL.search(text, 0, listed[0][0]) or WITHDRAWAL.search(text, 0, listed[0][0])):
        return [blank_others(text, listed, k) for k in range(len(listed))]
    return [text]


def lead(text: str) -> int | None:
    """Where the lead that the clauses of a list of approvals share ends, or None.

    >>> t = "Approvals followed: with A for X on 1 May 2019; with B for Y on 2 June 2020."
    >>> t[:lead(t)]
    'Approvals followed: '
    """
    m = _LEAD.match(text)
    return m.end() if m else None


#: a list item's marker at the start of its line ("  * ", "- ", "3. ")
_BULLET = re.compile(r"(?:^|\n)[ \t]*(?:[*\u2022\u2013-]|\d{1,2}[.)])[ \t]+$")
_LINE_START = re.compile(r"(?:^|\n)[ \t]*$")
#: a lead line that introduces approvals ("Since then, the list of approved uses has grown:")
_APPROVALS_LEAD = re.compile(r"\bapprov\w*|\bindications?\b|\blabel\b|\buses\b", re.I)


def under_approvals_lead(text: str, sentences, i: int) -> bool:
    """Whether sentence ``i`` is an item of a bulleted list whose lead line tells approvals and ends with a
    colon ("Since then, the list of approved uses has grown:" then "* Stomach cancer: January 2021, ...").

    >>> from kg.sources.text.sentences import split
    >>> t = "Its approved uses grew:\\n  * Gastric cancer: January 2021.\\n  * Lung cancer: August 2022.\\nAll told."
    >>> ss = split(t); [under_approvals_lead(t, ss, k) for k in range(len(ss))]
    [False, True, True, False]
    """
    def bullet(k: int) -> bool:
        return bool(_BULLET.search(text, max(0, sentences[k].start - 8), sentences[k].start))
    if not bullet(i):
        return False
    for k in range(i - 1, max(-1, i - 12), -1):
        starts_line = _LINE_START.search(text, max(0, sentences[k].start - 8), sentences[k].start)
        if bullet(k) or not starts_line:
            continue  # another item, or the rest of an item's line
        lead = sentences[k].text.rstrip()
        return lead.endswith(":") and bool(_APPROVALS_LEAD.search(lead)) and not WITHDRAWAL.search(lead)
    return False

