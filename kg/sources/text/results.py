"""Trial results in a sentence (:class:`kg.sources.text.claims.Reader`): one claim per effect
figure (:func:`kg.sources.text.figures.effects`) with its endpoint, met or not, the number of
patients and the subgroup; an endpoint told met or missed without a figure is a claim of its own.

>>> bool(_ENDPOINT_CLAUSE.search("It met its progression-free survival endpoint, but"))
True
"""
from __future__ import annotations

import re
from typing import Any

from kg.sources.text import figures
from kg.sources.text.cues import _N, _met
from kg.sources.text.sentences import clause_starts, next_clause, own_clause

#: a figure of part of a trial's patients ("among patients whose tumours ...", "in the PD-L1-positive subgroup")
#: (a biomarker naming the disease, "in PD-L1-positive triple-negative breast cancer", may be the trial's
#: whole population: only words that set part of the patients apart count)
_SUBGROUP = re.compile(r"\b(?:sub-?group|subset|subpopulation|cohort)s?\b|\bamong (?:the )?(?:[\d,]+ )?(?:\w+ )?"
                       r"(?:patients|participants|people|those)\b|\bin (?:the )?(?:patients|participants|people|those) "
                       r"(?:whose|with)\b|"
                       # a population its biomarker defines ("in dMMR/MSI-H tumors", "in high PD-L1, EGFR/ALK wild-type disease")
                       # (not "in PD-L1-positive triple-negative breast cancer": a trial's own population)
                       r"\b(?:in|for|among) (?:the )?(?:(?:high|low)[- ]PD-?L1|dMMR|MSI-H|pMMR|MSS|TMB-H)\b[^.;]{0,50}?"
                       r"\b(?:tumou?rs|patients|disease|population|group)\b", re.I)
#: a clause that says an endpoint was met or missed ("It met its progression-free survival endpoint")
_ENDPOINT_CLAUSE = re.compile(r"[^,;]*\b(?:met|missed|did not meet|failed to meet)\b[^,;]{0,50}\bend ?points?\b[^,;]*")
#: words of a trial's outcome a result told without a figure or endpoint must hold ("did not meet its primary endpoint")
_OF_OUTCOME = re.compile(r"end ?points?\b(?! definitions?)|benefit|surviv|respon|improv|prolong|superior|efficacy|outcome|significan", re.I)
_DIGITS = re.compile(r"(?<![\w-])\d")  # a figure, not the number in a trial's name


def read(reader, i: int, s, trial: str | None, types: dict, drug: str | None, found: list[dict[str, Any]]) -> None:
    """The result claims of sentence ``s`` (the ``i``-th) about ``trial``, given to ``reader.claim``: one
    claim per effect figure (:func:`~kg.sources.text.figures.effects`), or one on the
    endpoint alone when the sentence says met or not without a figure. A figure without an
    endpoint ("The corresponding hazard ratio was 0.63") is of the endpoint of the trial's
    figure just before (in this sentence or one of the two before)."""
    t = s.text
    n = _N.search(t)
    ind = types["Indication"][0].id if types["Indication"] else (
        (reader.facts.conditions.get(trial) or [None])[0] or reader.context.indication or reader.main_indication)
    sub = _SUBGROUP.search(t)
    common: dict[str, Any] = {"n": int(n.group(1).replace(",", "")) if n else None,
                              "subgroup": " ".join(sub.group().split()) if sub else None}
    if drug and (drug != reader.main_drug or drug in {m.id for m in types["Drug"]}):
        common["drug"] = drug  # (not the article's drug when the sentence names only partners: "with paclitaxel")
    # without a figure, each clause that names an endpoint tells its own ("had improved PFS, but its OS
    # result fell short"); a sentence of one endpoint is one claim
    parts = [] if found else [(at, figures.endpoint(own_clause(t, at))) for at in clause_starts(t)]
    parts = [(at, e) for at, e in parts if e]
    if len(dict.fromkeys(e for _, e in parts)) < 2:
        parts = [(0, figures.endpoint(t))]
    told_values, stop = [], False
    for f in found or [{"endpoint": e, "start": at} for at, e in parts]:
        values = {**{k: v for k, v in f.items() if k not in ("start", "trial_at")}, **common}
        last = reader.last_endpoint
        if values.get("endpoint") is None and last and last[0] == trial and last[1] >= i - 2:
            values["endpoint"] = last[2]
        if values.get("measure") == "rate" and values.get("control_value") is not None:
            values.update(experimental_pct=values["value"], control_pct=values["control_value"])
        met = _met(own_clause(t, f.get("start")) if found or len(parts) > 1 else t, values)
        after = next_clause(t, f.get("start")) if found else ""
        if met and not _DIGITS.search(after) and _met(after, {}) is False and figures.endpoint(after) in (
                None, values.get("endpoint")):
            met = False  # "HR 0.80 (95% CI 0.64-0.98), p = 0.0164, but it missed the prespecified boundary"
        if not found and (met is None or figures.endpoint(t) is None and not _OF_OUTCOME.search(t)):
            stop = True  # ("we did not pool results": no outcome of the trial's)
            break
        values["met"] = met
        told_values.append(values)
    # the two arms' medians or rates take the comparison's verdict, its ratio's in the same sentence ("median OS
    # 16.4 versus 14.7 months (HR 0.85; 95% CI 0.72-1.02; P = .075), not significant")
    ratio = {v.get("endpoint"): v["met"] for v in told_values if v.get("measure") in ("HR", "OR") and v["met"] is not None}
    for values in told_values:
        if values["met"] is None and values.get("control_value") is not None and values.get("endpoint") in ratio:
            values["met"] = ratio[values["endpoint"]]
        met = values["met"]
        direction = {True: "supports", False: "does not support"}.get(met, "inconclusive")
        reader.claim(s, "trial result", trial, "result", ind, values, reader.level(trial), direction)
        if values.get("endpoint"):
            reader.last_endpoint = (trial, i, values["endpoint"])
    if stop:
        return
    # a clause without a figure beside one with figures tells a result of its own: "It met its PFS endpoint, but
    # the OS difference was not significant (HR 0.80 ...)", "KEYNOTE-604 did improve progression-free survival,
    # yet its overall-survival hazard ratio of 0.80 ..."
    told = {f.get("endpoint") for f in found}
    parts = ([m.group() for m in _ENDPOINT_CLAUSE.finditer(t)] if "point" in t.lower() else []) + [
        own_clause(t, at) for at in clause_starts(t)[:4]] if found else []
    for part in parts:
        said = figures.endpoint(part)
        met = _met(part, {})
        if said and said not in told and met is not None and not _DIGITS.search(part):
            told.add(said)
            reader.claim(s, "trial result", trial, "result", ind, {"endpoint": said, "met": met, **common},
                       reader.level(trial), "supports" if met else "does not support")


#: a sentence that opens with an endpoint's name and gives no figure ("Progression-free survival by independent review.",
#: "The primary endpoint was overall survival.")
_NAMES_ENDPOINT = re.compile(r"^\W*(?:(?:the|its|their)\s+)?(?:primary\s+(?:end\s*point|outcome)\s+(?:was|is)\s+)?"
                             r"(?:overall|progression|event|disease|recurrence|relapse|metastasis|invasive)[\w -]{0,20}"
                             r"surviv[^\d]*$|^\W*(?:the\s+)?primary\s+(?:end\s*point|outcome)\s+(?:was|is)\b[^\d]*$", re.I)


def note_endpoint(reader, i: int, s, mentions) -> None:
    """A sentence without a figure that names an endpoint of the trial spoken of ("Overall survival
    favoured the combination numerically") is the one "the corresponding hazard ratio" then refers to."""
    last = reader.last_endpoint
    if last and i - 2 <= last[1] < i:
        trial = last[0]
    elif reader.trial and reader.trial_at >= i - 8 and _NAMES_ENDPOINT.match(s.text):
        # (or no figure yet: "And the primary endpoint? Progression-free survival by independent review. The study
        # met it. The hazard ratio was 0.73": the endpoint of the trial spoken of)
        trial = reader.trial
    else:
        return
    named = figures.endpoint(s.text)
    if named and not any(m.type == "Trial" and m.id != trial for m in mentions):
        reader.last_endpoint = (trial, i, named)
