"""One bad record never sinks an import: it is rejected with its file and line, the nodes it
made are taken back, and the rest is imported. An input that is not a regular file is refused."""
from __future__ import annotations

import json
import os

import pytest

from kg.errors import DataError, SourceFormatError
from kg.sources.importers import run_import
from kg.sources.importers.base import MAX_LINE, Context, lines
from kg.sources.layers import layers_dir
from tests.importers.conftest import FIXTURES

CIVIC = FIXTURES / "civic" / "ClinicalEvidenceSummaries.tsv"
STUDY = json.loads((FIXTURES / "ctgov" / "study1.json").read_text())


def _civic_rows(tmp_path, extra: list[str]):
    """The CIViC fixture with ``extra`` rows appended (made by editing its second row)."""
    text = CIVIC.read_text(encoding="utf-8")
    path = tmp_path / "ClinicalEvidenceSummaries.tsv"
    path.write_text(text + "".join(e + "\n" for e in extra), encoding="utf-8")
    return path, text.splitlines()


def _row_with(row: str, header: str, **values: str) -> str:
    cols = header.split("\t")
    fields = row.split("\t")
    for k, v in values.items():
        fields[cols.index(k)] = v
    return "\t".join(fields)


def test_civic_duplicate_id_long_field_and_nul_are_rejected_and_the_rest_imported(store_copy, tmp_path):
    original = CIVIC.read_text(encoding="utf-8").splitlines()
    header, first = original[0], original[1]
    extra = [
        first,  # the same evidence item again: the same id
        _row_with(first, header, evidence_id="900001", evidence_statement="x" * 200_000),  # over csv's field limit
        _row_with(first, header, evidence_id="900002", evidence_statement="a\x00b"),  # a NUL
        _row_with(first, header, evidence_id="900003", therapies="Bad\x1bDrug"),  # a new drug with an ESC in its name
        _row_with(first, header, evidence_id="900004"),  # a good one after the bad ones
    ]
    path, _ = _civic_rows(tmp_path, extra)
    n = len(original)
    r = run_import(store_copy, "civic", [path])
    rejected = {x["line"]: x["reason"] for x in r["rejections"]}
    assert sorted(rejected) == [n + 1, n + 2, n + 3, n + 4], r["rejections"]
    assert all(x["file"] == str(path) for x in r["rejections"])
    assert rejected[n + 1] == f"KG:civic-eid-1 again (first at {path}:2)"
    assert "field larger than field limit" in rejected[n + 2]
    assert "statement: control character U+0000" in rejected[n + 3]
    assert "Drug KG:drug-bad-drug: name: control character U+001B" in rejected[n + 4]
    assert r["imported"] == n - 1 + 1 and r["read"] == n - 1 + len(extra)
    layer = (layers_dir(store_copy) / "civic.jsonl").read_text()
    assert "900004" in layer and "900002" not in layer and "Bad" not in layer  # the new drug was taken back


def _study(nct: str, **changes) -> dict:
    study = json.loads(json.dumps(STUDY))
    proto = study["protocolSection"]
    proto["identificationModule"]["nctId"] = nct
    for path, value in changes.items():
        *parents, last = path.split(".")
        node = proto
        for p in parents:
            node = node[p]
        node[last] = value
    return study


@pytest.mark.parametrize("change,reason", [
    ({"statusModule": "COMPLETED"}, "statusModule is text, not an object"),
    ({"designModule": ["PHASE3"]}, "designModule is a list, not an object"),
    ({"identificationModule.acronym": ["A", "B"]}, "identificationModule.acronym is a list, not text"),
    ({"armsInterventionsModule.interventions": [{"type": "DRUG", "name": "Zz", "otherNames": "abc"}]},
     "armsInterventionsModule.interventions[0].otherNames is text, not a list of texts"),
    ({"conditionsModule.conditions": "cancer"}, "conditionsModule.conditions is text, not a list of texts"),
    ({"identificationModule.briefTitle": "a\x00b"}, "title: control character U+0000"),
    ({"designModule.enrollmentInfo": {"count": -3}}, "enrollmentInfo.count -3 is not a whole number"),
])
def test_a_malformed_study_is_rejected_and_the_others_imported(store_copy, tmp_path, change, reason):
    dump = tmp_path / "dump.jsonl"
    good = _study("NCT99000101")
    dump.write_text(json.dumps(_study("NCT99000100", **change)) + "\n" + json.dumps(good) + "\n")
    r = run_import(store_copy, "ctgov", [dump])
    ((rej),) = r["rejections"]
    assert (rej["file"], rej["line"]) == (str(dump), 1) and reason in rej["reason"], rej
    assert r["imported"] == 1 and r["changes"]["written"]
    layer = (layers_dir(store_copy) / "ctgov.jsonl").read_text()
    assert "NCT99000101" in layer and "NCT99000100" not in layer
    assert '"synonyms": ["a", "b", "c"]' not in layer


def test_other_names_are_kept_whole(store_copy, tmp_path):
    dump = tmp_path / "dump.jsonl"
    ivs = [{"type": "DRUG", "name": "Zzexamplimab", "otherNames": ["abc", "ZZ-1"]}]
    dump.write_text(json.dumps(_study("NCT99000102", **{"armsInterventionsModule.interventions": ivs})) + "\n")
    run_import(store_copy, "ctgov", [dump])
    layer = (layers_dir(store_copy) / "ctgov.jsonl").read_text()
    assert '"synonyms": ["abc", "ZZ-1"]' in layer


def test_deep_json_is_a_located_error_or_a_rejected_line(store_copy, tmp_path):
    deep = "[" * 100_000 + "]" * 100_000
    page = tmp_path / "deep.json"
    page.write_text(deep)
    with pytest.raises(SourceFormatError, match="nested too deeply"):
        run_import(store_copy, "ctgov", [page])
    dump = tmp_path / "deep.jsonl"
    dump.write_text(deep + "\n" + json.dumps(_study("NCT99000103")) + "\n")
    r = run_import(store_copy, "ctgov", [dump])
    assert [(x["line"], x["reason"]) for x in r["rejections"]] == [
        (1, "JSON nested too deeply (a study record is a few levels deep)")]
    assert r["imported"] == 1


@pytest.mark.parametrize("make,expected", [
    (lambda p: os.mkfifo(p), "not a regular file (a FIFO)"),
    (lambda p: os.symlink("/dev/zero", p), "not a regular file (a character device)"),
    (lambda p: os.symlink("nowhere", p), "a link to nothing"),
    (lambda p: os.symlink(p.name, p), "cannot read: Too many levels of symbolic links"),
])
@pytest.mark.parametrize("source,name", [("civic", "ClinicalEvidenceSummaries.tsv"), ("ctgov", "x.json"),
                                         ("ctgov", "x.jsonl"), ("pharmacotherapydb", "indications.tsv"),
                                         ("hetionet-nodes", "nodes.tsv")])
def test_an_input_that_is_not_a_regular_file_is_refused_at_once(store_copy, tmp_path, make, expected, source, name):
    path = tmp_path / name
    make(path)
    before = (store_copy / "kg-meta.json").read_bytes()
    with pytest.raises(DataError) as info:
        run_import(store_copy, source, [path])
    assert info.value.message == expected and info.value.file == str(path)
    assert (store_copy / "kg-meta.json").read_bytes() == before and not layers_dir(store_copy).exists()


def test_a_line_longer_than_the_limit_is_skipped_without_reading_it_whole(tmp_path):
    path = tmp_path / "x.tsv"
    with open(path, "wb") as fh:
        fh.write(b"a\tb\n")
        fh.write(b"x" * (MAX_LINE + 10) + b"\n")
        fh.write(b"1\t2\n")
    got = list(lines(path))
    assert got[0] == "a\tb\n" and got[2] == "1\t2\n" and "longer than" in got[1].reason


def test_a_rejected_record_takes_back_the_nodes_it_made():
    from kg.schema import model
    from kg.sources.importers.base import Rejected

    ctx = Context("infores:test")

    def make():
        ctx.new_drug("zzdrug", "r1")
        raise Rejected("bad")

    assert ctx.attempt("f", 3, make) is None
    assert ctx.new == {} and ctx.resolver.drug(name="zzdrug") is None and ctx.imported == 0
    assert ctx.rejections == [{"file": "f", "line": 3, "reason": "bad"}]
    drug = ctx.attempt("f", 4, lambda: model.Drug(id="KG:drug-ok", name="ok", sources=(ctx.source(),)))
    assert drug is not None and ctx.imported == 1 and ctx.origins["KG:drug-ok"] == ("f", 4)
