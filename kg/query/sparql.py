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


def check_query(text: str, *, prefixes: Collection[str] | None = None, relative_iris: bool = True) -> str:
    """Return the query form, or raise :class:`RefusedError` for updates, SERVICE or LOAD
    (and :class:`QueryError`, with line and column, for text that is no valid query).

    The text is parsed with the SPARQL 1.1 grammar, the form is read from the tree, and a
    ``ServiceGraphPattern`` anywhere in it is refused; the rules the grammar leaves to its notes
    (scopes, grouping, blank node labels, declared prefixes) are checked too. ``prefixes``: the
    prefixes the engine declares (default :func:`engine_prefixes`); ``relative_iris``: False where
    the engine is given no base IRI (then a relative IRI needs a BASE in the query).
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
    _check_size(tree)
    for service in tree.nodes_named("ServiceGraphPattern"):
        raise RefusedError("SERVICE is refused: queries may not call other endpoints "
                           f"({_where(service.first_token())})")
    with gc_paused():
        check_rules(tree, engine_prefixes() if prefixes is None else prefixes, relative_iris=relative_iris)
    for tok in tree.token_list:  # the second wall: no such keyword anywhere, whatever the tree says
        if tok.keyword == "SERVICE" or tok.keyword in UPDATE_WORDS:
            raise RefusedError(f"{tok.keyword} is refused: queries may only read ({_where(tok)})")
    return _FORM_OF[unit.nodes()[1].rule]


#: Pattern elements (BIND, MINUS, OPTIONAL, FILTER, UNION, GRAPH, VALUES, triple objects) and
#: expression operands a query may hold. The engine nests its plan one level per element and
#: crashes (stack overflow) near 3,000 BINDs or MINUS clauses in one group (pyoxigraph 0.5,
#: measured); the named questions use at most 35 elements and 3 operands.
MAX_PATTERNS, MAX_OPERANDS = 1000, 5000
_PATTERN_RULES = ("Bind", "MinusGraphPattern", "OptionalGraphPattern", "Filter", "GroupOrUnionGraphPattern",
                  "GraphGraphPattern", "InlineData", "ObjectPath", "Object")


def _check_size(tree) -> None:
    """Refuse a query too large for the engine to plan, with the count and the limit.

    >>> check_query("SELECT * WHERE { " + "BIND(1 AS ?x) " * 1001 + "}")
    Traceback (most recent call last):
    ...
    kg.errors.QueryError: the query is too large: 1001 pattern elements (BIND, MINUS, OPTIONAL, FILTER, UNION, GRAPH, VALUES, triple objects); the limit is 1000
    """
    patterns = sum(len(tree.nodes_named(rule)) for rule in _PATTERN_RULES)
    if patterns > MAX_PATTERNS:
        raise QueryError(f"the query is too large: {patterns} pattern elements (BIND, MINUS, OPTIONAL, FILTER, UNION, "
                         f"GRAPH, VALUES, triple objects); the limit is {MAX_PATTERNS}")
    operands = len(tree.nodes_named("PrimaryExpression"))
    if operands > MAX_OPERANDS:
        raise QueryError(f"the query is too large: {operands} expression operands; the limit is {MAX_OPERANDS}")


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


#: Graph formats a CONSTRUCT or DESCRIBE answer can be written in (rdf = RDF/XML).
GRAPH_FORMATS = ("ttl", "nt", "rdf", "jsonld")
#: The name by which ``default-graph-uri`` (SPARQL Protocol) or a caller refers to the data graph.
DATA_GRAPH = "urn:kg:data"


def dataset(store, default_graph_uris=(), named_graph_uris=()) -> dict[str, Any]:
    """The dataset a user query sees, as keyword arguments for ``store.query``.

    This is the one place that decides it. Without graph names: the data alone (on a
    :class:`~kg.store.local.LocalStore`, the union of its partitions) as the default graph and
    no named graph, whatever FROM / FROM NAMED the query text says (the lookup index is another
    store and never visible). With names (the protocol's ``default-graph-uri`` and
    ``named-graph-uri``): each must name a graph this store serves: :data:`DATA_GRAPH` (all the
    data, as a default graph only) or one of the layers' graphs (``urn:kg:layer:<name>``: what
    one import or ingested document added); anything else is a :class:`QueryError` that says
    what is served.

    >>> import pyoxigraph as ox
    >>> st = ox.Store(); st.add_graph(ox.NamedNode("urn:kg:layer:civic"))
    >>> dataset(st)
    {}
    >>> dataset(st, [DATA_GRAPH], ["urn:kg:layer:civic"])["named_graphs"]
    [<NamedNode value=urn:kg:layer:civic>]
    >>> dataset(st, ["urn:kg:index"])
    Traceback (most recent call last):
    ...
    kg.errors.QueryError: default-graph-uri <urn:kg:index> is not a graph of this dataset; it serves <urn:kg:data> (all the data, as the default graph) and the named graphs <urn:kg:layer:civic>
    """
    import pyoxigraph as ox

    if not default_graph_uris and not named_graph_uris:
        return {}
    layers = [g for g in store.named_graphs() if isinstance(g, ox.NamedNode)]
    served = sorted(g.value for g in layers)

    def refuse(param: str, iri: str) -> QueryError:
        named = ", ".join(f"<{g}>" for g in served) or "none"
        return QueryError(f"{param} <{iri}> is not a graph of this dataset; it serves <{DATA_GRAPH}> (all the data, "
                          f"as the default graph) and the named graphs {named}")

    default: list = []
    for iri in default_graph_uris:
        if iri == DATA_GRAPH:
            default.extend([ox.DefaultGraph(), *layers])
        elif iri in served:
            default.append(ox.NamedNode(iri))
        else:
            raise refuse("default-graph-uri", iri)
    named = []
    for iri in named_graph_uris:
        if iri not in served:
            raise refuse("named-graph-uri", iri)
        named.append(ox.NamedNode(iri))
    # the protocol: given only named graphs, the default graph is empty
    return {"default_graph": list(dict.fromkeys(default)), "named_graphs": named}


def execute(store, text: str, bindings: dict, fmt: str, output=None, *, base_iri: str | None = None,
            default_graph_uris=(), named_graph_uris=()) -> bytes | None:
    """Run a checked user query on an open store and serialise the results in ``fmt``.

    The dataset is chosen by :func:`dataset` (the data alone unless graphs are named); relative
    IRIs in the query are resolved against ``base_iri``. SELECT and ASK results are written as
    json, xml, csv or tsv; CONSTRUCT and DESCRIBE as ttl, nt, rdf (RDF/XML) or jsonld. With
    ``output`` (a binary file-like object) results are streamed into it, so a writer that raises
    stops the engine early.

    >>> import pyoxigraph as ox
    >>> st = ox.Store(); st.add(ox.Quad(ox.NamedNode("http://a"), ox.NamedNode("http://b"), ox.Literal("c")))
    >>> execute(st, "SELECT ?o WHERE { ?s ?p ?o }", {}, "csv").split()
    [b'o', b'c']
    >>> execute(st, "CONSTRUCT { <s> <p> 1 } WHERE {}", {}, "nt", base_iri="http://h/sparql")
    b'<http://h/s> <http://h/p> "1"^^<http://www.w3.org/2001/XMLSchema#integer> .\\n'
    """
    import pyoxigraph as ox

    subs = {ox.Variable(k): (ox.NamedNode(v) if kind == "iri" else ox.Literal(v)) for k, (kind, v) in bindings.items()}
    result = store.query(text, base_iri=base_iri, prefixes=engine_prefixes(), substitutions=subs,
                         **dataset(store, default_graph_uris, named_graph_uris))
    if isinstance(result, ox.QueryTriples):
        rdf = {"nt": ox.RdfFormat.N_TRIPLES, "rdf": ox.RdfFormat.RDF_XML,
               "jsonld": ox.RdfFormat.JSON_LD}.get(fmt, ox.RdfFormat.TURTLE)
        return result.serialize(output, format=rdf)
    res_fmt = {"csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV,
               "xml": ox.QueryResultsFormat.XML}.get(fmt, ox.QueryResultsFormat.JSON)
    return result.serialize(output, format=res_fmt)


def _execute(store_path: str, text: str, bindings: dict, fmt: str, base_iri: str | None = None) -> bytes:
    from kg.store.local import open_store

    return execute(open_store(store_path), text, bindings, fmt, base_iri=base_iri)


def failure(payload: str) -> QueryError:
    """The error for a query that the engine rejected with the message ``payload``."""
    if "SELECT projection" in payload:
        payload += " (a bound variable must be selected too: list it in SELECT, or use SELECT *)"
    return QueryError(f"query failed: {payload}")


def engine_stderr_to(fileno: int) -> None:
    """Send this process's standard error (where the engine writes a panic) to ``fileno``:
    call it in a query process, so a panic never reaches the user's terminal or the server log
    and :func:`ended_without_answer` can read it afterwards."""
    import os

    os.dup2(fileno, 2)


def ended_without_answer(stderr_text: str) -> QueryError:
    """The error for a query process that ended without an answer, from what it wrote on stderr.

    >>> print(ended_without_answer("thread '<unnamed>' panicked at sort.rs:854:5:\\nuser-provided comparison"
    ...                            " function does not correctly implement a total order\\nstack backtrace:"))
    the query engine failed on this query (user-provided comparison function does not correctly implement a total order); rewriting it may help, e.g. ORDER BY over values of one kind (numbers or strings)
    >>> print(ended_without_answer(""))
    the query process ended without an answer
    """
    found = re.search(r"panicked at [^\n]*\n([^\n]+)", stderr_text)
    if found:
        return QueryError(f"the query engine failed on this query ({found.group(1).strip()[:300]}); rewriting it may "
                          "help, e.g. ORDER BY over values of one kind (numbers or strings)")
    return QueryError("the query process ended without an answer")


def _child(conn, err_fileno: int, *args) -> None:
    from kg.query.no_network import forbid_network

    forbid_network()  # the second wall: whatever the query says, this process opens no IP socket
    engine_stderr_to(err_fileno)
    try:
        conn.send(("ok", _execute(*args)))
    except BaseException as exc:  # noqa: BLE001 - everything goes back to the parent as a message
        conn.send(("error", f"{type(exc).__name__}: {exc}"))
    finally:
        conn.close()


def default_base_iri(query_file: str | None = None) -> str:
    """The base IRI that ``kg sparql`` resolves relative IRIs against when none is given: the
    query file's ``file:`` URI, else that of the current folder (as Jena's arq does).

    >>> default_base_iri("/tmp/q.rq")
    'file:///tmp/q.rq'
    """
    from pathlib import Path

    return Path(query_file).resolve().as_uri() if query_file else Path.cwd().resolve().as_uri() + "/"


def sparql(store_path: str, text: str, *, bindings: dict | None = None, fmt: str = "json",
           timeout: float = 30.0, base_iri: str | None = None) -> bytes:
    """Run a user query against the store at ``store_path``; return the serialised results.

    Relative IRIs in the query are resolved against ``base_iri`` (default:
    :func:`default_base_iri`). The query runs in a child process that is stopped when
    ``timeout`` seconds have passed; an engine failure in it comes back as a QueryError.
    """
    import tempfile

    if fmt not in RESULT_FORMATS:
        raise QueryError(f"unknown result format {fmt!r}")
    form = check_query(text)
    if form in ("CONSTRUCT", "DESCRIBE") and fmt not in ("ttl", "nt", "table"):
        fmt = "ttl"
    ctx = multiprocessing.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    with tempfile.TemporaryFile() as err:
        proc = ctx.Process(target=_child, args=(child, err.fileno(), str(store_path), text, dict(bindings or {}), fmt,
                                                base_iri or default_base_iri()), daemon=True)
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
            proc.join(2)
            err.seek(0)
            raise ended_without_answer(err.read(100_000).decode("utf-8", "replace")) from None
    proc.join(2)
    if status != "ok":
        raise failure(payload)
    return payload
