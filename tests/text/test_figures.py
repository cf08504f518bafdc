"""Effect figures and patient counts as reports write them (kg/sources/text/figures.py), on
sentences written for this test."""
from __future__ import annotations

import pytest

from kg.sources.text.enrolment import enrolment
from kg.sources.text.figures import effects, endpoint


def _one(text):
    [f] = effects(text)
    return {k: v for k, v in f.items() if k != "start"}


@pytest.mark.parametrize("text,ci,p", [
    ("Survival favoured the drug (HR 0.81, 95% CI 0.70-0.94; p=0.005).", (0.70, 0.94), "0.005"),
    ("Survival favoured the drug (HR, 0.81; 95% CI, 0.70 to 0.94; P=.005).", (0.70, 0.94), "0.005"),
    ("Survival favoured the drug (HR = 0.81; 95% CI = 0.70\u20130.94; P = .005).", (0.70, 0.94), "0.005"),
    ("Survival favoured the drug (HR, 0.81 [95% CI, 0.70\u20130.94]; one-sided P < .005).", (0.70, 0.94), "<0.005"),
    ("Survival favoured the drug (hazard ratio 0.81, with a 95% confidence interval from 0.70 to 0.94).", (0.70, 0.94), None),
    ("Survival favoured the drug: hazard ratio 0.81 (0.70-0.94), P value of 0.005.", (0.70, 0.94), "0.005"),
])
def test_a_ratio_with_its_ci_and_p_in_every_usual_form(text, ci, p):
    f = _one(text)
    assert (f["measure"], f["value"], f["endpoint"]) == ("HR", 0.81, "overall survival")
    assert (f.get("ci_low"), f.get("ci_high"), f.get("p")) == (*ci, p)


def test_a_bracketed_range_that_does_not_hold_the_ratio_is_no_ci():
    assert "ci_low" not in _one("Overall survival was longer (hazard ratio 0.81 (12-18 months)).")


def test_a_ratio_written_twice_is_one_figure():
    f = _one("The hazard ratio for progression was 0.66 (HR = 0.66; 95% CI = 0.52-0.84; P < .001).")
    assert (f["value"], f["ci_high"], f["p"], f["endpoint"]) == (0.66, 0.84, "<0.001", "progression-free survival")


@pytest.mark.parametrize("text,value,name", [
    ("Those on the antibody had a 36% lower risk of death.", 0.64, "overall survival"),
    ("Adding the antibody cut the risk of the disease coming back by 28%.", 0.72, "disease-free survival"),
    ("The regimen gave a 40 percent reduction in the risk of progression.", 0.6, "progression-free survival"),
])
def test_a_relative_reduction_is_the_ratio_one_minus_it(text, value, name):
    f = _one(text)
    assert (f["measure"], f["value"], f["endpoint"]) == ("HR", value, name)
    assert "HR" not in [g["measure"] for g in effects(text.replace(".", " (HR 0.70).")) if g["value"] != 0.7]


@pytest.mark.parametrize("text,name", [
    ("Fewer patients given the drug had their tumour come back or died (HR 0.75).", "disease-free survival"),
    ("The drug held the disease in check for longer (HR 0.75).", "progression-free survival"),
    ("Those on the drug had a lower risk of their cancer getting worse (HR 0.75).", "progression-free survival"),
    ("People on the drug lived longer (HR 0.75).", "overall survival"),
    ("The overall-survival comparison favoured it (HR 0.75).", "overall survival"),
])
def test_endpoints_told_in_plain_words(text, name):
    assert _one(text)["endpoint"] == name


def test_medians_with_v_and_rates_of_two_groups():
    f = _one("Median progression-free survival was 5.2 v 4.4 months.")
    assert (f["measure"], f["value"], f["control_value"]) == ("median", 5.2, 4.4)
    f = _one("Objective responses occurred in 31.5% of the antibody group and 12.2% of the control group.")
    assert (f["measure"], f["value"], f["control_value"], f["endpoint"]) == ("rate", 31.5, 12.2, "objective response rate")


def test_several_rates_each_with_its_ci_and_rates_beside_thresholds():
    got = effects("Response rates were 38.0% (95% CI 29.1\u201347.5) in cohort A and 45.5% (95% CI: 30%, 61%) in cohort B.")
    assert [(f["value"], f["ci_low"], f["ci_high"]) for f in got] == [(38.0, 29.1, 47.5), (45.5, 30, 61)]
    f = _one("Among patients with PD-L1 expression of at least 50%, the response rate was 44% (95% CI 35-53).")
    assert (f["value"], f["ci_low"]) == (44, 35)
    assert _one("About one in four (24%) saw their tumours shrink.")["value"] == 24


@pytest.mark.parametrize("text,expected", [
    ("Eight hundred fifty-one patients were randomly assigned to the two groups.", (851, "randomised")),
    ("The main study involved 420 people with the disease.", (420, "enrolled")),
    ("In all, n = 310 patients underwent randomisation.", (310, "randomised")),
    ("The efficacy population comprised 96 patients.", (96, "enrolled")),
    ("The trial, which enrolled 1,140 adults, ran for four years.", (1140, "enrolled")),
    ("Of the 61 patients treated after chemotherapy, 18% responded.", (61, "evaluated")),
    ("It was given to 2,019 people.", None),
    ("The two arms together comprised 782 randomly assigned patients.", (782, "enrolled")),
    ("In Study 1108, 182 patients were evaluated for efficacy.", (182, "evaluated")),
    ("In the trial, 700 people whose cancer had not grown got either avelumab or care alone.", (700, "randomised")),
    ("In CheckMate 238 (n = 906), nivolumab was compared with ipilimumab.", (906, "enrolled")),
    ("KEYNOTE-204 pitted pembrolizumab against brentuximab vedotin in 304 adults.", (304, "enrolled")),
])
def test_numbers_of_patients(text, expected):
    assert enrolment(text) == expected


def test_no_endpoint_in_a_sentence_without_one():
    assert endpoint("The regimen did not beat chemotherapy alone.") is None


@pytest.mark.parametrize("text,value", [
    ("The risk of death was reduced by 22% with the antibody.", 0.78),
    ("With the antibody, the risk of progression was 35% lower.", 0.65),
])
def test_a_reduction_told_in_the_passive(text, value):
    assert (_one(text)["measure"], _one(text)["value"]) == ("HR", value)


def test_abbreviated_medians_ratios_named_twice_and_landmark_rates():
    got = effects("mPFS was 6.9 vs 4.2 months (hazard ratio (HR) 0.62; 95% CI, 0.50 to 0.77).")
    assert [(f["measure"], f["value"], f["endpoint"]) for f in got] == [
        ("median", 6.9, "progression-free survival"), ("HR", 0.62, "progression-free survival")]
    f = _one("The 3-year overall survival rate was 41% with the combination versus 30% with chemotherapy.")
    assert (f["measure"], f["value"], f["control_value"], f["endpoint"]) == ("rate", 41, 30, "overall survival")
    f = _one("Event-free survival at 24 months was 62.4% and 40.6%, respectively.")
    assert (f["value"], f["control_value"], f["endpoint"]) == (62.4, 40.6, "event-free survival")


@pytest.mark.parametrize("text,expected", [
    ("In all, 512 patients with untreated disease were randomly assigned.", (512, "randomised")),
    ("Of the 1,240 patients randomised, 620 received the antibody.", (1240, "randomised")),
    ("The trial, involving 377 adults, ran in 20 countries.", (377, "enrolled")),
])
def test_numbers_of_patients_with_a_description_between(text, expected):
    assert enrolment(text) == expected


def test_a_list_of_ratios_and_of_medians():
    got = effects("The hazard ratio for death was 0.55 (95% CI, 0.44 to 0.69) for A versus C and 0.66 (95% CI, "
                  "0.53 to 0.82) for B versus C.")
    assert [(f["value"], f["ci_low"], f["ci_high"]) for f in got] == [(0.55, 0.44, 0.69), (0.66, 0.53, 0.82)]
    f = _one("Median progression-free survival was 9.7 and 5.1 months, respectively.")
    assert (f["value"], f["control_value"]) == (9.7, 5.1)
    f = _one("Median overall survival was 40.2, 31.0 and 18.1 months in the three groups.")
    assert (f["value"], f.get("control_value")) == (40.2, None)


def test_a_rate_beside_a_ratio():
    got = effects("A complete response was seen in 31.0% and 8.5% of patients (odds ratio 4.9; 95% CI 2.1 to 11.4).")
    assert [(f["measure"], f["value"], f.get("control_value")) for f in got] == [("rate", 31.0, 8.5), ("OR", 4.9, None)]


def test_progression_told_in_plain_words():
    assert endpoint("people went a median of 11.7 months before their cancer grew") == "progression-free survival"
    assert endpoint("31% of people were still free of cancer growth") == "progression-free survival"


def test_a_threshold_is_no_median_and_each_arm_told_with_its_arm():
    got = effects("Median survival among patients with a CPS of 1 or more was 28.6 months with A versus 16.5 months with B.")
    assert [(f["measure"], f["value"], f.get("control_value")) for f in got] == [("median", 28.6, 16.5)]
    got = effects("Median overall survival was 17.2 months in the A group and 10.6 months in the placebo group.")
    assert [(f["value"], f.get("control_value")) for f in got] == [(17.2, 10.6)]
    # two endpoints joined by "and" are no two arms
    assert [f.get("control_value") for f in effects("Median PFS was 7 months with A and OS was 12 months.")] == [None]


def test_percent_in_words_and_a_landmark_after_some_months():
    f = _one("69 percent of them had an objective response (95% CI, 62%-75%).")
    assert (f["measure"], f["value"], f["ci_low"], f["ci_high"]) == ("rate", 69, 62, 75)
    f = _one("After 12 months, 31% of people on A were still free of cancer growth, compared with 12% on placebo.")
    assert (f["measure"], f["value"], f["control_value"], f["endpoint"]) == ("rate", 31, 12, "progression-free survival")


def test_so_many_in_every_hundred_is_a_rate():
    assert [(f["measure"], f["value"]) for f in effects("About 15 in every 100 people responded to the drug.")] == [("rate", 15)]


def test_medians_from_the_control_to_the_drug_and_an_endpoint_with_two_arms():
    got = effects("Disease-free survival roughly doubled, from 10.8 to 20.8 months in medians.")
    assert [(f["measure"], f["value"], f["control_value"], f["endpoint"]) for f in got] == [
        ("median", 20.8, 10.8, "disease-free survival")]
    got = effects("| EMPOWER-Lung 3 | OS 21.9 vs 13.0 months; HR 0.71 |")
    assert [(f["measure"], f["value"], f.get("control_value")) for f in got] == [("median", 21.9, 13.0), ("HR", 0.71, None)]


def test_a_trial_named_by_its_size_and_patients_of_a_hyphenated_kind():
    assert enrolment("In the 289-patient JUPITER-02 trial, adding toripalimab extended survival.") == (289, "enrolled")
    assert enrolment("NIAGARA enrolled 1,063 cisplatin-eligible patients.") == (1063, "enrolled")


def test_a_ci_in_square_brackets_a_longer_endpoint_name_and_a_restated_share():
    f = _one("Overall survival favoured A, a hazard ratio of 0.78 [0.66; 0.92].")
    assert (f["value"], f["ci_low"], f["ci_high"]) == (0.78, 0.66, 0.92)
    f = _one("Invasive disease-free survival was numerically worse with A (hazard ratio 1.11, 95% CI 0.87-1.42).")
    assert f["endpoint"] == "invasive disease-free survival"
    f = _one("Among 141 people, the cancer shrank in about 45 out of every 100 (45.4%).")
    assert (f["measure"], f["value"], f["endpoint"]) == ("rate", 45.4, "objective response rate")


def test_the_two_medians_told_after_a_ratio_are_each_arms():
    from kg.sources.text.figures import effects

    got = [(f["measure"], f["value"], f.get("control_value")) for f in
           effects("PFS HR 0.69 (0.57-0.84), medians 15.1 vs 11.1 mo.")]
    assert got == [("HR", 0.69, None), ("median", 15.1, 11.1)]
    got = [(f["measure"], f["value"], f.get("control_value")) for f in
           effects("The hazard ratio was 0.52 (95% CI 0.42-0.65), with medians of 16.8 and 5.6 months.")]
    assert got == [("HR", 0.52, None), ("median", 16.8, 5.6)]
    got = [(f["value"], f.get("control_value")) for f in effects("In the final analysis the medians were 21.4 months and 8.2 months.")]
    assert got == [(21.4, 8.2)]
    # a change told "from A to B months in medians" stays the control's A and the experimental arm's B
    got = [(f["value"], f.get("control_value")) for f in effects("Disease-free survival doubled, from 10.8 to 20.8 months in medians.")]
    assert got == [(20.8, 10.8)]


def test_endpoints_told_as_what_the_ratio_is_for():
    from kg.sources.text.figures import endpoint

    assert endpoint("a hazard ratio of 0.32 for recurrence or death compared with placebo") == "disease-free survival"
    assert endpoint("adding it to chemotherapy did delay progression (HR 0.75)") == "progression-free survival"


def test_a_long_sentence_names_the_ratios_endpoint_before_its_window_starts():
    from kg.sources.text.figures import effects

    t = ("In IMspire150 (NCT02908672), investigator-assessed median progression-free survival was 15.1 months with the "
         "atezolizumab triplet versus 10.6 months with placebo plus the two targeted drugs (HR 0.78; 95% CI 0.63-0.97).")
    assert [(f["measure"], f["endpoint"]) for f in effects(t)] == [("median", "progression-free survival"),
                                                                   ("HR", "progression-free survival")]


def test_more_ways_to_give_a_trials_size():
    from kg.sources.text.enrolment import enrolment

    assert enrolment("CASPIAN (NCT03043872):   987 randomised across three arms") == (987, "randomised")
    assert enrolment("ADRIATIC (NCT03703297):   730 patients, three arms") == (730, "enrolled")
    assert enrolment("The trial was AK105-202, a single-arm study in 125 patients.") == (125, "enrolled")
    assert enrolment("That one looked at 172 patients who had already had platinum chemo.")[0] == 172
    assert enrolment("It randomized 676 HLA-A*0201-positive, previously treated patients 3:1:1.") == (676, "randomised")
    # a note's count is no trial's size
    assert enrolment("Note: 25 patients had grade 3 events") is None


def test_two_arms_months_after_a_ratio_in_notes_are_medians():
    from kg.sources.text.figures import effects

    got = [(f["measure"], f["value"], f.get("control_value")) for f in effects("IMpower133 OS HR 0.70, 12.3 vs 10.3 mo.")]
    assert got == [("HR", 0.7, None), ("median", 12.3, 10.3)]
    assert effects("In 2019, 12 vs 10 months of follow-up were planned.") == []


def test_notes_write_patients_as_pts():
    from kg.sources.text.enrolment import enrolment

    assert enrolment("730 pts randomized across three arms.") == (730, "randomised")


@pytest.mark.parametrize("text, want", [
    # (twelfth round) a complete response rate after the response rate is a rate of its own, not the control arm's
    ("The ORR was 50%, with complete responses in 13%.", [(50, None, "objective response rate"), (13, None, "complete response rate")]),
    ("Single arm, n=104; ORR 59%, CR 14%", [(59, None, "objective response rate"), (14, None, "complete response rate")]),
    ("ORR 78% (95% CI 68-85); CR 11%", [(78, None, "objective response rate"), (11, None, "complete response rate")]),
    # two arms of one rate stay two arms
    ("CR rate: 37% vs 18%.", [(37, 18, "complete response rate")]),
    ("The response rate was 40% with the drug and 20% with chemotherapy.", [(40, 20, "objective response rate")]),
])
def test_a_complete_response_rate_after_a_response_rate(text, want):
    from kg.sources.text.figures import effects

    assert [(f["value"], f.get("control_value"), f["endpoint"]) for f in effects(text)] == want
