"""The number of patients a trial enrolled or randomised, as reports write it: "616 patients were
randomised", "it enrolled 1,202 patients", "a total of 1,280 participants", "CheckMate 238
(n = 906)", "pitted A against B in 304 adults"; numbers written in words count.

>>> enrolment("In total, 616 patients were randomised (410 to A)."), enrolment("It enrolled 1,202 patients.")
((616, 'randomised'), (1202, 'enrolled'))
"""
from __future__ import annotations

import re

from kg.sources.text.numbers import words_to_numbers

_INT = r"(?<![\d.,])(\d{1,3}(?:,\d{3})++|\d+)(?![\d.,]\d)"
_PEOPLE = r"(?:patients|participants|people|adults|women|men|children|subjects|individuals|pts)"
_DIGIT = re.compile(r"\d")

_HOW = (r"(randomi[sz]ed|randomly (?:assigned|allocated|put|split|divided|placed)|assigned|allocated|enrolled|enroled|included|treated|recruited|"
        r"underwent randomi[sz]ation|took part|participated|were studied|evaluated|evaluable)")
#: (each pattern starts with a lookahead for its first character, so the engine skips to where it can match)
_ENROL_AFTER = re.compile(r"(?=\d)" + _INT + r"\s+(?:\w+\s+)??" + _PEOPLE
                          + r"(?:\s+(?:with|who|whose|aged|from|in|receiving|having)\b[^.;:()]{0,60}?)?\s+(?:(?:were|had been|have been)\s+"
                          + _HOW + r"|(underwent randomi[sz]ation|took part|participated|randomi[sz]ed|randomly assigned|enrolled|"
                          r"(?:got|received|were given) either|received|(made up))\b)",
                          re.I)
_ENROL_BEFORE = re.compile(r"(?=[rRiIeEcCtThHlLsSaAdDpP])(randomi[sz]ed|randomly (?:assigned|allocated)|enrol(?:l)?ed|included|recruited|involved|"
                           r"(?<=\d )assigned|(?<=\d[a-z] )assigned|(?<=trial )assigned|(?<=study )assigned|drew on|"
                           r"involving|enrolling|recruiting|counted|contributed|(?<=trial )had|(?<=study )had|(?<=it )had|"
                           # "RATIONALE-306 had 649 patients", "SOLO3 put 266 women on olaparib or chemotherapy"
                           r"(?<=\d )had|(?-i:(?<=[A-Z0-9] )put)(?=\s+\d[\d,]*\s+\w+\s+(?:on|onto|into)\b)|"
                           r"comprised|treated|looked at|studied)\s+(?:a total of\s+|about\s+|more than\s+|over\s+|some\s+)?"
                           + _INT + r"\s+(?:[\w*-]+,?\s+){0,3}?" + _PEOPLE, re.I)
#: a study "in 125 patients" or "of 700 people"; a trial's field line ("CASPIAN (NCT03043872): 987 randomised")
_STUDY_IN = re.compile(r"\b(?:study|trial|cohort)\s+(?:\([^()]{1,30}\)\s+)?(?:of|in)\s+" + _INT + r"\s+(?:[\w-]+\s+){0,2}?" + _PEOPLE, re.I)
_NAMED_LINE = re.compile(r"^\W*(?:[A-Z][A-Z0-9]{2,}|[A-Z][\w]*[- ]?\d[\w-]*)(?:[ -][\w-]+){0,2}\s*(?:\([^()]{0,20}\))?\s*(?::\s+|=\s*)" + _INT
                         + r"\s+(randomi[sz]ed|enrolled|" + _PEOPLE + r")\b")
_PEOPLE_WORDS = ("patient", "participant", "people", "adult", "men", "children", "subject", "individual", "pts")
_TOTAL = re.compile(r"\ba total of\s+" + _INT + r"\s+" + _PEOPLE, re.I)
#: a trial's size in brackets after its name ("CheckMate 238 (n = 906)"), or its patients after a verb
#: that sets its arms against each other ("pitted A against B in 304 adults")
_SIZE_AFTER_NAME = re.compile(r"(?=[A-Z])(?<![a-z])(?:[A-Z][\w-]*?[ -]?\d{1,4}[a-z]?|[A-Z][A-Za-z]*[A-Z][\w-]*)\s*\(\s*(?:[nN]\s*=\s*"
                              + _INT + r"|" + _INT + r"\s+(?:patients|pts|participants))\s*\)")
#: a trial named by its size ("the 289-patient JUPITER-02 trial")
_SIZED = re.compile(r"(?<![\d.,])(\d{1,3}(?:,\d{3})*|\d+)-(?:patient|participant|person)\b"
                    r"(?!\s+(?:[\w-]+\s+)?(?:cohort|subgroup|arm|population|group|subset)s?\b)", re.I)
#: a field line of a registry record ("Actual enrollment: 987 participants", "Efficacy population: 109",
#: "Randomized: 453 patients"); not a planned size ("Estimated enrollment")
_FIELD = re.compile(r"^\W*(?:actual\s+)?(enrol+ment|enrolled|sample size|number of (?:patients|participants)|"
                    r"(?:efficacy |analy[sz]ed |intention-to-treat )?population|randomi[sz]ed|participants|patients)"
                    r"\s*(?:\([^)]{0,20}\)\s*)?[:=]\s*" + _INT + r"(?:\s+" + _PEOPLE + r")?\b", re.I)
#: the patients a figure is a share of, or a sentence speaks of ("23.7% of 97 heavily pretreated patients responded",
#: "Among 172 patients with ...", "The signal came from 109 patients in CheckMate-032"): an analysis's patients
_SOME = r"(?:the\s+|all\s+)?" + _INT + r"\s+(?:[\w-]+\s+){0,%d}?" + _PEOPLE  # "the 97 heavily pretreated patients"
_SHARE_OF = re.compile(r"(?<![\d.])\d+(?:\.\d+)?\s*%?\s+of\s+" + _SOME % 3 + r"|^\W*(?:Among|Of)\s+" + _SOME % 2
                       + r"|\bamong\s+" + _SOME % 2 + r"|\b(?:came|comes) from\s+" + _SOME % 2, re.I)
#: notes' counts: "613 pts", "n=403, rand 1:1"
_NOTE_COUNT = re.compile(r"(?<![\d.,])(\d{2,3}(?:,\d{3})*|\d{2,5})\s+pts\b|^\W*n\s*=\s*(\d{2,3}(?:,\d{3})*|\d{2,5})\b")
#: "had 700 people in it"
_HAD_IN = re.compile(r"\bhad\s+" + _INT + r"\s+" + _PEOPLE + r"\s+in\s+(?:it|the (?:trial|study)|total|all)\b", re.I)
_PITTED = re.compile(r"(?=[pPcChH])(?:pitted|compared|head to head)\b[^.;]{0,80}?\bin\s+" + _INT + r"\s+(?:[\w-]+\s+){0,2}?" + _PEOPLE, re.I)


def _trial_size(text: str):
    """A trial's size in brackets after its name ("ASCENT (N = 468)"), not a disease's or a population's ("cSCC (n=78)",
    "NSCLC (n=300)", "ITT (n=...)": a name without a digit has four letters or more and is no such word)."""
    from kg.sources.text.lexicon import DISEASES
    from kg.sources.text.trial_names import NOT_TRIALS

    for m in _SIZE_AFTER_NAME.finditer(text):
        name = m.group().split("(")[0].strip()
        if any(c.isdigit() for c in name) or len(name) >= 4 and name not in DISEASES and name.lower() not in NOT_TRIALS:
            return m
    return None


def enrolment(text: str) -> tuple[int, str] | None:
    """(number of patients, how: enrolled, randomised, treated...) a sentence gives for a trial;
    numbers written in words count ("Seven hundred twenty-eight patients were randomly assigned").

    >>> enrolment("Seven hundred twenty-eight patients were randomly assigned."), enrolment("It involved 714 people.")
    ((728, 'randomised'), (714, 'enrolled'))
    >>> enrolment("That approval rested on the JAVELIN Solid Tumor study, which contributed 242 urothelial carcinoma patients.")
    (242, 'treated')
    >>> enrolment("Of the 94 patients treated after platinum, 14% responded."), enrolment("23.7% of 97 heavily pretreated patients responded")
    ((94, 'evaluated'), (97, 'evaluated'))
    >>> enrolment("ATLANTIS (ph3, lurbi + dox vs topo/CAV): 613 pts"), enrolment("n=403, rand 1:1, dbl-blind"), enrolment("ORR 14% in 9 of 64")
    ((613, 'enrolled'), (403, 'randomised'), None)
    >>> enrolment("28 of 59 patients responded"), enrolment("RATIONALE-306 had 649 patients."), enrolment("SOLO3 put 266 women on olaparib")
    ((59, 'evaluated'), (649, 'enrolled'), (266, 'enrolled'))
    >>> enrolment("112 patients made up the efficacy analysis")
    (112, 'evaluated')
    >>> enrolment("Actual enrollment: 987 participants"), enrolment("Estimated enrollment: 900") is None
    ((987, 'enrolled'), True)
    >>> enrolment("The trial had 700 people in it."), enrolment("in which 125 patients with NPC received penpulimab")
    ((700, 'enrolled'), (125, 'treated'))
    >>> enrolment("CASPIAN (NCT03043872): 987 randomised across three arms"), enrolment("a single-arm study in 125 patients")
    ((987, 'randomised'), (125, 'enrolled'))
    """
    low = text.lower()
    if not any(w in low for w in _PEOPLE_WORDS) and not re.search(r"\bn\s*=", low):
        field = _FIELD.match(text) if "enrol" in low or "random" in low or "population" in low else None
        if field:
            return int(field.group(2).replace(",", "")), _how(field.group(1))
        named = _NAMED_LINE.match(text) if "enrol" in low or "random" in low else None
        return (int(named.group(1).replace(",", "")), _how(named.group(2))) if named else None
    text = words_to_numbers(text)
    if not _DIGIT.search(text):
        return None
    m = _ENROL_AFTER.search(text)
    if m:
        n, how = m.group(1), m.group(2) or m.group(3)
    elif (m := _ENROL_BEFORE.search(text)) is not None:
        n, how = m.group(2), m.group(1)
    elif (m := _TOTAL.search(text)) is not None:
        n, how = m.group(1), "enrolled"
    elif (m := _FIELD.match(text)) is not None:
        n, how = m.group(2), m.group(1)
    elif (m := _HAD_IN.search(text) or _STUDY_IN.search(text)) is not None:
        n, how = m.group(1), "enrolled"
    elif (m := _NAMED_LINE.match(text)) is not None:
        n, how = m.group(1), m.group(2) if m.group(2).lower().startswith(("random", "enrol")) else "enrolled"
    elif (m := _trial_size(text) or _PITTED.search(text) or _SIZED.search(text)) is not None:
        n, how = next(g for g in m.groups() if g), "enrolled"  # ("(n=557)" or "(381 pts)")
    elif (m := _SHARE_OF.search(text)) is not None:
        n, how = next(g for g in m.groups() if g), "evaluated"
    elif (m := _NOTE_COUNT.search(text)) is not None:
        n, how = next(g for g in m.groups() if g), "randomised" if re.search(r"\brand(?:omi[sz]ed)?\b", text) else "enrolled"
    else:
        return None
    return int(n.replace(",", "")), _how(how)


#: a number right after a trial's name (its brackets blanked), ended by its people, a comma, "and" or the end
_OWN_NUMBER = re.compile(r"[^\d.;]{0,60}?(?<![\d.,])(\d{1,3}(?:,\d{3})++|\d+)(?![\d.,]\d)\s*(?:" + _PEOPLE
                         + r")?\s*(?=,|\band\b|;|\.|$)", re.I)


def each_trial(text: str, named: list[tuple[int, int, str]], whole: tuple[int, str] | None) -> dict[str, tuple[int, str]]:
    """Each trial's own number of patients when a sentence gives several ("IMpassion130 randomised 902
    patients and IMpassion131 651"), from the (start, end, id) of the trials it names and the count the
    sentence gives (:func:`enrolment`); {} otherwise.

    >>> t = "In early disease, K-522 randomised 1,174 patients, I-031 (NCT03197935) 333, and G-59 1,550."
    >>> each_trial(t, [(t.index(n), t.index(n) + 5, n) for n in ("K-522", "I-031", "G-59")], enrolment(t))
    {'K-522': (1174, 'randomised'), 'I-031': (333, 'randomised'), 'G-59': (1550, 'randomised')}
    """
    if whole is None or len({i for _, _, i in named}) < 2:
        return {}
    spans, out = sorted(named), {}
    for k, (_, end, ident) in enumerate(spans):
        stop = spans[k + 1][0] if k + 1 < len(spans) else len(text)
        part = re.sub(r"\([^()]*\)", lambda m: " " * len(m.group()), text[end:stop])  # ("(NCT03197935)")
        m = _OWN_NUMBER.match(part)
        if m and 10 <= (n := int(m.group(1).replace(",", ""))) and not 1900 <= n <= 2100:
            out.setdefault(ident, (n, whole[1]))
    return out if len(out) > 1 else {}


_WORD_HOW = {"received": "treated", "counted": "enrolled", "had": "enrolled", "put": "enrolled"}


def _how(how: str) -> str:
    """How the patients were counted: "randomised", "enrolled", or the word as written ("treated")."""
    how = how.lower()
    if how in _WORD_HOW:
        return _WORD_HOW[how]
    if how.startswith(("random", "underwent", "assigned", "allocated", "got", "received", "were given")):
        return "randomised"
    if how == "contributed":
        return "treated"  # a part of a trial's patients, the ones a use rests on: not its whole enrolment
    if how.startswith(("evaluat", "made up")):
        return "evaluated"  # an analysis's patients, who may be fewer than the trial enrolled
    if how.startswith(("enrol", "included", "recruit", "involv", "comprised", "took", "participated", "were studied",
                       "sample", "number", "participants", "patients")):
        return "enrolled"
    return how
