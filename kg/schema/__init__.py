"""The schema every stage shares: identifiers and prefixes, the vocabulary, the typed model."""
