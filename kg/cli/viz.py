"""``kg viz``: the interactive, offline HTML explorer of the graph or a part of it."""
from __future__ import annotations

from pathlib import Path

import click

from kg.cli.common import STORE, open_ro, resolve_one
from kg.schema.vocab import LEVELS, NODE_TYPES


@click.command()
@click.argument("focus", required=False)
@click.option("--depth", type=click.IntRange(0, 10), default=None,
              help="With FOCUS: how many steps around it (default 1).")
@click.option("--type", "types", multiple=True, type=click.Choice(NODE_TYPES),
              help="Keep only nodes of this type (repeatable; FOCUS is always kept).")
@click.option("--min-level", type=click.Choice(LEVELS), default=None,
              help="Drop evidence below this level.")
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path), default=Path("exports") / "kg.html",
              show_default=True, help="HTML file to write.")
@click.option("--title", default="Oncology evidence graph", show_default=True)
@STORE
def viz(focus: str | None, depth: int | None, types: tuple[str, ...], min_level: str | None, output: Path,
        title: str, store: Path | None) -> None:
    """Write one self-contained HTML file (works offline) showing the graph, or the
    neighbourhood of FOCUS (any name, synonym or id), with search, filters and evidence tooltips."""
    from kg.errors import QueryError
    from kg.export.explorer import from_store
    from kg.export.html import write_html

    st = open_ro(store)
    focus_id = resolve_one(st, focus, ()) if focus else None
    try:
        counts = write_html(from_store(st), output, focus=focus_id, depth=depth, types=types or None,
                            min_level=min_level, title=title)
    except ValueError as exc:
        raise QueryError(str(exc)) from None
    click.echo(f"wrote {output}: {counts['nodes']} nodes, {counts['edges']} edges")
