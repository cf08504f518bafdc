"""Trial results read by rule (kg/sources/text/results.py, figures.py, cues.py; sixth round of issue 15),
each rule on sentences written for this test, with a case it must leave alone."""
from __future__ import annotations

KN604, EV302, IMV130 = "CLINICALTRIALS:NCT03066778", "CLINICALTRIALS:NCT04223856", "CLINICALTRIALS:NCT02807636"


def _results(reader, text):
    return [(c.subject, c.values.get("endpoint"), c.values.get("measure"), c.values.get("value"), c.values.get("met"))
            for c in reader(text) if c.kind == "trial result"]


def test_a_clause_of_contrast_after_the_figure_says_it_missed(reader):
    got = _results(reader, "In KEYNOTE-604, OS: HR 0.80 (95% CI 0.64-0.98), p = 0.0164, but it missed the prespecified "
                           "significance boundary.")
    assert got == [(KN604, "overall survival", "HR", 0.8, False)]
    # a clause of contrast about something else leaves the figure's own reading
    got = _results(reader, "In KEYNOTE-604, OS: HR 0.80 (95% CI 0.64-0.98), p = 0.0164, but the PFS analysis did not "
                           "reach significance.")
    assert got[0] == (KN604, "overall survival", "HR", 0.8, True)


def test_the_hazard_of_death_is_overall_survival(reader):
    got = _results(reader, "In KEYNOTE-604 the regimen lowered the hazard of death versus chemotherapy (HR 0.80; 95% CI "
                           "0.64-0.98).")
    assert [g[1] for g in got] == ["overall survival"]


def test_each_trial_of_a_sentence_keeps_the_figures_after_it(reader):
    got = _results(reader, "KEYNOTE-604 did not show a significant survival benefit (HR 0.80; 95% CI 0.64-0.98; p = 0.0164), "
                           "and IMvigor130 was stopped with an overall survival HR of 1.02 (95% CI 0.83-1.24).")
    assert [(g[0], g[3]) for g in got] == [(KN604, 0.8), (IMV130, 1.02)]


def test_a_difference_of_rates_and_an_endpoint_said_met(reader):
    got = _results(reader, "KEYNOTE-604 reported a higher response rate, an absolute difference of 17% (95% CI 6-27).")
    assert [g[2:4] for g in got] == [("difference", 17)]
    got = _results(reader, "KEYNOTE-604 reported a response rate of 47% (95% CI 40-54).")
    assert [g[2:4] for g in got] == [("rate", 47)]
    got = _results(reader, "KEYNOTE-604. Primary endpoint met: median progression-free survival was 4.5 months with the "
                           "combination versus 4.3 months with chemotherapy.")
    assert [(g[2], g[4]) for g in got] == [("median", True)]


def test_a_trial_of_two_names_is_named_by_either(reader):
    got = _results(reader, "In EV-302 the overall-survival hazard ratio was 0.47 (95% CI 0.38-0.58).")
    assert [g[0] for g in got] == [EV302]


def test_two_trials_told_together_with_one_outcome(reader):
    got = _results(reader, "The first-line trials IMvigor130 and KEYNOTE-604 did not deliver the survival advantage hoped for.")
    assert sorted(g[0] for g in got) == sorted([IMV130, KN604]) and {g[4] for g in got} == {False}
    # a drug code after "and" is no trial
    got = _results(reader, "IMvigor130 tested atezolizumab and MK-3475 did not take part.")
    assert [g[0] for g in got if g[0] == KN604] == []


def test_arm_medians_with_their_arms_in_brackets(reader):
    got = _results(reader, "KEYNOTE-604 results. PFS, overall population, median: 4.5 months (pembrolizumab arm) vs "
                           "4.3 months (placebo arm).")
    assert [(g[2], g[3]) for g in got] == [("median", 4.5)]


def test_a_figure_in_a_population_its_biomarker_defines_is_a_subgroups(reader):
    [c] = [c for c in reader("In KEYNOTE-604, the same analysis gave an OS HR of 0.32 (95% CI 0.17-0.63) in dMMR/MSI-H "
                             "tumors.") if c.kind == "trial result"]
    assert c.values.get("subgroup")
    [c] = [c for c in reader("In KEYNOTE-604, the OS HR was 0.80 (95% CI 0.64-0.98).") if c.kind == "trial result"]
    assert not c.values.get("subgroup")
    # a trial's own population named by its biomarker is no subgroup
    [c] = [c for c in reader("In IMpassion131, atezolizumab with paclitaxel significantly improved progression-free "
                             "survival in PD-L1-positive triple-negative breast cancer.") if c.kind == "trial result"]
    assert not c.values.get("subgroup")


def test_a_boundary_not_crossed_is_not_met(reader):
    IMP010 = "CLINICALTRIALS:NCT02486718"
    got = _results(reader, "In IMpower010, in the full stage IB-IIIA population the significance boundary was not crossed "
                           "(HR 0.81, 95% CI 0.67-0.99).")
    assert [x[3:] for x in got if x[0] == IMP010] == [(0.81, False)]
    got = _results(reader, "In IMpower010, disease-free survival crossed the efficacy boundary (HR 0.66, 95% CI 0.50-0.88).")
    assert [x[3:] for x in got if x[0] == IMP010] == [(0.66, True)]


def test_a_bound_is_no_figure_and_a_figure_takes_the_endpoint_just_named(reader):
    assert all(x[3] != 0.5 for x in _results(reader, "In DUO-E, each analysis reported a hazard ratio under 0.5 in the "
                                                      "dMMR group (HR 0.42)."))
    text = ("RELATIVITY-047 met its primary endpoint: progression-free survival HR 0.75 (95% CI 0.62-0.92). Overall "
            "survival, a secondary endpoint, favoured the combination numerically. The corresponding hazard ratio, 0.80 "
            "(95% CI, 0.66 to 0.99), did not reach statistical significance.")
    got = [x for x in _results(reader, text) if x[3] == 0.8]
    assert got == [("CLINICALTRIALS:NCT03470922", "overall survival", "HR", 0.8, False)]


def test_a_figure_for_a_biomarker_group_is_a_subgroups_and_no_pooling_is_no_result(reader):
    got = [c.values for c in reader("In RUBY, for dMMR patients specifically, the OS hazard ratio was 0.32 (95% CI "
                                    "0.17-0.63).") if c.kind == "trial result"]
    assert got and got[0].get("subgroup")
    assert _results(reader, "In AEGEAN, the event-free survival HR was 0.68. Because populations, control arms and "
                            "endpoint definitions differ, we did not pool results.") == [
        ("CLINICALTRIALS:NCT03800134", "event-free survival", "HR", 0.68, None)]


def test_ratios_listed_each_with_its_trial_after_it(reader):
    got = _results(reader, "Among perioperative trials, event-free survival hazard ratios were similar, 0.58 in KEYNOTE-671 "
                           "and 0.68 in AEGEAN.")
    assert [g[:4] for g in got] == [("CLINICALTRIALS:NCT03425643", "event-free survival", "HR", 0.58),
                                    ("CLINICALTRIALS:NCT03800134", "event-free survival", "HR", 0.68)]
    # figures of groups that are not trials are no ratios of a trial
    assert _results(reader, "In KEYNOTE-671 the odds ratios were 1.2 for men and 0.9 for women.") == []


def test_a_comment_after_the_result_does_not_negate_it(reader):
    got = _results(reader, "In HIMALAYA a CTLA-4 antibody was added to PD-L1 blockade and improved survival over a kinase "
                           "inhibitor, which suggests that CTLA-4 engagement adds what PD-L1 blockade alone does not supply.")
    assert [(g[1], g[4]) for g in got] == [("overall survival", True)]
    got = _results(reader, "In KEYNOTE-604 the survival hazard ratio was 0.80, which did not reach significance.")
    assert [g[4] for g in got] == [False]
