"""The SSRF of issue 14: a SERVICE clause hidden from the read-only check (a ``\\#`` escape in a
prefixed name, a comment ended by a carriage return, a codepoint escape) must not make
``kg sparql`` or ``kg serve`` reach any address. Each case is refused by the check, and a
query that reaches the engine unchecked still opens no connection (the worker's network wall).
A listener on loopback counts the connections that arrive."""
from __future__ import annotations

import socket
import threading
import urllib.error
import urllib.parse
import urllib.request

import pytest

from kg.errors import QueryError, RefusedError
from kg.query.no_network import filter_supported
from kg.query.sparql import check_query, sparql


@pytest.fixture
def listener():
    """A TCP listener on loopback that counts accepted connections; yields (port, count())."""
    srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    srv.bind(("127.0.0.1", 0))
    srv.listen(8)
    srv.settimeout(0.2)
    hits, stop = [], threading.Event()

    def accept():
        while not stop.is_set():
            try:
                conn, _ = srv.accept()
            except OSError:
                continue
            hits.append(1)
            conn.close()

    t = threading.Thread(target=accept, daemon=True)
    t.start()
    yield srv.getsockname()[1], lambda: len(hits)
    stop.set()
    t.join(2)
    srv.close()


def hidden_service_queries(port: int) -> list[str]:
    """Texts the engine would read as a SERVICE call, each hiding it from some naive check."""
    svc = f"SERVICE <http://127.0.0.1:{port}/x> {{ ?x ?y ?z }}"
    return [
        # the case in the issue: `\\#` inside a prefixed name was read as a comment
        f"SELECT ?x WHERE {{ OPTIONAL {{ ?s DRUGBANK:a\\#b ?o }} {svc} }}",
        # a comment ends at a carriage return as well as at a line feed
        f"SELECT ?x WHERE {{ # note\r {svc} }}",
        # odd case and white space
        f"SELECT ?x WHERE {{ sErViCe\tsilent\n<http://127.0.0.1:{port}/x> {{ ?x ?y ?z }} }}",
        f"PREFIX p: <http://127.0.0.1:{port}/> SELECT ?x WHERE {{ SERVICE p:x {{ ?x ?y ?z }} }}",
        # an escaped backslash ends a string for the engine, but `"A\\"` read after expanding the
        # escape first (the old check) was one string running on to the last quote, SERVICE inside
        f'SELECT * WHERE {{ ?s ?p "A\\u005C" . {svc} ?s ?p " }} #" }}',
        # inside an EXISTS in a FILTER, in a subquery, in an OPTIONAL in a UNION
        f"ASK {{ FILTER EXISTS {{ {svc} }} }}",
        f"SELECT * {{ {{ SELECT ?x {{ {svc} }} }} }}",
        f"SELECT * {{ {{ ?a ?b ?c }} UNION {{ OPTIONAL {{ {svc} }} }} }}",
    ]


#: A keyword written with codepoint escapes is no keyword (escapes are read only in IRIs and
#: strings, by the engine too): refused as bad text, never run.
ESCAPED_SERVICE = "SELECT ?x WHERE {{ \\u0053ERVICE <http://127.0.0.1:{port}/x> {{ ?x ?y ?z }} }}"


def test_hidden_service_is_refused_by_the_check(listener):
    port, _ = listener
    for text in hidden_service_queries(port):
        with pytest.raises(RefusedError, match="SERVICE is refused"):
            check_query(text)
    with pytest.raises(QueryError, match="codepoint escapes are read only inside IRIs and strings"):
        check_query(ESCAPED_SERVICE.format(port=port))


def test_kg_sparql_never_connects(built, listener):
    port, count = listener
    for text in hidden_service_queries(port):
        with pytest.raises(RefusedError):
            sparql(str(built["store"]), text, timeout=10)
    with pytest.raises(QueryError):
        sparql(str(built["store"]), ESCAPED_SERVICE.format(port=port), timeout=10)
    assert count() == 0


@pytest.mark.skipif(not filter_supported(), reason="the network wall is a Linux x86-64/AArch64 seccomp filter")
def test_the_engine_wall_holds_without_the_check(built, listener, monkeypatch):
    """Suppose the check were fooled: the query process itself cannot open a socket."""
    import kg.query.sparql as mod

    port, count = listener
    monkeypatch.setattr(mod, "check_query", lambda text: "SELECT")
    with pytest.raises(QueryError, match="query failed"):
        sparql(str(built["store"]), f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/x> {{ ?x ?y ?z }} }}",
               timeout=10)
    assert count() == 0


@pytest.mark.skipif(not filter_supported(), reason="the network wall is a Linux x86-64/AArch64 seccomp filter")
def test_serve_workers_cannot_connect_even_unchecked(built, listener):
    from kg.serve.workers import QueryPool

    port, count = listener
    pool = QueryPool(str(built["store"]), workers=1, timeout=10)
    try:
        with pytest.raises(QueryError):
            pool.run(f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/x> {{ ?x ?y ?z }} }}", "json")
        # and the worker still answers ordinary queries afterwards
        assert b'"boolean":true' in pool.run("ASK { ?s ?p ?o }", "json").replace(b" ", b"")
    finally:
        pool.close()
    assert count() == 0


def test_serve_with_open_cors_refuses_and_never_connects(built, listener):
    from kg.serve.http import Settings, make_server

    port, count = listener
    srv = make_server(Settings(str(built["store"]), timeout=5.0, cors_origin="*"), port=0)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{srv.server_address[1]}/sparql"
    try:
        for text, code in [(t, 403) for t in hidden_service_queries(port)] + [(ESCAPED_SERVICE.format(port=port), 400)]:
            for req in (urllib.request.Request(base + "?" + urllib.parse.urlencode({"query": text})),
                        urllib.request.Request(base, data=text.encode(), method="POST",
                                               headers={"Content-Type": "application/sparql-query"})):
                with pytest.raises(urllib.error.HTTPError) as info:
                    urllib.request.urlopen(req, timeout=30)
                assert info.value.code == code
    finally:
        srv.shutdown()
        srv.server_close()
    assert count() == 0


@pytest.mark.parametrize("text", [
    "PREFIX : <http://ex/> SELECT * WHERE { ?s :insert ?o }",      # refused as an update before
    "PREFIX : <http://ex/> SELECT * WHERE { ?s :service ?o . ?o :load ?x }",
    "SELECT * WHERE { ?s <http://ex/p#SERVICE> 'DROP' }",
    "SELECT ?insert WHERE { ?insert ?p ?o }",
    "PREFIX ex: <http://ex/> SELECT * WHERE { ?s ex:a\\#b ?o }",
    "BASE <http://ex/> PREFIX e: <x#> ASK { ?s e:p ?o }",
])
def test_harmless_queries_pass(text):
    assert check_query(text) in ("SELECT", "ASK")
