"""Layers: records added beside the curated data, checked like them, saved idempotently."""
from __future__ import annotations

import json

import pytest

from kg.schema import model
from kg.build import build, save_layer
from kg.errors import DataErrors
from kg.sources.layers import history, layers_dir, list_layers, read_layer
from kg.query.lookup import resolve
from kg.store.local import open_store, read_meta

SRC = (model.Source("infores:example", agent="automated_agent", release="2026-01-01", record="X:1"),)


def _records(name="novelimab"):
    drug = model.Drug(id="KG:drug-novelimab", name=name, kind="monoclonal antibody", sources=SRC)
    mech = model.Mechanism(id="KG:mech-novelimab-pdl1", drug=drug.id, target="HGNC:17635", action="binds", sources=SRC)
    trial = model.Trial(id="KG:trial-novel-1", acronym="NOVEL-1", phase="phase 3", interventions=(drug.id,),
                        conditions=("MONDO:0007256",), sources=SRC)
    return [drug, mech, trial]


@pytest.fixture
def base(mini, tmp_path):
    store = tmp_path / "store"
    build(mini, store)
    return store


def test_save_adds_records_to_the_store_and_lookup_finds_them(base):
    rep = save_layer(base, "example", _records(), {"source": "infores:example", "release": "2026-01-01"})
    assert rep["written"] and rep["added"] == ["KG:drug-novelimab", "KG:mech-novelimab-pdl1", "KG:trial-novel-1"]
    st = open_store(base)
    assert resolve(st, "novelimab") == ["KG:drug-novelimab"]
    assert resolve(st, "NOVEL-1") == ["KG:trial-novel-1"]
    # provenance of an imported edge: source, agent, release, record id
    rows = list(st.query("""PREFIX kg: <https://w3id.org/oncokg/ontology#>
        PREFIX biolink: <https://w3id.org/biolink/vocab/>
        SELECT ?agent ?rel ?rec WHERE { ?a biolink:subject <https://w3id.org/oncokg/id/drug-novelimab> ;
            kg:agentType ?agent ; kg:sourceReleases [ kg:entryValue ?rel ] ; kg:sourceRecords [ kg:entryValue ?rec ] }"""))
    assert {(r["agent"].value, r["rel"].value, r["rec"].value) for r in rows} == {("automated_agent", "2026-01-01", "X:1")}
    assert read_meta(base)["layers"] == ["example.jsonl"]


def test_saving_the_same_records_again_changes_nothing(base):
    save_layer(base, "example", _records(), {"release": "1"})
    before = (layers_dir(base) / "example.jsonl").read_bytes(), read_meta(base)["built_at"]
    rep = save_layer(base, "example", list(reversed(_records())), {"release": "1"})
    assert not rep["written"] and rep["unchanged"] == 3 and not (rep["added"] or rep["changed"] or rep["removed"])
    assert ((layers_dir(base) / "example.jsonl").read_bytes(), read_meta(base)["built_at"]) == before
    assert len(history(base, "example")) == 1


def test_a_newer_version_updates_and_keeps_history(base):
    save_layer(base, "example", _records(), {"release": "1"})
    rep = save_layer(base, "example", _records("novelimab-2")[:1], {"release": "2"})
    assert rep["changed"] == ["KG:drug-novelimab"]
    assert rep["removed"] == ["KG:mech-novelimab-pdl1", "KG:trial-novel-1"]
    h = history(base, "example")
    assert [e["meta"]["release"] for e in h] == ["1", "2"] and h[1]["changed"] == ["KG:drug-novelimab"]
    assert resolve(open_store(base), "NOVEL-1") == []


def test_a_rebuild_keeps_the_layers(base, mini):
    save_layer(base, "example", _records(), {})
    build(mini, base)
    assert resolve(open_store(base), "novelimab") == ["KG:drug-novelimab"]


def test_invalid_records_change_nothing(base):
    save_layer(base, "example", _records(), {"release": "1"})
    built_at = read_meta(base)["built_at"]
    bad = model.Mechanism(id="KG:mech-bad", drug="KG:drug-nowhere", target="HGNC:17635", action="binds", sources=SRC)
    with pytest.raises(DataErrors) as exc:
        save_layer(base, "example", [*_records(), bad], {"release": "2"})
    err = exc.value.errors[0]
    assert err.file.endswith("example.jsonl (the version to save: not written)")  # not the file as it is
    assert err.field == "drug" and "dangling" in str(err) and err.line >= 2
    assert read_meta(base)["built_at"] == built_at
    assert len(read_layer(layers_dir(base) / "example.jsonl")[1]["mechanisms"]) == 1
    assert len(history(base, "example")) == 1


def test_a_layer_may_not_redefine_a_curated_record(base):
    curated = model.Drug(id="DRUGBANK:DB11595", name="something else", sources=SRC)
    with pytest.raises(DataErrors, match="duplicate id DRUGBANK:DB11595"):
        save_layer(base, "example", [curated], {})
    assert resolve(open_store(base), "something else") == []


def test_bad_layer_name_and_broken_file(base):
    with pytest.raises(Exception, match="bad layer name"):
        save_layer(base, "../escape", _records(), {})
    save_layer(base, "example", _records(), {})
    path = layers_dir(base) / "example.jsonl"
    path.write_text(path.read_text().replace('"kind": "trials"', '"kind": "trials", "oops": 1'))
    with pytest.raises(Exception) as exc:
        build(read_meta(base)["data_dir"], base)
    assert "example.jsonl" in str(exc.value)


def test_remove_and_list(base, capsys):
    from tests.test_cli import kg

    save_layer(base, "example", _records(), {"release": "1"})
    code, out, err = kg(capsys, "layers", "--store", str(base), "--format", "json")
    assert code == 0, err
    assert json.loads(out)[0]["records"] == {"drugs": 1, "mechanisms": 1, "trials": 1}
    code, out, err = kg(capsys, "layers", "--store", str(base), "history", "example")
    assert code == 0 and "release 1: 3 added, 0 changed, 0 removed" in out
    code, out, err = kg(capsys, "layers", "--store", str(base), "remove", "nothing")
    assert code == 1 and "not found" in err
    code, out, err = kg(capsys, "layers", "--store", str(base), "remove", "example")
    assert code == 0, err
    assert list_layers(base) == [] and resolve(open_store(base), "novelimab") == []
    assert history(base, "example")[-1]["removed"] == ["KG:drug-novelimab", "KG:mech-novelimab-pdl1", "KG:trial-novel-1"]
