"""The ontology declares everything the graph uses, maps classes to Biolink, and orders levels."""
from __future__ import annotations

import pytest
from rdflib import OWL, RDF, RDFS, Graph, Namespace

from kg.schema.model import DIRECTIONS, LEVELS
from kg.schema.vocab import NODE_TYPES, slug
from tests.conftest import ROOT, shared

KG = Namespace("https://w3id.org/oncokg/ontology#")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")


@pytest.fixture(scope="module")
def ont():
    return Graph().parse(ROOT / "ontology" / "kg.ttl")


def test_every_property_and_class_used_is_declared(ont, built):
    data = Graph().parse(built["exports"] / "kg.ttl")
    declared = set(ont.subjects(RDF.type, OWL.ObjectProperty)) | set(ont.subjects(RDF.type, OWL.DatatypeProperty))
    used = {p for p in data.predicates() if str(p).startswith(str(KG))}
    assert used <= declared, sorted(used - declared)
    classes = set(ont.subjects(RDF.type, OWL.Class))
    assert {o for o in data.objects(None, RDF.type) if str(o).startswith(str(KG))} <= classes


def test_object_properties_have_domain_and_range_where_used_between_entities(ont):
    for p in ont.subjects(RDF.type, OWL.ObjectProperty):
        if p in (KG.source, KG.see):
            continue
        assert ont.value(p, RDFS.domain) is not None, p


def test_classes_are_the_user_facing_names_mapped_to_biolink(ont):
    for name in NODE_TYPES:
        cls = KG[name]
        assert (cls, RDF.type, OWL.Class) in ont
        parents = {str(o) for o in ont.objects(cls, RDFS.subClassOf)}
        assert any(p.startswith("https://w3id.org/biolink/vocab/") for p in parents), name


def test_biolink_classes_exist_in_the_shared_release(ont):
    import yaml

    model = yaml.safe_load(shared("data", "biolink-model", "biolink-model.yaml").read_text())
    names = {"".join(w[:1].upper() + w[1:] for w in c.split()) for c in model["classes"]}
    for name in NODE_TYPES + ("Assertion",):
        for parent in ont.objects(KG[name], RDFS.subClassOf):
            assert str(parent).rsplit("/", 1)[-1] in names, parent


def test_evidence_levels_are_an_ordered_scheme(ont):
    ranks = [int(ont.value(KG[f"level-{slug(level)}"], KG.rank)) for level in LEVELS]
    assert ranks == sorted(ranks) == list(range(1, len(LEVELS) + 1))
    for level in LEVELS:
        c = KG[f"level-{slug(level)}"]
        assert (c, SKOS.inScheme, KG.EvidenceLevelScheme) in ont and str(ont.value(c, SKOS.prefLabel)) == level
    for d in DIRECTIONS:
        assert (KG[f"direction-{slug(d)}"], SKOS.inScheme, KG.DirectionScheme) in ont


def test_clinical_levels_map_to_eco_clinical_study_evidence(ont):
    eco = shared("data", "eco", "eco-basic.obo").read_text()
    assert "id: ECO:0000180\nname: clinical study evidence" in eco
    for level in ("phase 1", "phase 2", "phase 3", "regulatory approval"):
        assert str(ont.value(KG[f"level-{slug(level)}"], SKOS.broadMatch)).endswith("ECO_0000180")
