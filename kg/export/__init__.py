"""Exports of the graph: RDF serialisations (and, later, other formats)."""
