"""``kg layers``: what ``kg ingest`` and ``kg import`` added beside the curated data."""
from __future__ import annotations

from pathlib import Path

import click

from kg.cli.common import FORMAT, STORE, echo_json, store_path


@click.group(invoke_without_command=True)
@STORE
@FORMAT
@click.pass_context
def layers(ctx: click.Context, store: Path | None, fmt: str) -> None:
    """List the layers of added records (each import source or ingested document is one)."""
    ctx.obj = {"store": store_path(store), "fmt": fmt}
    if ctx.invoked_subcommand is not None:
        return
    from kg.sources.layers import list_layers

    found = list_layers(ctx.obj["store"])
    if fmt == "json":
        echo_json(found)
        return
    if not found:
        click.echo("no layers: the store holds the curated data only")
    for layer in found:
        counts = ", ".join(f"{n} {k}" for k, n in layer["records"].items())
        meta = ", ".join(f"{k} {v}" for k, v in sorted(layer["meta"].items()) if isinstance(v, (str, int)))
        click.echo(f"{layer['layer']}: {counts}" + (f"  ({meta})" if meta else ""))


@layers.command("history")
@click.argument("name")
@click.pass_obj
def history_cmd(obj: dict, name: str) -> None:
    """What each save of layer NAME added, removed and changed."""
    from kg.errors import NotFoundError
    from kg.sources.layers import history

    entries = history(obj["store"], name)
    if not entries:
        raise NotFoundError(name)
    if obj["fmt"] == "json":
        echo_json(entries)
        return
    for e in entries:
        release = e.get("meta", {}).get("release")
        click.echo(f"{e['at']}" + (f" release {release}" if release else "") + f": {len(e.get('added', []))} added, "
                   f"{len(e.get('changed', []))} changed, {len(e.get('removed', []))} removed")


@layers.command("remove")
@click.argument("name")
@click.pass_obj
def remove_cmd(obj: dict, name: str) -> None:
    """Remove layer NAME and rebuild the store without it."""
    from kg.build import remove_layer

    rep = remove_layer(obj["store"], name, on_wait=lambda msg: click.echo(msg, err=True))
    if obj["fmt"] == "json":
        echo_json(rep)
        return
    click.echo(f"removed layer {name}: {len(rep['removed'])} records; store updated")
