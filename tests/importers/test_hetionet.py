"""Hetionet nodes: resolution at scale (the whole shared file, read without saving) and a fixture import."""
from __future__ import annotations

import csv
from collections import Counter

from kg.sources.importers import importer, run_import
from kg.sources.importers.base import Context
from kg.sources.importers.resolve import Resolver
from tests.conftest import shared
from tests.importers.conftest import FIXTURES, sparql


def test_the_whole_file_resolves_onto_curated_nodes(dataset):
    path = shared("data", "hetionet", "hetionet-v1.0-nodes.tsv")
    with open(path, encoding="utf-8") as fh:
        kinds = Counter(row["kind"] for row in csv.DictReader(fh, delimiter="\t"))
    ctx = Context("infores:hetionet", Resolver(dataset.all()))
    list(importer("hetionet-nodes").read([path], ctx))
    c = ctx.counts()
    wanted = kinds["Compound"] + kinds["Gene"] + kinds["Disease"]
    assert c["read"] == sum(kinds.values()) == 47031 and c["imported"] == wanted and c["rejected"] == 0
    assert c["resolved"] + c["new"] == wanted  # each node resolved or new, none merged twice
    assert {"HGNC:17635", "HGNC:8760", "HGNC:12680"} <= ctx.resolved["Target"]  # by the curated NCBIGene xrefs
    assert "MONDO:0005105" in ctx.resolved["Indication"]  # melanoma, DOID:1909 via the MONDO xref
    assert ctx.release == "v1.0"


def test_fixture_import_resolves_and_creates_nodes(store_copy):
    r = run_import(store_copy, "hetionet-nodes", [FIXTURES / "hetionet"])
    assert r["skipped"] == {"kind Anatomy": 1} and r["imported"] == 5
    assert r["resolved_by_type"] == {"Indication": 1, "Target": 1} and r["new_by_type"] == {
        "Drug": 1, "Indication": 1, "Target": 1}
    rows = sparql(store_copy, "SELECT ?n WHERE { <http://identifiers.org/ncbigene/673> kg:symbol ?n }")
    assert rows == [("BRAF",)]
    # a second run of the same file is the same layer: nothing changes
    assert not run_import(store_copy, "hetionet-nodes", [FIXTURES / "hetionet"])["changes"]["written"]


def test_bad_ids_are_rejected(store_copy):
    r = run_import(store_copy, "hetionet-nodes", [FIXTURES / "broken" / "hetionet-bad-rows.tsv"])
    assert [(x["line"], x["reason"]) for x in r["rejections"]] == [
        (4, "bad Compound id 'Compound::XY123'"), (5, "empty name")]
