"""What is the evidence that a drug works in an indication, and what failed; where evidence
points both ways (contradictions), by setting.

>>> from kg.query.evidence import KIND
>>> KIND["kg:clinicalEvidenceFor"]
'trial result'
"""
from __future__ import annotations

from typing import Any

from kg.query.common import context_rank, effect, level_rank, p_text, short

KIND = {"kg:clinicalEvidenceFor": "trial result", "kg:approvedFor": "approval", "kg:evidenceLevelFor": "claim"}


def _pred(curie_or_iri: str) -> str:
    return "kg:" + curie_or_iri.rsplit("#", 1)[-1]


def _setting(a: dict[str, Any]) -> dict[str, Any]:
    return {k[len("setting_"):]: v for k, v in a.items() if k.startswith("setting_")}


def _effect(a: dict[str, Any]) -> str | None:
    return effect({"measure": a.get("measure"), "value": a.get("value"), "unit": a.get("unit"),
                   "low": a.get("ci_low"), "high": a.get("ci_high")})


def evidence(store, drug: str, indication: str, *, claims: bool = True) -> list[dict[str, Any]]:
    """Every trial result and approval (and, with ``claims``, document claims) for a drug in an
    indication, graded: sorted by setting, then evidence level (highest first).

    Each item: kind, trial (acronym, NCT, phase), setting, endpoint, population, effect, p,
    met, evidence level, direction, approval date and status, the document and its accuracy
    for claims, and sources.
    """
    from kg.query.stored import records, run

    links = {r["x"]: r for r in run(store, "evidence_links", drug=drug, ind=indication)}
    items = []
    for a in records(store, "evidence", drug=drug, ind=indication).values():
        kind = "claim" if a.get("document") else KIND[a["edge_key"].split("#")[0]]
        if kind == "claim" and not claims:
            continue
        trial = links.get(a.get("trial"), {})
        items.append({
            "kind": kind, "id": a.get("id"), "trial": trial.get("acronym"), "nct": short(a.get("trial")),
            "phase": trial.get("phase"), "setting": _setting(a), "endpoint": a.get("endpoint"),
            "population": a.get("population"), "comparison": a.get("comparison"), "result_kind": a.get("result_kind"),
            "effect": _effect(a), "p": p_text({"p": a.get("p"), "ptext": a.get("p_text")}), "met": a.get("met"),
            "level": a.get("level"), "direction": a.get("direction"), "approval": a.get("approval"),
            "approval_name": links.get(a.get("approval"), {}).get("name"), "date": a.get("date"),
            "status": a.get("status"), "withdrawal_date": a.get("withdrawal_date"), "document": a.get("document"),
            "statement": a.get("statement") if a.get("document") else None, "accuracy": a.get("accuracy"),
            "sources": a.get("sources", []),
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
    from kg.query.stored import concept, run

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
                xs.sort(key=lambda e: (-level_rank(e["level"]), e["evidence"] or "", e["id"] or ""))
        out.append(pair)
    out.sort(key=lambda p: (p["drug"]["name"], p["indication"]["name"]))
    return out


__all__ = ["evidence", "contradictions", "KIND"]
