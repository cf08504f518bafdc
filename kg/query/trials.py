"""The trials of a drug, with their results; optionally only one phase, or only negative ones."""
from __future__ import annotations

from typing import Any

from kg.query.common import effect, group, p_text, short


def normalize_phase(phase: str | int | None) -> str | None:
    """``3``, ``"3"``, ``"III"``, ``"phase 3"`` -> ``"phase 3"``.

    >>> normalize_phase("III"), normalize_phase(2)
    ('phase 3', 'phase 2')
    """
    if phase is None:
        return None
    text = str(phase).lower().replace("phase", "").strip()
    text = {"i": "1", "ii": "2", "iii": "3", "iv": "4"}.get(text, text)
    return f"phase {text}"


def trials(store, drug: str, *, phase: str | int | None = None, negative: bool = False) -> list[dict[str, Any]]:
    """Trials testing ``drug`` (a CURIE) with every result they report for it.

    ``phase`` keeps trials whose evidence level is that phase (a phase 1b/3 trial counts as
    phase 3); ``negative`` keeps trials with at least one result that does not support the drug.
    """
    from kg.graph import level_of_phase
    from kg.query import concept, run

    want = normalize_phase(phase)
    by_trial: dict[str, dict[str, Any]] = {}
    for r in group(run(store, "trials", drug=drug), "a"):
        t = by_trial.setdefault(r["trial"], {
            "nct": short(r["trial"]), "acronym": r["acronym"], "phase": r["phase"],
            "setting": {k: r[k] for k in ("context", "line", "stage", "biomarker") if r[k] is not None},
            "status": r["status"], "enrollment": r["enrollment"], "results": []})
        if r["a"] is not None:
            t["results"].append({
                "id": r["rid"], "indication": r["indName"], "endpoint": r["endpoint"], "population": r["population"],
                "effect": effect(r), "p": p_text(r), "met": r["met"], "kind": r["kind"],
                "level": concept(r["lv"]), "direction": concept(r["dv"]), "sources": r["sources"]})
    out = []
    for t in by_trial.values():
        if want and level_of_phase(t["phase"]) != want:
            continue
        t["results"].sort(key=lambda x: (x["met"] is None, x["endpoint"] or "", x["id"] or ""))
        t["negative"] = any(x["direction"] == "does not support" for x in t["results"])
        if negative and not t["negative"]:
            continue
        out.append(t)
    out.sort(key=lambda t: t["acronym"].lower())
    return out
