"""``kg import SOURCE FILE...``: import a public source into its layer of the store."""
from __future__ import annotations

import sys
from contextlib import nullcontext
from pathlib import Path

import click

from kg.cli.common import FORMAT, STORE, echo_json, store_path
from kg.sources.importers import IMPORTERS


@click.command("import")
@click.argument("source", type=click.Choice(sorted(IMPORTERS)))
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--release", default=None, help="The source's release (default: found in the data or the file "
                                              "name, else the file date).")
@click.option("--data", "data_dir", type=click.Path(path_type=Path), default=None,
              help="Folder of curated YAML files [default: the one the store was built from].")
@STORE
@FORMAT
def import_cmd(source: str, paths: tuple[Path, ...], release: str | None, data_dir: Path | None,
               store: Path | None, fmt: str) -> None:
    """Import FILEs (or folders; for ctgov also JSON-lines dumps) of SOURCE into the store.

    Records land on the existing nodes where they can be resolved (by identifier, or by exact
    name where allowed; never by a fuzzy name) and become new nodes otherwise. Re-importing the
    same release changes nothing; a newer one replaces the layer and keeps its history
    (kg layers history SOURCE). Rejected rows are counted and listed; a file that cannot be
    read changes nothing.
    """
    from kg.sources.importers import importer, input_size, run_import

    files = importer(source).expand(list(paths))
    tty = sys.stderr.isatty()
    bar = click.progressbar(length=input_size(files), label=f"reading {source}", file=sys.stderr) if tty else None
    with bar or nullcontext():
        report = run_import(store_path(store), source, paths, release=release, data_dir=data_dir,
                            progress=bar.update if bar else None, files=files,
                            on_wait=lambda msg: click.echo(msg, err=True))
    if fmt == "json":
        echo_json(report)
        return
    click.echo(report_text(report))


def report_text(r: dict) -> str:
    """The import report for people.

    >>> print(report_text({"source": "civic", "layer": "civic", "release": "2025-12-29", "files": [{}],
    ...     "read": 2, "imported": 1, "rejected": 1, "skipped": {}, "resolved": 1, "resolved_by_type": {"Drug": 1},
    ...     "new": 0, "new_by_type": {}, "unresolved": {}, "rejections": [{"file": "f", "line": 3, "reason": "bad"}],
    ...     "changes": {"added": 1, "removed": 0, "changed": 0, "unchanged": 0, "written": True, "rebuilt": ["civic"]},
    ...     "seconds": {"total": 1.0}}))
    civic release 2025-12-29: read 2 records from 1 file
    imported 1, rejected 1
    resolved to existing nodes: 1 (Drug 1)
    new nodes: 0
    layer civic: 1 added, 0 changed, 0 removed, 0 unchanged; store updated (rebuilt: civic) (1.0 s in all)
    rejected:
      f:3: bad
    """
    def by_type(d: dict) -> str:
        return f" ({', '.join(f'{k} {v}' for k, v in d.items())})" if d else ""

    n = len(r["files"])
    out = [f"{r['source']} release {r['release']}: read {r['read']} records from {n} file{'s' if n != 1 else ''}",
           f"imported {r['imported']}, rejected {r['rejected']}"
           + "".join(f", skipped {v} ({k})" for k, v in r["skipped"].items()),
           f"resolved to existing nodes: {r['resolved']}{by_type(r['resolved_by_type'])}",
           f"new nodes: {r['new']}{by_type(r['new_by_type'])}"]
    if r["unresolved"]:
        out.append("not resolved (left out): " + ", ".join(f"{v} {k}" for k, v in r["unresolved"].items()))
    c = r["changes"]
    rebuilt = ", ".join(c.get("rebuilt") or []) or "nothing"
    done = f"store updated (rebuilt: {rebuilt})" if c["written"] else "same records as before: store unchanged"
    out.append(f"layer {r['layer']}: {c['added']} added, {c['changed']} changed, {c['removed']} removed, "
               f"{c['unchanged']} unchanged; {done} ({r['seconds']['total']} s in all)")
    if r["rejections"]:
        out.append("rejected:")
        out.extend(f"  {x['file']}:{x['line']}: {x['reason']}" for x in r["rejections"])
    return "\n".join(out)
