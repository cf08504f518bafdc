"""Where the graph is kept: the local on-disk store, remote SPARQL stores, and pushing to them."""
