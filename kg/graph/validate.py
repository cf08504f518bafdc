"""``kg validate``: the loader's checks, then the SHACL shapes over the graph's RDF.

>>> from kg.graph.validate import shapes_path
>>> shapes_path().name
'shapes.ttl'
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any

SH = "http://www.w3.org/ns/shacl#"


def ontology_dir() -> Path:
    """Where ``kg.ttl`` and ``shapes.ttl`` are: ``$KG_ONTOLOGY_DIR``, the source tree, the
    installed copy (``<prefix>/share/oncokg/ontology``), or ``./ontology``."""
    import sys

    env = os.environ.get("KG_ONTOLOGY_DIR")
    for cand in ([Path(env)] if env else []) + [Path(__file__).resolve().parents[2] / "ontology",
                                                 Path(sys.prefix) / "share" / "oncokg" / "ontology",
                                                 Path.cwd() / "ontology"]:
        if (cand / "shapes.ttl").exists():
            return cand
    from kg.errors import KGError

    raise KGError("ontology/ not found: run from the project folder or set KG_ONTOLOGY_DIR")


def shapes_path() -> Path:
    return ontology_dir() / "shapes.ttl"


def partition_report(graph) -> dict[str, Any]:
    """SHACL over one partition's graph (networkx, see :func:`kg.graph.networkx_graph.build_graph`):
    its own nodes and edges, with the nodes of other partitions present by their type only; a
    violation about such a node is its own partition's business and is left out here."""
    from kg.schema.ids import curie_to_iri, iri_to_curie

    report = shacl_report(shacl_data(graph))
    foreign = {iri_to_curie(curie_to_iri(n)) for n, f in graph.nodes(data="foreign") if f}
    report["violations"] = [v for v in report["violations"] if v["focus"] not in foreign]
    report["conforms"] = not any(v["severity"] == "Violation" for v in report["violations"])
    return report


def shacl_report(data_graph) -> dict[str, Any]:
    """Run the SHACL shapes over an rdflib graph (the shapes name exact classes: no inference).

    The graph is validated in place (pySHACL would otherwise copy it first: a third of the time
    at 500k triples); pass :func:`shacl_data` for a large graph.
    Returns ``{"conforms": bool, "violations": [{"focus", "path", "message", "severity"}]}``.
    """
    import pyshacl

    from kg.errors import KGError

    from kg.schema.ids import iri_to_curie

    conforms, results, text = pyshacl.validate(data_graph, shacl_graph=_shapes(), inference="none",
                                               advanced=True, allow_warnings=True, inplace=True)
    if not hasattr(results, "subjects"):  # pySHACL reports a broken shapes graph this way
        raise KGError(f"the SHACL shapes could not be applied: {text}")
    out = []
    from rdflib import Namespace
    sh = Namespace(SH)
    for r in results.subjects(predicate=None, object=sh.ValidationResult):
        def val(p):
            v = results.value(r, sh[p])
            return None if v is None else iri_to_curie(str(v))
        out.append({"focus": val("focusNode"), "path": val("resultPath"), "message": val("resultMessage"),
                    "severity": (val("resultSeverity") or "").rsplit("#", 1)[-1]})
    out.sort(key=lambda x: (x["focus"] or "", x["path"] or ""))
    return {"conforms": bool(conforms), "violations": out}


def _shapes():
    from rdflib import Graph

    return Graph().parse(shapes_path())


def shape_predicates(shapes=None) -> set[str]:
    """IRIs of every property the shapes read: their ``sh:path`` values, the IRIs and ``kg:``
    names in their SPARQL, ``rdf:type`` and the graph's edge predicates (the plain triples).

    >>> "https://w3id.org/oncokg/ontology#withdrawalDate" in shape_predicates()
    True
    """
    import re

    from rdflib import RDF, Literal, URIRef

    from kg.schema.ids import KG_ONTOLOGY
    from kg.schema.vocab import PREDICATES

    shapes = shapes if shapes is not None else _shapes()
    out = {str(RDF.type)} | {KG_ONTOLOGY + p.split(":", 1)[1] for p in PREDICATES.values()}
    for s, p, o in shapes:
        if str(p) == SH + "path" and isinstance(o, URIRef):
            out.add(str(o))
        if isinstance(o, Literal) and str(p) == SH + "select":
            out.update(KG_ONTOLOGY + m for m in re.findall(r"\bkg:(\w+)", str(o)))
            out.update(re.findall(r"<(https?://[^>\s]+)>", str(o)))
    return out


def shacl_data(graph):
    """An rdflib graph of only the triples of the knowledge graph (networkx) that the shapes
    read (see :func:`shape_predicates`): about half of them, and the half pySHACL is slow on
    (provenance entries, statements) left out."""
    from rdflib import RDF, Graph, URIRef

    from kg.schema.ids import KG_ONTOLOGY, curie_to_iri
    from kg.graph.rdf import iter_triples

    keep = {URIRef(p) for p in shape_predicates()}
    entry, agent = URIRef(KG_ONTOLOGY + "Entry"), URIRef(KG_ONTOLOGY + "agentType")
    trials = {URIRef(curie_to_iri(n)) for n, t in graph.nodes(data="type") if t == "Trial"}
    out = Graph()
    for n, data in graph.nodes(data=True):  # nodes of other partitions: only their type, for sh:class checks
        if data.get("foreign"):
            out.add((URIRef(curie_to_iri(n)), RDF.type, URIRef(KG_ONTOLOGY + data["type"])))
    for t in iter_triples(graph):
        p = t[1]
        if p not in keep or (p == RDF.type and t[2] == entry) or (p == agent and t[0] not in trials):
            continue  # provenance entries are targeted by no shape; only the curated-trial one reads agents
        out.add(t)
    return out


def validate(data_dir: str | Path) -> dict[str, Any]:
    """Check the curated data (raises :class:`~kg.errors.DataErrors`), then run SHACL."""
    from kg.graph.networkx_graph import build_graph
    from kg.graph.rdf import ntriples
    from kg.sources.curated import load_dataset

    dataset = load_dataset(data_dir)
    graph = build_graph(dataset)
    report = shacl_report(shacl_data(graph))
    report["records"] = sum(len(v) for v in dataset.records.values())
    report["triples"] = ntriples(graph)[1]
    return report


def format_violations(violations: list[dict[str, Any]]) -> str:
    r"""Readable lines, one per SHACL violation.

    >>> format_violations([{"focus": "HGNC:1", "path": "kg:symbol", "message": "missing", "severity": "Violation"}])
    '1 SHACL violation:\n  HGNC:1 kg:symbol: missing'
    """
    n = len(violations)
    lines = [f"{n} SHACL violation{'s' if n != 1 else ''}:"]
    for v in violations:
        path = (v["path"] or "").replace("https://w3id.org/oncokg/ontology#", "kg:")
        lines.append(f"  {v['focus']} {path}: {v['message']}")
    return "\n".join(lines)
