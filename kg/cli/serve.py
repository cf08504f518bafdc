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
@click.option("--verbose", is_flag=True, help="Log every request to standard error.")
@STORE
def serve(host: str, port: int, workers: int | None, timeout: float, max_result_bytes: int, cors_origin: str | None,
          verbose: bool, store: Path | None) -> None:
    """Serve the store as a read-only SPARQL 1.1 Protocol endpoint at /sparql, with a query page at /."""
    from kg.serve.http import Settings, make_server

    settings = Settings(str(store_path(store)), timeout=timeout, max_bytes=max_result_bytes,
                        workers=workers or os.cpu_count() or 2, cors_origin=cors_origin)
    srv = make_server(settings, host, port, verbose=verbose)
    bound_host, bound_port = srv.server_address[:2]
    click.echo(f"serving {settings.store_path} at http://{bound_host}:{bound_port}/sparql "
               f"(query page http://{bound_host}:{bound_port}/); Ctrl-C stops", err=True)
    import signal
    import sys

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # stop the workers too on a plain kill
    try:
        srv.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        srv.server_close()
