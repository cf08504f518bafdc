"""Scale benchmark (issue 12): the full graph users run (the curated files plus the shared CIViC
and Hetionet node files: about 30,000 nodes and 850,000 triples), then, in one run:

- each native export (N-Triples, N-Quads, Turtle, TriG) and the explorer (``kg viz`` of the whole
  graph) against a native Oxigraph dump (N-Quads) of the same store, time and peak RSS; KGX is
  measured too (no target);
- a full ``kg build`` against ingesting one article and against importing PharmacotherapyDB,
  each writer on a fresh copy of the same store, with where their time goes.

    python benchmarks/bench_scale.py [--shared ../shared/data] [--workdir DIR] [--repeat 3]
                                     [--article tests/fixtures/articles/atezolizumab-update.txt]

Every measured step runs in a child process of its own: its peak RSS is its own
(``resource.getrusage`` at its end) and so is its CPU time (user + system, all its threads).
Each read is measured ``--repeat`` times, each time right after a dump of its own, and its
ratio is taken against that dump, so a machine busy at the time slows both sides alike; the
medians are printed (wall and CPU), and the ratio of the best times as well. Targets (judged
on the median wall-time ratios): export <= 1.5x the dump and <= 400 MB; explorer <= 3x the dump
and <= 600 MB; a full build >= 10x ingesting one article and >= 4x importing PharmacotherapyDB.
Prints a table, then every figure as JSON on the last line.
"""
from __future__ import annotations

import argparse
import json
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
NATIVE = ("nt", "nq", "ttl", "trig")
TARGETS = {"export_time": 1.5, "export_rss_mb": 400, "explorer_time": 3.0, "explorer_rss_mb": 600,
           "build_vs_ingest": 10.0, "build_vs_import": 4.0}


def _usage() -> dict:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return {"cpu": r.ru_utime + r.ru_stime, "rss": r.ru_maxrss / 1024}  # kB on Linux


class Phases:
    """Time spent in chosen functions (wrapped in place in this child process only)."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)

    def wrap(self, owner, name: str, label: str, classmethod_: bool = False) -> None:
        """Time calls of ``owner.name`` under ``label`` (nothing if the code has no such thing:
        the reader is being reworked on another branch)."""
        orig = getattr(owner, name, None) if owner is not None else None
        if orig is None:
            return

        def timed(*args, **kw):
            t = time.perf_counter()
            try:
                return orig(*args, **kw)
            finally:
                self.seconds[label] += time.perf_counter() - t

        setattr(owner, name, classmethod(lambda cls, *a, **k: timed(*a, **k)) if classmethod_ else timed)

    def rounded(self) -> dict[str, float]:
        return {k: round(v, 2) for k, v in self.seconds.items()}


def _writer_phases() -> Phases:
    """Where a writer's time goes: loading the records, graph + SHACL per partition, the store."""
    import kg.build
    import kg.store.write

    ph = Phases()
    ph.wrap(kg.build, "load_catalog", "load records (curated + layers)")
    ph.wrap(kg.build, "_partition", "graph + SHACL (partitions rebuilt)")
    ph.wrap(kg.store.write, "write_store", "store write (new store)")
    ph.wrap(kg.store.write, "update_store", "store update (copy + changed partitions)")
    ph.wrap(kg.build, "_export_turtle", "exports/kg.ttl")
    return ph


# -- the measured steps (each in a child process) -------------------------------------------------

def step_setup(store: str, shared: str) -> dict:
    """The full graph: CIViC, then Hetionet nodes, imported into a new store (not a measured step)."""
    from kg.sources.importers import run_import

    out = {}
    for source, paths in (("civic", [f"{shared}/civic"]),
                          ("hetionet-nodes", [f"{shared}/hetionet/hetionet-v1.0-nodes.tsv"])):
        r = run_import(store, source, paths, data_dir=ROOT / "data")
        out[source] = {"imported": r["imported"], "seconds": r["seconds"]["total"]}
    return out


def step_build(store: str, exports: str) -> dict:
    """``kg build``: every record checked, every partition built, a new store and exports/kg.ttl."""
    from kg.build import build

    ph = _writer_phases()
    stats = build(ROOT / "data", store, exports)
    return {"nodes": stats["nodes"], "edges": stats["edges"], "triples": stats["triples"], "phases": ph.rounded()}


def step_ingest(store: str, article: str) -> dict:
    """``kg ingest ARTICLE`` on the full graph."""
    import kg.build
    from kg.sources import ingest as ingest_mod

    ph = _writer_phases()
    ph.wrap(getattr(ingest_mod, "Matcher", None), "from_store", "read: Matcher.from_store (names -> regex)",
            classmethod_=True)
    ph.wrap(getattr(ingest_mod, "Facts", None), "from_store", "read: Facts.from_store", classmethod_=True)
    ph.wrap(getattr(ingest_mod, "Matcher", None), "find", "read: Matcher.find (mentions)")
    ph.wrap(getattr(ingest_mod, "Reader", None), "run", "read: Reader.run (claims)")
    ph.wrap(ingest_mod, "extract_file", "read: extract_file (all of reading)")
    ph.wrap(kg.build, "save_layer", "save_layer (all of saving)")
    ex, report = ingest_mod.ingest(article, store)
    return {"mentions": len(ex.mentions), "claims": len(ex.claims), "added": len(report["added"]),
            "rebuilt": report["rebuilt"], "phases": ph.rounded()}


def step_import(store: str, source: str, path: str) -> dict:
    """``kg import SOURCE FILE`` on the full graph."""
    from kg.sources.importers import run_import

    ph = _writer_phases()
    r = run_import(store, source, [path])
    return {"imported": r["imported"], "rebuilt": r["changes"].get("rebuilt"),
            "phases": {**{f"import: {k}": v for k, v in r["seconds"].items()}, **ph.rounded()}}


def step_dump(store: str, out: str) -> dict:
    """The baseline: Oxigraph's own dump of the store's whole dataset (N-Quads)."""
    import pyoxigraph as ox

    ox.Store.read_only(f"{store}/data").dump(out, ox.RdfFormat.N_QUADS)
    return {"bytes": Path(out).stat().st_size}


def _cli(*args: str) -> None:
    from kg.cli import main

    try:
        main(list(args))
    except SystemExit as exc:
        if exc.code:
            raise RuntimeError(f"kg {' '.join(args)} exited {exc.code}") from None


def step_export(store: str, fmt: str, out: str) -> dict:
    """``kg export --format FMT``."""
    _cli("export", "--format", fmt, "--output", out, "--store", store)
    return {"bytes": sum(p.stat().st_size for p in Path(out).rglob("*")) if Path(out).is_dir()
            else Path(out).stat().st_size}


def step_viz(store: str, out: str) -> dict:
    """``kg viz`` of the whole graph."""
    _cli("viz", "--output", out, "--store", store)
    return {"bytes": Path(out).stat().st_size}


STEPS = {f.__name__[5:]: f for f in (step_setup, step_build, step_ingest, step_import, step_dump, step_export,
                                       step_viz)}


def child_main(name: str, args: list[str]) -> None:
    before, t = _usage(), time.perf_counter()
    extra = STEPS[name](*args)
    after = _usage()
    print(json.dumps({"seconds": round(time.perf_counter() - t, 2), "cpu": round(after["cpu"] - before["cpu"], 2),
                      "rss_mb": round(after["rss"], 1), **extra}))


def run(name: str, *args: str, may_fail: bool = False) -> dict:
    """Run a step in a child process; its figures. A step that ``may_fail`` (one measured without
    a target) gives ``{"error": ...}`` instead of stopping the run."""
    out = subprocess.run([sys.executable, __file__, "--step", name, *map(str, args)], capture_output=True, text=True)
    if out.returncode:
        if may_fail:
            return {"error": next((line for line in out.stderr.splitlines() if line.startswith("kg: ")),
                                  out.stderr.strip().splitlines()[-1] if out.stderr.strip() else "failed")}
        raise SystemExit(f"step {name} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


# -- the run ----------------------------------------------------------------------------------------

def _copy(store: Path, to: Path) -> Path:
    """A full copy of the store and its layer files (a writer changes its copy, not the original)."""
    if to.parent.exists():
        shutil.rmtree(to.parent)
    to.parent.mkdir(parents=True)
    shutil.copytree(store, to)
    shutil.copytree(store.with_name(store.name + ".layers"), to.with_name(to.name + ".layers"))
    return to


def _med(xs: list[float]) -> float:
    return round(statistics.median(xs), 2)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    shared = next((p for p in (ROOT.parent / "shared" / "data", ROOT.parent.parent / "shared" / "data") if p.exists()),
                  ROOT.parent / "shared" / "data")  # ../shared beside the project (or beside its worktree folder)
    ap.add_argument("--shared", type=Path, default=shared)
    ap.add_argument("--workdir", type=Path, default=None, help="keep the stores here (reused when already set up)")
    ap.add_argument("--repeat", type=int, default=3, help="rounds of dump, exports and explorer; ingests")
    ap.add_argument("--article", type=Path,
                    default=ROOT / "tests" / "fixtures" / "articles" / "atezolizumab-update.txt")
    ap.add_argument("--step", help=argparse.SUPPRESS)
    args, rest = ap.parse_known_args()
    if args.step:
        child_main(args.step, rest)
        return
    for need in (args.shared / "civic", args.shared / "hetionet" / "hetionet-v1.0-nodes.tsv",
                 args.shared / "pharmacotherapydb" / "indications.tsv", args.article):
        if not need.exists():
            raise SystemExit(f"{need} is not here")
    work = args.workdir or Path(tempfile.mkdtemp(prefix="bench-scale-"))
    store = work / "full" / "store"
    report: dict = {"repeat": args.repeat}
    if not (store / "kg-meta.json").exists():
        print("setting up the full graph (importing CIViC and Hetionet nodes) ...", flush=True)
        report["setup"] = run("setup", store, args.shared)
    print("full build ...", flush=True)
    build = run("build", store, work / "full" / "exports")
    report["build"] = build
    print(f"  {build['triples']} triples, {build['nodes']} nodes, {build['edges']} edges: {build['seconds']} s",
          flush=True)

    rounds: dict[str, list[dict]] = defaultdict(list)
    out = work / "out"
    out.mkdir(exist_ok=True)
    read_steps = [(fmt, ("export", store, fmt, out / f"kg.{fmt}")) for fmt in NATIVE]
    read_steps += [("kgx", ("export", store, "kgx", out / "kgx")), ("explorer", ("viz", store, out / "kg.html"))]
    baseline: dict[str, list[dict]] = defaultdict(list)  # the dump measured right before each step
    for r in range(args.repeat):
        print(f"reads, round {r + 1} ...", flush=True)
        for name, step in read_steps:
            baseline[name].append(run("dump", store, out / "dump.nq"))
            rounds[name].append(run(*step, may_fail=name == "kgx"))  # kgx has no target: measured only
    rounds["dump"] = [d for name, _ in read_steps for d in baseline[name]]
    for r in range(args.repeat):
        print(f"ingest, round {r + 1} ...", flush=True)
        rounds["ingest"].append(run("ingest", _copy(store, work / "w" / "store"), args.article))
    print("import PharmacotherapyDB ...", flush=True)
    rounds["import"].append(run("import", _copy(store, work / "w" / "store"), "pharmacotherapydb",
                                args.shared / "pharmacotherapydb" / "indications.tsv"))

    reads = {}
    for name in ("dump", *NATIVE, "kgx", "explorer"):
        xs, ds = rounds[name], baseline.get(name, rounds["dump"])
        if any("error" in x for x in xs):
            reads[name] = {"error": next(x["error"] for x in xs if "error" in x)}
            continue
        reads[name] = {"seconds": _med([x["seconds"] for x in xs]), "cpu": _med([x["cpu"] for x in xs]),
                       "rss_mb": max(x["rss_mb"] for x in xs), "bytes": xs[-1]["bytes"],
                       "x_dump": _med([x["seconds"] / d["seconds"] for x, d in zip(xs, ds)]),
                       "x_dump_cpu": _med([x["cpu"] / d["cpu"] for x, d in zip(xs, ds)]),
                       "x_dump_best": round(min(x["seconds"] for x in xs) / min(d["seconds"] for d in ds), 2),
                       "all_seconds": [x["seconds"] for x in xs], "dump_seconds": [d["seconds"] for d in ds]}
    writers = {"build": {"seconds": build["seconds"], "cpu": build["cpu"], "rss_mb": build["rss_mb"]}}
    for name in ("ingest", "import"):
        xs = rounds[name]
        writers[name] = {"seconds": _med([x["seconds"] for x in xs]), "cpu": _med([x["cpu"] for x in xs]),
                         "rss_mb": max(x["rss_mb"] for x in xs), "all_seconds": [x["seconds"] for x in xs],
                         "phases": xs[0]["phases"],
                         **{k: xs[0][k] for k in ("mentions", "claims", "added", "imported", "rebuilt") if k in xs[0]}}
    ratios = {
        "export_time": max(reads[f]["x_dump"] for f in NATIVE),
        "export_rss_mb": max(reads[f]["rss_mb"] for f in NATIVE),
        "explorer_time": reads["explorer"]["x_dump"], "explorer_rss_mb": reads["explorer"]["rss_mb"],
        "build_vs_ingest": round(build["seconds"] / writers["ingest"]["seconds"], 2),
        "build_vs_import": round(build["seconds"] / writers["import"]["seconds"], 2),
    }
    cpu_ratios = {"build_vs_ingest": round(build["cpu"] / writers["ingest"]["cpu"], 2),
                  "build_vs_import": round(build["cpu"] / writers["import"]["cpu"], 2)}  # no target: for the noise
    met = {k: (v <= TARGETS[k]) if k.startswith(("export", "explorer")) else (v >= TARGETS[k])
           for k, v in ratios.items()}
    report.update(reads=reads, writers=writers, ratios=ratios, cpu_ratios=cpu_ratios, targets=TARGETS, met=met)

    print(f"\n{'step':12} {'wall s':>8} {'CPU s':>7} {'peak MB':>8} {'x dump':>7} {'x dump CPU':>10} "
          f"{'x dump best':>11}  MB written")
    for name, x in reads.items():
        if "error" in x:
            print(f"{name:12} failed: {x['error']}")
            continue
        print(f"{name:12} {x['seconds']:8.2f} {x['cpu']:7.2f} {x['rss_mb']:8.1f} {x['x_dump']:7.2f} "
              f"{x['x_dump_cpu']:10.2f} {x['x_dump_best']:11.2f}  {x['bytes'] / 1e6:.1f}")
    print(f"\n{'writer':12} {'wall s':>8} {'CPU s':>7} {'peak MB':>8}")
    for name, x in writers.items():
        print(f"{name:12} {x['seconds']:8.2f} {x['cpu']:7.2f} {x['rss_mb']:8.1f}")
    for name in ("build", "ingest", "import"):
        phases = (build if name == "build" else writers[name])["phases"]
        print(f"\n{name} phases (s): " + "; ".join(f"{k} {v}" for k, v in phases.items()))
    print("\nratios: " + ", ".join(f"{k}={v} ({'met' if met[k] else 'NOT met'}: target "
                                   f"{'<=' if k.startswith(('export', 'explorer')) else '>='} {TARGETS[k]})"
                                   for k, v in ratios.items()))
    print("writers by CPU time: " + ", ".join(f"{k}={v}" for k, v in cpu_ratios.items()))
    print(json.dumps(report))
    if args.workdir is None:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
