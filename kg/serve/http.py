"""``kg serve``: a read-only SPARQL 1.1 Protocol endpoint over the store, for stock clients.

``/sparql`` answers queries by GET and POST (form-encoded or ``application/sparql-query``),
negotiating the results format from ``Accept``: SPARQL JSON (default), XML, CSV or TSV for
SELECT and ASK, Turtle (default) or N-Triples for CONSTRUCT and DESCRIBE. Without a query it
returns the service description. ``/`` is a small query page (no external resources, strict
Content-Security-Policy). Updates, SERVICE and LOAD are refused with 403; bad queries, the
time limit and the result-size limit give 400 with the message as plain text. Queries run in
a pool of worker processes (:mod:`kg.serve.workers`); the HTTP side is stdlib threads.

>>> negotiate("text/csv;q=0.5, application/sparql-results+xml", "SELECT")
'xml'
>>> negotiate("*/*", "CONSTRUCT"), negotiate("text/html", "ASK") is None
('ttl', True)
"""
from __future__ import annotations

import urllib.parse
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from kg.errors import BusyError, QueryError, RefusedError

#: Media type -> results format, per query form family (first entry is the default).
RESULT_TYPES = {
    "application/sparql-results+json": "json", "application/json": "json",
    "application/sparql-results+xml": "xml", "application/xml": "xml",
    "text/csv": "csv", "text/tab-separated-values": "tsv",
}
GRAPH_TYPES = {"text/turtle": "ttl", "application/x-turtle": "ttl", "application/n-triples": "nt", "text/plain": "nt"}
CONTENT_TYPE = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
                "csv": "text/csv; charset=utf-8", "tsv": "text/tab-separated-values; charset=utf-8",
                "ttl": "text/turtle; charset=utf-8", "nt": "application/n-triples"}
STATIC = {"/": ("query.html", "text/html; charset=utf-8"), "/query.js": ("query.js", "text/javascript; charset=utf-8"),
          "/query.css": ("query.css", "text/css; charset=utf-8")}
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; "
       "form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
MAX_BODY = 1_000_000


def negotiate(accept: str | None, form: str) -> str | None:
    """The results format for an ``Accept`` header and a query form; None if none fits (406)."""
    offered = GRAPH_TYPES if form in ("CONSTRUCT", "DESCRIBE") else RESULT_TYPES
    default = next(iter(offered.values()))
    ranges = []
    for i, part in enumerate((accept or "*/*").split(",")):
        mtype, *params = [p.strip() for p in part.split(";")]
        q = 1.0
        for p in params:
            if p.startswith("q="):
                try:
                    q = float(p[2:])
                except ValueError:
                    q = 0.0
        if mtype and q > 0:
            ranges.append((-q, i, mtype.lower()))
    for _, _, mtype in sorted(ranges):
        if mtype in offered:
            return offered[mtype]
        if mtype == "*/*":
            return default
        if mtype.endswith("/*"):
            hit = next((f for t, f in offered.items() if t.startswith(mtype[:-1])), None)
            if hit:
                return hit
    return None


def service_description(endpoint: str, triples: int, fmt: str = "ttl") -> bytes:
    """The SPARQL 1.1 service description of the endpoint at ``endpoint`` (Turtle or N-Triples)."""
    import pyoxigraph as ox

    sd, formats = "http://www.w3.org/ns/sparql-service-description#", "http://www.w3.org/ns/formats/"
    rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    svc, ds, dg = ox.BlankNode(), ox.BlankNode(), ox.BlankNode()
    try:
        ep = ox.NamedNode(endpoint)
    except ValueError:
        ep = ox.NamedNode("http://127.0.0.1/sparql")
    t = [ox.Triple(svc, rdf_type, ox.NamedNode(sd + "Service")), ox.Triple(svc, ox.NamedNode(sd + "endpoint"), ep),
         ox.Triple(svc, ox.NamedNode(sd + "supportedLanguage"), ox.NamedNode(sd + "SPARQL11Query")),
         ox.Triple(svc, ox.NamedNode(sd + "defaultDataset"), ds),
         ox.Triple(ds, rdf_type, ox.NamedNode(sd + "Dataset")), ox.Triple(ds, ox.NamedNode(sd + "defaultGraph"), dg),
         ox.Triple(dg, rdf_type, ox.NamedNode(sd + "Graph")),
         ox.Triple(dg, ox.NamedNode("http://rdfs.org/ns/void#triples"), ox.Literal(str(triples), datatype=ox.NamedNode(
             "http://www.w3.org/2001/XMLSchema#integer")))]
    for name in ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
                 "Turtle", "N-Triples"):
        t.append(ox.Triple(svc, ox.NamedNode(sd + "resultFormat"), ox.NamedNode(formats + name)))
    rdf = ox.RdfFormat.N_TRIPLES if fmt == "nt" else ox.RdfFormat.TURTLE
    return ox.serialize(t, format=rdf, prefixes={"sd": sd} if fmt != "nt" else None)


@dataclass
class Settings:
    """What the endpoint serves and how: store, limits, CORS origin (None = CORS off)."""

    store_path: str
    timeout: float = 10.0
    max_bytes: int = 16_000_000
    workers: int = 2
    cors_origin: str | None = None


class Handler(BaseHTTPRequestHandler):
    """One HTTP request; the server carries ``pool``, ``settings`` and ``triples``."""

    server_version = "oncokg"
    sys_version = ""
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args) -> None:  # noqa: A002 - quiet unless asked
        if getattr(self.server, "verbose", False):
            super().log_message(format, *args)

    # -- responses
    def _send(self, status: int, body: bytes, ctype: str, extra: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Cache-Control", "no-store")
        if self.server.settings.cors_origin:
            self.send_header("Access-Control-Allow-Origin", self.server.settings.cors_origin)
            self.send_header("Vary", "Origin")
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _error(self, status: int, message: str) -> None:
        self._send(status, (message + "\n").encode("utf-8"), "text/plain; charset=utf-8")

    # -- routing
    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        url = urllib.parse.urlsplit(self.path)
        if url.path in STATIC:
            name, ctype = STATIC[url.path]
            body = (Path(__file__).parent / "static" / name).read_bytes()
            self._send(200, body, ctype, {"Content-Security-Policy": CSP, "Referrer-Policy": "no-referrer",
                                          "X-Frame-Options": "DENY"})
            return
        if url.path != "/sparql":
            self._error(404, f"not found: {url.path}; the endpoint is /sparql")
            return
        params = urllib.parse.parse_qs(url.query, keep_blank_values=True)
        if "update" in params:
            self._error(403, "updates are refused: this endpoint is read-only")
            return
        if "query" not in params:
            self._describe()
            return
        self._query(params, None)

    do_HEAD = do_GET

    def do_POST(self) -> None:  # noqa: N802
        url = urllib.parse.urlsplit(self.path)
        if url.path != "/sparql":
            self._error(404, f"not found: {url.path}; the endpoint is /sparql")
            return
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = -1
        if length < 0 or length > MAX_BODY:
            self.close_connection = True
            self._error(413 if length > MAX_BODY else 400, f"the request body must be 0 to {MAX_BODY} bytes")
            return
        body = self.rfile.read(length)
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        params = urllib.parse.parse_qs(url.query, keep_blank_values=True)
        if ctype == "application/sparql-update":
            self._error(403, "updates are refused: this endpoint is read-only")
            return
        if ctype == "application/x-www-form-urlencoded":
            try:
                form = urllib.parse.parse_qs(body.decode("utf-8"), keep_blank_values=True, strict_parsing=bool(body))
            except (UnicodeDecodeError, ValueError) as exc:
                self._error(400, f"bad form body: {exc}")
                return
            if "update" in form:
                self._error(403, "updates are refused: this endpoint is read-only")
                return
            self._query({**params, **form}, None)
        elif ctype == "application/sparql-query":
            if "query" in params:
                self._error(400, "give the query either in the body or in the URL, not both")
                return
            try:
                self._query(params, body.decode("utf-8"))
            except UnicodeDecodeError:
                self._error(400, "the query must be UTF-8")
        else:
            self._error(415, "POST application/x-www-form-urlencoded or application/sparql-query")

    def do_OPTIONS(self) -> None:  # noqa: N802 - CORS preflight, only when CORS is on
        if not self.server.settings.cors_origin:
            self._error(405, "CORS is off on this endpoint (kg serve --cors-origin ORIGIN turns it on)")
            return
        self._send(204, b"", "text/plain", {"Access-Control-Allow-Methods": "GET, POST, OPTIONS",
                                            "Access-Control-Allow-Headers": "Content-Type, Accept",
                                            "Access-Control-Max-Age": "600"})

    # -- the protocol
    def _describe(self) -> None:
        accept = self.headers.get("Accept") or "*/*"
        fmt = negotiate(accept, "DESCRIBE") or "ttl"
        host = self.headers.get("Host") or "{}:{}".format(*self.server.server_address[:2])
        body = service_description(f"http://{host}/sparql", self.server.triples, fmt)
        self._send(200, body, CONTENT_TYPE[fmt])

    def _query(self, params: dict[str, list[str]], text: str | None) -> None:
        from kg.query.sparql import check_query

        if text is None:
            texts = params.get("query", [])
            if len(texts) != 1:
                self._error(400, "give exactly one 'query' parameter")
                return
            text = texts[0]
        if any(v.strip() for k in ("default-graph-uri", "named-graph-uri") for v in params.get(k, [])):
            self._error(400, "this endpoint serves one dataset: default-graph-uri and named-graph-uri are not supported")
            return
        try:
            form = check_query(text)
            fmt = negotiate(self.headers.get("Accept"), form)
            if fmt is None:
                offered = GRAPH_TYPES if form in ("CONSTRUCT", "DESCRIBE") else RESULT_TYPES
                self._error(406, f"cannot answer a {form} query in {self.headers.get('Accept')}; offered: "
                            + ", ".join(offered))
                return
            data = self.server.pool.run(text, fmt)
        except QueryError as exc:  # refused 403, busy 503, anything else the client's fault: 400
            self._error(403 if isinstance(exc, RefusedError) else 503 if isinstance(exc, BusyError) else 400, str(exc))
            return
        self._send(200, data, CONTENT_TYPE[fmt])


class Server(ThreadingHTTPServer):
    """The endpoint: a threading HTTP server with a query worker pool (see :func:`make_server`)."""

    daemon_threads = True
    request_queue_size = 128

    def server_close(self) -> None:
        super().server_close()
        self.pool.close()


def make_server(settings: Settings, host: str = "127.0.0.1", port: int = 7878, verbose: bool = False) -> Server:
    """An endpoint serving the store in ``settings`` on ``host:port`` (port 0 picks a free one);
    call ``serve_forever()`` on it, and ``server_close()`` when done.

    Example::

        srv = make_server(Settings("exports/store"), port=0)
        threading.Thread(target=srv.serve_forever, daemon=True).start()
        # ... GET http://127.0.0.1:<srv.server_address[1]>/sparql?query=...
        srv.shutdown(); srv.server_close()
    """
    from kg.serve.workers import QueryPool
    from kg.store.local import open_store, read_meta

    open_store(settings.store_path)  # a clear StoreError if there is none
    triples = int(read_meta(settings.store_path).get("triples", 0))
    pool = QueryPool(settings.store_path, workers=settings.workers, timeout=settings.timeout,
                     max_bytes=settings.max_bytes)
    try:
        srv = Server((host, port), Handler)
    except OSError:
        pool.close()
        raise
    srv.pool, srv.settings, srv.triples, srv.verbose = pool, settings, triples, verbose
    return srv


__all__ = ["make_server", "Settings", "negotiate", "service_description"]
