"""The SPARQL parser and the check built on it: the grammar is LL(1), the tree names its rules,
updates and SERVICE are found by the tree wherever they stand, words that only look like
keywords pass, the rules of the grammar's notes hold, every bad text is a QueryError with line
and column, and no input (deep, long, hostile) ends in another exception."""
from __future__ import annotations

import pytest

from kg.errors import QueryError, RefusedError
from kg.query.sparql import check_query
from kg.query.sparql_grammar import GrammarError, build_table
from kg.query.sparql_parser import MAX_NESTING, Node, parse
from kg.query.sparql_rules import result_variables
from kg.query.sparql_tokens import tokenize

SVC = "SERVICE <http://127.0.0.1:9/x> { ?a ?b ?c }"


def test_the_grammar_table_refuses_a_grammar_that_is_not_ll1():
    with pytest.raises(GrammarError, match="not LL\\(1\\)"):
        build_table("S ::= A | B\nA ::= 'x' 'y'\nB ::= 'x' 'z'", start="S")
    with pytest.raises(GrammarError, match="undefined rules"):
        build_table("S ::= A 'x'", start="S")


def test_the_tree_names_its_rules():
    tree = parse("PREFIX ex: <http://ex/> SELECT ?s (COUNT(*) AS ?n) WHERE { ?s ex:p/ex:q* [ ex:r 1 ] } GROUP BY ?s")
    assert tree.rule == "QueryUnit"
    query = tree.children[0]
    assert [n.rule for n in query.nodes()] == ["Prologue", "SelectQuery", "ValuesClause"]
    assert [n.rule for n in query.nodes()[1].nodes()] == ["SelectClause", "WhereClause", "SolutionModifier"]
    path = tree.first("PathSequence")
    assert [t.text for t in path.tokens()] == ["ex:p", "/", "ex:q", "*"]
    assert tree.first("Aggregate").text() == "COUNT ( * )"
    assert [n.rule for n in tree.nodes_named("BlankNodePropertyListPath")] == ["BlankNodePropertyListPath"]
    assert all(isinstance(n, Node) for n in tree.walk())
    assert "".join(t.text for t in tree.tokens()) == "".join(t.text for t in tokenize(
        "PREFIX ex: <http://ex/> SELECT ?s (COUNT(*) AS ?n) WHERE { ?s ex:p/ex:q* [ ex:r 1 ] } GROUP BY ?s"))


@pytest.mark.parametrize("text,form", [
    ("select * where { ?s ?p ?o }", "SELECT"), ("ASK {}", "ASK"), ("ask{}", "ASK"),
    ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "CONSTRUCT"), ("CONSTRUCT WHERE { ?s ?p ?o }", "CONSTRUCT"),
    ("DESCRIBE DRUGBANK:DB11595", "DESCRIBE"), ("DESCRIBE * WHERE { ?s ?p ?o }", "DESCRIBE"),
    ("BASE <http://ex/> PREFIX e: <x#> SELECT * { <a> e:p ?o }", "SELECT"),
    ("\tSELECT\r\n*\rWHERE\n{\t?s\t?p\t?o\r}\r\n", "SELECT"),
])
def test_forms_come_from_the_tree(text, form):
    assert check_query(text) == form


@pytest.mark.parametrize("text", [
    "SELECT * WHERE { ?a ?p ?b FILTER(?a<?b) }",              # '<' with no '>' after: less-than
    "SELECT * WHERE { ?a ?p ?b FILTER(?a<?b && ?b>?a) }",     # a space ends any IRI
    "SELECT * WHERE { ?a ?p ?b FILTER(?a<?b||?b>?a) }",       # '|' cannot stand in an IRI
    "SELECT * WHERE { ?a ?p ?b FILTER(?a<=?b) }",
    "SELECT * WHERE { ?a ?p ?b FILTER(?a<1) }",
    'SELECT * WHERE { ?a ?p ?b FILTER(?a<"x"&&?b>"y") }',     # '"' cannot either
    "SELECT * WHERE { ?a ?p ?b FILTER(?b>?a) } ORDER BY ?a",
    "SELECT * WHERE { ?a ?p ?b FILTER(1<2) FILTER(?a!=?b) FILTER(-1<+2) FILTER(?a-1>?b+1) }",
])
def test_less_than_is_read_as_less_than(text):
    assert check_query(text) == "SELECT"


def test_the_longest_token_wins_and_the_message_says_so():
    """As the W3C test syn-bad-26 says, ?x<?a&&?b>?y holds the IRI <?a&&?b> (Oxigraph reads it by
    context; refusing is the safe side)."""
    with pytest.raises(QueryError, match=r"<\?a&&\?b> is one IRI: the longest token wins; put a space after '<'"):
        check_query("SELECT * WHERE { ?x ?p ?a FILTER (?x<?a&&?b>?y) }")


@pytest.mark.parametrize("text,found", [
    ("INSERT DATA { <http://a> <http://b> <http://c> }", "INSERT DATA"),
    ("insert data { <http://a> <http://b> <http://c> }", "INSERT DATA"),
    ("DELETE DATA { <http://a> <http://b> <http://c> }", "DELETE DATA"),
    ("DELETE WHERE { ?s ?p ?o }", "DELETE WHERE"),
    ("DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", "DELETE"),
    ("INSERT { ?s ?p 1 } WHERE { ?s ?p ?o }", "INSERT"),
    ("WITH <http://g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", "WITH"),
    ("PREFIX ex: <http://ex/> BASE <http://b/>\n# comment\nCLEAR ALL", "CLEAR"),
    ("DROP SILENT GRAPH <http://g>", "DROP"), ("CREATE GRAPH <http://g>", "CREATE"),
    ("ADD <http://a> TO <http://b>", "ADD"), ("MOVE DEFAULT TO <http://b>", "MOVE"),
    ("COPY <http://a> TO DEFAULT", "COPY"),
])
def test_updates_are_named_and_refused(text, found):
    with pytest.raises(RefusedError, match=f"updates are refused: this endpoint is read-only \\(found {found},"):
        check_query(text)


def test_load_and_trailing_updates():
    with pytest.raises(RefusedError, match=r"LOAD is refused: queries may not load data \(line 1, column 1\)"):
        check_query("load <http://example.org/data.ttl> INTO GRAPH <http://g>")
    with pytest.raises(QueryError, match="a query cannot be followed by an update \\(found DROP at line 2, column 3\\)"):
        check_query("SELECT * WHERE { ?s ?p ?o } ;\n  DROP ALL")
    for empty in ("", "  # nothing\n", "PREFIX ex: <http://ex/>"):
        with pytest.raises(QueryError, match="empty update request"):
            check_query(empty)


@pytest.mark.parametrize("text", [
    f"SELECT * {{ {SVC} }}",
    f"SELECT * {{ ?s ?p ?o OPTIONAL {{ {SVC} }} }}",
    f"SELECT * {{ {{ ?s ?p ?o }} UNION {{ {SVC} }} }}",
    f"SELECT * {{ ?s ?p ?o MINUS {{ {SVC} }} }}",
    f"SELECT * {{ GRAPH ?g {{ {SVC} }} }}",
    f"SELECT * {{ ?s ?p ?o FILTER NOT EXISTS {{ {SVC} }} }}",
    f"SELECT * {{ BIND(EXISTS {{ {SVC} }} AS ?e) }}",
    f"SELECT (EXISTS {{ {SVC} }} AS ?e) {{ }}",
    f"SELECT * {{ {{ SELECT * {{ {{ SELECT ?a {{ {SVC} }} }} }} }} }}",
    f"ASK {{ ?s ?p ?o }} ORDER BY (EXISTS {{ {SVC} }})",
    "SELECT * { SERVICE SILENT ?endpoint { ?a ?b ?c } }",
    "PREFIX s: <http://127.0.0.1:9/> SELECT * { service s: { } }",
    f"CONSTRUCT {{ ?a ?b ?c }} WHERE {{ {SVC} }}",
    f"DESCRIBE ?a WHERE {{ {SVC} }}",
])
def test_service_is_refused_wherever_it_stands(text):
    with pytest.raises(RefusedError, match=r"SERVICE is refused: queries may not call other endpoints \(line 1, column \d+\)"):
        check_query(text)


@pytest.mark.parametrize("text", [
    "PREFIX : <http://ex/> SELECT * WHERE { ?s :insert ?o . ?o :service ?x ; :load ?y }",
    "PREFIX service: <http://ex/> PREFIX load: <http://ex/> SELECT * { ?s service:x load: }",
    "SELECT ?service ?load ?insert $drop { ?service ?load ?insert . ?insert ?p $drop }",
    "SELECT * { ?s ?p 'SERVICE <http://x/> { }' ; ?q \"\"\"DROP\nALL\"\"\" ; ?r '''LOAD''' }",
    "SELECT * { ?s <http://x/SERVICE#LOAD> ?o } # SERVICE <http://x/> { }\n",
    "SELECT * { ?s ?p 'x'@service }",
    "SELECT * { ?s DRUGBANK:a\\#b ?o . ?s DRUGBANK:a\\#SERVICE ?q }",
    "SELECT * { ?s ?p \"A\\u005C\" . ?s ?p \" } # SERVICE\" }",
])
def test_words_that_only_look_like_keywords_pass(text):
    assert check_query(text) == "SELECT"


def test_the_engine_reads_an_escaped_backslash_as_the_check_does():
    """Oxigraph ends a string at the quote after \\u005C (the escape is one character, not an
    escape of the quote): the text between two such strings is query text to both."""
    import pyoxigraph as ox

    text = 'SELECT * WHERE { BIND("A\\u005C" AS ?a) BIND(1 AS ?hit) BIND(" } #" AS ?b) }'
    (row,) = list(ox.Store().query(text))
    assert row["hit"].value == "1" and row["a"].value == "A\\"
    assert result_variables(parse(text)) == ["a", "b", "hit"]
    assert [t.kind for t in tokenize(text)].count("STRING") == 2


@pytest.mark.parametrize("text,message", [
    ("SELECT * WHERE { ?s ?p ?o", "syntax error at line 1, column 26: the text ends too soon; expected"),
    ("SELECT * WHERE {\r\n  ?s ?p\r\n}", "syntax error at line 3, column 1: unexpected '}'"),
    ("SELECT * WHERE {\r  ?s ?p '''a\nb\rc''' .\r ?s ?p ?o ?x }", "syntax error at line 5, column 11: unexpected '?x'"),
    ("SELECT * WHERE { ?s ?p 'open }", "bad query text at line 1, column 24: \"'open }\" (a string that is not closed"),
    ("SELECT * WHERE { ?s ?p \\u0053 }", "bad query text at line 1, column 24: '\\\\u0053 }' (codepoint escapes"),
    ("SELECT * WHERE { ?s ?p '\\U00110000' }", "'\\\\U00110000' is no Unicode character"),
    ("SELECT * WHERE { ?s ?p \x00 }", "bad query text at line 1, column 24: '\\x00 }'"),
    ("\ufeffSELECT * {}", "bad query text at line 1, column 1"),
    ("SELECT * WHERE { ?s ?p ?o\f}", "bad query text at line 1, column 26"),
    ("SELECT * WHERE { ?s A ?o }", "unexpected the word 'A'"),
    ("SELECT * WHERE { ?s ?p ?o } LIMIT -1", "unexpected '-1'; expected a number"),
    ("hello", "not a query: expected SELECT, ASK, CONSTRUCT or DESCRIBE at line 1, column 1, found the word 'hello'"),
    ("PREFIX ex: <http://ex/> ex:a", "not a query: expected SELECT, ASK, CONSTRUCT or DESCRIBE at line 1, column 25"),
])
def test_bad_text_is_a_located_query_error(text, message):
    with pytest.raises(QueryError) as info:
        check_query(text)
    assert message in str(info.value)
    assert not isinstance(info.value, RefusedError)


@pytest.mark.parametrize("text,message", [
    ("SELECT * { ex:a ?p ?o }", "the prefix 'ex:' is not declared (line 1, column 12)"),
    ("SELECT * { <a> ?p ?o }", "the IRI <a> is relative and the query declares no BASE (line 1, column 12)"),
    ("PREFIX e: <x#> SELECT * { ?s e:p ?o }", "the IRI <x#> is relative"),
    ("SELECT * { ?s ?p ?o BIND(1 AS ?o) }", "BIND(... AS ?o): ?o is already in scope in this group (line 1, column 21)"),
    ("SELECT * { { ?s ?p ?o } BIND(1 AS ?o) }", "?o is already in scope in this group"),
    ("SELECT * { ?s ?p ?o FILTER(true) BIND(1 AS ?o) }", "?o is already in scope in this group"),
    ("SELECT (1 AS ?o) { ?s ?p ?o }", "SELECT (... AS ?o): ?o is already in scope in WHERE (line 1, column 14)"),
    ("SELECT ?o (1 AS ?o) { }", "?o is selected before"),
    ("SELECT ?o { ?s ?p ?o } GROUP BY ?s", "?o is selected but neither grouped nor aggregated (line 1, column 8)"),
    ("SELECT (?o + 1 AS ?x) { ?s ?p ?o } GROUP BY ?s", "?o is used in SELECT outside an aggregate but not grouped"),
    ("SELECT ?s (count(*) as ?n) { ?s ?p ?o }", "?s is selected but neither grouped nor aggregated"),
    ("SELECT * { ?s ?p ?o } GROUP BY ?s", "SELECT * cannot be used with GROUP BY or aggregates"),
    ("SELECT * { ?s ?p ?o } ORDER BY COUNT(?o)", "SELECT * cannot be used with GROUP BY or aggregates"),
    ("SELECT ?s { ?s ?p ?o FILTER(COUNT(?o) > 1) }", "COUNT(...) is an aggregate: aggregates may be used only in SELECT"),
    ("SELECT ?s { ?s ?p ?o BIND(SUM(?o) AS ?t) }", "SUM(...) is an aggregate"),
    ("SELECT (COUNT(*) AS ?n) { ?s ?p ?o } GROUP BY (MAX(?o))", "MAX(...) is an aggregate"),
    ("SELECT * { VALUES (?a ?b) { (1 2) (3) } }", "a VALUES row has 1 values for 2 variables (line 1, column 35)"),
    ("SELECT * { VALUES (?a) { () } }", "a VALUES row has 0 values for 1 variables"),
    ("SELECT * { _:b ?p ?o OPTIONAL { _:b ?q ?r } }", "the blank node _:b is used in two graph patterns"),
    ("SELECT * { _:b ?p ?o { SELECT * { _:b ?q ?r } } }", "the blank node _:b is used in two graph patterns"),
])
def test_the_rules_of_the_grammar_notes(text, message):
    with pytest.raises(QueryError) as info:
        check_query(text, relative_iris=False)
    assert message in str(info.value)


@pytest.mark.parametrize("text", [
    "SELECT ?s (COUNT(*) AS ?n) { ?s ?p ?o } GROUP BY ?s HAVING (COUNT(*) > 1) ORDER BY DESC(?n)",
    "SELECT (SAMPLE(?o) AS ?x) ?k { ?s ?p ?o } GROUP BY (?s AS ?k)",
    "SELECT * { BIND(1 AS ?o) ?s ?p ?o }",
    "SELECT * { ?s ?p ?o MINUS { ?a ?b ?c } BIND(1 AS ?a) }",
    "SELECT * { ?s ?p ?o FILTER(?x) BIND(1 AS ?x) }",
    "SELECT * { ?s ?p ?o { SELECT ?s { ?s ?q ?r } } BIND(1 AS ?r) }",
    "SELECT * { ?s ?p ?o FILTER EXISTS { ?s ?q ?r BIND(1 AS ?t) } }",
    "SELECT * { _:b ?p ?o FILTER(?o) _:b ?q ?r }",
    "CONSTRUCT { _:b ?p ?o } WHERE { _:b ?p ?o }",
    "SELECT * { ?s ?p ?o FILTER EXISTS { SELECT (COUNT(*) AS ?n) { ?a ?b ?c } } }",
    "SELECT * { VALUES (?a ?b) { (1 2) (UNDEF 'x') } VALUES ?c { 1 2 3 } }",
])
def test_what_the_rules_allow(text):
    assert check_query(text) == "SELECT" or text.startswith("CONSTRUCT")


def test_nesting_deeper_than_the_limit_is_a_query_error():
    ok = "SELECT * WHERE " + "{" * MAX_NESTING + "}" * MAX_NESTING
    assert check_query(ok) == "SELECT"
    for text in ["SELECT * WHERE " + "{" * (MAX_NESTING + 1) + "}" * (MAX_NESTING + 1),
                 "SELECT * WHERE " + "{" * 100_000 + "}" * 100_000,
                 "SELECT * WHERE { FILTER(" + "(" * 100_000,
                 "SELECT * WHERE { ?s ?p " + "[ ?p " * 100_000,
                 "ASK { ?s ?p " + "(" * 100_000]:
        with pytest.raises(QueryError, match=f"the query nests brackets more than {MAX_NESTING} deep"):
            check_query(text)


def test_long_flat_queries_need_no_recursion():
    """5,000 triples make a TriplesBlock chain 5,000 deep, past Python's recursion limit: every
    walk over the tree is iterative."""
    triples = "".join(f"?s{i} ?p _:b{i % 7} .\n" for i in range(5000))
    text = f"SELECT * WHERE {{ {triples} FILTER({' || '.join(f'?s{i} = {i}' for i in range(2000))}) }}"
    with pytest.raises(QueryError, match="too large: 5001 pattern elements"):  # refused for its size, no RecursionError
        check_query(text)
    below = "".join(f"?s{i} ?p _:b{i % 7} .\n" for i in range(990))
    assert check_query(f"SELECT * WHERE {{ {below} }}") == "SELECT"
    tree = parse(text)
    assert len(result_variables(tree)) == 5001
    assert sum(1 for _ in tree.walk()) > 50_000 and tree.first("Filter") is not None
    assert len(list(tree.tokens())) == len(tokenize(text))
