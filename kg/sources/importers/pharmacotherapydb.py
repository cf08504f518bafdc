"""PharmacotherapyDB (``indications.tsv``): physician-curated drug-disease pairs with DrugBank
and DOID ids, each in one category: DM (disease-modifying), SYM (symptomatic) or NOT
(non-indication). Each pair becomes an :class:`~kg.schema.model.Evidence` statement on the drug and
the disease. The categories say what kind of use a pair is, not how strong its evidence is, so
they map onto our directions (DM and SYM: supports; NOT: does not support) and no level is
given (the source grades none); the category and the curator and resource counts are kept.

>>> CATEGORIES["NOT"]
('non-indication', 'does not support')
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator

from kg.schema import model
from kg.errors import SourceFormatError
from kg.sources.importers.base import Context, tsv_rows

LAYER = "pharmacotherapydb"
INFORES = "infores:pharmacotherapydb"
CATEGORIES = {"DM": ("disease-modifying", "supports"), "SYM": ("symptomatic", "supports"),
              "NOT": ("non-indication", "does not support")}
COLUMNS = ("doid_id", "drugbank_id", "disease", "drug", "category", "n_curators", "n_resources")


def expand(paths: list[Path]) -> list[Path]:
    """The pair files (a folder stands for its ``indications.tsv``)."""
    out = []
    for p in paths:
        if p.is_dir():
            if not (p / "indications.tsv").exists():
                raise SourceFormatError("no indications.tsv in this folder", file=str(p))
            out.append(p / "indications.tsv")
        else:
            out.append(p)
    return out


def read(files: list[Path], ctx: Context) -> Iterator[model.Evidence]:
    """One statement per well-formed pair."""
    for f in files:
        for line, row in tsv_rows(f, COLUMNS, ctx):
            problem = _problem(row)
            if problem:
                ctx.reject(f, line, problem)
                continue
            evidence = ctx.attempt(f, line, lambda: _evidence(row, ctx))
            if evidence is not None:
                yield evidence


def _problem(row: dict[str, str]) -> str | None:
    if not re.fullmatch(r"DOID:\d+", row["doid_id"]):
        return f"bad DOID {row['doid_id']!r}"
    if not re.fullmatch(r"DB\d{5}", row["drugbank_id"]):
        return f"bad DrugBank id {row['drugbank_id']!r}"
    if row["category"] not in CATEGORIES:
        return f"category {row['category']!r} is not one of {', '.join(CATEGORIES)}"
    if not (row["drug"].strip() and row["disease"].strip()):
        return "empty drug or disease name"
    if not (row["n_curators"].isdigit() and row["n_resources"].isdigit()):
        return "n_curators and n_resources must be whole numbers"
    return None


def _evidence(row: dict[str, str], ctx: Context) -> model.Evidence:
    db, doid = row["drugbank_id"], row["doid_id"]
    rec = f"{db}/{doid}"
    drug = ctx.new_drug(row["drug"].strip(), rec, (f"DRUGBANK:{db}",))
    indication = ctx.hit(ctx.resolver.indication((doid,))) or ctx.create(
        model.Indication(id=doid, name=row["disease"].strip(), sources=(ctx.source(rec),)))
    label, direction = CATEGORIES[row["category"]]
    return model.Evidence(
        id=f"KG:pharmacotherapydb-{db.lower()}-{doid.replace(':', '-').lower()}",
        name=f"PharmacotherapyDB {row['drug'].strip()} / {row['disease'].strip()}", direction=direction,
        drugs=(drug,), indication=indication, source_direction=row["category"], significance=label,
        evidence_type="indication catalogue",
        statement=(f"{row['drug'].strip()} for {row['disease'].strip()}: {label} ({row['category']}); "
                   f"{row['n_curators']} of 3 physician curators gave this category; "
                   f"listed in {row['n_resources']} of the 4 indication resources compiled"),
        sources=(ctx.source(rec),))
