#!/usr/bin/env python3
"""What the identifier crosswalk costs the curated build.

    python benchmarks/bench_crosswalk.py [--rounds 3] [--data data]

Builds the curated data (kg.build.build, store and kg.ttl) with its crosswalk table
(data/crosswalk/indications.sssom.tsv) and from a copy without it, alternating, ``--rounds``
times each, and prints the median wall time of each and their ratio (the machine is shared:
only the ratio within one run means much). Also times loading the curated records alone
(kg.sources.curated.load_dataset) with and without the table, where the crosswalk is read.
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> None:
    from kg.build import build
    from kg.sources.crosswalk import TABLE
    from kg.sources.curated import load_dataset

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--data", type=Path, default=Path("data"))
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="bench-xwalk-"))
    try:
        with_table, without = tmp / "with", tmp / "without"
        shutil.copytree(args.data, with_table)
        shutil.copytree(args.data, without)
        (without / TABLE).unlink()
        times: dict[str, list[float]] = {"with": [], "without": [], "load with": [], "load without": []}
        for i in range(args.rounds):
            for name, data in (("without", without), ("with", with_table)):
                t = time.perf_counter()
                load_dataset(data)
                times[f"load {name}"].append(time.perf_counter() - t)
                t = time.perf_counter()
                build(data, tmp / f"store-{name}-{i}", tmp / f"exports-{name}-{i}")
                times[name].append(time.perf_counter() - t)
                shutil.rmtree(tmp / f"store-{name}-{i}")
        med = {k: statistics.median(v) for k, v in times.items()}
        print(f"records load: without table {med['load without']:.2f} s, with {med['load with']:.2f} s, "
              f"ratio {med['load with'] / med['load without']:.2f}")
        print(f"build: without table {med['without']:.1f} s, with {med['with']:.1f} s "
              f"(median of {args.rounds}), ratio {med['with'] / med['without']:.2f}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
