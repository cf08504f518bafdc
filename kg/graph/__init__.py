"""Typed model -> graph: the networkx graph, its RDF, and the SHACL checks on it."""
