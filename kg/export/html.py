"""Interactive, offline HTML explorer of the graph: one self-contained file.

The page's data is built from an :class:`~kg.export.explorer.Explorer` (read from the store by
stored queries, or from a networkx graph) straight into the node and edge objects vis-network
takes, with positions computed here (:mod:`kg.export.layout`; physics stays off in the page);
the page is generated from our own template (``html_template.html``) with vis-network's JS and
CSS inlined from the installed pyvis. The data travels as JSON in a
``<script type="application/json">`` block with ``<``, ``>`` and ``&`` escaped; the page renders
every string with ``textContent``, never as HTML.

>>> from kg.export.explorer import Explorer
>>> x = Explorer({"HGNC:1": {"type": "Target", "name": "PD-L1"}, "X:1": {"type": "Drug", "name": "x"}},
...              [("X:1", "HGNC:1", "kg:binds", {"predicate": "kg:binds", "level": "phase 3"})])
>>> nodes, edges = page_items(x)
>>> [n["label"] for n in nodes], edges[0]["from"], edges[0]["width"]
(['PD-L1', 'x'], 'X:1', 7.0)
"""
from __future__ import annotations

import html
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any, Iterable
from urllib.parse import quote

from kg.export.explorer import Explorer, from_networkx, level_rank, subgraph
from kg.schema.vocab import LEVELS

TEMPLATE = Path(__file__).with_name("html_template.html")

#: Node look by type: (colour, vis-network shape).
TYPE_STYLE = {
    "Drug": ("#1f77b4", "dot"), "Target": ("#9467bd", "diamond"), "Trial": ("#ff7f0e", "square"),
    "Indication": ("#d62728", "triangle"), "Approval": ("#2ca02c", "star"),
    "Publication": ("#8c8c8c", "dot"), "Document": ("#8c564b", "triangleDown"),
    "Organization": ("#17becf", "hexagon"), "Evidence": ("#bcbd22", "dot"),  # imported evidence statements
}
#: Edge colour by direction (None: an edge that carries no evidence direction).
DIRECTION_COLOURS = {"supports": "#2e7d32", "does not support": "#c62828",
                     "inconclusive": "#757575", None: "#cfcfcf"}
#: Identifier prefix -> URL template (``{}`` is the local part, percent-encoded).
LINKS = {
    "DRUGBANK": "https://go.drugbank.com/drugs/{}", "CLINICALTRIALS": "https://clinicaltrials.gov/study/{}",
    "PMID": "https://pubmed.ncbi.nlm.nih.gov/{}/", "MONDO": "http://purl.obolibrary.org/obo/MONDO_{}",
    "DOI": "https://doi.org/{}", "HGNC": "https://www.genenames.org/data/gene-symbol-report/#!/hgnc_id/HGNC:{}",
}


def identifier_link(curie: str) -> str | None:
    """The web page of an identifier, or None when it has no known resolver.

    >>> identifier_link("PMID:31562797"), identifier_link("UNII:52CMI0WC3Y")
    ('https://pubmed.ncbi.nlm.nih.gov/31562797/', None)
    >>> identifier_link("DOI:10.1056/NEJMoa1809615")
    'https://doi.org/10.1056/NEJMoa1809615'
    """
    if re.match(r"https?://", str(curie)):
        return str(curie)
    prefix, sep, local = str(curie).partition(":")
    template = LINKS.get(prefix.upper())
    if not sep or not local or template is None:
        return None
    return template.format(quote(local, safe="/._-"))


def _effect(d: dict) -> str | None:
    if d.get("value") is None:
        return None
    ci = f" ({d['ci_low']}–{d['ci_high']})" if d.get("ci_low") is not None and d.get("ci_high") is not None else ""
    head = f"{d['endpoint']}: " if d.get("endpoint") else ""
    return f"{head}{d.get('measure') or ''} {d['value']}{ci}".replace("  ", " ").strip()


def _links(ids: Iterable[str]) -> list[list[str | None]]:
    return [[str(i), identifier_link(i)] for i in ids]


def _as_explorer(graph) -> Explorer:
    return graph if isinstance(graph, Explorer) else from_networkx(graph)


def page_items(graph, positions: dict | None = None) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The page's node and edge objects (vis-network's fields plus the evidence the page shows)
    for ``graph`` (an :class:`~kg.export.explorer.Explorer` or a networkx graph)."""
    from kg.export.layout import layout

    graph = _as_explorer(graph)
    pos = positions if positions is not None else layout(graph.nodes, ((u, v) for u, v, *_ in graph.edges))
    nodes = []
    for n, d in graph.nodes.items():
        kind = d.get("type", "")
        x, y = pos.get(n, (0.0, 0.0))
        extra = {k: d[k] for k in ("level", "status") if d.get(k)}
        nodes.append({"group": kind, "x": x, "y": y, "kind": kind, "rank": level_rank(d.get("level")),
                      "synonyms": [str(s) for s in d.get("synonyms", ())],
                      "links": _links([n] + list(d.get("xrefs", ()))), "sources": _links(d.get("sources", ())),
                      **extra, "id": n, "label": str(d.get("name") or n),
                      "shape": TYPE_STYLE.get(kind, ("", "dot"))[1]})
    withdrawn = {n for n, d in graph.nodes.items() if d.get("type") == "Approval" and d.get("status") == "withdrawn"}
    pairs = Counter(frozenset((u, v)) for u, v, *_ in graph.edges)
    seen: Counter = Counter()
    edges = []
    for i, (u, v, _key, d) in enumerate(graph.edges):
        level, direction = d.get("level"), d.get("direction")
        rank = level_rank(level)
        pair = frozenset((u, v))
        seen[pair] += 1
        e: dict[str, Any] = {"id": f"e{i}", "color": DIRECTION_COLOURS.get(direction, DIRECTION_COLOURS[None]),
                             "width": 1 + 1.2 * (rank + 1), "rank": rank, "predicate": str(d.get("predicate", ""))}
        if u in withdrawn or v in withdrawn or d.get("status") == "withdrawn":
            e["dashes"] = True
        if pairs[pair] > 1:  # parallel edges: fan them out
            e["smooth"] = {"enabled": True, "type": "curvedCW", "roundness": 0.12 * seen[pair]}
        for key, value in (("level", level), ("direction", direction), ("effect", _effect(d)),
                           ("statement", d.get("statement")), ("status", d.get("status"))):
            if value is not None:
                e[key] = str(value)
        e["sources"] = [str(s) for s in d.get("sources", ())]
        e.update({"from": u, "to": v, "arrows": "to"})
        edges.append(e)
    return nodes, edges


def _script_json(obj: Any) -> Iterable[str]:
    """``obj`` as JSON for a ``<script>`` block, in pieces (a large graph is never one string),
    with ``<``, ``>`` and ``&`` escaped so that no text in it can close the block."""
    for chunk in json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).iterencode(obj):
        yield chunk.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _vis_assets() -> tuple[str, str]:
    import pyvis

    lib = Path(pyvis.__file__).parent / "templates" / "lib"
    folder = sorted(lib.glob("vis-*"), key=lambda p: [int(x) for x in re.findall(r"\d+", p.name)])[-1]
    js = (folder / "vis-network.min.js").read_text(encoding="utf-8")
    css = (folder / "vis-network.css").read_text(encoding="utf-8")
    for text in (js, css):
        if re.search(r"</(script|style)|<!--", text, re.I):
            raise RuntimeError(f"cannot inline {folder}: it contains a closing tag")
    return js, css


#: Above this many nodes the page draws edges itself (see ``render_html``).
BIG_GRAPH = 2000


def _page(graph, title: str, canvas_edges: bool | None) -> Iterable[str]:
    """The page for ``graph``, in pieces."""
    nodes, edges = page_items(graph)
    if canvas_edges is None:
        canvas_edges = len(nodes) > BIG_GRAPH
    if canvas_edges:  # drawn as straight lines without arrow heads: their look options would be dead weight
        for e in edges:
            e.pop("smooth", None)
            e.pop("arrows", None)
    kinds = Counter(n["kind"] for n in nodes)
    data = {"title": title, "levels": list(LEVELS), "directions": {str(k): v for k, v in DIRECTION_COLOURS.items()},
            "types": [{"name": t, "color": c, "shape": s, "count": kinds[t]} for t, (c, s) in TYPE_STYLE.items()],
            "nodes": nodes, "edges": edges, "canvasEdges": canvas_edges}
    js, css = _vis_assets()
    parts = {"TITLE": [html.escape(title)], "VIS_CSS": [css], "VIS_JS": [js], "DATA": _script_json(data)}
    pieces = re.split(r"/\*KG:(\w+)\*/", TEMPLATE.read_text(encoding="utf-8"))
    for i, piece in enumerate(pieces):
        yield from parts[piece] if i % 2 else [piece]


def render_html(graph, title: str = "Oncology evidence graph", canvas_edges: bool | None = None) -> str:
    """The page's HTML for ``graph`` (an :class:`~kg.export.explorer.Explorer` or a networkx
    graph; all of it: no file is written).

    ``canvas_edges``: draw the edges on the canvas ourselves instead of as vis.js edge objects
    (fast for large graphs; the default above ``BIG_GRAPH`` nodes), or ``False`` to never do so.

    >>> from kg.export.explorer import Explorer
    >>> page = render_html(Explorer({"A": {"type": "Drug", "name": "<i>kg</i>"}}), title="t<1>")
    >>> "<i>kg" in page, "\\\\u003ci\\\\u003ekg" in page, "<title>t&lt;1&gt;</title>" in page
    (False, True, True)
    """
    return "".join(_page(graph, title, canvas_edges))


def write_html(graph, path, *, focus: str | None = None, depth: int | None = None,
               types: Iterable[str] | None = None, min_level: str | None = None,
               title: str = "Oncology evidence graph", canvas_edges: bool | None = None) -> dict[str, int]:
    """Write the explorer for (a selection of) ``graph`` (an :class:`~kg.export.explorer.Explorer`
    or a networkx graph) to ``path``, streamed into a temporary file that is then renamed;
    return the counts of what the page shows.

    >>> import tempfile, os
    >>> from kg.export.explorer import Explorer
    >>> write_html(Explorer({"A": {"type": "Drug", "name": "a"}}), os.path.join(tempfile.mkdtemp(), "g.html"))
    {'nodes': 1, 'edges': 0}
    """
    from kg.fsutil import atomic_file

    graph = _as_explorer(graph)
    if focus is not None or types or min_level is not None:
        graph = subgraph(graph, focus=focus, depth=depth, types=types, min_level=min_level)
    with atomic_file(path) as fh:
        for piece in _page(graph, title, canvas_edges):
            fh.write(piece.encode("utf-8"))
    return {"nodes": graph.number_of_nodes(), "edges": graph.number_of_edges()}


__all__ = ["write_html", "render_html", "page_items", "identifier_link", "TYPE_STYLE", "DIRECTION_COLOURS",
           "BIG_GRAPH"]
