"""OncoTree tumour types with their parents and the MONDO class Mondo cross-references to each
(``oncotree.tsv`` beside this module), so that a source coded in OncoTree (MOAlmanac) lands on
MONDO ids and a disease can be compared with a broader or narrower one.

The table is made by :func:`table_rows` from OncoTree 2025-10-03 (cBioPortal, CC BY 4.0: code,
name, parent, NCIt cross-reference) and Mondo's ``mondo_hasdbxref_oncotree.sssom.tsv`` (release
2026-08-04, CC0): the MONDO class whose database cross-reference is the code, where exactly one is.

>>> mondo_of("NSCLC"), parent_of("NSCLC"), lineage("NSCLC")[:3]
('MONDO:0005233', 'LUNG', ('NSCLC', 'LUNG', 'TISSUE'))
>>> "NSCLC" in codes_of_mondo("MONDO:0005233")
True

Diseases Mondo gives no OncoTree code (TNBC, colorectal cancer...) are placed by hand in
``oncotree_within.tsv``, each with the reason (:func:`placement`).
"""
from __future__ import annotations

import csv
import json
from functools import lru_cache
from pathlib import Path
from typing import Iterable

TABLE = Path(__file__).with_name("oncotree.tsv")
WITHIN = Path(__file__).with_name("oncotree_within.tsv")
COLUMNS = ("code", "name", "parent", "mondo", "ncit")


@lru_cache(maxsize=1)
def _table() -> dict[str, dict[str, str]]:
    with open(TABLE, encoding="utf-8", newline="") as fh:
        return {r["code"]: r for r in csv.DictReader(fh, delimiter="\t")}


@lru_cache(maxsize=1)
def _by_mondo() -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for code, r in _table().items():
        if r["mondo"]:
            out.setdefault(r["mondo"], []).append(code)
    return {k: tuple(v) for k, v in out.items()}


def row(code: str) -> dict[str, str] | None:
    """The table's row for an OncoTree code (code, name, parent, mondo, ncit), None if unknown."""
    return _table().get(code)


def mondo_of(code: str) -> str | None:
    """The MONDO id Mondo cross-references to OncoTree ``code``, if any."""
    r = row(code)
    return (r or {}).get("mondo") or None


def ncit_of(code: str) -> str | None:
    """OncoTree's NCIt cross-reference of ``code`` (``NCIT:C...``), if any."""
    r = row(code)
    return (r or {}).get("ncit") or None


def parent_of(code: str) -> str | None:
    r = row(code)
    return (r or {}).get("parent") or None


def lineage(code: str) -> tuple[str, ...]:
    """``code`` and its ancestors, nearest first, up to the root (``TISSUE``)."""
    out: list[str] = []
    while code and code not in out and row(code):
        out.append(code)
        code = parent_of(code) or ""
    return tuple(out)


@lru_cache(maxsize=1)
def _by_name() -> dict[str, str]:
    return {_norm(r["name"]): code for code, r in _table().items()}


def _norm(text: str) -> str:
    return " ".join(text.replace("\u2010", "-").replace("\u2013", "-").casefold().split())


def code_named(name: str) -> str | None:
    """The OncoTree code whose name is ``name`` (normalised: case, spacing, hyphens).

    >>> code_named("non-small cell lung cancer")
    'NSCLC'
    """
    return _by_name().get(_norm(name))


def codes_of_mondo(mondo: str) -> tuple[str, ...]:
    """The OncoTree codes Mondo cross-references to the MONDO class ``mondo``."""
    return _by_mondo().get(mondo, ())


@lru_cache(maxsize=1)
def _within() -> dict[str, str]:
    with open(WITHIN, encoding="utf-8", newline="") as fh:
        return {r["mondo"]: r["code"] for r in csv.DictReader(fh, delimiter="\t")}


def placement(ident: str) -> tuple[tuple[str, ...], bool]:
    """Where a disease id sits in OncoTree: (codes, exact). Exact codes are those Mondo
    cross-references to it (or whose MONDO id it is); else the type it lies within, from
    ``oncotree_within.tsv`` (hand-made, each row says why), exact False; else ((), False).

    >>> placement("MONDO:0005233"), placement("MONDO:0005494")
    ((('NSCLC',), True), (('BRCA',), False))
    """
    codes = codes_of_mondo(ident)
    if codes:
        return codes, True
    within = _within().get(ident)
    return ((within,), False) if within else ((), False)


def relation(imported: str, curated: str) -> str | None:
    """How disease ``imported`` relates to disease ``curated`` through OncoTree: ``same``,
    ``imported broader``, ``imported narrower``, ``same branch`` (both under the type the curated
    disease lies within), or None. The tissue level alone (Lung, Skin...) relates nothing.

    >>> relation("MONDO:0005061", "MONDO:0005233"), relation("MONDO:0006256", "MONDO:0005494")
    ('imported narrower', 'imported broader')
    >>> relation("MONDO:0008433", "MONDO:0005233") is None  # SCLC and NSCLC: both only under Lung
    True
    """
    if imported == curated:
        return "same"
    mine, _ = placement(imported)
    theirs, exact = placement(curated)
    for c in theirs:
        for m in mine:
            if m == c:
                return "same" if exact else "imported broader"
            if c in lineage(m)[1:]:
                return "imported narrower" if exact else "same branch"
            if m in lineage(c)[1:] and parent_of(m) not in (None, "", "TISSUE"):
                return "imported broader"
    return None


def table_rows(oncotree_json: str | Path, mondo_sssom: str | Path) -> list[dict[str, str]]:
    """The table's rows, made from OncoTree's JSON tree and Mondo's OncoTree cross-references
    (a code that two MONDO classes claim gets none)."""
    claims: dict[str, set[str]] = {}
    with open(mondo_sssom, encoding="utf-8") as fh:
        for r in csv.DictReader((line for line in fh if not line.startswith("#")), delimiter="\t"):
            if r["object_id"].startswith("ONCOTREE:"):
                claims.setdefault(r["object_id"].split(":", 1)[1], set()).add(r["subject_id"])
    rows: list[dict[str, str]] = []

    def walk(nodes: Iterable[dict]) -> None:
        for n in nodes:
            ncit = (n.get("externalReferences") or {}).get("NCI") or []
            mondo = claims.get(n["code"], set())
            rows.append({"code": n["code"], "name": n["name"], "parent": n.get("parent") or "",
                         "mondo": next(iter(mondo)) if len(mondo) == 1 else "",
                         "ncit": f"NCIT:{ncit[0]}" if len(ncit) == 1 else ""})
            walk((n.get("children") or {}).values())

    walk(json.loads(Path(oncotree_json).read_text(encoding="utf-8")).values())
    return sorted(rows, key=lambda r: r["code"])


def write_table(rows: list[dict[str, str]], path: str | Path = TABLE) -> None:
    """Write the rows as the tab-separated table."""
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, COLUMNS, delimiter="\t", lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
