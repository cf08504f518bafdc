"""Approvals by regulators the graph holds no decisions of (Health Canada, Japan's ministry, the TGA,
the MHRA, the NMPA) are theirs: never audited against the FDA's dates."""
from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def audited(store):
    from kg.query.audit import audit_claims
    from kg.sources.text.claims import extract
    from kg.sources.text.entities import Matcher
    from kg.sources.text.facts import Facts

    m, f = Matcher.from_store(store), Facts.from_store(store)

    def run(text):
        claims = extract(text, m.find(text), f)
        return [(c.kind, c.values.get("agency"), r["verdict"]) for c, r in zip(claims, audit_claims(store, claims))]
    return run


@pytest.mark.parametrize("text, agency", [
    ("Health Canada approved pembrolizumab for first-line metastatic non-squamous NSCLC on 12 March 2019.",
     "KG:org-health-canada"),
    ("Japan's MHLW approved nivolumab for melanoma in July 2014.", "KG:org-mhlw"),
    ("In Australia, the TGA approved pembrolizumab for melanoma in April 2015.", "KG:org-tga"),
    ("The MHRA approved nivolumab for melanoma in June 2015.", "KG:org-mhra"),
    ("China's NMPA approved nivolumab for NSCLC in June 2018.", "KG:org-nmpa"),
    ("India's CDSCO approved nivolumab for melanoma in 2016.", "KG:org-cdsco"),
])
def test_another_regulators_approval_is_not_in_graph_never_contradicted(audited, text, agency):
    assert audited(text) == [("approval", agency, "not in graph")]


def test_the_fdas_own_approval_is_still_audited_against_its_record(audited):
    assert audited("The FDA approved pembrolizumab for melanoma on September 4, 2014.") == [
        ("approval", "KG:org-fda", "consistent")]


def test_a_clause_naming_two_regions_names_no_agency(audited):
    [(kind, agency, _)] = audited("Nivolumab was approved for melanoma in Japan and in the US in 2014.")
    assert kind == "approval" and agency is None


def test_a_new_trials_result_takes_the_disease_spoken_of_not_the_articles_first(store):
    from kg.sources.text.claims import extract
    from kg.sources.text.entities import Matcher
    from kg.sources.text.facts import Facts

    text = ("Pembrolizumab is approved for melanoma. Melanoma is common.\n\nSotorasib is approved for KRAS G12C-mutated "
            "NSCLC. In CodeBreaK 100, the response rate was 36% (95% CI 28-45).")
    claims = extract(text, Matcher.from_store(store).find(text), Facts.from_store(store))
    [result] = [c for c in claims if c.kind == "trial result"]
    assert (result.subject, result.object, result.values["value"]) == ("KG:trial-codebreak-100", "MONDO:0005233", 36)


def test_a_table_with_a_column_per_regulator(store):
    from kg.sources.text.claims import extract
    from kg.sources.text.entities import Matcher
    from kg.sources.text.facts import Facts

    text = ("# Osimertinib across regulators\n\n| Indication | FDA | EMA | Health Canada |\n|---|---|---|---|\n"
            "| T790M NSCLC (osimertinib) | Nov 2015 (AA) | Feb 2016 (conditional) | Jul 2016 (NOC/c) |\n")
    claims = extract(text, Matcher.from_store(store).find(text), Facts.from_store(store))
    assert [(c.values["agency"], c.values["date"], c.values.get("approval_type")) for c in claims] == [
        ("KG:org-fda", "2015-11", "accelerated"), ("KG:org-european-commission", "2016-02", None),
        ("KG:org-health-canada", "2016-07", None)]
