"""An enrolment claim against a trial record whose count is an analysis's patients, not the whole enrolment."""
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
