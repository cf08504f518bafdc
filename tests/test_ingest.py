"""kg ingest: records, the JSON shape, the layer (idempotent, curated records untouched) and bad files."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from kg.cli import cli
from kg.schema import model
from tests.conftest import DATA, shared

ARTICLES = Path(__file__).parent / "fixtures" / "articles"


@pytest.fixture
def own_store(tmp_path):
    """A store of our own (ingest rebuilds it), built from a copy of the curated data."""
    from kg.build import build

    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    build(data, tmp_path / "store", None)
    return tmp_path / "store"


def _run(runner, *args):
    return runner.invoke(cli, list(map(str, args)), catch_exceptions=False)


def test_dry_run_json_has_the_issue_shape_and_writes_nothing(runner, built):
    before = sorted(p.name for p in built["store"].parent.iterdir())
    r = _run(runner, "ingest", "--dry-run", "--format", "json", "--with-text", "--store", built["store"],
             ARTICLES / "velarimab-orion7.md")
    assert r.exit_code == 0, r.output
    data = json.loads(r.output)
    assert set(data) == {"document", "entities", "claims"}
    assert {"id", "title", "sha256", "path", "text"} <= set(data["document"])
    for e in data["entities"]:
        assert set(e) == {"type", "id", "text", "start", "end", "new"}
        assert data["document"]["text"][e["start"]:e["end"]] == e["text"]
    for c in data["claims"]:
        assert set(c) == {"kind", "subject", "object", "values", "evidence_level", "direction", "sentence", "start", "end"}
        assert data["document"]["text"][c["start"]:c["end"]] == c["sentence"]
    assert sorted(p.name for p in built["store"].parent.iterdir()) == before


def test_records_are_typed_sourced_and_machine_extracted(store):
    from kg.sources.ingest import extract_file, to_records

    ex = extract_file(ARTICLES / "velarimab-orion7.md", store)
    recs = to_records(ex)
    kinds = {type(r).__name__ for r in recs}
    assert kinds == {"Document", "Drug", "Trial", "Claim"}
    drug = next(r for r in recs if isinstance(r, model.Drug))
    assert drug.id == "KG:drug-velarimab" and drug.kind == "monoclonal antibody"
    trial = next(r for r in recs if isinstance(r, model.Trial))
    assert (trial.id, trial.acronym, trial.phase) == ("CLINICALTRIALS:NCT09876543", "ORION-7", "phase 3")
    assert "MONDO:0005233" in trial.conditions and "KG:drug-velarimab" in trial.interventions
    for r in recs:
        assert all(s.agent == "text_mining_agent" and s.id == ex.doc_id for s in r.sources)
    for c in (r for r in recs if isinstance(r, model.Claim)):
        assert c.sources[0].where == f"chars {c.start}-{c.end}" and c.statement == ex.text.text[c.start:c.end]


def test_a_curated_seed_reuses_its_document_and_emits_no_document(store):
    from kg.sources.ingest import extract_file, to_records

    ex = extract_file(shared("seeds", "alexandra-impassion030-news.txt"), store)
    recs = to_records(ex)
    assert ex.doc_id == "KG:doc-alexandra-impassion030-news" and ex.curated
    assert not any(isinstance(r, (model.Document, model.Drug, model.Trial)) for r in recs)
    assert all(isinstance(r, model.Claim) and r.document == ex.doc_id for r in recs)


def test_ingest_twice_adds_nothing_and_lookup_finds_new_entities(runner, own_store):
    from kg.query.lookup import lookup
    from kg.store.local import open_store

    before = open_store(own_store).query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    n_before = int(next(iter(before))["n"].value)
    first = json.loads(_run(runner, "ingest", "--format", "json", "--store", own_store,
                            ARTICLES / "velarimab-orion7.md").output)
    saved = first["document"]["saved"]
    assert saved["written"] and "KG:drug-velarimab" in saved["added"] and not saved["removed"]
    again = _run(runner, "ingest", "--store", own_store, ARTICLES / "velarimab-orion7.md")
    assert again.exit_code == 0 and "unchanged: nothing to add" in again.output
    st = open_store(own_store)
    card = lookup(st, "velarimab")[0]
    assert card["id"] == "KG:drug-velarimab" and card["attributes"]["agent_type"] == "text_mining_agent"
    assert any(n["node"]["id"] == "HGNC:8760" for n in card["neighbours"])
    assert lookup(st, "ORION-7")[0]["id"] == "CLINICALTRIALS:NCT09876543"
    after = int(next(iter(st.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")))["n"].value)
    assert after > n_before
    # curated records are untouched: atezolizumab's card has no text-mined source
    atezo = lookup(st, "atezolizumab")[0]
    assert atezo["attributes"].get("agent_type") is None and not any(s.startswith("KG:doc-velarimab")
                                                                       for s in atezo["sources"])


def test_ingesting_a_seed_keeps_curated_claims_and_adds_machine_ones(runner, own_store):
    from kg.query.evidence import evidence
    from kg.store.local import open_store

    r = _run(runner, "ingest", "--store", own_store, shared("seeds", "atezolizumab-stage-iv-evidence-page.txt"))
    assert r.exit_code == 0, r.output
    items = evidence(open_store(own_store), "DRUGBANK:DB11595", "MONDO:0040679")
    claims = [i for i in items if i["kind"] == "claim"]
    assert any(i["accuracy"] == "outdated" for i in claims)  # the curated claim is still there
    assert any(i["accuracy"] is None and "urothelial carcinoma" in (i["statement"] or "") for i in claims)


@pytest.mark.parametrize("content,message", [(b"\xff\xfe\x00x", "binary"), ("caf\u00e9".encode("cp1252"), "not UTF-8"),
                                             (b"", "empty"), (None, "no such file")])
def test_bad_files_exit_2_and_write_nothing(tmp_path, own_store, content, message):
    import subprocess
    import sys

    path = tmp_path / "article.txt"
    if content is not None:
        path.write_bytes(content)
    layers = own_store.parent / (own_store.name + ".layers")
    r = subprocess.run([sys.executable, "-m", "kg", "ingest", "--store", str(own_store), str(path)],
                       capture_output=True, text=True, cwd=Path(__file__).parent.parent)
    assert r.returncode == 2 and message in r.stderr and str(path) in r.stderr
    assert not layers.exists() or not any(layers.iterdir())
