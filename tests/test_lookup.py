"""Lookups resolve every name a user would type; unknown terms give close suggestions."""
from __future__ import annotations

import pytest

from kg.errors import NotFoundError
from kg.query.lookup import lookup, resolve


@pytest.mark.parametrize("term,expected", [
    ("Tecentriq", "DRUGBANK:DB11595"), ("tecentriq", "DRUGBANK:DB11595"), ("ATEZOLIZUMAB", "DRUGBANK:DB11595"),
    ("MPDL3280A", "DRUGBANK:DB11595"), ("MPDL 3280A", "DRUGBANK:DB11595"), ("mpdl-3280a", "DRUGBANK:DB11595"),
    ("DB11595", "DRUGBANK:DB11595"), ("drugbank:db11595", "DRUGBANK:DB11595"),
    ("CHEMBL3707227", "DRUGBANK:DB11595"), ("UNII:52CMI0WC3Y", "DRUGBANK:DB11595"),
    ("Tecentriq Hybreza", "DRUGBANK:DB11595"),
    ("Keytruda", "DRUGBANK:DB09037"), ("Avastin", "DRUGBANK:DB00112"),
    ("PD-L1", "HGNC:17635"), ("CD274", "HGNC:17635"), ("B7-H1", "HGNC:17635"), ("Q9NZQ7", "HGNC:17635"),
    ("HGNC:17635", "HGNC:17635"), ("PD-1", "HGNC:8760"), ("VEGF-A", "HGNC:12680"),
    ("TNBC", "MONDO:0005494"), ("triple-negative breast cancer", "MONDO:0005494"),
    ("NCIT:C71732", "MONDO:0005494"), ("DOID:0060081", "MONDO:0005494"), ("NSCLC", "MONDO:0005233"),
    ("NCT03498716", "CLINICALTRIALS:NCT03498716"), ("nct03498716", "CLINICALTRIALS:NCT03498716"),
    ("ALEXANDRA", "CLINICALTRIALS:NCT03498716"), ("IMpassion030", "CLINICALTRIALS:NCT03498716"),
    ("IMpassion130", "CLINICALTRIALS:NCT02425891"), ("impassion 130", "CLINICALTRIALS:NCT02425891"),
    ("KEYNOTE-522", "CLINICALTRIALS:NCT03036488"), ("keynote 522", "CLINICALTRIALS:NCT03036488"),
    ("NSABP B-59", "CLINICALTRIALS:NCT03281954"), ("GeparDouze", "CLINICALTRIALS:NCT03281954"),
    ("OAK", "CLINICALTRIALS:NCT02008227"),
    ("PMID:39883436", "PMID:39883436"), ("39883436", "PMID:39883436"),
    ("10.1001/jama.2024.26886", "PMID:39883436"), ("doi:10.1001/JAMA.2024.26886", "PMID:39883436"),
    ("FDA", "KG:org-fda"),
])
def test_resolves(store, term, expected):
    assert expected in resolve(store, term)


def test_lookup_describes_entity_with_neighbours_and_sources(store):
    (e,) = lookup(store, "Tecentriq")
    assert (e["id"], e["type"], e["name"]) == ("DRUGBANK:DB11595", "Drug", "atezolizumab")
    assert "CHEMBL.COMPOUND:CHEMBL3707227" in e["identifiers"]
    assert e["sources"]
    by_pred = {}
    for n in e["neighbours"]:
        by_pred.setdefault(n["predicate"], set()).add(n["node"]["id"])
    assert "HGNC:17635" in by_pred["binds"]
    assert "CLINICALTRIALS:NCT02425891" in by_pred["tests intervention"]
    assert "KG:appr-fda-2019-03-08-tnbc" in by_pred["approval of"]
    assert all(n["sources"] for n in e["neighbours"])
    evidence = [n for n in e["neighbours"] if n["predicate"] == "clinical evidence for"]
    assert evidence and all(n["level"] and n["evidence_direction"] for n in evidence)


def test_unknown_term_gives_suggestions(store):
    with pytest.raises(NotFoundError) as info:
        lookup(store, "tecentrik")
    assert "tecentriq" in info.value.suggestions


@pytest.mark.parametrize("hostile", ['x" } ; DROP ALL ; #', "?n ?p ?o", "<http://evil>", "' OR 1=1 --", "",
                                     "<script>", "<>", "< not an IRI >"])
def test_hostile_terms_are_values_not_query_text(store, hostile):
    with pytest.raises(NotFoundError):
        lookup(store, hostile)


@pytest.mark.parametrize("term", ["<a b>", "<x>", "<img src=x onerror=alert(1)>", "<http://a>", '"', "\\", "}",
                                  "x } ; DROP ALL"])
def test_terms_that_look_like_iris_or_syntax_are_text(store, term):
    """What a user types is bound as a literal, whatever it looks like (``<a b>`` was made an IRI
    and failed in the engine: an internal error)."""
    with pytest.raises(NotFoundError):
        lookup(store, term)


# ---------------------------------------------------------------- identifier crosswalks (issue 13 item 7)
@pytest.mark.parametrize("term,expected", [
    ("C2926", "MONDO:0005233"), ("NCIT:C2926", "MONDO:0005233"), ("ncit:c2926", "MONDO:0005233"),
    ("DOID:3908", "MONDO:0005233"), ("EFO:0003060", "MONDO:0005233"), ("ONCOTREE:NSCLC", "MONDO:0005233"),
    ("Non-Small Cell Lung Cancer", "MONDO:0005233"),
    ("Merkel cell carcinoma", "MONDO:0019210"), ("NCIT:C9231", "MONDO:0019210"), ("ONCOTREE:MCC", "MONDO:0019210"),
    ("MCC", "MONDO:0019210"),
    ("DOID:4450", "MONDO:0005086"), ("EFO:0000681", "MONDO:0005086"), ("ONCOTREE:RCC", "MONDO:0005086"),
    ("Esophagogastric Adenocarcinoma", "MONDO:0003219"), ("ONCOTREE:GEJ", "MONDO:0003219"),
    ("KEYNOTE-189", "CLINICALTRIALS:NCT02578680"),
])
def test_kg_lookup_by_crosswalk_codes_and_oncotree_names(capsys, built, term, expected):
    import json

    from tests.test_cli import kg

    code, out, err = kg(capsys, "lookup", term, "--store", str(built["store"]), "--format", "json")
    assert code == 0, err
    assert [e["id"] for e in json.loads(out)] == [expected]


def test_lookup_card_keeps_exact_matches_apart_from_oncotree_xrefs_with_their_sources(store):
    (e,) = lookup(store, "C2926")
    a = e["attributes"]
    assert {"NCIT:C2926", "DOID:3908", "EFO:0003060", "ONCOTREE:NSCLC"} <= set(e["identifiers"])
    assert a["exact_matches"] == ["DOID:3908", "EFO:0003060", "NCIT:C2926"] and a["db_xrefs"] == ["ONCOTREE:NSCLC"]
    assert a["mapping_sources"]["NCIT:C2926"].endswith("/releases/2026-08-04/mappings/mondo_exactmatch_ncit.sssom.tsv")
    assert a["mapping_sources"]["ONCOTREE:NSCLC"].endswith("/mondo_hasdbxref_oncotree.sssom.tsv")
    assert a["mapping_justifications"]["ONCOTREE:NSCLC"] == "semapv:ManualMappingCuration"
    assert a["mapping_labels"]["ONCOTREE:NSCLC"] == "Non-Small Cell Lung Cancer"
    assert a["mapping_label_sources"] == {"ONCOTREE:NSCLC":
                                          "https://oncotree.mskcc.org/api/tumorTypes/tree?version=oncotree_2025_10_03"}


def test_exported_rdf_states_exact_matches_as_iris_and_oncotree_codes_as_text(built):
    from rdflib import Graph, Literal, URIRef

    g = Graph().parse(built["exports"] / "kg.ttl")
    kg_ = "https://w3id.org/oncokg/ontology#"
    nsclc = URIRef("http://purl.obolibrary.org/obo/MONDO_0005233")
    assert (nsclc, URIRef(kg_ + "exactMatch"), URIRef("http://purl.obolibrary.org/obo/NCIT_C2926")) in g
    assert (nsclc, URIRef(kg_ + "dbXref"), Literal("ONCOTREE:NSCLC")) in g
    assert sorted(str(o).rsplit("/", 1)[1] for o in g.objects(nsclc, URIRef(kg_ + "exactMatch"))) == [
        "DOID_3908", "EFO_0003060", "NCIT_C2926"]  # OncoTree's cross-reference is not an exact match
