"""The graph out of the store, read natively: RDF files (:mod:`kg.export.rdf`: Oxigraph's own
serialisers, rdflib for JSON-LD and RDF/XML), KGX TSV (:mod:`kg.export.kgx`), the HTML explorer
(:mod:`kg.export.explorer` reads what it shows, :mod:`kg.export.layout` places it,
:mod:`kg.export.html` writes the page) and a networkx graph for Python users
(:mod:`kg.export.networkx_graph`)."""
