"""The trials of a drug, with their results; optionally only one phase, or only negative ones."""
from __future__ import annotations

from typing import Any

from kg.query.common import p_text, short


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


#: The phases ``--phase`` selects by: the evidence levels of trials.
PHASE_LEVELS = ("phase 1", "phase 2", "phase 3")


def check_phase(phase: str | int) -> str:
    """The evidence level ``phase`` names (see :func:`normalize_phase`), or :class:`QueryError`.

    >>> check_phase("III")
    'phase 3'
    >>> check_phase("x } ;")
    Traceback (most recent call last):
    ...
    kg.errors.QueryError: 'x } ;' is not a phase: use 1, 2 or 3 (I-III and 'phase 3' work too)
    """
    from kg.errors import QueryError

    level = normalize_phase(phase)
    if level not in PHASE_LEVELS:
        raise QueryError(f"{phase!r} is not a phase: use 1, 2 or 3 (I-III and 'phase 3' work too)")
    return level


def trials(store, drug: str, *, phase: str | int | None = None, negative: bool = False) -> list[dict[str, Any]]:
    """Trials testing ``drug`` (a CURIE) with every result they report for it.

    ``phase`` keeps trials whose evidence level is that phase (a phase 1b/3 trial counts as
    phase 3); ``negative`` keeps trials with at least one result that does not support the drug.
    """
    from kg.schema.vocab import level_of_phase
    from kg.query.stored import records
    from kg.query.evidence import _effect

    want = None if phase is None else check_phase(phase)
    by_trial: dict[str, dict[str, Any]] = {}
    for tid, t in records(store, "trials", key="trial", drug=drug).items():
        by_trial[tid] = {
            "nct": short(tid), "acronym": t.get("acronym"), "phase": t.get("phase"),
            "setting": {k[len("setting_"):]: v for k, v in t.items() if k.startswith("setting_")},
            "status": t.get("status"), "enrollment": t.get("enrollment"), "results": []}
    for r in records(store, "drug_results", drug=drug).values():
        t = by_trial.get(r.get("trial"))
        if t is None:
            continue
        t["results"].append({
            "id": r.get("id"), "indication": r["_indName"], "endpoint": r.get("endpoint"),
            "population": r.get("population"), "effect": _effect(r),
            "p": p_text({"p": r.get("p"), "ptext": r.get("p_text")}), "met": r.get("met"),
            "kind": r.get("result_kind"), "level": r.get("level"), "direction": r.get("direction"),
            "sources": r.get("sources", [])})
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


__all__ = ["trials", "normalize_phase"]
