"""What an evidence page says, read from the store through the named questions and stored
queries (every value bound, never pasted): the drug, its mechanisms, its approvals with their
events, its trials with their results, the publications its sources name, and the date the
store was built. With ``as_of`` the facts dated after that day are left out.

A result's date is its own date, else the earliest date of the publications it cites (a
publication known only by its year counts from the last day of that year), else the earliest
approval that names its trial; a result with none of these cannot be placed in time and is left
out of a page written as of a past date.

>>> result_date({"sources": ["PMID:1"]}, {"PMID:1": {"date": None, "year": 2019}}, {})
'2019-12-31'
>>> result_date({"date": "2020-05", "sources": []}, {}, {})
'2020-05-31'
"""
from __future__ import annotations

from typing import Any

from kg.brief.references import last_day
from kg.query.approvals import _summaries, in_force
from kg.schema.approval import STATUSES

MECHANISM_PREDICATES = ("binds", "blocks interaction with", "spares interaction with", "inhibits", "agonist of")


def result_date(r: dict[str, Any], pubs: dict[str, dict[str, Any]], approved: dict[str, str]) -> str | None:
    """The day by which a result was public, or None (see the module's docstring)."""
    if r.get("date"):
        return last_day(r["date"])
    dates = [last_day(pubs[s].get("date") or pubs[s].get("year")) for s in r.get("sources", []) if s in pubs]
    dates = [d for d in dates if d]
    if dates:
        return min(dates)
    return approved.get(r.get("_trial") or r.get("trial") or "")


def _status(events: list[dict[str, Any]]) -> str:
    kinds = {e["event"] for e in events}
    return next((s for s in STATUSES[:-1] if s in kinds), "active")


def _approval_as_of(a: dict[str, Any], day: str) -> dict[str, Any]:
    """Approval ``a`` as it stood on ``day``: its later events left out, status and summaries redone."""
    a = {**a, "events": [e for e in a["events"] if e["date"][:10] <= day], "conversion": None, "withdrawal": None}
    a["status"] = _status(a["events"])
    _summaries(a)
    return a


def gather(store, drug: str, indication: str | None = None, *, as_of: str | None = None,
           built_at: str | None = None) -> dict[str, Any]:
    """The facts of a page on ``drug`` (a CURIE), optionally only in ``indication`` (a CURIE), as
    the graph holds them (or held them on ``as_of``, an ISO day).

    Keys: drug (id, name, attributes, identifiers, sources), mechanisms, approvals (items of
    :func:`kg.query.approvals.approvals`, each with ``in_force``), results (curated trial
    results, each with ``date`` and ``arms``), trials (records by id), publications, indications
    (id -> name), as_of, built_at, left_out (how many results and approvals the date left out).
    """
    from kg.query.approvals import approvals
    from kg.query.lookup import lookup
    from kg.query.stored import records, run

    entity = next(e for e in lookup(store, drug) if e["id"] == drug)
    mechanisms = [n for n in entity["neighbours"] if n["predicate"] in MECHANISM_PREDICATES
                  and n["direction"] == "out" and not n["qualifiers"].get("document")]
    pubs = {r["pub"]: r for r in run(store, "publications")}
    appr = approvals(store, drug)
    names = {i["id"]: i["name"] for a in appr for i in a["indications"]}
    by_node = records(store, "result_facts", drug=drug)
    results = list(by_node.values())
    trial_ids = sorted({r["_trial"] for r in results} | {t["id"] for a in appr for t in a["trials"]}
                       | set(records(store, "trials", key="trial", drug=drug)))
    trials = {t: records(store, "trial_record", key="t", t=t).get(t, {}) for t in trial_ids}
    arms: dict[str, dict[str, float]] = {}
    for t in {r["_trial"] for r in results}:
        for row in run(store, "result_arms", trial=t):
            arms.setdefault(row["a"], {})[row["k"]] = row["v"]
    first_approved: dict[str, str] = {}
    for a in appr:
        for t in a["trials"]:
            first_approved.setdefault(t["id"], a["date"] if len(a["date"]) == 10 else last_day(a["date"]))
    for node, r in by_node.items():
        r["arms"] = arms.get(node, {})
        r["date"] = result_date(r, pubs, first_approved)
        names.setdefault(r["_ind"], None)
    for t in trials.values():
        studies = t.get("studies") or []
        for i in [studies] if isinstance(studies, str) else studies:
            names.setdefault(i, None)
    for ind in [i for i, n in names.items() if n is None]:
        names[ind] = next(iter(records(store, "entity_name", key="n", n=ind).values()), {}).get("name", ind)
    left_out = {"approvals": 0, "results": 0, "undated_results": 0}
    if as_of:
        kept = [_approval_as_of(a, as_of) for a in appr if (last_day(a["date"]) or "") <= as_of]
        left_out["approvals"] = len(appr) - len(kept)
        appr = kept
        dated = [r for r in results if r["date"] and r["date"] <= as_of]
        left_out["undated_results"] = sum(1 for r in results if not r["date"])
        left_out["results"] = len(results) - len(dated)
        results = dated
    keep = {r["id"] for r in results}
    for a in appr:
        a["in_force"] = in_force(a, as_of or "9999-12-31")
        for t in a["trials"]:
            t["results"] = [x for x in t["results"] if x["id"] in keep]
    if indication:
        appr = [a for a in appr if any(i["id"] == indication for i in a["indications"])]
        results = [r for r in results if r["_ind"] == indication]
    return {
        "drug": {"id": entity["id"], "name": entity["name"], "attributes": entity["attributes"],
                 "identifiers": entity["identifiers"], "sources": entity.get("sources", [])},
        "mechanisms": mechanisms, "approvals": appr, "results": results, "trials": trials,
        "publications": pubs, "indications": names, "indication": indication, "as_of": as_of,
        "built_at": built_at, "left_out": left_out,
    }
