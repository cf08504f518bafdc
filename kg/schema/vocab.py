"""The graph's vocabulary in one place: predicates, attribute kinds, Biolink mappings.

ontology/kg.ttl declares every term listed here; a test keeps the two in step.

>>> PREDICATES["binds"], BIOLINK_PREDICATES["kg:binds"]
('kg:binds', 'biolink:directly_physically_interacts_with')
>>> camel("primary_endpoints")
'primaryEndpoints'
"""
from __future__ import annotations

from functools import lru_cache

#: The controlled vocabularies (ordered where order matters).
LEVELS = ("preclinical", "case report", "phase 1", "phase 2", "phase 3", "regulatory approval")
DIRECTIONS = ("supports", "does not support", "inconclusive")
PHASES = ("phase 1", "phase 1b", "phase 2", "phase 3", "phase 1b/3", "phase 2/3",
          "early phase 1", "phase 1/2", "phase 4")  # the last three as ClinicalTrials.gov records give them
CONTEXTS = ("advanced", "adjuvant", "neoadjuvant", "perioperative")
LINES = ("first", "second", "later")

_PHASE_LEVEL = {"phase 1": "phase 1", "phase 1b": "phase 1", "phase 2": "phase 2",
                "phase 3": "phase 3", "phase 1b/3": "phase 3", "phase 2/3": "phase 3",
                "early phase 1": "phase 1", "phase 1/2": "phase 2", "phase 4": "phase 3"}
# a phase 1b/2 trial (KEYNOTE-146) as its sources give it (issue 13)
PHASES = PHASES + ("phase 1b/2",)
_PHASE_LEVEL["phase 1b/2"] = "phase 2"


def level_of_phase(phase: str | None) -> str | None:
    """Evidence level a trial of the given phase provides (None for a trial without a phase:
    an imported or extracted one may have none).

    >>> level_of_phase("phase 1b/3"), level_of_phase(None)
    ('phase 3', None)
    """
    return _PHASE_LEVEL[phase] if phase else None


#: Human predicate names (as used in data files) -> CURIE of the property.
PREDICATES: dict[str, str] = {
    "binds": "kg:binds",
    "blocks interaction with": "kg:blocksInteractionWith",
    "spares interaction with": "kg:sparesInteractionWith",
    "inhibits": "kg:inhibits",
    "agonist of": "kg:agonistOf",
    "approved for": "kg:approvedFor",
    "tested in": "kg:testedIn",
    "studied in": "kg:studies",
    "result": "kg:hasResultFor",
    "has adverse events": "kg:hasAdverseEvents",
    "reported in": "kg:reportedIn",
    "has evidence level": "kg:evidenceLevelFor",
    "describes": "kg:describes",
    "comments on": "kg:commentsOn",
    # structural and derived edges
    "tests intervention": "kg:testsIntervention",
    "sponsored by": "kg:sponsoredBy",
    "collaborator": "kg:hasCollaborator",
    "clinical evidence for": "kg:clinicalEvidenceFor",
    "approval of": "kg:approvalOf",
    "for indication": "kg:forIndication",
    "granted by": "kg:grantedBy",
    "in combination with": "kg:inCombinationWith",
    "supported by": "kg:supportedBy",
    "withdrawal announced by": "kg:withdrawalAnnouncedBy",
    "published by": "kg:publishedBy",
    "mentions": "kg:mentions",
    # imported evidence statements (CIViC, PharmacotherapyDB)
    "evidence about": "kg:evidenceAbout",
    "about drug": "kg:aboutDrug",
    "about indication": "kg:aboutIndication",
    "biomarker on": "kg:biomarkerOn",
    "from trial": "kg:fromTrial",
    # an approval's lifecycle (issue 13): the object is who decided or announced the event
    "converted by": "kg:convertedBy",
    "narrowed by": "kg:narrowedBy",
    "label changed by": "kg:labelChangedBy",
    "safety alert by": "kg:safetyAlertBy",
    "superseded by": "kg:supersededBy",
    "withdrawn by": "kg:withdrawnBy",
    "approval announced by": "kg:approvalAnnouncedBy",
    # a fixed-dose combination product and the drugs in it
    "has component": "kg:hasComponent",
}

#: Our predicates -> the Biolink 4.4.4 predicate of each edge (``biolink:predicate`` of its RDF
#: assertion, the KGX ``predicate``; ontology/kg.ttl maps each property to it with a SKOS match):
#: the most specific predicate whose domain and range admit our classes' Biolink categories.
#: Biolink has none narrower for a clinical trial or an approval as subject (``has participant``
#: wants a biological process or activity), so those are ``associated with`` and the like.
BIOLINK_PREDICATES: dict[str, str] = {
    "kg:binds": "biolink:directly_physically_interacts_with",
    "kg:blocksInteractionWith": "biolink:affects",
    "kg:sparesInteractionWith": "biolink:related_to",
    "kg:inhibits": "biolink:affects",
    "kg:agonistOf": "biolink:affects",
    "kg:approvedFor": "biolink:treats",
    "kg:testedIn": "biolink:associated_with",
    "kg:studies": "biolink:associated_with",
    "kg:hasResultFor": "biolink:related_to",
    "kg:hasAdverseEvents": "biolink:related_to",
    "kg:reportedIn": "biolink:mentioned_by",
    "kg:evidenceLevelFor": "biolink:treats_or_applied_or_studied_to_treat",
    "kg:describes": "biolink:mentions",
    "kg:commentsOn": "biolink:mentions",
    "kg:testsIntervention": "biolink:associated_with",
    "kg:sponsoredBy": "biolink:contribution_from",
    "kg:hasCollaborator": "biolink:contribution_from",
    "kg:clinicalEvidenceFor": "biolink:in_clinical_trials_for",
    "kg:approvalOf": "biolink:associated_with",
    "kg:forIndication": "biolink:associated_with",
    "kg:grantedBy": "biolink:produced_by",
    "kg:inCombinationWith": "biolink:associated_with",
    "kg:supportedBy": "biolink:contribution_from",
    "kg:withdrawalAnnouncedBy": "biolink:related_to",
    "kg:publishedBy": "biolink:has_publisher",
    "kg:mentions": "biolink:mentions",
    "kg:evidenceAbout": "biolink:treats_or_applied_or_studied_to_treat",
    "kg:aboutDrug": "biolink:mentions",
    "kg:aboutIndication": "biolink:mentions",
    "kg:biomarkerOn": "biolink:mentions",
    "kg:fromTrial": "biolink:derives_from",
    # an approval's lifecycle (issue 13): the event's approval -> the organization that acted
    "kg:convertedBy": "biolink:contribution_from",
    "kg:narrowedBy": "biolink:contribution_from",
    "kg:labelChangedBy": "biolink:contribution_from",
    "kg:safetyAlertBy": "biolink:contribution_from",
    "kg:withdrawnBy": "biolink:contribution_from",
    "kg:approvalAnnouncedBy": "biolink:contribution_from",
    "kg:supersededBy": "biolink:related_to",
    # a fixed-dose combination product -> each drug in it (has_active_ingredient wants a
    # molecular entity as object; a Biolink Drug is a molecular mixture)
    "kg:hasComponent": "biolink:has_part",
}

#: Node and edge attributes that hold several values (kept as sorted lists).
LIST_ATTRS = frozenset({
    "synonyms", "brands", "codes", "xrefs", "facts", "aliases", "arms", "primary_endpoints",
    "sources", "see", "changes", "arm_names", "indications",
})
#: Attributes that hold a mapping of scalars.
DICT_ATTRS = frozenset({"values", "arm_values", "source_locators", "source_records", "source_releases"})
#: Attributes whose values are ids of other nodes (IRIs in RDF, not literals).
REF_ATTRS = frozenset({"trial", "approval", "document", "see", "via", "sources", "failed_trial", "evidence"})
#: Attributes holding ISO dates.
DATE_ATTRS = frozenset({"date", "start_date", "completion_date", "withdrawal_date"})
#: Attributes whose values are SKOS concepts of the ontology.
CONCEPT_ATTRS = {"level": "level", "direction": "direction"}
# approval lifecycles (issue 13): the trials an event names, the fields a trial's sources lack,
# the date a withdrawal was announced
LIST_ATTRS = LIST_ATTRS | {"event_trial", "not_in_sources"}
REF_ATTRS = REF_ATTRS | {"event_trial"}
# identifier crosswalks (issue 13): an indication's exact matches (IRIs: skos:exactMatch in the
# Mondo mapping sets) and weaker database cross-references (OncoTree codes, as text), and per code
# the mapping set, justification, name and the name's source
LIST_ATTRS = LIST_ATTRS | {"exact_matches", "db_xrefs"}
REF_ATTRS = REF_ATTRS | {"exact_matches"}
DICT_ATTRS = DICT_ATTRS | {"mapping_sources", "mapping_justifications", "mapping_labels", "mapping_label_sources"}
DATE_ATTRS = DATE_ATTRS | {"withdrawal_announced"}
# a trial's parts counted on their own (the global population of a trial with a regional extension)
DICT_ATTRS = DICT_ATTRS | {"population_counts"}

NODE_TYPES = ("Drug", "Target", "Trial", "Indication", "Approval", "Publication", "Document", "Organization", "Evidence")


#: List attributes are plural in the graph, singular as RDF properties (one triple per value).
_SINGULAR = {"sources": "source", "synonyms": "synonym", "brands": "brand", "codes": "code",
             "xrefs": "xref", "aliases": "alias", "facts": "fact", "arms": "arm",
             "primary_endpoints": "primaryEndpoint", "changes": "change", "arm_names": "armName",
             "exact_matches": "exactMatch", "db_xrefs": "dbXref"}
_PLURAL = {v: k for k, v in _SINGULAR.items()}


@lru_cache(maxsize=None)
def prop_local(attr: str) -> str:
    """Local name of the ``kg:`` property for a graph attribute.

    >>> prop_local("sources"), prop_local("setting_context")
    ('source', 'settingContext')
    """
    return _SINGULAR.get(attr) or camel(attr)


@lru_cache(maxsize=None)
def attr_of(local: str) -> str:
    """Graph attribute for a ``kg:`` property local name (inverse of :func:`prop_local`).

    >>> attr_of("primaryEndpoint")
    'primary_endpoints'
    """
    return _PLURAL.get(local) or snake(local)


def camel(name: str) -> str:
    """snake_case attribute name -> camelCase property local name."""
    head, *rest = name.split("_")
    return head + "".join(w[:1].upper() + w[1:] for w in rest)


def snake(name: str) -> str:
    """camelCase property local name -> snake_case attribute name.

    >>> snake("ciLow")
    'ci_low'
    """
    return "".join("_" + c.lower() if c.isupper() else c for c in name)


def slug(text: str) -> str:
    """Lower-case, hyphenated form used in concept IRIs.

    >>> slug("does not support"), slug("phase 1b/3")
    ('does-not-support', 'phase-1b-3')
    """
    out = "".join(c if c.isalnum() else "-" for c in text.lower())
    return "-".join(p for p in out.split("-") if p)


def concept_local(scheme: str, value: str) -> str:
    """Local name of a SKOS concept: ``concept_local("level", "phase 3")`` -> ``level-phase-3``."""
    return f"{scheme}-{slug(value)}"


def _concept_table() -> dict[str, str]:
    return {concept_local(s, v): v for s, vals in (("level", LEVELS), ("direction", DIRECTIONS)) for v in vals}


_CONCEPTS: dict[str, str] = {}


def add_attr(attrs: dict, local: str, value, *, iri: str | None = None, entry: tuple | None = None) -> None:
    """Fold one RDF statement back into an attribute dict (the inverse of the RDF writer).

    ``local`` is the ``kg:`` property's local name; ``value`` the Python value of a literal, or
    ``iri`` the object IRI; ``entry`` a (key, value) pair for mapping attributes.

    >>> a = {}
    >>> add_attr(a, "synonyms", "B7-H1"); add_attr(a, "level", None, iri=KG_NS + "level-phase-3")
    >>> a
    {'synonyms': ['B7-H1'], 'level': 'phase 3'}
    """
    key = attr_of(local)
    if key in DICT_ATTRS:
        if entry is not None:
            attrs.setdefault(key, {})[entry[0]] = entry[1]
        return
    if iri is not None:
        if not _CONCEPTS:
            _CONCEPTS.update(_concept_table())
        concept = iri[len(KG_NS):] if iri.startswith(KG_NS) else None
        if concept in _CONCEPTS:
            value = _CONCEPTS[concept]
        else:
            from kg.schema.ids import iri_to_curie

            value = iri_to_curie(iri)
    if key in LIST_ATTRS:
        lst = attrs.setdefault(key, [])
        lst.append(value)
        lst.sort()
    else:
        attrs[key] = value


KG_NS = "https://w3id.org/oncokg/ontology#"
