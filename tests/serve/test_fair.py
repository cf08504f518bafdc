"""kg.serve.fair: who gets a worker that comes free."""
from __future__ import annotations

import threading
import time

from kg.serve.fair import FairQueue


def _waiting(fq: FairQueue, client: str, got: list) -> threading.Thread:
    before = fq.waiting_count()
    t = threading.Thread(target=lambda: got.append((client, fq.acquire(client, timeout=30))))
    t.start()
    deadline = time.monotonic() + 5
    while fq.waiting_count() == before and time.monotonic() < deadline:  # queued before the next one
        time.sleep(0.001)
    return t


def _release_each(fq: FairQueue, workers, got: list, threads) -> None:
    """Free each worker in turn, waiting until a waiting client has taken it."""
    for w in workers:
        n = len(got)
        fq.release(w)
        deadline = time.monotonic() + 5
        while len(got) == n and time.monotonic() < deadline:
            time.sleep(0.001)
    for t in threads:
        t.join()


def test_a_newcomer_goes_before_a_client_that_was_just_served():
    """Client a holds the only worker and queues two more requests; b then asks once. The worker
    that comes free goes to b (never served), not to a's next request, though a came first."""
    fq = FairQueue(["w1"])
    assert fq.acquire("a", timeout=1) == "w1"
    got: list = []
    threads = [_waiting(fq, "a", got), _waiting(fq, "a", got), _waiting(fq, "b", got)]
    _release_each(fq, ("w1", "w2", "w3"), got, threads)
    assert got == [("b", "w1"), ("a", "w2"), ("a", "w3")]


def test_clients_that_never_had_a_worker_are_served_in_arrival_order():
    fq = FairQueue([])
    got: list = []
    threads = [_waiting(fq, c, got) for c in ("a", "b", "c")]
    _release_each(fq, ("w1", "w2", "w3"), got, threads)
    assert got == [("a", "w1"), ("b", "w2"), ("c", "w3")]
