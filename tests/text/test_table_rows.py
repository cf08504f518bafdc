"""Table rows read by their columns (kg/sources/text/tables.py): the partners of a regimen a row
names, and a row that tells its event in words under a year column."""
from __future__ import annotations

DURVA, TREME, NIVO, IPI = "DRUGBANK:DB11714", "DRUGBANK:DB11771", "DRUGBANK:DB09035", "DRUGBANK:DB06186"
HCC, MEL, MESO, CRC = "MONDO:0007256", "MONDO:0005105", "MONDO:0005112", "MONDO:0005575"


def _approvals(reader, text):
    return [(c.subject, c.object, c.values.get("date"), c.values.get("partner_of"), c.values.get("status"))
            for c in reader(text) if c.kind == "approval"]


def test_a_rows_regimen_gives_each_partner_the_graph_knows_approved_there(reader):
    text = ("| FDA action | Setting | Pivotal study | Date |\n|---|---|---|---|\n"
            "| Imjudo + Imfinzi (STRIDE) | Unresectable HCC | HIMALAYA | 21 Oct 2022 |\n")
    assert _approvals(reader, text) == [(TREME, HCC, "2022-10-21", None, "approved"),
                                        (DURVA, HCC, "2022-10-21", TREME, "approved")]


def test_a_drug_a_row_compares_with_is_no_partner(reader):
    text = ("| FDA action | Setting | Date |\n|---|---|---|\n"
            "| Imjudo + Imfinzi versus sorafenib | Unresectable HCC | 21 Oct 2022 |\n")
    assert [d for d, *_ in _approvals(reader, text)] == [TREME, DURVA]


def test_a_partners_approval_is_not_made_withdrawn_by_its_own_single_agent_withdrawal(reader):
    # nivolumab's single-agent HCC indication was withdrawn; the combination is approved
    text = ("Opdivo's single-agent liver cancer accelerated approval was withdrawn on July 23, 2021.\n\n"
            "| Date | Product | Indication | Type of action |\n|---|---|---|---|\n"
            "| 11 Apr 2025 | Yervoy (ipilimumab) + Opdivo (nivolumab) | First-line unresectable hepatocellular "
            "carcinoma | New approval |\n")
    got = [a for a in _approvals(reader, text) if a[2] == "2025-04-11"]
    assert got == [(IPI, HCC, "2025-04-11", None, "approved"), (NIVO, HCC, "2025-04-11", IPI, "approved")]


def test_a_row_told_in_words_takes_its_year_cell(reader):
    text = ("A few steps along the way, each dated by the US Food and Drug Administration:\n\n"
            "| Year | Milestone |\n|---|---|\n"
            "| 2015 | Ipilimumab approved after surgery for melanoma that had reached the lymph nodes (FDA, 28 October) |\n"
            "| 2020 | Nivolumab plus ipilimumab approved for malignant pleural mesothelioma (FDA, 2 October) |\n\n"
            "On 8 April the agency approved nivolumab with ipilimumab for MSI-H colorectal cancer.")
    got = _approvals(reader, text)
    assert (IPI, MEL, "2015-10-28", None, "approved") in got
    assert (NIVO, MESO, "2020-10-02", None, "approved") in got
    # after the table, a day without a year is not of the last row's year
    assert not [a for a in got if a[1] == CRC and a[2] and a[2].startswith("2020")]


def test_a_row_without_an_event_in_words_stays_silent(reader):
    text = ("| Year | Milestone |\n|---|---|\n"
            "| 2015 | Ipilimumab turned five years old in the clinic |\n"
            "| 2016 | Nivolumab sales grew in the United States and Europe |\n")
    assert _approvals(reader, text) == []


def test_a_regimens_first_drug_the_graph_records_no_approval_of_is_left_out(reader):
    SCLC, ATEZO = "MONDO:0008433", "DRUGBANK:DB11595"
    text = ("The FDA approved lurbinectedin plus Tecentriq as maintenance for extensive-stage small cell lung cancer "
            "on October 2, 2025.")
    assert [(d, i, when, p) for d, i, when, p, _ in _approvals(reader, text)] == [(ATEZO, SCLC, "2025-10-02", "DRUGBANK:DB12674")]
    text = ("| Regimen | Disease | FDA approval |\n|---|---|---|\n"
            "| Lurbinectedin + atezolizumab | Extensive-stage small cell lung cancer | 2 October 2025 |\n")
    assert [d for d, *_ in _approvals(reader, text)] == [ATEZO]
    # alone, a drug the graph records no approval of is still read (a drug new to the graph)
    assert [d for d, *_ in _approvals(reader, "Lurbinectedin was approved for small cell lung cancer on June 15, 2020.")] \
        == ["DRUGBANK:DB12674"]


def test_an_approval_dated_after_a_withdrawal_of_the_same_disease_is_in_force(reader):
    DURVA_, UC = "DRUGBANK:DB11714", "MONDO:0040679"
    text = ("Durvalumab's urothelial carcinoma accelerated approval was withdrawn in February 2021. "
            "The panel now lists perioperative durvalumab with gemcitabine-cisplatin for urothelial carcinoma. "
            "The FDA approved this approach on 28 March 2025.")
    got = [(d, i, when, status) for d, i, when, _, status in _approvals(reader, text)]
    assert got == [(DURVA_, UC, "2025-03-28", "approved")]


def test_a_cell_that_tells_its_event_with_its_own_date_is_read_as_a_sentence(reader):
    IPI_, MEL_ = "DRUGBANK:DB06186", "MONDO:0005105"
    text = ("| Week | Dates | Topic | Key points |\n|---|---|---|---|\n"
            "| 2 | Jan 20, 22 | CTLA-4 | Ipilimumab blocks CTLA-4 and was approved on March 25, 2011 for metastatic melanoma. |\n")
    assert [(d, i, when) for d, i, when, _, _ in _approvals(reader, text)] == [(IPI_, MEL_, "2011-03-25")]


def test_a_document_approved_by_a_board_or_superseded_is_no_approval(reader):
    for text in ("Approved by the NAGOS Board of Directors: 18 November 2024",
                 "Supersedes: PS-2023-03 (approved 6 March 2023)",
                 "Approved for production by: P&T Informatics Subcommittee, 2025-11-10."):
        assert _approvals(reader, "# Dostarlimab in endometrial cancer\n\n" + text) == [], text
    assert _approvals(reader, "Keytruda was approved by the FDA on May 23, 2017 for melanoma.") != []


def test_a_block_of_comma_separated_values_is_a_table(reader):
    text = ("Our data, one row per withdrawn indication:\n\n```csv\n"
            "drug,brand,indication_as_labelled,accelerated_approval,withdrawal_announced,removed_from_label\n"
            "nivolumab,Opdivo,hepatocellular carcinoma after sorafenib,2017-09-22,2021-07-23,2021-07-23\n```\n")
    got = [(c.kind, c.subject, c.object, c.values.get("date"), c.values.get("announced"), c.values.get("effective"))
           for c in reader(text) if c.kind in ("approval", "withdrawal")]
    assert got == [("approval", NIVO, HCC, "2017-09-22", None, None),
                   ("withdrawal", NIVO, HCC, None, "2021-07-23", "2021-07-23")]
    # prose with commas is no row
    assert _approvals(reader, "Nivolumab, pembrolizumab, atezolizumab, and durvalumab are antibodies.") == []


def test_a_status_cell_that_opens_with_the_approvals_kind_dates_it(reader):
    text = ("## Previously treated hepatocellular carcinoma\n\n| Regimen | Setting | Regulatory status | Evidence |\n|---|---|---|---|\n"
            "| Nivolumab monotherapy | After sorafenib | Accelerated approval, 22 September 2017 (current) | CheckMate 040 |\n"
            "| Pembrolizumab | After sorafenib | Accelerated approval withdrawn 2021 | KEYNOTE-240 |\n")
    got = [(d, i, when) for d, i, when, _, _ in _approvals(reader, text)]
    assert got == [(NIVO, HCC, "2017-09-22")]


def test_negations_and_references_with_a_section_label(reader):
    assert _approvals(reader, "A patient asked why cemiplimab isn't approved for cervical cancer.") == []
    assert _approvals(reader, "No regimen has been approved for patients who progress on atezolizumab in HCC.") == []
    text = ("Atezolizumab is used in liver cancer.\n\n### References (Section 2)\n\n"
            "1. FDA approves atezolizumab plus bevacizumab for unresectable hepatocellular carcinoma.\n")
    assert _approvals(reader, text) == []


def test_the_same_pair_is_the_regimen_named_before(reader):
    text = ("Enfortumab vedotin with pembrolizumab was approved for urothelial cancer on December 15, 2023. "
            "That action also converted the accelerated approval we had given the same pair on April 3, 2023.")
    # (enfortumab vedotin, whose approvals the graph does not record, is no chemotherapy: its own claims too)
    assert {d for d, *_ in _approvals(reader, text)} == {"DRUGBANK:DB09037", "DRUGBANK:DB13007"}


def test_a_documents_own_revision_line_and_approval_stamp_are_no_approvals(reader):
    assert _approvals(reader, "# Pembrolizumab in SCLC\n\nv3.0  2021-04-06  ALERT A extended to pembrolizumab after label change.") == []
    assert _approvals(reader, "# Dostarlimab\n\nPosition Statement PS-2024-07. Approved 18 November 2024.") == []
    # right after a sentence that names the drug and disease, "Approved: <date>" is that approval's
    assert [when for _, _, when, _, _ in _approvals(reader, "Pembrolizumab for MSI-H colorectal cancer. Approved: June 29, 2020.")] \
        == ["2020-06-29"]


def test_a_cell_that_names_a_disease_approved_on_a_day_is_read_as_a_sentence(reader):
    text = ("| Agent | Main indications driving use | Spend |\n|---|---|---|\n"
            "| Imfinzi (durvalumab) | Perioperative muscle-invasive bladder cancer (NIAGARA; FDA-approved 28 Mar 2024) | $296,000 |\n")
    assert [(d, i, when) for d, i, when, _, _ in _approvals(reader, text)] == [(DURVA, "MONDO:0001187", "2024-03-28")]
    # a cell naming a disease without a year tells no event of its own
    text = ("| Agent | Main indications driving use | Spend |\n|---|---|---|\n"
            "| Imfinzi (durvalumab) | Muscle-invasive bladder cancer, approved use | $296,000 |\n")
    assert _approvals(reader, text) == []


def test_a_plain_withdrawal_column_dates_each_act_by_its_words_and_each_disease_of_the_cell(reader):
    """A heldout13 table ("| U.S. withdrawal |" with "Sponsor notice, 1/14/2022", "company pulled it 4/2022; FDA
    withdrew approval 6/1/2022") gave every date as the effect and only the first disease of "FL; SLL"."""
    text = ("| Product | Indication withdrawn | Accelerated approval | U.S. withdrawal |\n|---|---|---|---|\n"
            "| Zydelig (idelalisib) | relapsed FL; relapsed SLL | 7/23/2014 | Gilead notice, 1/14/2022 |\n"
            "| Ukoniq (umbralisib) | R/R MZL | 2/5/2021 | company pulled it 4/2022; FDA withdrew approval 6/1/2022 |\n")
    got = sorted((c.subject.split("-")[-1], c.object.split("-", 1)[-1], c.values.get("announced"), c.values.get("effective"))
                 for c in reader(text) if c.kind == "withdrawal")
    assert got == [("idelalisib", "follicular-lymphoma", "2022-01-14", None),
                   ("idelalisib", "small-lymphocytic-lymphoma", "2022-01-14", None),
                   ("umbralisib", "marginal-zone-lymphoma", "2022-04", "2022-06-01")]
