"""kg audit judged on records of a small graph of our own (tests/fixtures/audit: the mini
dataset plus pembrolizumab's and nivolumab's small cell lung cancer approvals, withdrawn, and
two of pembrolizumab's lung cancer approvals, nivolumab's two in hepatocellular carcinoma), so the verdict logic is tested whatever the
curated data holds: the best matching record first, "not in graph" of its own, contradicted
only by a record that states the opposite, and no claim from a clause about another drug."""
from __future__ import annotations

from pathlib import Path

import pytest

AUDIT = Path(__file__).parent.parent / "fixtures" / "audit"


@pytest.fixture(scope="module")
def judge(tmp_path_factory):
    from kg.build import build
    from kg.query.audit import audit_claims
    from kg.sources.text.claims import extract
    from kg.sources.text.entities import Matcher
    from kg.sources.text.facts import Facts
    from kg.store.local import open_store

    path = tmp_path_factory.mktemp("audit") / "store"
    build(AUDIT, path, None)
    store = open_store(path)
    matcher, facts = Matcher.from_store(store), Facts.from_store(store)

    def run(text):
        return [(r["claim"]["kind"], r["claim"]["subject"], r["claim"]["object"], r["verdict"], r["because"])
                for r in audit_claims(store, extract(text, matcher.find(text), facts))]
    return run


PEMBRO, NIVO, ATEZO = "DRUGBANK:DB09037", "DRUGBANK:DB09035", "DRUGBANK:DB11595"
SCLC, NSCLC, HCC = "MONDO:0008433", "MONDO:0005233", "MONDO:0007256"


def test_the_matching_approval_is_cited_first(judge):
    [(kind, drug, ind, verdict, because)] = judge(
        "The FDA granted accelerated approval on 10 May 2017 to pembrolizumab with pemetrexed and carboplatin "
        "for first-line non-small cell lung cancer.")
    assert (kind, drug, ind, verdict) == ("approval", PEMBRO, NSCLC, "consistent")
    assert because[0]["record"] == "KG:appr-fda-2017-05-10-pembro-nsclc-chemo"


def test_another_date_of_the_same_approval_contradicts(judge):
    [(kind, _, _, verdict, because)] = judge("The FDA granted accelerated approval on 10 May 2018 to pembrolizumab "
                                            "for non-small cell lung cancer.")
    assert (kind, verdict) == ("approval", "contradicted") and because and all(b["record"] for b in because)


def test_what_the_graph_does_not_hold_is_not_in_the_graph(judge):
    res = judge("The FDA approved pembrolizumab for melanoma on 4 September 2014. Velomab was approved for "
                "small cell lung cancer in March 2020.")
    assert [(k, v) for k, _, _, v, _ in res] == [("approval", "not in graph"), ("approval", "not in graph")]


def test_an_approval_told_as_current_after_its_withdrawal_is_outdated(judge):
    [(_, drug, ind, verdict, _)] = judge("Keytruda is approved for small cell lung cancer.")
    assert (drug, ind, verdict) == (PEMBRO, SCLC, "outdated")
    # told with its withdrawal, the same approval is history, not a stale claim
    res = judge("The FDA granted accelerated approval on 17 June 2019 for small cell lung cancer to pembrolizumab. "
                "Merck said on 1 March 2021 that it would give up the US indication.")
    assert [(k, v) for k, _, _, v, _ in res] == [("approval", "consistent"), ("withdrawal", "consistent")]


def test_withdrawals_are_contradicted_only_by_a_record_of_the_opposite(judge):
    wrong_month = judge("Bristol Myers Squibb pulled nivolumab's approval in small cell lung cancer in June 2021.")
    assert [(k, d, i, v) for k, d, i, v, _ in wrong_month] == [("withdrawal", NIVO, SCLC, "contradicted")]
    assert "2020-12-29" in wrong_month[0][4][0]["fact"]
    # the record gives one date without saying whether it is the announcement or the effect: a date
    # within weeks of it (the announcement of 29 December, in effect in January) is no contradiction
    near = judge("Bristol Myers Squibb pulled nivolumab's approval in small cell lung cancer in January 2021.")
    assert [v for *_, v, _ in near] == ["consistent"]
    in_force = judge("Genentech withdrew the US indication of atezolizumab in hepatocellular carcinoma in May 2022.")
    assert [(k, d, i, v) for k, d, i, v, _ in in_force] == [("withdrawal", ATEZO, HCC, "contradicted")]
    effective = judge("The withdrawal of pembrolizumab in small cell lung cancer became effective on 30 March 2021.")
    assert [v for *_, v, _ in effective] == ["consistent"]  # in effect after the recorded announcement


def test_a_clause_about_another_drugs_approval_is_no_claim(judge):
    res = judge("The withdrawal of pembrolizumab's small cell lung cancer indication, which leaves atezolizumab's "
                "approval in hepatocellular carcinoma in place, was announced on 1 March 2021.")
    assert [(k, d, i, v) for k, d, i, v, _ in res] == [("withdrawal", PEMBRO, SCLC, "consistent")]


def test_a_subgroups_figure_is_not_contradicted_by_the_whole_trials(judge):
    whole = judge("In IMbrave150, atezolizumab with bevacizumab improved overall survival (HR 0.66).")
    assert [(k, v) for k, _, _, v, _ in whole] == [("trial result", "contradicted")]
    part = judge("In IMbrave150, among patients with PD-L1 expression of at least 1%, overall survival improved (HR 0.66).")
    assert [(k, v) for k, _, _, v, _ in part] == [("trial result", "not in graph")]
    same = judge("In IMbrave150, among patients with PD-L1 expression of at least 1%, overall survival improved (HR 0.58).")
    assert [(k, v) for k, _, _, v, _ in same] == [("trial result", "consistent")]


def test_an_approval_dated_by_its_announcement_is_the_same_approval(judge):
    # the record says 10 May 2017; a release two days later dates it by its announcement
    res = judge("On 12 May 2017 the maker announced FDA accelerated approval of pembrolizumab with pemetrexed and "
                "carboplatin for first-line non-small cell lung cancer.")
    assert [(k, v) for k, _, _, v, _ in res] == [("approval", "consistent")]
    res = judge("On 2 June 2017 the FDA granted accelerated approval to pembrolizumab with pemetrexed and carboplatin "
                "for first-line non-small cell lung cancer.")
    assert [(k, v) for k, _, _, v, _ in res] == [("approval", "contradicted")]


def test_a_cohorts_count_is_not_the_whole_trials(judge):
    whole = judge("IMbrave150 enrolled 80 patients.")
    assert [(k, v) for k, _, _, v, _ in whole if k == "trial design"] == [("trial design", "contradicted")]
    cohort = judge("IMbrave150's first cohort enrolled 80 patients.")
    assert [v for k, _, _, v, _ in cohort if k == "trial design"] == ["not in graph"]


def test_a_withdrawal_in_another_setting_than_the_records_is_not_contradicted(judge):
    # the article puts the withdrawal in first line; the graph's first-line approval is in force, and its
    # withdrawn one is second line: which approval it means is not sure
    res = judge("Bristol Myers Squibb withdrew nivolumab's first-line hepatocellular carcinoma indication on 23 July 2021.")
    assert [(k, v) for k, _, _, v, _ in res] == [("withdrawal", "not in graph")]
    # the line of a trial named in the sentence is not the withdrawn indication's
    res = judge("Bristol Myers Squibb withdrew nivolumab's hepatocellular carcinoma indication on 23 July 2021, after "
                "the first-line CheckMate-459 trial failed.")
    assert [(k, v) for k, _, _, v, _ in res if k == "withdrawal"] == [("withdrawal", "consistent")]


def test_a_ratio_written_with_a_third_decimal_agrees_with_the_record_rounded(judge):
    # (0.585 - 0.58 is a little over 0.005 in floating point: it must still agree)
    res = judge("In IMbrave150, overall survival was longer with atezolizumab plus bevacizumab (HR 0.585).")
    assert [(k, v) for k, _, _, v, _ in res if k == "trial result"] == [("trial result", "consistent")]
    res = judge("In IMbrave150, overall survival was longer with atezolizumab plus bevacizumab (HR 0.60).")
    assert [(k, v) for k, _, _, v, _ in res if k == "trial result"] == [("trial result", "contradicted")]


def test_medians_and_single_rates_agree_with_the_records_that_give_them(judge):
    res = judge("In IMbrave150, median progression-free survival was 6.8 months versus 4.3 months.")
    assert [(k, v) for k, _, _, v, _ in res if k == "trial result"] == [("trial result", "consistent")]
    res = judge("In IMbrave150, median progression-free survival was 7.1 months versus 4.3 months.")
    assert [(k, v) for k, _, _, v, _ in res if k == "trial result"] == [("trial result", "not in graph")]
    res = judge("In KEYNOTE-158, the objective response rate was 19% with pembrolizumab.")
    assert [(k, v) for k, _, _, v, _ in res if k == "trial result"] == [("trial result", "consistent")]
    res = judge("In KEYNOTE-158, the objective response rate was 31% with pembrolizumab.")
    assert [(k, v) for k, _, _, v, _ in res if k == "trial result"] == [("trial result", "not in graph")]


def test_a_result_of_another_arm_of_the_trial_is_no_contradiction(store):
    """A claim of the tremelimumab arm of CASPIAN that missed is not contradicted by the durvalumab arm's record."""
    from kg.query.audit import audit_claims
    from kg.sources.text.claims import ExtractedClaim

    c = ExtractedClaim("trial result", "CLINICALTRIALS:NCT03043872", "result", "MONDO:0008433",
                       {"endpoint": "overall survival", "met": False, "drug": "DRUGBANK:DB11771"}, "phase 3",
                       "does not support", "A separate CASPIAN arm that added tremelimumab did not meet its endpoint.", 0, 70)
    [r] = audit_claims(store, [c])
    assert r["verdict"] != "contradicted"
    durva = ExtractedClaim("trial result", "CLINICALTRIALS:NCT03043872", "result", "MONDO:0008433",
                           {"endpoint": "overall survival", "met": False, "drug": "DRUGBANK:DB11714"}, "phase 3",
                           "does not support", "CASPIAN did not meet its overall survival endpoint.", 0, 50)
    assert audit_claims(store, [durva])[0]["verdict"] == "contradicted"


def test_a_record_that_does_not_state_its_type_contradicts_no_type(judge):
    for kind in ("regular", "accelerated"):
        [(k, drug, ind, verdict, because)] = judge(f"The FDA granted {kind} approval to atezolizumab for previously "
                                                  "treated non-small cell lung cancer on 18 October 2016.")
        assert (k, drug, ind, verdict) == ("approval", ATEZO, NSCLC, "consistent")
        assert because[0]["record"] == "KG:appr-fda-2016-10-18-atezo-nsclc"
    [(_, _, _, verdict, _)] = judge("The FDA approved atezolizumab for non-small cell lung cancer on 18 October 2017.")
    assert verdict == "contradicted"  # (its date is stated: another date contradicts)


def test_a_disease_the_reader_guessed_contradicts_nothing(judge):
    # an organ word ("its lung indication"): which of the organ's diseases the article means is a guess
    res = judge("Pembrolizumab won accelerated approval for its lung indication on 3 March 2015.")
    assert res and all(k == "approval" and v == "not in graph" for k, _, _, v, _ in res)
    assert "organ" in res[0][4][0]["fact"]
    # a trial the article names without a disease is not contradicted by the article's main disease
    res = judge("IMbrave150 studied atezolizumab in hepatocellular carcinoma. IMbrave150 was a phase 3 trial in "
                "hepatocellular carcinoma. Other trials, such as KEYNOTE-021, are ongoing.")
    studied = [(v, b) for k, _, _, v, b in res if k == "trial design" and "names no disease" in str(b)]
    assert studied and all(v == "not in graph" for v, _ in studied)


def test_a_count_of_treated_patients_below_the_enrolment_is_another_figure(judge):
    res = [(v, b) for k, _, _, v, b in judge("In KEYNOTE-158, 83 patients with small cell lung cancer received "
                                             "pembrolizumab.") if k == "trial design"]
    assert res and all(v != "contradicted" for v, _ in res)
    res = [v for k, _, _, v, _ in judge("KEYNOTE-158 enrolled 83 patients.") if k == "trial design"]
    assert "contradicted" in res  # (the number enrolled is the record's to contradict)


def test_a_part_of_the_enrolment_the_sources_count_is_that_part(judge):
    # (the fixture's IMbrave150, as ClinicalTrials.gov gives it: 558 in all, 501 global, 57 in a China extension)
    def design(text):
        return [(v, [f["fact"] for f in b]) for k, _, _, v, b in judge(text) if k == "trial design" and "enroll" in str(b)
                or k == "trial design" and "population" in str(b) or k == "trial design" and "extension" in str(b)]
    assert design("IMbrave150 enrolled 558 patients.") == [("consistent", ["IMbrave150 enrollment: 558"])]
    # the main part (the publication's global population) is no contradiction of the total, and says which it is
    assert design("IMbrave150 enrolled 501 patients.") == [("consistent", ["IMbrave150 global population: 501"])]
    # a small part is that part only when the article names a part; told as the whole trial, it is wrong
    assert design("IMbrave150 enrolled 57 patients.") == [("contradicted", ["IMbrave150 enrollment: 558"])]
    assert design("The China extension cohort of IMbrave150 enrolled 57 patients.") == [
        ("consistent", ["IMbrave150 China extension: 57"])]
    assert design("IMbrave150 enrolled 612 patients.") == [("contradicted", ["IMbrave150 enrollment: 558"])]


def test_a_disease_taken_from_an_earlier_sentence_contradicts_nothing(judge):
    # the clause names no disease and does not refer to one: the reader took the one told before, a guess
    res = [(v, b) for k, _, _, v, b in judge("Atezolizumab was approved for non-small cell lung cancer on 18 October "
                                             "2016. Genentech withdrew atezolizumab on 1 March 2021.") if k == "withdrawal"]
    assert [v for v, _ in res] == ["not in graph"] and "names no disease" in res[0][1][0]["fact"]
    # the section's disease, given by its heading, is no guess: judged as if the clause named it
    headed = [(v, b) for k, _, _, v, b in judge("Non-small cell lung cancer\n\nGenentech withdrew atezolizumab on "
                                                "1 March 2021.") if k == "withdrawal"]
    named = [(v, b) for k, _, _, v, b in judge("Genentech withdrew atezolizumab in non-small cell lung cancer on "
                                               "1 March 2021.") if k == "withdrawal"]
    assert headed == named and "names no disease" not in str(headed)


def test_a_day_of_a_record_in_another_setting_is_no_contradiction(store):
    # (the curated graph: nivolumab's perioperative approval of 3 October 2024, its neoadjuvant one of 4 March 2022)
    from kg.query.audit import audit_claims
    from kg.sources.text.claims import ExtractedClaim
    claim = ExtractedClaim("approval", "DRUGBANK:DB09035", "approved for", "MONDO:0005233",
                           {"agency": "KG:org-fda", "date": "2024-10-03", "status": "approved",
                            "setting_context": "neoadjuvant"}, "regulatory approval", "supports", "s", 0, 1)
    [r] = audit_claims(store, [claim])
    assert r["verdict"] != "contradicted"
    wrong = ExtractedClaim("approval", "DRUGBANK:DB09035", "approved for", "MONDO:0005233",
                           {"agency": "KG:org-fda", "date": "2024-10-09", "status": "approved",
                            "setting_context": "neoadjuvant"}, "regulatory approval", "supports", "s", 0, 1)
    assert audit_claims(store, [wrong])[0]["verdict"] == "contradicted"


def test_a_date_taken_from_the_approval_told_just_before_contradicts_only_by_its_type(judge):
    # the first sentence's wrong year is contradicted; the second gives no date of its own, so the year the reader
    # carried over from the first contradicts nothing
    res = judge("Pembrolizumab was approved on October 24, 2015 as first-line treatment for non-small cell lung cancer. "
                "It was also approved for non-small cell lung cancer with pemetrexed and carboplatin.")
    assert [(k, v) for k, _, _, v, _ in res] == [("approval", "contradicted"), ("approval", "not in graph")]
    assert "gives no date" in res[1][4][0]["fact"]
    # a type the sentence states itself still contradicts, on the day carried over when that day is the record's
    res = judge("Pembrolizumab was approved on October 24, 2016 for first-line non-small cell lung cancer. "
                "It was also approved under accelerated approval for non-small cell lung cancer.")
    assert [v for _, _, _, v, _ in res] == ["consistent", "contradicted"]
