"""kg serve follows the store: after a rebuild swaps a new store in, every answer comes from it,
all workers agree, and each answer names the generation it came from (X-KG-Store-Generation).
The stores here say their own number in their data, so an answer shows where it came from."""
from __future__ import annotations

import contextlib
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest

from kg.serve.http import Settings, make_server
from kg.store.local import generation
from kg.store.write import write_store

WHICH = "SELECT ?n WHERE { <urn:kg:test:store> <urn:kg:test:number> ?n }"


def write_numbered(path, number: int) -> None:
    """A store whose data says ``number`` (and a little more, so it is not empty)."""
    rows = [f'<urn:kg:test:store> <urn:kg:test:number> "{number}" .']
    rows += [f"<urn:kg:test:s{i}> <urn:kg:test:p> <urn:kg:test:o{i}> ." for i in range(50)]
    write_store(path, {"curated": (("\n".join(rows) + "\n").encode(), b"")}, {"triples": len(rows)})


def ask(base: str) -> tuple[int, str, int]:
    """(status, the number the data says, the generation header) of one query."""
    req = urllib.request.Request(f"{base}/sparql?" + urllib.parse.urlencode({"query": WHICH}),
                                 headers={"Accept": "text/csv"})
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            body = resp.read().decode()
            return resp.status, body.split()[1], int(resp.headers["X-KG-Store-Generation"])
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode(), -1


@pytest.fixture
def served(tmp_path):
    path = tmp_path / "store"
    write_numbered(path, 1)
    srv = make_server(Settings(str(path), timeout=3.0, workers=2), port=0)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield path, f"http://127.0.0.1:{srv.server_address[1]}", srv
    srv.shutdown()
    srv.server_close()


def test_answers_come_from_the_new_store_after_a_rebuild(served):
    path, base, srv = served
    assert ask(base) == (200, "1", 1)
    write_numbered(path, 2)
    assert generation(path) == 2
    # every worker, each on its next request, answers from the new store, and says so
    with ThreadPoolExecutor(8) as ex:
        answers = list(ex.map(lambda _: ask(base), range(32)))
    assert set(answers) == {(200, "2", 2)}


def test_all_workers_agree_also_a_replaced_one(served):
    path, base, srv = served
    with ThreadPoolExecutor(4) as ex:  # both workers have the first store open
        assert set(ex.map(lambda _: ask(base), range(8))) == {(200, "1", 1)}
    write_numbered(path, 2)
    write_numbered(path, 3)
    # a worker killed at the time limit is replaced by one that opens the store now in place
    slow = urllib.parse.urlencode({"query": "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . "
                                           "?j ?k ?l . ?m ?n ?o }"})
    with pytest.raises(urllib.error.HTTPError):
        urllib.request.urlopen(f"{base}/sparql?{slow}", timeout=30)
    with ThreadPoolExecutor(4) as ex:
        assert set(ex.map(lambda _: ask(base), range(16))) == {(200, "3", 3)}


def test_rebuilds_while_serve_answers(served):
    """Rebuilds swap stores in while clients keep asking: no request fails, each answer's data
    matches the generation it names, and no client ever sees a generation go back."""
    path, base, srv = served
    stop = threading.Event()
    seen: list[list[tuple[int, str, int]]] = [[] for _ in range(4)]

    def client(k: int) -> None:
        while not stop.is_set():
            seen[k].append(ask(base))

    threads = [threading.Thread(target=client, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    try:
        for number in range(2, 8):
            time.sleep(0.15)
            write_numbered(path, number)
    finally:
        time.sleep(0.3)
        stop.set()
        for t in threads:
            t.join(30)
    answers = [a for per_client in seen for a in per_client]
    assert len(answers) > 20
    assert all(status == 200 and int(number) == gen for status, number, gen in answers), \
        [a for a in answers if a[0] != 200 or a[1] != str(a[2])][:5]
    for per_client in seen:
        gens = [gen for _, _, gen in per_client]
        assert gens == sorted(gens)
    assert seen[0][-1][2] == 7 and {a[2] for a in answers} >= {1, 7}


def test_idle_workers_let_the_old_store_go(served):
    """Within about a second of a swap, idle workers hold no file of the deleted old store."""
    import os

    path, base, srv = served
    assert ask(base)[0] == 200
    write_numbered(path, 2)
    pids = [w.proc.pid for w in srv.pool._all]

    def deleted_files_open() -> int:
        n = 0
        for pid in pids:
            for fd in os.listdir(f"/proc/{pid}/fd"):
                try:
                    target = os.readlink(f"/proc/{pid}/fd/{fd}")
                except OSError:
                    continue
                n += target.endswith("(deleted)") and "kg-serve-worker" not in target and ".store" in target
        return n

    deadline = time.monotonic() + 5
    while deleted_files_open() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert deleted_files_open() == 0
    assert ask(base) == (200, "2", 2)


COUNT = urllib.parse.urlencode({"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"})


@contextlib.contextmanager
def counting_while(path):
    """Serve ``path`` while a client keeps counting triples; yields the list of
    (status, generation, count) it collects, complete when the block ends."""
    srv = make_server(Settings(str(path), timeout=5.0, workers=2), port=0)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{srv.server_address[1]}"
    results: list[tuple[int, int, int]] = []
    stop = threading.Event()

    def client() -> None:
        while not stop.is_set():
            req = urllib.request.Request(f"{base}/sparql?{COUNT}", headers={"Accept": "text/csv"})
            with urllib.request.urlopen(req, timeout=30) as resp:
                results.append((resp.status, int(resp.headers["X-KG-Store-Generation"]),
                                int(resp.read().split()[1])))

    t = threading.Thread(target=client)
    t.start()
    try:
        time.sleep(0.2)
        yield results
        time.sleep(0.3)
    finally:
        stop.set()
        t.join(30)
        srv.shutdown()
        srv.server_close()


def test_a_real_build_while_serve_answers(tmp_path, mini):
    """kg build (the orchestrator, with validation and the swap) while a client asks."""
    from kg.build import build

    path = tmp_path / "store"
    build(mini, path, tmp_path / "exports")
    first = generation(path)
    with counting_while(path) as results:
        build(mini, path, tmp_path / "exports")
    assert generation(path) == first + 1
    assert results and all(status == 200 for status, _, _ in results)
    assert results[-1][1] == first + 1


def test_an_import_while_serve_answers(built, tmp_path):
    """kg import (PharmacotherapyDB fixture) into the served store while a client keeps asking:
    no request fails, and once the import is done the answers count the imported triples."""
    import shutil

    from kg.sources.importers import run_import
    from tests.importers.conftest import FIXTURES

    path = tmp_path / "store"
    shutil.copytree(built["store"], path)
    first = generation(path)
    with counting_while(path) as results:
        report = run_import(path, "pharmacotherapydb", [FIXTURES / "pharmacotherapydb"])
    assert report["imported"] == 2 and generation(path) > first
    assert results and all(status == 200 for status, _, _ in results)
    before = {n for _, gen, n in results if gen == first}
    after = {n for _, gen, n in results if gen == generation(path)}
    assert before == {built["stats"]["triples"]} and len(after) == 1 and after.pop() > built["stats"]["triples"]
