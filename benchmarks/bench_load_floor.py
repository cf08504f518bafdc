#!/usr/bin/env python3
"""Where the store's load time goes, and the best load ratio this machine allows.

    python benchmarks/bench_load_floor.py --triples 3000000 [--rdflib]

On one synthetic N-Triples file (benchmarks/synth.py, as bench_query.py makes it) it measures,
wall time and CPU time (all threads) each:
  - parse:      pyoxigraph's N-Triples parser alone (no store);
  - loader:     the bulk loader with no compaction at all: every block (kg.store.local.BLOCK_BYTES) loaded
                into a store of its own, so no block's files ever overlap another's;
  - write_store as `kg build` runs it, split into its load phase (blocks in threads; RocksDB
                compacts in the background meanwhile) and the final compaction (optimize);
  - rdflib:     Graph().parse of the same file (with --rdflib; about 2 minutes at 3M triples).
The loader alone (its CPU time spread over every core) is what a load with no compaction at all
could take; the compaction RocksDB adds runs one job at a time here (Oxigraph sizes RocksDB's
background jobs from the core count: on 2 cores, one compaction at a time), and skipping it leaves
overlapping files that make the questions slower. With --rdflib the last line is
`load ratio: write_store <rdflib / write_store>; loader alone <rdflib / loader alone>`.
"""
from __future__ import annotations

import argparse
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))


def _cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


class Timer:
    """Wall and CPU seconds of a ``with`` block.

    >>> with Timer() as t:
    ...     _ = sum(range(1000))
    >>> t.wall >= 0 and t.cpu >= 0
    True
    """

    def __init__(self) -> None:
        self.wall = self.cpu = 0.0

    def __enter__(self) -> "Timer":
        self._w, self._c = time.perf_counter(), _cpu()
        return self

    def __exit__(self, *exc) -> None:  # adds up when the same timer is entered again
        self.wall += time.perf_counter() - self._w
        self.cpu += _cpu() - self._c


def measure_parse(nt: str) -> Timer:
    import pyoxigraph as ox

    with Timer() as t:
        for _ in ox.parse(path=nt, format=ox.RdfFormat.N_TRIPLES, lenient=True):
            pass
    return t


def measure_loader(nt: str, work: str) -> Timer:
    """The bulk loader's own cost: each block into a fresh store (nothing to compact)."""
    import pyoxigraph as ox

    from kg.store.local import _blocks

    total = Timer()
    for block in _blocks(nt):
        path = tempfile.mkdtemp(dir=work)
        store = ox.Store(path)
        with total:
            store.bulk_load(block, ox.RdfFormat.N_TRIPLES, lenient=True)
        del store
        shutil.rmtree(path)
    return total


def measure_write_store(nt: str, work: str) -> tuple[Timer, Timer]:
    """kg.store.local.write_store's two phases, timed apart: parallel block load, then compaction."""
    import pyoxigraph as ox

    from kg.store.local import _load

    path = tempfile.mkdtemp(dir=work)
    store = ox.Store(path)
    with Timer() as load:
        _load(store, nt)
    with Timer() as compact:
        store.optimize()
        store.flush()
    del store
    shutil.rmtree(path)
    return load, compact


def measure_rdflib(nt: str) -> Timer:
    from rdflib import Graph

    with Timer() as t:
        Graph().parse(nt, format="nt")
    return t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--triples", type=int, default=300_000)
    ap.add_argument("--nt", help="an existing N-Triples file instead of generating one")
    ap.add_argument("--rdflib", action="store_true", help="also time rdflib's load of the same file")
    a = ap.parse_args()
    work = tempfile.mkdtemp(prefix="kg-floor-")
    try:
        nt = a.nt
        if not nt:
            from bench_query import generate

            nt = os.path.join(work, "graph.nt")
            _, n = generate(a.triples, Path(nt))
            print(f"generated {n:,} triples")
        cores = len(os.sched_getaffinity(0))
        parse = measure_parse(nt)
        loader = measure_loader(nt, work)
        load, compact = measure_write_store(nt, work)
        rows = [("parse only", parse), ("loader, no compaction", loader),
                ("write_store: load phase", load), ("write_store: compaction", compact)]
        rdfl = measure_rdflib(nt) if a.rdflib else None
        if rdfl:
            rows.append(("rdflib Graph().parse", rdfl))
        print(f"\n{'':28}{'wall (s)':>10}{'cpu (s)':>10}")
        for label, t in rows:
            print(f"{label:28}{t.wall:10.2f}{t.cpu:10.2f}")
        shipped = load.wall + compact.wall
        alone = loader.cpu / cores
        print(f"\nwrite_store {shipped:.2f} s (load phase {load.wall:.2f} + compaction {compact.wall:.2f}); "
              f"the loader alone, no compaction, spread over {cores} cores: {alone:.2f} s")
        if rdfl:
            print(f"load ratio: write_store {rdfl.wall / shipped:.1f}; loader alone {rdfl.wall / alone:.1f}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
