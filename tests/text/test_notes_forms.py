"""Forms of notes, exams and bulletins: "AA" for an accelerated approval, two-digit years, "21-Oct-2022",
targets named after "inhibitor of", a regular approval "converting" an accelerated one, and sizes
told as "assigned", "were evaluable" or "cohort = N pts"."""
from __future__ import annotations

import pytest

from kg.sources.text import dates


@pytest.fixture(scope="module")
def read(store):
    from kg.sources.text.claims import extract
    from kg.sources.text.entities import Matcher
    from kg.sources.text.facts import Facts

    m, f = Matcher.from_store(store), Facts.from_store(store)
    return lambda text: extract(text, m.find(text), f)


def test_dates_of_notes_and_tables():
    assert [d.iso for d in dates.find("AA 5/28/21; table: 21-Oct-2022; 1/2/3 of them")] == ["2021-05-28", "2022-10-21"]
    assert dates.numeric_order("FDA: AA 8/10/22") == "mdy" and dates.numeric_order("EMA and FDA: 8/10/22") is None


def test_aa_with_its_date_is_an_accelerated_approval(read):
    [c] = read("sotorasib (Lumakras): AA 5/28/21, based on CodeBreaK 100 (NCT03600883), for KRAS G12C-mutated NSCLC.")
    assert (c.kind, c.subject, c.values["date"], c.values["approval_type"]) == (
        "approval", "KG:drug-sotorasib", "2021-05-28", "accelerated")


def test_the_aa_date_in_brackets_is_the_approvals_not_the_withdrawals(read):
    """It was a false alarm: the withdrawal took the bracketed approval date and contradicted the record."""
    got = sorted((c.kind, c.values.get("date") or c.values.get("effective")) for c in read(
        "A similar fate befell pembrolizumab's third-line SCLC indication (AA 17 June 2019), which was withdrawn "
        "effective 30 March 2021."))
    assert got == [("approval", "2019-06-17"), ("withdrawal", "2021-03-30")]


def test_no_aa_without_a_date_or_in_other_words(read):
    assert read("The AACR meeting; an AA battery for the pump; Opdivo is approved for melanoma.") != [] and all(
        c.values.get("approval_type") != "accelerated" for c in read("AACR: Opdivo, an AA battery, melanoma."))


def test_a_target_after_inhibitor_of_and_a_pair_of_targets(read):
    got = [(c.subject, c.object) for c in read("Selpercatinib, a highly selective inhibitor of the RET kinase, is old news. "
                                               "Lorlatinib is an ALK/ROS1 tyrosine kinase inhibitor.")]
    assert got == [("KG:drug-selpercatinib", "KG:target-ret"), ("KG:drug-lorlatinib", "KG:target-alk"),
                   ("KG:drug-lorlatinib", "KG:target-ros1")]


def test_a_regular_approval_converting_an_accelerated_one(read):
    got = sorted((c.values["approval_type"], c.values["date"]) for c in read(
        "Selpercatinib won regular approval in RET fusion-positive NSCLC on Sept. 21, 2021, converting its 2020 "
        "accelerated approval."))
    assert got == [("accelerated", "2020"), ("conversion", "2021-09-21")]


@pytest.mark.parametrize("text, n", [
    ("CodeBreaK 300 assigned 160 patients to one of two sotorasib doses or to the investigator's choice.", 160),
    ("For the conversion in the VISION trial, 313 patients were evaluable.", 313),
    ("CodeBreaK 100 NSCLC cohort = 124 pts.", 124),
])
def test_sizes_in_more_words(read, text, n):
    assert [c.values["n_patients"] for c in read(text) if "n_patients" in c.values] == [n]


def test_a_nurse_assigning_patients_is_no_trial_size(read):
    assert read("The nurse assigned 3 patients to the morning clinic.") == []


def test_months_told_by_their_place_in_the_year():
    found = dates.find("pulled that July; this past February; at the end of June; in mid-January; the following May",
                       year="2024", today="2024-06-09")
    # ("that July" with no date before it: the story's year is not told; "the following May": the May after mid-January 2024)
    assert [d.iso for d in found] == ["2024-02", "2024-06", "2024-01", "2024-05"]


@pytest.mark.parametrize("text", [
    "Full approval of sotorasib in NSCLC has not been granted.",
    "Lorlatinib: D is wrong - an FDA-approved test is part of the ALK NSCLC workup.",
    "Alone, KRAS G12C inhibitors do little in colorectal cancer, which is why adagrasib is paired with cetuximab.",
])
def test_no_claim_in_a_refusal_a_device_or_a_class(read, text):
    assert read(text) == []


def test_a_conversion_told_as_one_got(read):
    text = "Sotorasib treats KRAS G12C NSCLC. Amgen got its conversion: the agency granted sotorasib regular approval in 2023."
    assert [(c.values["approval_type"], c.values["date"]) for c in read(text) if c.values.get("date")] == [("conversion", "2023")]


def _results(read, text):
    return [(c.values["measure"], c.values["value"], c.values.get("control_value"), c.values.get("endpoint"))
            for c in read(text) if c.kind == "trial result"]


def test_a_landmark_in_its_own_clause_after_a_ratio(read):
    assert _results(read, "In CROWN, PFS favoured lorlatinib, HR 0.38 (95% CI 0.19-0.41); 78% vs 39% of patients were "
                          "alive without progression at 12 months.") == [
        ("HR", 0.38, None, "progression-free survival"), ("rate", 78, 39, "progression-free survival")]


def test_a_ratio_between_numbered_groups(read):
    assert _results(read, "In POSEIDON, the hazard ratio for Group 2 versus Group 3 was 0.86, with p = 0.075.") == [
        ("HR", 0.86, None, None)]


def test_a_median_written_right_after_its_word(read):
    assert _results(read, "In CodeBreaK 300, HR 0.49 (95% CI 0.30-0.80); the 240 mg arm was less active (mPFS 3.9 mo).") \
        == [("HR", 0.49, None, "progression-free survival"), ("median", 3.9, None, "progression-free survival")]
    assert _results(read, "CodeBreaK 100 NSCLC cohort: ORR 36% (95% CI 28-45); median DOR 10.0 mo.") == [
        ("rate", 36, None, "objective response rate"), ("median", 10.0, None, "duration of response")]


@pytest.mark.parametrize("text, agency, date", [
    ("[00:12:30] FDA nod for osimertinib plus chemotherapy in 1L EGFR-mutant NSCLC (FLAURA2), Feb 16, 2024",
     "KG:org-fda", "2024-02-16"),
    ("Health Canada issued a Notice of Compliance with conditions for osimertinib in NSCLC in July 2016.",
     "KG:org-health-canada", "2016-07"),
    ("2. Opdivo monotherapy for adjuvant treatment of melanoma - FDA approval date 12/20/2017.", "KG:org-fda", "2017-12-20"),
])
def test_approvals_told_as_a_nod_a_notice_or_a_dated_field(read, text, agency, date):
    assert [(c.kind, c.values.get("agency"), c.values.get("date")) for c in read(text)] == [("approval", agency, date)]


def test_a_nod_expected_or_a_phone_picked_up_is_no_approval(read):
    assert read("Merck picked up the phone; the FDA nod for pembrolizumab in melanoma is expected.") == []


def test_an_answer_dating_the_approval_its_question_asks_about(read):
    text = ("Q: When was osimertinib first approved in the US?\n"
            "A: November 13, 2015 (accelerated approval) for EGFR T790M-positive NSCLC.\n")
    assert [(c.kind, c.subject, c.values["date"], c.values["approval_type"]) for c in read(text)] == [
        ("approval", "KG:drug-osimertinib", "2015-11-13", "accelerated")]


def test_a_pooled_row_is_no_trials_and_a_trial_before_its_size(read):
    text = ("| Trial | Endpoint | HR (95% CI) |\n|---|---|---|\n| TROPiCS-02 | OS | 0.79 (0.65-0.96) |\n"
            "| Pooled | PFS | 0.58 (0.49-0.69) |\n\nIn ASCENT (n=468), median OS was 12.1 vs 6.7 months.\n")
    got = [(c.subject, c.values["value"]) for c in read(text) if c.kind == "trial result"]
    assert got == [("KG:trial-tropics-02", 0.79), ("KG:trial-unnamed-1", 0.58), ("KG:trial-ascent", 12.1)]


def test_a_withdrawal_told_in_last_year(read):
    text = ("Posted June 9, 2024\n\nTakeda announced in early October last year that it was pulling mobocertinib for "
            "EGFR exon 20 NSCLC in the US.")
    assert [(c.kind, c.values.get("announced")) for c in read(text)] == [("withdrawal", "2023-10")]


@pytest.mark.parametrize("text, trial, n", [
    ("DESTINY-Breast04 (n=557) compared T-DXd with chemotherapy.", "KG:trial-destiny-breast04", 557),
    ("In ASCENT (N = 468), sacituzumab govitecan improved PFS.", "KG:trial-ascent", 468),
    ("ADAURA included 682 patients with resected EGFR-mutated NSCLC.", "KG:trial-adaura", 682),
    ("FLAURA: 556 patients, 1:1.", "KG:trial-flaura", 556),
    ("KarMMa-3 (381 pts) compared ide-cel with standard regimens.", "KG:trial-karmma-3", 381),
])
def test_a_new_trials_size_after_its_name(read, text, trial, n):
    assert [(c.subject, c.values["n_patients"]) for c in read(text) if "n_patients" in c.values] == [(trial, n)]


def test_a_subgroups_size_is_no_trials(read):
    assert [c for c in read("In KEYNOTE-042, Asian (n=203) and PD-L1 high (n=599) patients benefited.")
            if "n_patients" in c.values] == []


def test_an_indication_expanded_is_an_approval(read):
    [c] = read("Enhertu's indication was expanded to HER2-ultralow breast cancer on January 27, 2025.")
    assert (c.kind, c.subject, c.values["date"]) == ("approval", "KG:drug-trastuzumab-deruxtecan", "2025-01-27")
    assert read("The trial's use of placebo in breast cancer was extended to 2025.") == []


def test_a_year_written_with_an_apostrophe():
    assert [d.iso for d in dates.find("In November of '22 the agency cleared it; Nov '23.", year="2024")] == ["2022-11", "2023-11"]


def test_a_column_of_indications_naming_an_organ_alone(read):
    text = ("| Brand / drug | Indication | Date | Type | Pivotal trial (n) |\n|---|---|---|---|---|\n"
            "| Lynparza / olaparib | gBRCAm metastatic pancreatic, maint. | 12/27/2019 | Regular | POLO (154) |\n"
            "| Talzenna / talazoparib | gBRCAm HER2- adv. breast | 10/16/2018 | Regular | EMBRACA (431) |\n")
    assert [(c.subject, c.object, c.values["date"]) for c in read(text) if c.kind == "approval"] == [
        ("KG:drug-olaparib", "KG:indication-pancreatic-cancer", "2019-12-27"),
        ("KG:drug-talazoparib", "KG:indication-breast-cancer", "2018-10-16")]


def test_a_control_median_told_by_its_arm_and_idfs(read):
    assert _results(read, "In RATIONALE-302, median survival of 8.6 months on tislelizumab versus 6.3 on chemotherapy.") \
        == [("median", 8.6, 6.3, "overall survival")]
    from kg.sources.text.endpoints import endpoint

    assert endpoint("IDFS HR 0.58") == "invasive disease-free survival"


def test_a_cohorts_or_a_diseases_size_in_brackets_is_no_trials():
    """It was a false alarm on the project's own evidence page: "(metastatic cSCC (n=78), primary analysis)" was read
    as CK-301-101's enrolment of 78 and contradicted its 109."""
    from kg.sources.text.enrolment import enrolment

    assert enrolment("objective response rate (metastatic cSCC (n=78), primary analysis)") is None
    assert enrolment("In NSCLC (n=300), ORR was 40%.") is None and enrolment("the ITT (n=500) population") is None
    assert enrolment("CheckMate 238 (n = 906) showed it") == (906, "enrolled")
