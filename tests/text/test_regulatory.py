"""Approvals and withdrawals read by rule (kg/sources/text/regulatory.py), each rule on sentences
written for this test."""
from __future__ import annotations

ATEZO, DURVA, NIVO, PEMBRO = "DRUGBANK:DB11595", "DRUGBANK:DB11714", "DRUGBANK:DB09035", "DRUGBANK:DB09037"
UC, HCC, SCLC, MEL = "MONDO:0040679", "MONDO:0007256", "MONDO:0008433", "MONDO:0005105"


def _regulatory(reader, text):
    return [(c.kind, c.subject, c.object, {k: v for k, v in c.values.items() if k not in ("indication", "status")})
            for c in reader(text) if c.kind in ("approval", "withdrawal")]


def test_approvals_told_as_nouns(reader):
    got = _regulatory(reader, "Roche today (4 May 2020) announced FDA approval of atezolizumab for hepatocellular carcinoma.")
    assert [(k, d, i, v["date"]) for k, d, i, v in got] == [("approval", ATEZO, HCC, "2020-05-04")]
    got = _regulatory(reader, "Its results led to the approval of nivolumab by the FDA on 16 August 2018 in small cell lung cancer.")
    assert [(d, i, v["date"]) for _, d, i, v in got] == [(NIVO, SCLC, "2018-08-16")]
    got = _regulatory(reader, "Durvalumab first won FDA clearance on 1 May 2017, under the accelerated pathway, for urothelial carcinoma.")
    assert [(d, v["date"], v["approval_type"]) for _, d, _, v in got] == [(DURVA, "2017-05-01", "accelerated")]
    got = _regulatory(reader, "Pembrolizumab's approval in small cell lung cancer, granted in June 2019 after a single-arm "
                              "study, is covered elsewhere.")
    assert [(d, i, v["date"]) for _, d, i, v in got] == [(PEMBRO, SCLC, "2019-06")]


def test_approvals_in_force(reader):
    got = _regulatory(reader, "Nivolumab has held a full approval since March 2021 for urothelial carcinoma.")
    assert [(d, i, v["date"], v["approval_type"]) for _, d, i, v in got] == [(NIVO, UC, "2021-03", "regular")]
    got = _regulatory(reader, "Atezolizumab also remains an option for hepatocellular carcinoma.")
    assert [(d, i) for _, d, i, _ in got] == [(ATEZO, HCC)]


def test_conversions_and_the_clause_of_another_drug(reader):
    got = _regulatory(reader, "In melanoma, durvalumab competes with nivolumab, whose 2015 accelerated approval in this "
                              "disease was converted to a full approval in 2019.")
    # (and the accelerated approval the conversion names by its year)
    assert [(d, i, v["date"], v["approval_type"]) for _, d, i, v in got] == [(NIVO, MEL, "2019", "conversion"),
                                                                            (NIVO, MEL, "2015", "accelerated")]


def test_background_is_no_claim(reader):
    assert _regulatory(reader, "Nivolumab enters a market in which atezolizumab and durvalumab, both still approved "
                               "for urothelial carcinoma, are widely used.") == []
    assert _regulatory(reader, "Several older leaflets list medicines for urothelial carcinoma which are no longer "
                               "approved for that use.") == []
    assert _regulatory(reader, "Prescribing of durvalumab rose slowly after the drug was cleared for urothelial carcinoma.") == []
    assert _regulatory(reader, "Durvalumab was not approved for hepatocellular carcinoma in 2019.") == []


def test_withdrawal_dates_by_the_words_before_them(reader):
    got = _regulatory(reader, "Durvalumab used to be approved for urothelial carcinoma, but that use ended in 2021: the "
                              "maker announced the step on 22 February 2021, and it became official on 19 March 2021.")
    assert got == [("withdrawal", DURVA, UC, {"announced": "2021-02-22", "effective": "2021-03-19"})]
    got = _regulatory(reader, "Nivolumab's approval in small cell lung cancer was withdrawn in January 2021.")
    assert [(k, v) for k, _, _, v in got] == [("withdrawal", {"effective": "2021-01"})]


def test_a_later_sentence_refers_to_the_withdrawal(reader):
    text = ("Nivolumab maker Bristol Myers Squibb pulled the small cell lung cancer indication on 29 December 2020. "
            "The withdrawal itself took effect on 4 January 2021.")
    got = _regulatory(reader, text)
    assert [(k, d, i, v.get("announced"), v.get("effective")) for k, d, i, v in got] == [
        ("withdrawal", NIVO, SCLC, "2020-12-29", None), ("withdrawal", NIVO, SCLC, None, "2021-01-04")]


def test_a_day_without_a_year_takes_the_articles_year(reader):
    text = "Monday, March 8, 2021\n\nGenentech said on Sunday (March 7) that it would withdraw atezolizumab's indication " \
           "in urothelial carcinoma."
    assert [(k, v["announced"]) for k, _, _, v in _regulatory(reader, text)] == [("withdrawal", "2021-03-07")]


def test_the_same_day_and_a_follow_up_in_the_past_tense(reader):
    text = ("On 4 May 2020, nivolumab was cleared for first-line hepatocellular carcinoma. "
            "On the same day it was also cleared on its own for people whose cancer grew after sorafenib.")
    assert [(d, i, v["date"]) for _, d, i, v in _regulatory(reader, text)] == [(NIVO, HCC, "2020-05-04")] * 2
    news = ("Boston, 4 May 2020 - The maker today announced an FDA approval of nivolumab in hepatocellular carcinoma. "
            "Nivolumab, with ipilimumab, was approved as initial therapy for hepatocellular carcinoma.")
    assert [(d, v.get("date")) for _, d, _, v in _regulatory(reader, news)] == [
        (NIVO, "2020-05-04"), (NIVO, "2020-05-04"), ("DRUGBANK:DB06186", "2020-05-04")]
    later = ("Boston, 4 May 2020 - The maker today announced an FDA approval of nivolumab in hepatocellular carcinoma. "
             "Nivolumab is also approved for hepatocellular carcinoma after sorafenib.")
    assert [v.get("date") for *_, v in _regulatory(reader, later)] == ["2020-05-04", None]


def test_a_withdrawal_keeps_its_setting(reader):
    got = _regulatory(reader, "Atezolizumab's other urothelial carcinoma use, as a first treatment for people who cannot "
                              "have cisplatin, was withdrawn in December 2022.")
    assert got == [("withdrawal", ATEZO, UC, {"effective": "2022-12", "setting_line": "first"})]


def test_sought_expected_or_possible_approvals_are_no_claims(reader):
    for text in ("The maker has applied for approval of durvalumab in hepatocellular carcinoma.",
                 "An FDA decision on approval of durvalumab in hepatocellular carcinoma is pending.",
                 "Analysts expect the FDA to approve durvalumab in hepatocellular carcinoma in 2026.",
                 "Durvalumab could be approved for hepatocellular carcinoma next year."):
        assert _regulatory(reader, text) == [], text
    # "May" the month is no modal verb
    got = _regulatory(reader, "In May 2021 durvalumab was approved for hepatocellular carcinoma.")
    assert [v["date"] for *_, v in got] == ["2021-05"]


def test_a_label_with_its_date_and_an_approval_told_by_ellipsis(reader):
    text = ("The FDA approved durvalumab on 2 March 2022 for hepatocellular carcinoma. "
            "Under the earlier label, dated 9 September 2020, its use had been narrower.")
    assert [v["date"] for *_, v in _regulatory(reader, text)] == ["2022-03-02", "2020-09-09"]
    text = ("Atezolizumab was approved for hepatocellular carcinoma in May 2020. "
            "Nivolumab followed in March 2021 with a similar schedule.")
    assert [(d, i, v["date"]) for _, d, i, v in _regulatory(reader, text)] == [(ATEZO, HCC, "2020-05"), (NIVO, HCC, "2021-03")]
    # not after an approval, "followed" is no approval
    assert _regulatory(reader, "Nivolumab followed in March 2021 with a similar schedule.") == []


def test_a_tissue_agnostic_indication_takes_its_biomarker(reader):
    got = _regulatory(reader, "In June 2021, pembrolizumab also received approval for adults with MSI-H advanced "
                              "solid tumors that had progressed.")
    assert [(i, v["date"]) for _, _, i, v in got] == [("KG:indication-microsatellite-instability-high-solid-tumours", "2021-06")]


def test_as_is_no_subordinator(reader):
    got = _regulatory(reader, "Nivolumab as a single agent was also approved for hepatocellular carcinoma.")
    assert [(d, i) for _, d, i, _ in got] == [(NIVO, HCC)]


def test_more_ways_to_tell_an_approval_and_a_withdrawal(reader):
    for text in ("FDA approves durvalumab for hepatocellular carcinoma on 21 October 2022.",
                 "Durvalumab was given approval by the FDA on 21 October 2022 for hepatocellular carcinoma.",
                 "The FDA's decision on 21 October 2022 to approve durvalumab for hepatocellular carcinoma was expected.",
                 "On 21 October 2022 the FDA expanded the durvalumab label to include hepatocellular carcinoma."):
        assert [(k, d, i, v["date"]) for k, d, i, v in _regulatory(reader, text)] == [
            ("approval", DURVA, HCC, "2022-10-21")], text
    got = _regulatory(reader, "In March 2021 the maker removed the small cell lung cancer indication from the "
                              "pembrolizumab label.")
    assert [(k, d, i) for k, d, i, _ in got] == [("withdrawal", PEMBRO, SCLC)]


def test_a_clause_of_contrast_is_read_on_its_own(reader):
    got = _regulatory(reader, "Nivolumab remains approved for hepatocellular carcinoma with ipilimumab, even though "
                              "its single-agent indication was withdrawn in July 2021.")
    # (ipilimumab, the partner in the regimen the graph knows approved there, is read as approved too)
    assert [(k, d, v.get("effective")) for k, d, _, v in got] == [
        ("approval", NIVO, None), ("approval", "DRUGBANK:DB06186", None), ("withdrawal", NIVO, "2021-07")]
    assert next(c for c in reader("Nivolumab remains approved for hepatocellular carcinoma with ipilimumab, even though "
                                  "its single-agent indication was withdrawn in July 2021.")).values["status"] == "approved"
    # "used to be approved ..., but that use ended": one withdrawal, with the dates of both clauses
    got = _regulatory(reader, "Durvalumab used to be approved for urothelial carcinoma, but that use ended: it was "
                              "announced on 22 February 2021 and took effect on 19 March 2021.")
    assert got == [("withdrawal", DURVA, UC, {"announced": "2021-02-22", "effective": "2021-03-19"})]


def test_withdrawals_announced_for_later_and_approvals_not_won(reader):
    got = _regulatory(reader, "The maker said it would pull the urothelial carcinoma indication of durvalumab; the "
                              "withdrawal will take effect on 19 March 2021.")
    assert [(k, d, v.get("effective")) for k, d, _, v in got] == [("withdrawal", DURVA, "2021-03-19")]  # one withdrawal
    assert _regulatory(reader, "Durvalumab has not received approval for hepatocellular carcinoma.") == []
    assert _regulatory(reader, "The FDA failed to approve durvalumab for hepatocellular carcinoma in 2019.") == []


def test_a_weekday_in_a_dated_report(reader):
    text = "Thursday, 25 February 2021\n\nThe maker said on Monday that it had withdrawn durvalumab's urothelial " \
           "carcinoma indication."
    assert [v["announced"] for *_, v in _regulatory(reader, text)] == ["2021-02-22"]


def test_dates_in_brackets_and_the_approvals_date_in_a_withdrawal(reader):
    got = _regulatory(reader, "Durvalumab later gained approvals in hepatocellular carcinoma (October 2022) and in "
                              "small cell lung cancer.")
    assert [(i, v.get("date")) for _, _, i, v in got] == [(HCC, "2022-10"), (SCLC, None)]
    got = _regulatory(reader, "Its use in urothelial carcinoma, granted to durvalumab in May 2017, was withdrawn in 2021.")
    assert [(k, v) for k, _, _, v in got if k == "withdrawal"] == [("withdrawal", {"effective": "2021"})]


def test_an_indication_removed_in_the_passive(reader):
    got = _regulatory(reader, "Nivolumab's indication in small cell lung cancer was removed in December 2020.")
    assert got == [("withdrawal", NIVO, SCLC, {"effective": "2020-12"})]


def test_a_label_change_is_no_approval_and_a_date_in_brackets_is_a_later_change(reader):
    assert _regulatory(reader, "On 2025-11-25 the FDA changed the label of nivolumab in melanoma.") == []
    got = _regulatory(reader, "On 2021-05-05 the FDA granted accelerated approval to pembrolizumab for small cell lung "
                              "cancer (first line (PD-L1 CPS >= 1 from 2023-11-07)).")
    assert [(d, v["date"]) for _, d, _, v in got] == [(PEMBRO, "2021-05-05")]


def test_a_day_without_a_year_in_a_dated_report_is_the_nearest_one(reader):
    text = "Feb. 23, 2021\n\nBristol Myers Squibb gave up the small cell lung cancer indication for nivolumab on Dec. 19."
    assert [(k, v["announced"]) for k, _, _, v in _regulatory(reader, text)] == [("withdrawal", "2020-12-19")]


def test_a_withdrawn_application_and_a_withdrawal_told_again_without_dates_are_no_claims(reader):
    assert _regulatory(reader, "The companies withdrew that US application for nivolumab in melanoma in 2022.") == []
    text = ("Bristol Myers Squibb withdrew the hepatocellular carcinoma indication of nivolumab on 23 July 2021. "
            "The withdrawal of the single-agent indication does not affect the combination.")
    assert [(k, v.get("announced")) for k, _, _, v in _regulatory(reader, text)] == [("withdrawal", "2021-07-23")]


def test_an_announcement_then_a_removal_in_the_passive_and_a_conversion_told_as_a_change(reader):
    got = _regulatory(reader, "Genentech announced on March 7, 2021 that it was withdrawing atezolizumab's use in urothelial "
                              "carcinoma, and the indication was removed from the US label on April 13, 2021.")
    assert [(k, v.get("announced"), v.get("effective")) for k, _, _, v in got] == [("withdrawal", "2021-03-07", "2021-04-13")]
    got = _regulatory(reader, "In February 2023, the FDA changed the accelerated approval of pembrolizumab in melanoma into "
                              "a full approval.")
    assert [(d, v["date"], v["approval_type"]) for _, d, _, v in got] == [(PEMBRO, "2023-02", "conversion")]


def test_a_follow_up_approval_is_not_of_the_drug_the_patients_cannot_take(reader):
    text = ("Atezolizumab was approved for urothelial carcinoma on May 18, 2016. In April 2017 a second accelerated "
            "approval followed, for people who could not receive the chemotherapy drug cisplatin.")
    assert [(d, v["date"]) for _, d, _, v in _regulatory(reader, text)] == [(ATEZO, "2016-05-18"), (ATEZO, "2017-04")]


def test_more_words_for_an_approval(reader):
    got = _regulatory(reader, "The US regulator signed off on durvalumab for small cell lung cancer on March 27, 2020.")
    assert [(d, i, v["date"]) for _, d, i, v in got] == [(DURVA, SCLC, "2020-03-27")]
    got = _regulatory(reader, "The FDA gave the nod to nivolumab on 22 April 2021 for melanoma.")
    assert [(d, i, v["date"]) for _, d, i, v in got] == [(NIVO, MEL, "2021-04-22")]
    got = _regulatory(reader, "That result led the FDA to approve atezolizumab for small cell lung cancer in March 2019.")
    assert [(d, i, v["date"]) for _, d, i, v in got] == [(ATEZO, SCLC, "2019-03")]
    got = _regulatory(reader, "Since 31 July 2023, pembrolizumab can also be given with chemotherapy for melanoma.")
    assert [(d, i, v["date"]) for _, d, i, v in got] == [(PEMBRO, MEL, "2023-07-31")]


def test_uses_the_news_leaves_untouched_are_no_claims(reader):
    assert _regulatory(reader, "Atezolizumab's approvals for certain lung and liver cancers were not touched.") == []
    assert _regulatory(reader, "The withdrawal does not affect nivolumab's approval in melanoma.") == []


def test_a_table_row_and_a_question_answered(reader):
    text = ("| Date | Drug | Indication | Action |\n|---|---|---|---|\n"
            "| 2019-06-17 | pembrolizumab | small cell lung cancer | accelerated approval |\n")
    got = _regulatory(reader, text)
    assert [(k, d, i, v["date"], v["approval_type"]) for k, d, i, v in got] == [
        ("approval", PEMBRO, SCLC, "2019-06-17", "accelerated")]
    text = "Is nivolumab still approved for hepatocellular carcinoma on its own?\nNo. The maker withdrew that indication in July 2021."
    assert [(k, d, i) for k, d, i, _ in _regulatory(reader, text)] == [("withdrawal", NIVO, HCC)]


def test_the_combination_is_the_combination_product_named_before(reader):
    text = ("Relatlimab plus nivolumab in melanoma: three-year results.\n\n"
            "The fixed-dose combination was approved by the FDA on 18 March 2022 for melanoma.")
    assert [(d, v["date"]) for _, d, _, v in _regulatory(reader, text)] == [("KG:drug-nivolumab-relatlimab", "2022-03-18")]


def test_an_indication_removed_and_a_drug_no_longer_marketed(reader):
    got = _regulatory(reader, "Merck removed the small cell lung cancer indication for Keytruda, a step that took effect "
                              "on March 30, 2021.")
    assert [(k, d, i, v.get("effective")) for k, d, i, v in got] == [("withdrawal", PEMBRO, SCLC, "2021-03-30")]
    got = _regulatory(reader, "AstraZeneca will no longer market Imfinzi for urothelial carcinoma in the US, the company "
                              "said on February 22, 2021.")
    assert [(k, d, i, v.get("announced")) for k, d, i, v in got] == [("withdrawal", DURVA, UC, "2021-02-22")]


def test_a_lost_indication_and_an_approval_in_a_clause_of_contrast(reader):
    got = _regulatory(reader, "Unlike nivolumab, which is still approved for melanoma, atezolizumab lost its "
                              "hepatocellular carcinoma indication in 2021.")
    assert [(k, d, i) for k, d, i, _ in got] == [("withdrawal", ATEZO, HCC)]
    got = _regulatory(reader, "Merck said it would withdraw Keytruda's indication in small cell lung cancer, while nivolumab "
                              "remains approved for melanoma.")
    assert [(k, d, i) for k, d, i, _ in got] == [("withdrawal", PEMBRO, SCLC)]


def test_a_region_names_its_agency_and_a_sentence_pointing_back_gives_the_approval_type(reader):
    got = _regulatory(reader, "Durvalumab received its first EU marketing authorisation for small cell lung cancer in "
                              "September 2020.")
    assert [(v["agency"], v["date"]) for _, _, _, v in got] == [("KG:org-european-commission", "2020-09")]
    text = ("June 17, 2019 - The FDA has approved Keytruda for small cell lung cancer. This indication is approved "
            "under accelerated approval based on response rate.")
    got = _regulatory(reader, text)
    assert [(v["date"], v.get("approval_type")) for _, _, _, v in got] == [("2019-06-17", "accelerated")]


def test_a_table_of_withdrawals_read_by_its_headers(reader):
    text = ("| Drug | Indication withdrawn | Company announcement | FDA withdrawal date |\n|---|---|---|---|\n"
            "| Durvalumab | Urothelial carcinoma after platinum | Feb. 22, 2021 | 2021-02-19 |\n"
            "| Nivolumab | Small cell lung cancer after two lines | Dec. 29, 2020 | 2021-01-04 |\n")
    got = _regulatory(reader, text)
    assert [(k, d, i, v["announced"], v["effective"]) for k, d, i, v in got] == [
        ("withdrawal", DURVA, UC, "2021-02-22", "2021-02-19"), ("withdrawal", NIVO, SCLC, "2020-12-29", "2021-01-04")]


def test_a_heading_names_its_sections_disease_and_that_indication_is_the_one_just_named(reader):
    text = ("## Small cell lung cancer\n\nDurvalumab won FDA approval for limited-stage disease on Dec. 4, 2024.\n\n"
            "## Bladder cancer\n\nDurvalumab was first cleared for urothelial carcinoma in May 2017, under accelerated "
            "approval. Its confirmatory trial failed. AstraZeneca gave up that indication: the FDA's withdrawal date "
            "was 19 February 2021 and the company announced it on 22 February.")
    got = _regulatory(reader, text)
    assert [(k, i) for k, _, i, _ in got] == [("approval", SCLC), ("approval", UC), ("withdrawal", UC)]
    assert (got[2][3]["effective"], got[2][3]["announced"]) == ("2021-02-19", "2021-02-22")


def test_a_company_clause_a_european_follow_up_and_a_conversion_of_an_approval_held_since(reader):
    got = _regulatory(reader, "The company is not affiliated with Merck & Co., Inc., whose pembrolizumab also won "
                              "accelerated approval for melanoma in December 2018.")
    assert [(d, v["date"]) for _, d, _, v in got] == [(PEMBRO, "2018-12")]
    text = "The FDA approved nivolumab on March 18, 2022 for melanoma. European regulators followed in July 2022."
    assert [v["agency"] for _, _, _, v in _regulatory(reader, text)] == ["KG:org-fda", "KG:org-european-commission"]
    text = ("On 8 April 2025 the FDA approved nivolumab for melanoma. The same notice converted the accelerated "
            "approval that nivolumab had held since 2017 in urothelial carcinoma into a regular approval.")
    assert [(v["date"], v.get("approval_type")) for _, _, _, v in _regulatory(reader, text)][1] == ("2025-04-08", "conversion")


def test_a_table_row_gives_its_trials_size_and_skips_a_new_formulation(reader):
    text = ("| FDA decision | Indication | Pivotal trial (size) | Type |\n|---|---|---|---|\n"
            "| 2024-03-14 | pembrolizumab in melanoma | KEYNOTE-006 (834 patients) | regular |\n"
            "| 2024-09-19 | pembrolizumab in melanoma | KEYNOTE-006 (834 patients) | new subcutaneous formulation |\n")
    got = [(c.kind, c.values.get("n_patients"), c.values.get("approval_type")) for c in reader(text)
           if c.kind == "approval" or c.values.get("n_patients")]
    assert got == [("trial design", 834, None), ("approval", None, "regular"), ("trial design", 834, None)]


def test_a_partner_in_the_regimen_that_the_graph_knows_approved_there(reader):
    got = _regulatory(reader, "The US FDA approved Imjudo in combination with Imfinzi for hepatocellular carcinoma on "
                              "October 21, 2022.")
    assert [(d, v.get("partner_of")) for _, d, _, v in got] == [("DRUGBANK:DB11771", None), (DURVA, "DRUGBANK:DB11771")]
    # a drug given before is no partner
    got = _regulatory(reader, "Nivolumab was first approved in December 2014 for melanoma that progressed after ipilimumab.")
    assert [d for _, d, _, _ in got] == [NIVO]


def test_an_indication_added_or_gained_a_use_broadened_and_a_weekday_with_its_day_in_brackets(reader):
    got = _regulatory(reader, "On 17 April 2017 the FDA added a second accelerated indication for atezolizumab in "
                              "urothelial carcinoma.")
    assert [(d, i, v["date"]) for _, d, i, v in got] == [(ATEZO, UC, "2017-04-17")]
    got = _regulatory(reader, "More recently durvalumab gained a limited-stage indication in small cell lung cancer, on "
                              "December 4, 2024.")
    assert [(d, i, v["date"]) for _, d, i, v in got] == [(DURVA, SCLC, "2024-12-04")]
    text = ("WASHINGTON, April 12, 2019 - U.S. regulators on Thursday (April 11) broadened the use of pembrolizumab in "
            "melanoma.")
    assert [v["date"] for *_, v in _regulatory(reader, text)] == ["2019-04-11"]


def test_a_regimen_listed_after_with_names_no_subject_drug(reader):
    text = ("Atezolizumab was first approved in urothelial carcinoma. The agency cleared the regimen with bevacizumab, "
            "paclitaxel and carboplatin for hepatocellular carcinoma on December 6, 2018.")
    got = _regulatory(reader, text)
    # (bevacizumab, an antibody whose approvals the graph does not record, is approved with it; the chemotherapy is not)
    assert sorted((d, i, v.get("date")) for _, d, i, v in got if v.get("date")) == [
        ("DRUGBANK:DB00112", HCC, "2018-12-06"), (ATEZO, HCC, "2018-12-06")]
    assert {d for _, d, _, _ in got} == {ATEZO, "DRUGBANK:DB00112"}


def test_an_approval_told_as_its_arrival_or_as_a_new_option(reader):
    got = _regulatory(reader, "Atezolizumab's first US green light came on May 18, 2016, for urothelial carcinoma.")
    assert [(d, i, v["date"]) for _, d, i, v in got] == [(ATEZO, UC, "2016-05-18")]
    got = _regulatory(reader, "In liver cancer, atezolizumab became a first-line option for hepatocellular carcinoma "
                              "on May 29, 2020.")
    assert [(d, i, v["date"]) for _, d, i, v in got] == [(ATEZO, HCC, "2020-05-29")]
    got = _regulatory(reader, "On 17 April 2017 atezolizumab added a second accelerated indication in urothelial carcinoma.")
    assert [v.get("approval_type") for *_, v in got] == ["accelerated"]
    # a trial result that "came" is no approval
    assert _regulatory(reader, "The benefit of atezolizumab in hepatocellular carcinoma came on top of chemotherapy.") == []


def test_an_organ_indication_withdrawn_and_the_day_it_came_off_the_label(reader):
    text = ("Atezolizumab was approved for urothelial carcinoma in 2016. Genentech said on March 7, 2021 that it was "
            "withdrawing the post-platinum bladder indication. The FDA list gives April 30, 2021 as the date the "
            "indication came off the label.")
    got = [(d, i, v.get("announced"), v.get("effective")) for k, d, i, v in _regulatory(reader, text) if k == "withdrawal"]
    assert got == [(ATEZO, UC, "2021-03-07", None), (ATEZO, UC, None, "2021-04-30")]


def test_a_day_of_that_year_in_a_later_clause(reader):
    got = _regulatory(reader, "Nivolumab maker BMS gave up the small cell lung cancer indication, announcing the step on "
                              "Aug. 27, 2021; the removal took effect on October 6 of that year.")
    assert [(k, v.get("announced"), v.get("effective")) for k, _, _, v in got] == [("withdrawal", "2021-08-27", "2021-10-06")]


def test_a_which_clause_that_dates_an_approval_is_read(reader):
    got = _regulatory(reader, "Pembrolizumab plus axitinib, which the FDA cleared for hepatocellular carcinoma on April 19, "
                              "2019, has a survival advantage that durvalumab has not shown.")
    assert [(d, i, v["date"]) for _, d, i, v in got] == [(PEMBRO, HCC, "2019-04-19"), ("DRUGBANK:DB06626", HCC, "2019-04-19")]
    got = _regulatory(reader, "Nivolumab's adjuvant approval for melanoma, which came on December 20, 2018, rested on one trial.")
    assert [(d, i, v["date"]) for _, d, i, v in got] == [(NIVO, MEL, "2018-12-20")]
    # an undated one stays background
    assert _regulatory(reader, "Durvalumab, which the FDA cleared for urothelial carcinoma, is given every two weeks.") == []


def test_a_bold_lead_in_sets_the_paragraphs_disease(reader):
    text = ("Notes.\n\nNivolumab in liver cancer. Only one use went. Nivolumab combined with ipilimumab, approved for "
            "patients previously treated with sorafenib on March 10, 2020, stayed on the label.")
    got = _regulatory(reader, text)
    # ipilimumab, the partner the graph knows approved there, too
    assert [(d, i, v["date"]) for _, d, i, v in got] == [(NIVO, HCC, "2020-03-10"), ("DRUGBANK:DB06186", HCC, "2020-03-10")]


def test_it_is_the_drug_a_sentence_without_an_event_opens_with(reader):
    text = ("Ipilimumab was approved for melanoma in 2011. Nivolumab, the second antibody, binds PD-1. "
            "The FDA granted it accelerated approval on December 22, 2014 for melanoma that progressed after ipilimumab.")
    got = _regulatory(reader, text)
    assert [(d, v["date"]) for _, d, _, v in got] == [("DRUGBANK:DB06186", "2011"), (NIVO, "2014-12-22")]


def test_an_organ_indication_without_an_event_is_what_it_refers_to_next(reader):
    text = ("Atezolizumab was approved in triple-negative breast cancer in 2019. The first-line bladder indication "
            "lasted longest. Genentech announced on 28 November 2022 that it would withdraw it.")
    got = [(k, i) for k, _, i, _ in _regulatory(reader, text)]
    assert got[-1] == ("withdrawal", UC)


def test_a_lead_sentence_names_the_disease_of_the_dated_approval_after_it(reader):
    text = ("Durvalumab was approved for urothelial carcinoma in 2017. A: In stage III non-small cell lung cancer. "
            "The FDA approved durvalumab on February 16, 2018 for patients whose disease had not progressed.")
    got = _regulatory(reader, text)
    assert [i for _, _, i, _ in got][-1] == "MONDO:0005233"


def test_a_week_in_a_dateline_dates_days_without_a_year(reader):
    text = ("WEEK IN REVIEW | December 9-13, 2024\n\nDurvalumab picked up its limited-stage small cell lung cancer "
            "indication on Dec. 4.")
    assert [(d, i, v.get("date")) for _, d, i, v in _regulatory(reader, text)] == [(DURVA, SCLC, "2024-12-04")]


def test_that_day_and_an_approval_held_since(reader):
    text = ("The FDA's approval of nivolumab for hepatocellular carcinoma came on March 10, 2020. That day the FDA also "
            "cleared it for melanoma. Durvalumab has also held an accelerated approval since March 2023 for small "
            "cell lung cancer.")
    got = _regulatory(reader, text)
    assert [(d, i, v.get("date")) for _, d, i, v in got] == [
        (NIVO, HCC, "2020-03-10"), (NIVO, MEL, "2020-03-10"), (DURVA, SCLC, "2023-03")]


def test_a_withdrawal_told_again_as_an_event_stays_and_one_referred_to_goes(reader):
    text = ("Genentech withdrew atezolizumab's triple-negative breast cancer indication on 27 August 2021. "
            "Genentech pulled the triple-negative breast cancer indication in the US only. "
            "The withdrawal of that indication does not affect atezolizumab in other cancers.")
    got = [(k, v.get("announced")) for k, _, _, v in _regulatory(reader, text)]
    assert got == [("withdrawal", "2021-08-27"), ("withdrawal", None)]


def test_a_question_line_of_an_interview_is_no_claim(reader):
    assert _regulatory(reader, "Q: I remember durvalumab being approved for urothelial carcinoma and then withdrawn.") == []


def test_an_indication_granted_in_a_year_and_a_label_that_includes_one(reader):
    got = _regulatory(reader, "Durvalumab's very first US indication, granted in 2017, covered urothelial carcinoma.")
    assert [(d, i, v.get("date")) for _, d, i, v in got] == [(DURVA, UC, "2017")]
    got = _regulatory(reader, "The long pembrolizumab label also includes small cell lung cancer.")
    assert [(d, i) for _, d, i, _ in got] == [(PEMBRO, SCLC)]


def test_the_company_that_withdrew_names_its_drug(reader):
    text = ("Atezolizumab was approved for urothelial carcinoma in 2016. On Thursday, July 1, 2021, Merck voluntarily "
            "withdrew the gastric indication.")
    got = [(k, d, v.get("announced")) for k, d, _, v in _regulatory(reader, text) if k == "withdrawal"]
    assert got == [("withdrawal", PEMBRO, "2021-07-01")]


def test_an_organ_indication_the_drug_never_held_is_no_claim_of_the_one_before(reader):
    text = "Avelumab was approved for urothelial carcinoma in 2017. Later its maker withdrew the gastric indication."
    assert [k for k, *_ in _regulatory(reader, text)] == ["approval"]


def test_a_second_event_joined_by_and_with_its_own_subject(reader):
    got = _regulatory(reader, "Pembrolizumab received accelerated approval for hepatocellular carcinoma on November 13, "
                              "2020, and that approval was converted to a full one in July 2022.")
    assert [(v.get("date"), v.get("approval_type")) for *_, v in got] == [("2020-11-13", "accelerated"), ("2022-07", "conversion")]


def test_no_longer_holding_an_indication_is_a_withdrawal(reader):
    got = _regulatory(reader, "Atezolizumab no longer has any US urothelial carcinoma indication.")
    assert [(k, d, i) for k, d, i, _ in got] == [("withdrawal", ATEZO, UC)]


def test_table_cells_that_tell_their_own_event(reader):
    text = ("| Drug | Indication | Type | Approval date | Status |\n|---|---|---|---|---|\n"
            "| Avelumab | Merkel cell carcinoma | Accelerated | March 23, 2017 | Converted to regular approval on "
            "September 6, 2023 |\n"
            "| Durvalumab | Urothelial carcinoma | Accelerated | May 1, 2017 | Withdrawn: announced February 22, 2021; "
            "removed from the label February 19, 2021 |\n")
    got = [(k, d, v.get("date"), v.get("approval_type"), v.get("announced"), v.get("effective"))
           for k, d, _, v in _regulatory(reader, text)]
    assert got == [("approval", "DRUGBANK:DB11945", "2017-03-23", "accelerated", None, None),
                   ("approval", "DRUGBANK:DB11945", "2023-09-06", "conversion", None, None),
                   ("approval", DURVA, "2017-05-01", "accelerated", None, None),
                   ("withdrawal", DURVA, None, None, "2021-02-22", "2021-02-19")]


def test_approvals_told_as_nouns_of_their_kind_and_in_force(reader):
    got = _regulatory(reader, "October 2, 2015 — A second accelerated approval follows, in previously treated "
                              "hepatocellular carcinoma, for pembrolizumab.")
    assert [(d, i, v["date"]) for _, d, i, v in got] == [(PEMBRO, HCC, "2015-10-02")]
    got = _regulatory(reader, "For dostarlimab in hepatocellular carcinoma, this use still has accelerated approval.")
    assert [(i, v.get("approval_type")) for _, _, i, v in got] == [(HCC, "accelerated")]
    assert _regulatory(reader, "Because the FDA never approved durvalumab in hepatocellular carcinoma, nothing changed.") == []


def test_a_conversion_of_an_approval_named_by_its_date(reader):
    text = ("On December 15, 2023 the FDA approved pembrolizumab for urothelial carcinoma. The same action turned the "
            "April 3, 2023 accelerated approval into a full approval.")
    got = [(v.get("date"), v.get("approval_type")) for k, d, i, v in _regulatory(reader, text)]
    assert got[1:] == [("2023-12-15", "conversion"), ("2023-04-03", "accelerated")]


def test_a_weekday_in_a_timeline_takes_the_year_spoken_of_last(reader):
    text = "Pembrolizumab timeline.\n\nAugust 20, 2018 — Regular approval in melanoma.\n\nThursday, April 11 — " \
           "Its use in hepatocellular carcinoma is widened."
    assert [v.get("date") for *_, v in _regulatory(reader, text)] == ["2018-08-20", "2019-04-11"]


def test_more_withdrawals_and_conditions(reader):
    got = _regulatory(reader, "Durvalumab was approved in urothelial carcinoma in 2017. The old bladder-cancer indication "
                              "for durvalumab no longer exists.")
    assert [(k, i) for k, _, i, _ in got][-1] == ("withdrawal", UC)
    assert _regulatory(reader, "Should durvalumab in hepatocellular carcinoma be approved, the list will change.") == []
    assert _regulatory(reader, "The application for durvalumab in hepatocellular carcinoma that the maker withdrew in "
                               "2022 was never decided.") == []
    # a drug's name made an adjective is no subject
    got = _regulatory(reader, "Atezolizumab was approved in 2016. The first-line indication for cisplatin-ineligible "
                              "patients with urothelial carcinoma was removed from the label on December 2, 2022.")
    assert [(k, d) for k, d, _, _ in got][-1] == ("withdrawal", ATEZO)


def test_each_indication_with_its_own_date(reader):
    got = _regulatory(reader, "Nivolumab won US approval in melanoma on April 16, 2018 and, more recently, in "
                              "hepatocellular carcinoma on April 8, 2025.")
    assert sorted((i, v["date"]) for _, _, i, v in got) == [(MEL, "2018-04-16"), (HCC, "2025-04-08")]


def test_a_speakers_label_and_a_where_clause(reader):
    text = ("Durvalumab was approved for urothelial carcinoma in 2017.\n\nLINDQVIST: Nivolumab was the first there too. "
            "It was cleared for melanoma in October 2015.")
    assert [d for _, d, _, _ in _regulatory(reader, text)] == [DURVA, NIVO]
    assert _regulatory(reader, "Durvalumab's data arrived in a market where nivolumab, already approved for "
                               "hepatocellular carcinoma, was used.") == []
    got = _regulatory(reader, "For hepatocellular carcinoma where such a pill is not suitable, durvalumab received "
                              "full approval on 9 February 2021.")
    assert [(d, v["date"]) for _, d, _, v in got] == [(DURVA, "2021-02-09")]


def test_a_review_tells_what_has_happened_and_other_subjects_clauses(reader):
    text = ("Published 29 December 2021 by the editors.\n\nOn 22 February, cemiplimab was cleared for non-small cell "
            "lung cancer.")
    assert [v["date"] for *_, v in _regulatory(reader, text)] == ["2021-02-22"]
    got = _regulatory(reader, "Durvalumab received accelerated approval for hepatocellular carcinoma on April 22, 2021, "
                              "and the European Commission granted a conditional marketing authorisation on 26 April 2021.")
    # (the first names no agency; the second is the Commission's, not the first's)
    assert [(v.get("agency"), v["date"]) for *_, v in got] == [(None, "2021-04-22"), ("KG:org-european-commission", "2021-04-26")]
    got = _regulatory(reader, "Penpulimab becomes the second drug authorized for nasopharyngeal carcinoma, after "
                              "toripalimab received the green light in October 2023.")
    assert ("DRUGBANK:DB15043", "2023-10") in [(d, v.get("date")) for _, d, _, v in got]
    assert all(v.get("date") is None for _, d, _, v in got if d != "DRUGBANK:DB15043")
    got = _regulatory(reader, "Genentech voluntarily ended the US urothelial carcinoma accelerated approval for atezolizumab.")
    assert [k for k, *_ in got] == ["withdrawal"]


def test_a_thread_of_numbered_posts_with_organ_lead_ins(reader):
    text = ("1/ Quick thread on the indications pulled in 2021.\n\n"
            "2/ Keytruda followed the same path. It won accelerated approval in small cell lung cancer on June 17, 2019.\n\n"
            "3/ Liver. Single-agent Opdivo's accelerated approval after sorafenib ended on July 23, 2021.\n\n"
            "4/ Tecentriq's post-platinum bladder indication went next. Roche/Genentech gave it up in March 2021.\n\n"
            "5/ BMS withdrew the small cell lung cancer indication of Opdivo on 12/29/2020.")
    got = [(c.kind, c.subject, c.object, c.values.get("date") or c.values.get("effective") or c.values.get("announced"))
           for c in reader(text) if c.kind in ("approval", "withdrawal")]
    assert got == [
        ("approval", "DRUGBANK:DB09037", "MONDO:0008433", "2019-06-17"),      # "It": the drug the post before opens with
        ("withdrawal", "DRUGBANK:DB09035", "MONDO:0007256", "2021-07-23"),    # the organ of the lead-in: liver
        ("withdrawal", "DRUGBANK:DB11595", "MONDO:0040679", "2021-03"),       # "gave it up": the indication before
        ("withdrawal", "DRUGBANK:DB09035", "MONDO:0008433", "2020-12-29")]    # a numeric date, its day over 12


def test_conjunctions_dots_formulations_periods_and_removals(reader):
    def got(text):
        return [(c.kind, c.subject, c.object, {k: v for k, v in c.values.items() if k in ("date", "announced", "effective",
                                                                                           "approval_type")})
                for c in reader(text) if c.kind in ("approval", "withdrawal")]
    # a sentence opening with "And": its drug is the subject, not a partner
    assert got("And durvalumab still carries its 2017 accelerated approval for previously treated urothelial "
               "carcinoma.")[0][1] == "DRUGBANK:DB11714"
    # a middle dot ends a clause: the approval's date and the withdrawal's each their own
    assert got("Pembrolizumab, small cell lung cancer: accelerated approval Jun 2019 \u00b7 withdrawn Mar 2021") == [
        ("approval", "DRUGBANK:DB09037", "MONDO:0008433", {"date": "2019-06", "approval_type": "accelerated"}),
        ("withdrawal", "DRUGBANK:DB09037", "MONDO:0008433", {"effective": "2021-03"})]
    # a new formulation names no indication; the disease spoken of before is not its
    assert got("Atezolizumab is approved in small cell lung cancer. Tecentriq Hybreza, which combines atezolizumab "
               "with hyaluronidase for subcutaneous injection, was approved on 12 September 2024.")[1:] == []
    # events of a period take no day of the clause
    assert got("Durvalumab regimens that reached the US market for biliary tract cancer over the past sixteen months, "
               "the centre said on 3 December 2025.")[0][3] == {}
    # an indication "withdrawn <date>", and the agency's removal after the company's announcement
    assert got("Opdivo monotherapy for hepatocellular carcinoma after sorafenib: indication withdrawn 23 July 2021.")[0][3] \
        == {"effective": "2021-07-23"}
    assert got("Tecentriq, first-line urothelial carcinoma: Genentech announced withdrawal on 28 November 2022, and FDA "
               "removed the indication on 2 December 2022.")[0][3] == {"announced": "2022-11-28", "effective": "2022-12-02"}


def test_table_rows_of_approvals_withdrawals_and_conversions(reader):
    def got(text):
        return [(c.kind, c.subject, c.object, {k: v for k, v in c.values.items() if k in ("date", "announced", "effective",
                                                                                           "approval_type")})
                for c in reader(text) if c.kind in ("approval", "withdrawal")]
    withdrawals = ("| Product | Indication | Accelerated approval granted | Sponsor announced withdrawal | Removed from FDA list\n\n"
                   "| Opdivo (nivolumab) | Hepatocellular carcinoma after sorafenib | 22 Sep 2017 | 23 Jul 2021 | 23 Jul 2021\n")
    assert got(withdrawals) == [
        ("approval", "DRUGBANK:DB09035", "MONDO:0007256", {"date": "2017-09-22", "approval_type": "accelerated"}),
        ("withdrawal", "DRUGBANK:DB09035", "MONDO:0007256", {"announced": "2021-07-23", "effective": "2021-07-23"})]
    timeline = ("Atezolizumab in the US.\n\n| Date | FDA action | Indication | Commentary\n\n"
                "| 2017-04-17 | Accelerated approval | First-line urothelial carcinoma in cisplatin-ineligible patients | x\n\n"
                "| 2021-08-27 | Withdrawal announced by Genentech | PD-L1-positive TNBC | Removed from FDA's list on 6 October 2021.\n\n"
                "| 2024-03-19 | Accelerated approval converted to traditional approval | Hepatocellular carcinoma | x\n")
    assert got(timeline) == [
        ("approval", "DRUGBANK:DB11595", "MONDO:0040679", {"date": "2017-04-17", "approval_type": "accelerated"}),
        ("withdrawal", "DRUGBANK:DB11595", "MONDO:0005494", {"announced": "2021-08-27", "effective": "2021-10-06"}),
        ("approval", "DRUGBANK:DB11595", "MONDO:0007256", {"date": "2024-03-19", "approval_type": "conversion"})]


def test_approvals_told_as_markets_labels_firsts_and_carried_indications(reader):
    def got(text):
        return [(c.subject, c.object, c.values.get("date"), c.values.get("approval_type"))
                for c in reader(text) if c.kind == "approval"]
    assert got("Tevimbra entered the US market in March 2024 for oesophageal squamous cell carcinoma.") == [
        ("DRUGBANK:DB14922", "MONDO:0005580", "2024-03", None)]
    assert got("Cemiplimab became the first medicine for advanced cutaneous squamous cell carcinoma on 28 September "
               "2018.") == [("DRUGBANK:DB14707", "MONDO:0002529", "2018-09-28", None)]
    assert got("Dostarlimab has carried an FDA indication in endometrial cancer since 1 August 2024.")[0][:3] == (
        "DRUGBANK:DB15627", "MONDO:0011962", "2024-08-01")
    assert got("Bavencio for metastatic Merkel cell carcinoma remains under accelerated approval.") == [
        ("DRUGBANK:DB11945", "MONDO:0019210", None, "accelerated")]
    # "who'd already had sorafenib": a prior treatment, not the subject; "The first combination ... was X": what "that" is
    assert got("On its own nivolumab had an accelerated approval for patients who'd already had sorafenib, going back "
               "to September 2017, in hepatocellular carcinoma.")[0][0] == "DRUGBANK:DB09035"
    assert got("The first combination that moved things was atezolizumab with bevacizumab. The FDA cleared that in "
               "May 2020 for hepatocellular carcinoma.")[0][0] == "DRUGBANK:DB11595"


def test_each_drug_with_its_own_date(reader):
    text = ("Atezolizumab was approved for urothelial carcinoma in 2016. Nivolumab (2 February 2017), durvalumab "
            "(1 May 2017) and avelumab (9 May 2017) followed under the same accelerated pathway.")
    got = [(c.subject, c.values.get("date")) for c in reader(text) if c.kind == "approval" and "2017" in str(c.values.get("date"))]
    assert got == [("DRUGBANK:DB09035", "2017-02-02"), ("DRUGBANK:DB11714", "2017-05-01"), ("DRUGBANK:DB11945", "2017-05-09")]


def test_approvals_granted_retained_dated_from_extended_and_led_to(reader):
    def got(text):
        return [(c.kind, c.subject, c.object, c.values.get("date") or c.values.get("effective"), c.values.get("approval_type"))
                for c in reader(text) if c.kind in ("approval", "withdrawal")]
    assert got("Ipilimumab was studied in melanoma. The FDA granted the adjuvant indication on 28 October 2015.") == [
        ("approval", "DRUGBANK:DB06186", "MONDO:0005105", "2015-10-28", None)]
    assert got("Keytruda's gastric cancer accelerated approval dates from September 2018.") == [
        ("approval", "DRUGBANK:DB09037", "MONDO:0005036", "2018-09", "accelerated")]
    assert got("Pembrolizumab nevertheless retains its accelerated approval in hepatocellular carcinoma.") == [
        ("approval", "DRUGBANK:DB09037", "MONDO:0007256", None, "accelerated")]
    assert got("These results led to US approval of nivolumab in renal cell carcinoma on April 16, 2018.")[0][1:4] == (
        "DRUGBANK:DB09035", "MONDO:0005086", "2018-04-16")
    assert got("On 20 August 2018 pembrolizumab with chemotherapy becomes a regular first-line option for non-small cell "
               "lung cancer.") == [("approval", "DRUGBANK:DB09037", "MONDO:0005233", "2018-08-20", "regular")]
    assert got("Imfinzi was approved for urothelial carcinoma in 2017. Imfinzi's bladder indication came off the FDA's "
               "books on 19 February 2021.")[1] == ("withdrawal", "DRUGBANK:DB11714", "MONDO:0040679", "2021-02-19", None)


def test_two_types_in_a_clause_and_another_subjects_clause(reader):
    got = [(c.kind, c.subject, c.object, c.values.get("approval_type"), c.values.get("announced") or c.values.get("effective"))
           for c in reader("Libtayo became the first immunotherapy for advanced basal cell carcinoma on 9 February 2021, "
                           "winning regular approval for locally advanced disease and accelerated approval for metastatic "
                           "disease. Keytruda's small cell lung cancer indication ended, with the withdrawal effective 30 "
                           "March 2021, and Genentech dropped Tecentriq's urothelial carcinoma indication after announcing "
                           "the decision on 7 March 2021.") if c.kind in ("approval", "withdrawal")]
    assert ("approval", "DRUGBANK:DB14707", "MONDO:0005341", "accelerated", None) in got
    assert ("approval", "DRUGBANK:DB14707", "MONDO:0005341", "regular", None) in got
    assert ("withdrawal", "DRUGBANK:DB09037", "MONDO:0008433", None, "2021-03-30") in got
    assert ("withdrawal", "DRUGBANK:DB11595", "MONDO:0040679", None, "2021-03-07") in got


def test_a_withdrawal_that_disappeared_from_the_list(reader):
    got = [(c.subject, c.object, c.values.get("effective")) for c in reader(
        "Keytruda was approved for small cell lung cancer in 2019. Merck pulled the indication, and it disappeared from "
        "the FDA's list of active approvals on March 30, 2021.") if c.kind == "withdrawal"]
    assert got == [("DRUGBANK:DB09037", "MONDO:0008433", "2021-03-30")]


def test_a_voluntary_withdrawal_told_in_the_passive_is_the_companys_announcement(reader):
    got = [c.values for c in reader("Keytruda was approved for gastric cancer in 2017.\n\nJuly 1, 2021 \u2014 The "
                                    "third-line gastric cancer indication is voluntarily withdrawn.") if c.kind == "withdrawal"]
    assert got and got[0].get("announced") == "2021-07-01" and "effective" not in got[0]


def test_an_accelerated_approval_and_its_conversion_each_with_its_date(reader):
    def got(text):
        return sorted((c.values.get("approval_type"), c.values.get("date")) for c in reader(text) if c.kind == "approval")
    assert got("Pembrolizumab plus chemotherapy for triple-negative breast cancer received accelerated approval on 13 "
               "November 2020 and was converted to regular approval on 26 July 2021.") == [
        ("accelerated", "2020-11-13"), ("conversion", "2021-07-26")]
    assert got("For non-small cell lung cancer, pembrolizumab plus pemetrexed received full approval on August 20, 2018, "
               "after accelerated approval on May 10, 2017.") == [("accelerated", "2017-05-10"), ("conversion", "2018-08-20")]
    # a change in between is not the accelerated approval's date
    assert got("The pembrolizumab regimen for gastric cancer was limited to PD-L1 positive tumours in November 2023 and "
               "moved from accelerated to traditional approval on March 19, 2025.") == [("conversion", "2025-03-19")]


def test_glued_drugs_conditions_and_revision_tables_make_no_claim(reader):
    kinds = lambda text: [(c.kind, c.subject) for c in reader(text) if c.kind in ("approval", "withdrawal")]  # noqa: E731
    # "post-sorafenib", "platinum-etoposide": a prior or partner treatment, not the subject
    assert kinds("Nivolumab was approved in hepatocellular carcinoma in 2017. On July 23, 2021, Bristol Myers Squibb "
                 "withdrew the post-sorafenib hepatocellular carcinoma indication.")[-1] == ("withdrawal", "DRUGBANK:DB09035")
    assert kinds("If continued approval of any accelerated indication is later withdrawn, coverage ends.") == []
    assert kinds("The old bladder cancer indication for durvalumab no longer exists and should be removed.") == [
        ("withdrawal", "DRUGBANK:DB11714")]
    assert kinds("Pembrolizumab policy.\n\n| Date | Revision |\n\n| 11/2025 | Annual review; melanoma section expanded |\n") == []
