"""The OncoTree table: made from the shared OncoTree and Mondo files, hand placements checked,
relations between diseases."""
from __future__ import annotations

import csv

from kg.schema import oncotree
from tests.conftest import DATA, shared


def test_the_table_is_what_the_shared_files_give():
    rows = oncotree.table_rows(shared("data", "oncotree", "oncotree_2025_10_03.json"),
                               shared("data", "mondo", "mondo_hasdbxref_oncotree.sssom.tsv"))
    with open(oncotree.TABLE, encoding="utf-8", newline="") as fh:
        assert list(csv.DictReader(fh, delimiter="\t")) == rows
    assert len(rows) == 898


def test_hand_placements_name_known_codes_and_curated_diseases_without_a_cross_reference(dataset):
    curated = {r.id for r in dataset.all() if r.kind_name == "Indication"}
    with open(oncotree.WITHIN, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    for r in rows:
        assert oncotree.row(r["code"]), r
        assert r["mondo"] in curated and not oncotree.codes_of_mondo(r["mondo"]) and r["why"], r
    # every curated MONDO disease has a place in OncoTree
    assert all(oncotree.placement(i)[0] for i in curated if i.startswith("MONDO:"))


def test_relations():
    assert oncotree.relation("MONDO:0005233", "MONDO:0005233") == "same"
    assert oncotree.relation("MONDO:0005008", "MONDO:0005575") == "same branch"  # colorectal adenocarcinoma, CRC
    assert oncotree.relation("MONDO:0005233", "MONDO:0005061") == "imported broader"  # NSCLC over LUAD
    for hostile in ("", "MONDO:9999999", "'; DROP ALL", "TISSUE"):
        assert oncotree.relation(hostile, "MONDO:0005233") is None
        assert oncotree.lineage(hostile) == (() if hostile != "TISSUE" else ("TISSUE",))
    assert oncotree.code_named("  Non-Small  Cell Lung Cancer ") == "NSCLC" and oncotree.code_named("") is None
