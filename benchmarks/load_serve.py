"""Load test of ``kg serve``: N concurrent clients on loopback for a bounded time.

Starts ``python -m kg serve`` on a free port (a separate process, as in use), then each client
thread sends the named questions' SPARQL (the stored queries with their values bound, as the
CLI runs them) over a keep-alive connection, round-robin, until the time is up. Reports
requests per second and p50/p99 latency, overall and per question, and the failed requests
(any status but 200, or an unreadable answer); exits 1 if any failed.

    python benchmarks/load_serve.py [--clients 8] [--seconds 10] [--workers 2] [--store exports/store]
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


def percentile(sorted_values: list[float], p: float) -> float:
    if not sorted_values:
        return float("nan")
    k = min(len(sorted_values) - 1, max(0, round(p / 100 * len(sorted_values) + 0.5) - 1))
    return sorted_values[k]


def client(port: int, stop: float, out: list, offset: int) -> None:
    names = list(QUESTIONS)
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    i = offset
    while time.monotonic() < stop:
        name = names[i % len(names)]
        i += 1
        body = urllib.parse.urlencode({"query": QUESTIONS[name]})
        t0 = time.perf_counter()
        ok = False
        try:
            conn.request("POST", "/sparql", body=body, headers={
                "Content-Type": "application/x-www-form-urlencoded", "Accept": "application/sparql-results+json"})
            resp = conn.getresponse()
            data = resp.read()
            ok = resp.status == 200 and "results" in json.loads(data)
        except (OSError, http.client.HTTPException, ValueError):
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        out.append((name, time.perf_counter() - t0, ok))
    conn.close()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--seconds", type=float, default=10.0)
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--store", default="exports/store")
    args = ap.parse_args()

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--port", str(port), "--workers",
                               str(args.workers), "--store", args.store], cwd=HERE.parent,
                              stderr=subprocess.PIPE, text=True)
    try:
        server.stderr.readline()  # "serving ..." once it listens
        warm: list = []
        client(port, time.monotonic() + 1.0, warm, 0)
        results: list = []
        stop = time.monotonic() + args.seconds
        started = time.monotonic()
        threads = [threading.Thread(target=client, args=(port, stop, results, k)) for k in range(args.clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.monotonic() - started
    finally:
        server.terminate()
        server.wait(10)

    failed = sum(1 for _, _, ok in results if not ok)
    lat = sorted(d for _, d, _ in results)
    print(f"kg serve load test: {args.clients} clients, {args.workers} workers, {elapsed:.1f} s, "
          f"{os.cpu_count()} CPUs")
    print(f"all: {len(results)} requests, {len(results) / elapsed:.0f} req/s, "
          f"p50 {percentile(lat, 50) * 1000:.1f} ms, p99 {percentile(lat, 99) * 1000:.1f} ms, failed {failed}")
    for name in QUESTIONS:
        ds = sorted(d for n, d, _ in results if n == name)
        print(f"  {name:20s} {len(ds):6d} requests  p50 {percentile(ds, 50) * 1000:7.1f} ms  "
              f"p99 {percentile(ds, 99) * 1000:7.1f} ms")
    return 1 if failed or not results else 0


if __name__ == "__main__":
    sys.exit(main())
