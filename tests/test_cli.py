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


def _json(capsys, built, *args):
    code, out, err = kg(capsys, *args, "--format", "json", "--store", str(built["store"]))
    assert code == 0, err
    return json.loads(out)


def test_approvals_of_a_drug_with_dates_types_trials_and_fate(capsys, built):
    items = _json(capsys, built, "query", "approvals", "--drug", "pembrolizumab")
    fda = [a for a in items if a["agency"] == "US Food and Drug Administration"]
    assert len(fda) == 55 and all(a["date"] and a["type"] and a["status"] for a in fda)
    (kn189,) = [a for a in fda if a["date"] == "2018-08-20"]
    assert "KEYNOTE-189" in {t["acronym"] for t in kn189["trials"] if t["role"] == "pivotal"}
    code, out, _ = kg(capsys, "query", "approvals", "--drug", "Keytruda", "--store", str(built["store"]))
    assert code == 0 and "KEYNOTE-189" in out and "2021-03-30" in out  # SCLC: withdrawn effective


def test_converted_and_status(capsys, built):
    conv = _json(capsys, built, "query", "approvals", "--converted")
    assert len(conv) == 16 and all(a["conversion"]["date"] for a in conv)
    (hnscc,) = [a for a in conv if a["date"] == "2016-08-05"]
    assert hnscc["conversion"]["date"] == "2019-06-10" and hnscc["conversion"]["trials"][0]["acronym"] == "KEYNOTE-048"
    code, out, _ = kg(capsys, "query", "approvals", "--converted", "--store", str(built["store"]))
    assert code == 0 and "KEYNOTE-048" in out and "2019-06-10" in out
    narrowed = _json(capsys, built, "query", "approvals", "--status", "narrowed")
    assert narrowed and {a["status"] for a in narrowed} == {"narrowed"}


@pytest.mark.parametrize("args", [["--converted", "--status", "withdrawn"], ["--status", "gone"],
                                  ["--status", "'; DROP ALL"]])
def test_bad_approval_filters_exit_2(capsys, built, args):
    code, out, err = kg(capsys, "query", "approvals", *args, "--store", str(built["store"]))
    assert code == 2 and not out and "Traceback" not in err


def test_withdrawn_question(capsys, built):
    items = _json(capsys, built, "query", "withdrawn")
    assert len(items) == 8 and all(a["withdrawal"]["announced"] and a["withdrawal"]["effective"] for a in items)
    code, out, _ = kg(capsys, "query", "withdrawn", "--store", str(built["store"]))
    assert code == 0 and "2021-08-27" in out and "2021-10-06" in out and "IMpassion131" in out


@pytest.mark.parametrize("day,in_force", [("2021-09-15", True), ("2021-10-05", True), ("2021-10-06", False)])
def test_as_of_uses_the_effective_withdrawal_date(capsys, built, day, in_force):
    items = _json(capsys, built, "query", "as-of", day, "--drug", "atezolizumab")
    assert ("2019-03-08" in {a["date"] for a in items}) is in_force


@pytest.mark.parametrize("day", ["2021-13-40", "2021-09", "'; DROP"])
def test_as_of_bad_date_exits_2(capsys, built, day):
    code, out, err = kg(capsys, "query", "as-of", day, "--store", str(built["store"]))
    assert code == 2 and not out and "bad date" in err


def test_stats_coverage(capsys, built):
    rows = {r["drug"]: r for r in _json(capsys, built, "stats", "--coverage")}
    assert rows["pembrolizumab"]["fda"] == 55 and rows["atezolizumab"]["withdrawn"] == 3
    assert sum(r["fda"] for r in rows.values()) == 157
    code, out, _ = kg(capsys, "stats", "--coverage", "--store", str(built["store"]))
    assert code == 0 and "with pivotal trial" in out and "total" in out


@pytest.mark.parametrize("term,want", [("Merkel cell carcinoma", "MONDO:0019210"),
                                       ("KEYNOTE-189", "CLINICALTRIALS:NCT02578680"),
                                       ("Opdualag", "KG:drug-nivolumab-relatlimab")])
def test_lookup_names(capsys, built, term, want):
    (hit, *_) = _json(capsys, built, "lookup", term)
    assert hit["id"] == want


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
