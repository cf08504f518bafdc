"""The build orchestrator (issue 12): incremental saves give the store a full build gives,
writers take turns, and a writer killed at any point leaves layer files and store agreeing."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.build import build, reconcile, remove_layer, save_layer
from kg.errors import DataErrors, KGError, StoreBusyError
from kg.schema import model
from kg.sources.layers import file_lines, layers_dir, pending_files, records_digest
from kg.store.local import DATA_DIR, INDEX_DIR, read_meta
from kg.store.lock import writer_lock

ROOT = Path(__file__).resolve().parent.parent
SRC = (model.Source("infores:example", agent="automated_agent", release="2026-01-01"),)


def drug_layer(name="novelimab", trial_name="NOVEL-1"):
    drug = model.Drug(id="KG:drug-novelimab", name=name, kind="monoclonal antibody", sources=SRC)
    mech = model.Mechanism(id="KG:mech-novelimab", drug=drug.id, target="HGNC:17635", action="binds", sources=SRC)
    trial = model.Trial(id="KG:trial-novel-1", acronym=trial_name, phase="phase 3", interventions=(drug.id,),
                        conditions=("MONDO:0007256",), sources=SRC)
    return [drug, mech, trial]


def evidence_layer():
    """Records that refer to the drug layer's records (so that layer's changes reach them)."""
    ev = model.Evidence(id="KG:ev-novel", name="novelimab in HCC", direction="supports", level="phase 3",
                        drugs=("KG:drug-novelimab",), indication="MONDO:0007256", trials=("KG:trial-novel-1",),
                        sources=SRC)
    return [ev]


def other_layer():
    return [model.Drug(id="KG:drug-otherimab", name="otherimab", kind="monoclonal antibody", sources=SRC)]


def quads(store: Path) -> dict[str, set[str]]:
    out = {}
    for sub in (DATA_DIR, INDEX_DIR):
        st = ox.Store.read_only(str(store / sub))
        out[sub] = {str(q) for q in st.quads_for_pattern(None, None, None, None)}
    return out


def full_build_of(data: Path, store: Path, tmp_path: Path) -> dict[str, set[str]]:
    """The quads of a full build of the same curated files and layer files, elsewhere."""
    other = tmp_path / f"full-{time.monotonic_ns()}" / "store"
    other.parent.mkdir()
    if layers_dir(store).is_dir():
        (other.parent / "store.layers").mkdir()
        for f in layers_dir(store).glob("*.jsonl"):
            if not f.name.endswith(".history.jsonl"):
                (other.parent / "store.layers" / f.name).write_bytes(f.read_bytes())
    build(data, other)
    return quads(other)


@pytest.fixture
def base(mini, tmp_path):
    store = tmp_path / "kg" / "store"
    build(mini, store)
    return store


def test_incremental_saves_equal_a_full_build(base, mini, tmp_path):
    rep = save_layer(base, "drugs-x", drug_layer(), {"release": "1"})
    assert rep["rebuilt"] == ["drugs-x"]
    assert quads(base) == full_build_of(mini, base, tmp_path)

    rep = save_layer(base, "evidence-x", evidence_layer(), {"release": "1"})
    assert rep["rebuilt"] == ["evidence-x"]
    assert quads(base) == full_build_of(mini, base, tmp_path)

    # renaming the drug changes how the evidence layer's graph names it: both partitions are rebuilt
    rep = save_layer(base, "drugs-x", drug_layer("novelimab-b", "NOVEL-ONE"), {"release": "2"})
    assert rep["rebuilt"] == ["drugs-x", "evidence-x"]
    got = quads(base)
    assert got == full_build_of(mini, base, tmp_path)
    assert any("NOVEL-ONE" in q and "urn:kg:index:evidence-x" in q for q in got[INDEX_DIR])  # partial card updated

    remove_layer(base, "evidence-x")
    assert quads(base) == full_build_of(mini, base, tmp_path)
    assert read_meta(base)["layers"] == ["drugs-x.jsonl"]


def test_a_save_cannot_take_away_what_another_layer_uses(base):
    save_layer(base, "drugs-x", drug_layer(), {})
    save_layer(base, "evidence-x", evidence_layer(), {})
    generation = read_meta(base)["generation"]
    with pytest.raises(DataErrors, match="evidence-x refers to KG:drug-novelimab"):
        save_layer(base, "drugs-x", other_layer(), {})
    with pytest.raises(DataErrors):
        remove_layer(base, "drugs-x")
    assert read_meta(base)["generation"] == generation and not pending_files(base)


def test_a_layer_file_changed_by_hand_is_rebuilt_on_the_next_save(base, mini, tmp_path):
    save_layer(base, "drugs-x", drug_layer(), {})
    path = layers_dir(base) / "drugs-x.jsonl"
    path.write_text(path.read_text().replace('"name": "novelimab"', '"name": "novelimab-edited"'))
    rep = save_layer(base, "evidence-x", evidence_layer(), {})
    assert rep["rebuilt"] == ["drugs-x", "evidence-x"]
    assert quads(base) == full_build_of(mini, base, tmp_path)


def _python(code: str, **env: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", textwrap.dedent(code)], cwd=ROOT, env={**os.environ, **env},
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


SLOW_SAVE = """
    import sys, time
    import kg.build as b
    from tests.test_build import drug_layer, other_layer
    write = b._write
    def slow(*a, **k):
        time.sleep(float(sys.argv[-1]) if len(sys.argv) > 1 else 1.5)
        return write(*a, **k)
    b._write = slow
    records = drug_layer() if "{layer}" == "drugs-x" else other_layer()
    rep = b.save_layer("{store}", "{layer}", records, {{"release": "1"}}, on_wait=lambda m: print("WAIT", m, flush=True))
    print("SAVED", rep["written"], flush=True)
"""


def test_two_writers_at_once_both_land(base):
    first = _python(SLOW_SAVE.format(store=base, layer="drugs-x"))
    time.sleep(0.8)  # the first holds the lock (it sleeps inside it)
    second = _python(SLOW_SAVE.format(store=base, layer="drugs-y"))
    out1, err1 = first.communicate(timeout=120)
    out2, err2 = second.communicate(timeout=120)
    assert first.returncode == 0 and second.returncode == 0, err1 + err2
    assert "SAVED True" in out1 and "SAVED True" in out2
    assert "WAIT waiting for pid" in out2  # the later writer said it was waiting
    meta = read_meta(base)
    assert meta["layers"] == ["drugs-x.jsonl", "drugs-y.jsonl"]
    for name in ("drugs-x", "drugs-y"):
        assert meta["partitions"][name]["sha256"] == records_digest(file_lines(layers_dir(base) / f"{name}.jsonl"))


def test_a_busy_store_is_said_plainly_and_the_lock_is_released_after_errors(base):
    holder = _python(f"""
        import time
        from kg.store.lock import writer_lock
        with writer_lock("{base}", command="kg test"):
            print("HELD", flush=True)
            time.sleep(3)
    """)
    assert holder.stdout.readline().strip() == "HELD"
    with pytest.raises(StoreBusyError, match="busy: pid .* \\(kg test"):
        save_layer(base, "drugs-x", drug_layer(), {}, wait=0)
    holder.communicate(timeout=30)
    bad = model.Mechanism(id="KG:mech-bad", drug="KG:drug-nowhere", target="HGNC:17635", action="binds", sources=SRC)
    with pytest.raises(DataErrors):
        save_layer(base, "drugs-x", [bad], {})
    with writer_lock(base, wait=0):  # released after the error
        pass


KILL_AT = """
    import os
    import kg.build as b, kg.store.write as w
    from tests.test_build import drug_layer
    point = "{point}"
    if point == "before swap":
        w.swap = lambda new, path: os._exit(9)
    elif point == "between renames":
        def swap(new, path):
            os.replace(path, path.with_name(f".{{path.name}}-old-{{os.getpid()}}"))
            os._exit(9)
        w.swap = swap
    elif point == "before finalize":
        import kg.sources.layers as layers
        layers.finalize = lambda *a: os._exit(9)
    b.save_layer("{store}", "drugs-x", drug_layer(), {{"release": "1"}})
"""


@pytest.mark.parametrize("point,kept", [("before swap", False), ("between renames", True), ("before finalize", True)])
def test_a_kill_at_any_point_leaves_layers_and_store_agreeing(base, mini, tmp_path, point, kept):
    proc = _python(KILL_AT.format(store=base, point=point))
    proc.communicate(timeout=120)
    assert proc.returncode == 9
    done = reconcile(base)  # what the next writer does first
    assert done, "there was something to put right"
    meta = read_meta(base)
    path = layers_dir(base) / "drugs-x.jsonl"
    assert path.exists() == kept and ("drugs-x" in meta["partitions"]) == kept
    if kept:
        assert meta["partitions"]["drugs-x"]["sha256"] == records_digest(file_lines(path))
    assert not pending_files(base) and not list(base.parent.glob(".store-*"))
    assert quads(base) == full_build_of(mini, base, tmp_path)


def test_stale_temporary_folders_are_removed(base, mini):
    for name in (".store-new-abc123", ".store-old-999"):
        (base.parent / name).mkdir()
        (base.parent / name / "junk").write_bytes(b"x" * 1000)
    (base.parent / ".other-new-keep").mkdir()  # another store's: not ours to remove
    build(mini, base)
    assert sorted(p.name for p in base.parent.iterdir() if p.name.startswith(".")) == [".other-new-keep"]


def test_a_failed_export_says_the_store_was_updated(mini, tmp_path):
    store, exports = tmp_path / "store", tmp_path / "exports"
    exports.write_text("a file where the exports folder should be")
    with pytest.raises(KGError, match="was built, but .*kg.ttl was not written"):
        build(mini, store, exports)
    assert read_meta(store)["generation"] == 1


def test_layer_files_that_are_not_regular_files_are_named(base, mini):
    layers_dir(base).mkdir(exist_ok=True)
    os.mkfifo(layers_dir(base) / "pipe.jsonl")
    with pytest.raises(Exception, match="pipe.jsonl.*FIFO"):
        build(mini, base)
    (layers_dir(base) / "pipe.jsonl").unlink()
    (layers_dir(base) / "gone.jsonl").symlink_to(layers_dir(base) / "nothing-here")
    with pytest.raises(Exception, match="gone.jsonl.*link to nothing"):
        build(mini, base)


def test_meta_records_each_partition(base):
    save_layer(base, "drugs-x", drug_layer(), {})
    meta = read_meta(base)
    assert set(meta["partitions"]) == {"curated", "drugs-x"}
    assert meta["triples"] == sum(p["triples"] for p in meta["partitions"].values())
    assert json.loads((base / "kg-meta.json").read_text())["generation"] == 2
