"""The ``kg`` command line. The only place that turns library errors into messages and exit codes.

Exit codes: 0 success, 1 not found or a failed check, 2 bad input (data, usage, query).
Imports are done inside each command so that start-up stays fast.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from kg.errors import KGError, NotFoundError

FORMAT = click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
                      help="text for people (tables), json for scripts.")
STORE = click.option("--store", "store", type=click.Path(file_okay=False, path_type=Path), envvar="KG_STORE",
                     default=None, help="Store directory [env KG_STORE; default exports/store].")


def _store_path(store: Path | None) -> Path:
    from kg.store import store_path

    return store_path(store)


def _open(store: Path | None):
    from kg.store import open_store

    return open_store(_store_path(store))


def _echo_json(data) -> None:
    from kg.render import to_json

    click.echo(to_json(data))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="oncokg", prog_name="kg")
def cli() -> None:
    """Oncology evidence knowledge graph: build it, look things up, ask it questions, export it."""


@cli.command()
@click.option("--data", "data_dir", type=click.Path(path_type=Path), default=Path("data"), show_default=True,
              help="Folder of curated YAML files.")
@click.option("--exports", "exports_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("exports"),
              show_default=True, help="Where to write kg.ttl.")
@STORE
@FORMAT
def build(data_dir: Path, exports_dir: Path, store: Path | None, fmt: str) -> None:
    """Check the curated data and build the store (and exports/kg.ttl) from it.

    Nothing is written if any record is invalid: the old store and exports stay as they were.
    """
    from kg.build import build as run_build

    path = _store_path(store)
    stats = run_build(data_dir, path, exports_dir)
    if fmt == "json":
        _echo_json({"store": str(path), **stats})
        return
    types = ", ".join(f"{n} {t}" for t, n in stats["nodes_by_type"].items())
    click.echo(f"built {path}: {stats['nodes']} nodes ({types}), {stats['edges']} edges, {stats['triples']} triples")
    click.echo(f"wrote {exports_dir / 'kg.ttl'}")


@cli.command()
@click.argument("term")
@STORE
@FORMAT
def lookup(term: str, store: Path | None, fmt: str) -> None:
    """Find an entity by name, synonym, brand, code, CURIE or bare id, NCT number, trial
    acronym or alias, PMID or DOI (case-insensitive) and show it with its neighbours."""
    from kg.lookup import lookup as run_lookup

    found = run_lookup(_open(store), term)
    if fmt == "json":
        _echo_json(found)
        return
    from kg.render import entity_text

    click.echo("\n\n".join(entity_text(e) for e in found))


@cli.group()
def query() -> None:
    """Named questions over the graph."""


@query.command("approvals")
@click.option("--drug", help="Only approvals of this drug (any name, brand, code or id).")
@STORE
@FORMAT
def approvals_cmd(drug: str | None, store: Path | None, fmt: str) -> None:
    """Every approval with the trials that support it (and, for withdrawn ones, the trial that failed)."""
    from kg.lookup import resolve, suggestions
    from kg.query import approvals

    st = _open(store)
    drug_id = None
    if drug is not None:
        ids = resolve(st, drug, ("Drug",))
        if not ids:
            raise NotFoundError(drug, suggestions(st, drug))
        drug_id = ids[0]
    items = approvals(st, drug=drug_id)
    if fmt == "json":
        _echo_json(items)
        return
    from kg.render import approvals_text

    click.echo(approvals_text(items))
    click.echo(f"\n{len(items)} approvals")


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["ttl", "nt", "jsonld", "xml", "trig"]), default="ttl",
              show_default=True, help="RDF serialisation.")
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="File to write [default exports/kg.<ext>]; '-' for standard output.")
@STORE
def export(fmt: str, output: Path | None, store: Path | None) -> None:
    """Export the graph as RDF (Turtle, N-Triples, JSON-LD, RDF/XML or TriG)."""
    from kg.export.rdf import FORMATS, export as run_export, serialize, store_graph

    st = _open(store)
    if str(output) == "-":
        sys.stdout.buffer.write(serialize(store_graph(st), fmt))
        return
    path = output or Path("exports") / f"kg{FORMATS[fmt].suffix}"
    run_export(st, fmt, path)
    click.echo(f"wrote {path}")


@cli.command()
@click.option("--data", "data_dir", type=click.Path(path_type=Path), default=Path("data"), show_default=True)
@FORMAT
def validate(data_dir: Path, fmt: str) -> None:
    """Check the curated data (fields, ids, references, sources) and run the SHACL shapes."""
    from kg.validate import format_violations, validate as run_validate

    report = run_validate(data_dir)
    if fmt == "json":
        _echo_json(report)
    elif report["conforms"]:
        click.echo(f"valid: {report['records']} records, {report['triples']} triples conform to the shapes")
    else:
        click.echo(format_violations(report["violations"]))
    if not report["conforms"]:
        sys.exit(1)


@cli.command()
@STORE
@FORMAT
def stats(store: Path | None, fmt: str) -> None:
    """Counts of what the store holds, and when and from what it was built."""
    from kg.store import read_meta

    meta = read_meta(_store_path(store))
    if fmt == "json":
        _echo_json(meta)
        return
    from kg.render import table

    click.echo(f"store {_store_path(store)} built {meta['built_at']} from {meta['data_dir']}")
    click.echo(f"{meta['nodes']} nodes, {meta['edges']} edges, {meta['triples']} triples\n")
    click.echo(table([{"type": k, "count": v} for k, v in meta["nodes_by_type"].items()], ["type", "count"]))
    click.echo()
    click.echo(table([{"predicate": k, "count": v} for k, v in meta["edges_by_predicate"].items()],
                     ["predicate", "count"]))


def main(argv: list[str] | None = None) -> None:
    """Entry point of the ``kg`` script: runs the CLI and maps errors to messages and exit codes."""
    try:
        cli.main(args=argv, prog_name="kg", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(1)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except KGError as exc:
        click.echo(f"kg: {exc}", err=True)
        sys.exit(exc.exit_code)
    except OSError as exc:
        click.echo(f"kg: {exc}", err=True)
        sys.exit(1)
    except Exception as exc:  # a bug: say so plainly, traceback only on request
        if os.environ.get("KG_DEBUG"):
            raise
        click.echo(f"kg: internal error: {type(exc).__name__}: {exc} (set KG_DEBUG=1 for a traceback)", err=True)
        sys.exit(70)
    sys.exit(0)
