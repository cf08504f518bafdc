"""Evidence pages generated from the graph (``kg brief``): gather, compose, write as Markdown or HTML."""
