"""CIViC clinical evidence items (``ClinicalEvidenceSummaries.tsv`` of a CIViC release).

Each accepted evidence item becomes an :class:`~kg.schema.model.Evidence` statement: therapies ->
drugs, disease + DOID -> indication, the molecular profile -> its gene(s) (CD274 Expression is
about PD-L1), PMID -> publication, NCT ids -> trials; CIViC's level (A-E), direction,
significance and evidence type are kept beside our level and direction (``LEVELS`` and
``DIRECTIONS`` below; data/README.md explains the mapping). Genes are named by the release's
``FeatureSummaries.tsv`` (symbol -> NCBI Gene id) when it lies beside the evidence file or is
given too; without it only genes already in the graph are linked. The release is the latest
``last_review_date`` in the file.

>>> genes("BCR::ABL1 Fusion AND ABL1 T315I"), genes("CDKN2A p16 Expression")
(['BCR', 'ABL1'], ['CDKN2A'])
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator

from kg.schema import model
from kg.errors import SourceFormatError
from kg.sources.importers.base import Context, tsv_rows

LAYER = "civic"
INFORES = "infores:civic"
EVIDENCE_FILE = "ClinicalEvidenceSummaries.tsv"
FEATURE_FILE = "FeatureSummaries.tsv"

#: CIViC evidence level -> our level. A (validated: proven or consensus association in human
#: medicine) is the top of both scales; B (clinical evidence: a trial or other primary patient
#: data, phase not given) the middle clinical level; C (case study) a case report; D
#: (preclinical) and E (inferential) preclinical.
LEVELS = {"A": "regulatory approval", "B": "phase 2", "C": "case report", "D": "preclinical", "E": "preclinical"}
#: CIViC direction (does the evidence support the item's significance?) -> our direction.
DIRECTIONS = {"Supports": "supports", "Does Not Support": "does not support", "N/A": "inconclusive"}
COLUMNS = ("evidence_id", "molecular_profile", "disease", "doid", "therapies", "therapy_interaction_type",
           "evidence_type", "evidence_direction", "evidence_level", "significance", "evidence_statement",
           "citation_id", "source_type", "citation", "nct_ids", "evidence_status", "last_review_date")
_SYMBOL = re.compile(r"[A-Za-z0-9][A-Za-z0-9.-]*")
_NCT = re.compile(r"NCT\d{8}")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def expand(paths: list[Path]) -> list[Path]:
    """Evidence files (a folder stands for its ClinicalEvidenceSummaries.tsv) and gene tables."""
    out = []
    for p in paths:
        if p.is_dir():
            if not (p / EVIDENCE_FILE).exists():
                raise SourceFormatError(f"no {EVIDENCE_FILE} in this folder", file=str(p))
            out.append(p / EVIDENCE_FILE)
        else:
            out.append(p)
    for f in list(out):
        beside = f.parent / FEATURE_FILE
        if FEATURE_FILE not in f.name and beside.exists() and beside not in out:
            out.append(beside)
    return out


def genes(profile: str) -> list[str]:
    """Gene symbols a molecular profile names: the first word of each clause, both partners of a fusion."""
    out: list[str] = []
    for clause in re.split(r"\b(?:AND|OR|NOT)\b|[()]", profile):
        words = clause.split()
        for sym in (words[0].split("::") if words else []):
            if _SYMBOL.fullmatch(sym) and sym not in out:
                out.append(sym)
    return out


def gene_table(path: Path, ctx: Context) -> dict[str, str]:
    """Symbol -> NCBI Gene id of the release's gene features."""
    table = {}
    for _, row in tsv_rows(path, ("feature_type", "name", "entrez_id"), ctx):
        pairs = [(row["name"], row["entrez_id"])] if row["feature_type"] == "Gene" else [
            (row.get(f"{end}_prime_gene_name", ""), row.get(f"{end}_prime_gene_entrez_id", "")) for end in ("five", "three")]
        table.update((sym, gid) for sym, gid in pairs if sym and gid.isdigit())  # fusion partners too
    return table


def read(files: list[Path], ctx: Context) -> Iterator[model.Evidence]:
    """Stream the evidence files and yield one statement per accepted evidence item."""
    table: dict[str, str] = {}
    read_before = ctx.read
    for f in files:
        if FEATURE_FILE in f.name:
            table.update(gene_table(f, ctx))
    ctx.read = read_before  # the gene table is reference data, not evidence items
    unresolved: set[str] = set()
    latest = ""
    for f in files:
        if FEATURE_FILE in f.name:
            continue
        for line, row in tsv_rows(f, COLUMNS, ctx):
            problem = _problem(row)
            if problem:
                ctx.reject(f, line, problem)
                continue
            if row["evidence_status"] != "accepted":
                ctx.skipped[f"status {row['evidence_status'] or 'missing'}"] += 1
                continue
            evidence = ctx.attempt(f, line, lambda: _evidence(row, ctx, table, unresolved))
            if evidence is None:  # rejected (a duplicate evidence id, a bad value): the rest goes on
                continue
            if _DATE.match(row["last_review_date"]):
                latest = max(latest, row["last_review_date"][:10])
            yield evidence
    if unresolved:
        ctx.unresolved["gene symbols"] = len(unresolved)
    ctx.release = latest or None


def _problem(row: dict[str, str]) -> str | None:
    if not row["evidence_id"].isdigit():
        return f"bad evidence_id {row['evidence_id']!r}"
    if row["evidence_level"] not in LEVELS:
        return f"evidence_level {row['evidence_level']!r} is not one of A-E"
    if row["evidence_direction"] not in DIRECTIONS:
        return f"evidence_direction {row['evidence_direction']!r} is not one of {', '.join(DIRECTIONS)}"
    if row["doid"] and not row["doid"].isdigit():
        return f"bad DOID {row['doid']!r}"
    if row["source_type"] == "PubMed" and not re.fullmatch(r"[1-9]\d{0,8}", row["citation_id"]):
        return f"bad PMID {row['citation_id']!r}"
    for nct in _ncts(row):
        if not _NCT.fullmatch(nct):
            return f"bad NCT id {nct!r}"
    return None


def _ncts(row: dict[str, str]) -> list[str]:
    return [x.strip() for x in re.split(r"[,;]", row["nct_ids"]) if x.strip()]  # one release item uses ';'


def _evidence(row: dict[str, str], ctx: Context, table: dict[str, str], unresolved: set[str]) -> model.Evidence:
    eid = row["evidence_id"]
    rec = f"EID:{eid}"
    drugs = tuple(dict.fromkeys(ctx.new_drug(t.strip(), rec) for t in row["therapies"].split(",") if t.strip()))
    indication = None
    if row["doid"]:
        doid = f"DOID:{row['doid']}"
        indication = ctx.hit(ctx.resolver.indication((doid,))) or ctx.create(
            model.Indication(id=doid, name=row["disease"] or doid, sources=(ctx.source(rec),)))
    targets = []
    for sym in genes(row["molecular_profile"]):
        ids = (f"NCBIGene:{table[sym]}",) if sym in table else ()
        found = ctx.hit(ctx.resolver.target(ids, sym))
        if not found and ids:
            found = ctx.create(model.Target(id=ids[0], name=sym, symbol=sym, sources=(ctx.source(rec),)))
        if found:
            targets.append(found)
        else:
            unresolved.add(sym)
    pubs, citation = (), row["citation"] or None
    if row["source_type"] == "PubMed":
        pmid = f"PMID:{row['citation_id']}"
        pubs = (ctx.hit(ctx.resolver.publication(pmid)) or ctx.create(
            model.Publication(id=pmid, pmid=row["citation_id"], citation=citation, sources=(ctx.source(rec),))),)
    elif row["citation_id"]:
        citation = f"{citation or ''} ({row['source_type']} abstract {row['citation_id']})".strip()
    trials = []
    for nct in dict.fromkeys(_ncts(row)):
        trials.append(ctx.hit(ctx.resolver.trial(nct)) or ctx.create(
            model.Trial(id=f"CLINICALTRIALS:{nct}", acronym=nct, sources=(ctx.source(rec),))))
    return model.Evidence(
        id=f"KG:civic-eid-{eid}", name=f"CIViC EID {eid}", level=LEVELS[row["evidence_level"]],
        direction=DIRECTIONS[row["evidence_direction"]], drugs=drugs, indication=indication,
        targets=tuple(targets), biomarker=row["molecular_profile"] or None,
        disease=None if indication else (row["disease"] or None), source_level=row["evidence_level"],
        source_direction=row["evidence_direction"], significance=row["significance"] or None,
        evidence_type=row["evidence_type"] or None, therapy_interaction=row["therapy_interaction_type"] or None,
        statement=row["evidence_statement"] or None, citation=citation, publications=pubs, trials=tuple(trials),
        sources=(ctx.source(rec),))
