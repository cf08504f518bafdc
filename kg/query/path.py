"""How two entities connect: the shortest chains of edges between them, each hop explained
with its predicate, evidence and sources. The edges come from the store; the search is networkx.

>>> from kg.query.path import LABELS
>>> LABELS["kg:approvedFor"]
'approved for'
"""
from __future__ import annotations

from itertools import islice
from typing import Any

from kg.schema.vocab import PREDICATES

LABELS = {v: k for k, v in PREDICATES.items()}


def _graph(store):
    import networkx as nx

    from kg.query.stored import run

    g = nx.Graph()
    for r in run(store, "edges"):
        g.add_edge(r["s"], r["o"])
    return g


def _hop(store, x: str, y: str) -> list[dict[str, Any]]:
    from kg.query.stored import records
    from kg.query.evidence import _effect

    out = []
    for a in records(store, "hop", x=x, y=y).values():
        pred = a["edge_key"].split("#")[0]
        subj = a.get("_s")
        out.append({"subject": subj, "predicate": LABELS.get(pred, pred), "object": y if subj == x else x,
                    "forward": subj == x, "level": a.get("level"), "direction": a.get("direction"),
                    "detail": a.get("endpoint") or a.get("role"), "effect": _effect(a), "record": a.get("id"),
                    "document": a.get("document"), "sources": a.get("sources", [])})
    out.sort(key=lambda e: (e["document"] is not None, e["predicate"], e["record"] or ""))
    return out


def path(store, source: str, target: str, *, max_paths: int = 5, via_documents: bool = False) -> list[dict[str, Any]]:
    """Up to ``max_paths`` shortest paths from ``source`` to ``target`` (CURIEs), each a list of
    steps ``{"from", "to", "edges": [...]}`` where every edge says what links the two and why.

    Documents are left out of the search unless ``via_documents`` (their claims stay on the
    edges they describe). An empty list means the two are not connected.
    """
    import networkx as nx

    from kg.query.stored import run

    names = {r["n"]: (r["t"].rsplit("#", 1)[-1], r["name"]) for r in run(store, "names")}
    g = _graph(store)
    if not via_documents:
        g.remove_nodes_from([n for n in list(g) if names.get(n, ("",))[0] == "Document"])
    if source not in g or target not in g:
        return []
    try:
        paths = list(islice(nx.all_shortest_paths(g, source, target), max_paths))
    except nx.NetworkXNoPath:
        return []

    def node(n: str) -> dict[str, str]:
        t, name = names.get(n, ("", n))
        return {"id": n, "type": t, "name": name}

    return [{"length": len(p) - 1, "nodes": [node(n) for n in p],
             "steps": [{"from": node(a), "to": node(b), "edges": _hop(store, a, b)} for a, b in zip(p, p[1:])]}
            for p in paths]


__all__ = ["path", "LABELS"]
