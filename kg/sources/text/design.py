"""What a sentence says of a trial's design: its phase, randomisation, blinding, number of patients
(each trial's own when a sentence gives several), countries, primary endpoint, status and diseases,
and the drugs it tested. Called by :class:`~kg.sources.text.claims.Reader` for a sentence about a trial.

>>> from types import SimpleNamespace as NS
>>> out = []
>>> reader = NS(claim=lambda *a: out.append(a[1:6]), level=lambda t: None, main_trial="A-1", main_indication=None)
>>> read(reader, NS(text="A-1 was a phase 3, double-blind trial that enrolled 616 patients.", start=0), "A-1",
...      {"Drug": [], "Trial": [], "Indication": []})
>>> out[0][4]["phase"], out[0][4]["n_patients"], out[0][4]["blinding"]
('phase 3', 616, 'double-blind')
"""
from __future__ import annotations

import re
from typing import Any

from kg.sources.text import enrolment, figures
from kg.sources.text.cues import _COUNTRIES, _N, _ONGOING, _PHASE, _PRIMARY, _TESTED, _phase_name

#: a part of a trial ("whose first cohort enrolled 259 patients")
_PART = re.compile(r"\b(?:[\w-]+ )?cohorts?\b|\bpart (?:\d|[A-C]|one|two)\b|\bsub-?groups?\b|\bsubsets?\b", re.I)


def read(reader, s, trial: str, types: dict) -> None:
    """The design claims of sentence ``s`` about ``trial`` (its phase, randomisation, blinding, size,
    countries, primary endpoint, status, diseases; the drugs it tested), given to ``reader.claim``;
    a sentence giving several trials' sizes gives each its own."""
    t = s.text
    if _TESTED.search(t) and types["Drug"]:
        for d in dict.fromkeys(m.id for m in types["Drug"]):
            reader.claim(s, "trial design", d, "tested in", trial, {}, reader.level(trial))
    ph = _PHASE.search(t)
    values: dict[str, Any] = {"phase": _phase_name(ph.group(1)) if ph else None}
    if re.search(r"\b(?:non|not|un)[- ]?randomi[sz]ed\b|\bsingle[- ]arm\b", t, re.I):
        values["randomised"] = False  # "non-randomised", "single-arm"
    elif re.search(r"\brandomi[sz]ed\b", t, re.I) and not _TESTED.search(t):
        values["randomised"] = True
    for word in ("open-label", "double-blind"):
        if re.search(word.replace("-", "[- ]"), t, re.I):
            values["blinding"] = word
    enrolled = enrolment.enrolment(t)
    n = _N.search(t)
    if enrolled:
        values["n_patients"], values["enrolment"] = enrolled
    elif n and re.search(r"enrol|includ|recruit|randomi", t, re.I):
        values["n_patients"] = int(n.group(1).replace(",", ""))
    part = _PART.search(t) if values.get("n_patients") is not None else None
    if part:  # "whose first cohort enrolled 259 patients": a part of the trial, not all of it
        values["part"] = " ".join(part.group().split())
    c = _COUNTRIES.search(t)
    if c:
        values["countries"] = int(c.group(1))
    if _PRIMARY.search(t) and figures.endpoint(t):
        values["primary_endpoint"] = figures.endpoint(t)
    if _ONGOING.search(t) and types["Trial"]:
        values["status"] = "ongoing"
    for ind in dict.fromkeys(m.id for m in types["Indication"]):
        reader.claim(s, "trial design", trial, "studied in", ind, {}, reader.level(trial))
    if not types["Indication"] and types["Trial"] and trial != reader.main_trial and reader.main_indication:
        # another trial than the article's own, named without an indication ("ongoing trials,
        # such as X"): it is cited in the indication the article is about
        reader.claim(s, "trial design", trial, "studied in", reader.main_indication,
                   {"indication": "main indication of the document"}, reader.level(trial))
    each = enrolment.each_trial(t, [(m.start - s.start, m.end - s.start, m.id) for m in types["Trial"]], enrolled)
    if trial in each:  # "A randomised 902 patients and B 651": the sentence's trial its own number, each other its own
        values["n_patients"], values["enrolment"] = each.pop(trial)
    for other, (n, how) in each.items():
        reader.claim(s, "trial design", other, "describes", None, {"n_patients": n, "enrolment": how}, reader.level(other))
    if any(v is not None for v in values.values()):
        reader.claim(s, "trial design", trial, "describes", None, values, reader.level(trial))
