"""The place hostile inputs are tried in, and how a case is run and judged.

A :class:`World` is a private copy of the project's curated data and of a store built from it
(with its layers folder and an exports folder). A :class:`Case` prepares its hostile input in
the world and gives the ``kg`` command line to run; :func:`judge` runs it (in this process, or
in a child process with a time limit) and says what went wrong, if anything: a traceback, an
"internal error", an exit code other than the expected ones, a message that does not say what
it should, or any change to the store, its layers, the curated data or the exports.
"""
from __future__ import annotations

import hashlib
import http.server
import os
import re
import shutil
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class World:
    root: Path  #: a private folder for the case's files
    data: Path  #: a copy of data/
    store: Path  #: a copy of a store built from it
    exports: Path
    endpoint: str = ""  #: base URL of a local server answering garbage (see :class:`Garbage`)

    @property
    def layers(self) -> Path:
        return self.store.with_name(self.store.name + ".layers")

    def file(self, name: str, content: str | bytes) -> Path:
        """Write a file of the case in its private folder."""
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        (path.write_bytes if isinstance(content, bytes) else path.write_text)(content)
        return path

    def edit(self, name: str, old: str, new: str) -> Path:
        """Replace the first ``old`` by ``new`` in curated file ``name``."""
        path = self.data / name
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {name}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        return path

    def append(self, name: str, text: str) -> Path:
        path = self.data / name
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(text)
        return path

    def s(self) -> list[str]:
        return ["--store", str(self.store)]

    def d(self) -> list[str]:
        return ["--data", str(self.data)]


def make_world(base: Path, store: Path, endpoint: str = "") -> World:
    """A world in ``base`` holding copies of data/ and of the built ``store``."""
    data = base / "data"
    shutil.copytree(ROOT / "data", data)
    st = base / "store"
    shutil.copytree(store, st)
    (base / "exports").mkdir()
    (base / "files").mkdir()
    return World(base / "files", data, st, base / "exports", endpoint)


def state(w: World) -> dict[str, str]:
    """What must not change: every file (or link, FIFO...) of the store, its layers, the curated
    data and the exports, by path, with a digest of each regular file's bytes."""
    out: dict[str, str] = {}
    for top in (w.store, w.layers, w.data, w.exports):
        if not os.path.lexists(top):
            continue
        for folder, dirs, files in os.walk(top):
            for name in sorted(files + [d for d in dirs if os.path.islink(os.path.join(folder, d))]):
                p = os.path.join(folder, name)
                if os.path.islink(p):
                    out[p] = "link:" + os.readlink(p)
                elif os.path.isfile(p):
                    with open(p, "rb") as fh:
                        out[p] = hashlib.sha256(fh.read()).hexdigest()
                else:
                    out[p] = "special"
    return out


@dataclass
class Case:
    family: str  #: what kind of hostile input (one case per family in the corpus)
    setup: Callable[[World], list[str]]  #: prepares the input; returns the kg arguments
    message: str  #: a regular expression the output (errors, or the answer) must match
    codes: tuple[int, ...] = (1, 2)  #: the exit codes that are right
    child: bool = False  #: run in a child process with a time limit (the input could hang a reader)
    absent: str = ""  #: a regular expression the output must not match (a raw escape sequence, say)


@dataclass
class Outcome:
    code: int | None  #: None: still running at the time limit (a hang)
    out: str
    err: str
    changed: list[str]  #: paths that changed (or appeared, or went)

    def problems(self, case: Case) -> list[str]:
        found = []
        if self.code is None:
            found.append("hang: still running at the time limit")
        text = self.out + self.err
        if "Traceback" in text:
            found.append("a Python traceback")
        if "internal error" in text:
            found.append("an internal error")
        if self.code is not None and self.code not in case.codes:
            found.append(f"exit code {self.code}, expected {' or '.join(map(str, case.codes))}")
        if not re.search(case.message, text, re.S):
            found.append(f"message {case.message!r} not in {text.strip()[-400:]!r}")
        if case.absent and re.search(case.absent, text):
            found.append(f"the output holds {case.absent!r}")
        if self.changed:
            found.append(f"changed: {', '.join(sorted(self.changed)[:5])}")
        return found


def run_in_process(argv: list[str], capsys) -> tuple[int, str, str]:
    """``kg ARGV`` through its real entry point in this process (capsys captures the output)."""
    import pytest

    from kg.cli import main

    capsys.readouterr()
    with pytest.raises(SystemExit) as info:
        main(argv)
    out, err = capsys.readouterr()
    code = info.value.code
    return (code if isinstance(code, int) else 1), out, err


def run_child(argv: list[str], timeout: float = 120) -> tuple[int | None, str, str]:
    """``python -m kg ARGV`` in a child process, stopped at ``timeout`` seconds (code None)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("KG_")}
    try:
        proc = subprocess.run([sys.executable, "-m", "kg", *argv], cwd=ROOT, env=env, capture_output=True,
                              text=True, timeout=timeout, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired as exc:
        return None, exc.stdout or "", exc.stderr or ""
    return proc.returncode, proc.stdout, proc.stderr


def judge(case: Case, w: World, runner: Callable[[list[str]], tuple[int | None, str, str]]) -> Outcome:
    """Prepare the case in ``w``, run it with ``runner`` and compare the world before and after."""
    argv = case.setup(w)
    before = state(w)
    code, out, err = runner(argv)
    after = state(w)
    changed = [p for p in before.keys() | after.keys() if before.get(p) != after.get(p)]
    return Outcome(code, out, err, changed)


class Garbage:
    """A local HTTP server that answers every request to ``/<mode>/...`` with the garbage of
    that mode (a SPARQL endpoint or graph store that is broken, or not one at all)."""

    ANSWERS = {
        "not-json": ("application/sparql-results+json", b"{not json"),
        "not-xml": ("application/sparql-results+xml", b"<sparql><results><result><binding name='x'><zzz/>"),
        "html": ("text/html", b"<html><body>a login page</body></html>"),
        "empty": ("application/sparql-results+json", b""),
        "wrong-vars": ("application/sparql-results+json",
                       b'{"head":{"vars":["q"]},"results":{"bindings":[{"q":{"type":"literal","value":"x"}}]}}'),
        "boolean": ("application/sparql-results+json", b'{"head":{},"boolean":true}'),
        "deep": ("application/sparql-results+json", b"[" * 100_000),
        "nul": ("application/sparql-results+json", b"\x00" * 1000),
        "not-ntriples": ("application/n-triples", b"<a> <b> garbage ."),
        "terminal": ("text/html", b"\x1b[2J\x1b]0;owned\x07"),
        "count-text": ("application/sparql-results+json",
                       b'{"head":{"vars":["n"]},"results":{"bindings":[{"n":{"type":"literal","value":"many"}}]}}'),
        "unbound": ("application/sparql-results+json", None),
    }

    def __init__(self):
        answers = self.ANSWERS

        class Handler(http.server.BaseHTTPRequestHandler):
            def _answer(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                mode = self.path.strip("/").split("/")[0].split("?")[0]
                ctype, data = answers.get(mode, ("text/plain", b"?"))
                if data is None:  # the variables the query selects, all unbound
                    data = _unbound(body)
                self.send_response(200)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = do_PUT = do_DELETE = _answer

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> "Garbage":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()


def _unbound(body: bytes) -> bytes:
    import json
    import urllib.parse

    import pyoxigraph as ox

    query = urllib.parse.parse_qs(body.decode("utf-8", "replace")).get("query", [""])[0]
    try:
        names = [v.value for v in ox.Store().query(query).variables]
    except (SyntaxError, AttributeError):
        names = []
    return json.dumps({"head": {"vars": names}, "results": {"bindings": [{}]}}).encode()
