"""The figures of a trial result in one sentence: every effect (hazard and odds ratios, medians,
response and complete-response rates) with its endpoint, CI and p-value, and the number of
patients a trial enrolled or randomised. Patterns run on one sentence (at most
:data:`~kg.sources.text.claims.MAX_SENTENCE` characters) and start only where a number starts.

What is read, as reports write it:

- a ratio: "hazard ratio 0.73", "HR, 0.69", "HR = 0.78", "odds ratio of 1.9"; one written
  twice ("The hazard ratio was 0.78 (HR = 0.78; ...)") is one figure; a relative reduction
  with no ratio written ("a 27% lower risk of death", "cut the risk of relapse by 43%") is the
  ratio 1 - 0.27;
- its CI: "95% CI 0.61-0.87", "95% CI, 0.54 to 0.89", "95% CI = 0.66–0.92", "[95% CI: 36%,
  59%]", "a 95% confidence interval from 0.57 to 0.86", or an unlabelled range in brackets
  right after the ratio that holds it ("0.64 (0.51-0.80)");
- its p-value: "P=.002", "p < 0.001", "one-sided P < .0001", "P value of 0.03" (written with
  a leading zero: "<0.001");
- medians: "median OS 22.0 vs 10.7 months", "a median of 16.4 months against 13.8", "reached
  44.6 months in A compared with 28.2 months in B";
- rates: the first percentage of a response sentence, with the next as the control arm's
  ("20.1% of the A group and 5.1% of the B group"); several percentages each with its own CI
  are several rates;
- the endpoint: named ("progression-free survival", "PFS"), or told in plain words ("lived
  longer", "the risk of the cancer growing", "held the disease in check", "had their cancer
  come back or died"), the one named nearest before the figure, else the sentence's.

>>> [(f["measure"], f["value"], f.get("ci_low"), f.get("p"), f["endpoint"]) for f in effects(
...     "Overall survival was longer (hazard ratio for death, 0.49; 95% CI, 0.38 to 0.64; P<.001).")]
[('HR', 0.49, 0.38, '<0.001', 'overall survival')]
>>> [(f["measure"], f["value"], f["control_value"]) for f in effects("Median OS was 55.9 months with A versus 33.4 months.")]
[('median', 55.9, 33.4)]
"""
from __future__ import annotations

import re
from typing import Any

from kg.sources.text.endpoints import endpoint, last_endpoint, word_start


_N = r"(?<![\d.,])(\d+(?:\.\d+)?)"
_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2212"

_RATIO = re.compile(r"(?=[hHoO])((?i:hazard ratio|odds ratio)(?!s)|\bHR\b|\bOR\b)(?:\s*[\[(](?:HR|OR)[\])])?(?:[^0-9;.()\[\]]|(?<=-)\d++(?!\.\d)|"
                    # the numbers of the groups compared ("the hazard ratio for Group 2 versus Group 3 was 0.86")
                    r"(?<=[Gg]roup )\d(?!\.\d)|(?<=[Aa]rm )\d(?!\.\d)|(?<=[Cc]ohort )\d(?!\.\d))"
                    r"{0,60}?(?<![\d.])(\d?\.\d+|\d+\.\d+)")
_HR_WORD = re.compile(r"hazard ratio|\bHR\b", re.I)
#: ratios listed with their trials after a plural: "hazard ratios were similar, 0.58 in KEYNOTE-671 and 0.68 in AEGEAN"
_RATIOS_LISTED = re.compile(r"\b(hazard|odds) ratios\b|\b(HR|OR)s\b")
_EACH_IN = re.compile(r"(?<![\d.])(\d?\.\d+)\s+(?:in|for|with)\s+(?:the\s+)?(?=[A-Z0-9])")
#: a further ratio of a list, after the first's CI: "... and 0.63 (95% CI, 0.52 to 0.77) for B"
_NEXT_RATIO = re.compile(r"[)\]][^()\[\]]{0,80}?(?:\band\b|;|,)\s*(?<![\d.])(\d?\.\d+)(?=\s*[(\[]\s*(?:\d+(?:\.\d+)?%\s*)?(?:CI|confidence))",
                         re.I)
#: a CI's bound, also as notes write it without its zero ("95% CI .54-.91")
_NB = r"(?<![\d.,])(\d+(?:\.\d+)?|\.\d+)"
_CI = re.compile(r"(?:\bCI\b|confidence interval)(?:\s*\[CI\])?\s*(?:[,:=]\s*|\s(?:was|of|from|is)\s+)*"
                 + _NB + r"\s*%?\s*(?:[" + _DASHES + r"]|to|,)\s*" + _NB + r"\s*%?", re.I)
_BARE_CI = re.compile(r"\s*[(\[]\s*" + _NB + r"\s*(?:[" + _DASHES + r"]|to|;)\s*" + _NB + r"\s*[)\]]")
_P = re.compile(r"\bp(?:[ -]value)?\s*(?:was\s+|of\s+|equals?\s+|equalled\s+)?(=|<|>|\u2264|less than|below)?\s*(0?\.\d+)(?!\.?\d)", re.I)
_PCT_WORD = r"\s*(?:%|per ?cent)"
_REDUCTION = re.compile(r"\b" + _N + _PCT_WORD + r"\s*(?:lower|reduction in (?:the )?|reduced|decrease in (?:the )?|"
                        r"fall in (?:the )?|drop in (?:the )?)\s*risk\b|"
                        r"\b(?:lower\w*|reduc\w*|cut\w*|decreas\w*)\s+(?:the|their)\s+risk\b[^.;()%]{0,60}?\bby\s+" + _N
                        + _PCT_WORD + "|"
                        # the passive: "the risk of death was reduced by 32%", "the risk of death was 29% lower"
                        r"\brisk\b[^.;()%]{0,50}?\b(?:was|were|is|are)\s+(?:\w+\s+)?(?:reduced|lowered|cut|decreased)\s+by\s+"
                        + _N + _PCT_WORD + r"|\brisk\b[^.;()%]{0,50}?\b(?:was|were|is|are)\s+" + _N + _PCT_WORD + r"\s+lower\b",
                        re.I)
_MEDIAN = re.compile(r"\b(?i:medians?)\b|\b(?i:half of (?:the )?(?:[\w-]+ ){0,4}(?:were |was |had )?(?:still )?(?:alive|"
                     r"lived|free of|without))\b|\bm(?:OS|PFS|DFS|EFS|RFS|DoR|DOR)\b|\b(?:OS|PFS|DFS|EFS|RFS)(?=\s+\d+(?:\.\d+)?\s*(?:vs\.?|versus|v)\s)|"
                     # two arms' months right after their endpoint, without the word ("fell short on overall survival:
                     # 16.4 versus 14.7 months")
                     r"\b(?i:overall|progression[- ]free|disease[- ]free|event[- ]free|relapse[- ]free) (?i:survival)\b"
                     r"(?=[^.;\d]{0,25}?\d+(?:\.\d+)?\s*(?:months\s*)?(?:vs\.?|versus)\s*\d+(?:\.\d+)?\s*(?:months|mo)\b)|"
                     # two arms' months right before their ratio ("It was 1.6 versus 2.1 months, hazard ratio 0.83")
                     r"(?<![\d.])(?=\d+(?:\.\d+)?\s*(?:months\s*)?(?:vs\.?|versus)\s*\d+(?:\.\d+)?\s*(?:months|mo)\b,?\s+\(?"
                     r"(?:hazard ratio|HR)\b)|"
                     # two arms' months after a ratio, as notes write them ("OS HR 0.70, 12.3 vs 10.3 mo")
                     r"(?<=\d\.\d\d, )(?=\d+(?:\.\d+)?\s*(?:vs\.?|versus)\s*\d+(?:\.\d+)?\s*(?:mo|months)\b)")
#: a landmark rate: "the 5-year overall survival rate was 52%", "event-free survival at 24 months was 62%"
_YEARS = r"(?:\d+|one|two|three|four|five|ten)[- ](?:years?|yrs?|months?|mos?)\b"
_LANDMARK = re.compile(r"\b" + _YEARS + r"[^.;%]{0,30}?\b(?:survival|free|i?DFS|PFS|OS|EFS|RFS|MFS)\b|\b" + _YEARS + r"\s+rates?\b|"
                       # "after 12 months, 31% of people ... were still free of cancer growth" (a decimal point on the way)
                       r"\b(?:after|at) " + _YEARS + r"(?:[^.;]|\.\d){0,80}?\b(?:free|alive|surviv\w*)\b|"
                       r"\b(?:survival|free survival)(?: rates?)? at " + _YEARS + r"|"
                       # "78% vs 39% of patients were alive without progression at 12 months"
                       r"\b(?:alive|free)\b[^.;%]{0,40}?\b(?:after|at) " + _YEARS, re.I)
_MONTHS = r"\s*(?:months|mo)\b"
_VERSUS = r"(?:\bversus\b|\bvs\b\.?|\bv\b\.?|\bcompared (?:with|to)\b|\bagainst\b|\bfrom\b)"
#: "X months ... versus/compared with/against/from Y months" or "X vs Y months" after "median"
_TWO_MEDIANS = re.compile(r"(not reached|" + _N + r"(?:" + _MONTHS + r"|(?!\s*(?:or (?:more|higher|greater|above)|%|\+)))"
                          # (the arm in brackets after its figure: "11.8 months (dostarlimab arm) vs 7.9 months")
                          r")(?:\s*\([^()]{0,40}\))?[^;()]{0,80}?" + _VERSUS + r"\s*"
                          r"(?:\w+\s){0,2}?" + _N + _MONTHS, re.I)
#: "17.2 months in the A group and 10.6 months in the B group": each arm's median told with its arm
_ARM_MEDIANS = re.compile(r"(" + _N + _MONTHS + r")\s+(?:in|with|on|for)\s[^;()]{0,60}?\band\s+(?:\w+\s){0,2}?"
                          + _N + _MONTHS + r"\s+(?:in|with|on|for)\b", re.I)
#: "8.6 months on tislelizumab versus 6.3 on chemotherapy": the control's months told by its arm alone
_ARM_AFTER = re.compile(r"(" + _N + _MONTHS + r")[^;()]{0,80}?" + _VERSUS + r"\s*" + _N + r"(?!\s*%|\s*(?:months|mo)\b)"
                        r"\s+(?:on|with|in|for)\b", re.I)
_FROM_TO = re.compile(r"\bfrom\s+" + _N + r"(?:" + _MONTHS + r")?\s+to\s+" + _N + _MONTHS, re.I)
#: a median's months written right after its word, as notes do ("mPFS 3.9 mo", "median DOR 10.0 mo", "mOS: 12.3 months")
_BARE_MEDIAN = re.compile(r"\s*(?:(?:OS|PFS|DFS|EFS|RFS|DoR|DOR)\s*)?[:=]?\s*" + _N + _MONTHS + r"(?!\s*(?:vs\.?|versus|v)\s)")
_ONE_MEDIAN = re.compile(r"(?:\bwas\b|\bof\b|\bto\b|\breached\b|\bwere\b)\s*" + _N + _MONTHS, re.I)
#: "were 11.5, 6.9 and 2.9 months (respectively)": the first arm's, and the second's when there are two
_LIST_MEDIANS = re.compile(r"(?:\bwas\b|\bwere\b|\bof\b)\s*" + _N + r"(?:" + _MONTHS + r")?((?:\s*,\s*\d+(?:\.\d+)?)*)\s*,?\s*(?:and|vs\.?|versus|v)\s+"
                           + _N + _MONTHS, re.I)
_RATE_CUE = re.compile(r"response|\bpCR\b|\bORR\b|\bCR rate\b|responded|shr[aiu]nk|got smaller|no (?:living|viable|remaining) "
                       r"(?:cancer|tumou?r) cells", re.I)
_PCT = re.compile(_N + r"\s*%")
#: a percentage that is a threshold or the level of a CI, not a rate ("PD-L1 >= 1%", "95% CI")
_NOT_RATE = re.compile(r"(?:[\u2265\u2264<>]|at least|score of|expression of|score|expression|TPS|CPS)\s*$", re.I)
_DIGIT = re.compile(r"\d")
_RESTATED = re.compile(r"(\d+\s+(?:in|out of)\s+(?:every\s+)?100)((?:\s+[\w-]+){0,6}?\s*\(\s*\d+(?:\.\d+)?\s*%\s*\))", re.I)
_PERCENT = re.compile(r"(?<=\d)\s*(?:percent|per cent|(?:in|out of) (?:every )?100\b(?! ?%))", re.I)


def _num(s: str) -> float | int:
    """A number as written: an int without a decimal point ("27"), else a float (".54" is 0.54).

    >>> _num("27"), _num(".54"), _num("2.0")
    (27, 0.54, 2.0)
    """
    v = float(s)
    return int(v) if v.is_integer() and "." not in s else v


def p_text(comparator: str | None, number: str) -> str:
    """A p-value as the reader gives it: the comparator unless "=", and a leading zero.

    >>> p_text("<", ".001"), p_text("=", ".0035"), p_text(None, "0.02"), p_text("less than", "0.001")
    ('<0.001', '0.0035', '0.02', '<0.001')
    """
    number = "0" + number if number.startswith(".") else number
    comparator = "<" if comparator and comparator.lower() in ("less than", "below") else comparator  # (spoken: "P less than")
    return number if comparator in (None, "=") else comparator + number


def _ci_p(text: str, start: int, end: int, value: float | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {}
    bare = _BARE_CI.match(text, start) if value is not None else None
    ci = _CI.search(text, start, end)
    if bare and _num(bare.group(1)) <= value <= _num(bare.group(2)):
        out.update(ci_low=_num(bare.group(1)), ci_high=_num(bare.group(2)))
    elif ci:
        out.update(ci_low=_num(ci.group(1)), ci_high=_num(ci.group(2)))
    p = _P.search(text, start, end)
    if p:
        out["p"] = p_text(p.group(1), p.group(2))
    return out


def effects(text: str) -> list[dict[str, Any]]:
    """Every effect figure of a sentence, in order: ``{"measure", "value", "endpoint", "ci_low",
    "ci_high", "p", "control_value", "unit", "start"}`` (what the sentence gives).

    >>> [(f["value"], f["ci_high"], f["p"]) for f in effects("The HR for death was 0.78 (HR = 0.78; 95% CI = 0.66-0.92; P = .0035).")]
    [(0.78, 0.92, '0.0035')]
    >>> [(f["measure"], f["value"], f["endpoint"]) for f in effects("Those on A had a 27% lower risk of death.")]
    [('HR', 0.73, 'overall survival')]
    >>> [(f["value"], f.get("control_value"), f.get("p"), f.get("ci_low")) for f in effects(
    ...     "At a median follow-up of 7 years, mPFS was 80.6 months vs 52.9 months (P = 0.011); mOS 8.6 v 7.6, HR 0.97 (95% CI .74-1.2)")]
    [(80.6, 52.9, '0.011', None), (8.6, 7.6, None, None), (0.97, None, None, 0.74)]
    >>> [(f["measure"], f["value"], f["endpoint"]) for f in effects("It fell short on overall survival: 16.4 versus 14.7 months, HR 0.85.")]
    [('median', 16.4, 'overall survival'), ('HR', 0.85, 'overall survival')]
    >>> [(f["measure"], f["value"], f.get("control_value")) for f in effects("It was 1.6 versus 2.1 months, hazard ratio 0.83")]
    [('median', 1.6, 2.1), ('HR', 0.83, None)]
    """
    out: list[dict[str, Any]] = []
    if not _DIGIT.search(text):
        return out
    if "cent" in text or "100" in text:  # "69 percent", "15 in every 100": read as "69%" (same length: offsets stay)
        text = _RESTATED.sub(lambda m: " " * len(m.group(1)) + m.group(2), text)  # "45 out of every 100 (45.4%)": the latter
        text = _PERCENT.sub(lambda m: "%" + " " * (len(m.group()) - 1), text)
    ratios = _ratios(text)  # (a landmark rate is read below, where no ratio or response rate is)
    medians = list(_MEDIAN.finditer(text))
    singular = [m for m in medians if m.group().lower() != "medians"]
    from_to = _FROM_TO.search(text) if not singular and "median" in text.lower() else None
    medians = singular if from_to else medians  # ("from 10.8 to 20.8 months in medians": read as a change)
    if from_to:  # "disease-free survival doubled, from 10.8 to 20.8 months in medians": the control's first
        out.append({"measure": "median", "unit": "months", "start": from_to.start(), "value": _num(from_to.group(2)),
                    "control_value": _num(from_to.group(1)), "endpoint": last_endpoint(text[:from_to.start()]) or endpoint(text)})
    rate = _RATE_CUE.search(text)  # (a rate beside a ratio: "pCR in 24.0% and 2.2% (odds ratio 13.94 ...)")
    known: list[str | None] = []

    def whole() -> str | None:  # the sentence's endpoint, looked for once and only when a figure needs it
        if not known:
            known.append(endpoint(text))
        return known[0]
    out += _ratio_figures(text, ratios, whole)
    if not ratios:
        out += _listed_ratios(text, whole) or _reductions(text, whole)
    read_at: set[int] = set()
    for m in medians:  # (and "with medians of 6.0 and 5.7 months" after a ratio: each arm's median)
        if _NOT_OUTCOME.match(text, m.end()):
            continue  # ("at a median follow-up of about 7 years": the time patients were followed, no result)
        note = _NOTE_MEDIANS.match(text, m.end()) if m.group()[:1] == "m" and m.group()[1:2].isupper() else None
        if note:  # notes' medians without their unit ("mOS 8.6 v 7.6, HR 0.97"): months
            out.append({"measure": "median", "unit": "months", "start": m.start(), "value": _num(note.group(1)),
                        "control_value": _num(note.group(2)),
                        "endpoint": endpoint(text[m.start():m.end()]) or last_endpoint(text[:m.start()]) or whole(),
                        **_p_after(text, note.end())})
            continue
        two = (_TWO_MEDIANS.search(text, m.end(), min(len(text), m.end() + 160))
               or _ARM_MEDIANS.search(text, m.end(), min(len(text), m.end() + 160))
               or _ARM_AFTER.search(text, m.end(), min(len(text), m.end() + 160)))
        if two and two.start() in read_at:
            continue  # (two cues of one pair of medians: "overall survival: 16.4 versus 14.7 months, HR ...")
        if two:
            read_at.add(two.start())
        listed = None if two else _LIST_MEDIANS.search(text, m.end(), min(len(text), m.end() + 90))
        one = None if two or listed else (_BARE_MEDIAN.match(text, m.end())
                                          or _ONE_MEDIAN.search(text, m.end(), min(len(text), m.end() + 90)))
        if listed:
            f = {"measure": "median", "unit": "months", "start": m.start(), "value": _num(listed.group(1)),
                 "endpoint": endpoint(text[m.start():listed.start()]) or last_endpoint(text[:m.start()]) or whole()}
            if not listed.group(2).strip():  # two arms: the second is the control's
                f["control_value"] = _num(listed.group(3))
            out.append(f)
            continue
        if not two and not one:
            continue
        value = (two.group(1) if two else one.group(1)).strip()
        f = {"measure": "median", "unit": "months", "start": m.start(),
             "value": "not reached" if value.lower() == "not reached" else _num(re.match(r"[\d.]+", value).group()),
             "endpoint": endpoint(text[m.start():(two or one).start() if two or one.re is not _BARE_MEDIAN else one.end()])
             or last_endpoint(text[:m.start()]) or whole()}
        if two:
            f["control_value"] = _num(two.group(3))
            f.update(_p_after(text, two.end()))
        out.append(f)
    if rate:
        out += _rates(text, rate, whole)
    elif (landmark := _LANDMARK.search(text)) and (not ratios or ";" in text[ratios[-1].end():landmark.start()]):
        # (a landmark told in a clause of its own after a ratio: "HR 0.38 (...); 78% vs 39% were alive without ...")
        out += [{**f, "landmark": landmark.group()} for f in _rates(text, landmark, whole)]
    elif landmark and _PCT.search(text, landmark.start(), ratios[0].start()):
        # (or the two arms' rates before their ratio: "Five-year iDFS 84.2% with A vs 82.4% without (HR 0.88; P=0.06)")
        out += [{**f, "landmark": landmark.group()} for f in _rates(text[:ratios[0].start()], landmark, whole)]
    return sorted(out, key=lambda f: f["start"])


#: a median that is no outcome: the follow-up's length, the patients' age
_NOT_OUTCOME = re.compile(r"\s+(?:duration\s+of\s+)?(?:follow[- ]?up|age)\b", re.I)
#: two arms' medians in notes, without their unit ("mOS 8.6 v 7.6", "mPFS: 5.2 vs 4.3")
_NOTE_MEDIANS = re.compile(r"\s*[:=]?\s*" + _N + r"\s*(?:vs\.?|versus|v)\s*" + _N
                           + r"(?![\d.]|\s*(?:%|mg|pts|patients|weeks|wk|days|years|yr)\b)", re.I)
#: the p-value written right after two arms' medians ("80.6 vs 52.9 months (P = 0.011)")
_P_AFTER = re.compile(r"\s*(?:[(,;]\s*)(?:two-sided\s+|log-rank\s+)?(?=[pP]\b)")


def _p_after(text: str, end: int) -> dict[str, str]:
    """{"p": ...} when a p-value follows the figures that end at ``end`` ("(P = 0.011)").

    >>> t = "mPFS was 80.6 months vs 52.9 months (P = 0.011), a gain"
    >>> _p_after(t, t.index(" (P")), _p_after(t, 10)
    ({'p': '0.011'}, {})
    """
    m = _P_AFTER.match(text, end)
    p = _P.match(text, m.end()) if m else None
    return {"p": p_text(p.group(1), p.group(2))} if p else {}


_BOUND = re.compile(r"\b(?:under|below|above|over|less than|lower than|greater than|more than|at least|at most|"
                    r"up to|as low as|near)\s*$|[<>\u2264\u2265]\s*$", re.I)


def _ratios(text: str) -> list[re.Match]:
    """The ratios of a sentence; one written again right after itself ("0.78 (HR = 0.78; ...") is kept once."""
    out: list[re.Match] = []
    for m in _RATIO.finditer(text):
        if _BOUND.search(text, max(0, m.start(2) - 20), m.start(2)):
            continue  # "a hazard ratio under 0.5 in its dMMR group": a bound, not a figure
        if out and out[-1].group(2) == m.group(2) and m.start() - out[-1].end() <= 12 \
                and re.fullmatch(r"[\s(\[,;:]*", text[out[-1].end():m.start()]):
            out[-1] = _Restated(out[-1], m)
            continue
        out.append(m)
    return out


class _Restated:
    """A ratio written twice: the first's name and place, read on from the end of the second."""

    def __init__(self, first, second):
        self.first, self.second = first, second

    def group(self, k: int = 0) -> str:
        return self.first.group(k)

    def start(self) -> int:
        return self.first.start()

    def end(self) -> int:
        return self.second.end()


def _ratio_figures(text: str, ratios: list, whole) -> list[dict[str, Any]]:
    out = []
    for k, m in enumerate(ratios):
        nxt = ratios[k + 1].start() if k + 1 < len(ratios) else len(text)
        measure = "HR" if _HR_WORD.fullmatch(m.group(1)) else "OR"
        around = text[word_start(text, m.start() - 120):m.end()]  # the endpoint named before the ratio or in "hazard ratio for X"
        value = float(m.group(2))
        f = {"measure": measure, "value": value, "start": m.start(),
             "endpoint": endpoint(text[m.start():m.end()]) or last_endpoint(around) or whole()}
        f.update(_ci_p(text, m.end(), min(nxt, m.end() + 90), value))
        out.append(f)
        # "0.52 (95% CI, 0.42 to 0.64) for A versus C and 0.63 (95% CI, 0.52 to 0.77) for B versus C": a list of ratios
        pos = m.end()
        while (more := _NEXT_RATIO.search(text, pos, min(nxt, pos + 160))) is not None:
            v = float(more.group(1))
            g = {**f, "value": v, "start": more.start(1)}
            for key in ("ci_low", "ci_high", "p"):
                g.pop(key, None)
            g.update(_ci_p(text, more.end(1), min(nxt, more.end(1) + 90), v))
            if "ci_low" not in g:
                break
            out.append(g)
            pos = more.end()
    return out


def _listed_ratios(text: str, whole) -> list[dict[str, Any]]:
    """Ratios listed each with the trial after it ("hazard ratios were similar, 0.58 in KEYNOTE-671 and 0.68 in
    AEGEAN"): each a figure whose trial is named at ``trial_at`` (its offset in the text).

    >>> [(f["value"], f["trial_at"]) for f in _listed_ratios("EFS hazard ratios were 0.58 in A-1 and 0.68 in B", lambda: None)]
    [(0.58, 31), (0.68, 47)]
    """
    m = _RATIOS_LISTED.search(text)
    if m is None:
        return []
    measure = "OR" if (m.group(1) or m.group(2)).lower() in ("odds", "or") else "HR"
    named = endpoint(text[:m.start()]) or whole()
    return [{"measure": measure, "value": float(x.group(1)), "start": x.start(1), "trial_at": x.end(), "endpoint": named}
            for x in _EACH_IN.finditer(text, m.end(), min(len(text), m.end() + 200))]


def _reductions(text: str, whole) -> list[dict[str, Any]]:
    """"a 27% lower risk of death", "cut the risk of relapse by 43%": the hazard ratio 0.73, 0.57."""
    out = []
    for m in _REDUCTION.finditer(text):
        pct = float(next(g for g in m.groups() if g is not None))
        if not 0 < pct < 100:
            continue
        end = min(len(text), m.end() + 60)
        f = {"measure": "HR", "value": round(1 - pct / 100, 2), "start": m.start(), "derived_from": m.group().strip(),
             "endpoint": endpoint(text[m.start():end]) or last_endpoint(text[word_start(text, m.start() - 120):m.start()]) or whole()}
        f.update(_ci_p(text, m.end(), end))
        out.append(f)
    return out


def _rates(text: str, cue: re.Match, whole) -> list[dict[str, Any]]:
    """The rate of a response sentence: its first percentage and the control arm's after it, or
    several percentages each with its own CI."""
    cis = [(c.start(), c.end()) for c in _CI.finditer(text)]
    pcts = [p for p in _PCT.finditer(text)
            if not any(a - 8 <= p.start() < b for a, b in cis) and not re.match(r"\s*(?:CI|confidence)", text[p.end():])
            and not _NOT_RATE.search(text[max(0, p.start() - 25):p.start()])]
    if not pcts:
        return []
    name = endpoint(text[max(0, cue.start() - 40):cue.end()]) or whole()
    with_ci = []
    for k, p in enumerate(pcts):
        nxt = pcts[k + 1].start() if k + 1 < len(pcts) else len(text)
        found = _ci_p(text, p.end(), min(nxt, p.end() + 60))
        if "ci_low" in found:
            with_ci.append((p, found))
    if len(with_ci) > 1:
        return [{"measure": _rate_or_difference(text, p), "unit": "%", "value": _num(p.group(1)), "start": p.start(),
                 "endpoint": name, **found} for p, found in with_ci]
    first = pcts[0]
    f = {"measure": _rate_or_difference(text, first), "unit": "%", "value": _num(first.group(1)), "start": first.start(),
         "endpoint": name}
    later = [p for p in pcts if p.start() > first.end()]
    other = endpoint(text[first.end():later[0].end()]) if later else None
    if other and other != name:  # "ORR 59%, CR 14%", "with complete responses in 13%": a rate of its own, no control arm
        f.update(_ci_p(text, first.end(), later[0].start()))
        return [f, {"measure": "rate", "unit": "%", "value": _num(later[0].group(1)), "start": later[0].start(),
                    "endpoint": other, **_ci_p(text, later[0].end(), min(len(text), later[0].end() + 60))}]
    if later and re.search(r"versus|vs\.?|\bv\b|compared|from|and|with|against", text[first.end():later[0].start()], re.I):
        f["control_value"] = _num(later[0].group(1))
    # its CI before the next percentage (a ratio's CI further on is the ratio's)
    f.update(_ci_p(text, first.end(), min(len(text), first.end() + 60, *(p.start() for p in later[:1]))))
    if "ci_low" in f:
        f.pop("control_value", None)
    return [f]


_DIFFERENCE = re.compile(r"\bdifference\b[^.;%\d]{0,25}$", re.I)


def _rate_or_difference(text: str, pct: re.Match) -> str:
    """"difference" for a percentage told as the arms' difference ("an absolute difference of 17%", "17
    percentage points"), else "rate"."""
    if _DIFFERENCE.search(text, max(0, pct.start() - 40), pct.start()) or re.match(r"\s*percentage points?", text[pct.end():]):
        return "difference"
    return "rate"
