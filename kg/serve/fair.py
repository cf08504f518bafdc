"""A fair hand-out of idle query workers: waiting requests are served client by client, in turn.

A plain queue serves requests in arrival order, so one client that sends twenty queries at
once makes everyone else wait behind all twenty. Here each client (the peer address) has a
queue of its own, and a worker that comes free goes to the first waiting request of the client
that was served longest ago (a client that has never been served goes first).

>>> fq = FairQueue(["w1"])
>>> fq.acquire("a", timeout=1)
'w1'
>>> fq.acquire("b", timeout=0.01) is None  # nothing free in time
True
>>> fq.release("w1"); fq.idle_count()
1
"""
from __future__ import annotations

import threading
import time
from collections import OrderedDict, deque
from typing import Any


class _Ticket:
    __slots__ = ("worker",)

    def __init__(self) -> None:
        self.worker: Any = None


class FairQueue:
    """Idle workers, and the requests waiting for one, queued per client and served in turn."""

    def __init__(self, workers=()):
        self._cond = threading.Condition()
        self._idle: list = list(workers)
        self._waiting: OrderedDict[str, deque[_Ticket]] = OrderedDict()
        self._served: dict[str, int] = {}  # client -> when it last got a worker (a counter)
        self._tick = 0

    def _mark_served(self, client: str) -> None:
        self._tick += 1
        self._served[client] = self._tick
        if len(self._served) > 4096:  # only waiting clients' turns matter
            self._served = {c: t for c, t in self._served.items() if c in self._waiting}

    def acquire(self, client: str, timeout: float):
        """An idle worker, waiting up to ``timeout`` seconds for one; None if none came free.

        >>> fq = FairQueue([]); import threading
        >>> order = []
        >>> def ask(c):
        ...     order.append((c, fq.acquire(c, timeout=5)))
        >>> threads = [threading.Thread(target=ask, args=(c,)) for c in ("a", "a", "b")]
        >>> for t in threads:
        ...     t.start(); time.sleep(0.05)
        >>> for w in ("w1", "w2", "w3"):
        ...     fq.release(w); time.sleep(0.05)
        >>> order  # the second client does not wait behind the first one's second request
        [('a', 'w1'), ('b', 'w2'), ('a', 'w3')]
        """
        end = time.monotonic() + timeout
        with self._cond:
            if self._idle and not self._waiting:
                self._mark_served(client)
                return self._idle.pop()
            ticket = _Ticket()
            self._waiting.setdefault(client, deque()).append(ticket)
            while ticket.worker is None:
                left = end - time.monotonic()
                if left <= 0:
                    queue = self._waiting.get(client)
                    if queue is not None and ticket in queue:
                        queue.remove(ticket)
                        if not queue:
                            del self._waiting[client]
                    return None
                self._cond.wait(left)
            return ticket.worker

    def release(self, worker) -> None:
        """Give ``worker`` to the next client in turn, or keep it idle."""
        with self._cond:
            if not self._waiting:
                self._idle.append(worker)
                return
            # the waiting client served longest ago (or never) goes first; ties in arrival order
            client = min(self._waiting, key=lambda c: self._served.get(c, 0))
            queue = self._waiting[client]
            queue.popleft().worker = worker
            self._mark_served(client)
            if not queue:
                del self._waiting[client]
            self._cond.notify_all()

    def take_idle(self) -> list:
        """Remove and return every idle worker (to close them)."""
        with self._cond:
            idle, self._idle = self._idle, []
            return idle

    def idle_count(self) -> int:
        """How many workers are idle now."""
        with self._cond:
            return len(self._idle)

    def waiting_count(self) -> int:
        """How many requests wait for a worker now."""
        with self._cond:
            return sum(len(q) for q in self._waiting.values())


__all__ = ["FairQueue"]
