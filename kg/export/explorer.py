"""What the explorer (``kg viz``) shows, and the parts of it a user can ask for.

:class:`Explorer` holds each node's type and the attributes the page uses (:data:`NODE_ATTRS`)
and each edge's ends, key, predicate and evidence (:data:`EDGE_ATTRS`), nothing else.
:func:`from_store` reads it from the store with two stored queries (``explorer_nodes.rq``,
``explorer_edges.rq``), straight into plain dicts: no rdflib graph and no networkx graph is
built, so memory grows with what the page shows, not with every triple. :func:`from_networkx`
takes the same from a graph built in Python. Nodes are sorted by id and edges by (from, to,
key), so the same graph gives the same page whichever way it was read. :func:`subgraph`
selects a neighbourhood, node types and a minimum evidence level.

>>> x = Explorer({"HGNC:1": {"type": "Target", "name": "PD-L1"}, "X:1": {"type": "Drug", "name": "x"}},
...              [("X:1", "HGNC:1", "kg:binds", {"predicate": "kg:binds", "level": "phase 3"})])
>>> sorted(subgraph(x, focus="PD-L1").nodes), subgraph(x, types=["Drug"]).number_of_edges()
(['HGNC:1', 'X:1'], 0)
"""
from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from typing import Any, Iterable

from kg.schema.vocab import LEVELS, NODE_TYPES

#: Node attributes the page uses (besides ``type``).
NODE_ATTRS = ("name", "synonyms", "xrefs", "sources", "level", "status")
#: Edge attributes the page uses (besides ``predicate``).
EDGE_ATTRS = ("level", "direction", "status", "statement", "endpoint", "measure", "value", "ci_low", "ci_high",
              "sources")
LEVEL_RANK = {lv: i for i, lv in enumerate(LEVELS)}

Edge = tuple[str, str, str, dict[str, Any]]


@dataclass
class Explorer:
    """Nodes (id -> attributes, ``type`` among them) and edges ``(from, to, key, attributes)``,
    ``predicate`` among the attributes."""

    nodes: dict[str, dict[str, Any]] = field(default_factory=dict)
    edges: list[Edge] = field(default_factory=list)

    def number_of_nodes(self) -> int:
        return len(self.nodes)

    def number_of_edges(self) -> int:
        return len(self.edges)

    def sorted(self) -> "Explorer":
        """The same graph in canonical order (nodes by id, edges by from, to and key)."""
        return Explorer(dict(sorted(self.nodes.items())), sorted(self.edges, key=lambda e: e[:3]))


def from_store(store) -> Explorer:
    """The explorer's data for the whole graph of ``store``, from two stored queries."""
    from kg.query.stored import records

    nodes: dict[str, dict[str, Any]] = {}
    for n, a in records(store, "explorer_nodes", key="n").items():
        attrs = {"type": a.pop("_t").rsplit("#", 1)[-1]}
        attrs.update((k, a[k]) for k in NODE_ATTRS if k in a)
        nodes[n] = attrs
    edges: list[Edge] = []
    for a in records(store, "explorer_edges", key="a").values():
        attrs = {"predicate": "kg:" + a["_pred"].rsplit("#", 1)[-1]}
        attrs.update((k, a[k]) for k in EDGE_ATTRS if k in a)
        edges.append((a["_s"], a["_obj"], a["edge_key"], attrs))
    for u, v, *_ in edges:  # an edge to a node no partition typed (the page shows its id)
        for end in (u, v):
            if end not in nodes:
                nodes[end] = {}
    return Explorer(nodes, edges).sorted()


def from_networkx(graph) -> Explorer:
    """The explorer's data for a networkx ``MultiDiGraph`` as :mod:`kg.graph.networkx_graph` builds it.

    >>> import networkx as nx
    >>> g = nx.MultiDiGraph(); g.add_node("A", type="Drug", name="a", kind="antibody")
    >>> from_networkx(g).nodes
    {'A': {'type': 'Drug', 'name': 'a'}}
    """
    nodes = {n: {k: d[k] for k in ("type",) + NODE_ATTRS if k in d} for n, d in graph.nodes(data=True)}
    edges = [(u, v, str(k), {k2: d[k2] for k2 in ("predicate",) + EDGE_ATTRS if k2 in d})
             for u, v, k, d in graph.edges(keys=True, data=True)]
    return Explorer(nodes, edges).sorted()


def level_rank(level: str | None) -> int:
    """Position of an evidence level (-1 for none or an unknown one)."""
    return LEVEL_RANK.get(level, -1) if level else -1


def resolve_node(graph: Explorer, ref: str) -> str:
    """A node id from an id, a name or a synonym (case-insensitive); ValueError if none or several.

    >>> resolve_node(Explorer({"A": {"name": "Alpha", "synonyms": ["a1"]}}), "A1")
    'A'
    """
    if ref in graph.nodes:
        return ref
    key = ref.casefold()
    hits = [n for n, d in graph.nodes.items()
            if key in {str(s).casefold() for s in [d.get("name", "")] + list(d.get("synonyms", ()))}]
    if len(hits) != 1:
        raise ValueError(f"{'no' if not hits else 'several'} nodes named {ref!r}" +
                         (f": {', '.join(sorted(hits)[:5])}" if hits else ""))
    return hits[0]


def _neighbourhood(graph: Explorer, root: str, depth: int) -> set[str]:
    near: dict[str, list[str]] = {}
    for u, v, *_ in graph.edges:
        near.setdefault(u, []).append(v)
        near.setdefault(v, []).append(u)
    seen, queue = {root: 0}, deque([root])
    while queue:
        n = queue.popleft()
        if seen[n] >= depth:
            continue
        for m in near.get(n, ()):
            if m not in seen:
                seen[m] = seen[n] + 1
                queue.append(m)
    return set(seen)


def subgraph(graph: Explorer, focus: str | None = None, depth: int | None = None,
             types: Iterable[str] | None = None, min_level: str | None = None) -> Explorer:
    """Select part of the graph (a new :class:`Explorer`): the ``depth``-neighbourhood of ``focus``
    (an id, name or synonym; edges are followed both ways; ``depth`` defaults to 1), the nodes
    of ``types``, and evidence of at least ``min_level``: edges whose level is lower are
    dropped, so are nodes whose own level is lower (trials of an earlier phase); a node is then
    kept only while it still has an edge, or is the focus.

    >>> x = Explorer({"D": {"type": "Drug"}, "I": {"type": "Indication"}},
    ...              [("D", "I", "k", {"predicate": "kg:clinicalEvidenceFor", "level": "phase 2"})])
    >>> list(subgraph(x, min_level="phase 3").nodes), sorted(subgraph(x, types=["Drug"]).nodes)
    ([], ['D'])
    """
    nodes = set(graph.nodes)
    root = None
    if focus is not None:
        root = resolve_node(graph, focus)
        nodes = _neighbourhood(graph, root, 1 if depth is None else int(depth))
    if types:
        types = set(types)
        unknown = types - set(NODE_TYPES)
        if unknown:
            raise ValueError(f"unknown node types {sorted(unknown)}; known: {', '.join(NODE_TYPES)}")
        nodes = {n for n in nodes if graph.nodes[n].get("type") in types or n == root}
    edges = [e for e in graph.edges if e[0] in nodes and e[1] in nodes]
    if min_level is not None:
        if min_level not in LEVEL_RANK:
            raise ValueError(f"unknown level {min_level!r}; known: {', '.join(LEVELS)}")
        floor = LEVEL_RANK[min_level]
        nodes -= {n for n in nodes if 0 <= level_rank(graph.nodes[n].get("level")) < floor and n != root}
        edges = [e for e in edges if e[0] in nodes and e[1] in nodes and not 0 <= level_rank(e[3].get("level")) < floor]
        linked = {n for e in edges for n in e[:2]}
        nodes = {n for n in nodes if n in linked or n == root}
    return Explorer({n: d for n, d in graph.nodes.items() if n in nodes}, edges)


__all__ = ["Explorer", "from_store", "from_networkx", "subgraph", "resolve_node", "level_rank",
           "NODE_ATTRS", "EDGE_ATTRS"]
