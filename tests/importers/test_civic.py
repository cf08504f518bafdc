"""CIViC: the whole shared release (once per module), and small fixture files for releases and bad input."""
from __future__ import annotations

import csv
import json

import pytest

from kg.errors import SourceFormatError
from kg.sources.importers import run_import
from kg.sources.layers import history, layers_dir
from kg.query.lookup import lookup
from kg.store.local import open_store, read_meta
from tests.conftest import shared
from tests.importers.conftest import FIXTURES, copy_store, sparql

CIVIC = FIXTURES / "civic" / "ClinicalEvidenceSummaries.tsv"


@pytest.fixture(scope="module")
def full(built, tmp_path_factory):
    """The shared CIViC release imported into a copy of the curated store."""
    path = shared("data", "civic", "ClinicalEvidenceSummaries.tsv")
    store = copy_store(built, tmp_path_factory.mktemp("civic"))
    return {"store": store, "path": path, "report": run_import(store, "civic", [path])}


def _column(path, name):
    with open(path, encoding="utf-8") as fh:
        return [row[name] for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)]


def test_the_whole_release_imports(full):
    r = full["report"]
    n = len(_column(full["path"], "evidence_id"))
    assert (r["read"], r["imported"], r["rejected"]) == (n, n, 0) and n == 4745
    assert r["release"] == max(_column(full["path"], "last_review_date"))[:10]
    assert r["changes"]["written"] and r["changes"]["added"] == r["records"]
    rows = sparql(full["store"], "SELECT (COUNT(?e) AS ?n) WHERE { ?e a kg:Evidence }")
    assert int(rows[0][0]) == n


def test_nct_ids_land_on_the_curated_trials(full):
    for eid, nct, acronym in (("11238", "NCT02908672", "IMspire150"), ("1172", "NCT01903993", "POPLAR")):
        (trial,) = lookup(open_store(full["store"]), nct)
        assert trial["name"] == acronym and trial["attributes"]["design"]  # the curated record
        linked = [n for n in trial["neighbours"] if n["predicate"] == "from trial"]
        assert f"CIViC EID {eid}" in {n["node"]["name"] for n in linked}


def test_evidence_1172_is_on_atezolizumab_pd_l1_and_the_curated_paper(full):
    rows = sparql(full["store"], """SELECT ?p ?o WHERE { id:civic-eid-1172 ?p ?o }""")
    got = {(p.rsplit("#", 1)[-1], o) for p, o in rows}
    assert ("aboutDrug", "http://identifiers.org/drugbank/DB11595") in got
    assert ("biomarkerOn", "http://identifiers.org/hgnc/17635") in got  # CD274 Expression -> PD-L1
    assert ("aboutIndication", "http://purl.obolibrary.org/obo/MONDO_0005233") in got  # DOID:3908 via MONDO xref
    assert ("reportedIn", "http://www.ncbi.nlm.nih.gov/pubmed/26970723") in got
    assert ("sourceLevel", "B") in got and ("level", "https://w3id.org/oncokg/ontology#level-phase-2") in got


def test_therapies_land_on_curated_drugs_with_provenance(full):
    rows = sparql(full["store"], """SELECT ?drug ?rec ?rel WHERE {
        ?a biolink:original_predicate kg:evidenceAbout ; biolink:subject ?drug ; kg:evidence id:civic-eid-11238 ;
           kg:sourceRecords [ kg:entryValue ?rec ] ; kg:sourceReleases [ kg:entryValue ?rel ] }""")
    drugs = {d.rsplit("/", 1)[-1] for d, _, _ in rows}
    assert drugs == {"DB11595", "DB05239", "DB08881"}  # atezolizumab, cobimetinib, vemurafenib (curated)
    assert {(rec, rel) for _, rec, rel in rows} == {("EID:11238", full["report"]["release"])}
    assert full["report"]["resolved_by_type"]["Drug"] >= 3


def test_reimporting_the_same_release_changes_nothing(full):
    before = read_meta(full["store"])["built_at"]
    r = run_import(full["store"], "civic", [full["path"]])
    assert not r["changes"]["written"] and r["changes"]["unchanged"] == full["report"]["records"]
    assert read_meta(full["store"])["built_at"] == before and len(history(full["store"], "civic")) == 1


def test_a_newer_release_updates_and_keeps_history(store_copy):
    first = run_import(store_copy, "civic", [CIVIC])
    assert first["imported"] == 4 and first["release"] == "2024-03-08"
    newer = run_import(store_copy, "civic", [FIXTURES / "civic-newer" / "ClinicalEvidenceSummaries.tsv"])
    assert newer["release"] == "2026-02-01" and newer["changes"]["removed"] >= 1
    h = history(store_copy, "civic")
    assert [e["meta"]["release"] for e in h] == ["2024-03-08", "2026-02-01"]
    assert "KG:civic-eid-7614" in h[1]["removed"] and "KG:civic-eid-11238" in h[1]["changed"]
    assert not sparql(store_copy, "ASK { id:civic-eid-7614 ?p ?o }".replace("ASK", "SELECT ?p WHERE"))


def test_bad_rows_are_rejected_with_file_and_line(store_copy):
    path = FIXTURES / "broken" / "civic-bad-rows.tsv"
    r = run_import(store_copy, "civic", [path])
    reasons = {x["line"]: x["reason"] for x in r["rejections"]}
    assert set(reasons) == {3, 4, 5, 7} and r["rejected"] == 4 and r["imported"] == 2 and r["read"] == 6
    assert "evidence_level 'Z'" in reasons[3] and "bad DOID" in reasons[4] and "columns expected" in reasons[5]
    assert reasons[7].startswith("truncated line")
    assert all(x["file"] == str(path) for x in r["rejections"])


@pytest.mark.parametrize("name, message", [("civic-wrong-header.tsv", "missing column(s) evidence_id, doid"),
                                           ("civic-header-only.tsv", "no records after the header")])
def test_a_bad_file_fails_and_changes_nothing(store_copy, name, message):
    before = read_meta(store_copy)["built_at"]
    with pytest.raises(SourceFormatError) as exc:
        run_import(store_copy, "civic", [FIXTURES / "broken" / name])
    assert message in str(exc.value) and name in str(exc.value)
    assert read_meta(store_copy)["built_at"] == before and not (layers_dir(store_copy) / "civic.jsonl").exists()


def test_cli_reports_counts_as_text_and_json_without_a_progress_bar(store_copy, capsys):
    from tests.test_cli import kg

    code, out, err = kg(capsys, "import", "civic", str(FIXTURES / "broken" / "civic-bad-rows.tsv"),
                        "--store", str(store_copy), "--format", "json")
    assert code == 0, err
    report = json.loads(out)
    assert report["rejected"] == 4 and report["rejections"][0]["line"] == 3 and err == ""
    code, out, err = kg(capsys, "import", "civic", str(CIVIC), "--store", str(store_copy))
    assert code == 0 and "read 4 records" in out and "rejected 0" in out and "reading" not in err
    code, out, err = kg(capsys, "import", "civic", str(FIXTURES / "broken" / "civic-wrong-header.tsv"),
                        "--store", str(store_copy))
    assert code == 2 and "civic-wrong-header.tsv:1" in err
