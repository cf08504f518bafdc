"""``kg push``: load the graph into an external SPARQL store (see :mod:`kg.store.push`)."""
from __future__ import annotations

from pathlib import Path

import click

from kg.cli.common import AUTH, FORMAT, STORE, USER, echo_json, open_ro, password


@click.command()
@click.option("--endpoint", required=True, help="Graph Store Protocol URL (or SPARQL Update URL with --protocol update).")
@click.option("--graph", required=True, help="IRI of the remote graph to (re)write, e.g. urn:kg.")
@USER
@AUTH
@click.option("--protocol", type=click.Choice(["auto", "gsp", "update"]), default="auto", show_default=True,
              help="gsp, update (SPARQL Update), or auto: GSP, falling back to update when the URL has no GSP.")
@click.option("--update-endpoint", default=None, help="SPARQL Update URL for the fallback [default: --endpoint].")
@click.option("--query-endpoint", default=None,
              help="SPARQL query URL for the count check [default: read the graph back by GSP].")
@click.option("--batch", type=click.IntRange(1), default=5000, show_default=True, help="Triples per request.")
@click.option("--retries", type=click.IntRange(0, 10), default=3, show_default=True, help="Retries per request.")
@click.option("--no-index", is_flag=True, help="Leave out the lookup index (kg query --endpoint then cannot resolve names).")
@STORE
@FORMAT
def push(endpoint: str, graph: str, user: str | None, auth: str, protocol: str, update_endpoint: str | None,
         query_endpoint: str | None, batch: int, retries: int, no_index: bool, store: Path | None, fmt: str) -> None:
    """Load the graph into an external SPARQL 1.1 store and check the remote triple counts."""
    from kg.store.push import push as run_push
    from kg.store.remote import Endpoint

    ep = Endpoint(endpoint, user=user, password=password(user), auth=auth, retries=retries)
    done = run_push(open_ro(store), ep, graph, batch=batch, protocol=protocol, update_url=update_endpoint,
                    query_url=query_endpoint, index=not no_index)
    if fmt == "json":
        echo_json(done)
        return
    counts = ", ".join(f"{g} {n}" for g, n in done["remote_counts"].items())
    click.echo(f"pushed {done['triples']} triples (+ {done['index_triples']} index) to {graph} by {done['protocol']} "
               f"in {done['seconds']} s; remote counts match: {counts}")
