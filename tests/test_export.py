"""Every export format parses back, with an independent parser (Oxigraph), to the store's triples."""
from __future__ import annotations

import pyoxigraph as ox
import pytest

from kg.export.rdf import FORMATS, export

OX = {"ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "jsonld": ox.RdfFormat.JSON_LD,
      "xml": ox.RdfFormat.RDF_XML, "trig": ox.RdfFormat.TRIG}


def _store_triples(store):
    return {(q.subject, q.predicate, q.object) for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph())}


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_export_parses_back_identically(store, tmp_path, fmt):
    path = export(store, fmt, tmp_path / f"kg{FORMATS[fmt].suffix}")
    parsed = {(q.subject, q.predicate, q.object) for q in ox.parse(path=str(path), format=OX[fmt])}
    expected = _store_triples(store)
    assert len(expected) > 5000
    assert parsed == expected


def test_build_writes_turtle_that_matches_the_store(built, store):
    parsed = {(q.subject, q.predicate, q.object)
              for q in ox.parse(path=str(built["exports"] / "kg.ttl"), format=ox.RdfFormat.TURTLE)}
    assert parsed == _store_triples(store)


def test_lookup_index_is_not_exported(store, tmp_path):
    path = export(store, "nt", tmp_path / "kg.nt")
    assert "lookupKey" not in path.read_text()
