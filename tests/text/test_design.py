"""Trial design read by rule (kg/sources/text/design.py, enrolment.py): each trial's own number of
patients when a sentence gives several."""
from __future__ import annotations

IMP130, IMP131, KN522, IMP031 = ("CLINICALTRIALS:NCT02425891", "CLINICALTRIALS:NCT03125902", "CLINICALTRIALS:NCT03036488",
                                 "CLINICALTRIALS:NCT03197935")


def _sizes(reader, text):
    return {c.subject: c.values.get("n_patients") for c in reader(text)
            if c.kind == "trial design" and c.values.get("n_patients") is not None}


def test_each_trial_of_a_sentence_has_its_own_number(reader):
    got = _sizes(reader, "In the metastatic setting, IMpassion130 (NCT02425891) randomised 902 patients and IMpassion131 "
                         "(NCT03125902) randomised 651.")
    assert got == {IMP130: 902, IMP131: 651}
    got = _sizes(reader, "In early disease, KEYNOTE-522 randomised 1,174 patients, IMpassion031 333 and IMpassion131 651.")
    assert got == {KN522: 1174, IMP031: 333, IMP131: 651}


def test_one_number_for_two_trials_is_not_split(reader):
    # a pooled count, and a year after a trial's name, give no trial its own number
    got = _sizes(reader, "IMpassion130 and IMpassion131 together enrolled 1,553 patients.")
    assert IMP131 not in got
    got = _sizes(reader, "IMpassion130 randomised 902 patients and IMpassion131, reported in 2020, followed.")
    assert got.get(IMP130) == 902 and IMP131 not in got


def test_patients_compared_in_and_randomly_put_into_groups(reader):
    from kg.sources.text.enrolment import enrolment
    assert enrolment("X-1 compared avelumab plus axitinib with sunitinib in 886 previously untreated patients.") == (
        886, "enrolled")
    assert enrolment("In total, 289 adults were randomly put into one of two groups.") == (289, "randomised")
    assert enrolment("In total, 289 adults were put on a waiting list.") is None
