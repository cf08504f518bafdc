"""Names of trials new to the graph that no "trial" word follows: a coded name with a short number
("DREAMM-3", "CodeBreaK 200", "KarMMa-3"), and a one-word name in capitals ("FLAURA", "MARIPOSA")
where a trial's words surround it ("In FLAURA, ...", "... versus osimertinib in MARIPOSA.",
"MARIPOSA enrolled ...", "FLAURA met its primary endpoint").

Each gives the span of a name; the matcher keeps one only where no name it knows (a drug, a
disease, a target) is written there, and finds a name again everywhere else in the article.
Agencies, societies, meetings, companies and genes written in capitals are never trial names.

>>> t = "In FLAURA, osimertinib won. DREAMM-3 and CodeBreaK 200 did not; nor did PD-1 in ASCO 2024."
>>> [t[a:b] for a, b in spans(t)]
['DREAMM-3', 'CodeBreaK 200', 'FLAURA']
>>> [[t[a:b] for a, b in spans(t)] for t in ("ATLANTIS (ph3, A + B vs C): 613 pts", "DUO randomized 319 pts; FDA approved it.")]
[['ATLANTIS'], ['DUO']]
>>> t = "For ADAURA (682 patients randomised), HR 0.17. EV-301 (n=608) confirmed it; CA-125 fell. MONARCH 1 and ACE-LY-004 too."
>>> [t[a:b] for a, b in spans(t)]
['MONARCH 1', 'ACE-LY-004', 'EV-301', 'ADAURA']
>>> t = "MARIPOSA enrolled 1,074 patients; HR 0.70 in the ITT. Grade 3 events: 75%."
>>> [t[a:b] for a, b in spans(t)]
['MARIPOSA']
>>> t = "2/ FLAURA: mPFS 18.9 vs 10.2 mo\\nRESULTS: HR 0.46\\nNOTE: 20% more"
>>> [t[a:b] for a, b in spans(t)]
['FLAURA']
>>> t = "The main study in untreated people (ELEVATE-TN) and the trial in older adults, ECHO, read out."
>>> [t[a:b] for a, b in spans(t)]
['ELEVATE-TN', 'ECHO']
>>> t = "MARIPOSA's interim overall survival HR was 0.80; innovaTV 301 met; ExteNET, in ExteNET, with 2,840."
>>> [t[a:b] for a, b in spans(t)]
['innovaTV 301', 'ExteNET', 'MARIPOSA']
>>> t = "monarchE put 5,637 patients on it. PALLAS, with palbociclib, was negative. NCCN, with panels, met."
>>> [t[a:b] for a, b in spans(t)]
['monarchE', 'PALLAS']
>>> t = "VIALE-A (AML, unfit). 431 patients were randomized"
>>> [t[a:b] for a, b in spans(t)]
['VIALE-A']
>>> [t[a:b] for a, b in spans("A study in chronic lymphocytic leukemia (CLL) and a trial of adults (NCCN) ran.")]
[]
"""
from __future__ import annotations

import re
from typing import Iterable

_DASH = "-\u2010\u2011\u2012\u2013\u2014"
#: a coded name with a number of one to three digits (not a decimal, a percentage or a year)
_NUMBERED = re.compile(r"(?<![%s\w/.])([A-Z][A-Za-z]{2,}+|[a-z]{3,}+[A-Z][A-Za-z]*+)[%s ](\d{1,3}[a-z]?)\b(?![.,]\d|%%|\s*%%|[%s]\d)"
                       % (_DASH, _DASH, _DASH))
#: a name in capitals (four or more letters, a number after a dash allowed)
_CAPS = r"[A-Z][A-Z0-9]{3,}+(?:[%s][A-Z0-9]++)?" % _DASH
#: or in mixed case with capitals inside ("ExteNET", "TROPiCS")
_MIXED = r"(?:%s|[A-Z][a-z]{1,6}+[A-Z]{2,}[A-Za-z0-9]*+)" % _CAPS
_IN = re.compile(r"(?:^|(?<=[.;:!?]\s)|(?<=\n))(?:In|For)\s+(%s)\s*(?=,|\((?:NCT|[nN]\s*=|\d[\d,]*\s+(?:patients|pts|participants)\b))|\bin\s+(?:the\s+)?(%s)(?=\s*[,.;:)(]|\s+(?:and|versus|vs)\b)"
                 % (_MIXED, _MIXED))
#: a name in capitals whose results are spoken of ("MARIPOSA's interim overall survival", "the MARIPOSA survival data")
_WHOSE = re.compile(r"(?<![%s\w/.])(%s)(?:'s|\u2019s)?\s++(?:(?:interim|final|updated|primary|mature|long-term)\s++)?"
                    r"(?:overall\s+survival|progression-free|survival\s+data|hazard\s+ratio|primary\s+(?:end\s*point|analysis)|"
                    r"(?:OS|PFS|DFS|EFS|ORR)\s+(?:data|results?|HR|hazard)|data\s+(?:showed|show|read))\b" % (_DASH, _CAPS))
_VERB = re.compile(r"(?<![%s\w/.])(%s|[A-Z]{3})(?:'s)?\s+(?:trial\s+|study\s+)?(?:enrolled|randomi[sz]ed|accrued|assigned|"
                   r"(?:included|recruited|involved)\s+\d|compared\b|tested\b|evaluated\b|showed\b|demonstrated\b|"
                   r"met\s+(?:its|the|both|all)\b|missed\b|did\s+not\s+meet\b|failed\s+to\s+(?:meet|show|improve)\b|"
                   r"read\s+out\b|(?:primary\s+)?(?:analysis|results?|data)\s+(?:showed|show)\b)" % (_DASH, _CAPS))
#: a name in capitals as the label of a line of notes that gives a figure ("MARIPOSA: mPFS 23.7 vs 16.6 mo",
#: "2/ FLAURA - HR 0.46")
_LABEL = re.compile(r"(?:^|(?<=\n)|(?<=\d/\s))[-*\u2022 ]*(%s)\s*(?:\([^()\n]{0,60}\)\s*)?(?::|\s[%s]\s)(?=[^\n]{0,40}?(?:\b(?:m?PFS|m?OS|m?DFS|m?EFS|"
                    r"HR|ORR|pCR|median|response)\b|\d%%|\d\s+(?:patients|pts|participants)\b))" % (_CAPS, _DASH))
#: a name in capitals in brackets or between commas after a trial described in a few words ("the main
#: study for people who had never been treated (ELEVATE-TN)", "the confirmatory trial in older adults, ECHO,")
_DESCRIBED = re.compile(r"\b(?:trial|study)(?:\s++[a-z0-9][a-z0-9%s]*+(?:,(?=\s++[a-z]))?){1,8}?\s*+"
                        r"(?:\((%s)\)|,\s*+(%s),)" % (_DASH, _CAPS, _CAPS))
#: a name in capitals opening a line, a description in brackets after it, then the trial's size
#: ("VIALE-A (AML, unfit for intensive chemo). 431 patients were randomized")
_HEAD = re.compile(r"(?:^|(?<=\n))[-*\u2022 ]*(%s)\s*+\([^()\n]{0,60}\)\.\s++(?=(?:[A-Za-z ]{0,20})?\d[\d,]*\s+"
                   r"(?:patients|pts|participants|people|adults|subjects)\b)" % _CAPS)
#: a name opening in lower case with a capital inside ("monarchE put 5,637 patients ..."), or a name in capitals with
#: its drug in an aside ("PALLAS, with palbociclib, was ..."), opening a sentence
_OPENING = re.compile(r"(?:^|(?<=[.!?]\s)|(?<=\n))(?:([a-z]{3,}+[A-Z][A-Za-z0-9]*+)(?=[\s,:])|(%s)(?=,\s+(?:with|of|testing)\s+"
                      r"[a-z][a-z-]+,))" % _CAPS)
#: words in capitals (and coded words) that are no trial: agencies, societies, meetings, companies, genes,
#: end points and the headings of an abstract
NOT_TRIALS = frozenset("""fda ema nccn asco esmo aacr sabcs ash wclc odac pdufa bla sbla nda snda nice cadth mhra pmda nmpa
cms nih nci who usa gsk msd bms abbvie amgen roche merck pfizer novartis sanofi takeda bayer astrazeneca beigene
genentech janssen lilly daiichi gilead seagen incyte exelixis eisai regeneron nejm jama lancet bicr blinded
independent
covid covid-19 brca brca-1 brca-2 brca1 brca2 parp-1 parp-2 ecog ecog-1 her-2 kras egfr alk ros1 braf ntrk
palb2 chek2 erbb2 erbb3 erbb4 ntrk1 ntrk2 ntrk3 fgfr1 fgfr2 fgfr3 fgfr4 pdl1 ctla4 brip1 rad51 abcb1 cyp3a4 ugt1a1
pdl1 ctla tmb msi dmmr pmmr recist irecist ihc fish ngs ctdna itt mitt ttd orr dor pfs efs dfs rfs mfs
results methods background conclusions conclusion abstract summary introduction discussion objective objectives
design setting participants interventions outcomes limitations funding note notes update table figure appendix
total phase cohort arm part stage grade level version section chapter slide question answer week day month year
""".split())


#: a name of two capitals, a dash and three digits ("EV-301", "EV-103"); a tumour marker ("CA-125") is none
_SHORT_CODED = re.compile(r"(?<![%s\w/.])(?!CA)[A-Z]{2}[%s]\d{3}(?![%s\w]|[.,]\d|%%)" % (_DASH, _DASH, _DASH))
#: a sponsor's code of three parts ("ACE-LY-004", "GO-MM-002")
_MULTI_CODED = re.compile(r"(?<![%s\w/.])[A-Z]{2,}[%s][A-Z]{2,}[%s]\d{2,4}(?![%s\w]|[.,]\d)" % (_DASH, _DASH, _DASH, _DASH))
#: a name in capitals with its number glued on ("ARIEL4", "TRITON2"); genes written so are in NOT_TRIALS
_GLUED = re.compile(r"(?<![%s\w/.])[A-Z]{4,}\d{1,2}(?![%s\w])" % (_DASH, _DASH))
#: a table's column of trials ("| Pivotal trial |", "| Study (n) |") and a name at the start of its cells
_TRIAL_COLUMN = re.compile(r"\b(?:trials?|stud(?:y|ies)|pivotal|evidence|basis)\b", re.I)
_CELL_NAME = re.compile(r"\s*([A-Z][A-Za-z0-9]*(?:[%s ][A-Za-z0-9]+){0,2}?)\s*(?:\(|\||$)" % _DASH)


def _table_cells(text: str) -> Iterable[tuple[int, int]]:
    """The trial names of a Markdown table's column of trials: the name that starts each of its cells
    ("| POLO (154) |", "| NOVA |"), under a header that says the column is the trial's."""
    column, at = None, 0
    for line in text.splitlines(keepends=True):
        cells = line.strip().startswith("|") and [m for m in re.finditer(r"[^|]+", line.rstrip("\n")) if m.group().strip()]
        if not cells:
            column = None
        elif column is None:
            column = next((k for k, c in enumerate(cells) if _TRIAL_COLUMN.search(c.group())), -1)
        elif 0 <= column < len(cells) and not re.fullmatch(r"[%s\s:]+" % _DASH, cells[column].group()):
            m = _CELL_NAME.match(cells[column].group())
            name = m.group(1) if m else ""
            if sum(c.isupper() for c in name) >= 2 or any(c.isdigit() for c in name) and name[:1].isupper():
                yield at + cells[column].start() + m.start(1), at + cells[column].start() + m.end(1)
        at += len(line)


#: trial families that notes and chats write by two letters ("CM-451", "KN-604")
_FAMILIES = {"CM": "CheckMate", "KN": "KEYNOTE"}
_FAMILY_SHORT = re.compile(r"(%s)(?=[%s ]\d)" % ("|".join(_FAMILIES), _DASH))


def full_name(name: str) -> str:
    """A trial's name with its family written out ("CM-451" is CheckMate-451), else the name.

    >>> full_name("CM-451"), full_name("KN-604"), full_name("EV-301")
    ('CheckMate-451', 'KEYNOTE-604', 'EV-301')
    """
    m = _FAMILY_SHORT.match(name)
    return _FAMILIES[m.group(1)] + name[m.end(1):] if m else name


def is_name(name: str) -> bool:
    """Whether a word is written as a trial's name is: two capitals or more, or a capital and a number, and no
    word of NOT_TRIALS ("VIALE-A", "CLL14"; not "FDA", "Phase").

    >>> is_name("VIALE-A"), is_name("CLL14"), is_name("FDA"), is_name("Phase"), is_name("Merck"), is_name("OS")
    (True, True, False, False, False, False)
    """
    return len(name) >= 4 and (sum(c.isupper() for c in name) >= 2 or name[:1].isupper() and any(
        c.isdigit() for c in name)) and _ok(name)


def _ok(name: str) -> bool:
    key = re.sub(r"[%s ]+" % _DASH, "-", name.lower())
    return key not in NOT_TRIALS and key.split("-")[0] not in NOT_TRIALS


def spans(text: str) -> Iterable[tuple[int, int]]:
    """(start, end) of each name these cues give, coded names first."""
    for m in _NUMBERED.finditer(text):
        word = m.group(1)
        uppers = sum(c.isupper() for c in word)
        # mixed case with two capitals or more ("CodeBreaK", "KarMMa", "TROPiCS"), or four capitals and a dash ("DREAMM-3")
        mixed = uppers >= 2 and any(c.islower() for c in word)
        # (or five capitals and a space: "MONARCH 1", "PALOMA 2")
        coded = word.isupper() and (len(word) >= 4 and text[m.end(1)] in _DASH or len(word) >= 5)
        if (mixed or coded) and _ok(m.group()):
            yield m.start(), m.end()
    for rx in (_MULTI_CODED, _SHORT_CODED, _GLUED):
        yield from ((m.start(), m.end()) for m in rx.finditer(text) if _ok(m.group()))
    yield from ((a, b) for a, b in _table_cells(text) if _ok(text[a:b]))
    for rx in (_IN, _VERB, _LABEL, _DESCRIBED, _HEAD, _WHOSE, _OPENING):
        for m in rx.finditer(text):
            g = 1 if m.group(1) else 2
            if not any(c.isdigit() for c in m.group(g)[:1]) and _ok(m.group(g)):
                yield m.start(g), m.end(g)
