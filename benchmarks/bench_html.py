"""Benchmark of the HTML explorer on a synthetic ~10,000-node graph.

Measures the time to lay out and write the page, its size, and, in headless Chromium
(Debian's /usr/bin/chromium through Playwright, when both are here), the time from navigation
to the first drawing of the network (``window.kgReady``) and to an answered search.

    python benchmarks/bench_html.py [--nodes 10000] [--out /tmp/kg-bench.html]
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]

from synth import dataset  # noqa: E402

from kg.export.html import layout, write_html  # noqa: E402
from kg.graph.networkx_graph import build_graph  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


def synthetic_graph(nodes: int):
    """A synthetic graph of at least ``nodes`` nodes (a programme adds ~12; shared nodes fewer)."""
    programmes = max(1, nodes // 13)
    g = build_graph(dataset(programmes))
    while g.number_of_nodes() < nodes:
        programmes += max(1, (nodes - g.number_of_nodes()) // 11)
        g = build_graph(dataset(programmes))
    return g


def browser_times(path: Path, runs: int = 3) -> list[dict[str, float]]:
    from playwright.sync_api import sync_playwright

    out = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        for _ in range(runs):
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            errors, outside = [], []
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.on("request", lambda r: r.url.startswith(("file:", "data:", "about:")) or outside.append(r.url))
            t0 = time.perf_counter()
            page.goto(path.as_uri(), wait_until="commit")
            page.wait_for_function("() => window.kgReady === true", timeout=60000, polling=10)
            ready = time.perf_counter() - t0
            t1 = time.perf_counter()
            page.evaluate("() => kgExplorer.search('drugumab7')")
            page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
            search = time.perf_counter() - t1
            t2 = time.perf_counter()
            page.select_option("#kg-level", label="phase 3")
            page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
            filt = time.perf_counter() - t2
            nav = page.evaluate("() => kgExplorer.firstDrawMs")
            counts = page.evaluate("() => [kgExplorer.nodes, kgExplorer.edges]")
            out.append({"ready_s": ready, "first_draw_in_page_s": nav / 1000, "search_s": search,
                        "filter_s": filt, "counts": counts, "errors": errors, "outside_requests": outside})
            page.close()
        browser.close()
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--nodes", type=int, default=10000)
    ap.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "kg-bench.html")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    t = time.perf_counter()
    g = synthetic_graph(args.nodes)
    print(f"graph: {g.number_of_nodes()} nodes, {g.number_of_edges()} edges "
          f"(built in {time.perf_counter() - t:.2f} s)")
    t = time.perf_counter()
    layout(g)
    print(f"layout alone: {time.perf_counter() - t:.2f} s")
    t = time.perf_counter()
    write_html(g, args.out)
    print(f"write_html (layout + page): {time.perf_counter() - t:.2f} s; "
          f"file: {os.path.getsize(args.out) / 1e6:.1f} MB at {args.out}")
    if not (os.path.exists(CHROMIUM)):
        print(f"browser timings skipped: {CHROMIUM} is not installed")
        return
    try:
        import playwright  # noqa: F401
    except ImportError:
        print("browser timings skipped: playwright is not installed")
        return
    for i, r in enumerate(browser_times(args.out, args.runs), 1):
        print(f"chromium run {i}: navigation -> first drawing {r['ready_s']:.2f} s "
              f"(in-page clock {r['first_draw_in_page_s']:.2f} s); search {r['search_s'] * 1000:.0f} ms; "
              f"level filter {r['filter_s'] * 1000:.0f} ms; counts {r['counts']}; "
              f"errors {len(r['errors'])}; outside requests {len(r['outside_requests'])}")


if __name__ == "__main__":
    main()
