"""Export the store's graph as Turtle, N-Triples, JSON-LD, RDF/XML or TriG.

The triples are read from the store (what ``kg build`` wrote) and serialised with rdflib;
the file is written to a temporary name and renamed, so a failed export leaves nothing behind.

>>> FORMATS["jsonld"].suffix
'.jsonld'
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Format:
    rdflib_name: str
    suffix: str
    media_type: str


FORMATS: dict[str, Format] = {
    "ttl": Format("turtle", ".ttl", "text/turtle"),
    "nt": Format("nt", ".nt", "application/n-triples"),
    "jsonld": Format("json-ld", ".jsonld", "application/ld+json"),
    "xml": Format("pretty-xml", ".rdf", "application/rdf+xml"),
    "trig": Format("trig", ".trig", "application/trig"),
}


def store_graph(store):
    """The store's default graph (the data, without the lookup index) as an rdflib Graph."""
    import pyoxigraph as ox
    from rdflib import Graph

    from kg.graph.rdf import bind_prefixes

    data = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
    return bind_prefixes(Graph()).parse(data=data.decode("utf-8"), format="nt")


def serialize(graph, fmt: str) -> bytes:
    """Serialise an rdflib graph in one of :data:`FORMATS` (``ttl``, ``nt``, ...)."""
    from kg.errors import KGError

    if fmt not in FORMATS:
        raise KGError(f"unknown export format {fmt!r}: choose one of {', '.join(FORMATS)}")
    if fmt == "trig":
        from rdflib import Dataset

        from kg.graph.rdf import bind_prefixes

        ds = bind_prefixes(Dataset())
        named = ds.graph("urn:kg:data")
        for t in graph:
            named.add(t)
        return ds.serialize(format="trig", encoding="utf-8")
    if fmt == "jsonld":
        from kg.schema.ids import PREFIXES, VOCAB_PREFIXES

        context = {("kgid" if p == "KG" else p): ns for p, ns in {**VOCAB_PREFIXES, **PREFIXES}.items()}
        return graph.serialize(format="json-ld", context=context, encoding="utf-8")
    return graph.serialize(format=FORMATS[fmt].rdflib_name, encoding="utf-8")


def export(store, fmt: str, output: str | Path) -> Path:
    """Write the graph in ``fmt`` to ``output`` atomically; return the path written."""
    from kg.fsutil import atomic_write

    data = serialize(store_graph(store), fmt)
    atomic_write(output, data)
    return Path(output)
