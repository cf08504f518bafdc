"""The query pool's housekeeping never lands on a quick query's path: two queries entering the slow
lane at once fork one spare each (not three between them, whose surplus was then killed while a
quick query waited for its answer), and retiring a worker does not wait for the process to exit.
Both were behind a CI failure: a quick ASK answered after 5 s while two slow queries ran."""
from __future__ import annotations

import threading
import time

import pytest

from kg.serve import workers
from kg.serve.workers import QueryPool
from kg.store.write import write_store


@pytest.fixture
def pool(tmp_path):
    rows = "".join(f"<urn:kg:test:s{i}> <urn:kg:test:p> <urn:kg:test:o{i}> .\n" for i in range(200))
    write_store(tmp_path / "store", {"curated": (rows.encode(), b"")}, {"triples": 200})
    p = QueryPool(str(tmp_path / "store"), workers=2, timeout=5.0)
    yield p
    p.close()


def test_two_queries_entering_the_slow_lane_together_fork_one_spare_each(pool, monkeypatch):
    real = workers._Worker.__init__

    def slow_fork(self, *args):
        time.sleep(0.3)  # a large server forks slowly: both threads count before either spare exists
        real(self, *args)

    monkeypatch.setattr(workers._Worker, "__init__", slow_fork)
    start = threading.Barrier(2)

    def enter():
        start.wait()
        assert pool._enter_slow_lane()

    threads = [threading.Thread(target=enter) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(pool._all) == pool.size + 2 == 4  # two workers and one spare for each slow query
    assert not pool._enter_slow_lane()  # the lane is full (as many slow queries as workers)
    assert len(pool._all) == 4


def test_retiring_a_worker_does_not_wait_for_it_to_exit(pool, monkeypatch):
    w = next(iter(pool._all))
    real_join = w.proc.join
    exited = threading.Event()

    def slow_join(timeout=None):
        time.sleep(2.0)  # a process with a large address space can take seconds to go
        real_join(timeout)
        exited.set()

    monkeypatch.setattr(w.proc, "join", slow_join)
    started = time.monotonic()
    pool._retire(w)
    assert time.monotonic() - started < 1.0
    assert w not in pool._all
    assert exited.wait(10) and w.proc.exitcode is not None  # reaped in the background all the same


def test_a_quick_query_is_answered_while_the_slow_lane_is_full(pool):
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"  # 200**4 rows
    pool.slow_after = 0.2
    errors: list[str] = []

    def run_slow():
        try:
            pool.run(slow, "csv")
        except Exception as exc:  # noqa: BLE001 - stopped at the time limit, as expected
            errors.append(type(exc).__name__)

    threads = [threading.Thread(target=run_slow) for _ in range(2)]
    for t in threads:
        t.start()
    time.sleep(1.0)
    started = time.monotonic()
    assert pool.run("ASK { ?s ?p ?o }", "csv") == b"true"
    assert time.monotonic() - started < 2.0
    for t in threads:
        t.join()
    assert errors == ["QueryError", "QueryError"]
