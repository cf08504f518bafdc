"""The explorer's data read from the store by stored queries: the same as from the graph built
in Python (so the same page), every partition in it, and no rdflib on the way."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from kg.export.explorer import EDGE_ATTRS, NODE_ATTRS, from_networkx, from_store, subgraph
from kg.export.html import render_html
from kg.schema.vocab import NODE_TYPES, prop_local
from kg.store.local import open_store

QUERIES = Path(__file__).resolve().parents[2] / "kg" / "query"
KG = "https://w3id.org/oncokg/ontology#"
PDL1 = "HGNC:17635"


def _listed(name: str, var: str) -> list[str]:
    text = (QUERIES / f"{name}.rq").read_text()
    return re.search(r"FILTER \(\?%s IN \(([^)]*)\)\)" % var, text).group(1).replace(",", " ").split()


def test_queries_ask_for_what_the_page_uses():
    assert _listed("explorer_nodes", "t") == [f"kg:{t}" for t in NODE_TYPES]
    assert _listed("explorer_nodes", "p")[1:] == [f"kg:{prop_local(a)}" for a in NODE_ATTRS]
    assert _listed("explorer_edges", "p") == ["kg:edgeKey"] + [f"kg:{prop_local(a)}" for a in EDGE_ATTRS]


def test_store_gives_what_the_graph_gives(store, graph):
    """Read by two queries from the store, or taken from the networkx graph built from the same
    files: the same nodes, edges and attributes, in the same order; and the page is the one the
    old way (store -> rdflib -> networkx) gave, to the byte (a whole number written as 1.0 in
    the files is 1 in RDF either way)."""
    from kg.graph.rdf import graph_to_rdf, rdf_to_graph

    native, python = from_store(store), from_networkx(graph)
    assert native.number_of_nodes() == graph.number_of_nodes() > 100
    assert native.number_of_edges() == graph.number_of_edges()
    assert native.nodes == python.nodes and native.edges == python.edges
    assert render_html(native) == render_html(rdf_to_graph(graph_to_rdf(graph)))


def test_every_partition_is_shown(layered):
    x = from_store(open_store(layered))
    assert x.nodes["KG:drug-novelimab"] == {"type": "Drug", "name": "novelimab", "sources": ["infores:example"]}
    binds = [e for e in x.edges if e[0] == "KG:drug-novelimab" and e[1] == PDL1]
    assert [(e[2], e[3]["predicate"]) for e in binds] == [("kg:binds", "kg:binds")]
    near = subgraph(x, focus="novelimab")
    assert {PDL1, "KG:trial-novel-1"} <= set(near.nodes)


def test_hostile_and_dangling_data_from_a_store(tmp_path):
    """Literals that look like markup reach the page as data only; an edge to a node that no
    partition typed still shows, labelled with its id."""
    from kg.store.write import write_store

    hostile = '</script><img src=x onerror=alert(1)>'
    a, x, d = "https://w3id.org/oncokg/id/a-1", "https://w3id.org/oncokg/id/x", "https://w3id.org/oncokg/id/d"
    bl = "https://w3id.org/biolink/vocab/"
    nt = "\n".join([
        f'<{x}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{KG}Drug> .',
        f'<{x}> <{KG}name> {json.dumps(hostile)} .',
        f'<{x}> <{KG}synonym> "{hostile[:9]}" .',
        f'<{a}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{KG}Assertion> .',
        f'<{a}> <{bl}subject> <{x}> .', f'<{a}> <{bl}original_predicate> <{KG}binds> .',
        f'<{a}> <{bl}predicate> <{bl}directly_physically_interacts_with> .', f'<{a}> <{bl}object> <{d}> .',
        f'<{a}> <{KG}edgeKey> "kg:binds" .', f'<{a}> <{KG}statement> {json.dumps(hostile)} .', ""]).encode()
    write_store(tmp_path / "store", {"curated": (nt, b"")}, {"partitions": {"curated": {}}})
    got = from_store(open_store(tmp_path / "store"))
    assert got.nodes == {"KG:d": {}, "KG:x": {"type": "Drug", "name": hostile, "synonyms": [hostile[:9]]}}
    assert got.edges == [("KG:x", "KG:d", "kg:binds", {"predicate": "kg:binds", "statement": hostile})]
    page = render_html(got, title=hostile)
    assert hostile not in page and "<img" not in page and page.count("</script>") == 3
    data = json.loads(re.search(r'id="kg-data">(.*?)</script>', page, re.S).group(1))
    assert {n["id"]: n["label"] for n in data["nodes"]} == {"KG:d": "KG:d", "KG:x": hostile}
    assert data["edges"][0]["statement"] == hostile


def test_viz_reads_the_store_without_rdflib(built, tmp_path):
    """kg viz goes store -> stored queries -> page: no rdflib graph is ever built."""
    out = tmp_path / "kg.html"
    code = ("import sys, json\nfrom kg.cli import main\ntry:\n    main(['viz', '--output', %r, '--store', %r])\n"
            "except SystemExit as e:\n    assert e.code == 0, e.code\n"
            "print(json.dumps(sorted(m for m in sys.modules)))" % (str(out), str(built["store"])))
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    modules = set(json.loads(res.strip().splitlines()[-1]))
    assert not {m for m in modules if m.split(".")[0] in ("rdflib", "pyshacl")}
    assert "wrote" in res and out.stat().st_size > 100_000
    assert [p.name for p in tmp_path.iterdir()] == ["kg.html"]


@pytest.mark.parametrize("focus", [None, "atezolizumab"])
def test_selection_from_store_matches_the_graph(store, graph, focus):
    args = {"focus": focus, "types": ["Drug", "Trial", "Indication"], "min_level": "phase 3"}
    native, python = subgraph(from_store(store), **args), subgraph(from_networkx(graph), **args)
    assert native == python and native.number_of_edges() > 0
