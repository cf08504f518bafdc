"""Every export format parses back, with independent parsers (Oxigraph and rdflib), to the
store's triples; N-Quads and TriG keep each partition as a graph; native formats are streamed
(no rdflib), atomic, and leave nothing behind when they fail."""
from __future__ import annotations

import json
import subprocess
import sys

import pyoxigraph as ox
import pytest

from kg.errors import QueryError
from kg.export.rdf import FORMATS, NATIVE, export, store_graph, write
from kg.store.local import open_store

OX = {"ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "nq": ox.RdfFormat.N_QUADS,
      "jsonld": ox.RdfFormat.JSON_LD, "xml": ox.RdfFormat.RDF_XML, "trig": ox.RdfFormat.TRIG}
RDFLIB = {"ttl": "turtle", "nt": "nt", "nq": "nquads", "trig": "trig"}
LAYER = ox.NamedNode("urn:kg:layer:drugs-x")
DRUG = ox.NamedNode("https://w3id.org/oncokg/id/drug-novelimab")


def _quads(store) -> set:
    return set(store.data.quads_for_pattern(None, None, None, None))


def _triples(store) -> set:
    return {(q.subject, q.predicate, q.object) for q in _quads(store)}


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_export_parses_back_identically(store, tmp_path, fmt):
    path = export(store, fmt, tmp_path / f"kg{FORMATS[fmt].suffix}")
    parsed = {(q.subject, q.predicate, q.object) for q in ox.parse(path=str(path), format=OX[fmt])}
    expected = _triples(store)
    assert len(expected) > 5000
    assert parsed == expected


@pytest.mark.parametrize("fmt", NATIVE)
def test_native_exports_of_two_partitions_parse_back_with_rdflib(layered, tmp_path, fmt):
    """Oxigraph wrote them; rdflib, another parser, reads every triple of both partitions."""
    from rdflib import Dataset

    st = open_store(layered)
    path = export(st, fmt, tmp_path / f"kg{FORMATS[fmt].suffix}")
    ds = Dataset()
    ds.parse(str(path), format=RDFLIB[fmt])
    got = {(str(s), str(p), str(o)) for s, p, o, _ in ds.quads((None, None, None, None))}
    want = {(q.subject.value, q.predicate.value, q.object.value) for q in _quads(st)}
    assert ("https://w3id.org/oncokg/id/drug-novelimab", "https://w3id.org/oncokg/ontology#name", "novelimab") in want
    assert got == want


@pytest.mark.parametrize("fmt", ["nq", "trig"])
def test_quads_keep_the_partition_each_triple_came_from(layered, tmp_path, fmt):
    st = open_store(layered)
    path = export(st, fmt, tmp_path / f"kg{FORMATS[fmt].suffix}")
    parsed = set(ox.parse(path=str(path), format=OX[fmt]))
    assert parsed == _quads(st)
    layer = {q for q in parsed if q.graph_name == LAYER}
    assert any(q.subject == DRUG for q in layer)
    assert not any(q.subject == DRUG for q in parsed if q.graph_name != LAYER)
    curated = {q for q in parsed if isinstance(q.graph_name, ox.DefaultGraph)}
    assert len(curated) > 5000 and len(curated) + len(layer) == len(parsed)


@pytest.mark.parametrize("fmt", ["nt", "ttl", "jsonld"])
def test_triple_formats_hold_every_partition(layered, tmp_path, fmt):
    st = open_store(layered)
    path = export(st, fmt, tmp_path / f"kg{FORMATS[fmt].suffix}")
    parsed = {(q.subject, q.predicate, q.object) for q in ox.parse(path=str(path), format=OX[fmt])}
    assert parsed == _triples(st)
    assert any(t[0] == DRUG for t in parsed)


def test_rdflib_graph_holds_every_partition(layered):
    st = open_store(layered)
    g = store_graph(st)
    assert len(g) == len(_triples(st))
    assert g.namespace_manager.store.namespace("kgid") is not None


def test_build_writes_turtle_that_matches_the_store(built, store):
    parsed = {(q.subject, q.predicate, q.object)
              for q in ox.parse(path=str(built["exports"] / "kg.ttl"), format=ox.RdfFormat.TURTLE)}
    assert parsed == _triples(store)
    head = (built["exports"] / "kg.ttl").read_text(encoding="utf-8")[:4000]
    assert "@prefix kg: <https://w3id.org/oncokg/ontology#>" in head and "kgid:" in head


def test_lookup_index_is_not_exported(layered, tmp_path):
    for fmt in ("nt", "nq"):
        path = export(open_store(layered), fmt, tmp_path / f"kg.{fmt}")
        assert "lookupKey" not in path.read_text() and "urn:kg:index" not in path.read_text()


def test_a_failed_export_leaves_the_old_file_and_no_temporary(store, tmp_path, monkeypatch):
    target = tmp_path / "kg.nt"
    target.write_bytes(b"previous\n")

    class Broken:
        def dump(self, out, *a, **kw):
            out.write(b"<http://half")
            raise OSError("disk full")

    class Half:
        data, partitions = Broken(), store.partitions

    with pytest.raises(OSError, match="disk full"):
        export(Half(), "nt", target)
    assert target.read_bytes() == b"previous\n"
    assert [p.name for p in tmp_path.iterdir()] == ["kg.nt"]


def test_unknown_format_is_refused(store, tmp_path):
    with pytest.raises(QueryError, match="unknown export format 'pdf'"):
        export(store, "pdf", tmp_path / "kg.pdf")
    assert not list(tmp_path.iterdir())


def test_native_exports_import_no_rdflib(built, tmp_path):
    """N-Triples, N-Quads, Turtle and TriG come from Oxigraph alone: rdflib is never imported."""
    code = ("import sys, json\nfrom kg.cli import main\n"
            "for fmt in %r:\n"
            "    try:\n        main(['export', '--format', fmt, '--output', %r + '/kg.' + fmt, '--store', %r])\n"
            "    except SystemExit as e:\n        assert e.code == 0, e.code\n"
            "print(json.dumps(sorted(m for m in sys.modules)))" % (list(NATIVE), str(tmp_path), str(built["store"])))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    modules = set(json.loads(out.strip().splitlines()[-1]))
    assert not {m for m in modules if m.split(".")[0] in ("rdflib", "networkx")}
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"kg.{f}" for f in NATIVE)


def test_write_streams_into_a_file_object(layered, tmp_path):
    import io

    buf = io.BytesIO()
    write(open_store(layered), "nq", buf)
    lines = buf.getvalue().decode("utf-8").splitlines()
    assert any(line.endswith("<urn:kg:layer:drugs-x> .") for line in lines)
    assert len(lines) == len(_quads(open_store(layered)))
