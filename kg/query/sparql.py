"""User SPARQL, run safely: read-only query forms only, no SERVICE or LOAD, values bound
(never pasted into the text), the project's prefixes predeclared, and a time limit.

What a query may do is decided on its parse tree (:mod:`kg.query.sparql_parser`, the SPARQL 1.1
grammar), and the engine is handed exactly the text that was parsed. Two more walls stand behind
the tree: a scan of the same tokens for any update, SERVICE or LOAD keyword, and the query
processes' network filter (:mod:`kg.query.no_network`).

>>> check_query("SELECT * WHERE { ?s ?p 'SERVICE' } # LOAD in a comment is fine")
'SELECT'
>>> check_query("INSERT DATA { <a:b> <a:c> <a:d> }")
Traceback (most recent call last):
...
kg.errors.RefusedError: updates are refused: this endpoint is read-only (found INSERT DATA, line 1, column 1)
"""
from __future__ import annotations

import multiprocessing
import re
from typing import Any, Collection

from kg.errors import QueryError, RefusedError

FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
_FORM_OF = {"SelectQuery": "SELECT", "AskQuery": "ASK", "ConstructQuery": "CONSTRUCT", "DescribeQuery": "DESCRIBE"}
RESULT_FORMATS = ("table", "json", "csv", "tsv", "xml", "ttl", "nt")


def engine_prefixes() -> dict[str, str]:
    """The prefixes every user query is given (the project's vocabularies and identifier prefixes).

    >>> engine_prefixes()["DRUGBANK"]
    'http://identifiers.org/drugbank/'
    """
    from kg.query.stored import PREFIXES
    from kg.schema.ids import PREFIXES as ID_PREFIXES

    return {**{("kgid" if p == "KG" else p): ns for p, ns in ID_PREFIXES.items()}, **PREFIXES}


def _where(tok) -> str:
    return f"line {tok.line}, column {tok.column}"


def check_query(text: str, *, prefixes: Collection[str] | None = None, base: str | None = None) -> str:
    """Return the query form, or raise :class:`RefusedError` for updates, SERVICE or LOAD
    (and :class:`QueryError`, with line and column, for text that is no valid query).

    The text is parsed with the SPARQL 1.1 grammar, the form is read from the tree, and a
    ``ServiceGraphPattern`` anywhere in it is refused; the rules the grammar leaves to its notes
    (scopes, grouping, blank node labels, declared prefixes) are checked too. ``prefixes``: the
    prefixes the engine declares (default :func:`engine_prefixes`); ``base``: the base IRI the
    engine resolves relative IRIs against (it has none: relative IRIs need a BASE in the query).
    No comment, string, IRI or escaped name can hide a keyword:

    >>> check_query("SELECT * WHERE { ?s <http://x/a#SERVICE> ?o ; <p:q> 'LOAD' }")
    'SELECT'
    >>> check_query("SELECT * WHERE { ?s DRUGBANK:a\\\\#b ?o SERVICE <http://127.0.0.1/> { ?x ?y ?z } }")
    Traceback (most recent call last):
    ...
    kg.errors.RefusedError: SERVICE is refused: queries may not call other endpoints (line 1, column 38)
    """
    from kg.query.sparql_parser import UPDATE_WORDS, gc_paused, parse
    from kg.query.sparql_rules import check_rules

    tree = parse(text)
    unit = tree.children[0]
    if unit.rule == "Update":
        ops = unit.nodes()[1:]
        if not ops:
            raise QueryError("not a query: the text holds no SELECT, ASK, CONSTRUCT or DESCRIBE "
                             "(read as SPARQL it is an empty update request)")
        head = ops[0].children
        if head[0].keyword == "LOAD":
            raise RefusedError(f"LOAD is refused: queries may not load data ({_where(head[0])})")
        raise RefusedError("updates are refused: this endpoint is read-only "
                           f"(found {' '.join(t.keyword for t in head)}, {_where(head[0])})")
    for service in tree.nodes_named("ServiceGraphPattern"):
        raise RefusedError("SERVICE is refused: queries may not call other endpoints "
                           f"({_where(service.first_token())})")
    with gc_paused():
        check_rules(tree, engine_prefixes() if prefixes is None else prefixes, relative_iris=base is not None)
    for tok in tree.token_list:  # the second wall: no such keyword anywhere, whatever the tree says
        if tok.keyword == "SERVICE" or tok.keyword in UPDATE_WORDS:
            raise RefusedError(f"{tok.keyword} is refused: queries may only read ({_where(tok)})")
    return _FORM_OF[unit.nodes()[1].rule]


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

    The dataset is the data alone: the default graph, no named graphs (the lookup index is
    not data), whatever FROM / FROM NAMED the query names. With ``output`` (a binary file-like
    object) results are streamed into it, so a writer that raises stops the engine early.

    >>> import pyoxigraph as ox
    >>> st = ox.Store(); st.add(ox.Quad(ox.NamedNode("http://a"), ox.NamedNode("http://b"), ox.Literal("c")))
    >>> execute(st, "SELECT ?o WHERE { ?s ?p ?o }", {}, "csv").split()
    [b'o', b'c']
    """
    import pyoxigraph as ox

    subs = {ox.Variable(k): (ox.NamedNode(v) if kind == "iri" else ox.Literal(v)) for k, (kind, v) in bindings.items()}
    result = store.query(text, prefixes=engine_prefixes(), substitutions=subs, default_graph=ox.DefaultGraph(), named_graphs=[])
    if isinstance(result, ox.QueryTriples):
        rdf = {"nt": ox.RdfFormat.N_TRIPLES}.get(fmt, ox.RdfFormat.TURTLE)
        return result.serialize(output, format=rdf)
    res_fmt = {"csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV,
               "xml": ox.QueryResultsFormat.XML}.get(fmt, ox.QueryResultsFormat.JSON)
    return result.serialize(output, format=res_fmt)


def _execute(store_path: str, text: str, bindings: dict, fmt: str) -> bytes:
    import pyoxigraph as ox

    return execute(ox.Store.read_only(store_path), text, bindings, fmt)


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
