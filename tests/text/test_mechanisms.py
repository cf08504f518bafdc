"""Mechanism claims read by rule (kg/sources/text/mechanisms.py): ligands kept from a receptor, a
pair the drug parts, and a quiz's options."""
from __future__ import annotations

TREME, AVEL, ATEZO = "DRUGBANK:DB11771", "DRUGBANK:DB11945", "DRUGBANK:DB11595"
CTLA4, CD80, PD1, PDL1 = "HGNC:2505", "HGNC:1700", "HGNC:8760", "HGNC:17635"


def _mechanisms(reader, text):
    return sorted((c.subject, c.predicate, c.object) for c in reader(text) if c.kind == "mechanism")


def test_ligands_kept_from_their_receptor_name_the_drugs_target(reader):
    assert _mechanisms(reader, "Imjudo blocks CD80 and CD86 from engaging CTLA-4.") == [
        (TREME, "binds", CTLA4), (TREME, "blocks interaction with", CD80)]
    # a receptor kept from its partner is the drug's target, the partner none
    assert _mechanisms(reader, "Atezolizumab blocks PD-L1 from binding PD-1.") == [(ATEZO, "binds", PDL1)]


def test_a_pair_the_drug_parts_is_no_target(reader):
    assert _mechanisms(reader, "Avelumab is an antibody that attaches to PD-L1 and blocks the PD-1/PD-L1 "
                               "interaction.") == [(AVEL, "binds", PDL1)]


def test_a_quizs_options_are_no_claims_its_answer_is(reader):
    text = ("Question 2. Which statement about atezolizumab is correct?\n  A. It binds PD-1 on T cells.\n"
            "  B. It binds PD-L1.\nAnswer: B. Atezolizumab binds PD-L1.")
    assert _mechanisms(reader, text) == [(ATEZO, "binds", PDL1)]
    # a lettered list with no question before it is read
    assert _mechanisms(reader, "Key points.\n\nA. Atezolizumab binds PD-L1.") == [(ATEZO, "binds", PDL1)]


def test_a_tables_target_column(reader):
    text = ("| Product | Target / Fc note | First US approval |\n| --- | --- | --- |\n"
            "| Tecentriq (atezolizumab) | PD-L1; also blocks PD-L1 binding to B7.1 | 18 May 2016 |\n")
    assert _mechanisms(reader, text) == [(ATEZO, "binds", PDL1)]
    # a target named in another column is not one the drug binds
    text = "| Product | Note |\n| --- | --- |\n| Tecentriq (atezolizumab) | studied after PD-1 blockade |\n"
    assert _mechanisms(reader, text) == []


def test_lines_of_notes_without_an_end_mark_are_read_and_an_arrow_leads_to_effects(reader):
    NIVO, RELA, LAG3 = "DRUGBANK:DB09035", "DRUGBANK:DB14851", "HGNC:6476"
    assert _mechanisms(reader, "nivolumab (Opdivo, BMS): human IgG4 mAb, binds PD-1, same logic as pembro") == [
        (NIVO, "binds", PD1)]
    assert _mechanisms(reader, "relatlimab: binds LAG-3 -> blocks its ligands incl. MHC class II") == [
        (RELA, "binds", LAG3)]
    # what follows the arrow is the binding's effect: atezolizumab does not bind PD-1
    assert _mechanisms(reader, "atezolizumab (Tecentriq, Genentech): binds PD-L1 -> blocks PD-1 AND B7.1 (CD80)") == [
        (ATEZO, "binds", PDL1)]
    # a title with a colon and no verb of action stays a title
    assert _mechanisms(reader, "Ten years of nivolumab: how one PD-1 antibody kept rewriting its own label") == []


def test_a_ligand_kept_from_the_receptor_the_drug_is_against(reader):
    PEN, PDL2 = "KG:drug-penpulimab", "HGNC:18731"
    got = _mechanisms(reader, "Penpulimab is an antibody against PD-1 that blocks PD-L1 and PD-L2 from engaging PD-1.")
    assert got == [(PEN, "binds", PD1), (PEN, "blocks interaction with", PDL1), (PEN, "blocks interaction with", PDL2)]


def test_a_partner_named_after_a_kind_of_inhibitor_is_not_its_drug(reader):
    text = "Patients should be offered a PD-1 or PD-L1 inhibitor in combination with carboplatin and paclitaxel."
    assert [c for c in reader(text) if c.kind == "mechanism"] == []
    got = [(c.subject, c.object) for c in reader("PD-1 blockade with cemiplimab prolonged survival.") if c.kind == "mechanism"]
    assert got == [("DRUGBANK:DB14707", "HGNC:8760")]
