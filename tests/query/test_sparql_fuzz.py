"""Property-based tests of the query check (Hypothesis): token soups and mutations of valid
queries never raise anything but QueryError (RefusedError is one), whatever is accepted holds no
SERVICE, LOAD or update keyword among its tokens, and Oxigraph (in a child process without
network) reads an accepted SELECT with the same result variables, so no text is read one way by
the check and another way by the engine.

Runs are derandomised (the same examples each run, no example database written); set
HYPOTHESIS_PROFILE=explore ... (see ``settings`` below) for a longer random campaign by hand.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from kg.errors import QueryError
from kg.query.sparql import check_query, engine_prefixes
from kg.query.sparql_parser import parse
from kg.query.sparql_rules import result_variables
from kg.query.sparql_tokens import tokenize
from tests.query.oxigraph_oracle import Oracle

settings.register_profile("ci", max_examples=300, derandomize=True, database=None, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("explore", max_examples=20000, database=None, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "ci")

FORBIDDEN = {"SERVICE", "LOAD", "INSERT", "DELETE", "CLEAR", "DROP", "CREATE", "COPY", "MOVE", "ADD", "WITH"}
FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")

#: Fragments that are keywords, names, literals and the lexical traps of the issue.
FRAGMENTS = [
    "SELECT", "select", "ASK", "CONSTRUCT", "DESCRIBE", "WHERE", "*", "{", "}", "(", ")", "[", "]", ".", ";", ",",
    "?s", "?p", "?o", "$x", "?service", "SERVICE", "sErViCe", "SILENT", "LOAD", "INSERT", "DATA", "DELETE", "DROP",
    "ALL", "WITH", "CLEAR", "INTO", "GRAPH", "OPTIONAL", "UNION", "MINUS", "FILTER", "BIND", "AS", "VALUES", "UNDEF",
    "EXISTS", "NOT", "IN", "a", "true", "GROUP", "BY", "HAVING", "ORDER", "DESC", "LIMIT", "OFFSET", "1", "COUNT",
    "DISTINCT", "STR", "REGEX", "PREFIX", "BASE", "FROM", "NAMED", "ex:", "ex:a", "kg:name", "DRUGBANK:a\\#b",
    ":", "::", "_:b", "[]", "()", "<http://127.0.0.1:1/x>", "<?a&&?b>", "<", ">", "<=", "&&", "||", "!", "^", "^^",
    "/", "|", "+", "-", "-1.5e3", ".5", "'s'", '"d"', "'''l\nong'''", '"A\\u005C"', '"\\""', "'\\''", '"""a""b"""',
    "#c\n", "#c\r", "# SERVICE\n", "\\u0053ERVICE", "\\u0022", "\\", "@en", "\u00e9", "\x00", "'", '"', "<x>",
]
SEPARATORS = ["", " ", " ", "\n", "\r", "\t", "\r\n"]

HIDING = [  # valid queries with the traps in harmless places, to mutate
    "PREFIX ex: <http://ex/> SELECT ?x WHERE { OPTIONAL { ?s ex:a\\#b ?o } ?x ?y 'SERVICE <http://x/> {}' }",
    "SELECT * WHERE { ?s ?p \"A\\u005C\" . ?s ?p \" } #\" } # SERVICE <http://127.0.0.1:1/> { ?a ?b ?c }",
    "ASK { ?s ?p ?o # note\r FILTER(?o < 3 && ?o > 1) }",
    "SELECT ?s (COUNT(*) AS ?n) { ?s <http://x/p#LOAD> ?o ; ?q '''INSERT\nDATA''' } GROUP BY ?s ORDER BY DESC(?n)",
    "CONSTRUCT { ?s kg:name ?n } WHERE { ?s kg:name ?n FILTER NOT EXISTS { ?s a kg:Drug } } LIMIT 5",
    "DESCRIBE ?d WHERE { ?d a kg:Drug } VALUES ?d { DRUGBANK:DB11595 }",
]


def _corpus() -> list[str]:
    here = Path(__file__).parent
    texts = [p.read_text(encoding="utf-8") for p in sorted((here / "w3c").glob("*/syntax-*/*.rq"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted((here.parent.parent / "kg" / "query").glob("*.rq"))]
    return texts + HIDING


CORPUS = _corpus()


def judge(text: str) -> str | None:
    """The check's verdict (a form, or None when refused); fails the test on anything else."""
    try:
        form = check_query(text)
    except QueryError:
        return None
    assert form in FORMS
    words = {t.keyword for t in tokenize(text)}
    assert not words & FORBIDDEN, f"accepted a text with {words & FORBIDDEN}: {text!r}"
    return form


soups = st.lists(st.tuples(st.sampled_from(FRAGMENTS), st.sampled_from(SEPARATORS)), max_size=40).map(
    lambda parts: "".join(f + s for f, s in parts))
#: Soups inside a query's frame, so that more of them parse.
framed = st.tuples(st.sampled_from(["SELECT * WHERE { ", "ASK { ?s ?p ?o . ", "SELECT ?s { ?s ?p ?o FILTER("]),
                   soups, st.sampled_from([" }", " ) }", ""])).map("".join)


@st.composite
def mutants(draw) -> str:
    text = draw(st.sampled_from(CORPUS))
    for _ in range(draw(st.integers(1, 4))):
        n = len(text)
        i, j = sorted((draw(st.integers(0, n)), draw(st.integers(0, n))))
        op = draw(st.sampled_from(["delete", "insert", "duplicate", "case", "prefix"]))
        if op == "delete":
            text = text[:i] + text[j:]
        elif op == "insert":
            text = text[:i] + draw(st.sampled_from(FRAGMENTS)) + draw(st.sampled_from(SEPARATORS)) + text[i:]
        elif op == "duplicate":
            k = draw(st.integers(0, n))
            text = text[:k] + text[i:j] + text[k:]
        elif op == "case":
            text = text[:i] + text[i:j].swapcase() + text[j:]
        else:
            text = draw(st.sampled_from(FRAGMENTS)) + " " + text
    return text


@pytest.fixture(scope="module")
def oxigraph():
    with Oracle() as ox:
        yield ox


def same_reading(ox, text: str) -> None:
    """An accepted SELECT that Oxigraph parses has the same result variables for both."""
    status, detail = ox.parse(text, base="http://example.org/base/", prefixes=engine_prefixes())
    if status == "parsed" and isinstance(detail, list):
        assert sorted(detail) == sorted(result_variables(parse(text))), text


@settings.get_profile(PROFILE)
@given(st.one_of(soups, framed))
def test_token_soups(oxigraph, text):
    if judge(text) is not None:
        same_reading(oxigraph, text)


@settings.get_profile(PROFILE)
@given(mutants())
def test_mutated_queries(oxigraph, text):
    if judge(text) is not None:
        same_reading(oxigraph, text)


def test_the_corpus_is_accepted_and_read_alike(oxigraph):
    """The unmutated texts: the W3C positive SELECT/ASK/... files that need no undeclared prefix,
    the project's stored queries and the traps above are accepted, and read alike by Oxigraph."""
    accepted = [t for t in CORPUS if judge(t) is not None]
    assert len(accepted) > 150
    for text in HIDING:
        assert judge(text) is not None, text
    for text in accepted:
        same_reading(oxigraph, text)
