"""The clauses of a sentence that the regulatory reader (:mod:`kg.sources.text.regulatory`) reads one
at a time: the parts between semicolons, before a conjunction of contrast or another subject's
event, and each ", whose ..." clause on its own; and a sentence with its relative clauses blanked
(offsets kept), but for a ", which ..." clause that dates the event of the noun before it.

>>> t = "X was approved; Y was withdrawn"
>>> [t[a:b] for a, b, _ in clauses(t)]
['X was approved', ' Y was withdrawn']
"""
from __future__ import annotations

import re

from kg.sources.text import dates
from kg.sources.text.regulatory_cues import APPROVAL, NOT_APPROVED, RELATIVE, WHOSE, WITHDRAWAL


def blank_relative(text: str) -> str:
    """``text`` with its relative clauses replaced by spaces (offsets stay), except a ", which ..."
    clause that dates an approval or a withdrawal of the noun before it ("pembrolizumab plus axitinib, which
    the FDA cleared on April 19, 2019, carries ...": the sentence's claim is that approval).

    >>> blank_relative("The move, which leaves X approved, affects Y.")
    'The move,                        , affects Y.'
    >>> blank_relative("A field in which X is approved, and Y.")
    'A field                       , and Y.'
    >>> blank_relative("X, which the FDA cleared on April 19, 2019, is given")
    'X, which the FDA cleared on April 19, 2019, is given'
    """
    def blank(m: re.Match) -> str:
        g = m.group()
        if _DATED_WHICH.match(g) and (APPROVAL.search(g) or _CAME.match(g)) and not WITHDRAWAL.search(g) \
                and not NOT_APPROVED.search(g) and dates.find(g):
            return g
        if _DATED_WHICH.match(g) and WITHDRAWAL.search(g) and not APPROVAL.search(g) and dates.find(g):
            return g  # "the cisplatin-ineligible indication, which Genentech announced it would withdraw on ..."
        return ("," if g.startswith(",") else " ") + " " * (len(g) - 1)
    return RELATIVE.sub(blank, text)


_DATED_WHICH = re.compile(r",\s+which\b")
_CAME = re.compile(r",\s+which (?:came|arrived) (?:on|in)\b")
#: where a clause ends: a semicolon, a middle dot of a list ("approval Jun 2019 · withdrawn Mar 2021"), a comma
#: before a conjunction of contrast ("X remains approved for A, even though its use in B was withdrawn"), ...
_CLAUSE_END = re.compile(r";|\s\u00b7\s|\s(?:->|\u2192|=>)\s|,(?=\s+(?:even though|although|though|whereas|while|but)\s)|"
                         # ", and that approval was converted ...": a second event with a subject of its own
                         r",(?=\s+and\s+(?:that|this|the|its|it)\s+(?:\w+\s+)?(?:was|were|is|has|had)\b)|"
                         # ", and its first-line indication for cisplatin-ineligible patients ended ...": the same
                         r",(?=\s+and\s+its\s+[^,;]{0,60}?\b(?:ended|was\s+withdrawn|was\s+removed|was\s+converted)\b)|"
                         # ", and gave up its first-line indication the following year": a second event of the subject's
                         r",(?=\s+and\s+(?:then\s+|later\s+)?(?:gave\s+up|dropped|withdrew|pulled|lost|relinquished|surrendered)"
                         r"\s+(?:its|the|that|this|a)\s)|"
                         # ", and on 1 August 2024 the indication was extended ...": a later event of its own
                         r",(?=\s+and\s+(?:on|in)\s+[^,;]{3,25}?,?\s+the\s+(?:[\w-]+\s+){0,2}(?:indication|approval|label|use)\b)|"
                         # ", and on 31 May 2023 the FDA added ...": the agency's later act
                         r",(?=\s+and\s+(?:on|in)\s+[^,;]{3,25}?,?\s+the\s+(?:US\s+|U\.S\.\s+)?(?:FDA|agency|EMA)\s+"
                         r"(?:added|approved|cleared|expanded|extended|broadened|granted|converted)\b)|"
                         # ", and the European Commission granted ...": another agency's event
                         r",(?=\s+and\s+the\s+(?:[\w.-]+\s+){0,2}(?:granted|approved|cleared|authori[sz]ed|gave|issued)\b)|"
                         # ", and Genentech dropped Tecentriq's ...": another subject's event
                         r",(?=\s+and\s+(?!FDA\b|EMA\b|U\.?S\.?\b)[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*)?\s+(?:dropped|withdrew|pulled|gave up|removed|"
                         r"won|received|gained|secured)\b)|"
                         # ", and over the following year several other companies withdrew ...": others' events
                         r",(?=\s+and\s+(?:[\w-]+\s+){0,5}?other\s+(?:companies|sponsors|firms|manufacturers|drugmakers)\b)|"
                         # ", after Coherus's toripalimab received the green light in October 2023": another drug's event
                         r",(?=\s+(?:after|before|since)\s+[^,;]{0,40}?\b(?:received|won|got|gained|secured)\b)")


def clauses(text: str) -> list[tuple[int, int, int | None]]:
    """(start, end, offset of the antecedent drug or None) of the clauses of a sentence: the
    parts between semicolons or before a conjunction of contrast, and each ", whose ..." clause
    on its own.

    >>> t = "X lost its use in A in March 2021, and gave up its use in B the following year."
    >>> [t[a:b] for a, b, _ in clauses(t)]
    ['X lost its use in A in March 2021', ' and gave up its use in B the following year.']
    >>> t = "Z competes with Y, whose approval was converted in 2023; it also"
    >>> [(t[a:b], who) for a, b, who in clauses(t)]
    [('Z competes with Y, whose approval was converted in 2023', None), (' it also', None), (', whose approval was converted in 2023', 17)]
    """
    out: list[tuple[int, int, int | None]] = []
    whose: list[tuple[int, int, int | None]] = []
    start = 0
    for m in _CLAUSE_END.finditer(text + ";"):
        out.append((start, m.start(), None))
        for w in WHOSE.finditer(text, start, m.start()):
            whose.append((w.start(), w.end(), w.start()))
        start = m.end()
    return out + whose
