"""ClinicalTrials.gov API v2 records: files, a page, a JSON-lines dump, a folder; resolution; bad input."""
from __future__ import annotations

import pytest

from kg.errors import SourceFormatError
from kg.sources.importers import run_import
from kg.store.local import read_meta
from tests.importers.conftest import FIXTURES, sparql

T = "https://clinicaltrials.gov/study/"


@pytest.fixture
def imported(store_copy):
    return store_copy, run_import(store_copy, "ctgov", [FIXTURES / "ctgov"])


def test_folder_with_files_page_and_dump(imported):
    store, r = imported
    assert r["read"] == 7 and r["imported"] == 4 and r["rejected"] == 3
    reasons = sorted((x["file"].rsplit("/", 1)[-1], x["line"], x["reason"].split(" (")[0]) for x in r["rejections"])
    assert reasons == [("dump.jsonl", 2, "bad NCT id 'NCT9900'"), ("dump.jsonl", 3, "NCT99000004: unknown phase(s) ['PHASE7']"),
                       ("dump.jsonl", 4, "truncated line: not JSON")]
    assert r["resolved_by_type"]["Trial"] == 1  # NCT02908672 is the curated IMspire150: left as it is
    rows = sparql(store, f"SELECT ?a WHERE {{ <{T}NCT02908672> kg:acronym ?a }}")
    assert rows == [("IMspire150",)]


def test_trial_fields_and_resolution(imported):
    store, _ = imported
    got = {p.rsplit("#", 1)[-1]: o for p, o in sparql(store, f"SELECT ?p ?o WHERE {{ <{T}NCT99000001> ?p ?o }}")}
    assert got["acronym"] == "EXAMPLE-1" and got["phase"] == "phase 2/3" and got["status"] == "active, not recruiting"
    assert got["enrollment"] == "420" and got["startDate"] == "2021-03" and "Rare Example Syndrome" in got["notes"]
    links = {(p.rsplit("#", 1)[-1], o) for p, o in sparql(store, f"SELECT ?p ?o WHERE {{ <{T}NCT99000001> ?p ?o }}")}
    assert ("testsIntervention", "http://identifiers.org/drugbank/DB11595") in links  # "Tecentriq" -> curated drug
    assert ("studies", "http://purl.obolibrary.org/obo/MONDO_0005494") in links  # TNBC by its curated synonym
    assert ("sponsoredBy", "https://w3id.org/oncokg/id/org-roche") in links
    examplimab = sparql(store, "SELECT ?t WHERE { ?t kg:testsIntervention id:drug-examplimab }")
    assert len(examplimab) == 2  # one new drug for both studies that give it
    mesh = sparql(store, f"SELECT ?d WHERE {{ <{T}NCT99000003> kg:studies ?d }}")
    assert mesh == [("http://purl.obolibrary.org/obo/MONDO_0005494",)]  # by MeSH D064726
    notes = sparql(store, f"SELECT ?n WHERE {{ <{T}NCT99000002> kg:notes ?n }}")[0][0]
    assert "2 outcome measures" in notes and "Dose-Limiting" in notes


def test_a_truncated_json_file_fails_and_changes_nothing(store_copy):
    before = read_meta(store_copy)["built_at"]
    with pytest.raises(SourceFormatError, match=r"truncated.json:1: not JSON"):
        run_import(store_copy, "ctgov", [FIXTURES / "ctgov" / "study1.json", FIXTURES / "broken" / "truncated.json"])
    assert read_meta(store_copy)["built_at"] == before
