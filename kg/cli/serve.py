"""``kg serve``: the read-only SPARQL endpoint (see :mod:`kg.serve.http`)."""
from __future__ import annotations

import os
from pathlib import Path

import click

from kg.cli.common import STORE, FiniteFloatRange, store_path


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (loopback only unless you say otherwise).")
@click.option("--port", default=7878, show_default=True, type=click.IntRange(0, 65535), help="0 picks a free port.")
@click.option("--workers", type=click.IntRange(1, 64), default=None,
              help="Query worker processes [default: the number of CPUs].")
@click.option("--timeout", type=FiniteFloatRange(0.1, 3600), default=10.0, show_default=True,
              help="Time limit of one query, in seconds.")
@click.option("--max-result-bytes", type=click.IntRange(1000), default=16_000_000, show_default=True,
              help="Largest answer served; bigger ones are refused.")
@click.option("--cors-origin", default=None, help="Allow browser pages from this origin ('*' for any) [default: CORS off].")
@click.option("--public-url", default=None, metavar="URL",
              help="The endpoint's URL as clients see it (behind a proxy, say): the base IRI of queries, the "
                   "service description's endpoint, and a Host name answered [default: http://HOST:PORT/sparql].")
@click.option("--client-timeout", type=click.FloatRange(1, 3600), default=15.0, show_default=True,
              help="Drop a connection that sends nothing for this many seconds (a half-sent request, say).")
@click.option("--verbose", is_flag=True, help="Log every request to standard error.")
@STORE
def serve(host: str, port: int, workers: int | None, timeout: float, max_result_bytes: int, cors_origin: str | None,
          public_url: str | None, client_timeout: float, verbose: bool, store: Path | None) -> None:
    """Serve the store as a read-only SPARQL 1.1 Protocol endpoint at /sparql, with a query page at /.

    The endpoint follows the store: after a rebuild every answer comes from the new store, and
    each names its store generation in the X-KG-Store-Generation header.
    """
    from kg.serve.http import Settings, make_server

    settings = Settings(str(store_path(store)), timeout=timeout, max_bytes=max_result_bytes,
                        workers=workers or os.cpu_count() or 2, cors_origin=cors_origin, public_url=public_url,
                        client_timeout=client_timeout)
    if public_url is not None:
        check_public_url(public_url)
    srv = make_server(settings, host, port, verbose=verbose)
    if verbose:
        import logging

        logging.basicConfig(level=logging.INFO, format="%(message)s")
    from kg.serve.http import endpoint_url

    page = endpoint_url(*srv.server_address)[:-len("sparql")]
    click.echo(f"serving {settings.store_path} at {srv.endpoint.url} (query page {page}); Ctrl-C stops", err=True)
    import signal
    import sys

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # stop the workers too on a plain kill
    try:
        srv.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        srv.server_close()


def check_public_url(url: str) -> None:
    """A --public-url must be an absolute http(s) URL (it becomes the base IRI of queries).

    >>> check_public_url("https://kg.example.org/sparql")
    >>> check_public_url("kg.example.org")
    Traceback (most recent call last):
    ...
    click.exceptions.BadParameter: --public-url must be an absolute http or https URL, e.g. https://kg.example.org/sparql; got 'kg.example.org'
    """
    import urllib.parse

    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc or any(c in url for c in " <>\"{}|\\^`"):
        raise click.BadParameter(f"--public-url must be an absolute http or https URL, e.g. https://kg.example.org/sparql; "
                         f"got {url!r}")
