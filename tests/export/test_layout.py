"""Node positions: fast and spread out for large graphs, from networkx graphs or id pairs."""
from __future__ import annotations

import networkx as nx

from kg.export.layout import layout


def test_large_graph_layout_is_fast_and_spread():
    import time

    g = nx.barabasi_albert_graph(3000, 2, seed=1)
    t = time.perf_counter()
    pos = layout(g)
    assert time.perf_counter() - t < 5
    xs = sorted(x for x, _ in pos.values())
    assert len(set(pos.values())) == len(pos) and xs[-1] - xs[0] > 500


def test_pairs_give_the_layout_of_the_graph_they_describe():
    """Ids and pairs (direction, repeats and self-loops aside) place nodes as the networkx graph."""
    g = nx.barabasi_albert_graph(2500, 2, seed=3)
    nodes = [f"n{i}" for i in g]
    pairs = [(f"n{u}", f"n{v}") for u, v in g.edges()] + [("n0", "n0"), ("n1", "n0"), ("n0", "n1")]
    pos = layout(nodes, pairs)
    assert pos == {f"n{i}": xy for i, xy in layout(g).items()}
    small = layout(["a", "b", "c"], [("a", "b"), ("b", "a")])
    assert sorted(small) == ["a", "b", "c"] and len(set(small.values())) == 3
    assert layout([], []) == {}
