"""Export the store's graph as N-Triples, N-Quads, Turtle, TriG, JSON-LD or RDF/XML.

N-Triples, N-Quads, Turtle and TriG are written by Oxigraph's own serialisers straight from
the store (:data:`NATIVE`), streamed into the file: memory stays flat whatever the size of
the graph. N-Quads and TriG keep the store's partitions as graphs, so each triple says where it
came from: the curated records' triples in the default graph (N-Quads lines with no fourth
term, TriG triples outside any block), each layer's in ``urn:kg:layer:<name>``. N-Triples and
Turtle hold the union of the partitions (a triple two partitions hold is written once per
partition; readers take it once). JSON-LD (with the project's prefixes as its context) and
RDF/XML go through rdflib, which holds the whole graph in memory: :func:`store_graph` is also
the rdflib ``Graph`` for Python users who want one. Files are written to a temporary name and
renamed, so a failed export leaves nothing behind.

>>> FORMATS["nq"].suffix, FORMATS["nq"].native, FORMATS["jsonld"].native
('.nq', True, False)
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO


@dataclass(frozen=True)
class Format:
    """An export format: file suffix, media type, and how it is written (``native``: by
    Oxigraph from the store, else by rdflib under ``rdflib_name``)."""

    suffix: str
    media_type: str
    native: bool
    rdflib_name: str | None = None


FORMATS: dict[str, Format] = {
    "ttl": Format(".ttl", "text/turtle", True),
    "nt": Format(".nt", "application/n-triples", True),
    "nq": Format(".nq", "application/n-quads", True),
    "trig": Format(".trig", "application/trig", True),
    "jsonld": Format(".jsonld", "application/ld+json", False, "json-ld"),
    "xml": Format(".rdf", "application/rdf+xml", False, "pretty-xml"),
}
#: The formats Oxigraph writes from the store.
NATIVE = tuple(k for k, f in FORMATS.items() if f.native)


def _check(fmt: str) -> Format:
    from kg.errors import QueryError

    if fmt not in FORMATS:
        raise QueryError(f"unknown export format {fmt!r}: choose one of {', '.join(FORMATS)}")
    return FORMATS[fmt]


def prefixes() -> dict[str, str]:
    """The prefixes of Turtle and TriG exports: the vocabulary's and the identifiers' (``kgid``
    for ours), except DOI and PMC, whose local parts would need backslash escapes.

    >>> prefixes()["kgid"], "DOI" in prefixes()
    ('https://w3id.org/oncokg/id/', False)
    """
    from kg.schema.ids import PREFIXES, VOCAB_PREFIXES

    return {("kgid" if p == "KG" else p): ns for p, ns in {**VOCAB_PREFIXES, **PREFIXES}.items()
            if p not in ("DOI", "PMC")}


def _ox_format(fmt: str):
    import pyoxigraph as ox

    return {"ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "nq": ox.RdfFormat.N_QUADS,
            "trig": ox.RdfFormat.TRIG}[fmt]


def write(store, fmt: str, out: BinaryIO) -> None:
    """Stream the graph of ``store`` (a :class:`~kg.store.local.LocalStore`) in ``fmt`` into the
    binary file ``out``.

    >>> import io, tempfile, os
    >>> from kg.store.local import open_store
    >>> from kg.store.write import write_store
    >>> path = os.path.join(tempfile.mkdtemp(), "store")
    >>> write_store(path, {"curated": (b"<http://a> <http://b> <http://c> .\\n", b""),
    ...                    "civic": (b"<http://d> <http://b> <http://c> .\\n", b"")},
    ...             {"partitions": {"curated": {}, "civic": {}}})
    >>> buf = io.BytesIO(); write(open_store(path), "nq", buf)
    >>> print("".join(sorted(buf.getvalue().decode().splitlines(keepends=True))), end="")
    <http://a> <http://b> <http://c> .
    <http://d> <http://b> <http://c> <urn:kg:layer:civic> .
    """
    from kg.store.local import data_graph

    spec = _check(fmt)
    if not spec.native:
        out.write(serialize(store_graph(store), fmt))
        return
    kind = _ox_format(fmt)
    pre = prefixes() if fmt in ("ttl", "trig") else None
    if fmt in ("nq", "trig"):  # the whole dataset: the partitions are its graphs
        store.data.dump(out, kind, prefixes=pre)
        return
    for part in store.partitions():  # Turtle allows its prefixes declared again before each partition
        store.data.dump(out, kind, from_graph=data_graph(part), prefixes=pre)


def export(store, fmt: str, output: str | os.PathLike) -> Path:
    """Write the graph in ``fmt`` to the file ``output`` atomically; return the path written."""
    from kg.fsutil import atomic_file

    _check(fmt)
    with atomic_file(output) as fh:
        write(store, fmt, fh)
    return Path(output)


def store_graph(store):
    """The store's graph (the data of every partition, without the lookup index) as an rdflib
    ``Graph`` with the project's prefixes bound. It holds every triple as Python objects: for
    large graphs prefer :func:`write` or the store's own SPARQL."""
    import pyoxigraph as ox
    from rdflib import Graph

    from kg.graph.rdf import bind_prefixes
    from kg.store.local import data_graph

    graph = bind_prefixes(Graph())
    for part in store.partitions():
        data = store.data.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=data_graph(part))
        graph.parse(data=data.decode("utf-8"), format="nt")
    return graph


def serialize(graph, fmt: str) -> bytes:
    """Serialise an rdflib graph in one of :data:`FORMATS` with rdflib (JSON-LD with the
    project's prefixes as its context)."""
    spec = _check(fmt)
    if fmt == "jsonld":
        from kg.schema.ids import PREFIXES, VOCAB_PREFIXES

        context = {("kgid" if p == "KG" else p): ns for p, ns in {**VOCAB_PREFIXES, **PREFIXES}.items()}
        return graph.serialize(format="json-ld", context=context, encoding="utf-8")
    name = spec.rdflib_name or {"ttl": "turtle", "nt": "nt", "nq": "nquads", "trig": "trig"}[fmt]
    return graph.serialize(format=name, encoding="utf-8")


__all__ = ["FORMATS", "NATIVE", "Format", "write", "export", "store_graph", "serialize", "prefixes"]
