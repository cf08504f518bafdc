"""kg query disagreements: curated FDA approvals against the MOAlmanac fixture import (and the
whole database where ../shared is here)."""
from __future__ import annotations

import json

import pytest

from kg.errors import NotFoundError
from kg.query.disagreements import _date_class, _marker_conflict, disagreements
from kg.sources.importers import run_import
from kg.store.local import open_store
from tests.conftest import shared
from tests.importers.conftest import FIXTURES, copy_store


@pytest.fixture(scope="module")
def imported(built, tmp_path_factory):
    store = copy_store(built, tmp_path_factory.mktemp("moa"))
    run_import(store, "moalmanac", [FIXTURES / "moalmanac"])
    return store


def _by_imported(result):
    return {m["imported"]: m for m in result["matches"]}


def test_matches_and_classes(imported):
    r = disagreements(open_store(imported))
    m = _by_imported(r)
    # four FDA checkpoint-inhibitor indications in the fixture; abemaciclib has no curated approval
    assert set(m) == {"KG:moalmanac-fda-keytruda-0", "KG:moalmanac-fda-keytruda-4", "KG:moalmanac-fda-tecentriq-4",
                      "KG:moalmanac-fda-opdivo-0"}
    assert m["KG:moalmanac-fda-keytruda-0"] == {"imported": "KG:moalmanac-fda-keytruda-0", "drug": "pembrolizumab",
                                                "curated": "KG:appr-fda-2018-08-20-pembrolizumab-nsclc-keynote-189",
                                                "relation": "same", "date": "same date"}
    assert m["KG:moalmanac-fda-keytruda-4"]["date"] == "import gives no indication date"
    assert m["KG:moalmanac-fda-tecentriq-4"]["date"] == "imported date is a later label revision"
    kinds = {(x["kind"], (x["imported"] or {}).get("id")) for x in r["rows"]}
    assert ("trial differs", "KG:moalmanac-fda-opdivo-0") in kinds
    trial = next(x for x in r["rows"] if x["kind"] == "trial differs")
    assert trial["imported"]["trials"] == ["CLINICALTRIALS:NCT02998528"]
    assert trial["curated"]["trials"] == ["CLINICALTRIALS:NCT04025879"]
    assert "infores:moalmanac" in trial["imported"]["sources"] and trial["curated"]["sources"]
    # every curated approval is either matched or listed as curated only, each once
    listed = [x["curated"]["id"] for x in r["rows"] if x["kind"].startswith("curated only")]
    assert len(listed) == len(set(listed)) == r["summary"]["curated"] - len({v["curated"] for v in m.values()})
    ended = {x["curated"]["id"] for x in r["rows"] if x["kind"] == "curated only, withdrawn or superseded"}
    assert "KG:appr-fda-2019-03-08-tnbc" in ended


def test_one_drug(imported):
    st = open_store(imported)
    r = disagreements(st, "DRUGBANK:DB09037")
    assert {x["drug"]["name"] for x in r["rows"]} == {"pembrolizumab"}
    assert set(_by_imported(r)) == {"KG:moalmanac-fda-keytruda-0", "KG:moalmanac-fda-keytruda-4"}


def test_a_store_without_the_import_says_so(store):
    with pytest.raises(NotFoundError, match="infores:moalmanac"):
        disagreements(store)


def test_date_classes():
    # the import's date against the matched approval (2020-05-15) and all related ones
    assert _date_class("2019-01-01", "label wording", "2020-05-15", [], ["2018-01-01", "2020-05-15"]) == \
        "imported date earlier than the matched curated approval"
    assert _date_class("2021-03-01", "label wording", "2020-05-15", ["2021-03-01"], ["2020-05-15"]) == \
        "imported date is a later label revision on a curated event's date"
    assert _date_class("2020-05-02", "label wording", "2020-05", [], []) == "same date"
    assert _date_class("1999-01-01", "label revision", "2020-05-15", [], []) == "import gives no indication date"


def test_opposite_markers_do_not_match():
    her2_pos = {"setting": {"biomarker": "HER2-positive, PD-L1 CPS >= 1"}}
    assert _marker_conflict(her2_pos, {"setting": {}, "label_text": "HER2-negative gastric"})
    assert not _marker_conflict(her2_pos, {"setting": {"population": "HER2+"}})
    assert not _marker_conflict({"setting": {}}, {"setting": {}})


def test_cli(imported, built, capsys):
    from tests.test_cli import kg

    code, out, err = kg(capsys, "query", "disagreements", "--store", str(imported), "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert data["source"] == "infores:moalmanac" and data["summary"]["matched"] == 4
    code, out, err = kg(capsys, "query", "disagreements", "--store", str(imported), "--drug", "Opdivo")
    assert code == 0 and "trial differs" in out and "NCT02998528" not in out.split("trial differs")[0]
    code, out, err = kg(capsys, "query", "disagreements", "--store", str(imported), "--format", "csv")
    assert code == 0 and out.splitlines()[0].startswith("kind,drug,relation,curated")
    code, out, err = kg(capsys, "query", "disagreements", "--store", str(imported), "--source", "nope")
    assert code == 1 and "moalmanac" in err
    code, out, err = kg(capsys, "query", "disagreements", "--store", str(imported), "--drug", "'; DROP ALL")
    assert code == 1
    code, out, err = kg(capsys, "query", "disagreements", "--store", str(built["store"]))  # nothing imported
    assert code == 1 and "approvals imported from infores:moalmanac" in err


def test_the_whole_database(built, tmp_path):
    folder = shared("data", "moalmanac")
    store = copy_store(built, tmp_path)
    report = run_import(store, "moalmanac", [folder])
    assert report["read"] == 857
    r = disagreements(open_store(store))
    s = r["summary"]
    # every FDA checkpoint-inhibitor indication in MOAlmanac finds a curated approval but one:
    # pembrolizumab's squamous-histology oesophageal indication (KEYNOTE-181 wording), which
    # MOAlmanac codes as oesophageal and GEJ adenocarcinoma
    alone = [x["imported"]["id"] for x in r["rows"] if x["kind"] == "imported only"]
    assert alone == ["KG:moalmanac-fda-keytruda-8"]
    assert s["imported"] == s["matched"] + 1 == len(r["matches"]) + 1
    dated = [m for m in r["matches"] if m["date"] != "import gives no indication date"]
    assert sum(m["date"] == "same date" for m in dated) > len(dated) / 2
    assert not any(m["date"].startswith("imported date earlier") for m in r["matches"])


def test_the_api_answers_as_the_question_does(imported):
    import kg

    got = kg.open(str(imported)).disagreements("Keytruda")
    assert got.to_dict() == disagreements(open_store(imported), "DRUGBANK:DB09037")
    assert {x["drug"]["name"] for x in got.to_dict()["rows"]} == {"pembrolizumab"}


def test_as_of_leaves_out_approvals_dated_by_their_label_wording(imported):
    """MOAlmanac's dates are when the current label wording appeared: they date no approval, so
    as-of counts the curated approvals only (the imported ones are still listed by approvals)."""
    from kg.query.approvals import approvals, as_of

    st = open_store(imported)
    listed = approvals(st, "DRUGBANK:DB09037")
    assert any(a["date_is"] == "label wording" for a in listed)
    in_force = as_of(st, "2026-01-01", "DRUGBANK:DB09037")
    assert in_force and all(a["date_is"] not in ("label wording", "label revision") for a in in_force)
