"""Dates told from the story ("that July", "the following year"), a second event of the same subject after
", and", and deals that are no approvals: forms met in heldout13 once it became development material
(each sentence here is written for the test)."""
from __future__ import annotations

import pytest

from kg.sources.text import dates


@pytest.fixture(scope="module")
def read(store):
    from kg.sources.text.claims import extract
    from kg.sources.text.entities import Matcher
    from kg.sources.text.facts import Facts

    m, f = Matcher.from_store(store), Facts.from_store(store)

    def claims(text):
        return sorted((c.kind, c.subject, c.object, c.values.get("date") or c.values.get("announced")
                       or c.values.get("effective"), c.values.get("setting_line"))
                      for c in extract(text, m.find(text), f) if c.kind in ("approval", "withdrawal"))
    return claims


NIVO, ATEZO, LURBI = "DRUGBANK:DB09035", "DRUGBANK:DB11595", "DRUGBANK:DB12674"
HCC, UC = "MONDO:0007256", "MONDO:0040679"


@pytest.mark.parametrize("text, story, want", [
    ("the company pulled it that July", "2021-04", ["2021-07"]),
    ("it was withdrawn the following March", "2021-04", ["2022-03"]),
    ("it was withdrawn the following March", "2021", ["2022-03"]),
    ("it was withdrawn the following year", "2019-11-05", ["2020"]),
    ("A year later it was gone.", "2019-11-05", ["2020"]),
    ("later that month it was gone", "2019-11-05", ["2019-11"]),
    ("the previous May", "2021-04", ["2020-05"]),
    ("that July", None, []),                               # no story to tell it from
    ("on October 6 of that year", "2021-08-27", []),       # (a day without a year: read by its own rule)
    ("that year's sales; the following year of follow-up", "2021", []),
])
def test_dates_told_from_the_story(text, story, want):
    assert [d.iso for d in dates.find(text, story=story)] == want


def test_a_withdrawal_dated_from_the_sentence_before_and_not_by_a_panels_vote(read):
    text = ("Nivolumab for hepatocellular carcinoma after sorafenib was granted accelerated approval on "
            "22 September 2017. Our advisory committee voted against keeping the indication in late April 2021, "
            "and the company pulled it that July.")
    assert ("withdrawal", NIVO, HCC, "2021-07", None) in read(text)
    assert not [c for c in read(text) if c[0] == "withdrawal" and c[3] == "2021-04"]


def test_a_second_withdrawal_of_the_same_drug_after_and(read):
    """"lost its indication for previously treated bladder cancer in March 2021 ..., and gave up its first-line
    bladder indication the following year": two withdrawals, each with its own setting and date (one was read, with
    the first's date and the second's setting: a false alarm)."""
    text = ("Not every immunotherapy has kept its bladder cancer approvals. Atezolizumab lost its U.S. indication "
            "for previously treated bladder cancer in March 2021 when its maker withdrew it, and gave up its "
            "first-line bladder indication the following year.")
    assert read(text) == [("withdrawal", ATEZO, UC, "2021-03", "second"), ("withdrawal", ATEZO, UC, "2022", "first")]


def test_rights_licensed_to_a_company_are_no_approval(read):
    text = ("Lurbinectedin + atezolizumab (ES-SCLC maintenance). PharmaMar licensed U.S. and Canadian rights to "
            "Jazz back in December 2019, and Roche co-funded the study.")
    assert read(text) == []
    assert read("Lurbinectedin is licensed for small cell lung cancer after platinum in the US.")  # still an approval


@pytest.mark.parametrize("text, want", [
    ("Idelalisib is approved for CLL. The FL and SLL indications were withdrawn by Gilead in January 2022.",
     [("withdrawal", "KG:drug-idelalisib", "KG:indication-follicular-lymphoma", "2022-01", None),
      ("withdrawal", "KG:drug-idelalisib", "KG:indication-small-lymphocytic-lymphoma", "2022-01", None)]),
    ("Ibrutinib label. MCL (≥1 prior therapy) and MZL (after ≥1 anti-CD20-based therapy) indications voluntarily "
     "withdrawn in the U.S. (announced 4/6/2023).",
     [("withdrawal", "KG:drug-ibrutinib", "KG:indication-mantle-cell-lymphoma", "2023-04-06", "second"),
      ("withdrawal", "KG:drug-ibrutinib", "KG:indication-marginal-zone-lymphoma", "2023-04-06", "second")]),
    ("Several indications were withdrawn in 2021.", []),  # (indications of no disease named: a general statement)
])
def test_the_named_diseases_indications_of_the_drug_spoken_of(read, text, want):
    assert [c for c in read(text) if c[0] == "withdrawal"] == want


def test_cll_sll_is_one_indication(read):
    got = read("Duvelisib (Copiktra). Current label: R/R CLL/SLL after ≥2 prior therapies (regular approval, 9/24/2018).")
    assert got == [("approval", "KG:drug-duvelisib", "KG:indication-chronic-lymphocytic-leukemia", "2018-09-24", "second")]


def test_a_guessed_disease_is_the_drugs_own_first(read):
    """A dateless-disease event of a drug is given the disease of that drug's last event, not the one another drug's
    news named last (melflufen's EU authorisation was given Hodgkin lymphoma, pembrolizumab's, before)."""
    got = read("Melphalan flufenamide, sold as Pepaxto, got accelerated approval in late February 2021 for relapsed or "
               "refractory multiple myeloma. Pembrolizumab won accelerated approval for classical Hodgkin lymphoma in "
               "March 2017. Europe went the other way: the European Commission authorised melflufen in August 2022.")
    assert [c[2] for c in got if c[1] == "KG:drug-melphalan-flufenamide"] == ["KG:indication-multiple-myeloma"] * 2


def test_a_label_narrowed_to_part_of_its_patients_withdraws_the_rest(read):
    got = read("GSK narrowed Zejula's second-line maintenance label for recurrent ovarian cancer to gBRCAm patients "
               "on 11 Nov 2022, at FDA's request.")
    assert got == [("withdrawal", "KG:drug-niraparib", "MONDO:0008170", "2022-11-11", "second")]
    assert read("The approval is restricted to patients whose tumours express PD-L1.") == []


def test_a_month_and_year_dateline_is_the_articles_date_not_a_full_date_in_its_story():
    """"THE LONG READ | MARCH 2025" above a story that tells "May 28, 2021": the article is of March 2025 (its
    "mid-January" was read as January 2021)."""
    text = ("THE LONG READ | MARCH 2025\n\nThe fast lane\nOn May 28, 2021, the FDA granted accelerated approval to "
            "sotorasib. Sotorasib plus panitumumab followed in mid-January.")
    assert dates.document_date(text) == "2025-03"
    assert [d.iso for d in dates.find("followed in mid-January", year="2025", today="2025-03")] == ["2025-01"]
