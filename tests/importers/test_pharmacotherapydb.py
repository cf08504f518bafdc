"""PharmacotherapyDB: the shared catalogue read whole, a fixture import, bad rows."""
from __future__ import annotations

import csv
from collections import Counter

from kg.sources.importers import importer, run_import
from kg.sources.importers.base import Context
from kg.sources.importers.resolve import Resolver
from tests.conftest import shared
from tests.importers.conftest import FIXTURES, sparql


def test_the_whole_catalogue_reads(dataset):
    folder = shared("data", "pharmacotherapydb")
    with open(folder / "indications.tsv", encoding="utf-8") as fh:
        cats = Counter(row["category"] for row in csv.DictReader(fh, delimiter="\t"))
    ctx = Context("infores:pharmacotherapydb", Resolver(dataset.all()))
    ev = list(importer("pharmacotherapydb").read(importer("pharmacotherapydb").expand([folder]), ctx))
    assert ctx.read == len(ev) == sum(cats.values()) and not ctx.rejections
    assert Counter(e.source_direction for e in ev) == cats
    assert Counter(e.direction for e in ev)["does not support"] == cats["NOT"]
    assert all(e.level is None for e in ev)  # the source grades no evidence


def test_fixture_import(store_copy):
    r = run_import(store_copy, "pharmacotherapydb", [FIXTURES / "pharmacotherapydb"])
    assert (r["read"], r["imported"], r["rejected"]) == (2, 2, 0)
    rows = sparql(store_copy, """SELECT ?dir ?sig WHERE { ?a biolink:original_predicate kg:evidenceAbout ;
        biolink:subject <http://identifiers.org/drugbank/DB00619> ; kg:direction ?dir ; kg:significance ?sig }""")
    assert rows == [("https://w3id.org/oncokg/ontology#direction-supports", "disease-modifying")]


def test_bad_rows(store_copy):
    r = run_import(store_copy, "pharmacotherapydb", [FIXTURES / "broken" / "ptdb-bad-rows.tsv"])
    assert [(x["line"], x["reason"]) for x in r["rejections"]] == [
        (3, "bad DrugBank id 'DB0011'"), (4, "category 'MAYBE' is not one of DM, SYM, NOT")]
