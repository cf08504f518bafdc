"""Approvals and mechanisms told in forms met in heldout13 once it became development material (each sentence
here is written for the test): a type in brackets with its negated other, "converted the approval", a partner
told with its kind, a type carried to the next sentence, and a prior treatment named by its target."""
from __future__ import annotations

import pytest

ATEZO, PEMBRO, AVELUMAB, AXITINIB = "DRUGBANK:DB11595", "DRUGBANK:DB09037", "DRUGBANK:DB11945", "DRUGBANK:DB06626"
SCLC, CHL, RCC = "MONDO:0008433", "MONDO:0004952", "MONDO:0005086"


@pytest.fixture(scope="module")
def read(store):
    from kg.sources.text.claims import extract
    from kg.sources.text.entities import Matcher
    from kg.sources.text.facts import Facts

    m, f = Matcher.from_store(store), Facts.from_store(store)
    return lambda text: extract(text, m.find(text), f)


def _approvals(claims):
    return [(c.subject, c.object, c.values.get("date"), c.values.get("approval_type"), c.values.get("partner_of"))
            for c in claims if c.kind == "approval"]


def test_a_type_in_brackets_with_the_other_negated(read):
    assert _approvals(read("FDA approved atezo + carbo/etop 1L ES-SCLC 3/18/19 (regular, not AA)")) == [
        (ATEZO, SCLC, "2019-03-18", "regular", None)]


def test_the_agency_converted_the_approval(read):
    got = _approvals(read("Pembrolizumab won accelerated approval for classical Hodgkin lymphoma in March 2017. "
                          "The agency converted the approval in October 2020."))
    assert got == [(PEMBRO, CHL, "2017-03", "accelerated", None), (PEMBRO, CHL, "2020-10", "conversion", None)]


def test_a_partner_told_with_its_kind_is_no_subject(read):
    """"it picked up a kidney cancer approval ..., in combination with the pill axitinib": "it" (avelumab) is the
    subject, axitinib its partner (axitinib was read as the subject)."""
    got = _approvals(read("Avelumab is sold as Bavencio. In 2019 it picked up a kidney cancer approval as well, "
                          "in combination with the pill axitinib."))
    assert got == [(AVELUMAB, RCC, "2019", None, None), (AXITINIB, RCC, "2019", None, AVELUMAB)]


def test_the_type_of_a_dated_approval_goes_with_its_date_to_the_next_sentence(read):
    got = [c for c in read("Umbralisib won accelerated approval on 5 February 2021. It was cleared for adults with "
                           "relapsed or refractory MZL after at least one anti-CD20-based regimen, and for FL after "
                           "at least three prior lines.") if c.values.get("date_from") == "context"]
    assert {c.object.rsplit("-", 2)[-2] for c in got} == {"zone", "follicular"}
    assert {(c.values["date"], c.values["approval_type"]) for c in got} == {("2021-02-05", "accelerated")}


def test_a_prior_treatment_named_by_its_target_is_no_mechanism(read):
    claims = read("It was cleared for adults with relapsed MZL after at least one anti-CD20-based regimen. "
                  "Umbralisib is approved for relapsed MZL after anti-CD20-containing therapy.")
    assert not [c for c in claims if c.kind == "mechanism"]


def test_targets_listed_after_one_bound_and_a_moa_line(read):
    """"MOA: dual inhibitor of PI3K-δ and PI3K-γ" after a sentence about duvelisib: both targets (only the first
    was read, and only by its line's drug)."""
    got = [(c.subject, c.object) for c in read("Duvelisib (Copiktra) is approved for CLL. MOA: dual inhibitor of "
                                               "PI3K-δ and PI3K-γ.") if c.kind == "mechanism"]
    assert got == [("KG:drug-duvelisib", "KG:target-pi3k-delta"), ("KG:drug-duvelisib", "KG:target-pi3k-gamma")]


@pytest.mark.parametrize("text, drugs", [
    ("In the United States, idelalisib is indicated, in combination with rituximab, for people with relapsed chronic "
     "lymphocytic leukemia.", {"KG:drug-idelalisib", "KG:drug-rituximab"}),
    ("Ibrutinib (Imbruvica) label update. Still on label: CLL/SLL, and Waldenström's macroglobulinemia.",
     {"KG:drug-ibrutinib"}),
    ("Duvelisib (Copiktra). Current label: R/R CLL/SLL after ≥2 prior therapies (regular approval, 9/24/2018).",
     {"KG:drug-duvelisib"}),
    ("Idelalisib (Zydelig) and umbralisib (Ukoniq) also once had FL approvals.", {"KG:drug-idelalisib", "KG:drug-umbralisib"}),
])
def test_uses_told_as_indicated_on_the_label_or_once_held(read, text, drugs):
    assert {c.subject for c in read(text) if c.kind == "approval"} == drugs


def test_a_label_that_names_no_use_is_no_approval(read):
    assert not [c for c in read("The label carries a boxed warning about infections.") if c.kind == "approval"]


def test_it_only_had_accelerated_approval_with_its_date(read):
    got = _approvals(read("Lorlatinib is for ALK-positive NSCLC. Before that it only had accelerated approval (Nov 2018) "
                          "for people who already progressed on another ALK drug."))
    assert got == [("KG:drug-lorlatinib", "MONDO:0005233", "2018-11", "accelerated", None)]


def test_the_agencys_later_act_after_and_on_a_date(read):
    got = _approvals(read("Olaparib gained an HRR gene-mutated mCRPC indication on May 19, 2020, and on 31 May 2023 "
                          "the FDA added a BRCA-mutated mCRPC indication with abiraterone."))
    assert [(d, date) for d, _, date, *_ in got] == [("KG:drug-olaparib", "2020-05-19"), ("KG:drug-olaparib", "2023-05-31")]


def test_an_fda_aa_line_and_an_approval_beside_its_withdrawal(read):
    got = _approvals(read("Enfortumab vedotin in urothelial cancer.\n12/18/2019: FDA AA for mUC after PD-1/L1 + platinum"))
    assert got == [("DRUGBANK:DB13007", "MONDO:0040679", "2019-12-18", "accelerated", None)]
    claims = read("Olaratumab for soft tissue sarcoma. It went from accelerated approval on 19 October 2016 to a market "
                  "withdrawal that Eli Lilly announced on 25 April 2019.")
    assert [(c.kind, c.values.get("date") or c.values.get("announced")) for c in claims] == [
        ("approval", "2016-10-19"), ("withdrawal", "2019-04-25")]
    # (an approval in a disease that the company withdrew is no approval told with its date)
    claims = read("In March 2021, the company withdrew Tecentriq's approval in previously treated bladder cancer.")
    assert [c.kind for c in claims] == ["withdrawal"]


def test_the_items_of_a_bulleted_list_under_a_lead_that_tells_approvals(read):
    text = ("Enhertu (trastuzumab deruxtecan) is a conjugate.\nSince then, the list of approved uses has grown:\n\n"
            "  * Stomach cancer: January 2021, for HER2-positive gastric cancer after trastuzumab.\n"
            "  * HER2-low breast cancer: August 5, 2022. In the key study, people lived longer.\n"
            "\nSince then, the list of prices has grown:\n\n  * Stomach cancer: January 2021, $12,000.\n")
    got = [(c.object, c.values.get("date")) for c in read(text) if c.kind == "approval"]
    assert got == [("MONDO:0005036", "2021-01"), ("KG:indication-breast-cancer", "2022-08-05")]
    # (a list under a lead of withdrawals is no list of approvals)
    text = "Its uses were withdrawn:\n  * Stomach cancer: January 2021.\n"
    assert [c for c in read(text) if c.kind == "approval"] == []


def test_the_combo_told_before_gives_each_of_its_drugs(read):
    text = ("The FDA approved enfortumab vedotin plus pembrolizumab for urothelial cancer on December 15, 2023. The combo "
            "had already received accelerated approval in April 2022 for cisplatin-ineligible patients.")
    got = {(c.subject, c.values.get("date")) for c in read(text) if c.kind == "approval"}
    assert {("DRUGBANK:DB13007", "2022-04"), (PEMBRO, "2022-04")} <= got


def test_came_to_market(read):
    got = _approvals(read("Cemiplimab (Libtayo) is a PD-1 antibody. It first came to market in September 2018 for "
                          "cutaneous squamous cell carcinoma."))
    assert [(d, date) for d, _, date, _, _ in got] == [("DRUGBANK:DB14707", "2018-09")]


def test_each_disease_its_own_type_when_one_clause_gives_two(read):
    got = {(c.object, c.values.get("approval_type")) for c in read(
        "The agency granted idelalisib regular approval for relapsed CLL and accelerated approval for relapsed FL and "
        "relapsed SLL on July 23, 2014.") if c.kind == "approval" and c.subject == "KG:drug-idelalisib"}
    assert got == {("KG:indication-chronic-lymphocytic-leukemia", "regular"),
                   ("KG:indication-follicular-lymphoma", "accelerated"),
                   ("KG:indication-small-lymphocytic-lymphoma", "accelerated")}
    got = {(c.object, c.values.get("approval_type")) for c in read(
        "Duvelisib is a PI3K inhibitor. 9/24/2018: regular approval for R/R CLL/SLL + AA for R/R FL") if c.kind == "approval"}
    assert got == {("KG:indication-chronic-lymphocytic-leukemia", "regular"), ("KG:indication-follicular-lymphoma", "accelerated")}


def test_a_question_in_quotation_marks_is_no_claim(read):
    assert read('13:55 - Reader question: "Is trastuzumab deruxtecan approved in HER2-low bladder cancer?"') == []
    assert read("Reader question: \u201cIs Keytruda approved for SCLC?\u201d") == []


def test_a_heading_ending_with_a_bracket_gives_its_section_drug(read):
    # (twelfth round: "SLIDE 8 - Copanlisib (Aliqopa)" was no heading, so the drug of the slide before stayed)
    got = _approvals(read("SLIDE 4 - Pembrolizumab (Keytruda)\n- AA 3/14/2017: relapsed classical Hodgkin lymphoma\n\n"
                          "SLIDE 5 - Avelumab (Bavencio)\n- Approved 5/14/2019 with axitinib for advanced renal cell carcinoma"))
    got = {(d, i, when) for d, i, when, _, _ in got}
    assert {(PEMBRO, CHL, "2017-03-14"), (AVELUMAB, RCC, "2019-05-14")} <= got
    assert not {(PEMBRO, RCC, "2019-05-14")} & got
    # (a partner on a line of its own is no section's drug: "with axitinib" was read as a heading's drug)


def test_a_regimen_heading_gives_its_first_drug_and_a_prior_treatment_none(read):
    got = _approvals(read("**1.1 Pembrolizumab in relapsed classical Hodgkin lymphoma**\n"
                          "- Pembrolizumab is a PD-1 antibody; do not use it after progression.\n\n"
                          "**1.2 Avelumab + axitinib in advanced renal cell carcinoma (1L)**\n"
                          "- Approval (May 2019) for first-line advanced RCC.\n\n"
                          "Classical Hodgkin lymphoma after pembrolizumab (monotherapy)\n"
                          "Accelerated approval: 14 March 2017, based on response rates."))
    # (and the regimen's partner its approval too, as GOLD.md gives each drug of a regimen)
    assert [(d, when) for d, _, when, _, _ in got] == [(AVELUMAB, "2019-05"), (AXITINIB, "2019-05"), (AVELUMAB, "2017-03-14")]


def test_an_androgen_receptor_inhibitor_partner_gets_its_approval_and_chemotherapy_none(read):
    # (twelfth round: the partner's INN stem "-lutamide" says it is no chemotherapy; GOLD.md gives it the approval)
    got = {(d, i, when) for d, i, when, _, _ in _approvals(read(
        "The FDA approved talazoparib with enzalutamide for HRR gene-mutated metastatic castration-resistant prostate "
        "cancer on 20 June 2023. Atezolizumab was approved with carboplatin and etoposide for extensive-stage small "
        "cell lung cancer on 18 March 2019."))}
    assert {d for d, _, when in got if when == "2023-06-20"} == {"KG:drug-talazoparib", "KG:drug-enzalutamide"}
    assert {d for d, _, when in got if when == "2019-03-18"} == {ATEZO}
