"""A private Virtuoso Open Source instance for the scale-out tests: its own database in a
temporary folder, its own virtuoso.ini with free loopback ports, started and stopped by the
``virtuoso`` fixture (see conftest.py). Skips with the reason when the binary is missing."""
from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

BINARY = "virtuoso-t"
USER, PASSWORD = "dba", "dba"  # a new Virtuoso database's administrator account

INI = """\
[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql}
DisableUnixSocket = 1
CheckpointInterval = 0
DirsAllowed = ., {d}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
ThreadsPerQuery = 2
MaxClientConnections = 8
CaseMode = 2

[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = {d}/vsp
ServerThreads = 8
MaxClientConnections = 8
EnabledDavVSP = 0
Charset = UTF-8

[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 60
MaxQueryCostEstimationTime = 400
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Virtuoso:
    """One running instance; ``sparql`` (read), ``sparql_auth`` (digest-protected, updates) and
    ``crud`` (the Graph Store Protocol endpoint, digest-protected) are its URLs."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.sql, self.http = free_port(), free_port()
        (folder / "vsp").mkdir(parents=True, exist_ok=True)
        (folder / "virtuoso.ini").write_text(INI.format(d=folder, sql=self.sql, http=self.http), encoding="utf-8")
        base = f"http://127.0.0.1:{self.http}"
        self.sparql, self.sparql_auth, self.crud = base + "/sparql", base + "/sparql-auth", base + "/sparql-graph-crud-auth"
        self.proc: subprocess.Popen | None = None

    def start(self, wait: float = 90.0) -> None:
        self.proc = subprocess.Popen([BINARY, "+foreground", "+configfile", str(self.folder / "virtuoso.ini")],
                                     cwd=self.folder, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                     start_new_session=True)
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"virtuoso-t exited with {self.proc.returncode}: {self.log_tail()}")
            try:
                with urllib.request.urlopen(self.sparql + "?query=ASK%7B%7D", timeout=2) as resp:
                    if resp.status == 200:
                        return
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.5)
        self.stop()
        raise RuntimeError(f"virtuoso-t did not answer within {wait:g} s: {self.log_tail()}")

    def log_tail(self) -> str:
        log = self.folder / "virtuoso.log"
        return log.read_text(errors="replace")[-2000:] if log.exists() else "(no log)"

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        os.killpg(self.proc.pid, signal.SIGTERM)
        try:
            self.proc.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(10)


def available() -> str | None:
    """None when Virtuoso can run here, else the reason it cannot."""
    if shutil.which(BINARY) is None:
        return f"{BINARY} is not installed (Debian package virtuoso-opensource; .ci/run installs it)"
    return None
