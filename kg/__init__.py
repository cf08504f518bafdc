"""Oncology evidence knowledge graph.

Pipeline: curated files -> :mod:`kg.schema.model` records -> :mod:`kg.graph.networkx_graph` (networkx) <->
:mod:`kg.graph.rdf` (rdflib) -> :mod:`kg.store.local` -> :mod:`kg.query` / :mod:`kg.query.lookup` -> exports and CLI.
Importing the package does no work; import the submodule you need.
"""

__version__ = "0.1.0"
