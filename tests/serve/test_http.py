"""kg serve: a stock SPARQL client (SPARQLWrapper) gets the local store's answers in every
format; hostile requests (updates, SERVICE, LOAD, huge results, slow queries) are refused
with protocol errors, and the endpoint keeps answering afterwards."""
from __future__ import annotations

import threading
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pyoxigraph as ox
import pytest

from kg.serve.http import Settings, make_server
from kg.serve.protocol import negotiate

DRUGS = "SELECT ?d ?name WHERE { ?d a kg:Drug ; kg:name ?name } ORDER BY ?name"
FULL_DRUGS = ("PREFIX kg: <https://w3id.org/oncokg/ontology#>\n"
              "SELECT ?d ?name WHERE { ?d a kg:Drug ; kg:name ?name } ORDER BY ?name")
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
HUGE = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }"


@pytest.fixture(scope="module")
def endpoint(built):
    srv = make_server(Settings(str(built["store"]), timeout=2.0, max_bytes=300_000, workers=2), port=0)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{srv.server_address[1]}", srv
    srv.shutdown()
    srv.server_close()


def http(url, *, data=None, headers=None, method=None):
    """(status, headers, body) of one request; HTTP errors are returned, not raised."""
    req = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return resp.status, resp.headers, resp.read()
    except urllib.error.HTTPError as err:
        return err.code, err.headers, err.read()


def get(base, query, accept="*/*"):
    return http(f"{base}/sparql?" + urllib.parse.urlencode({"query": query}), headers={"Accept": accept})


def test_negotiate():
    assert negotiate("application/sparql-results+json", "SELECT") == "json"
    assert negotiate("text/tab-separated-values, text/csv;q=0.9", "SELECT") == "tsv"
    assert negotiate("text/tab-separated-values, text/csv;q=0.9", "ASK") is None  # no boolean form: 406
    assert negotiate("text/csv, */*;q=0.1", "ASK") == "json"
    assert negotiate("application/ld+json", "CONSTRUCT") == "jsonld"
    assert negotiate("text/*", "SELECT") == "csv"
    assert negotiate("application/n-triples;q=1, text/turtle;q=0.5", "DESCRIBE") == "nt"
    assert negotiate("image/png", "SELECT") is None
    assert negotiate(None, "SELECT") == "json"


def test_sparqlwrapper_select_matches_local_store(endpoint, store):
    from SPARQLWrapper import JSON, SPARQLWrapper

    client = SPARQLWrapper(endpoint[0] + "/sparql")
    client.setQuery(FULL_DRUGS)
    client.setReturnFormat(JSON)
    got = client.query().convert()
    rows = [(b["d"]["value"], b["name"]["value"]) for b in got["results"]["bindings"]]
    want = [(s["d"].value, s["name"].value) for s in store.query(FULL_DRUGS)]
    assert rows == want and len(rows) >= 24


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_sparqlwrapper_xml_ask_and_construct(endpoint, store, method):
    from SPARQLWrapper import POST, TURTLE, XML, SPARQLWrapper

    client = SPARQLWrapper(endpoint[0] + "/sparql")
    if method == "POST":
        client.setMethod(POST)
    client.setQuery("ASK { ?d a <https://w3id.org/oncokg/ontology#Drug> }")
    client.setReturnFormat(XML)
    assert client.query().convert().getElementsByTagName("boolean")[0].firstChild.data == "true"
    client.setQuery("CONSTRUCT { ?d <urn:name> ?n } WHERE { ?d a kg:Drug ; kg:name ?n }")
    client.setReturnFormat(TURTLE)
    graph = client.query().convert()
    parsed = list(ox.parse(graph, format=ox.RdfFormat.TURTLE))
    assert len(parsed) == len(list(store.query("SELECT ?d WHERE { ?d a <https://w3id.org/oncokg/ontology#Drug> }"))) >= 24


@pytest.mark.parametrize("accept,fmt", [("application/sparql-results+xml", ox.QueryResultsFormat.XML),
                                        ("text/tab-separated-values", ox.QueryResultsFormat.TSV),
                                        ("application/sparql-results+json", ox.QueryResultsFormat.JSON)])
def test_result_formats_parse_back_to_the_local_answer(endpoint, store, accept, fmt):
    status, headers, body = get(endpoint[0], DRUGS, accept)
    assert status == 200 and headers["Content-Type"].startswith(accept)
    got = [(s["d"].value, s["name"].value) for s in ox.parse_query_results(body, format=fmt)]
    assert got == [(s["d"].value, s["name"].value) for s in store.query(FULL_DRUGS)]


def test_csv_and_three_ways_to_send_a_query(endpoint, built):
    base = endpoint[0]
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    want = str(built["stats"]["triples"])  # the data only: the lookup index is not served
    assert get(base, count, "text/csv")[2].split() == [b"n", want.encode()]
    form = urllib.parse.urlencode({"query": count}).encode()
    s1 = http(base + "/sparql", data=form, headers={"Accept": "text/csv",
                                                   "Content-Type": "application/x-www-form-urlencoded"})
    s2 = http(base + "/sparql", data=count.encode(), headers={"Accept": "text/csv",
                                                             "Content-Type": "application/sparql-query"})
    assert s1[0] == s2[0] == 200 and s1[2] == s2[2] and s1[2].split()[1] == want.encode()


def test_lookup_index_is_not_served(endpoint):
    for q in ("SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }",
              "SELECT * FROM <urn:kg:index> WHERE { ?s kg:lookupKey ?o }",
              "SELECT * FROM NAMED <urn:kg:index> WHERE { GRAPH ?g { ?s ?p ?o } }"):
        status, _, body = get(endpoint[0], q, "text/csv")
        assert status == 200 and len(body.split()) == 1, q  # the header line only
    status, _, body = get(endpoint[0], "SELECT * WHERE { ?s ?p ?o }", "text/csv")
    assert b"lookupKey" not in body
    assert http(endpoint[0] + "/sparql?" + urllib.parse.urlencode(
        {"query": "SELECT * WHERE { ?s ?p ?o }", "default-graph-uri": "urn:kg:index"}))[0] == 400


@pytest.mark.parametrize("request_kwargs", [
    {"data": urllib.parse.urlencode({"update": "DROP ALL"}).encode(),
     "headers": {"Content-Type": "application/x-www-form-urlencoded"}},
    {"data": b"DROP ALL", "headers": {"Content-Type": "application/sparql-update"}},
    {"data": urllib.parse.urlencode({"query": "INSERT DATA { <http://a> <http://b> <http://c> }"}).encode(),
     "headers": {"Content-Type": "application/x-www-form-urlencoded"}},
    {"data": b"LOAD <http://example.org/x.ttl>", "headers": {"Content-Type": "application/sparql-query"}},
    {"data": b"SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
     "headers": {"Content-Type": "application/sparql-query"}},
])
def test_updates_service_load_are_forbidden(endpoint, request_kwargs):
    status, _, body = http(endpoint[0] + "/sparql", **request_kwargs)
    assert status == 403 and body.strip()
    assert get(endpoint[0], "ASK { ?s ?p ?o }", "application/sparql-results+json")[2].count(b"true") == 1


def test_huge_and_slow_queries_are_refused_and_the_endpoint_recovers(endpoint):
    base, srv = endpoint
    status, _, body = get(base, HUGE)
    assert status == 400 and b"larger than the limit" in body
    replaced = srv.pool.replaced
    status, _, body = get(base, SLOW)
    assert status == 400 and b"time limit" in body
    assert srv.pool.replaced == replaced + 1
    assert get(base, DRUGS, "text/csv")[0] == 200


@pytest.mark.parametrize("query,status,text", [
    ("SELECT * WHERE { ?s ?p }", 400, b"syntax error at line 1, column 24"),
    ("not sparql at all", 400, b"not a query"),
])
def test_bad_queries_are_400_with_the_message(endpoint, query, status, text):
    got = get(endpoint[0], query)
    assert got[0] == status and text in got[2] and got[1]["Content-Type"].startswith("text/plain")


def test_protocol_errors(endpoint):
    base = endpoint[0]
    assert get(base, DRUGS, "image/png")[0] == 406
    assert http(base + "/sparql?query=a&query=b")[0] == 400
    assert http(base + "/sparql", data=b"x", headers={"Content-Type": "text/plain"})[0] == 415
    assert http(base + "/nothing-here")[0] == 404
    assert http(base + "/sparql", data=b"\xff\xfe", headers={"Content-Type": "application/sparql-query"})[0] == 400


def test_service_description(endpoint):
    status, headers, body = http(endpoint[0] + "/sparql", headers={"Accept": "text/turtle"})
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    g = ox.Store()
    g.load(body, format=ox.RdfFormat.TURTLE)
    sd = "http://www.w3.org/ns/sparql-service-description#"
    assert g.query(f"ASK {{ ?s a <{sd}Service> ; <{sd}endpoint> ?e ; <{sd}supportedLanguage> <{sd}SPARQL11Query> }}")


def test_query_page_is_offline_and_locked_down(endpoint):
    status, headers, body = http(endpoint[0] + "/")
    assert status == 200 and "script-src 'self'" in headers["Content-Security-Policy"]
    assert "default-src 'none'" in headers["Content-Security-Policy"]
    page = body.decode()
    assert "http://" not in page and "https://" not in page and "<script>" not in page  # no CDN, no inline code
    for asset in ("/query.js", "/query.css"):
        s, h, b = http(endpoint[0] + asset)
        assert s == 200 and b and h["X-Content-Type-Options"] == "nosniff"
    assert b"textContent" in http(endpoint[0] + "/query.js")[2] and b"innerHTML" not in http(endpoint[0] + "/query.js")[2]


def test_cors_is_off_unless_configured(endpoint, built):
    _, headers, _ = get(endpoint[0], DRUGS)
    assert "Access-Control-Allow-Origin" not in headers
    assert http(endpoint[0] + "/sparql", method="OPTIONS")[0] == 405
    srv = make_server(Settings(str(built["store"]), workers=1, cors_origin="https://yasgui.org"), port=0)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    try:
        base = f"http://127.0.0.1:{srv.server_address[1]}"
        assert get(base, DRUGS)[1]["Access-Control-Allow-Origin"] == "https://yasgui.org"
        assert http(base + "/sparql", method="OPTIONS")[0] == 204
        assert srv.server_address[0] == "127.0.0.1"
    finally:
        srv.shutdown()
        srv.server_close()


def test_many_concurrent_readers(endpoint, store):
    want = [(s["d"].value, s["name"].value) for s in store.query(FULL_DRUGS)]

    def one(_):
        status, _, body = get(endpoint[0], DRUGS, "application/sparql-results+json")
        return status, [(s["d"].value, s["name"].value)
                        for s in ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)]

    with ThreadPoolExecutor(16) as ex:
        results = list(ex.map(one, range(64)))
    assert all(status == 200 and rows == want for status, rows in results)


def test_cli_serve_refuses_a_missing_store(runner, tmp_path):
    from kg.cli import cli

    result = runner.invoke(cli, ["serve", "--port", "0", "--store", str(tmp_path / "none")])
    assert result.exit_code != 0 and "no store" in str(result.exception)


def test_workers_end_with_the_server_even_when_it_is_killed(built):
    import os
    import signal
    import subprocess
    import sys
    import time

    proc = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--port", "0", "--workers", "2",
                             "--store", str(built["store"])], stderr=subprocess.PIPE, text=True)
    try:
        assert "serving" in proc.stderr.readline()
        workers = [int(p) for p in subprocess.run(["pgrep", "-P", str(proc.pid)], capture_output=True,
                                                  text=True).stdout.split()]
        assert len(workers) == 2
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
    deadline = time.monotonic() + 10
    alive = workers
    while alive and time.monotonic() < deadline:
        time.sleep(0.1)
        alive = [p for p in alive if os.path.exists(f"/proc/{p}") and
                 "Z" not in open(f"/proc/{p}/stat").read().split(")")[-1].split()[0]]
    assert alive == []


@pytest.mark.parametrize("accept,fmt", [("application/rdf+xml", ox.RdfFormat.RDF_XML),
                                        ("application/ld+json", ox.RdfFormat.JSON_LD),
                                        ("application/n-triples", ox.RdfFormat.N_TRIPLES),
                                        ("text/turtle", ox.RdfFormat.TURTLE)])
def test_graph_formats_parse_back_to_the_local_answer(endpoint, store, accept, fmt):
    construct = "CONSTRUCT { ?d <urn:kg:test:name> ?n } WHERE { ?d a kg:Drug ; kg:name ?n }"
    status, headers, body = get(endpoint[0], construct, accept)
    assert status == 200 and headers["Content-Type"].startswith(accept)
    assert int(headers["X-KG-Store-Generation"]) >= 1
    got = {(t.subject.value, t.object.value) for t in ox.parse(body, format=fmt)}
    want = {(s["d"].value, s["name"].value) for s in store.query(FULL_DRUGS)}
    assert got == want and len(got) >= 24


def test_relative_iris_resolve_against_the_endpoint_url(endpoint):
    status, _, body = get(endpoint[0], "SELECT ?x WHERE { BIND(<drug/1> AS ?x) }", "text/csv")
    assert status == 200 and body.split()[1] == f"{endpoint[0]}/drug/1".encode()


def test_ask_in_csv_is_406_with_the_reason(endpoint):
    status, _, body = get(endpoint[0], "ASK { ?s ?p ?o }", "text/csv")
    assert status == 406 and b"no form for a yes/no answer" in body
