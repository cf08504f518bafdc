"""The rules of SPARQL 1.1 that the grammar leaves to its notes (section 19.8 and the algebra of
section 18), checked on a parse tree of :mod:`kg.query.sparql_parser`:

- a prefix must be declared (in the query, or among the names the engine is given);
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

from typing import Collection

from kg.errors import QueryError
from kg.query.sparql_parser import Node
from kg.query.sparql_tokens import Token

#: Patterns that bind no variable outside themselves.
_SCOPELESS = frozenset({"Filter", "MinusGraphPattern"})
#: Pattern elements after which triples form a new basic graph pattern.
_SAME_BGP = frozenset({"Filter", "Bind", "InlineData"})


def _at(item) -> str:
    tok = item if isinstance(item, Token) else item.first_token()
    return f"line {tok.line}, column {tok.column}" if tok else "the start"


def _var(node: Node) -> str:
    return node.first_token().text[1:]  # ?x and $x are one variable


class _Scopes:
    """In-scope variables (section 18.2.1) of pattern nodes, each node computed once."""

    def __init__(self):
        self.memo: dict[int, frozenset[str]] = {}

    def of(self, node: Node) -> frozenset[str]:
        memo = self.memo
        stack = [(node, False)]
        while stack:
            n, ready = stack.pop()
            if id(n) in memo:
                continue
            rule = n.rule
            if not ready:
                stack.append((n, True))
                if rule == "SubSelect":
                    if _is_star(n.nodes("SelectClause")[0]):
                        stack.append((n.nodes("WhereClause")[0], False))
                elif rule not in _SCOPELESS and rule not in ("Bind", "Var"):
                    stack.extend((c, False) for c in n.children if type(c) is Node)
                continue
            if rule in _SCOPELESS:
                memo[id(n)] = frozenset()
            elif rule == "Var":
                memo[id(n)] = frozenset([_var(n)])
            elif rule == "Bind":
                memo[id(n)] = frozenset([_var(n.nodes("Var")[-1])])
            elif rule == "SubSelect":
                clause = n.nodes("SelectClause")[0]
                memo[id(n)] = (memo[id(n.nodes("WhereClause")[0])] if _is_star(clause)
                               else frozenset(_var(v) for v in clause.nodes("Var")))
            else:
                parts = [memo[id(c)] for c in n.children if type(c) is Node]
                memo[id(n)] = (parts[0] if len(parts) == 1 else frozenset().union(*parts)) if parts else frozenset()
        return memo[id(node)]


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


def _check_prefixes(query: Node, known: Collection[str]) -> None:
    declared = set(known)
    for part in query.children:
        if part.rule == "Prologue":
            declared |= {d.children[1].text[:-1] for d in part.nodes("PrefixDecl")}
            continue
        for tok in part.tokens():
            if tok.kind in ("PNAME_LN", "PNAME_NS"):
                prefix = tok.text.split(":", 1)[0]
                if prefix not in declared:
                    raise QueryError(f"the prefix {prefix + ':'!r} is not declared ({_at(tok)}): "
                                     f"add PREFIX {prefix}: <...>")


def _check_select(query: Node, scopes: _Scopes) -> None:
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
    in_where = scopes.of(where)
    selected: set[str] = set()
    kids = clause.children
    for k, item in enumerate(kids):
        if type(item) is not Node:
            continue
        if item.rule == "Var" and not (k > 0 and type(kids[k - 1]) is Token and kids[k - 1].text == "AS"):
            name = _var(item)
            if aggregated and name not in keys:
                raise QueryError(f"?{name} is selected but neither grouped nor aggregated ({_at(item)})")
            selected.add(name)
        elif item.rule == "Var":  # ( Expression AS ?v )
            name = _var(item)
            if name in selected or name in in_where:
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


def _check_group(sub: Node, scopes: _Scopes) -> None:
    """One GroupGraphPatternSub: BIND targets not yet in scope."""
    if not any(p.nodes("Bind") for p in sub.nodes("GraphPatternNotTriples")):
        return
    seen: set[str] = set()
    for part in sub.nodes():
        bind = part.nodes("Bind")
        if bind:
            name = _var(bind[0].nodes("Var")[-1])
            if name in seen:
                raise QueryError(f"BIND(... AS ?{name}): ?{name} is already in scope in this group "
                                 f"({_at(bind[0])})")
            seen.add(name)
        else:
            seen |= scopes.of(part)


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


def _check_blank_labels(query: Node) -> None:
    """A blank node label is used in one basic graph pattern only."""
    owner: dict[str, tuple[object, Token]] = {}
    stack: list[tuple[Node, object]] = [(query, None)]
    while stack:
        node, bgp = stack.pop()
        if node.rule == "GroupGraphPatternSub":
            segment, parts = 0, []
            for part in node.nodes():
                if part.rule == "TriplesBlock":
                    parts.append((part, (id(node), segment)))
                else:
                    parts.append((part, None))
                    if part.nodes()[0].rule not in _SAME_BGP:
                        segment += 1
            stack.extend(reversed(parts))
            continue
        if node.rule in ("ConstructTemplate", "TriplesTemplate") and bgp is None:
            bgp = (id(node), 0)
        for c in reversed(node.children):
            if type(c) is Node:
                stack.append((c, bgp))
            elif c.kind == "BLANK_NODE_LABEL" and bgp is not None:
                first = owner.setdefault(c.text, (bgp, c))
                if first[0] != bgp:
                    raise QueryError(f"the blank node {c.text} is used in two graph patterns "
                                     f"({_at(first[1])} and {_at(c)}): use a variable")


def _check_aggregate_places(query: Node) -> None:
    stack = [(query, False)]
    while stack:
        node, banned = stack.pop()
        if node.rule == "Aggregate" and banned:
            raise QueryError(f"{node.first_token().text.upper()}(...) is an aggregate: aggregates may be used "
                             f"only in SELECT, HAVING and ORDER BY ({_at(node)})")
        if node.rule in ("Filter", "Bind", "GroupClause"):
            banned = True
        elif node.rule == "SubSelect":
            banned = False
        stack.extend((c, banned) for c in node.children if type(c) is Node)


def check_rules(tree: Node, prefixes: Collection[str] | None = None) -> None:
    """Raise :class:`QueryError` (with line and column) where a parsed query breaks one of the rules
    above; ``prefixes``: the prefixes the engine declares (None: do not check prefixes).

    >>> from kg.query.sparql_parser import parse
    >>> check_rules(parse("SELECT * { ex:a ?p ?o }"), prefixes=["kg"])
    Traceback (most recent call last):
    ...
    kg.errors.QueryError: the prefix 'ex:' is not declared (line 1, column 12): add PREFIX ex: <...>
    """
    query = tree.children[0]
    if prefixes is not None:
        _check_prefixes(query, prefixes)
    scopes = _Scopes()
    for node in query.walk():
        rule = node.rule
        if rule in ("SelectQuery", "SubSelect"):
            _check_select(node, scopes)
        elif rule == "GroupGraphPatternSub":
            _check_group(node, scopes)
        elif rule == "InlineDataFull":
            _check_values(node)
    _check_blank_labels(query)
    _check_aggregate_places(query)


__all__ = ["check_rules"]
