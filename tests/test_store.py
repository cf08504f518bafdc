"""The store: built once, opened read-only, never left half-written."""
from __future__ import annotations

import pytest

from kg.build import build
from kg.errors import DataErrors, StoreError
from kg.store import open_store, read_meta


def test_failed_build_leaves_store_and_exports_untouched(mini, tmp_path):
    store, exports = tmp_path / "store", tmp_path / "exports"
    build(mini, store, exports)
    before_meta = read_meta(store)
    before_ttl = (exports / "kg.ttl").read_bytes()
    bad = mini / "drugs.yaml"
    bad.write_text(bad.read_text().replace("name: bevacizumab", "name: bevacizumab\n  unknown: 1"))
    with pytest.raises(DataErrors):
        build(mini, store, exports)
    assert read_meta(store) == before_meta
    assert (exports / "kg.ttl").read_bytes() == before_ttl
    assert bool(open_store(store).query("ASK { ?s ?p ?o }"))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "exports", "store"]  # no temp leftovers


def test_rebuild_replaces_the_store(mini, tmp_path):
    store = tmp_path / "store"
    build(mini, store, None)
    first = read_meta(store)["triples"]
    t = mini / "targets.yaml"
    t.write_text(t.read_text().replace("synonyms: [B7-H1]", "synonyms: [B7-H1, PDL1]"))
    build(mini, store, None)
    assert read_meta(store)["triples"] == first + 1


def test_missing_store_is_a_clear_error(tmp_path):
    with pytest.raises(StoreError, match="kg build"):
        open_store(tmp_path / "nothing")


def test_meta_counts(built):
    meta = read_meta(built["store"])
    assert meta["nodes_by_type"]["Approval"] >= 13
    assert meta["triples"] == built["stats"]["triples"]
