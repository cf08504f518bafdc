"""kg push and kg query --endpoint: the graph round-trips through Virtuoso (Graph Store Protocol
and SPARQL Update) with equal triple counts, and the named questions give the local answers
there; retries, basic authentication and bad input are checked against a small fake server."""
from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from kg.errors import RemoteError
from kg.store.push import push
from kg.store.remote import Endpoint, RemoteStore
from tests.virtuoso import PASSWORD, USER

DRUG, IND = "DRUGBANK:DB11595", "MONDO:0005494"  # atezolizumab, triple-negative breast carcinoma


@pytest.fixture(scope="module")
def pushed(virtuoso, store):
    done = push(store, Endpoint(virtuoso.crud, user=USER, password=PASSWORD), "urn:kg")
    return done, RemoteStore(virtuoso.sparql, graph="urn:kg")


def test_gsp_round_trip_counts(pushed, built):
    done, _ = pushed
    assert done["protocol"] == "gsp"
    assert done["triples"] == done["remote_counts"]["urn:kg"] == built["stats"]["triples"]
    assert done["remote_counts"]["urn:kg:index"] == done["index_triples"] > 0


QUESTIONS = {
    "approvals": lambda s: __import__("kg.query.approvals", fromlist=["x"]).approvals(s),
    "withdrawn": lambda s: __import__("kg.query.approvals", fromlist=["x"]).withdrawn(s, DRUG),
    "withdrawn-all": lambda s: __import__("kg.query.approvals", fromlist=["x"]).withdrawn(s),
    "as-of": lambda s: __import__("kg.query.approvals", fromlist=["x"]).as_of(s, "2020-01-01"),
    "converted": lambda s: __import__("kg.query.approvals", fromlist=["x"]).converted(s),
    "coverage": lambda s: __import__("kg.query.approvals", fromlist=["x"]).coverage(s),
    "approvals-relatlimab": lambda s: __import__("kg.query.approvals", fromlist=["x"]).approvals(s, "DRUGBANK:DB14851"),
    "evidence": lambda s: __import__("kg.query.evidence", fromlist=["x"]).evidence(s, DRUG, IND),
    "contradictions": lambda s: __import__("kg.query.evidence", fromlist=["x"]).contradictions(s),
    "drugs-for-target": lambda s: __import__("kg.query.targets", fromlist=["x"]).drugs_for_target(s, "HGNC:17635"),
    "trials": lambda s: __import__("kg.query.trials", fromlist=["x"]).trials(s, DRUG),
    "path": lambda s: __import__("kg.query.path", fromlist=["x"]).path(s, DRUG, IND),
    "lookup": lambda s: __import__("kg.query.lookup", fromlist=["x"]).lookup(s, "Tecentriq"),
}


@pytest.mark.parametrize("name", sorted(QUESTIONS))
def test_named_questions_same_answers_remote(pushed, store, name):
    _, remote = pushed
    local = QUESTIONS[name](store)
    assert local, f"{name} has an answer locally"
    assert QUESTIONS[name](remote) == local


def test_sparql_update_protocol_round_trip(virtuoso, store, built):
    done = push(store, Endpoint(virtuoso.sparql_auth, user=USER, password=PASSWORD), "urn:kg-update",
                protocol="update", index=False)
    assert done["protocol"] == "update" and done["remote_counts"] == {"urn:kg-update": built["stats"]["triples"]}


def test_cli_push_and_query_endpoint(virtuoso, built, runner, monkeypatch):
    from kg.cli import cli

    monkeypatch.setenv("KG_PASSWORD", PASSWORD)
    st = ["--store", str(built["store"])]
    result = runner.invoke(cli, ["push", "--endpoint", virtuoso.crud, "--graph", "urn:kg-cli", "--user", USER,
                                 "--format", "json", *st])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["remote_counts"]["urn:kg-cli"] == built["stats"]["triples"]
    local = runner.invoke(cli, ["query", "approvals", "--drug", "Tecentriq", "--format", "json", *st])
    remote = runner.invoke(cli, ["query", "approvals", "--drug", "Tecentriq", "--format", "json",
                                 "--endpoint", virtuoso.sparql, "--graph", "urn:kg-cli"])
    assert remote.exit_code == 0, remote.output
    assert json.loads(remote.output) == json.loads(local.output) != []


def test_wrong_password_and_bad_graph(virtuoso, store):
    with pytest.raises(RemoteError, match="401"):
        push(store, Endpoint(virtuoso.crud, user=USER, password="wrong", retries=0), "urn:kg-x")
    with pytest.raises(RemoteError, match="bad graph IRI"):
        push(store, Endpoint(virtuoso.crud, user=USER, password=PASSWORD), "not an iri> { DROP ALL }")


# -- a fake Graph Store Protocol server: Basic auth, one 503 before the first success

class FakeGsp(BaseHTTPRequestHandler):
    graphs: dict[str, list[bytes]] = {}
    failures = {"POST": 1}
    seen: list[str] = []

    def log_message(self, *args):
        pass

    def _reply(self, status, body=b"", headers=None):
        self.send_response(status)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _handle(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.seen.append(self.command)
        if self.headers.get("Authorization") != "Basic dTpw":  # u:p
            return self._reply(401, headers={"WWW-Authenticate": 'Basic realm="kg"'})
        if self.failures.get(self.command):
            self.failures[self.command] -= 1
            return self._reply(503)
        graph = self.path.split("graph=", 1)[-1]
        if self.command == "DELETE":
            self.graphs.pop(graph, None)
            return self._reply(204)
        if self.command == "POST":
            self.graphs.setdefault(graph, []).extend(ln for ln in body.splitlines() if ln.strip())
            return self._reply(204)
        lines = self.graphs.get(graph, [])
        return self._reply(200, b"\n".join(lines[:-1] if "drop" in graph else lines) + b"\n",
                           {"Content-Type": "application/n-triples"})

    do_GET = do_POST = do_DELETE = _handle


@pytest.fixture
def fake():
    FakeGsp.graphs, FakeGsp.failures, FakeGsp.seen = {}, {"POST": 1}, []
    srv = ThreadingHTTPServer(("127.0.0.1", 0), FakeGsp)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{srv.server_address[1]}/gsp"
    srv.shutdown()
    srv.server_close()


def test_retry_basic_auth_batches_and_count_check(fake, store, built):
    ep = Endpoint(fake, user="u", password="p", backoff=0.01)
    done = push(store, ep, "urn:kg", batch=1000, index=False)
    assert done["remote_counts"] == {"urn:kg": built["stats"]["triples"]}
    assert FakeGsp.seen.count("POST") >= built["stats"]["triples"] // 1000 + 1  # batches, plus the retried one
    assert ep.auth == "basic"


def test_count_mismatch_is_an_error(fake, store):
    with pytest.raises(RemoteError, match="holds"):
        push(store, Endpoint(fake, user="u", password="p", backoff=0.01), "urn:drop", index=False)


def test_unreachable_endpoint(store):
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(RemoteError, match="failed after 2 attempts"):
        push(store, Endpoint(f"http://127.0.0.1:{port}/gsp", retries=1, backoff=0.01), "urn:kg")
    with pytest.raises(RemoteError, match="bad endpoint URL"):
        Endpoint("file:///etc/passwd")
