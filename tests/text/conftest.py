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
