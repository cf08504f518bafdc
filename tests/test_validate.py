"""SHACL: the curated graph conforms; a graph missing what the shapes require does not."""
from __future__ import annotations

import pytest
from rdflib import Literal, URIRef

from kg.errors import ValidationError
from kg.graph.rdf import KG, graph_to_rdf
from kg.graph.validate import shacl_report, validate


def test_curated_data_conforms():
    from tests.conftest import DATA

    report = validate(DATA)
    assert report["conforms"], report["violations"][:5]


def test_violations_are_reported(graph):
    rdf = graph_to_rdf(graph)
    atezo = URIRef("http://identifiers.org/drugbank/DB11595")
    rdf.remove((atezo, KG.source, None))
    appr = URIRef("https://w3id.org/oncokg/id/appr-fda-2016-10-18-nsclc-2l")
    rdf.add((appr, KG.withdrawalDate, Literal("2020-01-01")))
    trial = URIRef("https://clinicaltrials.gov/study/NCT03498716")
    rdf.set((trial, KG.phase, Literal("phase 7")))
    report = shacl_report(rdf)
    assert not report["conforms"]
    focus = {(v["focus"], (v["path"] or "").rsplit("#", 1)[-1]) for v in report["violations"]}
    assert ("DRUGBANK:DB11595", "source") in focus
    assert ("CLINICALTRIALS:NCT03498716", "phase") in focus
    assert any(f == "KG:appr-fda-2016-10-18-nsclc-2l" for f, _ in focus)


def test_build_refuses_a_nonconforming_graph(mini, tmp_path, monkeypatch):
    """A check only SHACL makes (a trial with no drug) stops the build before anything is written."""
    from kg.build import build

    p = mini / "trials.yaml"
    p.write_text(p.read_text().replace("  interventions: [DRUGBANK:DB11595, DRUGBANK:DB00112]", "  interventions: []")
                 .replace("drugs: [DRUGBANK:DB11595, DRUGBANK:DB00112]", "drugs: []"))
    with pytest.raises(ValidationError, match="tests at least one drug"):
        build(mini, tmp_path / "store", tmp_path / "exports")
    assert not (tmp_path / "store").exists() and not (tmp_path / "exports").exists()
