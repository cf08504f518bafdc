"""Questions over the store: the named questions (one module each, over stored SPARQL files run
by :mod:`kg.query.stored`), lookup, article audit, and user SPARQL run safely (:mod:`kg.query.sparql`)."""
