"""The kg command through its real entry point: outputs, exit codes, messages, never tracebacks."""
from __future__ import annotations

import json

import pytest

from kg.cli import main


def kg(capsys, *args):
    with pytest.raises(SystemExit) as info:
        main(list(args))
    out, err = capsys.readouterr()
    return info.value.code, out, err


def test_build_lookup_query_export_stats(capsys, mini, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, err = kg(capsys, "build", "--data", str(mini))
    assert code == 0, err
    assert "built exports/store" in out and (tmp_path / "exports" / "kg.ttl").exists()

    code, out, _ = kg(capsys, "lookup", "tecentriq")
    assert code == 0 and "atezolizumab" in out and "DRUGBANK:DB11595" in out and "binds" in out

    code, out, _ = kg(capsys, "lookup", "IMbrave150", "--format", "json")
    (trial,) = json.loads(out)
    assert trial["id"] == "CLINICALTRIALS:NCT03434379" and trial["type"] == "Trial"

    code, out, _ = kg(capsys, "query", "approvals", "--format", "json")
    (a,) = json.loads(out)
    assert a["date"] == "2020-05-29" and a["trials"][0]["acronym"] == "IMbrave150"
    assert a["trials"][0]["results"][0]["summary"].startswith("overall survival: HR 0.58")

    code, out, _ = kg(capsys, "query", "approvals", "--drug", "Tecentriq")
    assert code == 0 and "IMbrave150" in out and "1 result" in out

    code, out, _ = kg(capsys, "export", "--format", "jsonld")
    assert code == 0 and (tmp_path / "exports" / "kg.jsonld").exists()

    code, out, _ = kg(capsys, "stats", "--format", "json")
    assert json.loads(out)["nodes_by_type"]["Trial"] == 1


def test_store_from_env(capsys, mini, tmp_path, monkeypatch):
    monkeypatch.setenv("KG_STORE", str(tmp_path / "elsewhere"))
    monkeypatch.chdir(tmp_path)
    assert kg(capsys, "build", "--data", str(mini))[0] == 0
    assert (tmp_path / "elsewhere" / "kg-meta.json").exists()
    assert kg(capsys, "lookup", "HCC")[0] == 0


def test_unknown_term_exits_1_with_suggestions(capsys, built):
    code, out, err = kg(capsys, "lookup", "tecentrik", "--store", str(built["store"]))
    assert code == 1 and "not found" in err and "tecentriq" in err and "Traceback" not in err


def test_unknown_drug_filter(capsys, built):
    code, _, err = kg(capsys, "query", "approvals", "--drug", "aspirin", "--store", str(built["store"]))
    assert code == 1 and "not found" in err


def test_bad_data_exits_2_and_writes_nothing(capsys, mini, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    p = mini / "trials.yaml"
    p.write_text(p.read_text().replace("enrollment: 501", "enrollment: lots"))
    code, out, err = kg(capsys, "build", "--data", str(mini))
    assert code == 2 and "trials.yaml:10: enrollment:" in err and "Traceback" not in err
    # nothing written: no store, no export; only the writer lock file beside where the store would go
    assert [p.name for p in (tmp_path / "exports").iterdir()] == ["store.lock"]


def test_missing_store_is_a_message(capsys, tmp_path):
    code, _, err = kg(capsys, "lookup", "x", "--store", str(tmp_path / "none"))
    assert code == 1 and "kg build" in err and "Traceback" not in err


def test_usage_error_exits_2(capsys):
    code, _, err = kg(capsys, "export", "--format", "pdf")
    assert code == 2 and "pdf" in err


def test_validate(capsys, mini):
    code, out, _ = kg(capsys, "validate", "--data", str(mini))
    assert code == 0 and "valid" in out
    code, out, _ = kg(capsys, "validate", "--data", str(mini), "--format", "json")
    assert json.loads(out)["conforms"] is True


def test_export_to_stdout(capsys, built):
    code, out, _ = kg(capsys, "export", "--format", "nt", "--output", "-", "--store", str(built["store"]))
    assert code == 0 and out.count("\n") == built["stats"]["triples"]


def test_export_quads_to_stdout_name_each_layer(capsys, layered):
    code, out, _ = kg(capsys, "export", "--format", "nq", "--output", "-", "--store", str(layered))
    lines = out.splitlines()
    assert code == 0 and any(line.endswith("<urn:kg:layer:drugs-x> .") for line in lines)
    assert sum(1 for line in lines if line.endswith('"novelimab" <urn:kg:layer:drugs-x> .')) == 1


def test_viz_writes_one_offline_file(capsys, built, tmp_path):
    out = tmp_path / "tnbc.html"
    code, text, err = kg(capsys, "viz", "--type", "Trial", "--type", "Approval", "--min-level", "phase 3",
                         "--output", str(out), "--store", str(built["store"]), "triple-negative breast cancer")
    assert code == 0, err
    html = out.read_text()
    assert "IMpassion130" in html and "<script src=" not in html
    assert "nodes" in text and str(out) in text


def test_viz_unknown_focus(capsys, built, tmp_path):
    code, _, err = kg(capsys, "viz", "no such thing", "--output", str(tmp_path / "x.html"),
                      "--store", str(built["store"]))
    assert code == 1 and "not found" in err and not (tmp_path / "x.html").exists()


@pytest.mark.parametrize("value", ["nan", "-1", "inf", "0", "-inf"])
def test_sparql_timeout_must_be_seconds_above_zero(capsys, built, value):
    code, out, err = kg(capsys, "sparql", "--store", str(built["store"]), "--timeout", value, "ASK { ?s ?p ?o }")
    assert code == 2 and out == ""
    assert "Invalid value for '--timeout'" in err and "give a number of seconds above 0" in err


def test_sparql_query_file_errors_name_the_file(capsys, built, tmp_path):
    store = str(built["store"])
    latin1 = tmp_path / "latin1.rq"
    latin1.write_bytes("# a comment\nSELECT * WHERE { ?s ?p 'café' }\n".encode("latin-1"))
    code, out, err = kg(capsys, "sparql", "--store", store, "--file", str(latin1))
    assert code == 2 and out == ""
    assert err == f"kg: {latin1}: line 2: the query file is not UTF-8 text (byte 0xe9 at offset 39): save it as UTF-8\n"

    bad = tmp_path / "bad.rq"
    bad.write_text("SELECT * WHERE {\n  ?s ?p\n}\n", encoding="utf-8")
    code, out, err = kg(capsys, "sparql", "--store", store, "--file", str(bad))
    assert code == 2 and err.startswith(f"kg: {bad}: syntax error at line 3, column 1: unexpected '}}'")

    hidden = tmp_path / "hidden.rq"
    hidden.write_text("SELECT * WHERE { ?s DRUGBANK:a\\#b ?o # x\r SERVICE <http://127.0.0.1:9/> { ?a ?b ?c } }",
                      encoding="utf-8")
    code, out, err = kg(capsys, "sparql", "--store", store, "--file", str(hidden))
    assert code == 2 and "SERVICE is refused" in err and str(hidden) in err

    good = tmp_path / "good.rq"
    good.write_text("SELECT ?n WHERE { DRUGBANK:DB11595 kg:name ?n }", encoding="utf-8")
    code, out, err = kg(capsys, "sparql", "--store", store, "--file", str(good), "--format", "csv")
    assert code == 0 and out.split() == ["n", "atezolizumab"], err


def test_sparql_query_file_with_a_byte_order_mark(capsys, built, tmp_path):
    bom = tmp_path / "bom.rq"
    bom.write_bytes(b"\xef\xbb\xbfASK { DRUGBANK:DB11595 kg:name ?n }")
    code, out, err = kg(capsys, "sparql", "--store", str(built["store"]), "--file", str(bom), "--format", "json")
    assert code == 0 and json.loads(out)["boolean"] is True, err
