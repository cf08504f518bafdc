"""Which drugs act on a target (from curated mechanism edges, with their sources)."""
from __future__ import annotations

from typing import Any

ACTIONS = {"binds": "binds", "blocksInteractionWith": "blocks interaction with", "inhibits": "inhibits",
           "agonistOf": "agonist of", "sparesInteractionWith": "spares interaction with"}


def drugs_for_target(store, target: str, *, include_spared: bool = False) -> list[dict[str, Any]]:
    """Drugs with a curated binds / blocks / inhibits / agonist edge to ``target`` (a CURIE).

    Each item: drug (id, name), actions (with ``via`` where the action goes through another
    target, e.g. atezolizumab blocks PD-1 via PD-L1), best evidence level, sources. Drugs that
    only *spare* the target are left out unless ``include_spared``.

    >>> ACTIONS["blocksInteractionWith"]
    'blocks interaction with'
    """
    from kg.query.stored import records

    drugs: dict[str, dict[str, Any]] = {}
    names: dict[str, str] = {}
    for a in records(store, "drugs_for_target", target=target).values():
        if a.get("document"):
            continue  # what documents claim is not curated mechanism evidence
        drug = a["_drug"]
        action = ACTIONS[a["edge_key"].split("#")[0].split(":")[-1]]
        d = drugs.setdefault(drug, {"drug": {"id": drug, "name": a["_drugName"]}, "actions": [],
                                    "levels": set(), "sources": set()})
        via = a.get("via")
        if via and via not in names:
            names[via] = next(iter(records(store, "entity_name", key="n", n=via).values()), {}).get("name", via)
        text = action + (f" (via {names[via]})" if via else "")
        if text not in d["actions"]:
            d["actions"].append(text)
        if a.get("level"):
            d["levels"].add(a["level"])
        d["sources"].update(a.get("sources", []))
    from kg.query.common import level_rank

    out = []
    for d in drugs.values():
        if not include_spared and all(a.startswith("spares") for a in d["actions"]):
            continue
        levels = sorted(d.pop("levels"), key=level_rank)
        out.append({**d, "actions": sorted(d["actions"]), "level": levels[-1] if levels else None,
                    "sources": sorted(d["sources"])})
    out.sort(key=lambda x: x["drug"]["name"])
    return out


__all__ = ["drugs_for_target", "ACTIONS"]
