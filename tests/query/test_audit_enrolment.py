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
