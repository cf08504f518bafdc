"""Export the graph in KGX TSV (``nodes.tsv`` and ``edges.tsv``) for Biolink-based pipelines.

Node categories are the Biolink classes our ontology's classes are declared subclasses of
(``ontology/kg.ttl``); edge predicates are the Biolink predicates in :data:`PREDICATES`.
Every edge carries ``knowledge_level`` and ``agent_type`` (the curated value where the data
has one, else a manual knowledge assertion: every record is curated by hand),
``primary_knowledge_source`` (this graph, :data:`INFORES`) and ``publications`` (the PMIDs,
PMCIDs and DOIs among its sources). Multiple values are ``|``-separated, as KGX TSV wants.
Both files are written to temporary names and renamed.

>>> PREDICATES["kg:approvedFor"]
'biolink:treats'
>>> tsv_value(["PMID:1", "DOI:10.1/x"])
'PMID:1|DOI:10.1/x'
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

INFORES = "infores:oncokg"
#: Our predicates -> Biolink 4.4.4 predicates (the closest that fits subject and object types).
PREDICATES = {
    "kg:binds": "biolink:directly_physically_interacts_with",
    "kg:blocksInteractionWith": "biolink:affects",
    "kg:inhibits": "biolink:affects",
    "kg:agonistOf": "biolink:affects",
    "kg:sparesInteractionWith": "biolink:related_to",
    "kg:approvedFor": "biolink:treats",
    "kg:clinicalEvidenceFor": "biolink:in_clinical_trials_for",
    "kg:evidenceLevelFor": "biolink:treats_or_applied_or_studied_to_treat",
    "kg:testedIn": "biolink:participates_in",
    "kg:testsIntervention": "biolink:has_participant",
    "kg:studies": "biolink:related_to",
    "kg:hasResultFor": "biolink:related_to",
    "kg:hasAdverseEvents": "biolink:related_to",
    "kg:reportedIn": "biolink:mentioned_by",
    "kg:describes": "biolink:mentions",
    "kg:commentsOn": "biolink:mentions",
    "kg:mentions": "biolink:mentions",
    "kg:publishedBy": "biolink:has_publisher",
    "kg:sponsoredBy": "biolink:related_to",
    "kg:hasCollaborator": "biolink:related_to",
    "kg:approvalOf": "biolink:related_to",
    "kg:forIndication": "biolink:related_to",
    "kg:grantedBy": "biolink:related_to",
    "kg:inCombinationWith": "biolink:related_to",
    "kg:supportedBy": "biolink:related_to",
    "kg:withdrawalAnnouncedBy": "biolink:related_to",
    # approval lifecycle events (issue 13) and fixed-dose combination products
    "kg:convertedBy": "biolink:related_to",
    "kg:narrowedBy": "biolink:related_to",
    "kg:labelChangedBy": "biolink:related_to",
    "kg:safetyAlertBy": "biolink:related_to",
    "kg:supersededBy": "biolink:related_to",
    "kg:withdrawnBy": "biolink:related_to",
    "kg:approvalAnnouncedBy": "biolink:related_to",
    "kg:hasComponent": "biolink:has_active_component",
}
NODE_COLUMNS = ["id", "category", "name", "description", "xref", "synonym", "provided_by"]
EDGE_COLUMNS = ["id", "subject", "predicate", "object", "category", "original_predicate", "knowledge_level",
                "agent_type", "primary_knowledge_source", "publications", "evidence_level", "evidence_direction"]
_PUBLICATION_PREFIXES = ("PMID:", "PMC:", "DOI:")


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


def nodes(store) -> list[dict[str, str]]:
    """The KGX node rows (strings), sorted by id."""
    from kg.query.stored import records

    cats = categories()
    rows = []
    for node, a in records(store, "kgx_nodes", key="n").items():
        rows.append({"id": node, "category": cats[a["_t"]], "name": a.get("name"),
                     "description": a.get("topic") or a.get("title"), "xref": a.get("xrefs"),
                     "synonym": sorted(set(a.get("synonyms", []) + a.get("brands", []) + a.get("codes", []))),
                     "provided_by": INFORES})
    return sorted(({k: tsv_value(v) for k, v in r.items()} for r in rows), key=lambda r: r["id"])


def edges(store) -> list[dict[str, str]]:
    """The KGX edge rows (strings), sorted by id."""
    from kg.query.stored import records

    rows = []
    for edge, a in records(store, "kgx_edges", key="a").items():
        pred = "kg:" + a["_pred"].rsplit("#", 1)[-1]
        rows.append({
            "id": edge, "subject": a["_s"], "predicate": PREDICATES[pred], "object": a["_obj"],
            "category": "biolink:Association", "original_predicate": pred,
            "knowledge_level": a.get("knowledge_level") or "knowledge_assertion",
            "agent_type": a.get("agent_type") or "manual_agent",
            # an imported fact's own knowledge source (infores:civic ...); else this curated graph
            "primary_knowledge_source": next((s for s in sorted(a.get("sources", [])) if s.startswith("infores:")),
                                             INFORES),
            "publications": sorted(s for s in a.get("sources", []) if s.startswith(_PUBLICATION_PREFIXES)),
            "evidence_level": a.get("level"), "evidence_direction": a.get("direction"),
        })
    return sorted(({k: tsv_value(v) for k, v in r.items()} for r in rows), key=lambda r: r["id"])


def _tsv(rows: list[dict[str, str]], columns: list[str]) -> bytes:
    lines = ["\t".join(columns)] + ["\t".join(r[c] for c in columns) for r in rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


def export(store, folder: str | Path) -> dict[str, Any]:
    """Write ``nodes.tsv`` and ``edges.tsv`` into ``folder``; return the paths and row counts.

    Example::

        export(open_store("exports/store"), "exports/kgx")  # {'nodes': 115, 'edges': 398, ...}
    """
    from kg.fsutil import atomic_write

    folder = Path(folder)
    n, e = nodes(store), edges(store)
    atomic_write(folder / "nodes.tsv", _tsv(n, NODE_COLUMNS))
    atomic_write(folder / "edges.tsv", _tsv(e, EDGE_COLUMNS))
    return {"nodes": len(n), "edges": len(e), "nodes_file": str(folder / "nodes.tsv"),
            "edges_file": str(folder / "edges.tsv")}
