"""kg audit: verdicts from the graph's curated facts, with the facts and sources behind them."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from kg.cli import cli
from tests.conftest import DATA, refresh_manifest, shared

ARTICLES = Path(__file__).parent / "fixtures" / "articles"


def _verdicts(store, path):
    from kg.query.audit import audit_file

    return audit_file(path, store)[1]


def _pick(results, kind, obj=None, text=""):
    return [r for r in results if r["claim"]["kind"] == kind and (obj is None or r["claim"]["object"] == obj)
            and text in r["sentence"]]


def test_evidence_page_verdicts(store):
    res = _verdicts(store, shared("seeds", "atezolizumab-stage-iv-evidence-page.txt"))
    uc = _pick(res, "approval", "MONDO:0040679")
    assert [r["verdict"] for r in uc] == ["outdated"]
    assert {b["record"] for b in uc[0]["because"]} == {"KG:appr-fda-2016-05-18-uc-2l", "KG:appr-fda-2017-04-17-uc-1l"}
    assert all("withdrawn" in b["fact"] and b["sources"] for b in uc[0]["because"])
    for ind in ("MONDO:0005233", "MONDO:0008433", "MONDO:0007256", "MONDO:0005105"):
        assert [r["verdict"] for r in _pick(res, "approval", ind, "Current status")] == ["consistent"]
    # "approvals across lung, liver, and breast cancers": the organs' indications the graph holds
    # approvals of atezolizumab for; the only breast cancer approval (TNBC) was withdrawn
    organs = {(r["claim"]["object"], r["claim"]["values"]["organ"], r["verdict"])
              for r in res if r["claim"]["values"].get("organ")}
    assert organs == {("MONDO:0005233", "lung", "consistent"), ("MONDO:0008433", "lung", "consistent"),
                      ("MONDO:0007256", "liver", "consistent"), ("MONDO:0005494", "breast", "outdated")}
    impower = _pick(res, "evidence level", text="IMpower trials")
    assert {(r["claim"]["object"], r["verdict"]) for r in impower} == {
        ("MONDO:0005233", "consistent"), ("MONDO:0008433", "consistent"),
        ("MONDO:0007256", "contradicted")}  # IMpower trials are lung trials; HCC's phase 3 is IMbrave150
    hcc = next(r for r in impower if r["claim"]["object"] == "MONDO:0007256")
    assert all(b["fact"].startswith("IMbrave150") for b in hcc["because"])
    imp130 = _pick(res, "trial result", text="IMpassion130")
    assert imp130 and all(r["verdict"] == "consistent" for r in imp130)
    no_rct = _pick(res, "evidence level", text="randomized controlled trials")
    assert len(no_rct) == 3 and all(r["verdict"] == "contradicted" for r in no_rct)
    behind = " ".join(b["fact"] for b in no_rct[0]["because"])
    for acronym in ("IMpower150", "IMpower133", "IMbrave150", "IMspire150", "OAK"):
        assert acronym in behind
    assert all(r["verdict"] == "consistent" for r in _pick(res, "mechanism"))


def test_verdicts_do_not_use_the_curated_claims(tmp_path):
    """A graph without the seeds' curated claims (and so without their ``accuracy``) gives the same verdicts."""
    from kg.build import build
    from kg.store.local import open_store

    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    (data / "claims.yaml").unlink()
    refresh_manifest(data)  # left out on purpose, so the manifest says so
    build(data, tmp_path / "store", None)
    res = _verdicts(open_store(tmp_path / "store"), shared("seeds", "atezolizumab-stage-iv-evidence-page.txt"))
    assert [r["verdict"] for r in _pick(res, "approval", "MONDO:0040679")] == ["outdated"]
    assert {r["verdict"] for r in _pick(res, "evidence level", text="randomized controlled trials")} == {"contradicted"}


def test_news_report_verdicts(store):
    res = _verdicts(store, shared("seeds", "alexandra-impassion030-news.txt"))
    hr = _pick(res, "trial result", text="hazard ratio for invasive DFS")
    assert [r["verdict"] for r in hr] == ["consistent"] and "HR 1.11" in hr[0]["because"][0]["fact"]
    severe = _pick(res, "adverse events", text="severe adverse events")
    verdicts = {r["claim"]["values"]["experimental_pct"]: r["verdict"] for r in severe}
    assert verdicts == {54: "consistent", 19: "not in graph"}  # 54.3% vs 44.1% in the graph; 19% vs 10% nowhere
    gepar = {(r["claim"]["object"], r["verdict"]) for r in _pick(res, "trial design", text="GeparDouze")}
    assert gepar == {("MONDO:0005494", "consistent"), (None, "outdated")}  # ongoing then; primary analysis done
    editorial = _pick(res, "publication", "PMID:39883436", "Editorial")
    assert [(r["claim"]["subject"], r["verdict"]) for r in editorial] == [("DOI:10.1001/jama.2024.26811", "not in graph")]


def test_sample_verdicts_match_the_expected_file(store):
    expected = json.loads((ARTICLES / "atezolizumab-update.expected.json").read_text())
    res = _verdicts(store, ARTICLES / "atezolizumab-update.txt")
    for want in expected["claims"]:
        hits = [r for r in res if r["claim"]["kind"] == want["kind"] and r["claim"]["subject"] == want["subject"]
                and r["claim"]["object"] == want.get("object") and want["sentence"] in r["sentence"]]
        assert [r["verdict"] for r in hits] == [want["verdict"]], want
    wrong_hr = next(r for r in res if "IMbrave150" in r["sentence"])
    assert any("HR 0.58" in b["fact"] for b in wrong_hr["because"])


def test_unknown_trials_and_drugs_are_not_in_the_graph(store):
    res = _verdicts(store, ARTICLES / "velarimab-orion7.md")
    assert res and {r["verdict"] for r in res} == {"not in graph"}


def test_cli_json_and_text(runner, built):
    r = runner.invoke(cli, ["audit", "--format", "json", "--store", str(built["store"]),
                            str(ARTICLES / "atezolizumab-update.txt")], catch_exceptions=False)
    data = json.loads(r.output)
    assert all(set(x) == {"claim", "sentence", "verdict", "because"} for x in data)
    assert all(set(b) == {"fact", "record", "sources"} for x in data for b in x["because"])
    t = runner.invoke(cli, ["audit", "--store", str(built["store"]), str(ARTICLES / "atezolizumab-update.txt")])
    assert "CONTRADICTED" in t.output and t.output.rstrip().endswith("2 contradicted, 0 not in graph")


@pytest.mark.parametrize("name", ["missing.txt"])
def test_audit_of_a_missing_file_exits_2(name, built, tmp_path):
    import subprocess
    import sys

    r = subprocess.run([sys.executable, "-m", "kg", "audit", "--store", str(built["store"]), str(tmp_path / name)],
                       capture_output=True, text=True, cwd=Path(__file__).parent.parent)
    assert r.returncode == 2 and name in r.stderr


def test_audit_of_a_page_with_doi_links_is_no_internal_error(built, tmp_path):
    """A Markdown link whose text ends in a DOI with brackets once made kg audit stop with
    'internal error' (an id no IRI can hold reached the store): a user could cause it."""
    from click.testing import CliRunner

    from kg.cli import cli

    page = tmp_path / "page.md"
    page.write_text("# x\n\nAtezolizumab binds PD-L1 [doi:10.1016/S0140-6736(16)32517-X]"
                    "(https://doi.org/10.1016/S0140-6736(16)32517-X).\n\n[x](https://doi.org/10.1000/a]b)\n")
    result = CliRunner().invoke(cli, ["audit", str(page), "--store", str(built["store"])])
    assert result.exit_code == 0 and "internal error" not in result.output, result.output
    assert "1 consistent" in result.output


def test_a_result_of_one_endpoint_is_not_judged_by_records_of_another(store, tmp_path):
    """The graph holds POD1UM-303's progression-free survival only: an overall survival figure that
    missed significance is not in the graph, not contradicted by the PFS record."""
    page = tmp_path / "interim.md"
    page.write_text("In POD1UM-303 (NCT04472429), retifanlimab was added to chemotherapy for anal cancer. At an interim "
                    "analysis, overall survival favoured the retifanlimab arm (median 29.2 vs. 23.0 months; HR 0.70; "
                    "95% CI 0.49-1.01).\n", encoding="utf-8")
    os_ = [r for r in _verdicts(store, page) if r["claim"]["kind"] == "trial result"
           and r["claim"]["values"].get("endpoint") == "overall survival"]
    assert os_ and {r["verdict"] for r in os_} == {"not in graph"}


def test_a_ratio_of_an_analysis_the_records_do_not_hold_contradicts_nothing(store, tmp_path):
    """IMpassion130's overall survival record is of its first interim analysis; an article's ratio
    after five years of follow-up that differs is of another analysis, not a contradiction. A
    different ratio told with no analysis named still is one."""
    page = tmp_path / "analyses.md"
    page.write_text("After five years of follow-up in IMpassion130, overall survival in the intention-to-treat population "
                    "gave HR 0.55 (95% CI 0.40-0.80).\n\nIn IMpassion130, overall survival in the intention-to-treat "
                    "population gave HR 0.55 (95% CI 0.40-0.80).\n", encoding="utf-8")
    got = [r["verdict"] for r in _verdicts(store, page) if r["claim"]["kind"] == "trial result"
           and r["claim"]["values"].get("measure") == "HR"]
    assert got == ["not in graph", "contradicted"]


def test_a_claim_dated_on_another_records_day_is_not_contradicted(store, tmp_path):
    """"It" read as the drug named before: the claimed day is exactly that of another drug's record
    (nivolumab's first melanoma approval), so the claim is more likely that one, not a contradiction;
    a day no record has still contradicts."""
    page = tmp_path / "days.md"
    page.write_text("Ipilimumab came first. The FDA granted it accelerated approval on December 22, 2014 for melanoma "
                    "that had progressed.\n\nIpilimumab came first. The FDA granted it accelerated approval on "
                    "December 23, 2013 for melanoma that had progressed.\n", encoding="utf-8")
    got = [r["verdict"] for r in _verdicts(store, page) if r["claim"]["kind"] == "approval"]
    assert got == ["not in graph", "contradicted"]
