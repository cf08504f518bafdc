"""The scorer's rules (kg/sources/text/gold.py): what counts as the same claim written another
way, and that a different fact never does."""
from __future__ import annotations

from kg.sources.text.gold import matches, never_named, score_article


def _names(ident):
    return {"DRUGBANK:X": {"Zynlimab"}}.get(ident, set()) | ({ident} if ident else set())


def _result(subject="KG:trial-orion-7", **values):
    return {"kind": "trial result", "subject": subject, "object": None, "sentence": "s",
            "values": {"endpoint": "overall survival", "measure": "HR", "value": 0.7, **values}}


def test_a_new_records_id_names_it_by_its_slug():
    claim = {"kind": "approval", "subject": "KG:drug-velarimab", "object": None, "values": {}}
    assert matches(claim, {"kind": "approval", "drug": "velarimab"}, _names)
    assert not matches(claim, {"kind": "approval", "drug": "zelvomab"}, _names)


def test_a_combination_is_the_set_of_its_drugs():
    claim = {"kind": "approval", "subject": "KG:drug-nivolumab-and-relatlimab", "object": None, "values": {}}
    for name in ("nivolumab-relatlimab", "relatlimab plus nivolumab", "nivolumab/relatlimab"):
        assert matches(claim, {"kind": "approval", "drug": name}, _names), name
    assert not matches(claim, {"kind": "approval", "drug": "nivolumab"}, _names)


def test_p_values_as_comparator_and_number():
    gold = {"kind": "result", "trial": "ORION-7", "measure": "HR", "value": 0.7}
    assert matches(_result(p="<0.001"), {**gold, "p": "<.001"}, _names)
    assert matches(_result(p="0.0035"), {**gold, "p": 0.0035}, _names)
    assert not matches(_result(p="0.001"), {**gold, "p": "<0.001"}, _names)
    assert not matches(_result(p="<0.01"), {**gold, "p": "<0.001"}, _names)


def test_disease_free_and_recurrence_free_survival_are_one_endpoint_and_others_are_not():
    gold = {"kind": "result", "trial": "ORION-7", "endpoint": "recurrence-free survival", "measure": "HR", "value": 0.7}
    assert matches(_result(endpoint="disease-free survival"), gold, _names)
    assert not matches(_result(endpoint="progression-free survival"), gold, _names)
    assert not matches(_result(endpoint="disease-free survival", value=0.71), gold, _names)


def test_an_unnamed_trial_stands_for_one_the_article_never_names():
    text = "In a separate study of 80 people, the drug worked."
    gold = {"kind": "result", "trial": "POLARIS-9", "measure": "HR", "value": 0.7, "sentence": text}
    assert never_named(gold, text) and not never_named(gold, text + " POLARIS-9 was small.")
    claim = _result("KG:trial-unnamed-1")
    assert matches(claim, gold, _names, unnamed=True) and not matches(claim, gold, _names, unnamed=False)
    assert not matches(_result("KG:trial-unnamed-1", value=0.8), gold, _names, unnamed=True)
    scored = score_article([{**claim, "sentence": text}], None, {"claims": [gold]}, _names, text)
    assert scored["kinds"]["result"]["tp"] == 1
    # where the article names the trial, the claim must name it too
    scored = score_article([{**claim, "sentence": text}], None, {"claims": [gold]}, _names, text + " POLARIS-9.")
    assert scored["kinds"]["result"]["tp"] == 0


def test_endpoints_written_short_or_spelt_otherwise_are_one():
    gold = {"kind": "result", "trial": "ORION-7", "measure": "HR", "value": 0.7}
    assert matches(_result(endpoint="progression-free survival"), {**gold, "endpoint": "PFS"}, _names)
    assert matches(_result(endpoint="pathological complete response", measure="rate", value=30),
                   {**gold, "endpoint": "pathologic complete response", "measure": "pCR", "value": 30}, _names)
    assert not matches(_result(endpoint="overall survival"), {**gold, "endpoint": "PFS"}, _names)


def test_gold_sentences_copied_with_markup_and_partner_mechanisms_are_not_scored():
    from kg.sources.text.gold import score_article

    gold = {"claims": [
        {"kind": "mechanism", "drug": "zelvomab", "target": "PD-1", "action": "binds", "verdict": "consistent",
         "sentence": "**Mechanism:** zelvomab binds <b>PD-1</b>."},
        {"kind": "mechanism", "drug": "zelvomab", "target": "PD-L1", "action": "blocks interaction with",
         "verdict": "consistent", "sentence": "**Mechanism:** zelvomab binds <b>PD-1</b>."}]}
    claim = {"kind": "mechanism", "subject": "KG:drug-zelvomab", "object": "HGNC:8760", "values": {"action": "binds"},
             "sentence": "Mechanism: zelvomab binds PD-1."}
    out = score_article([claim], ["consistent"], gold, lambda i: {"PD-1"} if i == "HGNC:8760" else set())
    assert out["kinds"]["mechanism"] == {"tp": 1, "found": 1, "expected": 1}


def test_a_gold_indication_written_a_or_b_names_either():
    from kg.sources.text.gold import matches

    claim = {"kind": "approval", "subject": "D", "object": "MONDO:0005036", "values": {}}
    names = {"D": {"zelvomab"}, "MONDO:0005036": {"gastric adenocarcinoma"}}.get
    assert matches(claim, {"kind": "approval", "drug": "zelvomab",
                           "indication": "gastric or gastroesophageal junction adenocarcinoma (first line)"},
                   lambda i: names(i) or set())


def test_a_gold_measure_without_its_value_names_no_figure():
    from kg.sources.text.gold import matches
    claim = {"kind": "trial result", "subject": "NCT1", "values": {"endpoint": "overall survival", "met": False}}
    gold = {"kind": "result", "trial": "NCT1", "endpoint": "overall survival", "measure": "HR", "met": False}
    assert matches(claim, gold, lambda ident: {ident} if ident else set())
    assert not matches(claim, {**gold, "value": 0.8}, lambda ident: {ident} if ident else set())


def test_a_contradicted_claim_of_two_figures_is_one_false_alarm():
    from kg.sources.text.gold import score_article
    s = "Median OS was 22.0 vs 10.7 months in NCT1."
    claim = {"kind": "trial result", "subject": "NCT1", "sentence": s,
             "values": {"endpoint": "overall survival", "measure": "median", "value": 22.0, "control_value": 10.7}}
    names = lambda ident: {ident} if ident else set()  # noqa: E731
    gold = {"claims": [{"kind": "result", "trial": "NCT1", "endpoint": "overall survival", "measure": "median",
                        "value": 22.0, "sentence": s, "verdict": "consistent"}]}
    out = score_article([claim], ["contradicted"], gold, names)
    assert len(out["false_alarms"]) == 1 and out["audited"] == 1
    # a claim whose figure the gold says is wrong is no false alarm, whatever its other figure
    out = score_article([claim], ["contradicted"], {"claims": [{**gold["claims"][0], "verdict": "contradicted"}]}, names)
    assert out["false_alarms"] == []


def test_a_trial_given_two_names_is_named_by_either():
    gold = {"kind": "result", "trial": "EV-302/KEYNOTE-A39", "measure": "HR", "value": 0.7}
    assert matches(_result("KG:trial-ev-302"), gold, _names)
    assert matches(_result("KG:trial-keynote-a39"), gold, _names)
    assert not matches(_result("KG:trial-ev-301"), gold, _names)


def test_a_combinations_mechanism_is_its_components():
    claim = {"kind": "mechanism", "subject": "KG:drug-relatlimab", "object": "HGNC:6476", "values": {"action": "binds"}}
    names = lambda i: {"KG:drug-relatlimab": {"relatlimab"}, "HGNC:6476": {"LAG-3"}}.get(i, set())  # noqa: E731
    assert matches(claim, {"kind": "mechanism", "drug": "nivolumab-relatlimab", "target": "LAG-3"}, names)
    assert not matches(claim, {"kind": "mechanism", "drug": "nivolumab-ipilimumab", "target": "LAG-3"}, names)


def test_a_gold_indication_with_a_word_in_brackets_names_the_disease():
    from kg.sources.text.gold import described
    assert described({"urothelial carcinoma"}, "previously treated advanced urothelial (bladder) carcinoma")


def test_a_regimen_in_the_gold_is_named_by_a_claim_of_any_of_its_drugs_but_a_product_is_not():
    nivo = {"kind": "approval", "subject": "KG:drug-nivolumab", "object": None, "values": {}}
    for name in ("nivolumab + ipilimumab", "ipilimumab plus nivolumab", "nivolumab with ipilimumab"):
        assert matches(nivo, {"kind": "approval", "drug": name}, _names), name
    assert not matches(nivo, {"kind": "approval", "drug": "nivolumab-relatlimab"}, _names)
    assert not matches(nivo, {"kind": "approval", "drug": "pembrolizumab + axitinib"}, _names)


def test_a_target_new_to_the_graph_is_named_by_its_minted_id():
    from kg.sources.text.gold import matches

    claim = {"kind": "mechanism", "subject": "KG:drug-duvelisib", "object": "KG:target-pi3k-delta", "values": {}}
    gold = {"kind": "mechanism", "drug": "duvelisib", "target": "PI3K-delta", "action": "blocks"}
    assert matches(claim, gold, lambda ident: set())
    assert not matches({**claim, "object": "KG:target-pi3k-gamma"}, gold, lambda ident: set())


def test_a_complete_remission_is_a_complete_response():
    # (twelfth round: "CR" in leukaemia reports is a complete remission; the reader reads "CR rate" as a response rate)
    from kg.sources.text.gold import endpoint_key

    assert endpoint_key("complete remission rate") == endpoint_key("complete response rate") == "complete response rate"
    assert endpoint_key("pathological complete response") != endpoint_key("complete response rate")
