"""The rules of SPARQL 1.1 that the grammar leaves to its notes (section 19.8 and the algebra of
section 18), checked on a parse tree of :mod:`kg.query.sparql_parser`:

- a prefix must be declared (in the query, or among the names the engine is given), and an IRI
  is absolute unless a BASE (or the engine) gives one to resolve it against;
- a blank node label belongs to one basic graph pattern (OPTIONAL, UNION, GRAPH, MINUS, a nested
  group or a subquery start another; FILTER, BIND and VALUES do not, as in the engine);
- ``BIND(... AS ?v)``: ``?v`` is not yet in scope in its group; ``SELECT (... AS ?v)``: ``?v`` is
  neither in scope in the WHERE clause nor selected before;
- with GROUP BY or an aggregate, ``SELECT *`` is refused and what is selected is grouped or
  aggregated; aggregates appear only in SELECT, HAVING and ORDER BY;
- each VALUES row has one value per variable.

Every walk is iterative: trees are as deep as a query's longest run of triples.

>>> from kg.query.sparql_parser import parse
>>> check_rules(parse("SELECT * { ?s ?p ?o } GROUP BY ?s"))
Traceback (most recent call last):
...
kg.errors.QueryError: SELECT * cannot be used with GROUP BY or aggregates (line 1, column 8)
>>> check_rules(parse("SELECT ?s (COUNT(*) AS ?n) { ?s ?p ?o } GROUP BY ?s"))
"""
from __future__ import annotations

import bisect
import re
from typing import Collection

from kg.errors import QueryError
from kg.query.sparql_parser import Node, Tree, gc_paused
from kg.query.sparql_tokens import Token

#: What binds no variable outside itself: a variable inside one is not in scope beyond it.
_BLOCKERS = ("Filter", "MinusGraphPattern", "Expression")
#: Where an aggregate may not stand (a subquery starts afresh).
_NO_AGGREGATES = ("Filter", "Bind", "GroupClause")
#: Pattern elements after which triples form a new basic graph pattern (the others do not).
_SAME_BGP = frozenset({"Filter", "Bind", "InlineData"})


def _at(item) -> str:
    tok = item if isinstance(item, Token) else item.first_token()
    return f"line {tok.line}, column {tok.column}" if tok else "the start"


def _var(node: Node) -> str:
    return node.first_token().text[1:]  # ?x and $x are one variable


def _innermost(intervals: list[tuple[int, int, object]], points: list[int]) -> list[object]:
    """For each point (ascending), the value of the innermost interval [start, end) holding it, or
    None; the intervals nest (the spans of a tree do)."""
    intervals = sorted((iv for iv in intervals if iv[0] < iv[1]), key=lambda iv: (iv[0], -iv[1]))
    out, open_, j = [], [], 0
    for p in points:
        while j < len(intervals) and intervals[j][0] <= p:
            while open_ and open_[-1][1] <= intervals[j][0]:
                open_.pop()
            open_.append(intervals[j])
            j += 1
        while open_ and open_[-1][1] <= p:
            open_.pop()
        out.append(open_[-1][2] if open_ else None)
    return out


class _Facts:
    """What the checks need, from the parse's tokens, index and spans (no walk over the tree):
    the first blank node label used in two basic graph patterns, the first aggregate out of
    place, and where each variable is bound, to answer "is ?v in scope after this stretch of the
    query" (section 18.2.1) without a set of variables per node.

    Each occurrence of a variable is kept with its token number and the number of the first
    token of the nearest enclosing part that binds nothing outside itself (a FILTER, a MINUS, an
    expression, the body of a subquery that does not select it). The occurrence binds the variable
    after a stretch that holds it only if that part starts before the stretch (encloses it).
    """

    def __init__(self, tree: Tree):
        self.tokens, self.span, index = tree.token_list, tree.spans, tree.index
        span = self.span
        blockers = [(*span[id(n)], span[id(n)][0]) for rule in _BLOCKERS for n in index[rule]]
        for sub in index["SubSelect"]:  # its SELECT clause names what it binds outside; the rest is inside
            start, end = span[id(sub)]
            body = span[id(sub.children[2])] if _is_star(sub.children[0]) else (span[id(sub.children[1])][0], end)
            blockers.append((*body, start))
        places = [i for i, t in enumerate(self.tokens) if t.kind == "VAR"]
        self.occurrences: dict[str, list[tuple[int, int]]] = {}
        for i, blocker in zip(places, _innermost(blockers, places)):
            self.occurrences.setdefault(self.tokens[i].text[1:], []).append((i, -1 if blocker is None else blocker))
        self.label_clash = self._labels(index)
        aggregates = index["Aggregate"]
        verdicts = _innermost([(*span[id(n)], True) for rule in _NO_AGGREGATES for n in index[rule]]
                              + [(*span[id(n)], False) for n in index["SubSelect"]],
                              [span[id(n)][0] for n in aggregates])
        self.misplaced = next((n for n, banned in zip(aggregates, verdicts) if banned), None)

    def _labels(self, index) -> tuple[Token, Token] | None:
        span, regions = self.span, []  # (start, end, basic graph pattern)
        for sub in index["GroupGraphPatternSub"]:
            segment = 0
            for part in sub.children:
                if type(part) is Node and part.rule == "TriplesBlock":
                    regions.append((*span[id(part)], (id(sub), segment)))
                elif type(part) is Node and part.children[0].rule not in _SAME_BGP:
                    segment += 1
        places = [i for i, t in enumerate(self.tokens) if t.kind == "BLANK_NODE_LABEL"]
        first: dict[str, tuple[object, Token]] = {}
        for i, bgp in zip(places, _innermost(regions, places)):
            tok = self.tokens[i]
            if bgp is not None and first.setdefault(tok.text, (bgp, tok))[0] != bgp:
                return first[tok.text][1], tok
        return None

    def bound(self, name: str, start: int, end: int) -> bool:
        """Is ?name bound by the tokens numbered start..end-1 (in scope after them)?"""
        found = self.occurrences.get(name, [])
        for i in range(bisect.bisect_left(found, (start, -2)), len(found)):
            at, blocker = found[i]
            if at >= end:
                return False
            if blocker < start:
                return True
        return False

    def names(self, node: Node) -> set[str]:
        """Every variable bound by ``node`` (a WhereClause or ValuesClause)."""
        start, end = self.span[id(node)]
        return {name for name in self.occurrences if self.bound(name, start, end)}


def _is_star(select_clause: Node) -> bool:
    return any(type(c) is Token and c.text == "*" for c in select_clause.children)


def _has(node: Node, rule: str, stop: frozenset[str] = frozenset({"SubSelect", "GroupGraphPattern"})) -> bool:
    stack = [node]
    while stack:
        n = stack.pop()
        if n.rule == rule:
            return True
        stack.extend(c for c in n.children if type(c) is Node and c.rule not in stop)
    return False


def _check_prefixes(query: Node, tokens: list[Token], known: Collection[str]) -> None:
    prologue = query.children[0]
    declared = set(known) | {d.children[1].text[:-1] for d in prologue.nodes("PrefixDecl")}
    for tok in tokens[sum(len(d.children) for d in prologue.children):]:
        if tok.kind == "PNAME_LN" or tok.kind == "PNAME_NS":
            prefix = tok.text.split(":", 1)[0]
            if prefix not in declared:
                raise QueryError(f"the prefix {prefix + ':'!r} is not declared ({_at(tok)}): "
                                 f"add PREFIX {prefix}: <...>")


_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")
_UCHAR = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def _absolute(iriref: str) -> bool:
    iri = _UCHAR.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), iriref[1:-1])
    return _SCHEME.match(iri) is not None


def _check_iris(query: Node, tokens: list[Token]) -> None:
    bases = query.children[0].nodes("BaseDecl")
    if bases and _absolute(bases[0].children[1].text):
        return
    for tok in tokens:
        if tok.kind == "IRIREF" and not _absolute(tok.text):
            raise QueryError(f"the IRI {tok.text} is relative and the query declares no BASE ({_at(tok)}): "
                             "write it in full (http://...)")


def _check_select(query: Node, facts: _Facts) -> None:
    """One SelectQuery or SubSelect: projection names, grouping, SELECT * with aggregates."""
    clause = query.nodes("SelectClause")[0]
    where = query.nodes("WhereClause")[0]
    modifier = query.nodes("SolutionModifier")[0]
    group = modifier.nodes("GroupClause")
    aggregated = bool(group) or any(_has(n, "Aggregate") for n in [clause, *modifier.nodes("HavingClause"),
                                                                    *modifier.nodes("OrderClause")])
    if aggregated and _is_star(clause):
        raise QueryError(f"SELECT * cannot be used with GROUP BY or aggregates ({_at(clause.children[-1])})")
    keys: set[str] = set()
    for cond in (group[0].nodes("GroupCondition") if group else []):
        named = cond.nodes("Var")
        if named:
            keys.add(_var(named[-1]))
        elif all(t.kind == "VAR" or t.text in "()" for t in cond.tokens()):  # GROUP BY (?x)
            keys |= {t.text[1:] for t in cond.tokens() if t.kind == "VAR"}
    where_span = facts.span[id(where)]
    selected: set[str] = set()
    kids = clause.children
    for k, item in enumerate(kids):
        if type(item) is not Node:
            continue
        if item.rule == "Var" and not (k > 0 and type(kids[k - 1]) is Token and kids[k - 1].keyword == "AS"):
            name = _var(item)
            if aggregated and name not in keys:
                raise QueryError(f"?{name} is selected but neither grouped nor aggregated ({_at(item)})")
            selected.add(name)
        elif item.rule == "Var":  # ( Expression AS ?v )
            name = _var(item)
            if name in selected or facts.bound(name, *where_span):
                where_from = "selected before" if name in selected else "already in scope in WHERE"
                raise QueryError(f"SELECT (... AS ?{name}): ?{name} is {where_from} ({_at(item)})")
            selected.add(name)
        elif item.rule == "Expression" and aggregated:
            stack = [item]
            while stack:
                n = stack.pop()
                if n.rule == "Var" and _var(n) not in keys and _var(n) not in selected:
                    raise QueryError(f"?{_var(n)} is used in SELECT outside an aggregate but not grouped "
                                     f"({_at(n)})")
                stack.extend(c for c in n.children if type(c) is Node
                             and c.rule not in ("Aggregate", "GroupGraphPattern"))


def _check_group(sub: Node, facts: _Facts) -> None:
    """One GroupGraphPatternSub: BIND targets not yet in scope in the group."""
    start = facts.span[id(sub)][0]
    for part in sub.nodes("GraphPatternNotTriples"):
        for bind in part.nodes("Bind"):
            name = _var(bind.nodes("Var")[-1])
            if facts.bound(name, start, facts.span[id(bind)][0]):
                raise QueryError(f"BIND(... AS ?{name}): ?{name} is already in scope in this group "
                                 f"({_at(bind)})")


def _check_values(block: Node) -> None:
    width, row, in_rows = 0, 0, False
    for item in block.children:
        text = item.text if type(item) is Token else ""
        if type(item) is Node and item.rule == "Var":
            width += 1
        elif text == "{":
            in_rows = True
        elif in_rows and text == "(":
            row, start = 0, item
        elif type(item) is Node and item.rule == "DataBlockValue":
            row += 1
        elif in_rows and text in (")", "()"):
            if (0 if text == "()" else row) != width:
                raise QueryError(f"a VALUES row has {0 if text == '()' else row} values for {width} "
                                 f"variables ({_at(item if text == '()' else start)})")


def result_variables(tree: Tree) -> list[str] | None:
    """The names of the variables a SELECT query returns, in order (for ``SELECT *`` the variables
    in scope in its WHERE clause, sorted); None for the other forms.

    >>> from kg.query.sparql_parser import parse
    >>> result_variables(parse("SELECT * { ?s ?p ?o FILTER(?x) OPTIONAL { ?s ?q $r } }"))
    ['o', 'p', 'q', 'r', 's']
    >>> result_variables(parse("SELECT ?b (1 AS ?a) {}"))
    ['b', 'a']
    """
    query = tree.children[0]
    select = query.nodes("SelectQuery")
    if not select:
        return None
    clause = select[0].nodes("SelectClause")[0]
    if _is_star(clause):  # the WHERE, and the VALUES after the query
        with gc_paused():
            facts = _Facts(tree)
        return sorted(facts.names(select[0].nodes("WhereClause")[0]) | facts.names(query.nodes("ValuesClause")[0]))
    return [_var(v) for v in clause.nodes("Var")]


def check_rules(tree: Tree, prefixes: Collection[str] | None = None, relative_iris: bool = True) -> None:
    """Raise :class:`QueryError` (with line and column) where a parsed query breaks one of the rules
    above; ``prefixes``: the prefixes the engine declares (None: do not check prefixes);
    ``relative_iris``: False when the engine has no base IRI (then a relative IRI needs a BASE).

    >>> from kg.query.sparql_parser import parse
    >>> check_rules(parse("SELECT * { ex:a ?p ?o }"), prefixes=["kg"])
    Traceback (most recent call last):
    ...
    kg.errors.QueryError: the prefix 'ex:' is not declared (line 1, column 12): add PREFIX ex: <...>
    """
    query = tree.children[0]
    with gc_paused():
        facts = _Facts(tree)
    if prefixes is not None:
        _check_prefixes(query, facts.tokens, prefixes)
    if not relative_iris:
        _check_iris(query, facts.tokens)
    for node in tree.nodes_named("SelectQuery") + tree.nodes_named("SubSelect"):
        _check_select(node, facts)
    for node in tree.nodes_named("GroupGraphPatternSub"):
        _check_group(node, facts)
    for node in tree.nodes_named("InlineDataFull"):
        _check_values(node)
    if facts.label_clash:
        first, again = facts.label_clash
        raise QueryError(f"the blank node {first.text} is used in two graph patterns "
                         f"({_at(first)} and {_at(again)}): use a variable")
    if facts.misplaced is not None:
        raise QueryError(f"{facts.misplaced.first_token().text.upper()}(...) is an aggregate: aggregates may be "
                         f"used only in SELECT, HAVING and ORDER BY ({_at(facts.misplaced)})")


__all__ = ["check_rules", "result_variables"]
