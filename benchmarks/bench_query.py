#!/usr/bin/env python3
"""Load, memory and query benchmark: rdflib's default memory store vs the shipped engine.

    python benchmarks/bench_query.py --triples 3000000

Generates a synthetic graph with the project's own model, graph and RDF code (benchmarks/synth.py),
writes it as N-Triples, then in separate processes (so that peak RSS is each engine's own):
  - rdflib:  Graph().parse(nt); each named question's stored SPARQL with initBindings;
  - ours:    kg.store.local.write_store, as `kg build` runs it (on-disk Oxigraph, parallel block bulk load,
             compaction), reopened read-only;
             the same stored SPARQL with the values bound (native terms, no rdflib conversion).
Reports load time, peak RSS, each question's median latency, and the cold start of
`kg lookup atezolizumab` against `python -c "import rdflib"`, measured in the same run.
The last line is `ratios: load=<x> query=<y> memory=<z>` (rdflib / ours; higher is better).
"""
from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

TRIPLES_PER_PROGRAMME = 840  # measured: benchmarks/synth.py gives ~840 triples per programme


def questions(probe: dict[str, str]) -> list[tuple[str, str, dict[str, str]]]:
    """(label, stored query, bindings) for the named questions, bound to a mid-graph drug, one of
    its indications and one of its targets (``probe``)."""
    drug, ind, target = probe["drug"], probe["ind"], probe["target"]
    return [
        ("approvals", "approvals", {}),
        ("approvals of one drug", "approvals", {"drug": drug}),
        ("trials behind approvals", "approval_trials", {"drug": drug}),
        ("evidence drug x indication", "evidence", {"drug": drug, "ind": ind}),
        ("drugs for target", "drugs_for_target", {"target": target}),
        ("trials of a drug", "trials", {"drug": drug}),
        ("results of a drug", "drug_results", {"drug": drug}),
        ("contradictions", "contradictions", {}),
    ]


def generate(n_triples: int, path: Path) -> tuple[dict[str, str], int]:
    from synth import dataset

    from kg.graph.networkx_graph import build_graph
    from kg.graph.rdf import iter_triples

    programmes = max(10, round(n_triples / TRIPLES_PER_PROGRAMME))
    g = build_graph(dataset(programmes))
    drug = sorted(n for n, t in g.nodes(data="type") if t == "Drug")[programmes // 2]
    out = {d["predicate"]: v for _, v, d in g.out_edges(drug, data=True)}
    probe = {"drug": drug, "ind": out["kg:clinicalEvidenceFor"], "target": out["kg:binds"], "programmes": programmes}
    n = 0
    with open(path, "w", encoding="utf-8") as fh:
        for s, p, o in iter_triples(g):
            fh.write(f"{s.n3()} {p.n3()} {o.n3()} .\n")
            n += 1
    return probe, n


def _peak_rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_rdflib(nt: str, probe: dict, repeat: int, cap: float) -> dict:
    from rdflib import Graph, URIRef
    from rdflib.plugins.sparql import prepareQuery

    from kg.schema.ids import curie_to_iri
    from kg.query.stored import PREFIXES, stored_query

    t = time.perf_counter()
    g = Graph()
    g.parse(nt, format="nt")
    load = time.perf_counter() - t
    out = {"load_s": load, "queries": {}}
    for label, name, bind in questions(probe):
        q = prepareQuery(stored_query(name), initNs=PREFIXES)
        init = {k: URIRef(curie_to_iri(v)) for k, v in bind.items()}
        out["queries"][label] = _capped(lambda: sum(1 for _ in g.query(q, initBindings=init)), repeat, cap)
    out["peak_rss_mb"] = _peak_rss_mb()
    return out


def _capped(fn, repeat: int, cap: float) -> dict:
    """Median time of ``fn`` over ``repeat`` runs in a forked child (which shares the loaded
    graph); a child still running after ``cap`` seconds is stopped and the cap is reported."""
    import multiprocessing

    ctx = multiprocessing.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)

    def work():
        times, rows = [], 0
        for _ in range(repeat):
            t = time.perf_counter()
            rows = fn()
            times.append(time.perf_counter() - t)
            if sum(times) > cap:
                break
        child.send({"median_s": statistics.median(times), "rows": rows, "capped": False})

    proc = ctx.Process(target=work, daemon=True)
    proc.start()
    if parent.poll(cap):
        res = parent.recv()
    else:
        res = {"median_s": cap, "rows": None, "capped": True}
    proc.kill()
    proc.join()
    return res


def run_ours(nt: str, probe: dict, repeat: int, workdir: str) -> dict:
    import pyoxigraph as ox

    from kg.query.stored import bound_query
    from kg.store.local import write_store

    path = os.path.join(workdir, "store")
    t = time.perf_counter()
    write_store(path, nt, {"benchmark": True})  # exactly what `kg build` does: parallel block bulk load, compaction
    load = time.perf_counter() - t
    store = ox.Store.read_only(path)
    out = {"load_s": load, "queries": {}}
    for label, name, bind in questions(probe):
        text = bound_query(name, **bind)  # the shipped path: values bound as terms, planned by the engine
        times, rows = [], 0
        for _ in range(repeat):
            t = time.perf_counter()
            rows = sum(1 for _ in store.query(text))
            times.append(time.perf_counter() - t)
        out["queries"][label] = {"median_s": statistics.median(times), "rows": rows}
    out["peak_rss_mb"] = _peak_rss_mb()
    out["disk_mb"] = sum(f.stat().st_size for f in Path(path).rglob("*") if f.is_file()) / 2**20
    return out


def _child(engine: str, nt: str, probe: dict, repeat: int, workdir: str, cap: float) -> dict:
    cmd = [sys.executable, __file__, "--child", engine, "--nt", nt, "--probe", json.dumps(probe),
           "--repeat", str(repeat), "--workdir", workdir, "--cap", str(cap)]
    res = subprocess.run(cmd, capture_output=True, text=True, check=True)
    return json.loads(res.stdout.strip().splitlines()[-1])


def cold_start(runs: int) -> dict:
    """Median wall time of a cold `kg lookup atezolizumab` (on the curated store) and of `import rdflib`."""
    work = tempfile.mkdtemp(prefix="kg-bench-cold-")
    store = os.path.join(work, "store")
    subprocess.run([sys.executable, "-m", "kg", "build", "--data", str(ROOT / "data"), "--store", store,
                    "--exports", os.path.join(work, "exports")], check=True, capture_output=True, cwd=ROOT)

    def timed(cmd):
        times = []
        for _ in range(runs):
            t = time.perf_counter()
            subprocess.run(cmd, check=True, capture_output=True, cwd=ROOT)
            times.append(time.perf_counter() - t)
        return statistics.median(times)

    # the kg script installed beside this Python (not a version manager's shim on PATH, such as
    # pyenv's, which adds its own start-up), else python -m kg
    script = Path(sys.executable).with_name("kg")
    lookup = [str(script)] if script.exists() else [sys.executable, "-m", "kg"]
    res = {}
    for _ in range(2):  # interleave to share the machine's noise
        res.setdefault("lookup", []).append(timed(lookup + ["lookup", "atezolizumab", "--store", store]))
        res.setdefault("import_rdflib", []).append(timed([sys.executable, "-c", "import rdflib"]))
        res.setdefault("python", []).append(timed([sys.executable, "-c", "pass"]))
    shutil.rmtree(work, ignore_errors=True)
    return {k: min(v) for k, v in res.items()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--triples", type=int, default=300_000)
    ap.add_argument("--repeat", type=int, default=5, help="runs per question (median taken)")
    ap.add_argument("--cold-runs", type=int, default=10)
    ap.add_argument("--cap", type=float, default=120.0,
                    help="stop an rdflib question after this many seconds and report the cap (a lower bound)")
    ap.add_argument("--child", choices=["rdflib", "ours"], help=argparse.SUPPRESS)
    ap.add_argument("--nt", help=argparse.SUPPRESS)
    ap.add_argument("--probe", help=argparse.SUPPRESS)
    ap.add_argument("--workdir", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.child:
        probe = json.loads(a.probe)
        if a.child == "rdflib":
            res = run_rdflib(a.nt, probe, a.repeat, a.cap)
        else:
            res = run_ours(a.nt, probe, a.repeat, a.workdir)
        print(json.dumps(res))
        return

    work = tempfile.mkdtemp(prefix="kg-bench-")
    try:
        nt = os.path.join(work, "graph.nt")
        t = time.perf_counter()
        probe, n = generate(a.triples, Path(nt))
        print(f"generated {n:,} triples ({probe['programmes']} drug programmes) in {time.perf_counter() - t:.1f} s")
        ours = _child("ours", nt, probe, a.repeat, work, a.cap)
        rdfl = _child("rdflib", nt, probe, max(1, min(a.repeat, 3)), work, a.cap)
        print(f"\n{'':28}{'rdflib':>12}{'ours':>12}{'ratio':>9}")
        print(f"{'load (s)':28}{rdfl['load_s']:12.2f}{ours['load_s']:12.2f}{rdfl['load_s'] / ours['load_s']:9.1f}")
        print(f"{'peak RSS (MB)':28}{rdfl['peak_rss_mb']:12.0f}{ours['peak_rss_mb']:12.0f}"
              f"{rdfl['peak_rss_mb'] / ours['peak_rss_mb']:9.1f}")
        print(f"{'store on disk (MB)':28}{'':12}{ours['disk_mb']:12.0f}")
        ratios = []
        for label in rdfl["queries"]:
            r, o = rdfl["queries"][label], ours["queries"][label]
            if not r["capped"] and r["rows"] != o["rows"]:
                raise SystemExit(f"{label}: rdflib returned {r['rows']} rows, ours {o['rows']}: answers differ")
            ratios.append(r["median_s"] / o["median_s"])
            mark = ">=" if r["capped"] else "  "
            print(f"{label + ' (ms)':28}{mark}{r['median_s'] * 1000:10.1f}{o['median_s'] * 1000:12.1f}{mark}"
                  f"{ratios[-1]:7.1f}   {o['rows']} rows" + ("   (rdflib stopped at the cap)" if r["capped"] else ""))
        cold = cold_start(a.cold_runs)
        print(f"\ncold start (median of {a.cold_runs}, best of 2 interleaved rounds): "
              f"python {cold['python']:.3f} s, import rdflib {cold['import_rdflib']:.3f} s, "
              f"kg lookup atezolizumab {cold['lookup']:.3f} s -> ratio {cold['lookup'] / cold['import_rdflib']:.2f}"
              f" (lookup / import rdflib; target <= 1.0)")
        q = math.exp(sum(map(math.log, ratios)) / len(ratios))
        if any(rdfl["queries"][k]["capped"] for k in rdfl["queries"]):
            print("(questions rdflib did not finish within the cap count at the cap: the query ratio is a lower bound)")
        print(f"ratios: load={rdfl['load_s'] / ours['load_s']:.1f} query={q:.1f} "
              f"memory={rdfl['peak_rss_mb'] / ours['peak_rss_mb']:.1f}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
