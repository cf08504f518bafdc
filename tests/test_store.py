"""The store: built once, opened read-only, never left half-written."""
from __future__ import annotations

import pytest

from kg.build import build
from kg.errors import DataErrors, StoreError
from kg.store.local import open_store, read_meta


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
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "exports", "store", "store.lock"]  # no temp leftovers


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


def test_parallel_block_load_keeps_every_triple(tmp_path, monkeypatch):
    """Many small blocks loaded by concurrent threads give exactly the input's triples."""
    import pyoxigraph as ox

    from kg.store import write as st

    lines = [f'<http://e/s{i % 97}> <http://e/p{i % 7}> "v{i}\\u00e9" .\n' for i in range(20_000)]
    lines += [f"<http://e/s{i}> <http://e/q> <http://e/o{i}> .\n" for i in range(5_000)]
    data = "".join(lines).encode()
    monkeypatch.setattr(st, "BLOCK_BYTES", 4096)  # hundreds of blocks, loaded four at a time
    path = tmp_path / "store"
    st.write_store(path, {"curated": (data, b"<http://e/k> <http://e/p> \"x\" .\n")}, {})
    got = {str(q.triple) for q in ox.Store.read_only(str(path / "data")).quads_for_pattern(None, None, None, ox.DefaultGraph())}
    want = {str(t) for t in ox.parse(data, ox.RdfFormat.N_TRIPLES)}
    assert len(want) == 25_000 and got == want
    nt = tmp_path / "g.nt"
    nt.write_bytes(data)
    st.write_store(path, {"curated": (nt, b"")}, {})  # from a file too
    assert sum(1 for _ in ox.Store.read_only(str(path / "data"))) == 25_000


def test_a_bad_block_fails_the_whole_write(tmp_path, monkeypatch):
    from kg.store import write as st

    monkeypatch.setattr(st, "BLOCK_BYTES", 64)
    path = tmp_path / "store"
    st.write_store(path, {"curated": (b"<http://e/a> <http://e/b> <http://e/c> .\n", b"")}, {"v": 1})
    bad = b"<http://e/a> <http://e/b> <http://e/c> .\n" * 50 + b"<http://e/a> <http://e/b> \n"
    with pytest.raises(SyntaxError):
        st.write_store(path, {"curated": (bad, b"")}, {"v": 2})
    assert st.read_meta(path)["v"] == 1 and not list(tmp_path.glob(".store-new-*"))
