"""``kg ingest FILE`` and ``kg audit FILE``: read an article into the graph, or check it against it."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from kg.cli.common import FORMAT, STORE, echo_json, open_ro, store_path

_FILE = click.argument("file", type=click.Path(path_type=Path, dir_okay=True))


def _short(text: str | None, width: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[:width - 1] + "…"


def _values(values: dict[str, Any]) -> str:
    return ", ".join(f"{k}={v}" for k, v in values.items() if k != "drug")


def _table(rows: list[list[str]], head: list[str]) -> str:
    from kg.cli.render import table

    return table([dict(zip(head, r)) for r in rows], head, max_width=60)


@click.command()
@_FILE
@click.option("--dry-run", is_flag=True, help="Show what would be added; change nothing.")
@click.option("--with-text", is_flag=True, help="With --format json: include the extracted plain text "
                                                "(the text every offset refers to).")
@STORE
@FORMAT
def ingest(file: Path, dry_run: bool, with_text: bool, store: Path | None, fmt: str) -> None:
    """Read an article (plain text, Markdown or HTML; UTF-8) into the graph: a Document, the
    entities the graph does not know yet, and its claims, each with its sentence and offsets,
    marked as machine-extracted. Curated records are never changed; ingesting the same file
    again adds nothing."""
    from kg.sources.ingest import ingest as run_ingest

    open_ro(store)  # a clear error if there is no store
    ex, report = run_ingest(file, store_path(store), dry_run=dry_run, on_wait=lambda msg: click.echo(msg, err=True))
    data = ex.as_json(with_text)
    if report is not None:
        data["document"]["saved"] = report
    if fmt == "json":
        echo_json(data)
        return
    doc = data["document"]
    click.echo(f"{'would add' if dry_run else 'read'} {doc['path']}: {doc['id']}"
               f"{' (curated document)' if doc['curated'] else ''}, {doc['format']}, sha256 {doc['sha256'][:12]}")
    click.echo(f"title: {doc['title']}\n")
    ents = {}
    for e in data["entities"]:
        ents.setdefault(e["id"], {**e, "count": 0})["count"] += 1
    click.echo(f"entities ({len(ents)} distinct, {len(data['entities'])} mentions):")
    click.echo(_table([[e["type"], e["id"], _short(e["text"], 30), str(e["count"]), "new" if e["new"] else ""]
                       for e in ents.values()], ["type", "id", "text", "mentions", "new"]))
    click.echo(f"\nclaims ({len(data['claims'])}):")
    click.echo(_table([[c["kind"], c["subject"], c["object"] or "", c["evidence_level"] or "", c["direction"] or "",
                        f"{c['start']}-{c['end']}", _short(_values(c["values"]), 40)] for c in data["claims"]],
                      ["kind", "subject", "object", "level", "direction", "chars", "values"]))
    if report is None:
        click.echo("\ndry run: nothing written")
    elif report["written"]:
        click.echo(f"\nsaved layer {report['layer']}: {len(report['added'])} added, {len(report['changed'])} changed, "
                   f"{len(report['removed'])} removed, {report['unchanged']} unchanged")
    else:
        click.echo(f"\nlayer {report['layer']} unchanged: nothing to add")


@click.command()
@_FILE
@STORE
@FORMAT
def audit(file: Path, store: Path | None, fmt: str) -> None:
    """Check each claim of an article against the graph: consistent, outdated (true once, no
    longer), contradicted (a record states the opposite) or not in graph (nothing to compare
    with), with the records and sources that decided it, the best match first. Changes nothing."""
    from kg.query.audit import VERDICTS, audit_file

    _, results = audit_file(file, open_ro(store))
    if fmt == "json":
        echo_json(results)
        return
    for r in results:
        c = r["claim"]
        obj = f" -> {c['object']}" if c["object"] else ""
        click.echo(f"{r['verdict'].upper():13} {c['kind']}: {c['subject']}{obj}  [chars {c['start']}-{c['end']}]")
        click.echo(f"{'':13} \"{_short(r['sentence'], 100)}\"")
        for b in r["because"][:4]:
            src = f"  ({', '.join(b['sources'][:3])}{', ...' if len(b['sources']) > 3 else ''})" if b["sources"] else ""
            click.echo(f"{'':13} - {_short(b['fact'], 110)}{src}")
        if len(r["because"]) > 4:
            click.echo(f"{'':13} - and {len(r['because']) - 4} more")
        click.echo()
    counts = {v: sum(r["verdict"] == v for r in results) for v in VERDICTS}
    click.echo(f"{len(results)} claims: " + ", ".join(f"{n} {v}" for v, n in counts.items()))
