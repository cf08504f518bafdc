"""A reader over the curated graph's names and facts, shared by the reading tests."""
from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def reader(store):
    from kg.sources.text.claims import extract
    from kg.sources.text.entities import Matcher
    from kg.sources.text.facts import Facts

    m, f = Matcher.from_store(store), Facts.from_store(store)
    return lambda text: extract(text, m.find(text), f)


@pytest.fixture(scope="module")
def score_folder(store):
    """Read and audit every article of a gold corpus folder: (the articles' scores, their totals)."""
    from kg.query.audit import audit_claims
    from kg.sources.ingest import extract_file
    from kg.sources.text.entities import Matcher
    from kg.sources.text.facts import Facts
    from kg.sources.text.gold import corpus, score_extraction, totals

    matcher, facts = Matcher.from_store(store), Facts.from_store(store)

    def score(folder):
        articles = []
        for path, gold in corpus(folder):
            ex = extract_file(path, store, matcher, facts)
            verdicts = [r["verdict"] for r in audit_claims(store, ex.claims)]
            articles.append(score_extraction(ex, verdicts, gold, matcher.forms))
        return articles, totals(articles)
    return score
