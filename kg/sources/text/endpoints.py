"""Which endpoint a piece of text names: a trial's endpoints by their names and abbreviations
("progression-free survival", "PFS"), and told in plain words ("lived longer", "the risk of the
cancer growing", "held the disease in check", "had their cancer come back or died").

>>> endpoint("those given A had their cancer come back or died"), last_endpoint("PFS improved; OS did not")
('disease-free survival', 'overall survival')
"""
from __future__ import annotations

import re

#: endpoints as articles name them (the name, or the event the ratio counts, in plain words), in order of preference
ENDPOINTS = [
    (r"invasive disease[- ]free survival|invasive DFS|\biDFS\b|\bfree of invasive disease\b", "invasive disease-free survival"),
    (r"disease[- ]free survival|\bDFS\b|recurrence[- ]free survival|\bRFS\b|relapse[- ]free survival|"
     r"(?:risk|hazard) of (?:the )?(?:\w+ ){0,2}(?:recurrence|recurring|returning|relapse|relapsing|coming back|come back)|"
     r"(?:cancer|disease|tumou?r|melanoma) (?:return\w*|recurr\w*|relaps\w*|com(?:e|ing) back|came back)|"
     r"\bcome back or (?:had )?died\b|\brecurrence or death\b", "disease-free survival"),
    (r"event[- ]free survival|\bEFS\b|grew, came back,? or caused death", "event-free survival"),
    (r"progression[- ]free survival|\bm?r?PFS\b|disease progression or death|risk of (?:disease )?progression|"
     r"delay(?:ed|s|ing)? (?:disease )?progression|\bprogression or death\b|\bratio for (?:disease )?progression\b|"
     r"(?:cancer|disease|tumou?rs?|melanoma) (?:from )?(?:growing|getting worse|worsening|progressing|spreading)|"
     r"\b(?:in check|under control)\b|\bwithout (?:the )?(?:cancer|disease) (?:growing|getting worse)|"
     r"\bbefore (?:their |the |its )?(?:cancer|disease|tumou?rs?) (?:grew|got worse|progressed|spread)|"
     r"\bfree (?:of|from) (?:cancer |disease |tumou?r )?(?:growth|progression|worsening)|\bwithout (?:disease )?progression\b",
     "progression-free survival"),
    (r"overall[- ]survival|\bm?OS\b|(?:risk|hazard) of (?:death|dying)|hazard ratio for death|\blived longer\b|\blive longer\b|"
     r"\blived\b|\bhalf of (?:the )?(?:[\w-]+ ){0,4}(?:were |was )?(?:still )?alive\b", "overall survival"),
    (r"patholog\w* complete response|\bpCR\b|no (?:living|viable|remaining) (?:cancer|tumou?r) cells", "pathological complete response"),
    # (not the FDA's "complete response letter")
    (r"\bcomplete (?:responses?|remissions?)\b(?! letter)|\bCR rate\b|\bCR\b(?=\s*[:=]?\s*(?:in\s+|of\s+)?\d)",
     "complete response rate"),
    # (before the response rate: "responses lasted a median of 31.4 months" is the responses' duration)
    (r"duration of (?:the )?responses?|\bm?DoR\b|\bresponses? (?:lasted|last|lasting)\b", "duration of response"),
    (r"objective response rate|overall response rate|\bORR\b|response rate|\bresponses?\b(?! letter)|\bresponded\b|"
     r"(?:tumou?rs?|cancers?|disease) (?:shrank|shrink|shrunk|got smaller)", "objective response rate"),
    (r"\bsurvival\b", "overall survival"),
]
#: words one of which each endpoint's forms contain (plain substrings of the lower-cased text: a quick test first)
_GATES = {"invasive disease-free survival": ("invasive", "idfs"),
          "disease-free survival": ("disease", "dfs", "recurren", "rfs", "relaps", "recurr", "return", "back", "died"),
          "event-free survival": ("event", "efs", "came back"),
          "progression-free survival": ("progress", "pfs", "grow", "grew", "worse", "spread", "check", "control"),
          "overall survival": ("overall", "os", "death", "dying", "live"),
          "pathological complete response": ("patholog", "pcr", "cells"),
          "complete response rate": ("complete", "cr rate", "cr ", "cr:", "cr="),
          "objective response rate": ("respon", "orr", "shr", "smaller"),
          "duration of response": ("duration", "dor", "last"), "survival": ("surviv",)}
_ENDPOINTS = [(re.compile(rx, re.I), name, _GATES[name] if rx != r"\bsurvival\b" else _GATES["survival"])
              for rx, name in ENDPOINTS]
#: words without one of which no endpoint is named (plain substrings of the lower-cased text: a quick test)
_ENDPOINT_WORDS = ("surviv", "dfs", "rfs", "efs", "pfs", "recur", "return", "relaps", "back", "progress", "grow", "grew",
                   "worse", "spread", "check", "control", "death", "dying", "live", "pcr", "cells", "respon", "orr",
                   "shr", "smaller", "dor", "duration", "last", "complete", "cr rate", "cr ", "cr:", "cr=")
_OS = re.compile(r"\bm?OS\b", re.I)
_PART_OF_NAME = re.compile(r"(?:free|overall|specific)[\s-]+$", re.I)


def endpoint(text: str) -> str | None:
    """The endpoint a piece of text names (the first of :data:`ENDPOINTS` that it mentions).

    >>> endpoint("those given A had their cancer come back or died"), endpoint("held melanoma in check")
    ('disease-free survival', 'progression-free survival')
    >>> endpoint("complete responses were seen in 65.5%"), endpoint("a complete response letter"), endpoint("pCR")
    ('complete response rate', None, 'pathological complete response')
    """
    if not _may_name_endpoint(text):
        return None
    low = text.lower()
    for rx, name, gate in _ENDPOINTS:
        if any(w in low for w in gate) and rx.search(text):
            return name
    return None


def _may_name_endpoint(text: str) -> bool:
    low = text.lower()
    return any(w in low for w in _ENDPOINT_WORDS) or bool(_OS.search(text))


def word_start(text: str, at: int) -> int:
    """Where the word at ``at`` starts (0 before the text): a window from there cuts no name short ("progression-free
    survival", not "ree survival").

    >>> word_start("median progression-free survival", 10)
    7
    """
    return 0 if at <= 0 else text.rfind(" ", 0, at) + 1


def last_endpoint(text: str) -> str | None:
    """The endpoint named last in ``text``."""
    if not _may_name_endpoint(text):
        return None
    best, where, end = None, -1, -1
    low = text.lower()
    for rx, name, gate in _ENDPOINTS:  # ("survival" alone counts when named last: "the PFS ..., but the survival result")
        if not any(w in low for w in gate):
            continue
        for m in rx.finditer(text):
            if name == "overall survival" and m.group().lower() == "survival" and _PART_OF_NAME.search(text, 0, m.start()):
                continue  # ("...ion-free survival" cut short by a window: part of a longer name)
            if m.start() > where and m.end() > end:  # (not one inside a longer name: "invasive disease-free survival")
                best, where, end = name, m.start(), m.end()
    return best
