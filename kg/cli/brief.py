"""``kg brief DRUG [INDICATION]``: an evidence page generated from the graph (Markdown or HTML)."""
from __future__ import annotations

from pathlib import Path

import click

from kg.cli.common import STORE, open_ro, resolve_one, store_path


@click.command()
@click.argument("drug")
@click.argument("indication", required=False)
@click.option("--format", "fmt", type=click.Choice(["markdown", "html"]), default="markdown", show_default=True,
              help="Markdown, or one self-contained HTML file (offline, timeline drawn as SVG).")
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="File to write [default: standard output].")
@click.option("--as-of", "as_of", default=None, metavar="YYYY-MM-DD",
              help="Write the page as it would have read on that day.")
@click.option("--audience", type=click.Choice(["general", "clinician"]), default="general", show_default=True,
              help="clinician: every result with effect sizes, CIs, p values, designs and comparisons.")
@STORE
def brief(drug: str, indication: str | None, fmt: str, output: Path | None, as_of: str | None, audience: str,
          store: Path | None) -> None:
    """Write the evidence page of DRUG (optionally in INDICATION): what it is and how it works,
    its regulatory history, the evidence by indication and setting, limitations and what is
    still open, every factual sentence with numbered sources. It gives no advice."""
    from kg.brief.page import build_page
    from kg.fsutil import atomic_write
    from kg.store.local import read_meta

    if as_of is not None:
        from kg.query.approvals import full_date

        as_of = full_date(as_of)
    st = open_ro(store)
    drug_id = resolve_one(st, drug, ("Drug",))
    ind_id = resolve_one(st, indication, ("Indication",)) if indication else None
    built = read_meta(store_path(store)).get("built_at")
    page = build_page(st, drug_id, ind_id, as_of=as_of, audience=audience, built_at=built)
    if fmt == "html":
        from kg.brief.html import render_html

        text = render_html(page)
    else:
        from kg.brief.markdown import render_markdown

        text = render_markdown(page)
    if output is None:
        click.echo(text, nl=False)
        return
    atomic_write(output, text.encode("utf-8"))
    click.echo(f"wrote {output} ({len(page['references'])} references)", err=True)
