"""``kg push``: load the graph into an external SPARQL 1.1 store, then check it arrived.

The data (the store's default graph) goes to the remote named graph ``graph``, the lookup
index to ``<graph>:index`` (so ``kg query --endpoint`` can resolve names there). Each graph
is first emptied, then sent in batches of N-Triples lines: by the Graph Store Protocol
(``DELETE`` then ``POST ?graph=...``, Turtle bodies) or, as fallback when the server has no
GSP at that URL (404/405/415/501), by SPARQL Update (``DROP SILENT GRAPH``, ``INSERT DATA``).
Requests are retried with backoff (:class:`kg.store.remote.Endpoint`). Afterwards the remote triple
count of each graph must equal the local one, else :class:`RemoteError`.

The graph has no blank nodes (every node and edge has an IRI), so batches can be cut anywhere.

>>> list(batches([b"<a> <b> <c> .", b"<d> <e> <f> .", b"<g> <h> <i> ."], 2))
[b'<a> <b> <c> .\\n<d> <e> <f> .\\n', b'<g> <h> <i> .\\n']
"""
from __future__ import annotations

import time
from typing import Any, Callable, Iterator

from kg.errors import RemoteError
from kg.store.remote import Endpoint, check_iri, index_graph_for

GSP_MISSING = (404, 405, 415, 501)
#: Largest INSERT DATA sent (Virtuoso's SPARQL compiler runs out of memory near 5,000 triples).
UPDATE_BATCH = 1000
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


def batches(lines: list[bytes], size: int) -> Iterator[bytes]:
    """N-Triples lines in bodies of at most ``size`` lines."""
    for i in range(0, len(lines), size):
        yield b"".join(line + b"\n" for line in lines[i:i + size])


def _lines(data: bytes) -> list[bytes]:
    """Distinct N-Triples lines (a triple two partitions of the store hold is sent once)."""
    lines = sorted({ln for ln in data.splitlines() if ln.strip()})
    if any(b"_:" in ln.split(b" ", 1)[0] for ln in lines):
        raise RemoteError("the graph has blank nodes, which cannot be pushed in batches")
    return lines


def _term(iri: str) -> str:
    import pyoxigraph as ox

    return str(ox.NamedNode(iri))


class _Gsp:
    name = "gsp"

    def __init__(self, ep: Endpoint):
        self.ep = ep

    def clear(self, graph: str) -> None:
        self.ep.request("DELETE", params={"graph": graph}, ok=(200, 204, 404))

    def add(self, graph: str, body: bytes) -> None:
        self.ep.request("POST", params={"graph": graph}, data=body,
                        headers={"Content-Type": "text/turtle; charset=utf-8"})

    def count(self, graph: str) -> int:
        import pyoxigraph as ox

        resp = self.ep.request("GET", params={"graph": graph}, ok=(200, 404),
                               headers={"Accept": "application/n-triples, text/turtle;q=0.9"})
        if resp.status_code == 404:
            return 0
        ctype = resp.headers.get("Content-Type", "").split(";")[0].strip().lower()
        fmt = ox.RdfFormat.N_TRIPLES if ctype in ("application/n-triples", "text/plain") else ox.RdfFormat.TURTLE
        try:
            return sum(1 for _ in ox.parse(resp.content, format=fmt))
        except (SyntaxError, ValueError, OSError) as exc:
            raise RemoteError(f"{self.ep.url} answered GET of graph {graph} with what is not "
                              f"{'N-Triples' if fmt == ox.RdfFormat.N_TRIPLES else 'Turtle'}: {exc}") from None


class _Update:
    name = "update"

    def __init__(self, ep: Endpoint, url: str | None):
        self.ep, self.url = ep, url

    def _run(self, text: str) -> None:
        self.ep.request("POST", self.url, data={"update": text.encode("utf-8")})

    def clear(self, graph: str) -> None:
        self._run(f"DROP SILENT GRAPH {_term(graph)}")

    def add(self, graph: str, body: bytes) -> None:
        self._run(f"INSERT DATA {{ GRAPH {_term(graph)} {{\n{body.decode('utf-8')}}} }}")


def remote_count(ep: Endpoint, graph: str, url: str | None = None) -> int:
    """Triples in the remote named graph ``graph``, by a SPARQL query (the graph is bound)."""
    import pyoxigraph as ox

    from kg.store.local import with_values

    rows = list(ep.sparql(with_values(COUNT, {"g": ox.NamedNode(graph)}), url))
    n = rows[0]["n"] if rows else None
    if n is None or not isinstance(n, ox.Literal) or not n.value.isdigit():
        raise RemoteError(f"{url or ep.url} answered the triple count of {graph} with "
                          f"{'no count' if n is None else repr(str(n))}, not a number")
    return int(n.value)


def push(store, ep: Endpoint, graph: str, *, batch: int = 5000, protocol: str = "auto",
         update_url: str | None = None, query_url: str | None = None, index: bool = True,
         progress: Callable[[str, int, int], None] | None = None) -> dict[str, Any]:
    """Load the store's data (and its lookup index) into ``graph`` on the server behind ``ep``.

    ``protocol`` is ``gsp``, ``update`` or ``auto`` (GSP, falling back to update). Counts are
    checked by a SPARQL query at ``query_url`` if given, else by reading the graph back (GSP),
    else at the update URL. Returns what was sent and counted; :class:`RemoteError` on failure.

    Example::

        push(open_store("exports/store"), Endpoint(url, user="dba", password=pw), "urn:kg")
    """
    check_iri(graph)
    if protocol not in ("auto", "gsp", "update"):
        raise RemoteError(f"unknown protocol {protocol!r}: auto, gsp or update")
    if batch < 1:
        raise RemoteError("the batch size must be at least 1 triple")
    plan = [(graph, _lines(store.ntriples()))]
    if index:
        plan.append((index_graph_for(graph), _lines(store.index_ntriples())))
    writer: _Gsp | _Update = _Update(ep, update_url) if protocol == "update" else _Gsp(ep)
    started = time.monotonic()
    try:
        writer.clear(graph)
    except RemoteError as exc:
        if protocol != "auto" or exc.status not in GSP_MISSING:
            raise
        writer = _Update(ep, update_url)
        writer.clear(graph)
    sent = 0
    for target, lines in plan:
        if target != graph:
            writer.clear(target)
        size = batch if isinstance(writer, _Gsp) else min(batch, UPDATE_BATCH)
        for body in batches(lines, size):
            writer.add(target, body)
            sent += body.count(b"\n")
            if progress:
                progress(target, sent, sum(len(ls) for _, ls in plan))
    seconds = time.monotonic() - started
    counts = {}
    for target, lines in plan:
        if query_url or not isinstance(writer, _Gsp):
            counts[target] = remote_count(ep, target, query_url or update_url)
        else:
            counts[target] = writer.count(target)
        if counts[target] != len(lines):
            raise RemoteError(f"the remote graph {target} holds {counts[target]} triples after the push, "
                              f"not {len(lines)}: the server changed or lost some")
    return {"graph": graph, "protocol": writer.name, "triples": len(plan[0][1]),
            "index_triples": len(plan[1][1]) if index else 0, "remote_counts": counts, "seconds": round(seconds, 2),
            "requests": ep.requests}
