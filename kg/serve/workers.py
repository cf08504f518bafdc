"""A pool of forked worker processes that run user SPARQL on the store, for the endpoint.

pyoxigraph cannot cancel a query from another thread, so each query runs in a worker
process; a worker that passes the time limit is killed and a fresh one forked in its place.
Results are streamed into a writer that stops the engine as soon as they pass the size limit,
so a huge result is never materialised. Three more duties:

- **Following the store.** ``kg build`` and the importers write a new store beside the old one
  and swap it in by rename; every store written at a path has a higher generation
  (:func:`kg.store.local.generation`). Each query is sent with the generation current when it
  arrived, and a worker holding an older store reopens the path before it answers, so an
  answer never comes from a store older than the one in place when the request came in, and
  two workers disagree for at most one request each. Every answer says its generation. A
  watcher also has idle workers reopen within a second of a swap, so the old store's deleted
  files are let go even when no request comes.
- **Fairness.** Idle workers go to waiting requests client by client (:mod:`kg.serve.fair`).
  A query still running after ``slow_after`` seconds moves to the slow lane and a spare worker
  is forked in its place, so slow queries never hold the workers that quick ones need; when
  the slow lane is full (as many slow queries as workers), the newcomer is stopped (BusyError).
- **Engine faults.** A worker's standard error goes to a file of its own: an engine panic ends
  the worker without a word on the server's terminal, and the request gets the panic's reason.

>>> RESULT_TOO_LARGE.format(limit=10)
'the result is larger than the limit of 10 bytes: ask for less (LIMIT, fewer variables)'
"""
from __future__ import annotations

import multiprocessing
import os
import tempfile
import threading
import time
from dataclasses import dataclass
from typing import Any

from kg.errors import BusyError, QueryError, StoreError
from kg.serve.fair import FairQueue

RESULT_TOO_LARGE = "the result is larger than the limit of {limit} bytes: ask for less (LIMIT, fewer variables)"


@dataclass(frozen=True)
class Answer:
    """A serialised answer and the generation of the store it came from."""

    data: bytes
    generation: int


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


def open_generation(path: str, tries: int = 100):
    """Open the store at ``path`` read-only; return ``(store, generation)``.

    The generation is read before and after opening; only when both agree is the store known to
    be that generation (a rebuild may swap the folder at any moment, and generations only grow).
    During a swap the path is briefly missing: try again for up to about two seconds.

    >>> import tempfile, os
    >>> from kg.store.write import write_store
    >>> p = os.path.join(tempfile.mkdtemp(), "s")
    >>> write_store(p, {"curated": (b"", b"")}, {}); write_store(p, {"curated": (b"", b"")}, {})
    >>> open_generation(p)[1]
    2
    """
    from kg.store.local import generation, open_store

    last: Exception | None = None
    for _ in range(tries):
        try:
            before = generation(path)
            store = open_store(path)
            if generation(path) == before:
                return store, before
        except (StoreError, ValueError, OSError) as exc:
            last = exc
        time.sleep(0.02)
    raise StoreError(f"the store at {path} could not be opened: {last or 'it kept changing'}")


def _worker_main(conn, parent_end, store_path: str, max_bytes: int, err_fileno: int) -> None:
    from kg.query.no_network import forbid_network
    from kg.query.sparql import engine_stderr_to, execute

    forbid_network()  # the second wall: whatever a query says, a worker opens no IP socket
    parent_end.close()  # so that recv() ends (EOF) when the server process goes away
    engine_stderr_to(err_fileno)
    import faulthandler

    faulthandler.disable()  # an engine abort ends this worker quietly; the pool reports it
    store, gen = None, -1
    try:
        store, gen = open_generation(store_path)
    except StoreError:
        pass  # said to the first request
    while True:
        try:
            text, bindings, fmt, want, options = conn.recv()
        except (EOFError, OSError):
            return
        if store is None or gen < want:
            try:
                store, gen = open_generation(store_path)
            except StoreError as exc:
                conn.send(("unavailable", str(exc), gen))
                continue
        out = _CappedBuffer(max_bytes)
        try:
            execute(store, text, bindings, fmt, output=out, **options)
            reply: tuple[str, Any, int] = ("ok", out.getvalue(), gen)
        except _TooLarge:
            reply = ("too-large", RESULT_TOO_LARGE.format(limit=max_bytes), gen)
        except QueryError as exc:  # the dataset named graphs that are not served
            reply = ("refused", str(exc), gen)
        except BaseException as exc:  # noqa: BLE001 - every failure goes back as a message
            if isinstance(exc.__context__, _TooLarge) or "_TooLarge" in str(exc):
                reply = ("too-large", RESULT_TOO_LARGE.format(limit=max_bytes), gen)
            else:
                reply = ("error", f"{type(exc).__name__}: {exc}", gen)
        try:
            conn.send(reply)
        except (BrokenPipeError, OSError):
            return


class _Worker:
    def __init__(self, ctx, store_path: str, max_bytes: int):
        self.err = tempfile.TemporaryFile(prefix="kg-serve-worker-")
        self.conn, child = ctx.Pipe(duplex=True)
        self.proc = ctx.Process(target=_worker_main, args=(child, self.conn, store_path, max_bytes,
                                                           self.err.fileno()), daemon=True)
        self.proc.start()
        child.close()

    def failure(self) -> QueryError:
        """Why the worker ended without an answer (an engine panic, say), from its stderr."""
        from kg.query.sparql import ended_without_answer

        self.proc.join(2)
        try:
            self.err.seek(0)
            text = self.err.read(100_000).decode("utf-8", "replace")
        except (OSError, ValueError):
            text = ""
        return ended_without_answer(text)

    def kill(self) -> None:
        """Stop the process at once; it is reaped by a thread of its own, so the request that
        retires a worker never waits for a large process to finish exiting."""
        self.proc.kill()
        self.conn.close()
        threading.Thread(target=self._reap, name="kg-serve-reap", daemon=True).start()

    def _reap(self) -> None:
        self.proc.join(30)
        self.err.close()


class QueryPool:
    """``workers`` forked processes answering user queries on the store at ``store_path``.

    :meth:`query` waits at most ``timeout`` seconds for a free worker (:class:`BusyError`)
    and ``timeout`` seconds for the answer (the worker is then killed and replaced, and
    :class:`QueryError` raised); answers over ``max_bytes`` are refused with QueryError.

    Example::

        pool = QueryPool("exports/store", workers=2, timeout=10)
        answer = pool.query("SELECT * WHERE { ?s ?p ?o } LIMIT 1", "json")
        answer.data, answer.generation
        pool.close()
    """

    def __init__(self, store_path: str, *, workers: int = 2, timeout: float = 10.0, max_bytes: int = 16_000_000,
                 slow_after: float | None = None):
        self.store_path, self.timeout, self.max_bytes = str(store_path), timeout, max_bytes
        self.size = self.max_slow = max(1, workers)
        self.slow_after = min(slow_after if slow_after is not None else min(1.0, timeout / 4), timeout)
        self._ctx = multiprocessing.get_context("fork")
        self._fair = FairQueue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._slow = 0
        self._forking = 0  # workers being forked by _top_up, counted so two callers do not both fork one
        self._gen_key: tuple | None = None
        self._gen = 0
        self.replaced = 0  #: workers killed for running past the time limit (or dying)
        self._closed = threading.Event()
        seen = self.generation()
        for _ in range(self.size):
            self._fair.release(self._spawn())
        threading.Thread(target=self._watch, args=(seen,), name="kg-serve-store-watch", daemon=True).start()

    def _watch(self, seen: int, every: float = 1.0) -> None:
        """Every second: if a new store is in place, idle workers reopen it now (so the old one's
        files, deleted by the swap, are let go) rather than at their next request."""
        while not self._closed.wait(every):
            now = self.generation()
            if now != seen:
                seen = now
                self._refresh_idle(now)

    def _refresh_idle(self, want: int) -> None:
        for w in self._fair.take_idle():
            ok = False
            try:
                w.conn.send(("ASK {}", {}, "json", want, {}))
                if w.conn.poll(self.timeout):
                    ok = w.conn.recv()[0] == "ok"
            except (OSError, EOFError):
                pass
            if ok:
                self._put_back(w)
            else:
                self._retire(w)
                self._top_up()

    def generation(self) -> int:
        """The generation of the store now at the path (the last one seen while it is being swapped)."""
        from kg.store.local import META_FILE, generation

        try:
            st = os.stat(os.path.join(self.store_path, META_FILE))
            key = (st.st_ino, st.st_dev, st.st_mtime_ns, st.st_size)
            if key != self._gen_key:
                self._gen, self._gen_key = generation(self.store_path), key
        except (OSError, StoreError, ValueError):
            pass  # mid-swap (or a broken file): keep the last generation; the workers say the rest
        return self._gen

    def _spawn(self, reserved: int = 0) -> _Worker:
        """Fork a worker and count it in the pool; ``reserved`` is 1 when :meth:`_top_up` counted it as
        forking already, which it stops being in the same step as it joins the pool."""
        try:
            w = _Worker(self._ctx, self.store_path, self.max_bytes)
        except BaseException:
            with self._lock:
                self._forking -= reserved
            raise
        with self._lock:
            self._all.add(w)
            self._forking -= reserved
        return w

    def _retire(self, w: _Worker) -> None:
        w.kill()
        with self._lock:
            self._all.discard(w)

    def _put_back(self, w: _Worker) -> None:
        """Return a healthy worker to the queue, or end it if the slow lane has shrunk."""
        with self._lock:
            surplus = len(self._all) > self.size + self._slow
        if surplus:
            self._retire(w)
        else:
            self._fair.release(w)

    def _top_up(self) -> None:
        with self._lock:
            missing = max(0, self.size + self._slow - len(self._all) - self._forking)
            self._forking += missing
        for _ in range(missing):
            self._fair.release(self._spawn(reserved=1))

    def _enter_slow_lane(self) -> bool:
        with self._lock:
            if self._slow >= self.max_slow:
                return False
            self._slow += 1
        self._top_up()  # a spare worker takes the slow one's place
        return True

    def query(self, text: str, fmt: str, bindings: dict | None = None, *, client: str = "",
              base_iri: str | None = None, default_graph_uris=(), named_graph_uris=()) -> Answer:
        """Run an already checked query (see :func:`kg.query.sparql.check_query`) for ``client``;
        return its answer serialised in ``fmt`` (json, xml, csv, tsv, ttl, nt, rdf, jsonld)."""
        from kg.query.sparql import failure

        want = self.generation()
        w = self._fair.acquire(client, self.timeout)
        if w is None:
            raise BusyError(f"every query worker stayed busy for {self.timeout:g} s: try again later")
        options = {"base_iri": base_iri, "default_graph_uris": list(default_graph_uris),
                   "named_graph_uris": list(named_graph_uris)}
        healthy = slow = False
        try:
            w.conn.send((text, dict(bindings or {}), fmt, want, options))
            if not w.conn.poll(self.slow_after):
                slow = self._enter_slow_lane()
                if not slow:
                    raise BusyError(f"{self.max_slow} slow queries are running already, so this one was stopped "
                                    f"after {self.slow_after:g} s: try again later")
                if not w.conn.poll(max(0.0, self.timeout - self.slow_after)):
                    raise QueryError(f"the query ran past its time limit of {self.timeout:g} s and was stopped")
            try:
                status, payload, gen = w.conn.recv()
            except (EOFError, OSError):
                raise w.failure() from None
            healthy = True
        except OSError:
            raise QueryError("the query process ended without an answer") from None
        finally:
            if slow:
                with self._lock:
                    self._slow -= 1
            if healthy:
                self._put_back(w)
            else:
                self._retire(w)
                self.replaced += 1
                self._top_up()
        if status == "ok":
            return Answer(payload, gen)
        if status in ("too-large", "refused"):
            raise QueryError(payload)
        if status == "unavailable":
            raise BusyError(payload)
        raise failure(payload)

    def run(self, text: str, fmt: str, bindings: dict | None = None) -> bytes:
        """Like :meth:`query`, the serialised answer alone."""
        return self.query(text, fmt, bindings).data

    def close(self) -> None:
        """Stop every worker."""
        self._closed.set()
        with self._lock:
            workers = list(self._all)
            self._all.clear()
        for w in workers:
            w.kill()


__all__ = ["Answer", "QueryPool", "RESULT_TOO_LARGE", "open_generation"]
