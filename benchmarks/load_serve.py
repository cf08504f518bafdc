"""Load test of ``kg serve``: N concurrent clients on loopback for a bounded time, against a
baseline server measured in the same run.

Starts ``python -m kg serve`` on a free port (a separate process, as in use); each client thread
sends the named questions' SPARQL (the stored queries with their values bound, as the CLI runs
them) over a keep-alive connection, round-robin, until the time is up. Two phases per server:

- ``plain``: the clients alone; requests per second and p50/p99 latency, overall and per question.
- ``slow``: the same clients while ``--slow`` more clients keep sending a query that runs to the
  time limit (``--timeout``); the quick clients' latency shows whether slow queries make
  everyone wait (a fair server keeps their p99 well under the time limit).

With ``--baseline DIR`` (a source tree of an earlier kg, e.g. ``git archive main | tar -x -C DIR``)
the same phases run on that tree's server too, rounds alternating, and the ratios new/baseline
are printed. Exits 1 if a quick request of this tree's server failed in the plain phase.

    python benchmarks/load_serve.py --store exports/store [--baseline /tmp/base] [--clients 8]
        [--seconds 10] [--rounds 2] [--workers 2] [--slow 2] [--timeout 5]
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent)]

from kg.query.stored import bound_query  # noqa: E402

DRUG, IND, TARGET = "DRUGBANK:DB11595", "MONDO:0005494", "HGNC:17635"
QUESTIONS = {
    "approvals": bound_query("approvals"),
    "approvals --drug": bound_query("approvals", drug=DRUG),
    "trials DRUG": bound_query("trials", drug=DRUG),
    "evidence DRUG IND": bound_query("evidence", drug=DRUG, ind=IND),
    "drugs-for-target": bound_query("drugs_for_target", target=TARGET),
    "contradictions": bound_query("contradictions"),
}
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def percentile(sorted_values: list[float], p: float) -> float:
    if not sorted_values:
        return float("nan")
    k = min(len(sorted_values) - 1, max(0, round(p / 100 * len(sorted_values) + 0.5) - 1))
    return sorted_values[k]


def client(port: int, stop: float, out: list, offset: int, slow: bool = False) -> None:
    names = list(QUESTIONS)
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    i = offset
    while time.monotonic() < stop:
        name = "slow" if slow else names[i % len(names)]
        i += 1
        body = urllib.parse.urlencode({"query": SLOW if slow else QUESTIONS[name]})
        t0 = time.perf_counter()
        ok = False
        try:
            conn.request("POST", "/sparql", body=body, headers={
                "Content-Type": "application/x-www-form-urlencoded", "Accept": "application/sparql-results+json"})
            resp = conn.getresponse()
            data = resp.read()
            ok = resp.status == 200 and "results" in json.loads(data)
            if resp.getheader("Connection", "").lower() == "close":
                conn.close()
        except (OSError, http.client.HTTPException, ValueError):
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        out.append((name, time.perf_counter() - t0, ok))
    conn.close()


def start_server(tree: Path, store: str, workers: int, timeout: float) -> tuple[subprocess.Popen, int]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "PYTHONPATH": str(tree)}
    server = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--port", str(port), "--workers", str(workers),
                               "--timeout", str(timeout), "--store", str(Path(store).resolve())], cwd=tree, env=env,
                              stderr=subprocess.PIPE, text=True)
    line = server.stderr.readline()  # "serving ..." once it listens
    if "serving" not in line:
        server.kill()
        raise SystemExit(f"the server in {tree} did not start: {line}{server.stderr.read()[:2000]}")
    return server, port


def phase(port: int, clients: int, seconds: float, slow: int) -> tuple[list, float]:
    results: list = []
    slow_results: list = []
    stop = time.monotonic() + seconds
    started = time.monotonic()
    threads = [threading.Thread(target=client, args=(port, stop, results, k)) for k in range(clients)]
    threads += [threading.Thread(target=client, args=(port, stop, slow_results, 0, True)) for _ in range(slow)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results, time.monotonic() - started


def run_server(tree: Path, args, totals: dict) -> None:
    server, port = start_server(tree, args.store, args.workers, args.timeout)
    try:
        client(port, time.monotonic() + 1.0, [], 0)  # warm up
        for name, slow in (("plain", 0), ("slow", args.slow)):
            results, elapsed = phase(port, args.clients, args.seconds, slow)
            got = totals.setdefault(name, {"results": [], "elapsed": 0.0})
            got["results"] += results
            got["elapsed"] += elapsed
    finally:
        server.terminate()
        server.wait(10)


def summary(label: str, name: str, got: dict) -> dict:
    results, elapsed = got["results"], got["elapsed"]
    lat = sorted(d for _, d, _ in results)
    figures = {"rps": len(results) / elapsed, "p50": percentile(lat, 50) * 1000, "p99": percentile(lat, 99) * 1000,
               "failed": sum(1 for _, _, ok in results if not ok), "n": len(results)}
    print(f"{label:9s} {name:6s}: {figures['n']:6d} requests, {figures['rps']:6.0f} req/s, p50 {figures['p50']:7.1f} ms, "
          f"p99 {figures['p99']:7.1f} ms, failed {figures['failed']}")
    return figures


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--seconds", type=float, default=10.0)
    ap.add_argument("--rounds", type=int, default=2, help="alternating rounds per server (with --baseline)")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--slow", type=int, default=2, help="clients sending a query that runs to the time limit")
    ap.add_argument("--timeout", type=float, default=5.0, help="the servers' query time limit, in seconds")
    ap.add_argument("--store", default="exports/store")
    ap.add_argument("--baseline", type=Path, default=None, help="source tree of the kg to compare with")
    args = ap.parse_args()

    trees = {"this": HERE.parent}
    if args.baseline:
        trees = {"baseline": args.baseline.resolve(), **trees}
    totals: dict[str, dict] = {label: {} for label in trees}
    for _ in range(args.rounds if args.baseline else 1):
        for label, tree in trees.items():
            run_server(tree, args, totals[label])
    print(f"kg serve load test: {args.clients} clients (+{args.slow} slow in the slow phase), {args.workers} workers, "
          f"time limit {args.timeout:g} s, {args.seconds:g} s per phase x {args.rounds if args.baseline else 1} "
          f"round(s), {os.cpu_count()} CPUs")
    figures = {label: {name: summary(label, name, got) for name, got in totals[label].items()} for label in trees}
    for name, got in totals["this"].items():
        qs = {q: sorted(d for n, d, _ in got["results"] if n == q) for q in QUESTIONS}
        for q, ds in qs.items():
            print(f"  this {name:6s} {q:20s} {len(ds):6d} requests  p50 {percentile(ds, 50) * 1000:7.1f} ms  "
                  f"p99 {percentile(ds, 99) * 1000:7.1f} ms")
    if args.baseline:
        for name in ("plain", "slow"):
            new, old = figures["this"][name], figures["baseline"][name]
            print(f"ratio this/baseline, {name}: req/s {new['rps'] / old['rps']:.2f}x, p50 {new['p50'] / old['p50']:.2f}x, "
                  f"p99 {new['p99'] / old['p99']:.2f}x")
    plain = figures["this"]["plain"]
    return 1 if plain["failed"] or not plain["n"] else 0


if __name__ == "__main__":
    sys.exit(main())
