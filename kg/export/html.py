"""Interactive, offline HTML explorer of the graph: one self-contained file.

Nodes and edges are added to a pyvis ``Network`` (for its node/edge model), positions are
computed here (physics stays off in the page), and the page is generated from our own template
(``html_template.html``) with vis-network's JS and CSS inlined from the installed pyvis. The data
travels as JSON in a ``<script type="application/json">`` block with ``<``, ``>`` and ``&``
escaped; the page renders every string with ``textContent``, never as HTML.

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node("HGNC:1", type="Target", name="PD-L1"); g.add_node("X:1", type="Drug", name="x")
>>> g.add_edge("X:1", "HGNC:1", key="kg:binds", predicate="kg:binds", level="phase 3")
'kg:binds'
>>> sorted(subgraph(g, focus="PD-L1", depth=1))
['HGNC:1', 'X:1']
"""
from __future__ import annotations

import html
import json
import re
from collections import Counter, deque
from pathlib import Path
from typing import Any, Iterable
from urllib.parse import quote

import networkx as nx

from kg.errors import NotFoundError, QueryError
from kg.fsutil import atomic_write
from kg.schema.vocab import LEVELS, NODE_TYPES

TEMPLATE = Path(__file__).with_name("html_template.html")

#: Node look by type: (colour, vis-network shape).
TYPE_STYLE = {
    "Drug": ("#1f77b4", "dot"), "Target": ("#9467bd", "diamond"), "Trial": ("#ff7f0e", "square"),
    "Indication": ("#d62728", "triangle"), "Approval": ("#2ca02c", "star"),
    "Publication": ("#8c8c8c", "dot"), "Document": ("#8c564b", "triangleDown"),
    "Organization": ("#17becf", "hexagon"),
}
#: Edge colour by direction (None: an edge that carries no evidence direction).
DIRECTION_COLOURS = {"supports": "#2e7d32", "does not support": "#c62828",
                     "inconclusive": "#757575", None: "#cfcfcf"}
LEVEL_RANK = {lv: i for i, lv in enumerate(LEVELS)}
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


def _level_rank(level: str | None) -> int:
    return LEVEL_RANK.get(level, -1) if level else -1


def resolve_node(graph: nx.MultiDiGraph, ref: str) -> str:
    """A node id from an id, a name or a synonym (case-insensitive); :class:`NotFoundError` if
    none, :class:`QueryError` if several."""
    if ref in graph:
        return ref
    key = ref.casefold()
    hits = [n for n, d in graph.nodes(data=True)
            if key in {str(s).casefold() for s in [d.get("name", "")] + list(d.get("synonyms", ()))}]
    if not hits:
        raise NotFoundError(ref)
    if len(hits) > 1:
        raise QueryError(f"several nodes named {ref!r}: {', '.join(sorted(hits)[:5])}")
    return hits[0]


def subgraph(graph: nx.MultiDiGraph, focus: str | None = None, depth: int | None = None,
             types: Iterable[str] | None = None, min_level: str | None = None) -> nx.MultiDiGraph:
    """Select part of the graph (a copy): the ``depth``-neighbourhood of ``focus`` (an id, name or
    synonym; edges are followed both ways; ``depth`` defaults to 1), the nodes of ``types``, and
    evidence of at least ``min_level``: edges whose level is lower are dropped, so are nodes whose
    own level is lower (trials of an earlier phase); a node is then kept only while it still has
    an edge, or is the focus.

    >>> g = nx.MultiDiGraph()
    >>> g.add_node("D", type="Drug", name="d"); g.add_node("I", type="Indication", name="i")
    >>> _ = g.add_edge("D", "I", predicate="kg:clinicalEvidenceFor", level="phase 2")
    >>> list(subgraph(g, min_level="phase 3")), sorted(subgraph(g, types=["Drug"]))
    ([], ['D'])
    """
    nodes = set(graph)
    root = None
    if focus is not None:
        root = resolve_node(graph, focus)
        limit = 1 if depth is None else int(depth)
        seen, queue = {root: 0}, deque([root])
        while queue:
            n = queue.popleft()
            if seen[n] >= limit:
                continue
            for m in list(graph.successors(n)) + list(graph.predecessors(n)):
                if m not in seen:
                    seen[m] = seen[n] + 1
                    queue.append(m)
        nodes = set(seen)
    if types:
        types = set(types)
        unknown = types - set(NODE_TYPES)
        if unknown:
            raise QueryError(f"unknown node types {sorted(unknown)}; known: {', '.join(NODE_TYPES)}")
        nodes = {n for n in nodes if graph.nodes[n].get("type") in types or n == root}
    sub = graph.subgraph(nodes).copy()
    if min_level is not None:
        if min_level not in LEVEL_RANK:
            raise QueryError(f"unknown level {min_level!r}; known: {', '.join(LEVELS)}")
        floor = LEVEL_RANK[min_level]
        low = [n for n, d in sub.nodes(data=True) if 0 <= _level_rank(d.get("level")) < floor and n != root]
        sub.remove_nodes_from(low)
        sub.remove_edges_from([(u, v, k) for u, v, k, d in sub.edges(keys=True, data=True)
                               if 0 <= _level_rank(d.get("level")) < floor])
        sub.remove_nodes_from([n for n in list(sub) if sub.degree(n) == 0 and n != root])
    return sub


def layout(graph: nx.Graph, seed: int = 7, edge_length: float = 90.0) -> dict[Any, tuple[float, float]]:
    """Node positions in page pixels. Small graphs: networkx's spring layout; large ones: a
    linear-time force layout (springs on edges, repulsion from a smoothed density grid, hubs
    placed at the centre of their neighbours), about 1 s for 10,000 nodes.

    >>> pos = layout(nx.path_graph(3)); sorted(pos) == [0, 1, 2]
    True
    """
    import numpy as np

    order = list(graph)
    n = len(order)
    if n == 0:
        return {}
    und = nx.Graph(graph)
    und.remove_edges_from(nx.selfloop_edges(und))
    if n <= 400:
        pos = nx.spring_layout(und, seed=seed, iterations=60)
        arr = np.array([pos[v] for v in order]) * edge_length * max(3.0, n ** 0.5)
    else:
        arr = _grid_force_layout(und, order, seed, edge_length)
    return {v: (round(float(x), 1), round(float(y), 1)) for v, (x, y) in zip(order, arr)}


def _grid_force_layout(und: nx.Graph, order: list, seed: int, k: float):
    import numpy as np
    from scipy.ndimage import gaussian_filter

    n = len(order)
    index = {v: i for i, v in enumerate(order)}
    deg = np.array([und.degree(v) for v in order])
    hub = deg > max(30, 4 * n ** 0.5)
    ij = np.array([(index[u], index[v]) for u, v in und.edges() if not (hub[index[u]] or hub[index[v]])],
                  dtype=np.int64).reshape(-1, 2)
    rng = np.random.default_rng(seed)
    side = k * n ** 0.5
    p = rng.uniform(-side / 2, side / 2, size=(n, 2))
    grid, iters = 96, 60
    for it in range(iters):
        temp = side * 0.08 * (1 - it / iters) + k * 0.05
        disp = np.zeros_like(p)
        if len(ij):
            d = p[ij[:, 0]] - p[ij[:, 1]]
            dist = np.sqrt((d ** 2).sum(1)) + 1e-9
            f = d * (dist / k)[:, None]
            for c in (0, 1):
                disp[:, c] -= np.bincount(ij[:, 0], f[:, c], minlength=n)
                disp[:, c] += np.bincount(ij[:, 1], f[:, c], minlength=n)
        lo, hi = p.min(0) - k, p.max(0) + k
        cell = (hi - lo) / grid
        dens, _, _ = np.histogram2d(p[:, 0], p[:, 1], bins=grid, range=[[lo[0], hi[0]], [lo[1], hi[1]]])
        dens = gaussian_filter(dens, 1.5)
        gx, gy = np.gradient(dens)
        ci = np.clip(((p - lo) / cell).astype(int), 0, grid - 1)
        push = -np.stack([gx[ci[:, 0], ci[:, 1]], gy[ci[:, 0], ci[:, 1]]], 1)
        disp += push * (k * k / (cell.mean() ** 2)) * k
        disp -= p * 0.002  # mild gravity keeps components together
        length = np.sqrt((disp ** 2).sum(1)) + 1e-9
        p += disp / length[:, None] * np.minimum(length, temp)[:, None]
    adj = und.adj
    for i in np.flatnonzero(hub):
        nbrs = [index[m] for m in adj[order[i]] if not hub[index[m]]]
        if nbrs:
            p[i] = p[nbrs].mean(0) + rng.normal(0, k / 4, 2)
    return p


class _Ids(list):
    """pyvis keeps node ids in a list and tests membership on every add: make that O(1)."""

    def __init__(self) -> None:
        super().__init__()
        self._set: set = set()

    def append(self, item) -> None:  # noqa: D401
        self._set.add(item)
        super().append(item)

    def __contains__(self, item) -> bool:
        return item in self._set


def _effect(d: dict) -> str | None:
    if d.get("value") is None:
        return None
    ci = f" ({d['ci_low']}–{d['ci_high']})" if d.get("ci_low") is not None and d.get("ci_high") is not None else ""
    head = f"{d['endpoint']}: " if d.get("endpoint") else ""
    return f"{head}{d.get('measure') or ''} {d['value']}{ci}".replace("  ", " ").strip()


def _links(ids: Iterable[str]) -> list[list[str | None]]:
    return [[str(i), identifier_link(i)] for i in ids]


def network(graph: nx.MultiDiGraph, positions: dict | None = None):
    """A pyvis ``Network`` holding the graph's nodes and edges with their look and evidence.

    >>> g = nx.MultiDiGraph(); g.add_node("A", type="Drug", name="a")
    >>> network(g).nodes[0]["label"]
    'a'
    """
    from pyvis.network import Network

    net = Network(directed=True)
    net.node_ids = _Ids()
    pos = positions if positions is not None else layout(graph)
    for n, d in graph.nodes(data=True):
        kind = d.get("type", "")
        x, y = pos.get(n, (0.0, 0.0))
        name = str(d.get("name") or n)
        extra = {k: d[k] for k in ("level", "status") if d.get(k)}
        shape = TYPE_STYLE.get(kind, ("", "dot"))[1]
        net.add_node(n, label=name, shape=shape, group=kind, x=x, y=y, kind=kind, rank=_level_rank(d.get("level")),
                     synonyms=[str(s) for s in d.get("synonyms", ())],
                     links=_links([n] + list(d.get("xrefs", ()))), sources=_links(d.get("sources", ())), **extra)
    withdrawn = {n for n, d in graph.nodes(data=True) if d.get("type") == "Approval" and d.get("status") == "withdrawn"}
    pairs = Counter(frozenset((u, v)) for u, v in graph.edges())
    seen: Counter = Counter()
    for i, (u, v, d) in enumerate(graph.edges(data=True)):
        level, direction = d.get("level"), d.get("direction")
        rank = _level_rank(level)
        pair = frozenset((u, v))
        seen[pair] += 1
        opts: dict[str, Any] = dict(id=f"e{i}", color=DIRECTION_COLOURS.get(direction, DIRECTION_COLOURS[None]),
                                    width=1 + 1.2 * (rank + 1), rank=rank, predicate=str(d.get("predicate", "")))
        if u in withdrawn or v in withdrawn or d.get("status") == "withdrawn":
            opts["dashes"] = True
        if pairs[pair] > 1:  # parallel edges: fan them out
            opts["smooth"] = {"enabled": True, "type": "curvedCW", "roundness": 0.12 * seen[pair]}
        for key, value in (("level", level), ("direction", direction), ("effect", _effect(d)),
                           ("statement", d.get("statement")), ("status", d.get("status"))):
            if value is not None:
                opts[key] = str(value)
        opts["sources"] = [str(s) for s in d.get("sources", ())]
        net.add_edge(u, v, **opts)
    return net


def _script_json(obj: Any) -> str:
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


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


def render_html(graph: nx.MultiDiGraph, title: str = "Oncology evidence graph",
                canvas_edges: bool | None = None) -> str:
    """The page's HTML for ``graph`` (all of it: no file is written).

    ``canvas_edges``: draw the edges on the canvas ourselves instead of as vis.js edge objects
    (fast for large graphs; the default above ``BIG_GRAPH`` nodes), or ``False`` to never do so.

    >>> g = nx.MultiDiGraph(); g.add_node("A", type="Drug", name="<i>kg</i>")
    >>> page = render_html(g, title="t<1>")
    >>> "<i>kg" in page, "\\\\u003ci\\\\u003ekg" in page, "<title>t&lt;1&gt;</title>" in page
    (False, True, True)
    """
    net = network(graph)
    nodes, edges, *_ = net.get_network_data()
    if canvas_edges is None:
        canvas_edges = len(nodes) > BIG_GRAPH
    if canvas_edges:  # drawn as straight lines without arrow heads: their look options would be dead weight
        for e in edges:
            e.pop("smooth", None)
            e.pop("arrows", None)
    data = {"title": title, "levels": list(LEVELS), "directions": {str(k): v for k, v in DIRECTION_COLOURS.items()},
            "types": [{"name": t, "color": c, "shape": s, "count": sum(1 for n in nodes if n["kind"] == t)}
                      for t, (c, s) in TYPE_STYLE.items()],
            "nodes": nodes, "edges": edges, "canvasEdges": canvas_edges}
    js, css = _vis_assets()
    parts = {"TITLE": html.escape(title), "VIS_CSS": css, "VIS_JS": js, "DATA": _script_json(data)}
    template = TEMPLATE.read_text(encoding="utf-8")
    return re.sub(r"/\*KG:(\w+)\*/", lambda m: parts[m.group(1)], template)


def write_html(graph: nx.MultiDiGraph, path, *, focus: str | None = None, depth: int | None = None,
               types: Iterable[str] | None = None, min_level: str | None = None,
               title: str = "Oncology evidence graph", canvas_edges: bool | None = None) -> dict[str, int]:
    """Write the explorer for (a selection of) ``graph`` to ``path`` atomically; return counts.

    >>> import tempfile, os
    >>> g = nx.MultiDiGraph(); g.add_node("A", type="Drug", name="a")
    >>> write_html(g, os.path.join(tempfile.mkdtemp(), "g.html"))
    {'nodes': 1, 'edges': 0}
    """
    if focus is not None or types or min_level is not None:
        graph = subgraph(graph, focus=focus, depth=depth, types=types, min_level=min_level)
    atomic_write(path, render_html(graph, title=title, canvas_edges=canvas_edges).encode("utf-8"))
    return {"nodes": graph.number_of_nodes(), "edges": graph.number_of_edges()}
