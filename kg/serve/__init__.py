"""``kg serve``: the read-only SPARQL 1.1 Protocol endpoint and its pool of query workers."""
