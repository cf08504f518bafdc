"""The drug and disease names a reader knows before the graph does (drug_names, disease_names)."""
from __future__ import annotations

import re

import pytest

from kg.sources.text import disease_names, drug_names
from tests.conftest import shared


def _rows():
    lines = drug_names.TABLE.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "name\tinn\tsource"
    return [tuple(line.split("\t")) for line in lines[1:]]


def test_the_table_is_what_the_almanac_gives_plus_sourced_rows_by_hand():
    rebuilt = {r[0]: r for r in drug_names.from_moalmanac(shared("data", "moalmanac"))}
    rows = _rows()
    from_almanac = [r for r in rows if r[2].startswith("moalmanac:")]
    assert {r[0]: r for r in from_almanac} == rebuilt  # no row lost or edited by hand
    by_hand = [r for r in rows if not r[2].startswith("moalmanac:")]
    assert by_hand and all(re.match(r"https?://\S+$", r[2]) for r in by_hand)
    assert {"Blenrep", "Pepaxto", "Ukoniq", "Padcev"} <= {r[0] for r in by_hand}


def test_each_name_has_one_inn_and_no_inn_keeps_a_us_suffix():
    rows = _rows()
    seen: dict[str, str] = {}
    for name, inn, _ in rows:
        assert seen.setdefault(name.casefold(), inn) == inn, name
        assert not re.search(r"-[a-z]{4}$", inn) and inn == inn.lower() and inn.strip() == inn
    assert drug_names.NAMES["Lumakras"] == "sotorasib" and drug_names.NAMES["Blenrep"] == "belantamab mafodotin"


def test_oncotree_gives_diseases_not_tissues_nor_broad_words():
    forms = disease_names.FORMS
    assert "follicular lymphoma" in forms and "uveal melanoma" in forms and "gastrointestinal stromal tumour" in forms
    assert not {"breast", "lung", "adenocarcinoma", "lymphoma", "leukemia"} & {f.lower() for f in forms}
    assert not any(re.search(r"[();/]|\bNOS\b", f) for f in forms)


@pytest.fixture(scope="module")
def read(store):
    from kg.sources.text.claims import extract
    from kg.sources.text.entities import Matcher
    from kg.sources.text.facts import Facts

    m, f = Matcher.from_store(store), Facts.from_store(store)

    def claims(text):
        return [(c.kind, c.subject, c.object, c.values) for c in extract(text, m.find(text), f)]
    return claims


def test_a_withdrawal_of_a_drug_named_by_its_brand_in_a_disease_new_to_the_graph(read):
    out = read("GSK withdrew Blenrep for multiple myeloma in November 2022.")
    assert [(k, s, o) for k, s, o, _ in out] == [
        ("withdrawal", "KG:drug-belantamab-mafodotin", "KG:indication-multiple-myeloma")]
    assert out[0][3]["announced"] == "2022-11" and out[0][3]["indication"] == "multiple myeloma"


def test_an_approval_of_a_conjugate_is_the_conjugate_not_its_antibody(read):
    out = read("Trastuzumab deruxtecan was approved on August 5, 2022 for HER2-low breast cancer.")
    assert [(k, s, o, v["date"]) for k, s, o, v in out] == [
        ("approval", "KG:drug-trastuzumab-deruxtecan", "KG:indication-breast-cancer", "2022-08-05")]


def test_two_diseases_by_their_abbreviations_and_an_inn_stem_the_old_list_missed(read):
    out = read("The FDA granted accelerated approval to sotorasib on May 28, 2021 for NSCLC; umbralisib was "
               "withdrawn for MZL and FL on May 31, 2022.")
    got = sorted((k, s, o) for k, s, o, _ in out)
    assert ("approval", "KG:drug-sotorasib", "MONDO:0005233") in got
    assert ("withdrawal", "KG:drug-umbralisib", "KG:indication-marginal-zone-lymphoma") in got
    assert ("withdrawal", "KG:drug-umbralisib", "KG:indication-follicular-lymphoma") in got


def test_hostile_names_inside_words_and_tissues_alone_are_not_read(read):
    assert read("The Blenreport says breast and lung tissue was sampled; mmm, FLorida.") == []
    assert all(s != "KG:drug-sotorasib" for _, s, _, _ in read("Lumakrasx was approved for myeloma on May 1, 2021."))


def test_targets_of_other_cancer_drugs_and_the_words_that_name_a_drugs_kind(read):
    got = [(k, s, o) for k, s, o, _ in read("Osimertinib is an irreversible EGFR tyrosine kinase inhibitor. "
                                            "Sacituzumab govitecan is a TROP-2-directed antibody-drug conjugate. "
                                            "Tarlatamab is a bispecific T-cell engager that binds DLL3.")]
    assert got == [("mechanism", "KG:drug-osimertinib", "KG:target-egfr"),
                   ("mechanism", "KG:drug-sacituzumab-govitecan", "KG:target-trop-2"),
                   ("mechanism", "KG:drug-tarlatamab", "KG:target-dll3")]


def test_a_biomarker_a_drug_is_not_for_is_no_mechanism(read):
    text = "The FDA approved pembrolizumab with pemetrexed for NSCLC without targetable EGFR or ALK alterations."
    assert [k for k, *_ in read(text)].count("mechanism") == 0


def test_a_partner_new_to_the_graph_gets_its_approval_unless_chemotherapy_or_taken_before(read):
    got = sorted((s, o) for k, s, o, _ in read(
        "Lazertinib was approved with amivantamab on August 19, 2024 for EGFR-mutated NSCLC.") if k == "approval")
    assert got == [("KG:drug-amivantamab", "MONDO:0005233"), ("KG:drug-lazertinib", "MONDO:0005233")]
    got = [s for k, s, o, _ in read("The FDA approved sotorasib with carboplatin on May 2, 2030 for NSCLC.") if k == "approval"]
    assert got == ["KG:drug-sotorasib"]
    got = [s for k, s, o, _ in read("In May 2031 the FDA approved zolbetuximab for gastric cancer previously treated "
                                    "with trastuzumab deruxtecan.") if k == "approval"]
    assert got == ["KG:drug-zolbetuximab"]


@pytest.fixture(scope="module")
def matcher(store):
    from kg.sources.text.entities import Matcher

    return Matcher.from_store(store)


def test_trials_new_to_the_graph_named_without_the_word_trial(matcher):
    text = ("In FLAURA, osimertinib won. CodeBreaK 200 randomized 345 patients; DREAMM-3 did not meet its primary "
            "endpoint, and the rate was 36% in CodeBreaK 100. MARIPOSA enrolled 1,074 patients. Later, MARIPOSA again.")
    trials = [(m.text, m.id) for m in matcher.find(text) if m.type == "Trial"]
    assert trials == [("FLAURA", "KG:trial-flaura"), ("CodeBreaK 200", "KG:trial-codebreak-200"),
                      ("DREAMM-3", "KG:trial-dreamm-3"), ("CodeBreaK 100", "KG:trial-codebreak-100"),
                      ("MARIPOSA", "KG:trial-mariposa"), ("MARIPOSA", "KG:trial-mariposa")]


def test_capitals_and_numbers_that_are_no_trial(matcher):
    text = ("In ASCO 2024, the FDA said: in NSCLC, HR 0.70 in the ITT. Grade 3 events in 75%. PARP-1 and BRCA-1 "
            "carriers. ECOG 0-1. COVID-19 delayed it. GSK enrolled patients. In EGFR, nothing. Table 2, Phase 3.")
    assert [m.text for m in matcher.find(text) if m.type == "Trial"] == []


def test_a_partner_the_graph_knows_without_approvals_is_approved_with_the_regimen(read):
    got = sorted(s for k, s, o, _ in read("Padcev plus Keytruda got the nod for la/mUC on Dec. 15, 2023.") if k == "approval")
    assert got == ["DRUGBANK:DB09037", "DRUGBANK:DB13007"]  # pembrolizumab, and enfortumab vedotin by its brand


def test_a_note_of_an_approval_with_its_date_after_a_comma(read):
    [(k, s, o, v)] = read("Trodelvy: full approval, April 2021 (mTNBC).")
    assert (k, s, o, v["date"], v["approval_type"]) == ("approval", "KG:drug-sacituzumab-govitecan", "MONDO:0005494",
                                                         "2021-04", "regular")


def test_trials_in_a_tables_column_of_trials_and_names_with_a_glued_number(matcher):
    text = ("| Drug | Pivotal trial (n) | Key data |\n|---|---|---|\n| olaparib | POLO (154) | HR 0.53 |\n"
            "| niraparib | NOVA | HR 0.26 |\n| x | --- | - |\n\nARIEL4's survival detriment; BRCA1 and PALB2 carriers.\n")
    assert [m.text for m in matcher.find(text) if m.type == "Trial"] == ["POLO", "NOVA", "ARIEL4"]
    # (a column that is not the trials' names none)
    assert [m.text for m in matcher.find("| Drug | Setting |\n|---|---|\n| olaparib | SOLO MAINT |\n") if m.type == "Trial"] == []


def test_radiographic_pfs_and_progression_without_the_word_free(read):
    from kg.sources.text.endpoints import endpoint

    assert endpoint("rPFS HR 0.45") == endpoint("were alive without progression") == "progression-free survival"
