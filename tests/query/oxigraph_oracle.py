"""Oxigraph as an oracle for the SPARQL check: a child process that parses query texts on an empty
store and answers whether they parsed and, for SELECT, which variables the result has. The child
calls :func:`kg.query.no_network.forbid_network` first, so a SERVICE in a text can never reach
an address (results are not iterated either, so nothing is evaluated that need not be)."""
from __future__ import annotations

import multiprocessing


def _serve(conn) -> None:
    import pyoxigraph as ox

    from kg.query.no_network import forbid_network

    forbid_network()
    store = ox.Store()
    while True:
        job = conn.recv()
        if job is None:
            break
        text, base, prefixes = job
        try:
            res = store.query(text, base_iri=base, prefixes=prefixes)
            names = [v.value for v in res.variables] if isinstance(res, ox.QuerySolutions) else None
            conn.send(("parsed", names))
        except SyntaxError as exc:
            conn.send(("syntax error", str(exc)))
        except Exception as exc:  # noqa: BLE001 - parsed, then failed while preparing to run
            conn.send(("parsed", f"{type(exc).__name__}: {exc}"))
    conn.close()


class Oracle:
    """``with Oracle() as ox: ox.parse(text)`` -> ("parsed", variables | None) or ("syntax error", msg)."""

    def __enter__(self) -> "Oracle":
        ctx = multiprocessing.get_context("fork")
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_serve, args=(child,), daemon=True)
        self.proc.start()
        child.close()
        return self

    def parse(self, text: str, base: str | None = None, prefixes: dict[str, str] | None = None,
              timeout: float = 30.0) -> tuple[str, object]:
        self.conn.send((text, base, prefixes))
        if not self.conn.poll(timeout):
            raise TimeoutError(f"Oxigraph did not answer in {timeout} s")
        return self.conn.recv()

    def __exit__(self, *exc) -> None:
        try:
            self.conn.send(None)
        except OSError:
            pass
        self.proc.join(5)
        if self.proc.is_alive():
            self.proc.kill()
            self.proc.join(5)
