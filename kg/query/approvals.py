"""Which trials support which approvals: every approval with the trials behind it.

>>> from kg.query.approvals import _outcome
>>> _outcome({"endpoint": "overall survival", "measure": "HR", "value": 0.73, "low": 0.62, "high": 0.87,
...           "met": True, "population": "ITT"})
'overall survival (ITT): HR 0.73 (95% CI 0.62-0.87), met'
"""
from __future__ import annotations

from typing import Any

_SETTING = ("context", "line", "stage", "biomarker", "population", "histology")


def _outcome(r: dict[str, Any]) -> str:
    """One line on one result: endpoint, population, effect, CI, p, met or not."""
    text = r["endpoint"] + (f" ({r['population']})" if r.get("population") else "")
    if r.get("measure") and r.get("value") is not None:
        unit = r.get("unit") or ""
        text += f": {r['measure']} {r['value']:g}{'%' if unit == '%' else ''}"
        if r.get("low") is not None:
            text += f" (95% CI {r['low']:g}-{r['high']:g})"
    if r.get("p") is not None or r.get("ptext"):
        text += f", p={r.get('ptext') or format(r['p'], 'g')}"
    if r.get("met") is not None:
        text += ", met" if r["met"] else ", not met"
    return text


def _trial_results(store, bind: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """The tested endpoints of the trials behind the approvals (``bind``: drug, status), by trial."""
    from kg.query.stored import concept, run

    by_trial: dict[str, dict[str, dict[str, Any]]] = {}
    for row in run(store, "approval_results", **bind):
        res = by_trial.setdefault(row["trial"], {}).setdefault(row["res"], {**row, "sources": []})
        if row["source"]:
            res["sources"].append(row["source"])
        res["direction"] = concept(row["dv"])
    # only results that test an endpoint (met or not met) speak for or against an approval
    return {t: sorted((r for r in rs.values() if r.get("met") is not None), key=lambda r: r["res"])
            for t, rs in by_trial.items()}


def approvals(store, drug: str | None = None, *, status: str | None = None) -> list[dict[str, Any]]:
    """Every approval (optionally of one drug, given as a CURIE, and with one status), oldest first.

    Each item: drug, product, indications, agency, date, type, setting, status, withdrawal,
    evidence level, partners, the supporting trials (NCT, acronym, phase, role, outcome,
    evidence level and direction, and each tested endpoint's result with its sources) and
    the approval's sources.
    """
    import pyoxigraph as ox

    from kg.query.stored import concept, run

    bind = {"drug": drug, "status": None if status is None else ox.Literal(status)}
    # the trials, results and partners are narrowed by the drug if there is one, else by the status
    # (both bound at once make Virtuoso 7.2's SPARQL compiler fail on approval_results)
    detail = {"drug": drug} if drug else bind
    out: dict[str, dict[str, Any]] = {}
    for r in run(store, "approvals", **bind):
        a = out.get(r["appr"])
        if a is None:
            a = out[r["appr"]] = {
                "id": r["appr"], "drug": {"id": r["drug"], "name": r["drugName"]}, "product": r["product"],
                "indications": [], "agency": r["agencyName"], "date": r["date"], "date_note": r["dateNote"],
                "type": r["type"], "setting": {k: r[k] for k in _SETTING if r[k] is not None},
                "label_text": r["label"], "status": r["status"],
                "withdrawal": ({"date": r["wdate"], "reason": r["wreason"], "failed_trial": r["failed"]}
                               if r["wdate"] else None),
                "evidence_level": "regulatory approval", "partners": [], "trials": [], "sources": [],
            }
        ind = {"id": r["ind"], "name": r["indName"]}
        if ind not in a["indications"]:
            a["indications"].append(ind)
    results = _trial_results(store, detail)
    for r in run(store, "approval_trials", **detail):
        if r["appr"] not in out:
            continue
        res = results.get(r["trial"], [])
        out[r["appr"]]["trials"].append({
            "nct": r["trial"].split(":", 1)[1], "acronym": r["acronym"], "phase": r["phase"], "role": r["role"],
            "outcome": r["outcome"], "evidence_level": concept(r["lv"]), "direction": concept(r["dv"]),
            "results": [{"id": x["rid"], "summary": _outcome(x), "met": x["met"], "direction": x["direction"],
                         "sources": sorted(x["sources"])} for x in res],
        })
    for r in run(store, "approval_extras", **detail):
        if r["appr"] in out:
            a = out[r["appr"]]
            if r["partnerName"] and r["partnerName"] not in a["partners"]:
                a["partners"].append(r["partnerName"])
            if r["source"] and r["source"] not in a["sources"]:
                a["sources"].append(r["source"])
    for a in out.values():
        a["trials"].sort(key=lambda t: (t["role"] != "pivotal", t["acronym"]))
        a["partners"].sort()
        a["sources"].sort()
    return list(out.values())


def withdrawn(store, drug: str | None = None) -> list[dict[str, Any]]:
    """Withdrawn approvals, each with its withdrawal and the confirmatory trial that failed."""
    return approvals(store, drug, status="withdrawn")


def as_of(store, date: str, drug: str | None = None) -> list[dict[str, Any]]:
    """Approvals in force on ``date`` (ISO): granted on or before it and not withdrawn by then.

    An approval known only to the month (``2019-08``) counts from the first of that month. A
    date that is not a full ISO date is a :class:`~kg.errors.QueryError`.
    """
    from kg.errors import QueryError
    from kg.sources.yamlfile import iso_date

    try:
        day = iso_date(date)
    except ValueError as exc:
        raise QueryError(f"bad date {date!r}: {exc}") from None
    if len(day) != 10:
        raise QueryError(f"bad date {date!r}: as-of needs a full date, YYYY-MM-DD")
    out = []
    for a in approvals(store, drug):
        granted = a["date"] if len(a["date"]) == 10 else a["date"] + "-01"
        w = a["withdrawal"]
        if granted <= day and (w is None or w["date"] > day):
            out.append(a)
    return out
