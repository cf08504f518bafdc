"""Export the graph in KGX TSV (``nodes.tsv`` and ``edges.tsv``) for Biolink-based pipelines.

What the files hold, and why (the KGX validator, ``kgx validate``, reports no errors on them):

- **Ids** use prefixes of the Biolink JSON-LD context where the record has one (DRUGBANK, MONDO,
  CLINICALTRIALS, PMID...). DOIs use Biolink's ``doi`` prefix with ``/`` (and ``%``, ``:``)
  percent-encoded: KGX accepts no ``/`` in a CURIE's local part, and doi.org resolves the encoded
  form; the node's ``iri`` column gives the plain DOI link. Records we mint (approvals,
  organizations, documents...) are ``oncokg:`` ids, expanding to ``https://w3id.org/oncokg/id/``
  like the graph's own ``KG:`` ids (:data:`OWN_PREFIXES`; ``kg lookup`` accepts both spellings).
  No registry lists that prefix: with the stock Biolink context ``kgx validate`` reports those
  ids (and only those) as unknown prefixes.
- **Categories** are the concrete Biolink classes our classes are declared subclasses of
  (``ontology/kg.ttl``). A target is a ``biolink:Protein`` under its UniProtKB accession, with its
  HGNC gene id among its xrefs (a ``biolink:Gene`` under its HGNC id where no accession is known).
- **Edges**: the predicate is the Biolink predicate of :data:`kg.schema.vocab.BIOLINK_PREDICATES`,
  ours in ``original_predicate``. KGX keys an edge by subject, predicate and object (it ignores
  ``id``), so a graph with several edges between the same two nodes under one predicate (one
  per trial result, approval or claim) loses all but one of them in any non-streaming ``kgx
  transform``. The export therefore writes one edge per (subject, predicate, object) and
  folds the graph's edges into it: ``evidence_count`` of them, their ids in ``assertions``
  (each resolves in the RDF), the union of their publications and trials
  (``has_supporting_studies``), and every evidence level and direction among them. Single
  values (``knowledge_level``, ``agent_type``, ``primary_knowledge_source``) are the members'
  common value; members from different knowledge sources make this graph the primary source
  and the values ``not_provided``.

Multiple values are ``|``-separated, as KGX TSV wants. Both files are written to temporary
names and renamed.

>>> PREDICATES["kg:approvedFor"]
'biolink:treats'
>>> tsv_value(["PMID:1", "doi:10.1%2Fx"])
'PMID:1|doi:10.1%2Fx'
"""
from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from kg.schema.vocab import BIOLINK_PREDICATES, LEVELS

INFORES = "infores:oncokg"
#: Our predicates -> Biolink 4.4.4 predicates (one table for RDF, ontology and KGX: see vocab).
PREDICATES = BIOLINK_PREDICATES
#: Prefixes of the export that no Biolink context names, with their documented expansion.
OWN_PREFIXES = {"oncokg": "https://w3id.org/oncokg/id/"}
NODE_COLUMNS = ["id", "category", "name", "description", "xref", "synonym", "iri", "provided_by"]
EDGE_COLUMNS = ["id", "subject", "predicate", "object", "category", "original_predicate", "original_predicates",
                "knowledge_level",
                "agent_type", "primary_knowledge_source", "publications", "has_supporting_studies",
                "evidence_count", "evidence_level", "evidence_direction", "assertions"]
_PUBLICATION_PREFIXES = ("PMID:", "PMC:", "DOI:")


def kgx_id(curie: str) -> str:
    """The KGX id of one of our CURIEs (see the module docstring).

    >>> kgx_id("KG:org-fda"), kgx_id("DOI:10.1056/NEJMoa1809615"), kgx_id("MONDO:0005494")
    ('oncokg:org-fda', 'doi:10.1056%2FNEJMoa1809615', 'MONDO:0005494')
    """
    prefix, _, local = curie.partition(":")
    if prefix == "KG":
        return "oncokg:" + local
    if prefix == "DOI":
        return "doi:" + local.replace("%", "%25").replace("/", "%2F").replace(":", "%3A")
    return curie


def tsv_value(value: Any) -> str:
    """One KGX TSV cell: lists joined with ``|``, no tabs or newlines, None empty."""
    if value is None:
        return ""
    text = "|".join(map(str, value)) if isinstance(value, (list, tuple)) else str(value)
    return " ".join(text.split())


def categories() -> dict[str, str]:
    """Our class IRI -> its Biolink category (``biolink:Drug``), from the ontology."""
    import pyoxigraph as ox

    from kg.schema.ids import BIOLINK, KG_ONTOLOGY
    from kg.graph.validate import ontology_dir

    onto = ox.Store()
    onto.load(path=str(ontology_dir() / "kg.ttl"), format=ox.RdfFormat.TURTLE)
    out = {}
    for sol in onto.query("SELECT ?c ?b WHERE { ?c <http://www.w3.org/2000/01/rdf-schema#subClassOf> ?b }"):
        c, b = sol["c"].value, sol["b"].value
        if c.startswith(KG_ONTOLOGY) and b.startswith(BIOLINK):
            out[c] = "biolink:" + b[len(BIOLINK):]
    return out


def _node_ids(raw: dict[str, dict[str, Any]], cats: dict[str, str]) -> dict[str, tuple[str, str]]:
    """Our node id -> (KGX id, category)."""
    out = {}
    for node, a in raw.items():
        cat = cats[a["_t"]]
        if cat == "biolink:Protein":
            accession = sorted(x for x in a.get("xrefs", []) if x.startswith("UniProtKB:"))
            out[node] = (accession[0], cat) if accession else (node, "biolink:Gene")
        else:
            out[node] = (kgx_id(node), cat)
    return out


def _nodes(store) -> tuple[list[dict[str, Any]], dict[str, str]]:
    from kg.query.stored import records
    from kg.schema.ids import curie_to_iri

    raw = records(store, "kgx_nodes", key="n")
    ids = _node_ids(raw, categories())
    rows = []
    for node, a in raw.items():
        kid, cat = ids[node]
        xrefs = sorted({kgx_id(x) for x in a.get("xrefs", []) + ([node] if kid != kgx_id(node) else [])} - {kid})
        rows.append({"id": kid, "category": cat, "name": a.get("name"),
                     "description": a.get("topic") or a.get("title"), "xref": xrefs,
                     "synonym": sorted(set(a.get("synonyms", []) + a.get("brands", []) + a.get("codes", []))),
                     "iri": curie_to_iri(kid if kid.startswith("UniProtKB:") else node), "provided_by": INFORES})
    return rows, {node: kid for node, (kid, _) in ids.items()}


def nodes(store) -> list[dict[str, str]]:
    """The KGX node rows (strings), sorted by id."""
    rows, _ = _nodes(store)
    return sorted(({k: tsv_value(v) for k, v in r.items()} for r in rows), key=lambda r: r["id"])


def _one(values: set[str], mixed: str | None) -> str | None:
    return next(iter(values)) if len(values) == 1 else mixed


def _fold(key: tuple[str, str, str], members: list[tuple[str, dict[str, Any]]]) -> dict[str, Any]:
    """One KGX edge for the graph's edges with the same subject, Biolink predicate and object."""
    s, pred, o = key
    ids = sorted(kgx_id(m) for m, _ in members)
    attrs = [a for _, a in members]
    sources = [next((x for x in sorted(a.get("sources", [])) if x.startswith("infores:")), INFORES) for a in attrs]
    uniform = len(set(sources)) == 1
    levels = {a["level"] for a in attrs if a.get("level")}
    directions = {a["direction"] for a in attrs if a.get("direction")}
    originals = {"kg:" + a["_pred"].rsplit("#", 1)[-1] for a in attrs}
    return {
        "id": ids[0] if len(ids) == 1 else "oncokg:e-" + hashlib.sha1("|".join(ids).encode()).hexdigest()[:20],
        "subject": s, "predicate": pred, "object": o, "category": "biolink:Association",
        # Biolink's original_predicate holds one value: ours when the members share it; all of them
        # (kg:describes and kg:mentions both become biolink:mentions) in original_predicates
        "original_predicate": _one(originals, None), "original_predicates": sorted(originals),
        # the curated value where the data has one, else a manual knowledge assertion (curated by hand)
        "knowledge_level": _one({a.get("knowledge_level") or "knowledge_assertion" for a in attrs}, "not_provided"),
        "agent_type": _one({a.get("agent_type") or "manual_agent" for a in attrs}, "not_provided"),
        # an imported fact's own knowledge source (infores:civic ...); else this curated graph
        "primary_knowledge_source": sources[0] if uniform else INFORES,
        "publications": sorted({kgx_id(x) for a in attrs for x in a.get("sources", [])
                                if x.startswith(_PUBLICATION_PREFIXES)}),
        "has_supporting_studies": sorted({a["trial"] for a in attrs if a.get("trial")}),
        "evidence_count": len(members),
        "evidence_level": sorted(levels, key=LEVELS.index), "evidence_direction": sorted(directions),
        "assertions": ids,
    }


def edges(store, node_ids: dict[str, str] | None = None) -> list[dict[str, str]]:
    """The KGX edge rows (strings), one per (subject, predicate, object), sorted by id."""
    from kg.query.stored import records

    if node_ids is None:
        node_ids = _nodes(store)[1]
    groups: dict[tuple[str, str, str], list] = {}
    for edge, a in records(store, "kgx_edges", key="a").items():
        pred = PREDICATES.get("kg:" + a["_pred"].rsplit("#", 1)[-1], "biolink:related_to")  # unmapped: the vaguest
        key = (node_ids.get(a["_s"], kgx_id(a["_s"])), pred, node_ids.get(a["_obj"], kgx_id(a["_obj"])))
        groups.setdefault(key, []).append((edge, a))
    rows = [_fold(key, sorted(members, key=lambda m: m[0])) for key, members in groups.items()]
    return sorted(({k: tsv_value(v) for k, v in r.items()} for r in rows), key=lambda r: r["id"])


def _tsv(rows: list[dict[str, str]], columns: list[str]) -> bytes:
    lines = ["\t".join(columns)] + ["\t".join(r[c] for c in columns) for r in rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


def export(store, folder: str | Path) -> dict[str, Any]:
    """Write ``nodes.tsv`` and ``edges.tsv`` into ``folder``; return the paths and row counts
    (``assertions``: the graph's edges folded into the KGX edges).

    Example::

        export(open_store("exports/store"), "exports/kgx")  # {'nodes': 115, 'edges': 283, ...}
    """
    from kg.fsutil import atomic_write

    folder = Path(folder)
    node_rows, node_ids = _nodes(store)
    n = sorted(({k: tsv_value(v) for k, v in r.items()} for r in node_rows), key=lambda r: r["id"])
    e = edges(store, node_ids)
    atomic_write(folder / "nodes.tsv", _tsv(n, NODE_COLUMNS))
    atomic_write(folder / "edges.tsv", _tsv(e, EDGE_COLUMNS))
    return {"nodes": len(n), "edges": len(e), "assertions": sum(int(r["evidence_count"]) for r in e),
            "nodes_file": str(folder / "nodes.tsv"), "edges_file": str(folder / "edges.tsv")}
