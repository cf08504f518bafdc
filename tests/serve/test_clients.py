"""Stock SPARQL clients with their default settings against ``kg serve``: SPARQLWrapper and
rdflib's SPARQLStore, SELECT, ASK, CONSTRUCT and DESCRIBE, by GET (their default) and POST;
each answer must equal the local store's. (Their defaults ask for XML: SPARQL results XML for
SELECT and ASK, RDF/XML for CONSTRUCT and DESCRIBE.)"""
from __future__ import annotations

import threading

import pytest
import rdflib

from kg.serve.http import Settings, make_server

KG = "https://w3id.org/oncokg/ontology#"
SELECT = f"SELECT ?d ?name WHERE {{ ?d a <{KG}Drug> ; <{KG}name> ?name }} ORDER BY ?name"
ASK = f"ASK {{ ?d a <{KG}Drug> }}"
ASK_NO = "ASK { ?d a <urn:kg:test:NoSuchClass> }"
CONSTRUCT = f"CONSTRUCT {{ ?d <urn:kg:test:name> ?n }} WHERE {{ ?d a <{KG}Drug> ; <{KG}name> ?n }}"


@pytest.fixture(scope="module")
def url(built):
    srv = make_server(Settings(str(built["store"]), timeout=10.0, workers=2), port=0)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{srv.server_address[1]}/sparql"
    srv.shutdown()
    srv.server_close()


@pytest.fixture(scope="module")
def local(store):
    """The local store's answers, as plain Python values."""
    drug = next(iter(store.query(SELECT)))["d"].value
    describe = f"DESCRIBE <{drug}>"
    return {
        "select": [(s["d"].value, s["name"].value) for s in store.query(SELECT)],
        "construct": {(t.subject.value, t.predicate.value, t.object.value) for t in store.query(CONSTRUCT)},
        "describe_query": describe,
        "describe": {(t.subject.value, t.predicate.value, t.object.value) for t in store.query(describe)},
    }


def triples(graph: rdflib.Graph) -> set:
    return {(str(s), str(p), str(o)) for s, p, o in graph}


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_sparqlwrapper_defaults(url, local, method):
    from SPARQLWrapper import POST, SPARQLWrapper

    def client(query):
        c = SPARQLWrapper(url)  # defaults: XML results, GET
        if method == "POST":
            c.setMethod(POST)
        c.setQuery(query)
        return c.query().convert()

    doc = client(SELECT)  # a DOM of SPARQL results XML
    rows = []
    for result in doc.getElementsByTagName("result"):
        values = {b.getAttribute("name"): b.firstChild.firstChild.data for b in result.getElementsByTagName("binding")}
        rows.append((values["d"], values["name"]))
    assert rows == local["select"] and len(rows) >= 24  # every drug of the curated data (24 before issue 13)
    for query, want in ((ASK, "true"), (ASK_NO, "false")):
        assert client(query).getElementsByTagName("boolean")[0].firstChild.data == want
    graph = client(CONSTRUCT)  # an rdflib Graph parsed from RDF/XML
    assert isinstance(graph, rdflib.Graph) and triples(graph) == local["construct"] and len(graph) >= 24
    graph = client(local["describe_query"])
    assert triples(graph) == local["describe"] and len(graph) > 3


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_rdflib_sparqlstore_defaults(url, local, method):
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    st = SPARQLStore(url, method=method)  # defaults: returnFormat xml
    rows = [(str(r[0]), str(r[1])) for r in st.query(SELECT)]
    assert rows == local["select"]
    assert st.query(ASK).askAnswer is True and st.query(ASK_NO).askAnswer is False
    assert triples(st.query(CONSTRUCT).graph) == local["construct"]
    assert triples(st.query(local["describe_query"]).graph) == local["describe"]
    # and through an rdflib Graph over the store, as a notebook user would
    g = rdflib.Graph(store=st)
    assert len(g.query(SELECT)) >= 24 and g.query(ASK).askAnswer is True
