"""``kg build``: curated data -> model -> graph -> RDF -> store and exports.

>>> import inspect; "load_dataset" in inspect.getsource(build)
True
"""
from __future__ import annotations

import datetime as _dt
import hashlib
from collections import Counter
from pathlib import Path
from typing import Any

from kg.fsutil import atomic_write


def data_digest(data_dir: Path) -> str:
    """SHA-256 over the curated files' paths (below ``data_dir``) and contents: what the store was
    built from."""
    h = hashlib.sha256()
    for f in sorted(Path(data_dir).rglob("*.yaml")):
        h.update(f.relative_to(data_dir).as_posix().encode() + b"\0" + f.read_bytes() + b"\0")
    return h.hexdigest()


def build(data_dir: str | Path, store: str | Path, exports_dir: str | Path | None = None,
          extra: list | None = None) -> dict[str, Any]:
    """Check every record, then write the store (and ``kg.ttl`` into ``exports_dir``).

    The records are the curated files in ``data_dir`` and the store's layers (what ``kg ingest``
    and ``kg import`` added; ``extra`` gives them instead, see :mod:`kg.sources.layers`). Nothing is
    written unless all of the data passes the loader's checks and the SHACL shapes. Returns the
    build statistics.
    """
    from kg.sources.layers import load_layers

    from kg.graph.networkx_graph import build_graph
    from kg.query.lookup import cards_ntriples, index_ntriples
    from kg.graph.rdf import ntriples, turtle
    from kg.sources.curated import load_dataset
    from kg.errors import ValidationError
    from kg.store.local import write_store
    from kg.graph.validate import format_violations, shacl_data, shacl_report

    if extra is None:
        extra = load_layers(store)
    dataset = load_dataset(data_dir, extra)
    graph = build_graph(dataset)
    report = shacl_report(shacl_data(graph))
    if not report["conforms"]:
        raise ValidationError(format_violations(report["violations"]))
    nt, n_triples = ntriples(graph)
    stats = {
        "built_at": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
        "data_dir": str(Path(data_dir).resolve()), "data_sha256": data_digest(Path(data_dir)),
        "layers": [Path(label).name for label, _ in extra],
        "nodes": graph.number_of_nodes(), "edges": graph.number_of_edges(), "triples": n_triples,
        "nodes_by_type": dict(sorted(Counter(t for _, t in graph.nodes(data="type")).items())),
        "edges_by_predicate": dict(sorted(Counter(p for *_, p in graph.edges(data="predicate")).items())),
        "records": {k: len(v) for k, v in dataset.records.items()},
    }
    ttl = turtle(nt) if exports_dir else None
    write_store(store, nt, stats, index_ntriples(graph) + cards_ntriples(graph))
    if exports_dir:
        atomic_write(Path(exports_dir) / "kg.ttl", ttl)
    return stats
