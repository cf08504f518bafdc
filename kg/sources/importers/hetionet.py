"""Hetionet nodes (``hetionet-v1.0-nodes.tsv``: id, name, kind): the Compound, Gene and Disease
nodes, as a scale test of entity resolution. ``Compound::DB00619`` is a drug by DrugBank id,
``Gene::29126`` a target by NCBI Gene id (the name column is the gene symbol),
``Disease::DOID:1324`` a disease by DOID. Each lands on the node that already has the id (or,
for a drug or gene without one, the exact name or symbol), else becomes a new node with its id.
Other kinds (anatomy, pathways, side effects...) are counted as skipped. The release is the
version in the file name (``v1.0``).

>>> parse_id("Compound::DB00619"), parse_id("Gene::29126"), parse_id("Disease::DOID:1324")
(('Compound', 'DRUGBANK:DB00619'), ('Gene', 'NCBIGene:29126'), ('Disease', 'DOID:1324'))
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator

from kg.schema import model
from kg.sources.importers.base import Context, tsv_rows, version_in_name

LAYER = "hetionet-nodes"
INFORES = "infores:hetionet"
_IDS = {"Compound": (re.compile(r"DB\d{5}"), "DRUGBANK:"), "Gene": (re.compile(r"\d+"), "NCBIGene:"),
        "Disease": (re.compile(r"DOID:\d+"), "")}


def expand(paths: list[Path]) -> list[Path]:
    """The node files (a folder stands for its ``*nodes.tsv``)."""
    return [f for p in paths for f in (sorted(p.glob("*nodes.tsv")) if p.is_dir() else [p])]


def parse_id(node: str) -> tuple[str, str] | None:
    """(kind, CURIE) of a Hetionet node id of an imported kind; None if malformed."""
    kind, _, local = node.partition("::")
    rx, prefix = _IDS.get(kind, (None, ""))
    return (kind, prefix + local) if rx is not None and rx.fullmatch(local) else None


def read(files: list[Path], ctx: Context) -> Iterator[model.Record]:
    """Resolve or create one node per Compound, Gene and Disease row (new nodes are kept by ``ctx``)."""
    for f in files:
        ctx.release = ctx.release or version_in_name(f)
        for line, row in tsv_rows(f, ("id", "name", "kind"), ctx):
            if row["kind"] not in _IDS:
                ctx.skipped[f"kind {row['kind']}"] += 1
                continue
            parsed = parse_id(row["id"])
            if parsed is None or parsed[0] != row["kind"]:
                ctx.reject(f, line, f"bad {row['kind']} id {row['id']!r}")
                continue
            if not row["name"].strip():
                ctx.reject(f, line, "empty name")
                continue
            ctx.attempt(f, line, lambda: _node(parsed[0], parsed[1], row["name"].strip(), ctx, row["id"]) and None)
    return iter(())


def _node(kind: str, ident: str, name: str, ctx: Context, record: str) -> str:
    src = (ctx.source(record),)
    r = ctx.resolver
    if kind == "Compound":
        return ctx.new_drug(name, record, (ident,))
    if kind == "Gene":
        return ctx.hit(r.target((ident,), name)) or ctx.create(model.Target(id=ident, name=name, symbol=name, sources=src))
    return ctx.hit(r.indication((ident,))) or ctx.create(model.Indication(id=ident, name=name, sources=src))
