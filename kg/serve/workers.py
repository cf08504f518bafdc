"""A pool of forked worker processes that run user SPARQL on the store, for the endpoint.

pyoxigraph cannot cancel a query from another thread, so each query runs in a worker
process; a worker that passes the time limit is killed and a fresh one forked in its place.
Each worker opens the store once (read-only) and serves queries one at a time; results are
streamed into a writer that stops the engine as soon as they pass the size limit, so a
huge result is never materialised.

>>> RESULT_TOO_LARGE.format(limit=10)
'the result is larger than the limit of 10 bytes: ask for less (LIMIT, fewer variables)'
"""
from __future__ import annotations

import multiprocessing
import queue
import threading
from typing import Any

from kg.errors import BusyError, QueryError

RESULT_TOO_LARGE = "the result is larger than the limit of {limit} bytes: ask for less (LIMIT, fewer variables)"


class _TooLarge(Exception):
    pass


class _CappedBuffer:
    """A binary writer that refuses to hold more than ``limit`` bytes."""

    def __init__(self, limit: int):
        self.limit, self.parts, self.size = limit, [], 0

    def write(self, data) -> int:
        self.size += len(data)
        if self.size > self.limit:
            raise _TooLarge()
        self.parts.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass

    def getvalue(self) -> bytes:
        return b"".join(self.parts)


def _worker_main(conn, parent_end, store_path: str, max_bytes: int) -> None:
    from kg.query.no_network import forbid_network
    from kg.query.sparql import execute
    from kg.store.local import open_store

    forbid_network()  # the second wall: whatever a query says, a worker opens no IP socket
    parent_end.close()  # so that recv() ends (EOF) when the server process goes away
    store = open_store(store_path)
    while True:
        try:
            text, bindings, fmt = conn.recv()
        except (EOFError, OSError):
            return
        out = _CappedBuffer(max_bytes)
        try:
            execute(store, text, bindings, fmt, output=out)
            reply: tuple[str, Any] = ("ok", out.getvalue())
        except _TooLarge:
            reply = ("too-large", RESULT_TOO_LARGE.format(limit=max_bytes))
        except BaseException as exc:  # noqa: BLE001 - every failure goes back as a message
            if isinstance(exc.__context__, _TooLarge) or "_TooLarge" in str(exc):
                reply = ("too-large", RESULT_TOO_LARGE.format(limit=max_bytes))
            else:
                reply = ("error", f"{type(exc).__name__}: {exc}")
        try:
            conn.send(reply)
        except (BrokenPipeError, OSError):
            return


class _Worker:
    def __init__(self, ctx, store_path: str, max_bytes: int):
        self.conn, child = ctx.Pipe(duplex=True)
        self.proc = ctx.Process(target=_worker_main, args=(child, self.conn, store_path, max_bytes), daemon=True)
        self.proc.start()
        child.close()

    def kill(self) -> None:
        self.proc.kill()
        self.proc.join(5)
        self.conn.close()


class QueryPool:
    """``workers`` forked processes answering user queries on the store at ``store_path``.

    :meth:`run` waits at most ``timeout`` seconds for a free worker (:class:`BusyError`)
    and ``timeout`` seconds for the answer (the worker is then killed and replaced, and
    :class:`QueryError` raised); answers over ``max_bytes`` are refused with QueryError.

    Example::

        pool = QueryPool("exports/store", workers=2, timeout=10)
        data = pool.run("SELECT * WHERE { ?s ?p ?o } LIMIT 1", "json")
        pool.close()
    """

    def __init__(self, store_path: str, *, workers: int = 2, timeout: float = 10.0, max_bytes: int = 16_000_000):
        self.store_path, self.timeout, self.max_bytes = str(store_path), timeout, max_bytes
        self._ctx = multiprocessing.get_context("fork")
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self.replaced = 0  #: workers killed for running past the time limit (or dying)
        for _ in range(max(1, workers)):
            self._idle.put(self._spawn())

    def _spawn(self) -> _Worker:
        w = _Worker(self._ctx, self.store_path, self.max_bytes)
        with self._lock:
            self._all.add(w)
        return w

    def _retire(self, w: _Worker) -> None:
        w.kill()
        with self._lock:
            self._all.discard(w)
            self.replaced += 1

    def run(self, text: str, fmt: str, bindings: dict | None = None) -> bytes:
        """Run an already checked query (see :func:`kg.query.sparql.check_query`); return the
        serialised results in ``fmt`` (json, xml, csv, tsv, ttl, nt)."""
        from kg.query.sparql import failure

        try:
            w = self._idle.get(timeout=self.timeout)
        except queue.Empty:
            raise BusyError(f"every query worker stayed busy for {self.timeout:g} s: try again later") from None
        healthy = False
        try:
            w.conn.send((text, dict(bindings or {}), fmt))
            if not w.conn.poll(self.timeout):
                raise QueryError(f"the query ran past its time limit of {self.timeout:g} s and was stopped")
            status, payload = w.conn.recv()
            healthy = True
        except (EOFError, OSError):
            raise QueryError("the query process ended without an answer") from None
        finally:
            if healthy:
                self._idle.put(w)
            else:
                self._retire(w)
                self._idle.put(self._spawn())
        if status == "ok":
            return payload
        if status == "too-large":
            raise QueryError(payload)
        raise failure(payload)

    def close(self) -> None:
        """Stop every worker."""
        with self._lock:
            workers = list(self._all)
            self._all.clear()
        for w in workers:
            w.kill()
