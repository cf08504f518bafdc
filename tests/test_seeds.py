"""The two seed articles: their facts are in the graph, with the article as source, and the
articles' wrong or stale claims are kept as the article's, beside the correct fact."""
from __future__ import annotations

import hashlib
import re

import pytest

from tests.conftest import shared

EVPAGE = "KG:doc-atezolizumab-stage-iv-evidence-page"
NEWS = "KG:doc-alexandra-impassion030-news"


def _claims(graph, doc):
    return {d["id"]: (u, v, d) for u, v, d in graph.edges(data=True) if d.get("document") == doc}


def _values(graph, doc):
    out = set()
    for *_, d in _claims(graph, doc).values():
        for v in d.get("values", {}).values():
            out.add(v)
    return out


@pytest.mark.parametrize("doc,file", [(EVPAGE, "atezolizumab-stage-iv-evidence-page.txt"),
                                      (NEWS, "alexandra-impassion030-news.txt")])
def test_document_node_matches_the_seed_file(graph, doc, file):
    path = shared("seeds", file)
    node = graph.nodes[doc]
    assert node["type"] == "Document" and node["path"] == file
    assert node["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()


def test_every_claim_has_its_document_as_only_source(graph):
    for doc in (EVPAGE, NEWS):
        claims = _claims(graph, doc)
        assert len(claims) >= 20
        for u, v, d in claims.values():
            assert d["sources"] == [doc] and d["source_locators"][doc]
            assert d["statement"] and d["agent_type"] == "manual_agent"


def test_news_figures_are_in_the_graph_from_the_article(graph):
    text = shared("seeds", "alexandra-impassion030-news.txt").read_text()
    values = _values(graph, NEWS)
    figures = {"2,199": 2199, "31 countries": 31, "12.8%": 12.8, "11.4%": 11.4, "1.11": 1.11, "54%": 54, "44%": 44,
               "19%": 19, "10%": 10, "39883436": "39883436"}
    for written, value in figures.items():
        assert written in text, f"{written} is not in the article"
        assert value in values or str(value) in {str(v) for v in values}, f"{written} is not in the article's claims"
    for doi in re.findall(r"10\.1001/jama\.\d{4}\.\d+", text):
        assert any(doi in str(v) for v in values), doi


def test_news_trials_and_results_link_to_entities(graph):
    claims = _claims(graph, NEWS)
    linked = {(u, d["predicate"], v) for u, v, d in claims.values()}
    assert ("CLINICALTRIALS:NCT03498716", "kg:hasResultFor", "MONDO:0005494") in linked
    hr = [d for u, v, d in claims.values() if d.get("values", {}).get("hr") == 1.11]
    assert hr and hr[0]["direction"] == "does not support" and hr[0]["setting_context"] == "adjuvant"
    mentioned = {v for u, v, d in graph.out_edges(NEWS, data=True) if d["predicate"] == "kg:mentions"}
    assert {"CLINICALTRIALS:NCT03036488", "CLINICALTRIALS:NCT03281954", "DRUGBANK:DB11595"} <= mentioned


def test_adverse_event_trap_kept_as_the_articles_claim(graph):
    """The article's 54% vs 44% are grade 3-4 treatment-related AEs; 19% vs 10% is found nowhere else."""
    claims = _claims(graph, NEWS)
    ae = {d["id"]: d for *_, d in claims.values() if d["predicate"] == "kg:hasAdverseEvents"}
    severe = next(d for d in ae.values() if 54 in d["values"].values())
    assert severe["accuracy"] == "wrong" and "treatment-related" in severe["accuracy_note"]
    serious = next(d for d in ae.values() if 19 in d["values"].values())
    assert serious["accuracy"] == "unverified"
    curated = [d for *_, d in graph.edges(data=True) if d["predicate"] == "kg:clinicalEvidenceFor"
               and d.get("trial") == "CLINICALTRIALS:NCT03498716" and d.get("result_kind") == "safety"]
    assert any(d.get("arm_values") == {"experimental": 54.3, "control": 44.1} for d in curated)


def test_evidence_page_approval_list_and_its_stale_entry(graph):
    claims = _claims(graph, EVPAGE)
    approved = {v: d for u, v, d in claims.values() if d["predicate"] == "kg:approvedFor"}
    assert {"MONDO:0005233", "MONDO:0008433", "MONDO:0007256", "MONDO:0040679", "MONDO:0005105"} <= set(approved)
    uc = approved["MONDO:0040679"]
    assert uc["accuracy"] == "outdated"
    assert {"KG:appr-fda-2016-05-18-uc-2l", "KG:appr-fda-2017-04-17-uc-1l"} <= set(uc["see"])
    for appr in ("KG:appr-fda-2016-05-18-uc-2l", "KG:appr-fda-2017-04-17-uc-1l"):
        assert graph.nodes[appr]["status"] == "withdrawn"  # the correct fact, with its own sources
        assert EVPAGE not in graph.nodes[appr]["sources"]


def test_evidence_page_mechanism_and_trial_claims(graph):
    claims = _claims(graph, EVPAGE)
    preds = {(d["predicate"], v) for u, v, d in claims.values()}
    assert ("kg:binds", "HGNC:17635") in preds
    assert ("kg:sparesInteractionWith", "HGNC:18731") in preds
    wrong = [d for *_, d in claims.values() if d.get("accuracy") == "wrong"]
    assert any("IMbrave150" in d["accuracy_note"] for d in wrong), "the IMpower/HCC mix-up is flagged"
    assert any("no large" in d["statement"].lower() or "randomi" in d["statement"].lower() for d in wrong)


def test_claim_statements_are_not_copied_from_the_articles(dataset):
    """No claim statement shares a run of eight words with its article."""
    def words(s):
        return re.findall(r"[a-z0-9]+", s.lower())

    for doc, file in ((EVPAGE, "atezolizumab-stage-iv-evidence-page.txt"), (NEWS, "alexandra-impassion030-news.txt")):
        art = words(shared("seeds", file).read_text())
        grams = {tuple(art[i:i + 8]) for i in range(len(art) - 7)}
        for c in dataset.records["claims"]:
            if c.document != doc:
                continue
            w = words(c.statement)
            copied = [" ".join(w[i:i + 8]) for i in range(len(w) - 7) if tuple(w[i:i + 8]) in grams]
            assert not copied, (c.id, copied)
