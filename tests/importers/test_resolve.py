"""Entity resolution rules: ids first, exact names only, ambiguity and id conflicts never merge."""
from __future__ import annotations

from kg.schema import model
from kg.sources.importers.resolve import Resolver

S = (model.Source("PMID:1"),)


def test_resolution_against_the_curated_data(dataset):
    r = Resolver(dataset.all())
    assert r.drug(name="Atezolizumab") == r.drug(ids=("CHEMBL.COMPOUND:CHEMBL3707227",)) == "DRUGBANK:DB11595"
    assert r.drug(name="atezolizumabb") is None  # no fuzzy matching
    assert r.indication(("DOID:3908",)) == r.indication(("NCIT:C2926",)) == "MONDO:0005233"
    assert r.target(("NCBIGene:29126",)) == r.target((), "CD274") == "HGNC:17635"
    assert r.trial("nct02908672") == "CLINICALTRIALS:NCT02908672"
    assert r.publication("PMID:26970723") == "PMID:26970723"


def test_ambiguous_names_and_conflicting_ids_do_not_resolve():
    r = Resolver([model.Drug(id="KG:drug-a", name="x", sources=S), model.Drug(id="KG:drug-b", name="y",
                                                                               synonyms=("X",), sources=S),
                  model.Drug(id="DRUGBANK:DB00002", name="z", sources=S)])
    assert r.drug(name="x") is None and r.drug(name="y") == "KG:drug-b"
    assert r.drug(ids=("DRUGBANK:DB00003",), name="z") is None  # same name, another DrugBank id
    assert r.drug(ids=("CHEMBL.COMPOUND:CHEMBL1",), name="z") == "DRUGBANK:DB00002"
