"""``kg validate``: the loader's checks, then the SHACL shapes over the graph's RDF.

>>> from kg.validate import shapes_path
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
    for cand in ([Path(env)] if env else []) + [Path(__file__).resolve().parent.parent / "ontology",
                                                 Path(sys.prefix) / "share" / "oncokg" / "ontology",
                                                 Path.cwd() / "ontology"]:
        if (cand / "shapes.ttl").exists():
            return cand
    from kg.errors import KGError

    raise KGError("ontology/ not found: run from the project folder or set KG_ONTOLOGY_DIR")


def shapes_path() -> Path:
    return ontology_dir() / "shapes.ttl"


def shacl_report(data_graph) -> dict[str, Any]:
    """Run the SHACL shapes over an rdflib graph (the shapes name exact classes: no inference).

    Returns ``{"conforms": bool, "violations": [{"focus", "path", "message", "severity"}]}``.
    """
    import pyshacl
    from rdflib import Graph

    from kg.errors import KGError

    from kg.ids import iri_to_curie

    shapes = Graph().parse(shapes_path())
    conforms, results, text = pyshacl.validate(data_graph, shacl_graph=shapes, inference="none",
                                               advanced=True, allow_warnings=True)
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


def validate(data_dir: str | Path) -> dict[str, Any]:
    """Check the curated data (raises :class:`~kg.errors.DataErrors`), then run SHACL."""
    from kg.graph import build_graph
    from kg.rdf import graph_to_rdf
    from kg.sources.curated import load_dataset

    dataset = load_dataset(data_dir)
    rdf = graph_to_rdf(build_graph(dataset))
    report = shacl_report(rdf)
    report["records"] = sum(len(v) for v in dataset.records.values())
    report["triples"] = len(rdf)
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
