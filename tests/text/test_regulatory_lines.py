"""Approvals and withdrawals told in list lines, tables and references back (sixth round of issue 15):
each rule on text written for this test, with a case it must leave alone."""
from __future__ import annotations

ATEZO, DURVA, NIVO, PEMBRO = "DRUGBANK:DB11595", "DRUGBANK:DB11714", "DRUGBANK:DB09035", "DRUGBANK:DB09037"
CEMI, DOSTAR, AVEL = "DRUGBANK:DB14707", "DRUGBANK:DB15627", "DRUGBANK:DB11945"
UC, SCLC, BCC, ESCC, GASTRIC = "MONDO:0040679", "MONDO:0008433", "MONDO:0005341", "MONDO:0005580", "MONDO:0005036"


def _claims(reader, text, kinds=("approval", "withdrawal")):
    return [(c.kind, c.subject, c.object, c.values.get("date") or c.values.get("announced") or c.values.get("effective"),
             c.values.get("approval_type")) for c in reader(text) if c.kind in kinds]


def _gone(reader, text):
    return [{k: v for k, v in c.values.items() if k in ("announced", "effective")} for c in reader(text)
            if c.kind == "withdrawal"]


def test_a_line_of_a_drug_its_disease_and_dated_events(reader):
    # "<drug>, <disease>: accelerated approval <numeric date>; converted ... <numeric date>": each clause takes the
    # line's drug and disease, and the document's other dates tell that 02/09/2021 is month first
    text = ("Cemiplimab, metastatic basal cell carcinoma after a hedgehog pathway inhibitor: accelerated approval "
            "02/09/2021; converted to traditional approval 04/28/2023\n\n"
            "Dostarlimab, recurrent endometrial cancer: accelerated approval 04/22/2021; regular approval 02/09/2023\n")
    got = _claims(reader, text)
    assert (("approval", CEMI, BCC, "2021-02-09", "accelerated") in got
            and ("approval", CEMI, BCC, "2023-04-28", "conversion") in got)
    # a regular approval dated after the same use's accelerated one is its conversion
    assert [x[3:] for x in got if x[1] == DOSTAR] == [("2021-04-22", "accelerated"), ("2023-02-09", "conversion")]
    # without another numeric date that tells the order, 02/09/2021 stays unread
    assert _claims(reader, "Cemiplimab, basal cell carcinoma: accelerated approval 02/09/2021.") == [
        ("approval", CEMI, BCC, None, "accelerated")]


def test_a_withdrawal_told_as_a_noun_and_as_a_relative_clause(reader):
    assert _claims(reader, "Pembrolizumab, gastric cancer: Merck announced withdrawal on July 1, 2021.") == [
        ("withdrawal", PEMBRO, GASTRIC, "2021-07-01", None)]
    got = _claims(reader, "Atezolizumab was approved for urothelial carcinoma in 2016. The last to go was the "
                          "cisplatin-ineligible indication, which Genentech announced it would withdraw on November 28, 2021.")
    assert ("withdrawal", ATEZO, UC, "2021-11-28", None) in got
    # a which-clause of background without a date is still blanked
    assert _claims(reader, "The move, which the company withdrew, affects nobody.") == []


def test_an_indication_granted_and_the_agency_that_granted_it(reader):
    got = _claims(reader, "Nivolumab, small cell lung cancer. That third-line indication had been granted on "
                          "August 16, 2018, on the basis of response data.")
    assert got == [("approval", NIVO, SCLC, "2018-08-16", None)]
    got = _claims(reader, "Merck withdrew the gastric indication, which FDA had granted on September 22, 2017.")
    assert ("approval", PEMBRO, GASTRIC, "2017-09-22", None) in got
    # a designation granted is no approval
    assert _claims(reader, "The FDA granted priority review to nivolumab for gastric cancer.") == []


def test_the_company_named_tells_the_drug_not_the_withdrawal_told_before(reader):
    text = ("Nivolumab, small cell lung cancer. Bristol Myers Squibb withdrew it on December 29, 2020.\n\n"
            "Durvalumab, urothelial carcinoma. AstraZeneca announced on February 22, 2021 that it was withdrawing the "
            "previously treated bladder cancer indication, and the agency's list dates the withdrawal to February 19, 2021.")
    got = [x for x in _claims(reader, text) if x[2] == UC]
    assert [x[:2] for x in got] == [("withdrawal", DURVA)]


def test_the_combination_is_its_most_named_drug(reader):
    text = ("Atezolizumab maintenance in small cell lung cancer.\n\n"
            "- Lurbinectedin + atezolizumab vs atezolizumab alone after induction with atezolizumab + carboplatin/etoposide.\n"
            "- FDA approved the combination for first-line maintenance of ES-SCLC on October 2, 2024.\n"
            "- Regulatory: FDA approval for first-line ES-SCLC with carboplatin/etoposide on 3/18/2019.\n")
    got = _claims(reader, text)
    assert [x[1] for x in got] == [ATEZO, ATEZO]  # (not lurbinectedin, not etoposide after "carboplatin/")


def test_a_finer_disease_named_after_the_title_is_the_one_spoken_of(reader):
    text = ("Immunotherapy for esophageal cancer: what are the options?\n\n"
            "Checkpoint inhibitors are now standard care for esophageal squamous cell carcinoma. Here is the history.\n\n"
            "Nivolumab was approved on June 10, 2020, after chemotherapy.")
    assert [x[2] for x in _claims(reader, text)] == [ESCC]
    # a disease of another organ does not replace the section's
    text = ("Immunotherapy for esophageal cancer: what are the options?\n\n"
            "Melanoma is treated by other teams. Choices depend on the stage.\n\n"
            "Nivolumab was approved on June 10, 2020, after chemotherapy.")
    assert [x[2] for x in _claims(reader, text)] == ["MONDO:0007576"]


def test_a_table_of_an_agencys_actions(reader):
    text = ("Regulatory roundup\n\n| Drug | Setting | FDA action | Type |\n| --- | --- | --- | --- |\n"
            "| Nivolumab + ipilimumab | MSI-H colorectal cancer | April 8, 2025 | Regular |\n"
            "| Pembrolizumab | Resectable head and neck SCC | June 12, 2025 | Accelerated |\n")
    got = _claims(reader, text)
    # (ipilimumab, the partner the graph knows approved there, too)
    assert [(x[1], x[3], x[4]) for x in got] == [(NIVO, "2025-04-08", "regular"), ("DRUGBANK:DB06186", "2025-04-08", "regular"),
                                                 (PEMBRO, "2025-06-12", "accelerated")]
    # a column named for another kind of action is no approval date
    text = "| Drug | Action | Date |\n| --- | --- | --- |\n| Nivolumab | Annual review of the policy | 04/2025 |\n"
    assert _claims(reader, text) == []


def test_an_approval_that_joined_or_followed_and_a_dated_removal(reader):
    got = _claims(reader, "Nivolumab was approved on June 10, 2020 for oesophageal squamous cell carcinoma after "
                          "chemotherapy. Pembrolizumab joined it in March 2024 for the same situation.")
    assert ("approval", PEMBRO, ESCC, "2024-03", None) in got
    got = _claims(reader, "Pembrolizumab is used in small cell lung cancer. For this disease, approval with carboplatin "
                          "and etoposide followed on October 30, 2018.")
    assert ("approval", PEMBRO, SCLC, "2018-10-30", None) in got
    got = _claims(reader, "Pembrolizumab's third-line small cell lung cancer indication was withdrawn; FDA's list dates "
                          "the removal to 3/30/2021.")
    assert [g.get("effective") for g in _gone(reader, "Pembrolizumab's third-line small cell lung cancer indication was "
                                                      "withdrawn; FDA's list dates the removal to 3/30/2021.")] == ["2021-03-30"]
    # a drug set beside the regimen by contrast is no partner of its approval
    got = _claims(reader, "Pembrolizumab's first-line urothelial carcinoma indication, by contrast with atezolizumab's, "
                          "was converted to regular approval in August 2021.")
    assert [x[1] for x in got] == [PEMBRO]


def test_a_withdrawal_date_is_not_the_approval_date_told_before_it(reader):
    assert _gone(reader, "Atezolizumab received accelerated approval for urothelial carcinoma on 18 May 2016 and was "
                         "withdrawn in March 2021.") == [{"effective": "2021-03"}]
    # the approval named as what was withdrawn: the date is the withdrawal's
    assert _gone(reader, "Genentech withdrew the approval of atezolizumab in urothelial carcinoma in March 2021.") == [
        {"announced": "2021-03"}]


def test_an_undated_approval_told_by_an_organ_word_right_after_a_dated_one_does_not_crash(reader):
    # (an IndexError in kg ingest before: "was first approved for lung cancer" right after a dated approval of the drug)
    got = _claims(reader, "Pembrolizumab won approval for melanoma on September 4, 2014. The author writes that Keytruda "
                          "was first approved for lung cancer; the first approval was in melanoma.")
    assert ("approval", PEMBRO, "MONDO:0005105", "2014-09-04", None) in got


def test_a_timelines_year_heading_dates_its_items(reader):
    text = ("Our milestones. Page last updated: 30 October 2025\n\n2018\n\n- September 28: The FDA approved Libtayo for "
            "cutaneous squamous cell carcinoma.\n\n2021\n\n- February 22: The FDA approved Libtayo for non-small cell "
            "lung cancer.\n")
    assert [x[3] for x in _claims(reader, text)] == ["2018-09-28", "2021-02-22"]


def test_a_withdrawal_told_of_any_approval_is_no_claim(reader):
    assert _claims(reader, "Durvalumab in urothelial carcinoma.\n\nA judge ruled on June 11, 2025 that an accelerated "
                           "approval later withdrawn by its sponsor was still an approval.") == []
    # a named drug's is one
    assert _claims(reader, "Merck withdrew pembrolizumab's small cell indication in March 2021.") == [
        ("withdrawal", PEMBRO, SCLC, "2021-03", None)]


def test_table_rows_of_two_dated_approvals_and_a_column_of_types(reader):
    text = ("| Product | Target | First US approval | Latest US approval |\n| --- | --- | --- | --- |\n"
            "| Tecentriq (atezolizumab) | PD-L1 | 18 May 2016: urothelial carcinoma after platinum (accelerated) | "
            "2 Oct 2025: first-line maintenance in extensive-stage SCLC, with lurbinectedin |\n")
    assert [(x[2], x[3], x[4]) for x in _claims(reader, text)] == [(UC, "2016-05-18", "accelerated"),
                                                                    (SCLC, "2025-10-02", None)]
    text = ("| Authority | Date | Indication | Type of decision |\n| --- | --- | --- | --- |\n"
            "| FDA | 9 May 2017 | Urothelial carcinoma after platinum | Accelerated approval (converted to regular "
            "approval on 30 June 2020) |\n")
    got = [(x[3], x[4]) for x in _claims(reader, "Avelumab.\n\n" + text)]
    assert got == [("2017-05-09", "accelerated"), ("2020-06-30", "conversion")]


def test_a_labelled_approval_line_and_an_approval_that_followed_two_sentences_on(reader):
    got = _claims(reader, "FDA approval, 15 Oct 2021: adjuvant atezolizumab for stage II-IIIA non-small cell lung cancer.")
    assert got == [("approval", ATEZO, "MONDO:0005233", "2021-10-15", None)]
    [c] = [c for c in reader("FDA approval, 3 Oct 2024: neoadjuvant nivolumab plus chemotherapy for non-small cell lung "
                             "cancer, then adjuvant nivolumab alone after surgery.") if c.kind == "approval"]
    assert c.values["setting_context"] == "perioperative"
    got = _claims(reader, "Keytruda received accelerated approval on September 4, 2014, for melanoma. The evidence was a "
                          "response rate of 24%. Opdivo followed in December 2015, also in melanoma.")
    assert ("approval", NIVO, "MONDO:0005105", "2015-12", None) in got
    # the type a date cell gives in brackets
    text = ("| Drug | FDA approval | Indication |\n| --- | --- | --- |\n"
            "| Cemiplimab | 9 Feb 2021 (accelerated approval) | Metastatic basal cell carcinoma |\n")
    assert _claims(reader, text) == [("approval", CEMI, BCC, "2021-02-09", "accelerated")]


def test_a_month_label_under_a_years_heading_and_an_exam_prompt(reader):
    text = "Milestones\n\n2023\n\n- May: The European Commission approved Libtayo for non-small cell lung cancer.\n"
    assert [x[3] for x in _claims(reader, text)] == ["2023-05"]
    assert _claims(reader, "Question 4. Name the FDA-approved immunotherapy strategies for resectable non-small cell "
                           "lung cancer.") == []


def test_a_date_naming_the_approval_a_withdrawal_ends_and_a_possible_withdrawal(reader):
    got = _claims(reader, "Triple-negative breast cancer: Genentech withdrew the March 8, 2019 accelerated approval, "
                          "granted with nab-paclitaxel on the basis of IMpassion130, in August 2021.")
    assert ("approval", ATEZO, "MONDO:0005494", "2019-03-08", "accelerated") in got
    assert ("withdrawal", ATEZO, "MONDO:0005494", "2021-08", None) in got
    assert _claims(reader, "Our accelerated approval for Zynyz in Merkel cell carcinoma could be withdrawn if the "
                           "confirmatory trial fails.") == []
    assert _claims(reader, "The FDA may withdraw an indication granted under accelerated approval if a trial fails.") == []


def test_a_drug_a_participle_follows_is_its_subject(reader):
    got = _claims(reader, "In Merkel cell carcinoma, Zynyz competes with avelumab, approved in 2017.")
    assert [x[1] for x in got] == ["DRUGBANK:DB11945"]
    # a partner before the participle leaves the regimen's drug the subject
    got = _claims(reader, "Nivolumab combined with ipilimumab, approved for hepatocellular carcinoma on March 10, 2020, "
                          "remains available.")
    assert got[0][1] == NIVO


def test_a_cell_of_an_approval_column_that_tells_its_conversion(reader):
    text = ("| Asset | Setting | FDA action |\n| --- | --- | --- |\n| pembrolizumab | HER2-positive gastric cancer | "
            "Accelerated approval 5 May 2021; converted to full approval 19 Mar 2025 |\n")
    assert [(x[3], x[4]) for x in _claims(reader, text)] == [("2021-05-05", "accelerated"), ("2025-03-19", "conversion")]


def test_approvals_named_by_their_dates_and_labelled_by_their_agency(reader):
    got = _claims(reader, "Pembrolizumab's second-line hepatocellular carcinoma accelerated approval (November 2018) was "
                          "converted on January 25, 2024.")
    assert sorted(x[3:] for x in got) == [("2018-11", "accelerated"), ("2024-01-25", "conversion")]
    got = _claims(reader, "Pembrolizumab's triple-negative breast cancer accelerated approval from November 13, 2020 was "
                          "also withdrawn, on 2021-08-27.")
    assert [x[0] for x in got] == ["approval", "withdrawal"] and got[0][3] == "2020-11-13"
    got = _claims(reader, "FDA, 22 February 2022: first-line cemiplimab monotherapy for advanced non-small cell lung cancer.")
    assert [x[1:4] for x in got] == [(CEMI, "MONDO:0005233", "2022-02-22")]
    got = _claims(reader, "Ipilimumab became the first checkpoint inhibitor to receive FDA approval, in March 2010, for "
                          "unresectable or metastatic melanoma.")
    assert [x[3] for x in got] == ["2010-03"]
    # a treatment before the drug ("progressed after sorafenib") is neither its subject nor its partner
    got = _claims(reader, "For people whose cancer progressed after sorafenib, pembrolizumab received accelerated approval "
                          "on November 9, 2018 for hepatocellular carcinoma.")
    assert [x[1] for x in got] == [PEMBRO]


def test_a_withdrawal_by_the_company_and_an_indication_that_ended(reader):
    assert _gone(reader, "Nivolumab's accelerated approval in hepatocellular carcinoma, granted in September 2017, was withdrawn by "
                         "Bristol Myers Squibb on July 23, 2021.") == [{"announced": "2021-07-23"}]
    assert _gone(reader, "Nivolumab's approval in hepatocellular carcinoma was withdrawn by the FDA on July 23, 2021.") == [
        {"effective": "2021-07-23"}]
    assert _gone(reader, "Nivolumab was approved for small cell lung cancer in 2018. Its third-line small cell lung cancer "
                         "indication, also an accelerated approval, ended on December 29, 2020.") == [{"effective": "2020-12-29"}]


def test_a_possessive_approval_set_off_by_a_comma(reader):
    TISLE = "DRUGBANK:DB14922"
    assert _claims(reader, "Tislelizumab's first US approval, in second-line oesophageal squamous cell carcinoma on "
                           "14 March 2024, rested on one trial.") == [("approval", TISLE, ESCC, "2024-03-14", None)]
    # a possessive approval that is only talked about is no claim
    assert _claims(reader, "Tislelizumab's approval, in our view, would need a second trial.") == []


def test_telegraphic_notes_short_names_and_arrows(reader):
    # lecture notes: a clinician's short name, "FDA <date>, <disease>", "ca" for cancer, "->" between events
    IPI, TREME = "DRUGBANK:DB06186", "DRUGBANK:DB11771"
    assert _claims(reader, "ipi = 1st ICI on the market: FDA 25 Mar 2011, unresectable or metastatic melanoma, "
                           "3 mg/kg q3w x 4 doses") == [("approval", IPI, "MONDO:0005105", "2011-03-25", None)]
    got = _claims(reader, "atezo = 1st anti-PD-L1: FDA 18 May 2016, accelerated, 2L urothelial ca -> Genentech "
                          "pulled that indication in Mar 2021")
    assert got == [("approval", ATEZO, UC, "2016-05-18", "accelerated"), ("withdrawal", ATEZO, UC, "2021-03", None)]
    assert ("approval", TREME, "MONDO:0007256", "2022-10-21", None) in _claims(
        reader, "treme: FDA 21 Oct 2022, unresectable HCC, one priming dose given with durvalumab")
    # an agency named before a date in running prose is no approval by itself
    assert _claims(reader, "Nivolumab was discussed with the FDA 18 May 2016 letter in mind.") == []


def test_a_list_of_events_after_one_event_word(reader):
    got = _claims(reader, "withdrawn AAs to know: nivo 3L SCLC (Dec 2020), pembro 3L+ SCLC (Mar 2021), durva 2L "
                          "urothelial cancer (Feb 2021)")
    assert got == [("withdrawal", NIVO, SCLC, "2020-12", None), ("withdrawal", PEMBRO, SCLC, "2021-03", None),
                   ("withdrawal", DURVA, UC, "2021-02", None)]
    # a list whose date comes before it is one event of several drugs, not a list of dated items
    got = _claims(reader, "In March 2021, the FDA approved nivolumab for melanoma and pembrolizumab for melanoma.")
    assert {x[3] for x in got} == {"2021-03"}


def test_other_companies_events_are_not_the_drugs(reader):
    got = _claims(reader, "At the end of December 2020, Bristol Myers Squibb gave up nivolumab's small cell lung cancer "
                          "indication after its trials missed, and over the following year several other companies "
                          "withdrew similar indications in bladder, breast, liver and stomach cancer.")
    assert got == [("withdrawal", NIVO, SCLC, "2020-12", None)]


def test_a_quiz_options_after_a_bulleted_letter_are_no_claims(reader):
    text = ("### Question 4\n\nWhich statement about nivolumab in small cell lung cancer is correct?\n\n"
            "- A. It received regular approval in 2018.\n- B. It was withdrawn in 2020 after a failed trial.\n\n"
            "**Answer: B.** Nivolumab was withdrawn for small cell lung cancer in December 2020.\n")
    assert _claims(reader, text) == [("withdrawal", NIVO, SCLC, "2020-12", None)]


def test_columns_of_two_agencies_give_an_approval_each(reader):
    MEL = "MONDO:0005105"
    text = ("| Product | Indication | FDA approval | EU decision | Gap |\n|---|---|---|---|---|\n"
            "| Pembrolizumab | Advanced melanoma | 4 Sep 2014 (accelerated) | 17 Jul 2015 (Commission decision) | 10 months |\n")
    got = [(c.subject, c.object, c.values.get("agency"), c.values.get("date"), c.values.get("approval_type"))
           for c in reader(text) if c.kind == "approval"]
    assert got == [(PEMBRO, MEL, "KG:org-fda", "2014-09-04", "accelerated"),
                   (PEMBRO, MEL, "KG:org-european-commission", "2015-07-17", None)]
    # "(AA)" in a cell is an accelerated approval
    text = ("| Product | Target | First US approval |\n|---|---|---|\n"
            "| Opdivo (nivolumab) | PD-1 | 12/22/2014, melanoma (AA) |\n")
    assert _claims(reader, text) == [("approval", NIVO, MEL, "2014-12-22", "accelerated")]


def test_a_type_told_in_a_later_clause_and_a_widened_approval(reader):
    ENDO = "MONDO:0011962"
    got = _claims(reader, 'Jemperli was first approved in April 2021 for endometrial cancer that comes back after '
                          'platinum chemo, and that approval was an "accelerated approval," as far as I can tell.')
    assert got == [("approval", DOSTAR, ENDO, "2021-04", "accelerated")]
    got = _claims(reader, "Dostarlimab was approved for endometrial cancer in 2023. Then on August 1, 2024 the approval "
                          "was widened to all adults with primary advanced or recurrent endometrial cancer.")
    assert ("approval", DOSTAR, ENDO, "2024-08-01", None) in got
    # the organ word alone names the drug's endometrial indication; the date naming it is not the conversion's
    assert _claims(reader, "Dostarlimab's April 2021 endometrial indication was converted to regular approval on "
                           "9 February 2023.") == [("approval", DOSTAR, ENDO, "2023-02-09", "conversion")]
    assert _claims(reader, "Dostarlimab's April 2021 endometrial indication was converted to regular approval on "
                           "02/09/2023.") == [("approval", DOSTAR, ENDO, None, "conversion")]


def test_a_list_that_dates_the_indications_removal_gives_its_effect(reader):
    got = [c.values for c in reader("Durvalumab was approved for bladder cancer in 2017. The FDA's withdrawn-approvals "
                                    "list dates the indication's removal to February 19, 2021, and AstraZeneca announced "
                                    "it on February 22, 2021.") if c.kind == "withdrawal"]
    assert [(v.get("effective"), v.get("announced")) for v in got] == [("2021-02-19", "2021-02-22")]


def test_a_use_added_allowed_or_sitting_under_an_approval(reader):
    MCC, HCC = "MONDO:0019210", "MONDO:0007256"
    got = _claims(reader, "Retifanlimab (Zynyz) was added in March 2023 for adults with Merkel cell carcinoma.")
    assert [x[2:4] for x in got] == [(MCC, "2023-03")]
    assert _claims(reader, "Pembrolizumab's liver cancer indication still sits under accelerated approval.") == [
        ("approval", PEMBRO, HCC, None, "accelerated")]
    # a drug added to a regimen in a trial, or patients allowed to cross over, is no approval
    assert _claims(reader, "In the trial, carboplatin was added for patients with Merkel cell carcinoma.") == []
    assert _claims(reader, "Patients were allowed to cross over to pembrolizumab for liver cancer.") == []


def test_approvals_listed_after_a_colon_share_its_lead(reader):
    NSCLC = "MONDO:0005233"
    got = _claims(reader, "Atezolizumab is an anti-PD-L1 antibody. Lung cancer approvals accumulated from late 2018: with "
                          "bevacizumab, paclitaxel and carboplatin for first-line non-squamous NSCLC on December 6, 2018; "
                          "with carboplatin and etoposide for extensive-stage small cell lung cancer on March 18, 2019.")
    # (bevacizumab, an antibody whose approvals the graph does not record, is a partner with its own claim; the
    # chemotherapy is not)
    assert [x[1:4] for x in got] == [(ATEZO, NSCLC, "2018-12-06"), ("DRUGBANK:DB00112", NSCLC, "2018-12-06"),
                                     (ATEZO, SCLC, "2019-03-18")]
    # clauses after a semicolon with no list lead before them tell no approval of their own
    assert _claims(reader, "Atezolizumab is an anti-PD-L1 antibody. Its lung cancer trials ran from late 2018; with "
                           "carboplatin and etoposide for small cell lung cancer on March 18, 2019.") == []


def test_an_outcome_column_that_says_converted_dates_the_conversion(reader):
    MCC = "MONDO:0019210"
    text = ("| Drug | Indication (as approved) | Accelerated approval | Outcome | Outcome effective |\n|---|---|---|---|---|\n"
            "| Avelumab | Metastatic Merkel cell carcinoma | March 23, 2017 | Converted | September 6, 2023 |\n"
            "| Durvalumab | Urothelial carcinoma | May 1, 2017 | Withdrawn | February 22, 2021 |\n")
    got = _claims(reader, text)
    assert ("approval", AVEL, MCC, "2023-09-06", "conversion") in got and ("withdrawal", AVEL, MCC, "2023-09-06", None) not in got
    assert ("withdrawal", DURVA, UC, "2021-02-22", None) in got


def test_a_story_that_ended_differently_and_a_goal_date_are_no_events(reader):
    story = ("Pembrolizumab's story ended differently: the FDA converted its accelerated approval in previously "
             "treated liver cancer to a full approval in January 2024.")
    assert _claims(reader, story) == [("approval", PEMBRO, "MONDO:0007256", "2024-01", "conversion")]
    # (the day the agency set itself to act by is no event's)
    assert "2026-04-07" not in {x[3] for x in _claims(
        reader, "Keytruda was approved for melanoma in 2014. Approved roughly five months before the 7 April 2026 goal date.")}


def test_not_fda_approved_no_therapy_approved_and_a_list_of_references(reader):
    TORI = "DRUGBANK:DB15043"
    assert _claims(reader, "Toripalimab-tpzi is not FDA-approved for esophageal squamous cell carcinoma.") == []
    assert _claims(reader, "Until today, no therapy had been approved for first-line anal canal cancer.") == []
    text = ("## References\n\n1. FDA grants accelerated approval for avelumab in Merkel cell carcinoma (2017).\n"
            '2. "Avelumab." Drug monograph. Accessed 2026.\n\n## Next steps\n\n'
            "Toripalimab was approved for nasopharyngeal carcinoma on October 27, 2023.\n")
    assert [x[1] for x in _claims(reader, text)] == [TORI]  # the cited titles are no claims; the text after them is read
    # an approval that "likewise ended" is a withdrawal
    got = _claims(reader, "Durvalumab's accelerated approval for previously treated urothelial carcinoma likewise ended "
                          "in February 2021.")
    assert ("withdrawal", DURVA, UC, "2021-02", None) in got and not any(x[0] == "approval" and x[3] for x in got)


def test_the_items_of_a_labels_list_of_uses_are_its_approvals(reader):
    text = ("# IMFINZI (durvalumab): the label in plain words\n\n## Section 1: Indications and Usage (FDA-approved uses)\n\n"
            "**Lung cancer: small cell**\n\n"
            "- Adults with limited-stage SCLC whose disease has not progressed after chemoradiation, as a single agent.\n"
            "- Adults with locally advanced or metastatic urothelial carcinoma, with gemcitabine and cisplatin.\n\n"
            "## Withdrawn indications\n\n- Adults with hepatocellular carcinoma, as a single agent.\n")
    got = [(x[1], x[2]) for x in _claims(reader, text) if x[0] == "approval"]
    assert got == [(DURVA, SCLC), (DURVA, UC)]  # (not the item under the heading of withdrawn uses)
    # the same items outside such a section are no claims
    assert _claims(reader, "## Who took part\n\n- Adults with limited-stage SCLC after chemoradiation.\n") == []


def test_a_combination_product_joined_by_a_dash_and_referred_back_to(reader):
    text = ("In RELATIVITY-047, 714 patients were randomised to the nivolumab\u2013relatlimab combination or to "
            "nivolumab alone. Progression-free survival was longer with the combination than with nivolumab. "
            "The fixed-dose combination was approved for unresectable or metastatic melanoma in March 2022.")
    assert [(x[1], x[3]) for x in _claims(reader, text)] == [("KG:drug-nivolumab-relatlimab", "2022-03")]
    text = "The nivolumab-relatlimab product was approved on March 18, 2022 for melanoma."
    assert [(x[1], x[3]) for x in _claims(reader, text)] == [("KG:drug-nivolumab-relatlimab", "2022-03-18")]


def test_dates_given_respectively_go_to_the_drugs_or_the_diseases_in_order(reader):
    text = ("Avelumab's indication was confirmed, unlike the second-line bladder indications of durvalumab and "
            "atezolizumab, which their sponsors withdrew in February and March 2021 respectively.")
    assert [x[:2] + (x[3],) for x in _claims(reader, text)] == [("withdrawal", DURVA, "2021-02"),
                                                                ("withdrawal", ATEZO, "2021-03")]
    text = "Tremelimumab with durvalumab was approved for HCC and for NSCLC in October and November 2022 respectively."
    got = [(x[1], x[2], x[3]) for x in _claims(reader, text)]
    HCC = "MONDO:0007256"
    assert got == [("DRUGBANK:DB11771", HCC, "2022-10"), (DURVA, HCC, "2022-10"),
                   ("DRUGBANK:DB11771", "MONDO:0005233", "2022-11"), (DURVA, "MONDO:0005233", "2022-11")]
    # without "respectively", no pairing: one date for the sentence's drug
    text = "Nivolumab and pembrolizumab lost their SCLC indications, which were withdrawn in December 2020 and March 2021."
    assert {x[1] for x in _claims(reader, text)} == {NIVO}


def test_a_company_that_did_the_same_repeats_the_event_just_told(reader):
    text = ("Merck withdrew the SCLC indication of pembrolizumab in March 2021. "
            "BMS did the same with nivolumab in December 2020.")
    assert [x[:4] for x in _claims(reader, text)] == [("withdrawal", PEMBRO, SCLC, "2021-03"), ("withdrawal", NIVO, SCLC, "2020-12")]
    text = "Nivolumab was approved for HCC on September 22, 2017. Pembrolizumab did the same in November 2018."
    assert [x[:2] + (x[3],) for x in _claims(reader, text)] == [("approval", NIVO, "2017-09-22"), ("approval", PEMBRO, "2018-11")]
    # long after the event, or with no event told before, "did the same" tells nothing
    text = "Merck withdrew the SCLC indication in March 2021. It rained. It rained again. BMS did the same in December 2020."
    assert [x[1] for x in _claims(reader, text)] == [PEMBRO]


def test_two_withdrawals_of_one_drug_and_disease_each_with_its_date(reader):
    text = ("Atezolizumab's post-platinum urothelial carcinoma indication was withdrawn from the US label in April 2021, "
            "and its first-line indication for cisplatin-ineligible patients ended in December 2022.")
    assert [x[:4] for x in _claims(reader, text)] == [("withdrawal", ATEZO, UC, "2021-04"), ("withdrawal", ATEZO, UC, "2022-12")]


def test_an_approval_named_by_its_day_as_what_a_trial_supported(reader):
    text = "OAK, with POPLAR, supported the October 18, 2016 approval of atezolizumab for metastatic NSCLC after platinum."
    assert [(x[1], x[2], x[3]) for x in _claims(reader, text)] == [(ATEZO, "MONDO:0005233", "2016-10-18")]


def test_a_label_that_allows_a_use_and_a_drug_indicated_as_a_treatment(reader):
    text = "The label also allows durvalumab with platinum chemotherapy alone, without tremelimumab, for metastatic NSCLC."
    assert [(x[1], x[2]) for x in _claims(reader, text)] == [(DURVA, "MONDO:0005233")]
    text = "Avelumab is an antibody. It is indicated as maintenance treatment for advanced urothelial carcinoma."
    assert [(x[1], x[2]) for x in _claims(reader, text)] == [(AVEL, UC)]
    # a label that allows a dose change is no approval of a use
    assert _claims(reader, "The label allows a dose of 480 mg every four weeks.") == []


def test_an_accelerated_approval_and_a_regular_one_for_a_use_of_its_own_each_with_its_day_and_setting(reader):
    text = ("Avelumab received accelerated approval for platinum-pretreated locally advanced or metastatic urothelial "
            "carcinoma in May 2017 and a regular approval for first-line maintenance on 30 June 2020.")
    got = [(c.values.get("date"), c.values.get("approval_type"), c.values.get("setting_line")) for c in reader(text)
           if c.kind == "approval"]
    assert got == [("2017-05", "accelerated", "second"), ("2020-06-30", "regular", "first")]


def test_a_list_led_by_remains_approved_for_and_more_ways_to_tell_events(reader):
    text = ("TECENTRIQ remains FDA-approved for:\n\n- adults with extensive-stage small cell lung cancer, as first-line "
            "treatment in combination with carboplatin and etoposide;\n- adults with unresectable hepatocellular carcinoma, "
            "in combination with bevacizumab;\n")
    assert [(x[1], x[2]) for x in _claims(reader, text)] == [(ATEZO, SCLC), (ATEZO, "MONDO:0007256")]
    text = ("Dostarlimab was approved by the FDA on 31 July 2023 for dMMR endometrial cancer, and on 1 August 2024 the "
            "indication was extended to all patients with endometrial cancer.")
    assert [x[3] for x in _claims(reader, text)] == ["2023-07-31", "2024-08-01"]
    text = "Atezolizumab's TNBC indication: as of October 6, 2021, this indication is no longer included in the label."
    assert [(x[0], x[3]) for x in _claims(reader, text)] == [("withdrawal", "2021-10-06")]
    text = ("Genentech announced on 7 March 2021 that it was withdrawing the second-line atezolizumab indication in "
            "urothelial carcinoma, and the FDA's list dates its removal to 13 April 2021.")
    got = [(c.values.get("announced"), c.values.get("effective")) for c in reader(text) if c.kind == "withdrawal"]
    assert got == [("2021-03-07", "2021-04-13")]
    text = "Ipilimumab timeline.\n\nMarch 25, 2011 - First approval, for unresectable or metastatic melanoma."
    assert [(x[1], x[3]) for x in _claims(reader, text)] == [("DRUGBANK:DB06186", "2011-03-25")]


def test_and_before_a_verb_joins_no_partner_to_the_drug_spoken_of_before(reader):
    """It was a false alarm: "and saw ipilimumab become ..." made ipilimumab a partner of the drug of the
    paragraph before, whose approval then took ipilimumab's date and was audited contradicted."""
    text = ("The FDA granted accelerated approval to pembrolizumab in melanoma in September 2014.\n\n"
            "She led the US arm of CheckMate 067, which randomized 945 patients, and saw ipilimumab become the first drug "
            "shown to extend survival in metastatic melanoma, an achievement the FDA recognized with approval in March 2011.")
    got = [(x[1], x[3]) for x in _claims(reader, text)]
    assert got == [(PEMBRO, "2014-09"), ("DRUGBANK:DB06186", "2011-03")]


def test_drugs_listed_with_commas_are_each_approved_but_no_chemotherapy_nor_a_drug_taken_before(reader):
    got = _claims(reader, "Lynparza (olaparib), Rubraca (rucaparib) and Zejula (niraparib) are all still approved as "
                          "maintenance therapy for ovarian cancer.")
    assert sorted(x[1] for x in got) == ["KG:drug-niraparib", "KG:drug-olaparib", "KG:drug-rucaparib"]
    got = _claims(reader, "For people whose cancer progressed after sorafenib, pembrolizumab received accelerated approval "
                          "on November 9, 2018 for hepatocellular carcinoma.")
    assert [x[1] for x in got] == [PEMBRO]
