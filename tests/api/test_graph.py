"""The Python API: kg.open() finds the store as the CLI does; each method takes what users type
(names, synonyms, brands, ids), answers as the kg.query function behind the CLI command, wraps
it in typed results, and refuses bad input with the project's errors."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys

import networkx as nx
import pytest

import kg
from kg.api import Approval, Entity, Evidence, GraphPath, Results, TargetDrug, Trial
from kg.errors import KGError, NotFoundError, QueryError, RefusedError, StoreError
from kg.query import approvals as approvals_q, evidence as evidence_q, targets as targets_q, trials as trials_q

ATEZO, TNBC, PDL1 = "DRUGBANK:DB11595", "MONDO:0005494", "HGNC:17635"


@pytest.fixture(scope="module")
def g(built):
    return kg.open(built["store"])


def test_open_resolves_the_store_as_the_cli(built, tmp_path, monkeypatch):
    assert kg.open(built["store"]).location == built["store"]
    monkeypatch.setenv("KG_STORE", str(built["store"]))
    assert kg.open().location == built["store"]
    assert kg.open(str(built["store"])).stats()["nodes"] == built["stats"]["nodes"]  # an explicit path wins over $KG_STORE
    monkeypatch.delenv("KG_STORE")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(StoreError, match="exports/store"):
        kg.open()
    shutil.copytree(built["store"], tmp_path / "exports" / "store")
    assert kg.open().stats()["triples"] == built["stats"]["triples"]
    with pytest.raises(StoreError):
        kg.open(tmp_path / "nowhere")


def test_a_store_of_another_version_is_refused(built, tmp_path):
    other = tmp_path / "store"
    shutil.copytree(built["store"], other)
    meta = json.loads((other / "kg-meta.json").read_text())
    (other / "kg-meta.json").write_text(json.dumps({**meta, "store_format": 1}))
    with pytest.raises(StoreError, match="another version"):
        kg.open(other)


@pytest.mark.parametrize("name", ["Tecentriq", "atezolizumab", "MPDL3280A", ATEZO, "db11595", " TECENTRIQ "])
def test_approvals_by_any_name(g, store, name):
    got = g.approvals(name)
    assert isinstance(got, Results) and all(isinstance(a, Approval) for a in got)
    assert got.to_dict() == approvals_q.approvals(store, ATEZO)
    assert len(got) == len(approvals_q.approvals(store, ATEZO)) >= 17 and got[0].drug.id == ATEZO


def test_each_question_is_the_function_behind_the_cli(g, store):
    assert g.approvals().to_dict() == approvals_q.approvals(store)
    assert g.withdrawn().to_dict() == approvals_q.withdrawn(store)
    assert g.withdrawn("Tecentriq").to_dict() == approvals_q.withdrawn(store, ATEZO)
    assert g.as_of("2021-09-15", drug="Tecentriq").to_dict() == approvals_q.as_of(store, "2021-09-15", ATEZO)
    assert g.as_of("2021-09-15").to_dict() == approvals_q.as_of(store, "2021-09-15")
    assert g.evidence("Tecentriq", "TNBC").to_dict() == evidence_q.evidence(store, ATEZO, TNBC)
    assert g.evidence("atezolizumab", "TNBC", claims=False).to_dict() == evidence_q.evidence(store, ATEZO, TNBC,
                                                                                             claims=False)
    assert g.trials("atezolizumab", phase="III", negative=True).to_dict() == trials_q.trials(
        store, ATEZO, phase="III", negative=True)
    assert g.drugs_for_target("PD-L1").to_dict() == targets_q.drugs_for_target(store, PDL1)
    assert g.contradictions().to_dict() == evidence_q.contradictions(store)
    for kind, items in ((Evidence, g.evidence("atezolizumab", "TNBC")), (Trial, g.trials("atezolizumab")),
                        (TargetDrug, g.drugs_for_target("CD274"))):
        assert items and all(type(x) is kind for x in items)


def test_typed_results_read_as_attributes(g):
    first = g.withdrawn("atezolizumab")[0]
    assert first.status == "withdrawn" and [t.id for t in first.withdrawal.failed_trials] == ["CLINICALTRIALS:NCT02302807"]
    assert [t.acronym for t in first.trials] == ["IMvigor210", "IMvigor211"]
    assert first.trials[0].results[0].met in (True, False)
    assert repr(first).startswith("Approval(drug='atezolizumab', date='2016-05-18', status='withdrawn'")
    ev = g.evidence("atezolizumab", "TNBC")
    assert {e.kind for e in ev} == {"approval", "trial result", "claim"}
    assert json.loads(json.dumps(ev.to_dict())) == ev.to_dict()  # plain data, JSON-ready


def test_lookup_and_path(g, store):
    found = g.lookup("Tecentriq")
    assert [type(e) for e in found] == [Entity] and found[0].id == ATEZO and found[0].type == "Drug"
    assert any(n.node.id == PDL1 for n in found[0].neighbours)
    paths = g.path("Tecentriq", "PD-1")
    assert [type(p) for p in paths] == [GraphPath] and paths[0].length == 1
    assert [n.name for n in paths[0].nodes] == ["atezolizumab", "PD-1"]
    assert paths[0].steps[0].edges[0].predicate
    assert g.path("Tecentriq", "Tecentriq", max_paths=1)[0].length == 0


def test_new_fields_flow_through(g, monkeypatch):
    """The API wraps what the question returns: a field added there (as the approval lifecycle
    work adds some) is an attribute, a key and in to_dict() with no change to the API."""
    real = approvals_q.approvals

    def more(store, drug=None, **kw):
        return [{**a, "conversion": {"date": "2099-01-01", "trial": "X"}} for a in real(store, drug, **kw)]

    monkeypatch.setattr(approvals_q, "approvals", more)
    a = g.approvals("Tecentriq")[0]
    assert a.conversion.date == "2099-01-01" and a["conversion"]["trial"] == "X"
    assert a.to_dict()["conversion"] == {"date": "2099-01-01", "trial": "X"}
    assert "conversion" in dir(a)


@pytest.mark.parametrize("call", [
    lambda g: g.approvals("tecentrik"), lambda g: g.approvals("x' } DROP ALL"), lambda g: g.approvals(""),
    lambda g: g.evidence("atezolizumab", "no such disease"), lambda g: g.evidence("TNBC", "atezolizumab"),
    lambda g: g.drugs_for_target("atezolizumab"), lambda g: g.trials("<script>"), lambda g: g.lookup("   "),
    lambda g: g.path("atezolizumab", "nowhere at all"), lambda g: g.resolve("PD-L1", "Drug"),
])
def test_unknown_names_are_not_found(g, call):
    with pytest.raises(NotFoundError):
        call(g)


def test_suggestions_come_with_not_found(g):
    with pytest.raises(NotFoundError) as info:
        g.approvals("tecentrik")
    assert "tecentriq" in info.value.suggestions


@pytest.mark.parametrize("call, message", [
    (lambda g: g.as_of("15/09/2021"), "bad date"), (lambda g: g.as_of("2021-09"), "full date"),
    (lambda g: g.as_of(20210915), "must be text"), (lambda g: g.approvals(42), "must be text"),
    (lambda g: g.path("atezolizumab", "PD-1", max_paths=0), "max_paths"),
    (lambda g: g.sparql("SELECT * WHERE { ?s ?p }"), "syntax error at line 1, column 24"),
    (lambda g: g.sparql("SELECT ?x WHERE { ?x kg:name ?n } LIMIT -1"), "syntax error|query failed"),
    (lambda g: g.sparql("hello"), "not a query"),
])
def test_bad_input_is_a_query_error(g, call, message):
    with pytest.raises(QueryError, match=message):
        call(g)


def test_sparql_is_read_only_and_binds_values(g, built):
    rows = g.sparql("SELECT ?d ?name WHERE { ?d kg:name ?name }", d="Tecentriq")  # not an id: a literal
    assert rows == []
    rows = g.sparql("SELECT ?d ?name WHERE { ?d kg:name ?name }", d=ATEZO)
    assert rows == [{"d": ATEZO, "name": "atezolizumab"}]
    assert g.sparql("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }") == [{"n": built["stats"]["triples"]}]
    assert g.sparql("ASK { ?d kg:name 'atezolizumab' }") is True
    triples = g.sparql("CONSTRUCT { ?d kg:name ?n } WHERE { ?d kg:name ?n }", d=ATEZO)
    assert [(s.value, o.value) for s, _, o in triples] == [("http://identifiers.org/drugbank/DB11595", "atezolizumab")]
    for hostile in ("INSERT DATA { <a:b> <a:c> <a:d> }", "DELETE WHERE { ?s ?p ?o }",
                    "SELECT * WHERE { SERVICE <http://127.0.0.1:1/> { ?s ?p ?o } }"):
        with pytest.raises(RefusedError):
            g.sparql(hostile)
    assert g.sparql("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")[0]["n"] == built["stats"]["triples"]


def test_to_networkx_is_the_graph_the_build_made(g, graph):
    got = g.to_networkx()
    assert nx.utils.graphs_equal(got, graph)
    assert got.nodes[ATEZO]["type"] == "Drug" and got.nodes[ATEZO]["source_locators"]


def test_whole_graph_views_hold_every_partition(layered):
    from kg.export.rdf import store_graph  # noqa: F401 - the same graph, checked in tests/test_export.py

    lg = kg.open(layered)
    nxg = lg.to_networkx()
    assert nxg.nodes["KG:drug-novelimab"]["name"] == "novelimab"
    assert nxg.has_edge("KG:drug-novelimab", PDL1, "kg:binds")
    assert len(lg.to_rdflib()) == lg.sparql("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")[0]["n"]
    names = [d.drug.name for d in lg.drugs_for_target("PD-L1")]  # the layer's drug beside the curated ones
    assert {"novelimab", "atezolizumab", "avelumab", "durvalumab"} <= set(names) and names == sorted(names)


def test_errors_are_one_tree(g):
    for call in (lambda: g.approvals("nope nope"), lambda: g.sparql("DROP ALL"), lambda: kg.open("/nonexistent")):
        with pytest.raises(KGError):
            call()


def test_import_kg_is_cheap_and_open_needs_no_rdflib(built):
    code = ("import sys, json\nimport kg\nbefore = sorted(sys.modules)\n"
            "g = kg.open(%r)\na = g.approvals('Tecentriq'); e = g.evidence('atezolizumab', 'TNBC')\n"
            "print(json.dumps([before, sorted(sys.modules)]))" % str(built["store"]))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    before, after = json.loads(out.strip().splitlines()[-1])
    assert [m for m in before if m == "kg" or m.startswith("kg.")] == ["kg"]
    assert not {m.split(".")[0] for m in before} & {"pyoxigraph", "rdflib", "networkx", "click", "yaml"}
    assert not {m.split(".")[0] for m in after} & {"rdflib", "networkx", "pyvis", "pyshacl"}


PUBLIC = ["kg", "kg.api", "kg.api.graph", "kg.api.results", "kg.errors", "kg.fsutil", "kg.build", "kg.export.rdf",
          "kg.export.html", "kg.export.explorer", "kg.export.layout", "kg.export.networkx_graph", "kg.store.local",
          "kg.store.write", "kg.query.stored", "kg.query.lookup", "kg.query.evidence", "kg.query.targets",
          "kg.query.trials", "kg.query.path", "kg.query.common"]


@pytest.mark.parametrize("name", PUBLIC)
def test_public_modules_declare_what_they_export(name):
    import importlib

    module = importlib.import_module(name)
    assert module.__all__ and len(set(module.__all__)) == len(module.__all__)
    assert all(hasattr(module, n) for n in module.__all__)


def test_star_import_keeps_the_builtin_open():
    ns: dict = {}
    exec("from kg import *", ns)  # noqa: S102 - what a notebook user may type
    assert "open" not in ns and ns["Graph"] is kg.Graph
