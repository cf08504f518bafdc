"""Oncology evidence knowledge graph.

Pipeline: curated files -> :mod:`kg.model` records -> :mod:`kg.graph` (networkx) <->
:mod:`kg.rdf` (rdflib) -> :mod:`kg.store` -> :mod:`kg.query` / :mod:`kg.lookup` -> exports and CLI.
Importing the package does no work; import the submodule you need.
"""

__version__ = "0.1.0"
