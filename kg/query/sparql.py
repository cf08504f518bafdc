"""User SPARQL, run safely: read-only query forms only, no SERVICE or LOAD, values bound
(never pasted into the text), the project's prefixes predeclared, and a time limit.

>>> check_query("SELECT * WHERE { ?s ?p 'SERVICE' } # LOAD in a comment is fine")
'SELECT'
>>> check_query("INSERT DATA { <a:b> <a:c> <a:d> }")
Traceback (most recent call last):
...
kg.errors.RefusedError: updates are refused: this endpoint is read-only (found INSERT)
"""
from __future__ import annotations

import multiprocessing
import re
from typing import Any

from kg.errors import QueryError, RefusedError
from kg.query.sparql_tokens import tokenize

_UPDATES = ("INSERT", "DELETE", "CLEAR", "DROP", "CREATE", "COPY", "MOVE", "ADD", "WITH", "LOAD")
FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
RESULT_FORMATS = ("table", "json", "csv", "tsv", "xml", "ttl", "nt")


def check_query(text: str) -> str:
    """Return the query form, or raise :class:`RefusedError` for updates, SERVICE or LOAD
    (and :class:`QueryError` for text that is no query form at all).

    The decision is made on the query's SPARQL tokens (:mod:`kg.query.sparql_tokens`), read as
    the engine reads them, so no comment, string, IRI or escaped name can hide a keyword:

    >>> check_query("SELECT * WHERE { ?s <http://x/a#SERVICE> ?o ; <p:q> 'LOAD' }")
    'SELECT'
    >>> check_query("SELECT * WHERE { ?s ex:a\\\\#b ?o SERVICE <http://127.0.0.1/> { ?x ?y ?z } }")
    Traceback (most recent call last):
    ...
    kg.errors.RefusedError: SERVICE is refused: queries may not call other endpoints (line 1, column 32)
    """
    tokens = tokenize(text)
    for t in tokens:
        where = f" (line {t.line}, column {t.column})"
        if t.keyword == "SERVICE":
            raise RefusedError("SERVICE is refused: queries may not call other endpoints" + where)
        if t.keyword == "LOAD":
            raise RefusedError("LOAD is refused: queries may not load data" + where)
        if t.keyword in _UPDATES:
            raise RefusedError(f"updates are refused: this endpoint is read-only (found {t.keyword})")
    i = 0
    while i < len(tokens) and tokens[i].keyword in ("BASE", "PREFIX"):  # the prologue
        i += 2 if tokens[i].keyword == "BASE" else 3
    form = tokens[i].keyword if i < len(tokens) else ""
    if form not in FORMS:
        raise QueryError("not a query: expected SELECT, ASK, CONSTRUCT or DESCRIBE")
    return form


def parse_binding(text: str) -> tuple[str, Any]:
    """``name=value`` -> (name, term): ``<iri>`` or a known CURIE become IRIs, anything else a string.

    >>> parse_binding("drug=DRUGBANK:DB11595")
    ('drug', ('iri', 'http://identifiers.org/drugbank/DB11595'))
    >>> parse_binding("name=x' } DROP ALL")
    ('name', ('literal', "x' } DROP ALL"))
    """
    from kg.schema.ids import IdError, check_curie, curie_to_iri

    name, sep, value = text.partition("=")
    name = name.strip().lstrip("?$")
    if not sep or not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
        raise QueryError(f"a binding is NAME=VALUE, got {text!r}")
    if value.startswith("<") and value.endswith(">"):
        return name, ("iri", value[1:-1])
    try:
        return name, ("iri", curie_to_iri(check_curie(value)))
    except IdError:
        return name, ("literal", value)


def execute(store, text: str, bindings: dict, fmt: str, output=None) -> bytes | None:
    """Run a checked user query on an open store and serialise the results in ``fmt``.

    On a :class:`~kg.store.local.LocalStore` the dataset is the data alone: the union of its
    partitions as the default graph, no named graphs (the lookup index is another store). With ``output`` (a binary file-like
    object) results are streamed into it, so a writer that raises stops the engine early.

    >>> import pyoxigraph as ox
    >>> st = ox.Store(); st.add(ox.Quad(ox.NamedNode("http://a"), ox.NamedNode("http://b"), ox.Literal("c")))
    >>> execute(st, "SELECT ?o WHERE { ?s ?p ?o }", {}, "csv").split()
    [b'o', b'c']
    """
    import pyoxigraph as ox

    from kg.query.stored import PREFIXES
    from kg.schema.ids import PREFIXES as ID_PREFIXES

    subs = {ox.Variable(k): (ox.NamedNode(v) if kind == "iri" else ox.Literal(v)) for k, (kind, v) in bindings.items()}
    prefixes = {**{("kgid" if p == "KG" else p): ns for p, ns in ID_PREFIXES.items()}, **PREFIXES}
    result = store.query(text, prefixes=prefixes, substitutions=subs)  # a LocalStore: the data's partitions, no more
    if isinstance(result, ox.QueryTriples):
        rdf = {"nt": ox.RdfFormat.N_TRIPLES}.get(fmt, ox.RdfFormat.TURTLE)
        return result.serialize(output, format=rdf)
    res_fmt = {"csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV,
               "xml": ox.QueryResultsFormat.XML}.get(fmt, ox.QueryResultsFormat.JSON)
    return result.serialize(output, format=res_fmt)


def _execute(store_path: str, text: str, bindings: dict, fmt: str) -> bytes:
    from kg.store.local import open_store

    return execute(open_store(store_path), text, bindings, fmt)


def failure(payload: str) -> QueryError:
    """The error for a query that the engine rejected with the message ``payload``."""
    if "SELECT projection" in payload:
        payload += " (a bound variable must be selected too: list it in SELECT, or use SELECT *)"
    return QueryError(f"query failed: {payload}")


def _child(conn, *args) -> None:
    from kg.query.no_network import forbid_network

    forbid_network()  # the second wall: whatever the query says, this process opens no IP socket
    try:
        conn.send(("ok", _execute(*args)))
    except BaseException as exc:  # noqa: BLE001 - everything goes back to the parent as a message
        conn.send(("error", f"{type(exc).__name__}: {exc}"))
    finally:
        conn.close()


def sparql(store_path: str, text: str, *, bindings: dict | None = None, fmt: str = "json",
           timeout: float = 30.0) -> bytes:
    """Run a user query against the store at ``store_path``; return the serialised results.

    The query runs in a child process that is stopped when ``timeout`` seconds have passed.
    """
    if fmt not in RESULT_FORMATS:
        raise QueryError(f"unknown result format {fmt!r}")
    form = check_query(text)
    if form in ("CONSTRUCT", "DESCRIBE") and fmt not in ("ttl", "nt", "table"):
        fmt = "ttl"
    ctx = multiprocessing.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(child, str(store_path), text, dict(bindings or {}), fmt), daemon=True)
    proc.start()
    child.close()
    if not parent.poll(timeout):
        proc.terminate()
        proc.join(2)
        if proc.is_alive():
            proc.kill()
        raise QueryError(f"the query ran past its time limit of {timeout:g} s and was stopped")
    try:
        status, payload = parent.recv()
    except EOFError:
        raise QueryError("the query process ended without an answer") from None
    proc.join(2)
    if status != "ok":
        raise failure(payload)
    return payload
