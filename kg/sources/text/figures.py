"""The figures of a trial result in one sentence: every effect (hazard and odds ratios, medians,
response and complete-response rates) with its endpoint, CI and p-value, and the number of
patients a trial enrolled or randomised. Patterns run on one sentence (at most
:data:`~kg.sources.text.claims.MAX_SENTENCE` characters) and start only where a number starts.

>>> [(f["measure"], f["value"], f.get("ci_low"), f.get("p"), f["endpoint"]) for f in effects(
...     "Overall survival was longer (hazard ratio for death, 0.49; 95% CI, 0.38 to 0.64; P<0.001).")]
[('HR', 0.49, 0.38, '<0.001', 'overall survival')]
>>> [(f["measure"], f["value"], f["control_value"]) for f in effects("Median OS was 55.9 months with A versus 33.4 months.")]
[('median', 55.9, 33.4)]
>>> enrolment("In total, 616 patients were randomised (410 to A)."), enrolment("It enrolled 1,202 patients.")
((616, 'randomised'), (1202, 'enrolled'))
"""
from __future__ import annotations

import re
from typing import Any

_N = r"(?<![\d.,])(\d+(?:\.\d+)?)"
_INT = r"(?<![\d.,])(\d{1,3}(?:,\d{3})++|\d+)(?![\d.,]\d)"
_PEOPLE = r"(?:patients|participants|people|adults|women|men|children|subjects)"

#: endpoints as articles name them (the name, or the event the hazard ratio counts), in order of preference
ENDPOINTS = [
    (r"invasive disease[- ]free survival|invasive DFS|\biDFS\b", "invasive disease-free survival"),
    (r"disease[- ]free survival|\bDFS\b|recurrence[- ]free survival|\bRFS\b|risk of (?:the )?(?:disease |cancer )?"
     r"(?:recurrence|returning|relapse|coming back)|cancer returning", "disease-free survival"),
    (r"event[- ]free survival|\bEFS\b|grew, came back,? or caused death", "event-free survival"),
    (r"progression[- ]free survival|\bPFS\b|disease progression or death|risk of (?:disease )?progression|"
     r"delay(?:ed)? disease progression", "progression-free survival"),
    (r"overall survival|\bOS\b|risk of (?:death|dying)|hazard ratio for death|\blived\b", "overall survival"),
    (r"patholog\w* complete response|\bpCR\b|no (?:living|viable|remaining) (?:cancer|tumou?r) cells", "pathological complete response"),
    (r"objective response rate|overall response rate|\bORR\b|response rate|\bresponses?\b|\bresponded\b|tumou?rs? shrank",
     "objective response rate"),
    (r"duration of response", "duration of response"),
    (r"\bsurvival\b", "overall survival"),
]
_ENDPOINTS = [(re.compile(rx, re.I), name) for rx, name in ENDPOINTS]

_HR = re.compile(r"((?i:hazard ratio|odds ratio)|\bHR\b|\bOR\b)(?:\s*\[HR\])?[^0-9;.()]{0,40}?(?<![\d.])(\d?\.\d+|\d+\.\d+)")
_HR_CI = re.compile(r"hazard ratio|\bHR\b", re.I)
_CI = re.compile(r"(?:\bCI\b|confidence interval)(?:\s*\[CI\])?[,:\s]*" + _N + r"\s*(?:-|\u2013|\u2014|to)\s*" + _N, re.I)
_P = re.compile(r"\bp\s*(=|<|>|\u2264)\s*(0?\.\d+)", re.I)
_MEDIAN = re.compile(r"\bmedians?\b", re.I)
_MONTHS = r"\s*(?:months|mo)\b"
#: "X months ... versus/compared with/against/from Y months" or "X vs Y months" after "median"
_TWO_MEDIANS = re.compile(r"(not reached|" + _N + r"(?:" + _MONTHS + r")?)[^;()]{0,80}?"
                          r"(?:\bversus\b|\bvs\.?|\bcompared (?:with|to)\b|\bagainst\b|\bfrom\b)\s*"
                          r"(?:\w+\s){0,2}?" + _N + _MONTHS, re.I)
_ONE_MEDIAN = re.compile(r"(?:\bwas\b|\bof\b|\bto\b|\breached\b)\s*" + _N + _MONTHS, re.I)
_RATE_CUE = re.compile(r"response|\bpCR\b|\bORR\b|responded|shrank|no (?:living|viable|remaining) (?:cancer|tumou?r) cells", re.I)
_PCT = re.compile(_N + r"\s*%")
_DIGIT = re.compile(r"\d")


def endpoint(text: str) -> str | None:
    """The endpoint a piece of text names (the first of :data:`ENDPOINTS` that it mentions)."""
    for rx, name in _ENDPOINTS:
        if rx.search(text):
            return name
    return None


def _num(s: str) -> float | int:
    v = float(s)
    return int(v) if v.is_integer() and "." not in s else v


def _ci_p(text: str, start: int, end: int) -> dict[str, Any]:
    out: dict[str, Any] = {}
    ci = _CI.search(text, start, end)
    if ci:
        out.update(ci_low=_num(ci.group(1)), ci_high=_num(ci.group(2)))
    p = _P.search(text, start, end)
    if p:
        out["p"] = p.group(2) if p.group(1) == "=" else p.group(1) + p.group(2)
    return out


def effects(text: str) -> list[dict[str, Any]]:
    """Every effect figure of a sentence, in order: ``{"measure", "value", "endpoint", "ci_low",
    "ci_high", "p", "control_value", "unit", "start"}`` (what the sentence gives)."""
    out: list[dict[str, Any]] = []
    if not _DIGIT.search(text):
        return out
    ratios = list(_HR.finditer(text))
    medians = [m for m in _MEDIAN.finditer(text) if m.group().lower() != "medians"]
    rate = _RATE_CUE.search(text) if not ratios else None
    if not ratios and not medians and not rate:
        return out
    whole = endpoint(text)
    for k, m in enumerate(ratios):
        nxt = ratios[k + 1].start() if k + 1 < len(ratios) else len(text)
        measure = "HR" if _HR_CI.fullmatch(m.group(1)) else "OR"
        around = text[max(0, m.start() - 120):m.end()]  # the endpoint is named before the ratio or in "hazard ratio for X"
        f = {"measure": measure, "value": float(m.group(2)), "start": m.start(),
             "endpoint": endpoint(text[m.start():m.end()]) or _last_endpoint(around) or whole}
        f.update(_ci_p(text, m.end(), min(nxt, m.end() + 90)))
        out.append(f)
    for m in medians:  # not "with medians of 6.0 and 5.7 months": a detail of the ratio before it
        two = _TWO_MEDIANS.search(text, m.end(), min(len(text), m.end() + 160))
        one = None if two else _ONE_MEDIAN.search(text, m.end(), min(len(text), m.end() + 90))
        if not two and not one:
            continue
        value = (two.group(1) if two else one.group(1)).strip()
        f = {"measure": "median", "unit": "months", "start": m.start(),
             "value": "not reached" if value.lower() == "not reached" else _num(re.match(r"[\d.]+", value).group()),
             "endpoint": endpoint(text[m.start():(two or one).start()]) or _last_endpoint(text[:m.start()]) or whole}
        if two:
            f["control_value"] = _num(two.group(3))
        out.append(f)
    if rate:
        pcts = list(_PCT.finditer(text))
        if pcts:
            cue = rate
            first = pcts[0]
            f = {"measure": "rate", "unit": "%", "value": _num(first.group(1)), "start": first.start(),
                 "endpoint": endpoint(text[max(0, cue.start() - 40):cue.end()]) or whole}
            later = [p for p in pcts if p.start() > first.end()]
            if later and re.search(r"versus|vs\.?|compared|from|and|with", text[first.end():later[0].start()], re.I):
                f["control_value"] = _num(later[0].group(1))
            f.update(_ci_p(text, first.end(), min(len(text), first.end() + 60)))
            if "ci_low" in f:
                f.pop("control_value", None)
            out.append(f)
    return sorted(out, key=lambda f: f["start"])


def _last_endpoint(text: str) -> str | None:
    """The endpoint named last in ``text``."""
    best, where = None, -1
    for rx, name in _ENDPOINTS[:-1]:
        for m in rx.finditer(text):
            if m.start() > where:
                best, where = name, m.start()
    return best


_ENROL_AFTER = re.compile(_INT + r"\s+" + _PEOPLE + r"\s+(?:were\s+|had been\s+|have been\s+)?"
                          r"(randomi[sz]ed|randomly assigned|assigned|enrolled|enroled|included|treated|recruited|"
                          r"underwent randomi[sz]ation)", re.I)
_ENROL_BEFORE = re.compile(r"(randomi[sz]ed|randomly assigned|enrol(?:l)?ed|included|recruited)\s+(?:a total of\s+)?"
                           + _INT + r"\s+" + _PEOPLE, re.I)
_TOTAL = re.compile(r"\ba total of\s+" + _INT + r"\s+" + _PEOPLE, re.I)


def enrolment(text: str) -> tuple[int, str] | None:
    """(number of patients, how: enrolled, randomised, treated...) a sentence gives for a trial."""
    m = _ENROL_AFTER.search(text)
    if m:
        n, how = m.group(1), m.group(2)
    else:
        m = _ENROL_BEFORE.search(text) or _TOTAL.search(text)
        if not m:
            return None
        n, how = (m.group(2), m.group(1)) if m.re is _ENROL_BEFORE else (m.group(1), "enrolled")
    how = how.lower()
    how = "randomised" if how.startswith(("random", "underwent", "assigned")) else "enrolled" if how.startswith(
        ("enrol", "included", "recruited")) else how
    return int(n.replace(",", "")), how
