"""One writer at a time per store: ``kg build``, ``kg import``, ``kg ingest`` and
``kg layers remove`` all take the store's lock (an exclusive ``flock`` on ``<store>.lock``
beside the store folder) for the whole of their work, from reading the layers to the swap.
A second writer waits for it (saying so once, through ``on_wait``), or, with ``wait=0``,
fails at once with :class:`StoreBusyError`. The kernel drops the lock when its holder dies,
so a killed writer never leaves the store locked. Readers take no lock: they open whatever
complete store is at the path.

The lock is re-entrant within a process (a build inside an import holds it once).

>>> import tempfile, os
>>> path = os.path.join(tempfile.mkdtemp(), "store")
>>> with writer_lock(path):
...     with writer_lock(path):
...         held(path)
True
>>> held(path)
False
"""
from __future__ import annotations

import contextlib
import fcntl
import json
import os
import stat
import threading
import time
from pathlib import Path
from typing import Callable, Iterator

from kg.errors import StoreBusyError, StoreError

_HELD: dict[str, int] = {}  # lock file -> depth, in this process
_GUARD = threading.Lock()


def lock_file(store: str | os.PathLike) -> Path:
    """The lock file of the store at ``store`` (beside it, since the store folder is swapped)."""
    store = Path(store)
    return store.with_name(store.name + ".lock")


def held(store: str | os.PathLike) -> bool:
    """True when this process holds the store's lock."""
    return _HELD.get(str(lock_file(store).absolute()), 0) > 0


def _holder(fh) -> str:
    try:
        fh.seek(0)
        info = json.loads(fh.read() or "{}")
        return f"pid {info.get('pid')} ({info.get('command', 'a writer')}, since {info.get('since')})"
    except (OSError, ValueError):
        return "another writer"


@contextlib.contextmanager
def writer_lock(store: str | os.PathLike, *, wait: float | None = None, command: str = "kg",
                on_wait: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold the store's writer lock inside the ``with`` block.

    ``wait`` is how many seconds to wait for another writer (None: as long as it takes; 0:
    not at all); past it :class:`StoreBusyError` names the writer holding the lock.
    """
    path = lock_file(store).absolute()
    key = str(path)
    with _GUARD:
        if _HELD.get(key, 0) > 0:
            _HELD[key] += 1
            reentered = True
        else:
            reentered = False
    if reentered:
        try:
            yield
        finally:
            with _GUARD:
                _HELD[key] -= 1
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    try:  # O_NONBLOCK: opening a FIFO put there for writing would wait for a reader forever
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_NONBLOCK, 0o666)
    except OSError as exc:
        raise StoreError(f"cannot open the lock file {path}: {exc.strerror}") from None
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise StoreError(f"the lock file {path} is not a regular file: remove it")
    os.set_blocking(fd, True)
    fh = open(fd, "a+", encoding="utf-8")
    try:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            who = _holder(fh)
            if wait == 0:
                raise StoreBusyError(f"the store {store} is busy: {who} is writing to it; try again when it is done")
            if on_wait:
                on_wait(f"waiting for {who} to finish writing to the store {store} ...")
            deadline = None if wait is None else time.monotonic() + wait
            while True:
                try:
                    fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if deadline is not None and time.monotonic() > deadline:
                        raise StoreBusyError(f"the store {store} is busy: {who} is still writing to it after "
                                             f"{wait:g} s; try again later") from None
                    time.sleep(0.1)
        fh.seek(0)
        fh.truncate()
        fh.write(json.dumps({"pid": os.getpid(), "command": command,
                             "since": time.strftime("%Y-%m-%dT%H:%M:%S")}))
        fh.flush()
        with _GUARD:
            _HELD[key] = 1
        try:
            yield
        finally:
            with _GUARD:
                _HELD[key] = 0
            fcntl.flock(fh, fcntl.LOCK_UN)
    finally:
        fh.close()


__all__ = ["writer_lock", "held", "lock_file"]
