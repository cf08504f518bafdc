"""Forms met in the development sets in the eleventh round (each sentence here is written for the test): a
conjugate's or a cell therapy's two-word INN as one name; a regimen partner written by an abbreviation the article
defined ("EV plus pembrolizumab"); a table's state column with the date column after it ("| Converted to regular
approval | Jul 9, 2021 |"); two arms' figures in one cell ("| 4.8 vs 1.7 |"); and two arms' medians taking the
verdict of their comparison's hazard ratio."""
from __future__ import annotations

import pytest

EV, PEMBROLIZUMAB = "DRUGBANK:DB13007", "DRUGBANK:DB09037"


@pytest.fixture(scope="module")
def read(store):
    from kg.sources.text.claims import extract
    from kg.sources.text.entities import Matcher
    from kg.sources.text.facts import Facts

    m, f = Matcher.from_store(store), Facts.from_store(store)

    def claims(text, kind=None):
        return [(c.kind, c.subject, c.values) for c in extract(text, m.find(text), f) if kind in (None, c.kind)]
    return claims


@pytest.fixture(scope="module")
def drugs(store):
    from kg.sources.text.entities import Matcher

    m = Matcher.from_store(store)
    return lambda text: [(x.id, x.text) for x in m.find(text) if x.type == "Drug"]


def test_a_conjugate_and_a_cell_therapy_are_one_name_each(drugs):
    assert drugs("Tisotumab vedotin-tftv and loncastuximab tesirine are conjugates.") == [
        ("KG:drug-tisotumab-vedotin", "Tisotumab vedotin-tftv"), ("KG:drug-loncastuximab-tesirine", "loncastuximab tesirine")]
    assert drugs("Idecabtagene vicleucel came before ciltacabtagene autoleucel.") == [
        ("KG:drug-idecabtagene-vicleucel", "Idecabtagene vicleucel"),
        ("KG:drug-ciltacabtagene-autoleucel", "ciltacabtagene autoleucel")]
    # (a payload word alone is no drug, and an ordinary word before a payload joins nothing)
    assert drugs("The vedotin payload of the gene therapy was discussed.") == []


def test_a_conjugates_approval_names_it_whole(read):
    got = read("Tisotumab vedotin received accelerated approval on 9/20/21 for recurrent or metastatic cervical cancer.",
               "approval")
    assert [(s, v["date"], v["approval_type"]) for _, s, v in got] == [
        ("KG:drug-tisotumab-vedotin", "2021-09-20", "accelerated")]


def test_a_partner_written_by_its_defined_abbreviation_keeps_its_own_approval(read):
    got = read("Enfortumab vedotin (EV) is a conjugate. The FDA approved EV plus pembrolizumab for locally advanced "
               "or metastatic urothelial cancer on December 15, 2023.", "approval")
    assert sorted((s, v["date"]) for _, s, v in got) == [(PEMBROLIZUMAB, "2023-12-15"), (EV, "2023-12-15")]


TABLE = """Accelerated approvals and what became of them

| Product (indication) | AA granted | End state | End-state date |
|---|---|---|---|
| Padcev, enfortumab vedotin (previously treated urothelial cancer) | Dec 18, 2019 | Converted to regular approval | Jul 9, 2021 |
| Keytruda, pembrolizumab (3L PD-L1+ gastric cancer) | Sep 22, 2017 | Voluntarily withdrawn (announced) | Jul 1, 2021 |
| Tivdak, tisotumab vedotin (cervical cancer) | Sep 20, 2021 | Still accelerated | - |
"""


def test_a_state_column_takes_the_date_column_after_it(read):
    got = [(k, s, v.get("date"), v.get("approval_type"), v.get("announced"), v.get("status")) for k, s, v in read(TABLE)]
    assert ("approval", EV, "2019-12-18", "accelerated", None, "approved") in got
    assert ("approval", EV, "2021-07-09", "conversion", None, "approved") in got
    assert ("withdrawal", PEMBROLIZUMAB, None, None, "2021-07-01", "withdrawn") in got
    # (the approval's own date is not the end state's; a state without a date gives no second event)
    assert ("approval", PEMBROLIZUMAB, "2017-09-22", "accelerated", None, "withdrawn") in got
    assert [x for x in got if x[1] == "KG:drug-tisotumab-vedotin"] == [
        ("approval", "KG:drug-tisotumab-vedotin", "2021-09-20", "accelerated", None, "approved")]


def test_two_arms_in_one_cell_and_medians_take_the_ratios_verdict(read):
    table = ("| Trial | Arms | mPFS, mo | PFS HR (95% CI) |\n|---|---|---|---|\n"
             "| ASCENT | SG vs TPC | 4.8 vs 1.7 | 0.41 (0.33-0.52) |\n| DESTINY-Breast03 | T-DXd vs T-DM1 | NR v 6.8 | 0.28 |\n")
    got = [(v["measure"], v["value"], v.get("control_value")) for _, _, v in read(table, "trial result")]
    assert got == [("median", 4.8, 1.7), ("HR", 0.41, None), ("median", "not reached", 6.8), ("HR", 0.28, None)]
    prose = "In CheckMate 459, median OS was 16.4 months versus 14.7 months (HR 0.85; 95% CI 0.72-1.02; P = .075)."
    got = [(v["measure"], v["value"], v.get("control_value"), v["met"]) for _, _, v in read(prose, "trial result")]
    assert got == [("median", 16.4, 14.7, False), ("HR", 0.85, None, False)]
    # (a median without its control's figure is one arm's, no comparison's)
    one = "In CheckMate 459, median OS was 16.4 months with nivolumab (HR 0.85; 95% CI 0.72-1.02; P = .075)."
    assert [v.get("met") for _, _, v in read(one, "trial result") if v["measure"] == "median"] == [None]


def test_trial_names_of_two_capitals_and_a_family_written_short(read):
    got = read("EV-301 (phase 3, n=608) confirmed benefit: HR 0.70; 95% CI 0.56-0.89; P=0.001.", "trial result")
    assert [(s, v["value"]) for _, s, v in got] == [("KG:trial-ev-301", 0.7)]
    got = read("Osimertinib in FLAURA helped. For ADAURA (682 patients randomised), the disease-free survival hazard ratio "
               "was 0.17 (99.06% CI 0.11-0.26).", "trial result")
    assert [s for _, s, _ in got] == ["KG:trial-adaura"]
    # ("CM-451" in notes is CheckMate-451; a tumour marker, "CA-125", is no trial)
    got = read("confirmatory CM-451 (maint) + CM-331 (2L vs chemo) both missed OS", "trial result")
    assert {s for _, s, _ in got} == {"KG:trial-checkmate-451", "KG:trial-checkmate-331"}
    assert not [c for c in read("CA-125 fell by 50% in 30% of patients (HR 0.5).") if c[1].startswith("KG:trial-ca")]


def test_more_drug_stems_and_disease_short_forms(drugs, read):
    got = {t for _, t in drugs("romidepsin, belinostat, vorinostat, elacestrant, cladribine, degarelix, relugolix, "
                               "aldesleukin and pralatrexate; not testosterone, interleukin or tubulin")}
    assert got == {"romidepsin", "belinostat", "vorinostat", "elacestrant", "cladribine", "degarelix", "relugolix",
                   "aldesleukin", "pralatrexate"}
    got = read("Romidepsin was first approved in November 2009 for CTCL. Enzalutamide was approved for mHSPC on "
               "12/16/2019.", "approval")
    assert [(s, v["indication"], v["date"]) for _, s, v in got] == [
        ("KG:drug-romidepsin", "cutaneous T-cell lymphoma", "2009-11"),
        ("KG:drug-enzalutamide", "metastatic hormone-sensitive prostate cancer", "2019-12-16")]


def test_an_approval_noun_with_its_date_in_brackets(read):
    got = read("Zanubrutinib for FL. Accelerated approval (early March 2024) for R/R FL after two or more lines.", "approval")
    assert [(s, v["date"], v["approval_type"]) for _, s, v in got] == [("KG:drug-zanubrutinib", "2024-03", "accelerated")]
    # (a planned one is none)
    assert read("Zanubrutinib for FL: an accelerated approval (expected March 2027) may follow.", "approval") == []


@pytest.mark.parametrize("written", ["fallopian tube cancer", "ALCL", "Ph+ ALL", "ccRCC", "iCCA", "osteosarcoma", "BPDCN",
                                     "plexiform neurofibromas", "CTCL", "nmCRPC", "PDAC", "B-ALL", "WM", "MBC"])
def test_more_diseases_by_their_common_short_forms(store, written):
    from kg.sources.text.entities import Matcher

    m = Matcher.from_store(store)
    assert [x.text for x in m.find(f"It was approved for {written} in 2020.") if x.type == "Indication"] == [written]


def test_clinicians_short_names_of_cell_therapies_and_targeted_drugs(drugs):
    assert drugs("axi-cel vs tisa-cel; pola-R-CHP; ibru then zanu; Lu-PSMA-617 and enza") == [
        ("KG:drug-axicabtagene-ciloleucel", "axi-cel"), ("KG:drug-tisagenlecleucel", "tisa-cel"),
        ("KG:drug-polatuzumab-vedotin", "pola"), ("KG:drug-ibrutinib", "ibru"), ("KG:drug-zanubrutinib", "zanu"),
        ("KG:drug-lutetium-lu-177-vipivotide-tetraxetan", "Lu-PSMA-617"), ("KG:drug-enzalutamide", "enza")]
