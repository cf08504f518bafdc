"""The SPARQL 1.1 Protocol as ``kg serve`` speaks it: one request in, one response out.

No HTTP server here (see :mod:`kg.serve.http`): :meth:`Endpoint.handle` takes a parsed
:class:`Request` and returns a :class:`Response`. What it answers:

- ``/sparql`` by GET (``?query=``), or POST as a form or as ``application/sparql-query``;
  without a query, the service description. ``default-graph-uri`` / ``named-graph-uri`` may
  name graphs of the served dataset (:func:`kg.query.sparql.dataset`); others get 400 with
  the reason. Relative IRIs resolve against the endpoint's URL.
- Results: SPARQL JSON (default), XML, CSV or TSV for SELECT; JSON or XML for ASK (CSV and TSV
  define no boolean form: 406); Turtle (default), N-Triples, RDF/XML or JSON-LD for CONSTRUCT
  and DESCRIBE. Every query answer carries ``X-KG-Store-Generation``.
- Updates, SERVICE and LOAD: 403. Bad queries, time and size limits: 400, text/plain. Every
  worker busy: 503 with Retry-After. Other methods: 405 with ``Allow``. A Host header that does
  not name this endpoint: 400 (the Host is never written into an answer).
- ``/`` is a small query page (no external resources, strict Content-Security-Policy).

>>> negotiate("text/csv;q=0.5, application/sparql-results+xml", "SELECT")
'xml'
>>> negotiate("*/*", "CONSTRUCT"), negotiate("text/html", "ASK") is None, negotiate("text/csv", "ASK") is None
('ttl', True, True)
>>> negotiate("application/sparql-results+xml, application/rdf+xml", "DESCRIBE")  # rdflib's default
'rdf'
"""
from __future__ import annotations

import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import BusyError, QueryError, RefusedError, StoreError

#: Media type -> results format for SELECT (the first is the default); ASK drops CSV and TSV.
RESULT_TYPES = {
    "application/sparql-results+json": "json", "application/json": "json",
    "application/sparql-results+xml": "xml", "application/xml": "xml",
    "text/csv": "csv", "text/tab-separated-values": "tsv",
}
BOOLEAN_TYPES = {k: v for k, v in RESULT_TYPES.items() if v not in ("csv", "tsv")}
GRAPH_TYPES = {"text/turtle": "ttl", "application/x-turtle": "ttl", "application/n-triples": "nt", "text/plain": "nt",
               "application/rdf+xml": "rdf", "application/ld+json": "jsonld"}
CONTENT_TYPE = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
                "csv": "text/csv; charset=utf-8", "tsv": "text/tab-separated-values; charset=utf-8",
                "ttl": "text/turtle; charset=utf-8", "nt": "application/n-triples",
                "rdf": "application/rdf+xml", "jsonld": "application/ld+json"}
STATIC = {"/": ("query.html", "text/html; charset=utf-8"), "/query.js": ("query.js", "text/javascript; charset=utf-8"),
          "/query.css": ("query.css", "text/css; charset=utf-8")}
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; "
       "form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
PAGE_HEADERS = {"Content-Security-Policy": CSP, "Referrer-Policy": "no-referrer", "X-Frame-Options": "DENY"}
MAX_BODY = 1_000_000
GENERATION_HEADER = "X-KG-Store-Generation"
READ_ONLY = "updates are refused: this endpoint is read-only"


def negotiate(accept: str | None, form: str) -> str | None:
    """The results format for an ``Accept`` header and a query form; None if none fits (406)."""
    offered = GRAPH_TYPES if form in ("CONSTRUCT", "DESCRIBE") else BOOLEAN_TYPES if form == "ASK" else RESULT_TYPES
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

    from kg.query.sparql import DATA_GRAPH

    sd, formats = "http://www.w3.org/ns/sparql-service-description#", "http://www.w3.org/ns/formats/"
    rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    svc, ds, dg = ox.BlankNode(), ox.BlankNode(), ox.BlankNode()
    t = [ox.Triple(svc, rdf_type, ox.NamedNode(sd + "Service")),
         ox.Triple(svc, ox.NamedNode(sd + "endpoint"), ox.NamedNode(endpoint)),
         ox.Triple(svc, ox.NamedNode(sd + "supportedLanguage"), ox.NamedNode(sd + "SPARQL11Query")),
         ox.Triple(svc, ox.NamedNode(sd + "defaultDataset"), ds),
         ox.Triple(ds, rdf_type, ox.NamedNode(sd + "Dataset")), ox.Triple(ds, ox.NamedNode(sd + "defaultGraph"), dg),
         ox.Triple(dg, rdf_type, ox.NamedNode(sd + "Graph")),
         ox.Triple(dg, ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"),
                   ox.Literal(f"the data; default-graph-uri={DATA_GRAPH} names it")),
         ox.Triple(dg, ox.NamedNode("http://rdfs.org/ns/void#triples"), ox.Literal(str(triples), datatype=ox.NamedNode(
             "http://www.w3.org/2001/XMLSchema#integer")))]
    for name in ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
                 "Turtle", "N-Triples", "RDF_XML", "JSON-LD"):
        t.append(ox.Triple(svc, ox.NamedNode(sd + "resultFormat"), ox.NamedNode(formats + name)))
    rdf = ox.RdfFormat.N_TRIPLES if fmt == "nt" else ox.RdfFormat.TURTLE
    return ox.serialize(t, format=rdf, prefixes={"sd": sd} if fmt != "nt" else None)


@dataclass
class Request:
    """One HTTP request, as the server parsed it (header names in lower case)."""

    method: str
    path: str
    query_string: str = ""
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    client: str = ""


@dataclass
class Response:
    """One HTTP response: status, body, media type and extra headers."""

    status: int
    body: bytes
    content_type: str = "text/plain; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)


def error(status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    """A plain-text error answer."""
    return Response(status, (message + "\n").encode("utf-8"), headers=dict(headers or {}))


class Endpoint:
    """The protocol over a :class:`kg.serve.workers.QueryPool`.

    ``url`` is the endpoint's own URL (the base IRI of queries and the service description's
    ``sd:endpoint``); ``hosts`` the Host header values it answers to (None: any; the Host is
    never reflected either way); ``cors_origin`` turns CORS on for that origin.
    """

    def __init__(self, pool, store_path: str, url: str, hosts: set[str] | None, cors_origin: str | None = None):
        self.pool, self.store_path, self.url, self.hosts, self.cors_origin = pool, store_path, url, hosts, cors_origin

    def allow(self, path: str) -> str:
        """The methods a path answers (the ``Allow`` header)."""
        if path != "/sparql":
            return "GET, HEAD"
        return "GET, HEAD, POST" + (", OPTIONS" if self.cors_origin else "")

    def handle(self, req: Request) -> Response:
        """The response to one request (never raises for anything a client can send).

        >>> ep = Endpoint(None, "", "http://127.0.0.1:7878/sparql", {"127.0.0.1:7878"})
        >>> r = ep.handle(Request("PUT", "/sparql", headers={"host": "127.0.0.1:7878"}))
        >>> r.status, r.headers["Allow"]
        (405, 'GET, HEAD, POST')
        >>> r = ep.handle(Request("GET", "/sparql", headers={"host": "evil.example"}))
        >>> r.status, r.body.decode().split(":")[0]
        (400, "this endpoint does not answer as Host 'evil.example'")
        """
        resp = self._route(req)
        resp.headers.setdefault("X-Content-Type-Options", "nosniff")
        resp.headers.setdefault("Cache-Control", "no-store")
        if self.cors_origin:
            resp.headers["Access-Control-Allow-Origin"] = self.cors_origin
            resp.headers["Vary"] = ", ".join(v for v in (resp.headers.get("Vary"), "Origin") if v)
        return resp

    def _route(self, req: Request) -> Response:
        host = req.headers.get("host")
        if host is not None and self.hosts is not None and host.lower() not in self.hosts:
            return error(400, f"this endpoint does not answer as Host {host[:200]!r}: use {self.url} "
                              "(kg serve --public-url names it otherwise)")
        if req.path in STATIC:
            if req.method not in ("GET", "HEAD"):
                return error(405, f"{req.method} is not allowed on {req.path}", {"Allow": self.allow(req.path)})
            name, ctype = STATIC[req.path]
            body = (Path(__file__).parent / "static" / name).read_bytes()
            return Response(200, body, ctype, dict(PAGE_HEADERS))
        if req.path != "/sparql":
            return error(404, f"not found: {req.path[:200]}; the endpoint is /sparql")
        if req.method in ("GET", "HEAD"):
            return self._get(req)
        if req.method == "POST":
            return self._post(req)
        if req.method == "OPTIONS" and self.cors_origin:
            return Response(204, b"", "text/plain", {"Access-Control-Allow-Methods": "GET, POST, OPTIONS",
                                                     "Access-Control-Allow-Headers": "Content-Type, Accept",
                                                     "Access-Control-Max-Age": "600"})
        why = " (CORS is off on this endpoint: kg serve --cors-origin ORIGIN turns it on)" if req.method == "OPTIONS" else ""
        return error(405, f"{req.method[:20]} is not allowed: this endpoint is read-only; query it with GET or POST"
                     + why, {"Allow": self.allow(req.path)})

    def _get(self, req: Request) -> Response:
        params = parse_params(req.query_string)
        if isinstance(params, Response):
            return params
        if "update" in params:
            return error(403, READ_ONLY)
        if "query" not in params:
            return self._describe(req)
        return self._query(req, params, None)

    def _post(self, req: Request) -> Response:
        params = parse_params(req.query_string)
        if isinstance(params, Response):
            return params
        mtype, *ctype_params = [p.strip() for p in (req.headers.get("content-type") or "").split(";")]
        mtype = mtype.lower()
        charset = next((p.split("=", 1)[1].strip('"').lower() for p in ctype_params if p.lower().startswith("charset=")),
                       "utf-8")
        if charset not in ("utf-8", "utf8"):
            return error(415, f"the request body must be UTF-8, not {charset[:40]}")
        if mtype == "application/sparql-update":
            return error(403, READ_ONLY)
        if mtype == "application/x-www-form-urlencoded":
            form = parse_params(req.body, body=True)
            if isinstance(form, Response):
                return form
            if "update" in form:
                return error(403, READ_ONLY)
            return self._query(req, {**params, **form}, None)
        if mtype == "application/sparql-query":
            if "query" in params:
                return error(400, "give the query either in the body or in the URL, not both")
            try:
                return self._query(req, params, req.body.decode("utf-8"))
            except UnicodeDecodeError:
                return error(400, "the query must be UTF-8")
        return error(415, "POST a query as application/x-www-form-urlencoded (query=...) or as "
                          "application/sparql-query" + (f", not {mtype[:60]}" if mtype else " (no Content-Type was given)"))

    def _describe(self, req: Request) -> Response:
        from kg.store.local import read_meta

        fmt = negotiate(req.headers.get("accept"), "DESCRIBE")
        fmt = fmt if fmt in ("ttl", "nt") else "ttl"
        generation = self.pool.generation()
        try:
            triples = int(read_meta(self.store_path).get("triples", 0))
        except (StoreError, ValueError, OSError) as exc:  # mid-swap: say so rather than guess
            return error(503, f"the store is being replaced: try again ({exc})", {"Retry-After": "1"})
        return Response(200, service_description(self.url, triples, fmt), CONTENT_TYPE[fmt],
                        {GENERATION_HEADER: str(generation), "Vary": "Accept"})

    def _query(self, req: Request, params: dict[str, list[str]], text: str | None) -> Response:
        from kg.query.sparql import check_query

        if text is None:
            texts = params.get("query", [])
            if len(texts) != 1:
                return error(400, "give exactly one 'query' parameter")
            text = texts[0]
        graphs = {k: [v for v in params.get(k, []) if v.strip()] for k in ("default-graph-uri", "named-graph-uri")}
        try:
            form = check_query(text)
            fmt = negotiate(req.headers.get("accept"), form)
            if fmt is None:
                offered = (GRAPH_TYPES if form in ("CONSTRUCT", "DESCRIBE") else
                           BOOLEAN_TYPES if form == "ASK" else RESULT_TYPES)
                why = " (CSV and TSV have no form for a yes/no answer)" if form == "ASK" else ""
                return error(406, f"cannot answer a {form} query in {(req.headers.get('accept') or '')[:200]}{why}; "
                                  "offered: " + ", ".join(offered))
            answer = self.pool.query(text, fmt, client=req.client, base_iri=self.url,
                                     default_graph_uris=graphs["default-graph-uri"],
                                     named_graph_uris=graphs["named-graph-uri"])
        except RefusedError as exc:
            return error(403, str(exc))
        except BusyError as exc:
            return error(503, str(exc), {"Retry-After": "1"})
        except QueryError as exc:  # anything else is the query's: a bad query, the time or size limit
            return error(400, str(exc))
        return Response(200, answer.data, CONTENT_TYPE[fmt], {GENERATION_HEADER: str(answer.generation),
                                                              "Vary": "Accept"})


def parse_params(data: str | bytes, body: bool = False) -> dict[str, list[str]] | Response:
    """URL-encoded parameters (query string or form body), or a 400 response saying what is wrong.

    >>> parse_params("query=ASK%20%7B%7D&default-graph-uri=")
    {'query': ['ASK {}'], 'default-graph-uri': ['']}
    >>> parse_params(b"query=%FF", body=True).status
    400
    """
    where = "form body" if body else "query string"
    try:
        text = data.decode("utf-8") if isinstance(data, bytes) else data
        return urllib.parse.parse_qs(text, keep_blank_values=True, strict_parsing=bool(text), errors="strict")
    except (UnicodeDecodeError, ValueError) as exc:
        return error(400, f"bad {where}: {exc}"[:300])


__all__ = ["Endpoint", "Request", "Response", "negotiate", "service_description", "parse_params", "GENERATION_HEADER"]
