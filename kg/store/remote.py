"""A remote SPARQL 1.1 store, used where the local store would be: the named questions and
the lookup run unchanged against it, because :class:`RemoteStore` answers ``query(text)`` with
pyoxigraph ``QuerySolutions`` (parsed from the endpoint's SPARQL JSON or XML results).

The graph ``kg push`` wrote is the query's default graph (``default-graph-uri``), its lookup
index the one named graph (``named-graph-uri``), so other data on the server stays out of the
answers. :class:`Endpoint` is the HTTP side shared with :mod:`kg.store.push`: one session, basic or
digest authentication (``auto`` follows the server's challenge), retries with backoff.

>>> index_graph_for("urn:kg")
'urn:kg:index'
>>> RemoteStore("http://127.0.0.1:8890/sparql", graph="urn:kg").index_graph
'urn:kg:index'
"""
from __future__ import annotations

import time
from typing import Any

from kg.errors import RemoteError

RETRY_STATUS = frozenset({429, 500, 502, 503, 504})
#: Seconds to wait for a connection (a server that never answers: each attempt waits this long).
CONNECT_TIMEOUT = 10.0
#: Largest answer read (bytes): a server that streams without end is cut off here.
MAX_ANSWER = 1 << 30
RESULTS_ACCEPT = "application/sparql-results+json, application/sparql-results+xml;q=0.9"


def index_graph_for(graph: str) -> str:
    """The remote named graph that holds the lookup index of data graph ``graph``."""
    return f"{graph}:index"


def check_iri(iri: str, what: str = "graph") -> str:
    """``iri`` if it is a valid absolute IRI, else :class:`RemoteError` (never pasted unchecked)."""
    import pyoxigraph as ox

    try:
        ox.NamedNode(iri)
    except ValueError as exc:
        raise RemoteError(f"bad {what} IRI {iri!r}: {exc}") from None
    if ":" not in iri:
        raise RemoteError(f"bad {what} IRI {iri!r}: it must be absolute (urn:..., http://...)")
    return iri


class Endpoint:
    """HTTP to one server: ``request()`` with authentication, retries and typed errors.

    Example::

        ep = Endpoint("http://127.0.0.1:8890/sparql-graph-crud-auth", user="dba", password="...")
        ep.request("DELETE", params={"graph": "urn:kg"}, ok=(200, 204, 404))
    """

    def __init__(self, url: str, *, user: str | None = None, password: str | None = None, auth: str = "auto",
                 timeout: float = 120.0, retries: int = 3, backoff: float = 0.5):
        import requests

        if not url.startswith(("http://", "https://")):
            raise RemoteError(f"bad endpoint URL {url!r}: expected http:// or https://")
        if auth not in ("auto", "basic", "digest"):
            raise RemoteError(f"unknown authentication {auth!r}: auto, basic or digest")
        self.url, self.user, self.password, self.auth = url, user, password or "", auth
        self.timeout, self.retries, self.backoff = timeout, retries, backoff
        self.max_answer = MAX_ANSWER
        self.session = requests.Session()
        self.requests = 0  #: HTTP requests sent, retries and authentication rounds included

    def _auth(self, scheme: str):
        from requests.auth import HTTPBasicAuth, HTTPDigestAuth

        if not self.user:
            return None
        return HTTPBasicAuth(self.user, self.password) if scheme == "basic" else HTTPDigestAuth(self.user, self.password)

    def request(self, method: str, url: str | None = None, *, ok: tuple[int, ...] = (200, 201, 204), **kw):
        """Send one request; retry on connection errors and 429/5xx; :class:`RemoteError` when
        the final status is not in ``ok``."""
        import requests

        url = url or self.url
        scheme = "basic" if self.auth == "basic" else "digest"
        for attempt in range(self.retries + 1):
            try:
                resp = self._send(method, url, scheme, **kw)
                challenge = resp.headers.get("WWW-Authenticate", "").lower()
                if resp.status_code == 401 and self.auth == "auto" and scheme == "digest" and challenge.startswith("basic"):
                    scheme = "basic"
                    resp = self._send(method, url, scheme, **kw)
            except requests.RequestException as exc:
                if attempt == self.retries:
                    raise RemoteError(f"{method} {url} failed after {attempt + 1} attempts: {exc}") from None
            else:
                if resp.status_code in ok:
                    if self.auth == "auto":
                        self.auth = scheme  # remember what worked
                    return resp
                if resp.status_code not in RETRY_STATUS or attempt == self.retries:
                    raise RemoteError(f"{method} {url} answered {resp.status_code} {resp.reason}: "
                                      f"{resp.text.strip()[:300]!r}", status=resp.status_code) from None
            time.sleep(self.backoff * 2 ** attempt)
        raise AssertionError("unreachable")

    def _send(self, method: str, url: str, scheme: str, **kw):
        """One HTTP request; its answer read whole, up to :data:`MAX_ANSWER` bytes."""
        resp = self.session.request(method, url, auth=self._auth(scheme), stream=True,
                                    timeout=(min(CONNECT_TIMEOUT, self.timeout), self.timeout), **kw)
        self.requests += 1
        body, size = [], 0
        for chunk in resp.iter_content(1 << 20):
            size += len(chunk)
            if size > self.max_answer:
                resp.close()
                raise RemoteError(f"{method} {url}: the answer is larger than {self.max_answer:,} bytes")
            body.append(chunk)
        resp._content, resp._content_consumed = b"".join(body), True  # as requests does when it reads the body
        return resp

    def sparql(self, query: str, url: str | None = None, params: dict[str, Any] | None = None):
        """POST a query (form-encoded); the parsed results (``QuerySolutions`` or ``QueryBoolean``)."""
        import pyoxigraph as ox

        resp = self.request("POST", url, data={"query": query, **(params or {})}, ok=(200,),
                            headers={"Accept": RESULTS_ACCEPT})
        ctype = resp.headers.get("Content-Type", "").split(";")[0].strip().lower()
        fmt = {"application/sparql-results+xml": ox.QueryResultsFormat.XML,
               "application/sparql-results+json": ox.QueryResultsFormat.JSON,
               "application/json": ox.QueryResultsFormat.JSON}.get(ctype)
        if fmt is None:
            raise RemoteError(f"{url or self.url} answered a query with {ctype or 'no type'}, not SPARQL results")
        try:
            result = ox.parse_query_results(resp.content, format=fmt)
        except (SyntaxError, ValueError, OSError) as exc:
            raise RemoteError(f"unreadable SPARQL results from {url or self.url}: {exc}") from None
        _check_answer(query, result, url or self.url)
        return result


def _check_answer(query: str, result, url: str) -> None:
    """:class:`RemoteError` unless ``result`` has the form an answer to ``query`` has: a boolean
    for ASK, solutions with (at least) the selected variables for SELECT. What the query selects
    is read from the query planned on an empty local store (nothing is evaluated).

    >>> import pyoxigraph as ox
    >>> wrong = ox.parse_query_results(b'{"head": {"vars": ["q"]}, "results": {"bindings": []}}',
    ...                                format=ox.QueryResultsFormat.JSON)
    >>> _check_answer("SELECT ?n WHERE { ?n ?p ?o }", wrong, "http://x")
    Traceback (most recent call last):
    ...
    kg.errors.RemoteError: http://x answered with the variables ?q, not ?n: not an answer to the query
    """
    import pyoxigraph as ox

    try:
        planned = ox.Store().query(query)
    except (SyntaxError, ValueError, OSError):
        return  # not a query we can plan here: the server's answer is all there is
    if isinstance(planned, ox.QueryBoolean):
        if not isinstance(result, ox.QueryBoolean):
            raise RemoteError(f"{url} answered an ASK query with solutions, not true or false")
    elif isinstance(planned, ox.QuerySolutions):
        if not isinstance(result, ox.QuerySolutions):
            raise RemoteError(f"{url} answered a SELECT query with true or false, not solutions")
        want = [v.value for v in planned.variables]
        got = {v.value for v in result.variables}
        if not set(want) <= got:
            raise RemoteError(f"{url} answered with the variables {', '.join('?' + v for v in sorted(got)) or 'none'}, "
                              f"not {', '.join('?' + v for v in want)}: not an answer to the query")


class RemoteStore:
    """A SPARQL endpoint holding a graph pushed by ``kg push``, usable wherever the named
    questions take a store: ``approvals(RemoteStore(url, graph="urn:kg"))``.

    With ``graph`` None the endpoint's own default dataset is queried (and the lookup index
    is looked for in ``urn:kg:index``).
    """

    def __init__(self, url: str, *, graph: str | None = None, **http: Any):
        self.graph = check_iri(graph) if graph else None
        self.index_graph = index_graph_for(self.graph) if self.graph else "urn:kg:index"
        self.endpoint = Endpoint(url, **http)

    def query(self, text: str, **_ignored: Any):
        """Run a query on the remote dataset (the pushed graph); results as pyoxigraph terms."""
        params = {"default-graph-uri": self.graph} if self.graph else {}
        return self.endpoint.sparql(text, params=params)

    def index_query(self, text: str):
        """Run a query on the remote lookup index (the graph ``kg push`` wrote beside the data)."""
        return self.endpoint.sparql(text, params={"default-graph-uri": self.index_graph})

    def __repr__(self) -> str:
        return f"RemoteStore({self.endpoint.url!r}, graph={self.graph!r})"
