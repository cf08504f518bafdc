"""The HTML explorer without a browser: self-contained, complete, escaped, and selective."""
from __future__ import annotations

import json
import re

import networkx as nx
import pytest

pytest.importorskip("pyvis")

from kg.export.explorer import from_networkx, subgraph  # noqa: E402
from kg.export.html import identifier_link, write_html  # noqa: E402

XSS = ["<img src=x onerror=alert(1)>", "</script><script>alert(1)</script>", '"><svg onload=alert(1)>']
ATEZO, PDL1, IMPASSION130 = "DRUGBANK:DB11595", "HGNC:17635", "CLINICALTRIALS:NCT02425891"


def page_data(text: str) -> dict:
    m = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', text, re.S)
    assert m, "no data block"
    return json.loads(m.group(1))


def xss_graph() -> nx.MultiDiGraph:
    """A small graph whose names, synonyms, statements and sources are all hostile."""
    g = nx.MultiDiGraph()
    for i, s in enumerate(XSS):
        g.add_node(f"KG:x{i}", type="Drug", name=s, synonyms=[s], sources=[s], xrefs=[f"PMID:{s}"])
    g.add_node("KG:t", type="Indication", name=XSS[0])
    for i, s in enumerate(XSS):
        g.add_edge(f"KG:x{i}", "KG:t", key=f"k{i}", predicate=s, level="phase 3", direction="supports",
                   statement=s, sources=[s], endpoint=s, measure=s, value=1, ci_low=0, ci_high=2)
    return g


@pytest.fixture(scope="module")
def page(graph, tmp_path_factory):
    path = tmp_path_factory.mktemp("html") / "graph.html"
    write_html(graph, path)
    return path.read_text(encoding="utf-8")


def test_self_contained(page):
    assert not re.search(r"<script[^>]*\ssrc\s*=", page, re.I)
    assert not re.search(r"<link\b", page, re.I)
    assert not re.search(r"<(img|iframe|object|embed)\b[^>]*\s(src|data)\s*=", page, re.I)
    # no content-delivery host (a source URL may have "cdn" in its path: aacrjournals.org/cdnews/...)
    assert not re.search(r"https?://[^/\"'\s]*cdn[^/\"'\s]*/", page, re.I) and "bootstrap" not in page.lower()
    assert "vis.Network" in page and ".vis-network" in page  # the library and its CSS are inlined
    for tag in re.findall(r"<(?:script|link|style)\b[^>]*>", page, re.I):
        assert "http" not in tag


def test_json_holds_the_whole_graph(page, graph):
    data = page_data(page)
    assert len(data["nodes"]) == graph.number_of_nodes()
    assert len(data["edges"]) == graph.number_of_edges()
    assert {n["id"] for n in data["nodes"]} == set(graph)
    assert len({e["id"] for e in data["edges"]}) == graph.number_of_edges()
    assert all("x" in n and "y" in n for n in data["nodes"])


def test_labels_are_names(page, graph):
    labels = {n["id"]: n["label"] for n in page_data(page)["nodes"]}
    assert labels[IMPASSION130] == "IMpassion130"
    assert labels[ATEZO] == "atezolizumab"
    assert all(labels[n] == d["name"] for n, d in graph.nodes(data=True))


def test_look_encodes_type_direction_level_withdrawal(page, graph):
    data = page_data(page)
    nodes = {n["id"]: n for n in data["nodes"]}
    assert nodes[ATEZO]["group"] == "Drug" and nodes[PDL1]["shape"] == "diamond"
    edges = data["edges"]
    by_dir = {}
    for e in edges:
        by_dir.setdefault(e.get("direction"), set()).add(e["color"])
    assert by_dir["supports"] == {"#2e7d32"} and by_dir["does not support"] == {"#c62828"}
    assert by_dir[None] == {"#cfcfcf"}
    p3 = {e["width"] for e in edges if e.get("level") == "phase 3"}
    p2 = {e["width"] for e in edges if e.get("level") == "phase 2"}
    assert p3 and p2 and min(p3) > max(p2)
    withdrawn = {n for n, d in graph.nodes(data=True) if d["type"] == "Approval" and d.get("status") == "withdrawn"}
    assert withdrawn
    touching = [e for e in edges if e["from"] in withdrawn or e["to"] in withdrawn]
    assert touching and all(e.get("dashes") for e in touching)
    assert not any(e.get("dashes") for e in edges if e.get("status") == "active"
                   and e["from"] not in withdrawn and e["to"] not in withdrawn)


def test_edge_evidence_and_links(page):
    data = page_data(page)
    results = [e for e in data["edges"] if e["predicate"] == "kg:clinicalEvidenceFor"]
    assert any(re.search(r"HR [\d.]+ \([\d.]+–[\d.]+\)", e.get("effect", "")) for e in results)
    assert any(e.get("statement") for e in data["edges"])
    links = dict(next(n for n in data["nodes"] if n["id"] == ATEZO)["links"])
    assert links[ATEZO] == "https://go.drugbank.com/drugs/DB11595"
    assert identifier_link("CLINICALTRIALS:NCT02425891") == "https://clinicaltrials.gov/study/NCT02425891"
    assert identifier_link("MONDO:0005233") == "http://purl.obolibrary.org/obo/MONDO_0005233"
    assert identifier_link("HGNC:17635").endswith("/hgnc_id/HGNC:17635")
    assert identifier_link("DOI:10.1/a b") == "https://doi.org/10.1/a%20b"
    assert identifier_link("javascript:alert(1)") is None
    assert identifier_link("PMID:1\"><script>").startswith("https://pubmed.ncbi.nlm.nih.gov/1%22%3E%3Cscript%3E")


def test_hostile_strings_only_escaped(tmp_path):
    path = tmp_path / "x.html"
    write_html(xss_graph(), path, title=XSS[1])
    text = path.read_text(encoding="utf-8")
    for s in XSS + ["<img", "<svg", "alert(1)</script>"]:
        assert s not in text, s
    assert text.count("</script>") == 3  # data, library, app: nothing injected
    data = page_data(text)
    assert {n["label"] for n in data["nodes"]} == set(XSS)  # intact once parsed
    assert data["title"] == XSS[1]
    assert "<title>&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;</title>" in text
    assert "\\u003cimg src=x onerror=alert(1)\\u003e" in text
    assert not any("title" in e for e in data["edges"]) and not any("title" in n for n in data["nodes"])


def test_app_never_uses_inner_html():
    from kg.export.html import TEMPLATE

    app = TEMPLATE.read_text(encoding="utf-8")
    assert "innerHTML" not in app and "outerHTML" not in app and "insertAdjacentHTML" not in app
    assert "document.write" not in app and "eval(" not in app


def test_focus_depth(graph):
    x = from_networkx(graph)
    sub = subgraph(x, focus="atezolizumab", depth=1)
    assert {ATEZO, PDL1, IMPASSION130} <= set(sub.nodes)
    assert set(sub.nodes) == {ATEZO} | set(graph.successors(ATEZO)) | set(graph.predecessors(ATEZO))
    assert set(subgraph(x, focus=ATEZO).nodes) == set(sub.nodes)  # by id too; depth defaults to 1
    assert set(subgraph(x, focus="MPDL-3280A").nodes) == set(sub.nodes)  # synonym
    assert sub.number_of_nodes() < subgraph(x, focus="atezolizumab", depth=2).number_of_nodes()
    assert list(subgraph(x, focus=ATEZO, depth=0).nodes) == [ATEZO]
    assert {e[:3] for e in sub.edges} == {e for e in graph.edges(keys=True) if set(e[:2]) <= set(sub.nodes)}
    with pytest.raises(ValueError):
        subgraph(x, focus="no such drug")


def test_types(graph):
    x = from_networkx(graph)
    sub = subgraph(x, types=["Drug", "Target"])
    assert {d["type"] for d in sub.nodes.values()} == {"Drug", "Target"}
    assert sub.number_of_nodes() == sum(1 for _, d in graph.nodes(data=True) if d["type"] in {"Drug", "Target"})
    focused = subgraph(x, focus="atezolizumab", types=["Target"])
    assert set(focused.nodes) == {ATEZO} | {n for n in graph[ATEZO] if graph.nodes[n]["type"] == "Target"}
    with pytest.raises(ValueError):
        subgraph(x, types=["Gene"])


def test_min_level(graph):
    sub = subgraph(from_networkx(graph), min_level="phase 3")
    levels = {d.get("level") for *_, d in sub.edges}
    assert "phase 2" not in levels and "preclinical" not in levels and "phase 3" in levels
    assert set(sub.nodes) == {n for e in sub.edges for n in e[:2]}  # every node keeps an edge
    phase2 = [(u, v, k) for u, v, k, d in graph.edges(keys=True, data=True) if d.get("level") == "phase 2"]
    assert phase2 and not {e[:3] for e in sub.edges} & set(phase2)
    assert not any(d.get("level") == "phase 2" for d in sub.nodes.values())
    assert sub.number_of_edges() < graph.number_of_edges()
    with pytest.raises(ValueError):
        subgraph(from_networkx(graph), min_level="phase 4")


def test_write_html_with_selection(graph, tmp_path):
    path = tmp_path / "sub" / "atezo.html"
    counts = write_html(graph, path, focus="atezolizumab", depth=1, min_level="phase 3", title="Atezolizumab")
    data = page_data(path.read_text(encoding="utf-8"))
    assert counts == {"nodes": len(data["nodes"]), "edges": len(data["edges"])}
    assert ATEZO in {n["id"] for n in data["nodes"]}
    assert not [p for p in path.parent.iterdir() if p.name != "atezo.html"]  # no temporary left
