"""``kg serve``: a read-only SPARQL 1.1 Protocol endpoint over the store, for stock clients.

The protocol is in :mod:`kg.serve.protocol`, the query workers in :mod:`kg.serve.workers`;
this module puts them behind waitress, a well-kept pure-Python WSGI server. waitress reads
every request (headers and body, ``Content-Length`` or ``Transfer-Encoding: chunked``) on its
event loop before a thread sees it, so a client that sends half a body holds no thread and is
dropped after ``client_timeout`` seconds of silence; it refuses malformed framing with 400 and
bodies over :data:`MAX_BODY` with 413. Loopback is the default address; on a loopback address
only loopback Host names are answered (no DNS rebinding), and the Host header is never written
into an answer: the endpoint's URL is fixed (``public_url``, else the bound address).

>>> endpoint_url("127.0.0.1", 7878), endpoint_url("::1", 80)
('http://127.0.0.1:7878/sparql', 'http://[::1]:80/sparql')
>>> sorted(answered_hosts("127.0.0.1", 7878, None))
['127.0.0.1:7878', '[::1]:7878', 'localhost:7878']
>>> answered_hosts("0.0.0.0", 7878, None) is None  # any name: the Host is never reflected anyway
True
"""
from __future__ import annotations

import ipaddress
import logging
import threading
import urllib.parse
from dataclasses import dataclass
from http import HTTPStatus

from kg.serve.protocol import MAX_BODY, Endpoint, Request, Response, error

log = logging.getLogger("kg.serve")


@dataclass
class Settings:
    """What the endpoint serves and how: store, limits, CORS origin (None = CORS off), the URL
    it answers as (None = the bound address), and how long a silent client is kept."""

    store_path: str
    timeout: float = 10.0
    max_bytes: int = 16_000_000
    workers: int = 2
    cors_origin: str | None = None
    public_url: str | None = None
    client_timeout: float = 15.0


def endpoint_url(host: str, port: int) -> str:
    """The endpoint's URL on a bound address."""
    return f"http://{'[' + host + ']' if ':' in host else host}:{port}/sparql"


def answered_hosts(host: str, port: int, public_url: str | None) -> set[str] | None:
    """The Host header values answered on ``host:port`` (lower case); None for any (a wildcard
    address, where the machine's names are not known)."""
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        ip = None
    if ip is not None and ip.is_unspecified:
        return None
    names = {host.lower()}
    if ip is not None and ip.is_loopback:
        names |= {"localhost", "127.0.0.1", "::1"}
    hosts = {f"[{n}]:{port}" if ":" in n else f"{n}:{port}" for n in names}
    if port == 80:
        hosts |= {f"[{n}]" if ":" in n else n for n in names}
    if public_url:
        hosts.add(urllib.parse.urlsplit(public_url).netloc.lower())
    return hosts


def _request(environ) -> Request:
    headers = {k[5:].replace("_", "-").lower(): v for k, v in environ.items() if k.startswith("HTTP_")}
    for key in ("CONTENT_TYPE", "CONTENT_LENGTH"):
        if environ.get(key):
            headers[key.replace("_", "-").lower()] = environ[key]
    body = environ["wsgi.input"].read(MAX_BODY + 1) if environ.get("REQUEST_METHOD") == "POST" else b""
    # WSGI gives the path decoded as latin-1; back to the bytes, then UTF-8
    path = environ.get("PATH_INFO", "").encode("latin-1", "replace").decode("utf-8", "replace")
    return Request(environ.get("REQUEST_METHOD", ""), path, environ.get("QUERY_STRING", ""), headers, body,
                   environ.get("REMOTE_ADDR", ""))


class App:
    """The WSGI application: :class:`Endpoint` behind a WSGI interface."""

    def __init__(self, endpoint: Endpoint, verbose: bool = False):
        self.endpoint, self.verbose = endpoint, verbose

    def __call__(self, environ, start_response):
        try:
            req = _request(environ)
            resp = error(413, f"the request body must be at most {MAX_BODY} bytes") if len(req.body) > MAX_BODY \
                else self.endpoint.handle(req)
        except Exception:  # a bug: say so without details, and log it
            log.exception("kg serve: a request failed")
            req, resp = None, error(500, "kg serve failed on this request (a bug; the log has details)")
        if self.verbose and req is not None:
            log.info("%s %s %s -> %d", req.client, req.method, req.path[:200], resp.status)
        reason = HTTPStatus(resp.status).phrase
        headers = [("Content-Type", resp.content_type), ("Content-Length", str(len(resp.body)))]
        headers += list(resp.headers.items())
        start_response(f"{resp.status} {reason}", headers)
        return [b"" if environ.get("REQUEST_METHOD") == "HEAD" else resp.body]


class Server:
    """A running endpoint: ``serve_forever()`` in one thread, ``shutdown()`` from another, then
    ``server_close()`` (stops the query workers). ``server_address`` is the bound (host, port)."""

    def __init__(self, wsgi_server, pool, endpoint: Endpoint):
        self._wsgi, self.pool, self.endpoint = wsgi_server, pool, endpoint
        self.server_address = (str(wsgi_server.effective_host), int(wsgi_server.effective_port))
        self._stopped = threading.Event()

    def serve_forever(self) -> None:
        """Answer requests until :meth:`shutdown` (or Ctrl-C)."""
        try:
            self._wsgi.run()
        finally:
            self._stopped.set()

    def shutdown(self) -> None:
        """Stop answering: close the listening socket and every connection."""
        for channel in list(self._wsgi._map.values()):
            channel.close()
        self._stopped.wait(5)

    def server_close(self) -> None:
        """Stop the request threads and the query workers."""
        self._wsgi.task_dispatcher.shutdown(timeout=1)
        self.pool.close()


def make_server(settings: Settings, host: str = "127.0.0.1", port: int = 7878, verbose: bool = False) -> Server:
    """An endpoint serving the store in ``settings`` on ``host:port`` (port 0 picks a free one);
    call ``serve_forever()`` on it, and ``shutdown()`` and ``server_close()`` when done.

    Example::

        srv = make_server(Settings("exports/store"), port=0)
        threading.Thread(target=srv.serve_forever, daemon=True).start()
        # ... GET http://127.0.0.1:<srv.server_address[1]>/sparql?query=...
        srv.shutdown(); srv.server_close()
    """
    import waitress

    from kg.serve.workers import QueryPool
    from kg.store.local import open_store

    open_store(settings.store_path)  # a clear StoreError if there is none
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)  # "task queue depth" is the fair queue's business
    pool = QueryPool(settings.store_path, workers=settings.workers, timeout=settings.timeout,
                     max_bytes=settings.max_bytes)
    try:
        # threads: the workers, their slow-lane spares, and as many again waiting their turn in the fair queue
        app = App(Endpoint(pool, settings.store_path, "", None, settings.cors_origin), verbose)
        wsgi = waitress.create_server(
            app, host=host, port=port, threads=4 * pool.size + 4, ident="oncokg", expose_tracebacks=False,
            channel_timeout=settings.client_timeout, cleanup_interval=max(1, min(30, int(settings.client_timeout / 2))),
            max_request_body_size=MAX_BODY, max_request_header_size=64 * 1024, connection_limit=1000,
            clear_untrusted_proxy_headers=True, asyncore_use_poll=True)
    except Exception:
        pool.close()
        raise
    srv = Server(wsgi, pool, app.endpoint)
    bound_host, bound_port = srv.server_address[:2]
    app.endpoint.url = settings.public_url or endpoint_url(str(bound_host), int(bound_port))
    app.endpoint.hosts = answered_hosts(str(bound_host), int(bound_port), settings.public_url)
    return srv


__all__ = ["App", "Server", "Settings", "make_server", "endpoint_url", "answered_hosts"]
