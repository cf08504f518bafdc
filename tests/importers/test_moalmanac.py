"""MOAlmanac: a fixture import (approvals of curated and new drugs, dates as label-wording dates),
bad records and files, and the whole shared database read."""
from __future__ import annotations

import json
from collections import Counter

import pytest

from kg.errors import SourceFormatError
from kg.sources.importers import importer, run_import
from kg.sources.importers.base import Context
from kg.sources.importers.resolve import Resolver
from kg.sources.layers import decode_layer, layers_dir
from kg.store.local import read_meta
from tests.conftest import shared
from tests.importers.conftest import FIXTURES

MOA = FIXTURES / "moalmanac"
BROKEN = FIXTURES / "broken" / "moalmanac"


def _layer(store) -> dict:
    return decode_layer(layers_dir(store) / "moalmanac.jsonl")[1]


def test_fixture_import(store_copy):
    r = run_import(store_copy, "moalmanac", [MOA])
    assert (r["read"], r["imported"], r["rejected"]) == (7, 7, 0)
    approvals = {a.id: a for a in _layer(store_copy)["approvals"]}
    k0 = approvals["KG:moalmanac-fda-keytruda-0"]
    assert (k0.drug, k0.indication, k0.agency) == ("DRUGBANK:DB09037", ("MONDO:0005233",), "KG:org-fda")
    assert (k0.date, k0.date_is, k0.type, k0.setting.context, k0.setting.line) == (
        "2018-08-20", "label wording", "not stated", "advanced", "first")
    assert "current label wording" in k0.date_note and k0.pivotal_trials == ("CLINICALTRIALS:NCT02578680",)
    assert {s.id for s in k0.sources} == {"infores:moalmanac",
                                          "https://www.accessdata.fda.gov/drugsatfda_docs/label/2018/125514s035lbl.pdf"}
    # no date in MOAlmanac: the label document's date, said to be that; the tissue-agnostic node
    k4 = approvals["KG:moalmanac-fda-keytruda-4"]
    assert (k4.date_is, k4.indication) == ("label revision", ("KG:ind-msi-h-dmmr-solid-tumours",))
    assert approvals["KG:moalmanac-fda-opdivo-0"].setting.context == "perioperative"
    # an HSE regimen is a reimbursement decision; its drug is the one its therapy text starts with
    hse = approvals["KG:moalmanac-hse-00415-a"]
    assert "reimbursement" in hse.notes and hse.regimen.lower().startswith("trametinib")
    new = {d.name for d in _layer(store_copy)["drugs"]}
    assert {"abemaciclib", "trametinib"} <= new and "pembrolizumab" not in new


def test_bad_records_are_rejected_with_their_line(store_copy):
    r = run_import(store_copy, "moalmanac", [BROKEN])
    assert (r["read"], r["imported"]) == (9, 2)
    assert [(x["line"], x["reason"].split(" (")[0]) for x in r["rejections"]] == [
        (13, "document_id 'doc:fda.nothere' is not in documents.json"),
        (24, "bad date '2018-8-20'"),
        (35, "empty indication text"),
        (46, "not a JSON object"),
        (47, "agent_id 'xyz' of doc:xyz.thing is not one of fda, ema, hc, hpra, hse"),
        (58, "no coded disease, and the cancer type 'a cancer no one has heard of' names no known disease"),
        (80, "a second record with id 'ind:test:ok'"),
    ]
    ids = {a.id for a in _layer(store_copy)["approvals"]}
    assert ids == {"KG:moalmanac-test-ok", "KG:moalmanac-test-inject-drop-all"}  # hostile id made a slug


def test_a_file_that_is_not_json_changes_nothing(store_copy, tmp_path):
    before = read_meta(store_copy)["built_at"]
    with pytest.raises(SourceFormatError) as exc:
        run_import(store_copy, "moalmanac", [FIXTURES / "broken" / "moalmanac-notjson"])
    assert "indications.json" in str(exc.value) and exc.value.line == 4
    assert read_meta(store_copy)["built_at"] == before and not (layers_dir(store_copy) / "moalmanac.jsonl").exists()
    (tmp_path / "only").mkdir()
    (tmp_path / "only" / "indications.json").write_text("[]")
    with pytest.raises(SourceFormatError, match="documents.json"):
        importer("moalmanac").expand([tmp_path / "only"])


def test_the_whole_database_reads(dataset):
    folder = shared("data", "moalmanac")
    mod = importer("moalmanac")
    ctx = Context(mod.INFORES, Resolver(dataset.all()))
    approvals = list(mod.read(mod.expand([folder]), ctx))
    assert ctx.read == 857 == len(approvals) + len(ctx.rejections)
    reasons = Counter(x["reason"].split(" (")[0].split(",")[0] for x in ctx.rejections)
    assert set(reasons) <= {"its disease codes", "no coded disease", "no single drug named"}, reasons
    assert len(approvals) > 750
    # every checkpoint inhibitor's FDA indication lands on the curated drug
    curated = {d.name: d.id for d in dataset.all() if d.kind_name == "Drug"}
    cpis = ("atezolizumab", "cemiplimab", "dostarlimab", "durvalumab", "ipilimumab", "nivolumab", "pembrolizumab",
            "tislelizumab", "tremelimumab")
    fda = [a for a in approvals if a.agency == "KG:org-fda" and a.drug in {curated[c] for c in cpis}]
    assert len(fda) == 43 and all(not a.drug.startswith("NCIT:") for a in fda)
    assert Counter(a.date_is for a in fda) == {"label wording": 30, "label revision": 13}
    assert all(a.date_note for a in approvals)


def test_cli_import_report(store_copy, capsys):
    from tests.test_cli import kg

    code, out, err = kg(capsys, "import", "moalmanac", str(MOA), "--store", str(store_copy), "--format", "json")
    assert code == 0, err
    assert json.loads(out)["imported"] == 7


def test_an_imported_label_date_never_contradicts_a_claim(store_copy):
    """MOAlmanac's date is the label wording's, not the approval's: audited against it, a true approval
    date (abemaciclib's adjuvant approval, 12 October 2021) came out contradicted. Imported records are
    another source's, not evidence: the claim is not in the (curated) graph."""
    from kg.query.approvals import approvals
    from kg.query.audit import audit_claims
    from kg.sources.text.claims import ExtractedClaim
    from kg.store.local import open_store

    run_import(store_copy, "moalmanac", [MOA])
    store = open_store(store_copy)
    [imported] = [a for d in ("KG:drug-abemaciclib", "NCIT:C97660") for a in approvals(store, d)] or [None]
    assert imported is not None and imported["date"] == "2023-03-03"
    claim = ExtractedClaim("approval", imported["drug"]["id"], "approved for", imported["indications"][0]["id"],
                           {"agency": "KG:org-fda", "date": "2021-10-12", "status": "approved"}, "regulatory approval",
                           "supports", "The FDA approved abemaciclib on 12 October 2021.", 0, 48)
    [verdict] = audit_claims(store, [claim])
    assert verdict["verdict"] == "not in graph"
