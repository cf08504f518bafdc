"""The ``kg`` command line. The only place that turns library errors into messages and exit codes.

Exit codes: 0 success, 1 not found or a failed check, 2 bad input (data, usage, query).
Imports are done inside each command so that start-up stays fast.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from kg.errors import KGError

from kg.cli.common import FORMAT, STORE, echo_json as _echo_json, open_ro as _open, store_path as _store_path

#: Commands defined in their own modules, imported only when used (start-up stays fast).
LAZY_COMMANDS = {
    "query": "kg.cli.query:query", "viz": "kg.cli.viz:viz", "layers": "kg.cli.layers:layers",
    "ingest": "kg.cli.ingest:ingest", "audit": "kg.cli.ingest:audit", "serve": "kg.cli.serve:serve",
    "push": "kg.cli.push:push", "import": "kg.cli.importing:import_cmd", "manifest": "kg.cli.manifest:manifest",
    "brief": "kg.cli.brief:brief",
    "crosswalk": "kg.cli.crosswalk:crosswalk",
}


class _LazyGroup(click.Group):
    """A group that imports a subcommand's module the first time the subcommand is asked for."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *LAZY_COMMANDS})

    def get_command(self, ctx: click.Context, name: str):
        if name in LAZY_COMMANDS and name not in self.commands:
            import importlib

            module, attr = LAZY_COMMANDS[name].split(":")
            self.add_command(getattr(importlib.import_module(module), attr), name)
        return super().get_command(ctx, name)


@click.group(cls=_LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
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
    stats = run_build(data_dir, path, exports_dir, on_wait=lambda msg: click.echo(msg, err=True))
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
    from kg.query.lookup import lookup as run_lookup

    found = run_lookup(_open(store), term)
    if fmt == "json":
        _echo_json(found)
        return
    from kg.cli.render import entity_text

    click.echo("\n\n".join(entity_text(e) for e in found))


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["ttl", "nt", "nq", "trig", "jsonld", "xml", "kgx"]),
              default="ttl", show_default=True,
              help="RDF serialisation (nq and trig keep each source's triples in a graph of its own), "
                   "or kgx (KGX TSV: nodes.tsv and edges.tsv, Biolink).")
@click.option("--output", type=click.Path(path_type=Path), default=None,
              help="File to write [default exports/kg.<ext>]; '-' for standard output. "
                   "For kgx a folder [default exports/kgx/].")
@STORE
def export(fmt: str, output: Path | None, store: Path | None) -> None:
    """Export the graph as RDF (Turtle, N-Triples, N-Quads, TriG, JSON-LD or RDF/XML) or as KGX TSV.

    Turtle, N-Triples, N-Quads and TriG are streamed from the store (memory stays flat);
    JSON-LD and RDF/XML hold the whole graph in memory.
    """
    st = _open(store)
    if fmt == "kgx":
        from kg.export.kgx import export as run_kgx

        if str(output) == "-":
            raise click.BadParameter("kgx writes two files (nodes.tsv, edges.tsv): give a folder", param_hint="--output")
        done = run_kgx(st, output or Path("exports") / "kgx")
        click.echo(f"wrote {done['nodes_file']} ({done['nodes']} nodes) and {done['edges_file']} ({done['edges']} edges)")
        return
    from kg.export.rdf import FORMATS, export as run_export, write

    if str(output) == "-":
        write(st, fmt, sys.stdout.buffer)
        sys.stdout.buffer.flush()
        return
    path = output or Path("exports") / f"kg{FORMATS[fmt].suffix}"
    run_export(st, fmt, path)
    click.echo(f"wrote {path}")


@cli.command()
@click.option("--data", "data_dir", type=click.Path(path_type=Path), default=Path("data"), show_default=True)
@FORMAT
def validate(data_dir: Path, fmt: str) -> None:
    """Check the curated data (fields, ids, references, sources) and run the SHACL shapes."""
    from kg.graph.validate import format_violations, validate as run_validate

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
@click.option("--coverage", is_flag=True, help="Per drug: FDA approvals, accelerated, converted, withdrawn, "
              "with a pivotal trial, and EU approvals.")
@STORE
@FORMAT
def stats(coverage: bool, store: Path | None, fmt: str) -> None:
    """Counts of what the store holds, and when and from what it was built (or, with --coverage,
    what the graph covers of each drug's approvals)."""
    from kg.cli.render import table

    if coverage:
        from kg.cli.render import coverage_text
        from kg.query.approvals import coverage as run_coverage

        rows = run_coverage(_open(store))
        if fmt == "json":
            _echo_json(rows)
        else:
            click.echo(coverage_text(rows))
        return
    from kg.store.local import read_meta

    meta = read_meta(_store_path(store))
    if fmt == "json":
        _echo_json(meta)
        return
    from kg.cli.render import table

    click.echo(f"store {_store_path(store)} built {meta.get('built_at', '(unknown)')} from "
               f"{meta.get('data_dir', '(unknown)')}")
    click.echo(f"{meta.get('nodes', '?')} nodes, {meta.get('edges', '?')} edges, {meta.get('triples', '?')} triples\n")
    click.echo(table([{"type": k, "count": v} for k, v in meta.get("nodes_by_type", {}).items()], ["type", "count"]))
    click.echo()
    click.echo(table([{"predicate": k, "count": v} for k, v in meta.get("edges_by_predicate", {}).items()],
                     ["predicate", "count"]))




def _positive_seconds(ctx, param, value: float) -> float:
    """--timeout: a finite number of seconds above zero (nan, inf, 0 and negatives are refused)."""
    import math

    if not math.isfinite(value) or value <= 0:
        raise click.BadParameter(f"{value!r} is not a time limit: give a number of seconds above 0")
    return value


def _query_file_text(file) -> str:
    """The text of a query file, or a :class:`QueryError` naming the file and the line of the first
    byte that is not UTF-8."""
    from kg.errors import QueryError

    data = file.read()
    try:
        return data.decode("utf-8-sig")  # a byte order mark is the file's, not the query's
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise QueryError(f"{file.name}: line {line}: the query file is not UTF-8 text "
                         f"(byte 0x{data[exc.start]:02x} at offset {exc.start}): save it as UTF-8") from None


@cli.command()
@click.argument("text", required=False)
@click.option("--file", "file", type=click.File("rb"), help="Read the query from a file (UTF-8; '-' for standard input).")
@click.option("--bind", "binds", multiple=True, metavar="NAME=VALUE",
              help="Bind ?NAME to VALUE (an <IRI>, a CURIE, or else a string); repeatable.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv", "tsv", "xml", "ttl", "nt"]),
              default="table", show_default=True, help="SPARQL results format (ttl/nt for CONSTRUCT, DESCRIBE).")
@click.option("--timeout", default=30.0, show_default=True, callback=_positive_seconds,
              help="Stop the query after this many seconds.")
@click.option("--base", "base", default=None, metavar="IRI",
              help="Base IRI for relative IRIs in the query [default: the query file's file: URI, "
                   "else the current folder's].")
@STORE
def sparql(text: str | None, file, binds: tuple[str, ...], fmt: str, timeout: float, base: str | None,
           store: Path | None) -> None:
    """Run a read-only SPARQL 1.1 query (SELECT, ASK, CONSTRUCT, DESCRIBE) on the store.

    The prefixes kg:, biolink:, skos:, rdfs:, xsd: and the identifier prefixes (DRUGBANK:,
    MONDO:, HGNC:, CLINICALTRIALS:, PMID:, ...) are declared. Updates, SERVICE and LOAD are refused.
    Relative IRIs (<s>) are resolved against --base, by default the query file's file: URI or,
    for a query given as an argument, the current folder's (file:///path/to/folder/).
    """
    from kg.errors import QueryError
    from kg.cli.render import table_from_json
    from kg.query.sparql import default_base_iri, parse_binding, sparql as run_sparql

    if (text is None) == (file is None):
        raise QueryError("give the query as an argument or with --file (one of them)")
    query_text = text if text is not None else _query_file_text(file)
    bindings = dict(parse_binding(b) for b in binds)
    _open(store)  # a clear error if there is no store
    wire = "json" if fmt == "table" else fmt
    if base is None:
        base = default_base_iri(file.name if file is not None and file.name not in ("-", "<stdin>") else None)
    try:
        data = run_sparql(str(_store_path(store)), query_text, bindings=bindings, fmt=wire, timeout=timeout,
                          base_iri=base)
    except QueryError as exc:
        if file is None:
            raise
        raise type(exc)(f"{file.name}: {exc}") from None  # the line and column are in that file
    if fmt == "table" and data.lstrip().startswith(b"{"):
        click.echo(table_from_json(data))
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()


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
