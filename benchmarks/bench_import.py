"""Import benchmark: records/s of each importer, the full CIViC release into a store, Hetionet
nodes on top of it, and a rebuild with both layers; peak RSS measured inside each run.

    python benchmarks/bench_import.py [--shared ../shared/data] [--ctgov 5000]

Each measured phase runs in a child process of its own (so its peak RSS is its own, read with
``resource.getrusage`` at the end of the run). Reading speed is parse + resolve + typed
records, without saving; the imports include the rebuild of the store (loader checks, graph,
SHACL, store write). Prints a table and the figures as JSON.
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)  # kB on Linux


def phase_read(source: str, paths: list[str]) -> dict:
    """Parse and resolve every record of ``paths`` against the curated data, without saving: first
    without the loader's check of each record an import keeps (the baseline), then with it."""
    from kg.sources.importers import importer
    from kg.sources.importers.base import Context
    from kg.sources.importers.resolve import Resolver
    from kg.sources.curated import load_dataset

    mod = importer(source)
    curated = load_dataset(ROOT / "data").all()
    files = mod.expand([Path(p) for p in paths])

    def once(check: bool):
        saved = Context.check
        if not check:  # the baseline: the same reading without the loader's check of each record kept
            Context.check = lambda self, rec: rec
        try:
            t0 = time.perf_counter()
            ctx = Context(mod.INFORES, Resolver(curated))
            statements = list(mod.read(files, ctx))
            return ctx, ctx.records(statements, "bench"), time.perf_counter() - t0
        finally:
            Context.check = saved

    _, _, unchecked = once(False)
    ctx, records, seconds = once(True)
    return {"source": source, "read": ctx.read, "imported": ctx.imported, "records": len(records),
            "seconds": round(seconds, 2), "records_per_s": round(ctx.read / seconds),
            "unchecked_seconds": round(unchecked, 2), "check_ratio": round(seconds / unchecked, 1),
            "peak_rss_mb": _rss_mb()}



def phase_import(source: str, paths: list[str], store: str) -> dict:
    """``kg import`` of ``paths`` into ``store`` (index, read, rebuild)."""
    from kg.sources.importers import run_import

    t0 = time.perf_counter()
    r = run_import(store, source, paths, data_dir=ROOT / "data")
    return {"source": source, "read": r["read"], "imported": r["imported"], "rejected": r["rejected"],
            "resolved": r["resolved"], "new": r["new"], "seconds": round(time.perf_counter() - t0, 1),
            "phases": r["seconds"], "peak_rss_mb": _rss_mb()}


def phase_build(store: str) -> dict:
    """``kg build`` of the curated data and every layer of ``store``."""
    from kg.build import build

    t0 = time.perf_counter()
    stats = build(ROOT / "data", store, None)
    return {"seconds": round(time.perf_counter() - t0, 1), "nodes": stats["nodes"], "edges": stats["edges"],
            "triples": stats["triples"], "peak_rss_mb": _rss_mb()}


def _child(*args: str) -> dict:
    out = subprocess.run([sys.executable, __file__, "--phase", *args], check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def ctgov_dump(path: Path, n: int) -> Path:
    """``n`` synthetic study records (the fixture study with other NCT numbers) as JSON lines."""
    study = json.loads((ROOT / "tests" / "fixtures" / "import" / "ctgov" / "study1.json").read_text())
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(n):
            study["protocolSection"]["identificationModule"].update(nctId=f"NCT98{i:06d}", acronym=f"BENCH-{i}")
            fh.write(json.dumps(study) + "\n")
    return path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", default=str(ROOT.parent / "shared" / "data"))
    ap.add_argument("--ctgov", type=int, default=5000, help="synthetic ClinicalTrials.gov records to read")
    ap.add_argument("--phase", nargs="+", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.phase:
        kind, *rest = a.phase
        result = {"read": lambda: phase_read(rest[0], rest[1:]), "build": lambda: phase_build(rest[0]),
                  "import": lambda: phase_import(rest[0], rest[2:], rest[1])}[kind]()
        print(json.dumps(result))
        return
    shared = Path(a.shared)
    civic = str(shared / "civic" / "ClinicalEvidenceSummaries.tsv")
    hetionet = str(shared / "hetionet" / "hetionet-v1.0-nodes.tsv")
    tmp = Path(tempfile.mkdtemp(prefix="bench-import-"))
    inputs = {"civic": [civic], "pharmacotherapydb": [str(shared / "pharmacotherapydb")], "hetionet-nodes": [hetionet],
              "ctgov": [str(ctgov_dump(tmp / "studies.jsonl", a.ctgov))]}
    figures: dict = {"read": {}}
    print(f"{'importer':<18} {'records':>8} {'seconds':>8} {'records/s':>10} {'unchecked s':>12} {'ratio':>6} "
          f"{'peak RSS MB':>12}")
    for source, paths in inputs.items():
        r = figures["read"][source] = _child("read", source, *paths)
        print(f"{source:<18} {r['read']:>8} {r['seconds']:>8} {r['records_per_s']:>10} {r['unchecked_seconds']:>12} "
              f"{r['check_ratio']:>6} {r['peak_rss_mb']:>12}")
    store = str(tmp / "store")
    figures["curated_build"] = _child("build", store)
    figures["civic_import"] = c = _child("import", "civic", store, civic)
    print(f"\nfull CIViC release into the curated store: {c['seconds']} s (index {c['phases']['index']} s, "
          f"read {c['phases']['read']} s, rebuild {c['phases']['write']} s), peak RSS {c['peak_rss_mb']} MB; "
          f"read {c['read']}, imported {c['imported']}, rejected {c['rejected']}, resolved {c['resolved']}, "
          f"new {c['new']}")
    figures["hetionet_import"] = h = _child("import", "hetionet-nodes", store, hetionet)
    print(f"Hetionet nodes on top: {h['seconds']} s (rebuild {h['phases']['write']} s), peak RSS {h['peak_rss_mb']} MB; "
          f"imported {h['imported']}, resolved {h['resolved']}, new {h['new']}")
    figures["rebuild_both"] = b = _child("build", store)
    print(f"kg build with both layers: {b['seconds']} s for {b['nodes']} nodes, {b['edges']} edges, "
          f"{b['triples']} triples; peak RSS {b['peak_rss_mb']} MB")
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
