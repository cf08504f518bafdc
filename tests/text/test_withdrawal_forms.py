"""Withdrawals told in more of the ways writers tell them, and lists of events each with its own drug,
disease and date."""
from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def read(store):
    from kg.sources.text.claims import extract
    from kg.sources.text.entities import Matcher
    from kg.sources.text.facts import Facts

    m, f = Matcher.from_store(store), Facts.from_store(store)

    def claims(text):
        return sorted((c.kind, c.subject, c.object, c.values.get("date") or c.values.get("announced")
                       or c.values.get("effective")) for c in extract(text, m.find(text), f))
    return claims


NIVO, PEMBRO, DURVA, ATEZO = "DRUGBANK:DB09035", "DRUGBANK:DB09037", "DRUGBANK:DB11714", "DRUGBANK:DB11595"
SCLC, HCC, UC = "MONDO:0008433", "MONDO:0007256", "MONDO:0040679"


@pytest.mark.parametrize("text, want", [
    ("The FDA delisted the SCLC indication of Opdivo at the end of 2020.", [("withdrawal", NIVO, SCLC, "2020")]),
    ("BMS took the HCC monotherapy indication off Opdivo's US label in July 2021.", [("withdrawal", NIVO, HCC, "2021-07")]),
    ("Tecentriq — mUC (1L cisplatin-ineligible): withdrawn Nov 2022.", [("withdrawal", ATEZO, UC, "2022-11")]),
])
def test_more_words_for_a_withdrawal(read, text, want):
    assert read(text) == want


def test_a_list_of_withdrawals_each_with_its_own_disease_and_date(read):
    assert read("Two approvals were retracted: Opdivo in SCLC (December 2020) and Imfinzi in bladder cancer "
                "(February 2021).") == [("withdrawal", NIVO, SCLC, "2020-12"), ("withdrawal", DURVA, UC, "2021-02")]


def test_a_list_of_approvals_each_with_its_own_date_is_no_regimen(read):
    assert read("Two approvals were granted: Opdivo in melanoma (December 2014) and Keytruda in melanoma "
                "(September 2014).") == [("approval", NIVO, "MONDO:0005105", "2014-12"),
                                         ("approval", PEMBRO, "MONDO:0005105", "2014-09")]


def test_a_retracted_paper_or_a_drug_taken_off_and_on_is_no_withdrawal(read):
    assert [k for k, *_ in read("The NEJM paper was retracted in 2021, but Opdivo stayed approved for melanoma.")] \
        == ["approval"]
    assert [k for k, *_ in read("Patients took Opdivo off and on; it is approved for melanoma.")] == ["approval"]


def test_a_drug_pulled_from_the_market_is_pulled_in_each_of_its_indications(read):
    got = [(k, o) for k, s, o, _ in read("Umbralisib was approved for MZL and FL in February 2021. TG Therapeutics pulled "
                                         "Ukoniq from the market in April 2022.") if k == "withdrawal"]
    assert got == [("withdrawal", "KG:indication-follicular-lymphoma"), ("withdrawal", "KG:indication-marginal-zone-lymphoma")]
    assert [k for k, *_ in read("Blenrep, approved for multiple myeloma in 2020, exited the US market in November 2022.")] \
        == ["withdrawal"]


def test_pulling_it_refers_to_the_drug_and_disease_just_named(read):
    got = read("Posted June 9, 2024\n\nMobocertinib was used in EGFR exon 20 NSCLC. Takeda announced in early October last "
               "year that it was pulling it in the US.")
    assert got == [("withdrawal", "KG:drug-mobocertinib", "MONDO:0005233", "2023-10")]


def test_a_list_of_withdrawals_each_drug_with_its_own_disease(read):
    got = read("Several accelerated approvals have since been withdrawn, including umbralisib for marginal zone lymphoma, "
               "melflufen for multiple myeloma and belantamab mafodotin for multiple myeloma.")
    assert sorted((s, o) for k, s, o, _ in got) == [
        ("KG:drug-belantamab-mafodotin", "KG:indication-multiple-myeloma"),
        ("KG:drug-melphalan-flufenamide", "KG:indication-multiple-myeloma"),
        ("KG:drug-umbralisib", "KG:indication-marginal-zone-lymphoma")]


@pytest.mark.parametrize("text, drug, n", [
    ("Pepaxto's exit in February 2024 ended a two-year dispute over multiple myeloma.", "KG:drug-melphalan-flufenamide", 1),
    ("Ibrutinib lost its MCL and MZL indications in the US in 2023.", "KG:drug-ibrutinib", 2),
])
def test_an_exit_and_indications_lost(read, text, drug, n):
    got = read(text)
    assert [k for k, *_ in got] == ["withdrawal"] * n and {s for _, s, _, _ in got} == {drug}


def test_drugs_listed_with_one_date_each_lose_the_organs_indication(read):
    got = read("FDA's Federal Register notice on 3/26/24 formally removed the treatment (not maintenance) ovarian "
               "indications for Lynparza, Rubraca and Zejula capsules.")
    # (the article names no ovarian cancer: the organ word's disease under the lexicon's id; the effect's date)
    assert got == [("withdrawal", f"KG:drug-{d}", "KG:indication-ovarian-cancer", "2024-03-26")
                   for d in ("niraparib", "olaparib", "rucaparib")]


def test_drugs_listed_with_two_dates_are_not_given_one_each_unless_respectively(read):
    got = read("Nivolumab and pembrolizumab lost their SCLC indications, which were withdrawn in December 2020 and March 2021.")
    assert {s for _, s, _, _ in got} == {"DRUGBANK:DB09035"}


def test_an_organs_use_withdrawn_by_another_regulator(store):
    from kg.sources.text.claims import extract
    from kg.sources.text.entities import Matcher
    from kg.sources.text.facts import Facts

    text = "Olaparib is used in prostate cancer. CDSCO issued a notification in May 2024 withdrawing the late-line ovarian use there."
    [c] = extract(text, Matcher.from_store(store).find(text), Facts.from_store(store))
    assert (c.kind, c.object, c.values["agency"]) == ("withdrawal", "KG:indication-ovarian-cancer", "KG:org-cdsco")


def test_these_uses_refer_to_each_drug_of_the_withdrawal_told_before(read):
    got = read("FDA notice on 3/26/24 formally removed the treatment ovarian indications for Lynparza, Rubraca and Zejula "
               "capsules. These uses were already voluntarily withdrawn by sponsors in 2022.")
    assert sorted((s, d) for _, s, _, d in got) == sorted(
        (f"KG:drug-{x}", d) for x in ("olaparib", "rucaparib", "niraparib") for d in ("2024-03-26", "2022"))


@pytest.fixture(scope="module")
def withdrawals(store):
    from kg.sources.text.claims import extract
    from kg.sources.text.entities import Matcher
    from kg.sources.text.facts import Facts

    m, f = Matcher.from_store(store), Facts.from_store(store)
    return lambda text: [(c.subject, c.values.get("announced"), c.values.get("effective"))
                         for c in extract(text, m.find(text), f) if c.kind == "withdrawal"]


def test_the_agencys_own_withdrawal_is_its_effect_and_a_company_the_graph_links_to_another_drug_does_not_take_it(
        withdrawals):
    # (the agency's act, before its date or right after it, is the effect; a company's announcement stays one)
    assert withdrawals("The FDA withdrew Opdivo's approval for SCLC in December 2020.") == [(NIVO, None, "2020-12")]
    assert withdrawals("On 29 December 2020 the FDA withdrew Opdivo's SCLC indication.") == [(NIVO, None, "2020-12-29")]
    assert withdrawals("BMS withdrew Opdivo's SCLC indication in December 2020.") == [(NIVO, "2020-12", None)]
    # a drug whose maker the graph does not know stays the subject when a company the graph links to another drug acts
    text = ("Zelvokinib (Vantora) was approved for breast cancer in 2008. Genentech asked for a hearing, lost it in June "
            "2011, and on 18 November 2011 the FDA revoked the breast cancer indication.")
    assert [(d, effective) for d, _, effective in withdrawals(text)] == [("KG:drug-zelvokinib", "2011-11-18")]


def test_more_words_for_a_withdrawals_effect_and_last_month_by_name(withdrawals):
    assert withdrawals("Durvalumab 2L UC (AA 5/1/2017) - withdrawn from the label 2/19/21") == [
        (DURVA, None, "2021-02-19")]
    assert withdrawals("Imfinzi for bladder cancer. FDA final decision to withdraw approval: 2/23/2021.") == [
        (DURVA, None, "2021-02-23")]
    # ("last August" in a report of July 2022 is August 2021, the one before it)
    text = "July 1, 2022\n\nOpdivo for SCLC: BMS announced last August that it was withdrawing the SCLC indication."
    assert withdrawals(text) == [(NIVO, "2021-08", None)]


def test_a_withdrawal_made_official_after_it_was_told(withdrawals):
    text = ("March 1, 2024. BMS withdrew the SCLC indication of Opdivo in 2022. The agency made it official in a Federal "
            "Register notice published March 26, 2024.")
    assert withdrawals(text) == [(NIVO, "2022", None), (NIVO, None, "2024-03-26")]
    # (with no withdrawal told before, nothing is made official)
    assert withdrawals("March 1, 2024. The agency made it official in a notice published March 26, 2024.") == []


@pytest.mark.parametrize("text, want", [
    # (twelfth round) the approval of an application withdrawn, dated by "effective"
    ("Nivolumab won accelerated approval for hepatocellular carcinoma in September 2017. The agency then withdrew "
     "approval of the biologics license application for that use, effective 23 July 2021.",
     [("approval", NIVO, HCC, "2017-09"), ("withdrawal", NIVO, HCC, "2021-07-23")]),
    # "withdrew the approval on <date>": the date is the withdrawal's, no approval of that day
    ("Nivolumab won accelerated approval for hepatocellular carcinoma in September 2017. The FDA withdrew the "
     "approval on 23 July 2021.", [("approval", NIVO, HCC, "2017-09"), ("withdrawal", NIVO, HCC, "2021-07-23")]),
    # an application withdrawn and the drug taken off the market: a withdrawal
    ("Nivolumab won accelerated approval for hepatocellular carcinoma in September 2017. BMS withdrew the sBLA and "
     "took that use off the market in July 2021.", [("approval", NIVO, HCC, "2017-09"), ("withdrawal", NIVO, HCC, "2021-07")]),
    # an application withdrawn before any decision: none
    ("Nivolumab won accelerated approval for hepatocellular carcinoma in September 2017. BMS withdrew the sBLA for "
     "first-line use in July 2021.", [("approval", NIVO, HCC, "2017-09")]),
])
def test_an_approval_withdrawn_with_its_application_and_dated_by_effective_or_on(read, text, want):
    assert [c for c in read(text) if c[0] in ("approval", "withdrawal")] == want
