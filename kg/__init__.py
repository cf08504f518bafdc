"""Oncology evidence knowledge graph.

Pipeline: curated files -> :mod:`kg.schema.model` records -> :mod:`kg.graph.networkx_graph` (networkx) <->
:mod:`kg.graph.rdf` (rdflib) -> :mod:`kg.store.local` -> :mod:`kg.query` / :mod:`kg.query.lookup` -> exports and CLI.

For Python users, :func:`open` gives the graph with one method per named question
(:class:`kg.api.Graph`). Importing the package does no work: the API and everything it needs
are imported on first use.
"""

__version__ = "0.1.0"
# kg.open is the front door, but not for "from kg import *" (it would hide the built-in open)
__all__ = ["Graph", "__version__"]


def open(path=None):  # noqa: A001 - kg.open() is the API's front door
    """Open the store read-only as a :class:`kg.api.Graph`: the store at ``path``, else
    ``$KG_STORE``, else ``exports/store``, as the CLI resolves it; :class:`kg.errors.StoreError`
    if there is none.

    >>> import kg, tempfile
    >>> kg.open(tempfile.mkdtemp())  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    kg.errors.StoreError: no store at ...: run 'kg build' first (or set --store / KG_STORE)
    """
    from kg.api.graph import Graph

    return Graph.open(path)


def __getattr__(name):
    if name == "Graph":
        from kg.api.graph import Graph

        return Graph
    raise AttributeError(f"module 'kg' has no attribute {name!r}")
