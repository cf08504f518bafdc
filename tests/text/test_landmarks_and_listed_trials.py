"""Two arms' landmark rates before their ratio ("Five-year iDFS 84.2% vs 82.4% (HR 0.88)"), a complete-response
rate written "CR rate", and trial names read from the company they keep: a name listed with a trial ("MURANO,
CLL14 and VIALE-A"), five capitals and a number ("MONARCH 1"), a sponsor's code of three parts ("ACE-LY-004").
Each sentence here is written for the test."""
from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def read(store):
    from kg.sources.text.claims import extract
    from kg.sources.text.entities import Matcher
    from kg.sources.text.facts import Facts

    m, f = Matcher.from_store(store), Facts.from_store(store)

    def results(text):
        return [(c.subject, c.values.get("measure"), c.values.get("value"), c.values.get("control_value"),
                 c.values.get("endpoint")) for c in extract(text, m.find(text), f) if c.kind == "trial result"]
    return results


@pytest.mark.parametrize("text, rates", [
    ("In ORION-7, five-year invasive disease-free survival was 84.2% with A vs 82.4% without (HR 0.88; P=0.0614).",
     [(84.2, 82.4, "invasive disease-free survival")]),
    ("In ORION-7, overall survival at five years was 92.6% versus 93.2% (HR 1.09; 95% CI, 0.89-1.33).",
     [(92.6, 93.2, "overall survival")]),
    ("ORION-7: 3-yr iDFS 90.7% vs 87.6%", [(90.7, 87.6, "invasive disease-free survival")]),
    ("In ORION-7, at one year, 33.1% of patients on A were alive without progression, compared with 12.3% on B.",
     [(33.1, 12.3, "progression-free survival")]),
    ("ORION-7: CR rate: 37% vs 18%.", [(37, 18, "complete response rate")]),
])
def test_two_arms_landmark_rates_before_a_ratio_and_a_cr_rate(read, text, rates):
    got = [(v, c, e) for _, m, v, c, e in read(text) if m == "rate"]
    assert got == rates


def test_a_ratios_percentages_are_not_rates(read):
    # (a CI's level and a reduction told with the ratio are no arm's rate)
    got = read("In ORION-7, the hazard ratio was 0.70 (95% CI 0.56-0.89), a 30% reduction in the risk of death.")
    assert [m for _, m, *_ in got] == ["HR"]


def test_a_name_listed_with_a_trial_is_a_trial(read):
    text = ("CLL14 enrolled 432 patients. Quote MURANO, CLL14 and VIALE-A fairly.\n\n"
            "VIALE-A (AML, unfit for intensive chemo): OS HR 0.66 (95% CI 0.52-0.85), p<0.001.")
    assert [(s, m, v) for s, m, v, _, _ in read(text)] == [("KG:trial-viale-a", "HR", 0.66)]
    # (an endpoint's letters after a trial are no trial: "In KEYNOTE-604, OS: HR 0.80")
    assert "KG:trial-os" not in {s for s, *_ in read("In KEYNOTE-604, OS: HR 0.80 (95% CI 0.64-0.98), p = 0.0164.")}


@pytest.mark.parametrize("text, trial", [
    ("The single-arm study behind that, MONARCH 1, treated 132 women, and the objective response rate was 19.7%.",
     "KG:trial-monarch-1"),
    ("That approval rested on ACE-LY-004, a single-arm study of 124 patients, and 81% of them responded.",
     "KG:trial-ace-ly-004"),
])
def test_five_capitals_and_a_number_and_a_code_of_three_parts(read, text, trial):
    assert {s for s, *_ in read(text)} == {trial}


def test_a_spoken_p_value(read):
    got = read("In ORION-7 the hazard ratio was 0.62, 95 percent confidence interval 0.47 to 0.82, P less than 0.001.")
    assert [(m, v) for _, m, v, _, _ in got] == [("HR", 0.62)]
    from kg.sources.text.figures import effects
    assert [f.get("p") for f in effects("hazard ratio 0.62, 95 percent confidence interval 0.47 to 0.82, P less than 0.001")] \
        == ["<0.001"]


def test_a_median_told_as_the_time_half_of_the_patients_were_alive(read):
    got = read("In ORION-7, half of the people on A were still alive after 14.0 months, compared with 11.7 months on B.")
    assert [(m, v, c, e) for _, m, v, c, e in got] == [("median", 14.0, 11.7, "overall survival")]
    # (half of the patients responding is a rate's word, no median)
    got = read("In ORION-7, half of the patients responded (50%).")
    assert [m for _, m, *_ in got] != ["median"]
