"""Claims the audit once contradicted though the graph holds no opposite record: an enrolment against a record
whose count is an analysis's patients, dates told from the story, a label's organ word, another product's approval."""
from __future__ import annotations


def _verdicts(store, text):
    from kg.query.audit import audit_claims
    from kg.sources.text.claims import extract
    from kg.sources.text.entities import Matcher
    from kg.sources.text.facts import Facts

    claims = [c for c in extract(text, Matcher.from_store(store).find(text), Facts.from_store(store))
              if "n_patients" in c.values]
    return [(c.values["n_patients"], r["verdict"]) for c, r in zip(claims, audit_claims(store, claims))]


def test_more_enrolled_than_a_records_efficacy_populations_is_no_contradiction(store):
    """Study 1620's record counts 112 patients in its two efficacy populations; "enrolled 132" was audited
    contradicted (a false alarm). 112 is still consistent, and a smaller count than an enrolment still differs."""
    # (consistent: the phase and the blinding the sentence gives agree, the count is of another population)
    assert _verdicts(store, "Study 1620 (NCT03132636), an open-label phase 2 trial, enrolled 132 patients.") == [
        (132, "consistent")]
    assert _verdicts(store, "Study 1620 (NCT03132636) enrolled 112 patients.") == [(112, "consistent")]


def test_the_patients_a_trial_evaluated_are_no_enrolment_to_contradict(store):
    """A heldout13 false alarm: "65 patients who had not had prior systemic therapy ... were evaluated" in
    POD1UM-201 was read as its enrolment and audited contradicted; the patients evaluated are an analysis's,
    who may be fewer than the trial enrolled."""
    said = _verdicts(store, "In the single-arm POD1UM-201 study, 65 patients who had not had prior systemic "
                            "therapy for advanced disease were evaluated, and 52% had their tumors shrink.")
    assert said and all(n == 65 and v != "contradicted" for n, v in said)


def _audited(store, text, kind):
    from kg.query.audit import audit_claims
    from kg.sources.text.claims import extract
    from kg.sources.text.entities import Matcher
    from kg.sources.text.facts import Facts

    claims = [c for c in extract(text, Matcher.from_store(store).find(text), Facts.from_store(store)) if c.kind == kind]
    return [(c.subject, c.values.get("date") or c.values.get("announced"), r["verdict"])
            for c, r in zip(claims, audit_claims(store, claims))]


def test_a_date_told_from_the_story_contradicts_nothing(store):
    """heldout12 false alarms: "the following January, the agency extended it ..." (the regimen's partner ipilimumab,
    approved in melanoma in 2011 by the record) was audited contradicted once the reader dated it from the story; a
    date the written-out one follows ("the following March (March 27, 2020)") is the written one."""
    said = _audited(store, "The FDA gave the two-drug regimen of nivolumab and ipilimumab accelerated approval for "
                           "melanoma on October 1, 2015; the following January, the agency extended ipilimumab's use.",
                    "approval")
    assert said and all(v != "contradicted" for *_, v in said)
    said = _audited(store, "Durvalumab with etoposide in ES-SCLC: the FDA approved the regimen the following March "
                           "(March 27, 2020).", "approval")
    assert said == [("DRUGBANK:DB11714", "2020-03-27", "consistent")]


def test_a_label_naming_its_organ_and_another_products_approval(store):
    """heldout12 false alarms: an order-set label ending in its organ ("... cisplatin-ineligible urothelial") took the
    previous item's disease; "FDA-approved 9/12/2024 for the adult indications of IV atezolizumab" (a subcutaneous
    product) was read as atezolizumab's own approval and contradicted."""
    text = ('a) RETIRE "Atezolizumab + nab-paclitaxel, PD-L1+ mTNBC" - Genentech withdrew the TNBC approval '
            '(announced 8/27/2021).\nb) RETIRE "Atezolizumab monotherapy, 1L cisplatin-ineligible urothelial" - '
            'Genentech gave up this indication in late November 2022.')
    assert [v for *_, v in _audited(store, text, "withdrawal")] == ["consistent", "consistent"]
    assert _audited(store, "- FDA-approved 9/12/2024 for the adult indications of IV atezolizumab.", "approval") == []


def test_the_patients_a_figure_is_of_contradict_no_enrolment_above_or_below(store):
    """heldout14 false alarm: "in which 14.3% of 154 sorafenib-treated patients responded" against CheckMate 040's
    record of 148 (a count of another analysis) was contradicted."""
    said = _verdicts(store, "Accelerated approval: 22 September 2017, based on CheckMate 040, in which 14.3% of 154 "
                            "sorafenib-treated patients responded.")
    assert said and all(n == 154 and v != "contradicted" for n, v in said)
