"""The store's graph as a networkx ``MultiDiGraph``, read by stored queries (no rdflib graph on
the way): the graph :func:`kg.graph.networkx_graph.build_graph` builds, for every partition at
once, as :func:`kg.graph.rdf.rdf_to_graph` would read it back from RDF. Nodes are keyed by
CURIE with ``type``, ``name`` and their attributes; edges by their key, with ``predicate``
and their evidence. For notebooks (``kg.open().to_networkx()``); the whole graph is in memory.

>>> import tempfile, os
>>> from kg.store.write import write_store
>>> from kg.store.local import open_store
>>> nt = (b'<https://w3id.org/oncokg/id/x> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> '
...       b'<https://w3id.org/oncokg/ontology#Drug> .\\n'
...       b'<https://w3id.org/oncokg/id/x> <https://w3id.org/oncokg/ontology#name> "x" .\\n')
>>> path = os.path.join(tempfile.mkdtemp(), "store")
>>> write_store(path, {"curated": (nt, b"")}, {"partitions": {"curated": {}}})
>>> store_networkx(open_store(path)).nodes["KG:x"]
{'type': 'Drug', 'name': 'x'}
"""
from __future__ import annotations


def store_networkx(store):
    """Every node and edge of ``store`` (a :class:`~kg.store.local.LocalStore`) in a new
    networkx ``MultiDiGraph``."""
    import networkx as nx

    from kg.query.stored import records, run
    from kg.schema.ids import KG_ONTOLOGY
    from kg.schema.vocab import PREDICATES, add_attr, attr_of

    edge_attrs = {attr_of(p.split(":", 1)[1]) for p in PREDICATES.values()}  # the edges, not attributes

    nodes = records(store, "graph_nodes", key="n")
    edges = records(store, "graph_edges", key="a")
    for r in run(store, "graph_entries"):
        holder = nodes.get(r["x"]) or edges.get(r["x"])
        if holder is not None and r["p"].startswith(KG_ONTOLOGY):
            add_attr(holder, r["p"][len(KG_ONTOLOGY):], None, entry=(r["k"], r["v"]))
    g = nx.MultiDiGraph()
    for n, a in nodes.items():
        kind = a.pop("_t").rsplit("#", 1)[-1]
        g.add_node(n, type=kind, **{k: v for k, v in a.items() if k not in edge_attrs})
    for a in edges.values():
        u, v, pred, key = a.pop("_s"), a.pop("_obj"), a.pop("_pred"), a.pop("edge_key")
        g.add_edge(u, v, key=key, predicate="kg:" + pred.rsplit("#", 1)[-1], **a)
    return g


__all__ = ["store_networkx"]
