"""KGX export: every category and predicate exists in the Biolink 4.4.4 release (read from
../shared), predicates are real predicates (descend from related_to), categories are classes
that descend from named thing, enum values are permissible, and every required column is filled."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest

from kg.export import kgx
from tests.conftest import shared

REQUIRED_NODE = ["id", "category", "name", "provided_by"]
REQUIRED_EDGE = ["id", "subject", "predicate", "object", "category", "knowledge_level", "agent_type",
                 "primary_knowledge_source"]


@pytest.fixture(scope="module")
def biolink():
    import yaml

    path = shared("data", "biolink-model", "biolink-model.yaml")
    model = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    assert str(model["version"]) == "4.4.4"
    return model


@pytest.fixture(scope="module")
def written(store, tmp_path_factory):
    out = tmp_path_factory.mktemp("kgx")
    done = kgx.export(store, out)

    def read(name):
        with open(out / name, encoding="utf-8", newline="") as fh:
            return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))

    return done, read("nodes.tsv"), read("edges.tsv")


def _element(name: str) -> str:
    """biolink:in_clinical_trials_for -> 'in clinical trials for'; biolink:ClinicalTrial -> 'clinical trial'."""
    local = name.split(":", 1)[1]
    if "_" in local or local.islower():
        return local.replace("_", " ")
    return "".join(" " + c.lower() if c.isupper() else c for c in local).strip()


def _ancestors(table: dict, name: str) -> list[str]:
    out = []
    while name in table:
        out.append(name)
        name = table[name].get("is_a")
    return out


def test_row_counts_match_the_store(written, built):
    done, nodes, edges = written
    assert done["nodes"] == len(nodes) == built["stats"]["nodes"]
    assert done["edges"] == len(edges) == built["stats"]["edges"]
    assert len({n["id"] for n in nodes}) == len(nodes) and len({e["id"] for e in edges}) == len(edges)


def test_categories_exist_in_biolink(written, biolink):
    _, nodes, edges = written
    used = {c for n in nodes for c in n["category"].split("|")} | {e["category"] for e in edges}
    for cat in used:
        assert cat.startswith("biolink:")
        name = _element(cat)
        assert name in biolink["classes"], cat
        assert {"named thing", "association"} & set(_ancestors(biolink["classes"], name)), cat


def test_predicates_exist_in_biolink_and_are_predicates(written, biolink):
    _, _, edges = written
    used = {e["predicate"] for e in edges} | set(kgx.PREDICATES.values())
    for pred in used:
        name = _element(pred)
        assert name in biolink["slots"], pred
        assert "related to" in _ancestors(biolink["slots"], name), pred
        # mixins count: biolink:treats is one in 4.x, and the canonical predicate for approved treatments
        assert not biolink["slots"][name].get("abstract") and not biolink["slots"][name].get("deprecated"), pred


def test_enums_and_edge_slots_are_biolink(written, biolink):
    _, _, edges = written
    levels = set(biolink["enums"]["KnowledgeLevelEnum"]["permissible_values"])
    agents = set(biolink["enums"]["AgentTypeEnum"]["permissible_values"])
    assert {e["knowledge_level"] for e in edges} <= levels
    assert {e["agent_type"] for e in edges} <= agents
    for slot in ("knowledge level", "agent type", "primary knowledge source", "publications"):
        assert slot in biolink["classes"]["association"]["slots"]


def test_required_columns_filled_and_references_resolve(written):
    _, nodes, edges = written
    for row in nodes:
        assert all(row[c] for c in REQUIRED_NODE), row
    ids = {n["id"] for n in nodes}
    for row in edges:
        assert all(row[c] for c in REQUIRED_EDGE), row
        assert row["subject"] in ids and row["object"] in ids, row
        assert all(p.split(":")[0] in ("PMID", "PMC", "DOI") for p in row["publications"].split("|") if p)
    assert any(e["publications"] for e in edges)


def test_original_predicates_kept(written, store):
    _, _, edges = written
    treats = [e for e in edges if e["original_predicate"] == "kg:approvedFor"]
    want = store.query("SELECT (COUNT(*) AS ?n) WHERE { ?a <https://w3id.org/biolink/vocab/original_predicate> "
                       "<https://w3id.org/oncokg/ontology#approvedFor> }")
    assert len(treats) == int(next(iter(want))["n"].value) > 0
    assert {e["predicate"] for e in treats} == {"biolink:treats"}


def test_cli_kgx(runner, built, tmp_path):
    from kg.cli import cli

    out = tmp_path / "kgx"
    result = runner.invoke(cli, ["export", "--format", "kgx", "--output", str(out), "--store", str(built["store"])])
    assert result.exit_code == 0, result.output
    assert (out / "nodes.tsv").read_text().count("\n") == built["stats"]["nodes"] + 1
    assert sorted(p.name for p in Path(out).iterdir()) == ["edges.tsv", "nodes.tsv"]  # no temporary files left
    bad = runner.invoke(cli, ["export", "--format", "kgx", "--output", "-", "--store", str(built["store"])])
    assert bad.exit_code == 2


def test_imported_edges_keep_their_agent_and_knowledge_source(mini, tmp_path):
    """An edge from an imported layer is an automated_agent's, from its infores source."""
    from kg.schema import model
    from kg.build import build
    from kg.sources.layers import save_layer
    from kg.store.local import open_store

    store = tmp_path / "store"
    build(mini, store)
    src = (model.Source("infores:example", agent="automated_agent", record="X:1"),)
    save_layer(store, "example", [
        model.Drug(id="KG:drug-novelimab", name="novelimab", sources=src),
        model.Mechanism(id="KG:mech-n", drug="KG:drug-novelimab", target="HGNC:17635", action="binds", sources=src),
    ], {})
    rows = {(r["subject"], r["object"]): r for r in kgx.edges(open_store(store))}
    row = rows[("KG:drug-novelimab", "HGNC:17635")]
    assert (row["agent_type"], row["primary_knowledge_source"]) == ("automated_agent", "infores:example")
    curated = rows[("DRUGBANK:DB11595", "HGNC:17635")]
    assert (curated["agent_type"], curated["primary_knowledge_source"]) == ("manual_agent", kgx.INFORES)
