"""Which trials support which approvals, and what became of each approval.

Every approval comes with its grant (date, and what that date is: the agency's decision or a
sponsor's announcement), the trials behind it, and the events of its life after the grant
(converted to regular approval, narrowed, superseded, withdrawal announced, withdrawn), each
event with its own date and sources.

>>> from kg.query.approvals import _outcome
>>> _outcome({"endpoint": "overall survival", "measure": "HR", "value": 0.73, "low": 0.62, "high": 0.87,
...           "met": True, "population": "ITT"})
'overall survival (ITT): HR 0.73 (95% CI 0.62-0.87), met'
"""
from __future__ import annotations

from typing import Any

_SETTING = ("context", "line", "stage", "biomarker", "population", "histology", "companion_test")
#: Order of events on the same day.
_EVENT_ORDER = ("approval announced", "safety alert", "label changed", "narrowed", "converted", "superseded",
                "withdrawal announced", "withdrawn")


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


def _nct(curie: str) -> str | None:
    return curie.split(":", 1)[1] if curie.startswith("CLINICALTRIALS:") else None


def _base(aid: str, r: dict[str, Any]) -> dict[str, Any]:
    """An approval's own facts, from its folded properties (see :func:`kg.query.stored.records`)."""
    return {
        "id": aid, "drug": {"id": r["_drug"], "name": r["_drugName"]}, "product": r.get("product"),
        "indications": [], "agency": r["_agencyName"], "agency_id": r["_agency"], "date": r["date"],
        "date_is": r.get("date_is"), "date_note": r.get("date_note"), "type": r["approval_type"],
        "setting": {k: r[f"setting_{k}"] for k in _SETTING if r.get(f"setting_{k}") is not None},
        "label_text": r.get("label_text"), "basis": r.get("basis"), "regimen": r.get("regimen"), "status": r["status"],
        "no_pivotal_reason": r.get("no_pivotal_reason"), "notes": r.get("notes"),
        "evidence_level": "regulatory approval", "partners": [], "trials": [], "events": [],
        "conversion": None, "withdrawal": None, "sources": sorted(r.get("sources", [])),
    }


def _event(e: dict[str, Any]) -> dict[str, Any]:
    who = {"id": e["_target"], "name": e["_targetName"]}
    return {"event": e["event"], "date": e["date"], "date_is": e.get("date_is"),
            "by": None if e["event"] == "superseded" else who,
            "replaced_by": who if e["event"] == "superseded" else None,
            "trials": [{"id": t} for t in e.get("event_trial", [])], "change": e.get("what_changed"),
            "reason": e.get("reason"), "note": e.get("note"), "sources": sorted(e.get("sources", []))}


def _summaries(a: dict[str, Any]) -> None:
    """The approval's conversion and withdrawal, read off its events (trials named by acronym)."""
    names = {t["id"]: t for t in a["trials"]}
    for e in a["events"]:
        for t in e["trials"]:
            known = names.get(t["id"], {})
            t.update(nct=_nct(t["id"]), acronym=known.get("acronym"))
    first = {}
    for e in a["events"]:
        first.setdefault(e["event"], e)
    conv = first.get("converted")
    if conv:
        a["conversion"] = {"date": conv["date"], "date_is": conv["date_is"], "trials": conv["trials"],
                           "note": conv["note"], "sources": conv["sources"]}
    ann, wd = first.get("withdrawal announced"), first.get("withdrawn")
    if ann or wd:
        a["withdrawal"] = {
            "announced": ann["date"] if ann else None, "announced_is": ann["date_is"] if ann else None,
            "announced_by": ann["by"]["name"] if ann else None, "announced_sources": ann["sources"] if ann else [],
            "effective": wd["date"] if wd else None, "effective_is": wd["date_is"] if wd else None,
            "effective_sources": wd["sources"] if wd else [], "failed_trials": wd["trials"] if wd else [],
            "reason": (wd or {}).get("reason") or (ann or {}).get("reason"), "note": (wd or {}).get("note"),
        }


#: the sources of imported records (Biolink's information-resource ids)
INFORES = ("https://w3id.org/biolink/infores/", "infores:")


def curated(record: dict[str, Any]) -> bool:
    """Whether a record comes from the curated data, not from an importer (whose sources name an infores).

    >>> curated({"sources": ["https://www.fda.gov/x"]}), curated({"sources": ["https://w3id.org/biolink/infores/moalmanac"]})
    (True, False)
    """
    return not any(str(s).startswith(INFORES) for s in record.get("sources") or [])


def approvals(store, drug: str | None = None, *, status: str | None = None) -> list[dict[str, Any]]:
    """Every approval (optionally of one drug, given as a CURIE, and with one status), oldest first.

    The approvals of a drug include those of the fixed-dose combination products that contain it
    (relatlimab's are Opdualag's).

    Each item: drug, product, indications, agency, date (and what the date is), type, setting,
    status, partners, the supporting trials (NCT, acronym, phase, role, outcome, evidence level
    and direction, and each tested endpoint's result with its sources), the events of its life
    (each with date, what the date is, who, trials and sources), the conversion and withdrawal
    read off them, and the approval's sources.
    """
    from kg.query.stored import run

    if drug is not None:
        products = [r["product"] for r in run(store, "drug_products", drug=drug)]
        items = [a for d in [drug] + products for a in _approvals(store, d, status)]
        return sorted(items, key=lambda a: (a["date"], a["agency"], a["id"]))
    return _approvals(store, None, status)


def _approvals(store, drug: str | None, status: str | None) -> list[dict[str, Any]]:
    import pyoxigraph as ox

    from kg.query.stored import concept, records, run

    bind = {"drug": drug, "status": None if status is None else ox.Literal(status)}
    # the details are narrowed by the drug if there is one, else by the status (both bound at
    # once make Virtuoso 7.2's SPARQL compiler fail on approval_results)
    detail = {"drug": drug} if drug else bind
    out = {aid: _base(aid, r) for aid, r in records(store, "approvals", key="appr", **bind).items()}
    if not out:
        return []
    for r in run(store, "approval_extras", **detail):
        a = out.get(r["appr"])
        if a is None:
            continue
        if r["kind"] == "indication":
            a["indications"].append({"id": r["x"], "name": r["name"]})
        elif r["name"] not in a["partners"]:
            a["partners"].append(r["name"])
    results = _trial_results(store, detail)
    for r in run(store, "approval_trials", **detail):
        if r["appr"] not in out:
            continue
        res = results.get(r["trial"], [])
        out[r["appr"]]["trials"].append({
            "id": r["trial"], "nct": _nct(r["trial"]), "acronym": r["acronym"], "phase": r["phase"],
            "role": r["role"], "outcome": r["outcome"], "evidence_level": concept(r["lv"]),
            "direction": concept(r["dv"]),
            "results": [{"id": x["rid"], "summary": _outcome(x), "met": x["met"], "direction": x["direction"],
                         "sources": sorted(x["sources"])} for x in res],
        })
    for e in records(store, "approval_events", key="a", **detail).values():
        if e["_appr"] in out:
            out[e["_appr"]]["events"].append(_event(e))
    for a in out.values():
        a["indications"].sort(key=lambda i: i["name"])
        a["trials"].sort(key=lambda t: (t["role"] != "pivotal", t["acronym"]))
        a["partners"].sort()
        a["events"].sort(key=lambda e: (e["date"], _EVENT_ORDER.index(e["event"])))
        _summaries(a)
    return sorted(out.values(), key=lambda a: (a["date"], a["agency"], a["id"]))


def withdrawn(store, drug: str | None = None) -> list[dict[str, Any]]:
    """Withdrawn approvals (and those whose withdrawal is announced but not yet effective), each
    with the sponsor's announcement and the agency's effective date, and the confirmatory trial
    that failed."""
    items = approvals(store, drug, status="withdrawn") + approvals(store, drug, status="withdrawal announced")
    return sorted(items, key=lambda a: (a["date"], a["agency"], a["id"]))


def converted(store, drug: str | None = None) -> list[dict[str, Any]]:
    """Accelerated (or conditional) approvals converted to regular approval: when, on which trial."""
    return approvals(store, drug, status="converted")


def _day(date: str) -> str:
    """A date known to the month counts from the first of that month."""
    return date if len(date) == 10 else date + "-01"


def in_force(a: dict[str, Any], day: str) -> bool:
    """Whether approval ``a`` (an item of :func:`approvals`) was in force on ``day``: granted on
    or before it, not yet withdrawn (the agency's effective date counts, not the announcement)
    and not yet replaced by a later approval.

    >>> a = {"date": "2019-03-08", "withdrawal": {"announced": "2021-08-27", "effective": "2021-10-06"}, "events": []}
    >>> in_force(a, "2021-09-15"), in_force(a, "2021-10-06")
    (True, False)
    """
    w = a.get("withdrawal") or {}
    ended = [w["effective"]] if w.get("effective") else []
    ended += [e["date"] for e in a["events"] if e["event"] == "superseded"]
    return _day(a["date"]) <= day and all(_day(d) > day for d in ended)


def as_of(store, date: str, drug: str | None = None) -> list[dict[str, Any]]:
    """Approvals in force on ``date`` (ISO): see :func:`in_force`. An approval known only to the
    month (``2019-08``) counts from the first of that month. A date that is not a full
    ISO date is a :class:`~kg.errors.QueryError`. Imported approvals dated by their label's
    wording (MOAlmanac: the day the current wording first appeared, not the approval's day)
    are left out: their dates do not say when they came into force.
    """
    day = full_date(date)
    return [a for a in approvals(store, drug) if a.get("date_is") not in UNDATED and in_force(a, day)]


def full_date(date: str) -> str:
    """``date`` as an ISO day (YYYY-MM-DD), the day an as-of question asks about; anything
    else (a month, a day no calendar has, text) is a :class:`~kg.errors.QueryError`.

    >>> full_date("2021-09-15")
    '2021-09-15'
    >>> full_date("2021-09")
    Traceback (most recent call last):
    ...
    kg.errors.QueryError: bad date '2021-09': as-of needs a full date, YYYY-MM-DD
    """
    from kg.errors import QueryError
    from kg.sources.yamlfile import iso_date

    try:
        day = iso_date(date)
    except ValueError as exc:
        raise QueryError(f"bad date {date!r}: {exc}") from None
    if len(day) != 10:
        raise QueryError(f"bad date {date!r}: as-of needs a full date, YYYY-MM-DD")
    return day


#: what an approval's date may be that does not date the approval itself
UNDATED = ("label wording", "label revision")


def coverage(store) -> list[dict[str, Any]]:
    """Per drug: its FDA approvals, how many were accelerated, converted, withdrawn (effective;
    and announced only), with a pivotal trial named, and its European Commission approvals."""
    from kg.query.stored import run

    out: dict[str, dict[str, Any]] = {}
    for r in run(store, "approval_coverage"):
        row = out.setdefault(r["drug"], {"drug": r["drugName"], "id": r["drug"], "fda": 0, "accelerated": 0,
                                          "converted": 0, "withdrawn": 0, "withdrawal_announced": 0,
                                          "with_pivotal": 0, "eu": 0})
        if r["agencyName"] == "US Food and Drug Administration":
            row.update(fda=r["approvals"], accelerated=r["accelerated"], converted=r["converted"],
                       withdrawn=r["withdrawn"], withdrawal_announced=r["announced"], with_pivotal=r["pivotal"])
        elif r["agencyName"] == "European Commission":
            row["eu"] = r["approvals"]
    return sorted(out.values(), key=lambda r: r["drug"])
