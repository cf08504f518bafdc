"""The W3C SPARQL 1.1 Protocol tests (tests/serve/w3c_protocol, copied from w3c/rdf-tests) run
against ``kg serve``: every request of every test as the manifest writes it, each answer
checked for its status class, its format (boolean, tabular, RDF, parsed by Oxigraph) and its
boolean. Tests that expect an update to succeed do not apply to a read-only endpoint."""
from __future__ import annotations

import http.client
import json
import threading
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.serve.http import Settings, make_server

HERE = Path(__file__).parent / "w3c_protocol"
MANIFEST = HERE / "manifest.ttl"
BASE = "http://www.w3.org/2009/sparql/docs/tests/data-sparql11/protocol/"
PREFIXES = """PREFIX mf: <http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#>
PREFIX ht: <http://www.w3.org/2011/http#>
PREFIX cnt: <http://www.w3.org/2011/content#>
PREFIX ut: <http://www.w3.org/2009/sparql/tests/test-update#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""
#: The graph some tests name as their default graph without giving data for it (served empty).
EMPTY_GRAPH = "http://kasei.us/2009/09/sparql/data/data0.rdf"
BOOLEAN_TYPES = {"application/sparql-results+json": ox.QueryResultsFormat.JSON,
                 "application/sparql-results+xml": ox.QueryResultsFormat.XML}
TABULAR_TYPES = {**BOOLEAN_TYPES, "text/csv": ox.QueryResultsFormat.CSV,
                 "text/tab-separated-values": ox.QueryResultsFormat.TSV}
RDF_TYPES = {"text/turtle": ox.RdfFormat.TURTLE, "application/n-triples": ox.RdfFormat.N_TRIPLES,
             "application/rdf+xml": ox.RdfFormat.RDF_XML, "application/ld+json": ox.RdfFormat.JSON_LD}


def _manifest() -> ox.Store:
    st = ox.Store()
    st.load(MANIFEST.read_bytes(), format=ox.RdfFormat.TURTLE, base_iri=BASE + "manifest.ttl")
    return st


def _list(st: ox.Store, head) -> list:
    items = []
    nil = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#nil")
    first = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#first")
    rest = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#rest")
    while head != nil:
        items.append(next(st.quads_for_pattern(head, first, None)).object)
        head = next(st.quads_for_pattern(head, rest, None)).object
    return items


def _one(st: ox.Store, subject, prop: str):
    return next((q.object for q in st.quads_for_pattern(subject, ox.NamedNode(prop), None)), None)


def load_tests() -> list[dict]:
    """Every test of the manifest, in its order: name, requests, graphs."""
    st = _manifest()
    mf, ht, cnt = ("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#", "http://www.w3.org/2011/http#",
                   "http://www.w3.org/2011/content#")
    entries = _list(st, _one(st, ox.NamedNode(BASE + "manifest.ttl"), mf + "entries"))
    tests = []
    for entry in entries:
        graphs = {row["label"].value: Path(row["file"].value).name for row in st.query(
            PREFIXES + "SELECT ?t ?file ?label WHERE { ?t ut:graphData [ ut:graph ?file ; rdfs:label ?label ] }",
            substitutions={ox.Variable("t"): entry})}
        requests = []
        action = _one(st, entry, mf + "action")
        for req in _list(st, _one(st, action, ht + "requests")):
            body = _one(st, req, ht + "body")
            headers = {}
            header_list = _one(st, req, ht + "headers")
            for h in _list(st, header_list) if header_list is not None else []:
                headers[_one(st, h, ht + "fieldName").value] = _one(st, h, ht + "fieldValue").value
            resp = _one(st, req, ht + "resp")
            statuses = {q.object.value.rsplit("StatusCode", 1)[1] for q in
                        st.quads_for_pattern(resp, ox.NamedNode(mf + "expectedStatus"), None)}
            boolean = _one(st, resp, mf + "expectedBoolean")
            fmt = _one(st, resp, mf + "expectedFormat")
            requests.append({
                "method": _one(st, req, ht + "methodName").value, "path": _one(st, req, ht + "absolutePath").value,
                "body": None if body is None else (_one(st, body, cnt + "chars").value,
                                                   _one(st, body, cnt + "characterEncoding").value),
                "headers": headers, "statuses": statuses, "format": None if fmt is None else fmt.value,
                "boolean": None if boolean is None else boolean.value == "true"})
        tests.append({"name": entry.value.rsplit("#", 1)[1], "graphs": graphs, "requests": requests})
    return tests


def is_update(req: dict) -> bool:
    body = req["body"][0] if req["body"] else ""
    return (req["headers"].get("content-type", "").startswith("application/sparql-update")
            or body.startswith("update=") or "?update=" in req["path"])


def read_only_applies(test: dict) -> bool:
    """False for tests that need an update to succeed (a read-only endpoint refuses every update)."""
    return not any(is_update(r) and r["statuses"] & {"2xx", "3xx"} for r in test["requests"])


TESTS = load_tests()


def test_the_manifest_is_read_whole():
    assert len(TESTS) == 34
    applicable = [t["name"] for t in TESTS if read_only_applies(t)]
    assert len(applicable) == 27 and all(not t["name"].startswith("update_") for t in TESTS if t["name"] in applicable)


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory):
    """kg serve over a store holding the manifest's graphs as named graphs (and data0.rdf, empty)."""
    from kg.store.local import DATA_DIR, INDEX_DIR, META_FILE, STORE_FORMAT

    path = tmp_path_factory.mktemp("w3c") / "store"
    path.mkdir()
    ox.Store(str(path / INDEX_DIR)).flush()
    st = ox.Store(str(path / DATA_DIR))
    st.add_graph(ox.NamedNode(EMPTY_GRAPH))
    for test in TESTS:
        for label, name in test["graphs"].items():
            st.load((HERE / name).read_bytes(), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(label))
    st.flush()
    del st
    (path / META_FILE).write_text(json.dumps({"store_format": STORE_FORMAT, "generation": 1, "triples": 0}))
    srv = make_server(Settings(str(path), timeout=10.0, workers=2), port=0)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield srv.server_address[1]
    srv.shutdown()
    srv.server_close()


def check(resp: http.client.HTTPResponse, body: bytes, want: dict) -> None:
    assert f"{resp.status // 100}xx" in want["statuses"], (resp.status, body[:300])
    ctype = (resp.getheader("Content-Type") or "").split(";")[0].strip()
    if want["format"] == "boolean":
        assert ctype in BOOLEAN_TYPES, ctype
        got = ox.parse_query_results(body, format=BOOLEAN_TYPES[ctype])
        assert isinstance(got, ox.QueryBoolean), body
        if want["boolean"] is not None:
            assert bool(got) is want["boolean"], body
    elif want["format"] == "tabular":
        assert ctype in TABULAR_TYPES, ctype
        assert isinstance(ox.parse_query_results(body, format=TABULAR_TYPES[ctype]), ox.QuerySolutions)
    elif want["format"] == "RDF":
        assert ctype in RDF_TYPES, ctype
        list(ox.parse(body, format=RDF_TYPES[ctype]))


@pytest.mark.parametrize("test", TESTS, ids=[t["name"] for t in TESTS])
def test_w3c_protocol(endpoint, test):
    if not read_only_applies(test):
        pytest.skip("needs an update to succeed; kg serve is a read-only endpoint (updates get 403)")
    for req in test["requests"]:
        conn = http.client.HTTPConnection("127.0.0.1", endpoint, timeout=30)
        path = "/sparql" + req["path"][len("/sparql/"):] if req["path"].startswith("/sparql/") else req["path"]
        body = None
        if req["body"] is not None:
            text, encoding = req["body"]
            body = text.encode(encoding)
        conn.request(req["method"], path, body=body, headers=req["headers"])
        resp = conn.getresponse()
        check(resp, resp.read(), req)
        conn.close()
