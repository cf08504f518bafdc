"""Node positions for the explorer, in page pixels (the page keeps physics off).

Small graphs get networkx's spring layout; large ones a linear-time force layout on numpy
arrays (springs on edges, repulsion from a smoothed density grid, hubs placed at the centre of
their neighbours), about 1 s for 10,000 nodes. The input is the node ids and the edges as
pairs; a networkx graph works too.

>>> pos = layout(["a", "b", "c"], [("a", "b"), ("b", "c")]); sorted(pos)
['a', 'b', 'c']
"""
from __future__ import annotations

from typing import Any, Iterable

#: Up to this many nodes, networkx's spring layout.
SMALL = 400


def layout(nodes, edges: Iterable[tuple[Any, Any]] | None = None, seed: int = 7,
           edge_length: float = 90.0) -> dict[Any, tuple[float, float]]:
    """Positions of ``nodes`` (ids) joined by ``edges`` (pairs of ids; direction, repeats and
    self-loops do not matter); or of a networkx graph given alone.

    >>> import networkx as nx
    >>> pos = layout(nx.path_graph(3)); sorted(pos) == [0, 1, 2]
    True
    """
    import numpy as np

    if edges is None:  # a networkx graph
        order, edges = list(nodes), nodes.edges()
    else:
        order = list(nodes)
    n = len(order)
    if n == 0:
        return {}
    index = {v: i for i, v in enumerate(order)}
    ij = np.array([(index[u], index[v]) for u, v, *_ in edges], dtype=np.int64).reshape(-1, 2)
    ij = ij[ij[:, 0] != ij[:, 1]]
    ij = np.unique(np.sort(ij, axis=1), axis=0)  # one undirected edge per pair
    if n <= SMALL:
        import networkx as nx

        und = nx.Graph()
        und.add_nodes_from(range(n))
        und.add_edges_from(map(tuple, ij.tolist()))
        pos = nx.spring_layout(und, seed=seed, iterations=60)
        arr = np.array([pos[i] for i in range(n)]) * edge_length * max(3.0, n ** 0.5)
    else:
        arr = _grid_force_layout(n, ij, seed, edge_length)
    return {v: (round(float(x), 1), round(float(y), 1)) for v, (x, y) in zip(order, arr)}


def _grid_force_layout(n: int, pairs, seed: int, k: float):
    """Positions (an n x 2 array) of ``n`` nodes joined by the undirected ``pairs`` (m x 2)."""
    import numpy as np
    from scipy.ndimage import gaussian_filter

    deg = np.bincount(pairs.ravel(), minlength=n)
    hub = deg > max(30, 4 * n ** 0.5)
    ij = pairs[~(hub[pairs[:, 0]] | hub[pairs[:, 1]])]
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
    # hubs go to the centre of their other neighbours
    both = np.concatenate([pairs, pairs[:, ::-1]])
    spokes = both[hub[both[:, 0]] & ~hub[both[:, 1]]]
    for i in np.flatnonzero(hub):
        nbrs = spokes[spokes[:, 0] == i, 1]
        if len(nbrs):
            p[i] = p[nbrs].mean(0) + rng.normal(0, k / 4, 2)
    return p


__all__ = ["layout", "SMALL"]
