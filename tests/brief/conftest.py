"""Pages of the curated graph, generated once per session and shared by the brief tests."""
from __future__ import annotations

import pytest

ATEZO, TNBC, PEMBRO = "DRUGBANK:DB11595", "MONDO:0005494", "DRUGBANK:DB09037"


@pytest.fixture(scope="session")
def built_at(built):
    from kg.store.local import read_meta

    return read_meta(built["store"])["built_at"]


@pytest.fixture(scope="session")
def page_of(store, built_at):
    """``page_of(drug, indication=None, as_of=None, audience="general")``: the page model, cached."""
    from kg.brief.page import build_page

    cache = {}

    def make(drug, indication=None, as_of=None, audience="general"):
        key = (drug, indication, as_of, audience)
        if key not in cache:
            cache[key] = build_page(store, drug, indication, as_of=as_of, audience=audience, built_at=built_at)
        return cache[key]
    return make


@pytest.fixture(scope="session")
def drugs_with_approvals(store):
    from kg.query.approvals import coverage

    return [(r["id"], r["drug"]) for r in coverage(store) if r["fda"] or r["eu"]]
