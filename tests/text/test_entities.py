"""The dictionary matcher over the store's names and the patterns for unknown names."""
from __future__ import annotations

import pytest

from kg.sources.text.entities import Matcher


@pytest.fixture(scope="module")
def matcher(store):
    return Matcher.from_store(store)


def _found(matcher, text):
    return [(m.type, m.id, m.text, m.new) for m in matcher.find(text)]


def test_names_synonyms_brands_codes_and_acronyms(matcher):
    got = _found(matcher, "Tecentriq (MPDL3280A) and Keytruda; KEYNOTE 522 in TNBC; the B7-H1 ligand; IMpower150.")
    assert ("Drug", "DRUGBANK:DB11595", "Tecentriq", False) in got
    assert ("Drug", "DRUGBANK:DB11595", "MPDL3280A", False) in got
    assert ("Drug", "DRUGBANK:DB09037", "Keytruda", False) in got
    assert ("Trial", "CLINICALTRIALS:NCT03036488", "KEYNOTE 522", False) in got
    assert ("Indication", "MONDO:0005494", "TNBC", False) in got
    assert ("Target", "HGNC:17635", "B7-H1", False) in got
    assert ("Trial", "CLINICALTRIALS:NCT02366143", "IMpower150", False) in got


def test_case_rules_and_word_boundaries(matcher):
    got = _found(matcher, "An oak tree, Alexandra Smith and the OAK trial; NSCLC is not SCLC; uc.")
    assert [g[2] for g in got] == ["OAK", "NSCLC", "SCLC"]
    assert got[1][1] == "MONDO:0005233" and got[2][1] == "MONDO:0008433"


def test_longest_name_wins_and_non_small_is_not_small(matcher):
    got = _found(matcher, "nab-paclitaxel in non-small cell lung cancer")
    assert got == [("Drug", "KG:drug-nab-paclitaxel", "nab-paclitaxel", False),
                   ("Indication", "MONDO:0005233", "non-small cell lung cancer", False)]


def test_unknown_drugs_trials_and_identifiers_are_new_and_typed(matcher):
    text = ("Zorvatinib and tomelimab were tested in the phase 3 HELIOS-2 trial (NCT01234567) and in KEYNOTE-999; "
            "see PMID: 12345678 and doi:10.1000/xyz.1. HELIOS-2 enrolled 300 patients.")
    got = _found(matcher, text)
    assert ("Drug", "KG:drug-zorvatinib", "Zorvatinib", True) in got
    assert ("Drug", "KG:drug-tomelimab", "tomelimab", True) in got
    assert [g for g in got if g[2] == "HELIOS-2"] == [("Trial", "CLINICALTRIALS:NCT01234567", "HELIOS-2", True)] * 2
    assert ("Trial", "KG:trial-keynote-999", "KEYNOTE-999", True) in got
    assert ("Publication", "PMID:12345678", "PMID: 12345678", True) in got
    assert ("Publication", "DOI:10.1000/xyz.1", "doi:10.1000/xyz.1", True) in got


def test_known_publications_by_doi_and_pmid(matcher):
    got = _found(matcher, "doi: 10.1001/jama.2024.26886 and PMID: 39883436")
    assert {g[1] for g in got} == {"PMID:39883436"} and not any(g[3] for g in got)


def test_offsets_and_no_false_trials(matcher):
    text = "The FDA and the HR of the PD-L1 study were noted; COVID-19 trial delays."
    ms = matcher.find(text)
    assert all(text[m.start:m.end] == m.text for m in ms)
    assert [m.type for m in ms] == ["Organization", "Target"]


def test_a_name_followed_by_its_nct_number_takes_that_id_and_brands_and_diseases_new_to_the_graph(matcher):
    text = "KEYNOTE-604 (NCT03066778) and CheckMate 9DW (NCT04039607) tested Yervoy in renal cell carcinoma (RCC)."
    ms = {(m.text, m.type, m.id) for m in matcher.find(text)}
    assert ("KEYNOTE-604", "Trial", "CLINICALTRIALS:NCT03066778") in ms
    assert ("CheckMate 9DW", "Trial", "CLINICALTRIALS:NCT04039607") in ms
    assert ("Yervoy", "Drug", "KG:drug-ipilimumab") in ms or any(t == "Yervoy" and ty == "Drug" for t, ty, _ in ms)
    # the abbreviation names what the name before it names (the graph's renal cell carcinoma, or a new one)
    (rcc,) = {i for t, ty, i in ms if t == "renal cell carcinoma" and ty == "Indication"}
    assert ("RCC", "Indication", rcc) in ms


def test_coded_trial_names_and_trials_named_by_a_verb(matcher):
    got = _found(matcher, "Results of HORIZON-214 and of AB123-301; the XY-401-102 cohort; Study 2211; "
                          "the study, called LUMEN-07, and the trial was ZENITH.")
    assert [(t, x) for t, _, x, _ in got] == [("Trial", "HORIZON-214"), ("Trial", "AB123-301"), ("Trial", "XY-401-102"),
                                              ("Trial", "Study 2211"), ("Trial", "LUMEN-07"), ("Trial", "ZENITH")]
    # drug codes (more digits), gene and virus names, and web addresses are no trials
    assert [x for t, _, x, _ in _found(matcher, "MK-3475, BMS-936558, IL-12, COVID-19, ClinicalTrials.gov") if t == "Trial"] == []


def test_an_nct_number_belongs_to_the_name_just_before_it(matcher):
    got = _found(matcher, "Compared with HORIZON-214, the LUMEN-07 trial (NCT09990001) enrolled more.")
    assert [(x, i) for t, i, x, _ in got if t == "Trial"] == [
        ("HORIZON-214", "KG:trial-horizon-214"), ("LUMEN-07", "CLINICALTRIALS:NCT09990001"),
        ("NCT09990001", "CLINICALTRIALS:NCT09990001")]


def test_an_abbreviation_defined_in_parentheses_names_it_from_there_on(matcher):
    # (SQCAC: an abbreviation no record of the graph gives, so only the definition can name it)
    text = "SQCAC first. Results in squamous cell carcinoma of the anal canal (SQCAC) were good; SQCAC is rare."
    got = _found(matcher, text)
    inds = [(x, s) for (t, i, x, _), s in zip(got, [m.start for m in matcher.find(text)]) if t == "Indication"]
    assert [x for x, _ in inds] == ["squamous cell carcinoma of the anal canal", "SQCAC", "SQCAC"]
    assert inds[1][1] > 11  # not the one before the definition
    # a drug's class in parentheses is no abbreviation of the drug
    assert [x for t, _, x, _ in _found(matcher, "Atezolizumab (anti-PD-L1) and anti-PD-L1 drugs") if t == "Drug"] == ["Atezolizumab"]


def test_a_name_before_an_nct_number_is_a_trial(matcher):
    got = _found(matcher, "The decision rested on Q-SHIELD (NCT09990002), a phase 3 trial.")
    assert [(t, i, x) for t, i, x, _ in got] == [("Trial", "CLINICALTRIALS:NCT09990002", "Q-SHIELD"),
                                                 ("Trial", "CLINICALTRIALS:NCT09990002", "NCT09990002")]


def test_a_known_trial_keeps_its_id_beside_another_trials_name(matcher):
    """Only a new trial's name takes an NCT number that follows it, and only a number written as
    one: a curated trial without an NCT id (PACIFIC) named just before another trial keeps its own."""
    ms = {(m.text, m.type, m.id) for m in matcher.find("PACIFIC, KEYNOTE-604 and other trials.")}
    assert ("PACIFIC", "Trial", "KG:trial-pacific") in ms
    assert ("KEYNOTE-604", "Trial", "CLINICALTRIALS:NCT03066778") in ms


def test_a_doi_in_a_markdown_link_ends_where_the_link_does(matcher):
    """'[doi:X](https://doi.org/X)': the DOI is X, not X with the link's brackets (which no IRI
    holds: kg audit of such a page ended in an internal error)."""
    text = "See [doi:10.1016/S0140-6736(16)32517-X](https://doi.org/10.1016/S0140-6736(16)32517-X)."
    pubs = {m.id for m in matcher.find(text) if m.type == "Publication"}
    assert pubs == {"PMID:27979383"}  # OAK's paper, which the graph holds under its PMID
    new = {m.id for m in matcher.find(text.replace("32517-X", "99999-Z")) if m.type == "Publication"}
    assert new == {"DOI:10.1016/S0140-6736(16)99999-Z"}


def test_a_diseases_own_name_in_the_graph_beats_the_lexicons_reading(matcher):
    """"endometrial cancer" and "gastroesophageal junction adenocarcinoma" are diseases of the graph
    by those names: the lexicon's synonyms (endometrial carcinoma, gastric cancer) do not take them;
    a synonym the graph gives only as a synonym still goes to the lexicon's disease."""
    got = _found(matcher, "endometrial cancer; endometrial carcinoma; gastroesophageal junction adenocarcinoma; "
                          "esophageal adenocarcinoma; bladder cancer")
    assert [g[1] for g in got] == ["MONDO:0011962", "MONDO:0002447", "MONDO:0003219", "MONDO:0005028", "MONDO:0040679"]


def test_a_combination_product_by_any_joining_of_its_drugs(matcher):
    for text in ("relatlimab plus nivolumab", "nivolumab with relatlimab", "nivolumab + relatlimab", "relatlimab/nivolumab"):
        assert _found(matcher, text) == [("Drug", "KG:drug-nivolumab-relatlimab", text, False)], text
    assert [g[1] for g in _found(matcher, "nivolumab, then relatlimab")] == ["DRUGBANK:DB09035", "DRUGBANK:DB14851"]


def test_a_family_name_and_the_verb_after_it_are_not_a_new_trial(matcher):
    got = _found(matcher, "IMforte randomised 483 patients; JAVELIN Bladder 100 and EMPOWER-Lung 1 were named.")
    assert ("Trial", "CLINICALTRIALS:NCT05091567", "IMforte", False) in got
    assert not any(t == "Trial" and "randomised" in text for t, _, text, _ in got)
    assert any(t == "Trial" and text == "JAVELIN Bladder 100" for t, _, text, _ in got)
    assert any(t == "Trial" and text == "EMPOWER-Lung 1" for t, _, text, _ in got)


def test_a_combination_product_joined_by_a_dash_and_patients_names_of_skin_and_womb_cancers(matcher):
    got = [(t, i, x) for t, i, x, _ in _found(matcher, "the nivolumab\u2013relatlimab combination; relatlimab-nivolumab")]
    assert got == [("Drug", "KG:drug-nivolumab-relatlimab", "nivolumab\u2013relatlimab"),
                   ("Drug", "KG:drug-nivolumab-relatlimab", "relatlimab-nivolumab")]
    got = [(i, x) for t, i, x, _ in _found(matcher, "squamous cell skin cancer, basal cell skin cancer and womb cancer")]
    assert got == [("MONDO:0002529", "squamous cell skin cancer"), ("MONDO:0005341", "basal cell skin cancer"),
                   ("MONDO:0002447", "womb cancer")]


def test_oesophageal_or_junction_cancer_is_oesophageal_cancer(matcher):
    got = [(i, x) for t, i, x, _ in _found(matcher, "advanced esophageal or gastroesophageal junction cancer")]
    assert got == [(got[0][0], "esophageal or gastroesophageal junction cancer")] and got[0][0] != "MONDO:0005580"


def test_a_phase_numeral_is_no_trial_name(matcher):
    got = _found(matcher, "The confirmatory phase III trial, DANUBE, failed; a phase II study followed.")
    assert [(t, i) for t, i, _, _ in got] == [("Trial", "KG:trial-danube")]


def test_trial_names_told_by_a_described_trial_a_heading_a_possessive_or_mixed_case(matcher):
    # a name in brackets or between commas after a trial described in a few words
    got = _found(matcher, "In the main study for people who had never been treated (ZEPHYR-TN), 535 patients took part. "
                          "The confirmatory trial in older adults, HALCYON, was positive.")
    assert [x for t, _, x, _ in got if t == "Trial"] == ["ZEPHYR-TN", "HALCYON"]
    # a line opening with a name and a description in brackets, then the trial's size
    got = _found(matcher, "Key trials\n\nZEPHYR-A (older adults, unfit). 431 patients were randomized 2:1.")
    assert [x for t, _, x, _ in got if t == "Trial"] == ["ZEPHYR-A"]
    # a name whose results are spoken of; a name in mixed case after "in"; a numbered name opening in lower case
    got = _found(matcher, "HALCYON's interim overall survival HR was 0.80. It was tested in ZephyNET, with 2,840 women; "
                          "zephyRX 301 (NCT09990002) confirmed it.")
    assert [(x, i) for t, i, x, _ in got if t == "Trial"] == [
        ("HALCYON", "KG:trial-halcyon"), ("ZephyNET", "KG:trial-zephynet"),
        ("zephyRX 301", "CLINICALTRIALS:NCT09990002"), ("NCT09990002", "CLINICALTRIALS:NCT09990002")]


def test_abbreviations_in_brackets_after_a_study_are_no_trial_names(matcher):
    # (a disease, an agency, a society in brackets: known names or words that are no trial)
    got = _found(matcher, "A study in chronic lymphocytic leukemia (CLL) and a trial reviewed by the agency (FDA) and "
                          "a study presented at the meeting (ASCO) and a study in lung cancer (NSCLC) ran.")
    assert [x for t, _, x, _ in got if t == "Trial"] == []


def test_a_sentence_opening_with_a_lower_case_coded_name_or_a_name_with_its_drug_aside(matcher):
    got = _found(matcher, "zephyrE put 5,637 patients on two years of therapy. HALCYON, with zelvomab, was the opposite "
                          "story. NCCN, with its panels, met. The proBNP level rose.")
    assert [x for t, _, x, _ in got if t == "Trial"] == ["zephyrE", "HALCYON"]
