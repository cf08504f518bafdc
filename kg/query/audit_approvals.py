"""``kg audit`` of approval and withdrawal claims: the claim is matched to the approval records
of its drug and indication (and agency), the best match first: the same date (a month matches
the days in it), then the same approval type, then the same line and context of treatment.

Verdicts: ``not in graph`` when no record of that drug, indication and agency exists (or none
of the same setting, for a claim that gives one); ``consistent`` when the best match says the
same (a date up to a week after the record's is the same approval, as announced); ``outdated`` when an approval told as current was withdrawn since; ``contradicted`` only
when a record states the opposite: an approval of that drug, indication and setting on
another date (and none on the claimed one), a withdrawal on other dates (a record that gives
one withdrawal date without saying whether it is the announcement or the effect contradicts
only dates more than three months from it: the two are weeks apart, and either may come
first), an indication withdrawn where the record says it is in force, or the reverse.

>>> same_date("2021-03", "2021-03-08"), same_date("2021-03-01", "2021-03-08"), same_date(None, "2021")
(True, False, False)
"""
from __future__ import annotations

import datetime as _dt
import re
from typing import Any

_WORD = re.compile(r"\bcarcinomas?\b|\bcancers?\b")


def because(fact: str, record: str | None = None, sources: list[str] | None = None) -> dict[str, Any]:
    """One reason for a verdict: the graph's fact in words, its record id and its sources.

    >>> because("IMpower150 (phase 3) supports", "KG:res-x", ["PMID:1"])["record"]
    'KG:res-x'
    """
    return {"fact": fact, "record": record, "sources": sorted(set(sources or []))}


def same_date(claimed: str | None, record: str | None) -> bool:
    """Whether a claimed date (a day, or a month) names the record's date."""
    return bool(claimed and record and record.startswith(claimed))


def _norm(name: str) -> str:
    return " ".join(_WORD.sub("cancer", re.sub(r"[\u2010-\u2015\u2212-]", " ", name.casefold())).split())


def same_disease(a: str | None, b: str | None) -> bool:
    """Whether two disease names differ at most in "cancer" / "carcinoma", dashes and case.

    >>> same_disease("endometrial cancer", "Endometrial carcinoma"), same_disease("gastric cancer", "gastric adenocarcinoma")
    (True, False)
    """
    return bool(a and b) and _norm(a) == _norm(b)


def _of_indication(a: dict[str, Any], claim_obj: str | None, claim_name: str | None) -> bool:
    ids = {i["id"] for i in a["indications"]}
    if claim_obj in ids:
        return True
    return any(same_disease(i["name"], claim_name) for i in a["indications"])


def _setting_fits(a: dict[str, Any], values: dict[str, Any]) -> bool:
    """The record's setting does not exclude the claim's (a claim or record that gives none fits)."""
    setting = a.get("setting") or {}
    line, context = values.get("setting_line"), values.get("setting_context")
    if line and setting.get("line") and line != setting["line"] and not (
            line == "second" and setting["line"] == "later" or line == "later" and setting["line"] == "second"):
        return False
    return not (context and setting.get("context") and context != setting["context"])


def candidates(auditor, c) -> list[dict[str, Any]]:
    """The approval records of the claim's drug, indication and agency, best match first."""
    v = c.values
    agency = auditor.name(v["agency"]) if v.get("agency") else None
    recs = [a for a in auditor.approvals(c.subject) if _of_indication(a, c.object, v.get("indication"))
            and (agency is None or a["agency"] == agency) and a["type"] not in PRODUCT_CHANGES]
    date = v.get("date")
    return sorted(recs, key=lambda a: (not _names_date(a, v), date is not None and min(
        days_apart(date, d) for d in _dates_of(a, v)), not (v.get("approval_type") in (None, "conversion")
                                                               or v["approval_type"] == a["type"]),
        not _setting_fits(a, v), a["date"]))


def _dates_of(a: dict[str, Any], v: dict[str, Any]) -> list[str]:
    """The dates of a record that a claim may name: its conversion's for a conversion, the grant's
    otherwise, and the conversion's too for a claim of a regular (or untyped) approval."""
    conv = (a.get("conversion") or {}).get("date")
    kind = v.get("approval_type")
    if kind == "conversion":
        return [conv] if conv else [a["date"]]
    return [a["date"]] + ([conv] if conv and kind in (None, "regular") else [])


def _names_date(a: dict[str, Any], v: dict[str, Any]) -> bool:
    """Whether the claim's date is one of the record's (a day or a month naming it, or a day up to a
    week after it: an approval dated by its announcement)."""
    date = v.get("date")
    return bool(date) and any(same_date(date, d) or days_apart(date, d) <= ANNOUNCED_WITHIN for d in _dates_of(a, v))


def _what(auditor, c) -> str:
    agency = auditor.name(c.values["agency"]) + " " if c.values.get("agency") else ""
    return f"{agency}approval of {auditor.name(c.subject)} in {c.values.get('indication') or auditor.name(c.object)}"


def approval(auditor, c) -> tuple[str, list[dict[str, Any]]]:
    """Verdict on an approval claim (a partner's in a regimen, "B in combination with A", contradicts
    nothing: the graph may file the regimen's approval under A alone)."""
    verdict, facts = _approval(auditor, c)
    if verdict == "contradicted" and c.values.get("partner_of"):
        return "not in graph", [because(f"{auditor.name(c.subject)} is named as a partner in "
                                        f"{auditor.name(c.values['partner_of'])}'s regimen")] + facts
    if verdict == "contradicted" and (guess := _guessed(auditor, c)):
        return "not in graph", [guess] + facts
    return _another_records_day(auditor, c, verdict, facts, [c.values.get("date")])


def _guessed(auditor, c) -> dict[str, Any] | None:
    """Why the claim's disease is the reader's guess, which contradicts nothing: the article named an organ
    ("its first-line bladder indication"), not the disease, or named none in the clause (the reader took
    the one the text spoke of before: "Merck withdrew the small cell indication" under another heading)."""
    if c.values.get("organ"):
        return because(f"the article names the organ ({c.values['organ']}), not the disease; no record "
                       f"of {auditor.name(c.subject)} there matches the claim")
    if c.values.get("disease_from") == "context":
        return because(f"the clause names no disease ({auditor.name(c.object)} is the one the text spoke of "
                       f"before); no record of {auditor.name(c.subject)} there matches the claim")
    if c.values.get("date_from") == "context" and not any(_names_date(a, c.values) for a in candidates(auditor, c)):
        return because(f"the clause gives no date ({c.values.get('date')} is that of the approval told just before); "
                       f"no record of {auditor.name(c.subject)} there matches the claim")
    if c.values.get("date_from") == "story":
        return because("the clause tells its date from the story's (\"the following January\"), the reader's inference; "
                       f"no record of {auditor.name(c.subject)} there matches the claim")
    return None


def _another_records_day(auditor, c, verdict: str, facts: list[dict[str, Any]], claimed: list[str | None]):
    """A contradicted claim whose day is exactly that of another record (of another indication of
    the drug, or of another drug, or of the same drug and indication in another setting) is more likely
    that record's, told in a sentence whose drug, indication or setting the reader took amiss: not a
    contradiction."""
    days = [d for d in claimed if d and len(d) == 10]
    if verdict != "contradicted" or not days:
        return verdict, facts
    for a in auditor.all_approvals():
        dates = [a["date"], (a.get("conversion") or {}).get("date")] + _withdrawal_dates(a.get("withdrawal") or {})
        if any(d in dates for d in days) and not (a["drug"]["id"] == c.subject and _of_indication(
                a, c.object, c.values.get("indication")) and _setting_fits(a, c.values)):
            return "not in graph", [because(f"the day {days[0]} is that of the record of {a['drug']['name']} in "
                                            + ", ".join(i["name"] for i in a["indications"]), a["id"], a["sources"])] + facts
    return verdict, facts


def _approval(auditor, c) -> tuple[str, list[dict[str, Any]]]:
    recs = candidates(auditor, c)
    fitting = [a for a in recs if _setting_fits(a, c.values)]
    if not fitting:
        return "not in graph", [because(f"the graph holds no {_what(auditor, c)}"
                                        + (" in that setting" if recs else ""))]
    facts = [auditor.approval_fact(a) for a in fitting]
    best, v = fitting[0], c.values
    if v.get("date") and not _names_date(best, v):
        if v.get("approval_type") == "conversion" and not any((a.get("conversion") or {}).get("date") for a in fitting):
            return "not in graph", [because(f"the graph holds no conversion of the {_what(auditor, c)}")] + facts
        return "contradicted", facts  # the records of that approval give another date
    conv = (best.get("conversion") or {}).get("date")
    # (only a record that states its type can contradict the claim's: "not stated" contradicts nothing)
    if v.get("approval_type") in ("accelerated", "regular") and v.get("date") and best["type"] in ("accelerated", "regular") \
            and v["approval_type"] != best["type"] and not (
            v["approval_type"] == "regular" and conv and same_date(v["date"], conv)):
        return "contradicted", facts
    if best["status"] == "withdrawn" and v.get("status") != "withdrawn":
        return "outdated", facts
    return "consistent", facts


def withdrawal(auditor, c) -> tuple[str, list[dict[str, Any]]]:
    """Verdict on a withdrawal claim (one dated exactly as another record is judged as an approval's)."""
    verdict, facts = _withdrawal(auditor, c)
    if verdict == "contradicted" and (guess := _guessed(auditor, c)):
        return "not in graph", [guess] + facts
    return _another_records_day(auditor, c, verdict, facts, [c.values.get("announced"), c.values.get("effective")])


def _withdrawal(auditor, c) -> tuple[str, list[dict[str, Any]]]:
    recs = [a for a in candidates(auditor, c) if _setting_fits(a, c.values)]
    if not recs:
        return "not in graph", [because(f"the graph holds no {_what(auditor, c)}")]
    gone = [a for a in recs if a["status"] == "withdrawn" and a.get("withdrawal")]
    if not gone:
        if any(a["status"] == "withdrawn" for a in candidates(auditor, c)):
            # the drug lost another approval in that indication: which one the article means is not sure
            return "not in graph", [because(f"the graph holds no withdrawn {_what(auditor, c)} in that setting")]
        return "contradicted", [auditor.approval_fact(a) for a in recs]  # in force, as the records say
    announced, effective = c.values.get("announced"), c.values.get("effective")
    gone.sort(key=lambda a: not any(same_date(mine, theirs) for mine in (announced, effective)
                                    for theirs in _withdrawal_dates(a["withdrawal"])))
    facts = [auditor.approval_fact(a) for a in gone]
    w = gone[0]["withdrawal"]
    claimed = [d for d in (announced, effective) if d]
    if w.get("announced") or w.get("effective"):  # the record gives the announcement and the effect
        # articles call either day the withdrawal, and some date it by a step in between (a label
        # update): only a date outside the span from announcement to effect contradicts
        ends = sorted(d for d in (w.get("announced"), w.get("effective")) if d)
        if any(not within(d, ends[0], ends[-1]) for d in claimed):
            return "contradicted", facts
        return "consistent", facts
    if claimed and w.get("date") and all(days_apart(d, w["date"]) > WITHDRAWAL_SPAN for d in claimed):
        return "contradicted", facts  # no date the article gives can be the record's announcement or effect
    return "consistent", facts


#: records of a product's changes, not of an indication: no claim about an indication is judged by them
PRODUCT_CHANGES = ("new formulation", "new dosing")


def _withdrawal_dates(w: dict[str, Any]) -> list[str]:
    """A withdrawal record's dates: one of unknown kind, or the announcement's and the effect's."""
    return [d for d in (w.get("date"), w.get("announced"), w.get("effective")) if d]


#: days after an agency's decision within which a sponsor or a news report announces it (an article
#: that dates an approval by its announcement names the same approval)
ANNOUNCED_WITHIN = 7
#: days between a withdrawal's announcement and its effect, at most (a record with one date may give either)
WITHDRAWAL_SPAN = 92


def within(claimed: str, first: str, last: str, slack: int = ANNOUNCED_WITHIN) -> bool:
    """Whether a claimed date (a day, a month or a year) meets the span of record dates from
    ``first`` to ``last``, give or take ``slack`` days.

    >>> within("2021-03", "2021-03-07", "2021-04-13"), within("2021-03-20", "2021-03-07", "2021-04-13")
    (True, True)
    >>> within("2021-05", "2021-03-07", "2021-04-13"), within("2021-02-20", "2021-03-07", "2021-04-13")
    (False, False)
    """
    if same_date(claimed, first) or same_date(claimed, last):
        return True
    lo, hi = _span(claimed)
    return _day(first) - _dt.timedelta(days=slack) <= hi and lo <= _day(last) + _dt.timedelta(days=slack)


def _day(record: str) -> _dt.date:
    r = [int(x) for x in record.split("-")] + [1, 1]
    return _dt.date(r[0], r[1], r[2])


def _span(claimed: str) -> tuple[_dt.date, _dt.date]:
    """The first and last day a claimed date (a day, a month or a year) may mean."""
    parts = [int(x) for x in claimed.split("-")]
    first = _dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    if len(parts) == 3:
        return first, first
    if len(parts) == 2:
        return first, _dt.date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1) - _dt.timedelta(days=1)
    return first, _dt.date(parts[0], 12, 31)


def days_apart(claimed: str, record: str) -> int:
    """Days between a claimed date (a day, a month or a year: 0 when it contains the record's
    date, else from its nearest end) and a record's date.

    >>> days_apart("2021-03", "2021-03-08"), days_apart("2021-03-07", "2021-03-08"), days_apart("2022", "2021-12-30")
    (0, 1, 2)
    """
    if record.startswith(claimed):
        return 0
    first, last = _span(claimed)
    day = _day(record)
    return min(abs((day - first).days), abs((day - last).days))
