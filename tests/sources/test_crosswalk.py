"""Identifier crosswalks: the SSSOM reader (metadata block, columns, CURIEs; hostile rows named
by file and line), the OncoTree reader, the derived table against the shared files it is made
from, mapping quality (exact matches apart from OncoTree cross-references, no mapping where
Mondo has none, two MONDO ids on one code both kept) and coverage of the curated indications."""
from __future__ import annotations

import json
import shutil
from collections import Counter

import pytest

from kg.errors import DataErrors
from kg.sources import crosswalk as cw
from tests.conftest import DATA, shared
from tests.test_cli import kg

HEAD = ("# curie_map:\n#   MONDO: http://purl.obolibrary.org/obo/MONDO_\n#   NCIT: http://purl.obolibrary.org/obo/NCIT_\n"
        "#   ONCOTREE: https://oncotree.mskcc.org/api/tumorTypes/search/code/\n"
        "# license: https://creativecommons.org/publicdomain/zero/1.0/\n"
        "# mapping_set_id: https://example.org/set.sssom.tsv\n"
        "# mapping_set_version: https://example.org/2026-08-04/set.sssom.tsv\n")
COLS = "subject_id\tsubject_label\tpredicate_id\tobject_id\tmapping_justification\n"


def _errors(text: str) -> list[str]:
    with pytest.raises(DataErrors) as info:
        cw.parse_sssom(text, "set.sssom.tsv")
    return [str(e) for e in info.value.errors]


def test_reads_metadata_block_rows_predicate_and_justification():
    s = cw.parse_sssom(HEAD + COLS + "MONDO:0005233\tNSCLC\tskos:exactMatch\tNCIT:C2926\tsemapv:ManualMappingCuration\n"
                       "MONDO:0005233\tNSCLC\toboInOwl:hasDbXref\tONCOTREE:NSCLC\tsemapv:ManualMappingCuration\n",
                       "set.sssom.tsv")
    assert s.meta["curie_map"]["NCIT"] == "http://purl.obolibrary.org/obo/NCIT_"
    assert s.meta["mapping_set_version"].endswith("2026-08-04/set.sssom.tsv")
    assert [(r["predicate_id"], r["object_id"], r["line"]) for r in s.rows] == [
        ("skos:exactMatch", "NCIT:C2926", 9), ("oboInOwl:hasDbXref", "ONCOTREE:NSCLC", 10)]
    assert s.rows[0]["mapping_justification"] == "semapv:ManualMappingCuration"


@pytest.mark.parametrize("row,where", [
    ("MONDO:0005233\tx\tskos:exactMatch\tNCIT:3921\tsemapv:ManualMappingCuration", "set.sssom.tsv:10: object_id"),
    ("MONDO:0005233\tx\tskos:exactMatch\tC2926\tsemapv:ManualMappingCuration", "set.sssom.tsv:10: object_id"),
    ("MONDO:0005233\tx\tskos:exactMatch\tUMLS:C0007131\tsemapv:ManualMappingCuration", "set.sssom.tsv:10: object_id"),
    ("MONDO:12\tx\tskos:exactMatch\tNCIT:C2926\tsemapv:ManualMappingCuration", "set.sssom.tsv:10: subject_id"),
    ("MONDO:0005233\tx\texactMatch\tNCIT:C2926\tsemapv:ManualMappingCuration", "set.sssom.tsv:10: predicate_id"),
    ("MONDO:0005233\tx\tskos:exactMatch\tNCIT:C2926\t", "set.sssom.tsv:10: mapping_justification"),
    ("MONDO:0005233\tx\tskos:exactMatch\tNCIT:C2926", "set.sssom.tsv:10: 4 cells, the column row has 5"),
    ("MONDO:0005233\tx\tskos:exactMatch\tONCOTREE:MDS%2FMPN\tsemapv:ManualMappingCuration", "set.sssom.tsv:10: object_id"),
])
def test_hostile_rows_are_rejected_with_file_and_line(row, where):
    errors = _errors(HEAD + COLS + "MONDO:0005233\tok\tskos:exactMatch\tNCIT:C2926\tsemapv:ManualMappingCuration\n"
                     + row + "\n")  # line 9 is good, line 10 is not
    assert len(errors) == 1 and errors[0].startswith(where), errors


def test_skip_bad_leaves_bad_rows_out_and_lists_them():
    text = HEAD + COLS + "MONDO:0005233\tx\tskos:exactMatch\tNCIT:3921\tsemapv:ManualMappingCuration\n" \
        "MONDO:0005233\tx\tskos:exactMatch\tNCIT:C2926\tsemapv:ManualMappingCuration\n"
    s = cw.parse_sssom(text, "set.sssom.tsv", skip_bad=True)
    assert [r["object_id"] for r in s.rows] == ["NCIT:C2926"]
    assert [(e.line, e.field) for e in s.rejected] == [(9, "object_id")]


@pytest.mark.parametrize("text,where", [
    (HEAD + "subject_id\tpredicate_id\tobject_id\n", "set.sssom.tsv:8: columns: missing columns: mapping_justification"),
    (HEAD, "set.sssom.tsv:8: no column row"),
    ("# curie_map: [\n" + COLS, "set.sssom.tsv:1: metadata: the metadata block is not YAML"),
    ("# just words\n" + COLS, "set.sssom.tsv:1: metadata: the metadata block is not a mapping"),
    (HEAD.replace("# mapping_set_id: https://example.org/set.sssom.tsv\n", "") + COLS,
     "set.sssom.tsv:1: mapping_set_id: missing or not an IRI"),
    (HEAD.replace("https://creativecommons.org/publicdomain/zero/1.0/", "CC0") + COLS,
     "set.sssom.tsv:1: license: missing or not an IRI"),
    ("# curie_map:\n#   - MONDO\n# license: https://x.org\n# mapping_set_id: https://x.org\n" + COLS,
     "set.sssom.tsv:1: curie_map: curie_map must map prefixes to IRIs"),
])
def test_broken_metadata_or_columns_are_errors_even_when_skipping_bad_rows(text, where):
    with pytest.raises(DataErrors) as info:
        cw.parse_sssom(text, "set.sssom.tsv", skip_bad=True)
    assert str(info.value.errors[0]).startswith(where), info.value.errors


def test_oncotree_reader_walks_the_tree_and_refuses_nodes_without_code(tmp_path):
    p = tmp_path / "oncotree_2025_10_03.json"
    p.write_text(json.dumps({"TISSUE": {"code": "TISSUE", "name": "Tissue", "children": {
        "LUNG": {"code": "LUNG", "name": "Lung", "children": {
            "NSCLC": {"code": "NSCLC", "name": "Non-Small Cell Lung Cancer", "children": {}}}}}}}))
    release, codes = cw.read_oncotree(p)
    assert release == "oncotree_2025_10_03" and sorted(codes) == ["LUNG", "NSCLC", "TISSUE"]
    p.write_text(json.dumps({"TISSUE": {"name": "Tissue", "children": {}}}))
    with pytest.raises(DataErrors, match="without a code"):
        cw.read_oncotree(p)
    p.write_text("{not json")
    with pytest.raises(DataErrors, match="cannot read OncoTree JSON"):
        cw.read_oncotree(p)


# ---------------------------------------------------------------- the table in data/ and the shared files


def test_the_table_is_what_the_shared_files_give():
    """Regenerate data/crosswalk/indications.sssom.tsv from ../shared and compare, byte for byte."""
    from kg.sources.curated import load_dataset

    ids = [i.id for i in load_dataset(DATA, crosswalk=False).records["indications"] if i.id.startswith("MONDO:")]
    text, summary = cw.regenerate(ids, shared("data"))
    assert (DATA / cw.TABLE).read_text(encoding="utf-8") == text, "run 'kg crosswalk --shared ../shared/data'"
    assert summary["absent_from_oncotree"] == [] and summary["rejected"] == []


def test_cli_check_says_up_to_date_and_refuses_a_stale_table(capsys, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    src = str(shared("data"))
    code, out, _ = kg(capsys, "crosswalk", "--check", "--shared", src, "--data", str(data))
    assert code == 0 and "up to date" in out
    table = data / cw.TABLE
    table.write_text(table.read_text(encoding="utf-8").replace("\tNCIT:C2926\t", "\tNCIT:C4917\t"), encoding="utf-8")
    code, out, err = kg(capsys, "crosswalk", "--check", "--shared", src, "--data", str(data))
    assert code == 1 and "out of date" in out and "run 'kg crosswalk'" in err
    assert "NCIT:C4917" in table.read_text(encoding="utf-8")  # --check writes nothing
    code, out, _ = kg(capsys, "crosswalk", "--shared", src, "--data", str(data), "--format", "json")
    assert code == 0 and json.loads(out)["written"] is True
    assert table.read_text(encoding="utf-8") == (DATA / cw.TABLE).read_text(encoding="utf-8")
    code, _, err = kg(capsys, "crosswalk", "--shared", str(tmp_path / "nowhere"), "--data", str(data))
    assert code == 2 and "not found" in err and "Traceback" not in err


@pytest.fixture(scope="module")
def table():
    return cw.read_sssom(DATA / cw.TABLE)


def test_table_provenance_names_every_input_and_licence(table):
    see = table.meta["see_also"]
    assert [s.rsplit("/", 1)[1] for s in see[:4]] == [p.rsplit("/", 1)[1] for p in cw.MONDO_SETS]
    assert all("/releases/2026-08-04/" in s for s in see[:4])
    assert see[4].endswith("version=oncotree_2025_10_03")
    assert table.meta["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert "CC BY 4.0" in table.meta["comment"] and "publicdomain/zero" in table.meta["comment"]
    assert {r["mapping_source"] for r in table.rows} <= set(see[:4])


def test_exact_matches_only_from_exact_match_sets_oncotree_as_weaker_xref(table):
    for r in table.rows:
        prefix = r["object_id"].split(":")[0]
        if prefix == "ONCOTREE":
            assert r["predicate_id"] == "oboInOwl:hasDbXref" and "hasdbxref_oncotree" in r["mapping_source"]
            assert r["object_source_version"].endswith("oncotree_2025_10_03") and r["object_label"]
        else:
            assert r["predicate_id"] == "skos:exactMatch" and f"exactmatch_{prefix.lower()}" in r["mapping_source"]


def test_coverage_of_the_curated_indications(dataset):
    """Measured on the curated data (29 MONDO indications): NCIt 27, DOID 27, EFO 15, OncoTree 18."""
    mondo = [i for i in dataset.records["indications"] if i.id.startswith("MONDO:")]
    have = Counter(p for i in mondo for p in {m.object.split(":")[0] for m in i.mappings})
    assert len(mondo) == 29 and dict(have) == {"NCIT": 27, "DOID": 27, "EFO": 15, "ONCOTREE": 18}
    # no mapping where Mondo gives none: biliary tract cancer has only its DOID match
    btc = next(i for i in mondo if i.id == "MONDO:0003060")
    assert [m.object for m in btc.mappings] == ["DOID:4607"]
    assert all(not i.mappings for i in dataset.records["indications"] if not i.id.startswith("MONDO:"))


def test_curated_xrefs_agree_with_the_mapping_sets(dataset):
    """The NCIt/DOID/EFO codes written by hand in indications.yaml are all exact matches of the table."""
    from kg.sources.curated import load_dataset

    hand = load_dataset(DATA, crosswalk=False)
    mapped = {i.id: {m.object for m in i.mappings} for i in dataset.records["indications"]}
    checked = 0
    for ind in hand.records["indications"]:
        for x in ind.xrefs:
            if x.split(":")[0] in ("NCIT", "DOID", "EFO"):
                assert x in mapped[ind.id], (ind.id, x)
                checked += 1
    assert checked >= 20  # 21 measured (issue 13)


def _mini_with_table(mini, rows: str):
    (mini / "crosswalk").mkdir()
    (mini / cw.TABLE).write_text(HEAD + COLS.replace("mapping_justification\n", "mapping_justification\tmapping_source\n")
                                 + rows, encoding="utf-8")
    ind = mini / "indications.yaml"
    ind.write_text(ind.read_text(encoding="utf-8") + "- id: MONDO:0005233\n  name: non-small cell lung carcinoma\n"
                   "  sources: [https://github.com/monarch-initiative/mondo]\n", encoding="utf-8")
    return mini


_SRC = "\thttps://example.org/2026-08-04/set.sssom.tsv"


def test_two_mondo_ids_on_one_code_are_both_kept_and_both_found(mini, tmp_path, capsys):
    from kg.build import build

    _mini_with_table(mini, "MONDO:0007256\tHCC\tskos:exactMatch\tNCIT:C2926\tsemapv:ManualMappingCuration" + _SRC + "\n"
                     "MONDO:0005233\tNSCLC\tskos:exactMatch\tNCIT:C2926\tsemapv:ManualMappingCuration" + _SRC + "\n")
    build(mini, tmp_path / "store")
    code, out, err = kg(capsys, "lookup", "C2926", "--store", str(tmp_path / "store"), "--format", "json")
    assert code == 0, err
    assert sorted(e["id"] for e in json.loads(out)) == ["MONDO:0005233", "MONDO:0007256"]


def test_a_bad_table_row_stops_the_build_naming_file_and_line(mini, tmp_path):
    from kg.build import build

    _mini_with_table(mini, "MONDO:0007256\tHCC\tskos:exactMatch\tNCIT:C3099\tsemapv:ManualMappingCuration" + _SRC + "\n"
                     "MONDO:0007256\tHCC\tskos:exactMatch\tNCIT:3099\tsemapv:ManualMappingCuration" + _SRC + "\n"
                     "MONDO:0007256\tHCC\tskos:closeMatch\tNCIT:C3099\tsemapv:ManualMappingCuration" + _SRC + "\n")
    with pytest.raises(DataErrors) as info:
        build(mini, tmp_path / "store")
    assert str(info.value.errors[0]).startswith(f"{mini / cw.TABLE}:10: object_id")
    assert not (tmp_path / "store").exists()
    lines = (mini / cw.TABLE).read_text(encoding="utf-8").splitlines()
    (mini / cw.TABLE).write_text("\n".join(lines[:9] + lines[10:]) + "\n", encoding="utf-8")
    with pytest.raises(DataErrors) as info:  # a predicate the graph does not take (not exact, not a db xref)
        build(mini, tmp_path / "store")
    assert str(info.value.errors[0]).startswith(f"{mini / cw.TABLE}:10: predicate_id")


def test_the_table_is_part_of_the_curated_digest(mini):
    from kg.sources.catalog import data_digest

    _mini_with_table(mini, "")
    before = data_digest(mini)
    with (mini / cw.TABLE).open("a", encoding="utf-8") as fh:
        fh.write("MONDO:0007256\tHCC\tskos:exactMatch\tNCIT:C3099\tsemapv:ManualMappingCuration" + _SRC + "\n")
    assert data_digest(mini) != before
