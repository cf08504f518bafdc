"""What is the evidence that a drug works in an indication, and what failed; where evidence
points both ways (contradictions), by setting.

>>> from kg.query.evidence import KIND
>>> KIND["kg:clinicalEvidenceFor"]
'trial result'
"""
from __future__ import annotations

from typing import Any

from kg.query.common import context_rank, effect, group, level_rank, p_text, setting, short

KIND = {"kg:clinicalEvidenceFor": "trial result", "kg:approvedFor": "approval", "kg:evidenceLevelFor": "claim"}
KG_NS = "https://w3id.org/oncokg/ontology#"


def _pred(curie_or_iri: str) -> str:
    return "kg:" + curie_or_iri.rsplit("#", 1)[-1]


def evidence(store, drug: str, indication: str, *, claims: bool = True) -> list[dict[str, Any]]:
    """Every trial result and approval (and, with ``claims``, document claims) for a drug in an
    indication, graded: sorted by setting, then evidence level (highest first).

    Each item: kind, trial (acronym, NCT, phase), setting, endpoint, population, effect, p,
    met, evidence level, direction, approval date and status, the document and its accuracy
    for claims, and sources.
    """
    from kg.query import concept, run

    items = []
    for r in group(run(store, "evidence", drug=drug, ind=indication), "a"):
        kind = "claim" if r["doc"] else KIND[_pred(r["pred"])]
        if kind == "claim" and not claims:
            continue
        items.append({
            "kind": kind, "id": r["rid"], "trial": r["acronym"], "nct": short(r["trial"]), "phase": r["phase"],
            "setting": setting(r), "endpoint": r["endpoint"], "population": r["population"],
            "comparison": r["comparison"], "result_kind": r["kind"], "effect": effect(r), "p": p_text(r),
            "met": r["met"], "level": concept(r["lv"]), "direction": concept(r["dv"]),
            "approval": r["appr"], "approval_name": r["apprName"], "date": r["date"], "status": r["status"], "withdrawal_date": r["wdate"],
            "document": r["doc"], "statement": r["statement"] if r["doc"] else None, "accuracy": r["accuracy"],
            "sources": r["sources"],
        })
    order = {"approval": 0, "trial result": 1, "claim": 2}
    items.sort(key=lambda x: (context_rank(x["setting"].get("context")), x["setting"].get("line") or "",
                              order[x["kind"]], -level_rank(x["level"]), x["trial"] or "", x["id"] or ""))
    return items


def contradictions(store) -> list[dict[str, Any]]:
    """Drug-indication pairs whose curated evidence points both ways, broken down by setting.

    Each item: drug, indication, ``within_setting`` (both directions in one setting context),
    and per setting context the supporting and the non-supporting evidence (trial or approval,
    endpoint, level).
    """
    from kg.query import concept, run

    pairs: dict[tuple[str, str], dict[str, Any]] = {}
    for r in run(store, "contradictions"):
        direction = concept(r["dv"])
        if direction not in ("supports", "does not support"):
            continue
        pair = pairs.setdefault((r["drug"], r["ind"]), {
            "drug": {"id": r["drug"], "name": r["drugName"]}, "indication": {"id": r["ind"], "name": r["indName"]},
            "settings": {}})
        ctx = r["context"] or "unspecified"
        bucket = pair["settings"].setdefault(ctx, {"supports": [], "does not support": []})
        what = r["acronym"] or r["apprName"] or r["rid"]
        entry = {"id": r["rid"], "evidence": what, "endpoint": r["endpoint"], "population": r["population"],
                 "line": r["line"], "level": concept(r["lv"]), "kind": KIND[_pred(r["pred"])]}
        if entry not in bucket[direction]:
            bucket[direction].append(entry)
    out = []
    for pair in pairs.values():
        dirs = {d for s in pair["settings"].values() for d, xs in s.items() if xs}
        if dirs != {"supports", "does not support"}:
            continue
        pair["within_setting"] = sorted(c for c, s in pair["settings"].items()
                                        if s["supports"] and s["does not support"])
        pair["settings"] = dict(sorted(pair["settings"].items(), key=lambda kv: context_rank(kv[0])))
        for s in pair["settings"].values():
            for xs in s.values():
                xs.sort(key=lambda e: (-level_rank(e["level"]), e["evidence"] or ""))
        out.append(pair)
    out.sort(key=lambda p: (p["drug"]["name"], p["indication"]["name"]))
    return out
