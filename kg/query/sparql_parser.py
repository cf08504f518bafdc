"""A parser of SPARQL 1.1 queries: the tokens of :mod:`kg.query.sparql_tokens`, the LL(1) table of
:mod:`kg.query.sparql_grammar`, and a loop with an explicit stack (no recursion, so no nesting
can exhaust Python's stack). The result is a tree whose nodes name their grammar rule.

An update request is recognised after its prologue and read only as far as naming its first
operation (``UpdateUnit`` > ``Update`` > ``Prologue``, ``InsertData`` ...): updates are never run
here, so nothing more is needed of them. Brackets nest at most :data:`MAX_NESTING` deep (the
engine's own parser exhausts its stack near 2,500 nested braces).

>>> tree = parse("PREFIX ex: <http://ex/> SELECT ?s WHERE { ?s ex:p 'o' }")
>>> [n.rule for n in tree.children[0].children]
['Prologue', 'SelectQuery', 'ValuesClause']
>>> tree.first("PrefixedName").text()
'ex:p'
>>> parse("DELETE WHERE { ?s ?p ?o }").first("Update").children[1].rule
'DeleteWhere'
>>> parse("ASK { ?s ?p ?o } LIMIT")
Traceback (most recent call last):
...
kg.errors.QueryError: syntax error at line 1, column 23: the text ends too soon; expected a number
"""
from __future__ import annotations

import re
from typing import Iterator

from kg.errors import QueryError
from kg.query.sparql_grammar import END, NAMED, TABLE
from kg.query.sparql_tokens import Token, tokenize

MAX_NESTING = 256
#: The first keyword of each update operation, and the rule it names (INSERT/DELETE refined below).
UPDATE_WORDS = {"LOAD": "Load", "CLEAR": "Clear", "DROP": "Drop", "CREATE": "Create", "ADD": "Add",
                "MOVE": "Move", "COPY": "Copy", "INSERT": "Modify", "DELETE": "Modify", "WITH": "Modify"}
_OPEN, _CLOSE = frozenset("({["), frozenset(")}]")
_NUMBER = re.compile(r"([+-]?)[0-9]*(\.?)[0-9]*([eE]?)")
#: For each rule, the lookaheads on which it matches something (for "expected ..." in messages).
_STARTS = {rule: frozenset(t for t, rhs in row.items() if rhs) for rule, row in TABLE.items()}


class Node:
    """A node of the parse tree: ``rule`` names the grammar rule, ``children`` are nodes and
    :class:`~kg.query.sparql_tokens.Token` objects in the order of the text."""

    __slots__ = ("rule", "children")

    def __init__(self, rule: str, children: list | None = None):
        self.rule, self.children = rule, children if children is not None else []

    def __repr__(self) -> str:
        return f"Node({self.rule!r}, {len(self.children)} children)"

    def walk(self) -> Iterator["Node"]:
        """This node and every node below it, in the order of the text (depth first, no recursion)."""
        stack = [self]
        while stack:
            node = stack.pop()
            yield node
            stack.extend(c for c in reversed(node.children) if type(c) is Node)

    def find_all(self, rule: str) -> Iterator["Node"]:
        """Every node below (and including) this one that is named ``rule``."""
        return (n for n in self.walk() if n.rule == rule)

    def first(self, rule: str) -> "Node | None":
        """The first node named ``rule`` at or below this one, or None."""
        return next(self.find_all(rule), None)

    def nodes(self, rule: str | None = None) -> list["Node"]:
        """The direct children that are nodes (named ``rule``, if given)."""
        return [c for c in self.children if type(c) is Node and (rule is None or c.rule == rule)]

    def tokens(self) -> Iterator[Token]:
        """The tokens under this node, in the order of the text."""
        stack = [self]
        while stack:
            item = stack.pop()
            if type(item) is Node:
                stack.extend(reversed(item.children))
            else:
                yield item

    def first_token(self) -> Token | None:
        """The node's first token (None for a node that matched nothing, such as an empty Prologue)."""
        return next(self.tokens(), None)

    def text(self) -> str:
        """The node's tokens joined by single spaces."""
        return " ".join(t.text for t in self.tokens())


def terminal(tok: Token) -> str:
    """The grammar terminal a token stands for: keywords in upper case (but ``a``), punctuation as
    written, numbers by type and sign (``INTEGER``, ``DECIMAL_NEGATIVE``...), else the token kind.

    >>> [terminal(t) for t in tokenize("select a -1.5e3 +2 ?x <= ()")]
    ['SELECT', 'a', 'DOUBLE_NEGATIVE', 'INTEGER_POSITIVE', 'VAR', '<=', 'NIL']
    """
    kind = tok.kind
    if kind == "KEYWORD":
        return "a" if tok.text == "a" else tok.text.upper()
    if kind == "PUNCT":
        return tok.text
    if kind == "NUMBER":
        sign, dot, exp = _NUMBER.match(tok.text).groups()
        base = "DOUBLE" if exp else "DECIMAL" if dot else "INTEGER"
        return base + {"+": "_POSITIVE", "-": "_NEGATIVE"}.get(sign, "")
    return kind


_NAMES = {"IRIREF": "an IRI", "PNAME_LN": "a prefixed name", "PNAME_NS": "a prefixed name", "VAR": "a variable",
          "STRING": "a string", "LANGTAG": "a language tag", "BLANK_NODE_LABEL": "a blank node", "NIL": "'()'",
          "ANON": "'[]'", END: "the end of the query"}
_ORDER = ["a variable", "an IRI", "a prefixed name", "a string", "a number", "a blank node", "a language tag"]


def _expected(terms) -> str:
    names = {_NAMES.get(t) or ("a number" if t.split("_")[0] in ("INTEGER", "DECIMAL", "DOUBLE")
                               else t if t[0].isalpha() else repr(t)) for t in terms}
    ordered = [n for n in _ORDER if n in names] + sorted(names - set(_ORDER), key=lambda n: (n[0].isalpha(), n))
    return ", ".join(ordered[:14]) + (", ..." if len(ordered) > 14 else "")


def _where(tok: Token | None, text: str) -> str:
    if tok is None:
        lines = re.split(r"\r\n|\r|\n", text)
        return f"line {len(lines)}, column {len(lines[-1]) + 1}"
    return f"line {tok.line}, column {tok.column}"


def _unexpected(tok: Token | None) -> str:
    if tok is None:
        return "the end of the query"
    shown = tok.text if len(tok.text) <= 40 else tok.text[:37] + "..."
    return f"the word {shown!r}" if tok.kind == "KEYWORD" else repr(shown)


class _Parse:
    """One run of the LL(1) loop over a token list."""

    def __init__(self, text: str):
        self.text = text
        self.tokens = tokenize(text)
        self.terms = [terminal(t) for t in self.tokens] + [END]

    def fail(self, i: int, expected, parents) -> None:
        tok = self.tokens[i] if i < len(self.tokens) else None
        if i == _prologue_end(self.tokens):  # right after the prologue: no query form
            if tok is None or tok.keyword in UPDATE_WORDS:  # an update request (an empty one, first)
                raise _Update(i)
            if tok.kind != "KEYWORD" or tok.keyword not in ("BASE", "PREFIX"):
                raise QueryError(f"not a query: expected SELECT, ASK, CONSTRUCT or DESCRIBE at "
                                 f"{_where(tok, self.text)}, found {_unexpected(tok)}")
        where = _where(tok, self.text)
        if tok is not None and tok.text == ";" and END in expected and i + 1 < len(self.tokens) \
                and self.tokens[i + 1].keyword in UPDATE_WORDS:
            nxt = self.tokens[i + 1]
            raise QueryError(f"syntax error at {where}: a query cannot be followed by an update "
                             f"(found {nxt.keyword} at line {nxt.line}, column {nxt.column})")
        hint = ""
        if tok is not None and tok.kind == "IRIREF" and ("<" in expected or "<=" in expected):
            hint = (f" ({tok.text} is one IRI: the longest token wins; "
                    "put a space after '<' to compare)")
        found = "the text ends too soon" if tok is None else f"unexpected {_unexpected(tok)}"
        raise QueryError(f"syntax error at {where}: {found}; expected {_expected(expected)}{hint}")

    def run(self) -> Node:
        table, named, terms, tokens = TABLE, NAMED, self.terms, self.tokens
        top = Node("")
        parents = [top]
        stack: list = [END, "QueryUnit"]
        i, depth = 0, 0
        term = terms[0]
        pending: list = []  # what the rules passed over since the last token could have begun with
        while stack:
            sym = stack.pop()
            if sym is None:  # the end of a named rule
                parents.pop()
                continue
            row = table.get(sym)
            if row is None:  # a terminal
                if sym != term:
                    self.fail(i, {sym}.union(*pending), parents)
                if sym == END:
                    break
                parents[-1].children.append(tokens[i])
                if term in _OPEN:
                    depth += 1
                    if depth > MAX_NESTING:
                        raise QueryError(f"the query nests brackets more than {MAX_NESTING} deep "
                                         f"(at {_where(tokens[i], self.text)})")
                elif term in _CLOSE:
                    depth -= 1
                i += 1
                term = terms[i]
                pending.clear()
                continue
            rhs = row.get(term)
            if rhs is None:
                self.fail(i, set(row).union(*pending), parents)
            if not rhs:
                pending.append(_STARTS[sym])
            if sym in named:
                node = Node(sym)
                parents[-1].children.append(node)
                parents.append(node)
                stack.append(None)
            stack.extend(rhs)
        return top.children[0]


def _prologue_end(toks: list[Token]) -> int:
    """The index of the first token after the prologue's well-formed declarations."""
    j = 0
    while True:
        kinds = [t.kind for t in toks[j:j + 3]]
        if j < len(toks) and toks[j].keyword == "BASE" and kinds[1:2] == ["IRIREF"]:
            j += 2
        elif j < len(toks) and toks[j].keyword == "PREFIX" and kinds[1:3] == ["PNAME_NS", "IRIREF"]:
            j += 3
        else:
            return j


class _Update(Exception):
    """Raised inside the loop when the text turns out to be an update request (at token ``i``)."""

    def __init__(self, i: int):
        super().__init__(i)
        self.i = i


def _update_tree(p: _Parse, i: int) -> Node:
    toks = p.tokens
    j, decls = 0, []
    while j < i:  # the prologue again, declaration by declaration
        n = 2 if toks[j].keyword == "BASE" else 3
        decls.append(Node("BaseDecl" if n == 2 else "PrefixDecl", list(toks[j:j + n])))
        j += n
    update = Node("Update", [Node("Prologue", decls)])
    if i == len(toks):
        return Node("UpdateUnit", [update])  # the empty request
    first = toks[i].keyword
    second = toks[i + 1].keyword if i + 1 < len(toks) else ""
    rule, take = UPDATE_WORDS[first], 1
    if (first, second) in (("INSERT", "DATA"), ("DELETE", "DATA"), ("DELETE", "WHERE")):
        rule, take = {"INSERTDATA": "InsertData", "DELETEDATA": "DeleteData", "DELETEWHERE": "DeleteWhere"}[
            first + second], 2
    update.children.append(Node(rule, list(toks[i:i + take])))
    return Node("UpdateUnit", [update])


def parse(text: str) -> Node:
    """The parse tree of a SPARQL request: a ``QueryUnit``, or for an update an ``UpdateUnit`` read
    as far as its first operation. :class:`QueryError` (with line and column) for anything else.

    >>> parse("SELECT ?x { FILTER(?x<?a&&?b>?y) }")
    Traceback (most recent call last):
    ...
    kg.errors.QueryError: syntax error at line 1, column 22: unexpected '<?a&&?b>'; expected a number, \
'!=', '&&', ')', '*', '+', ',', '-', '/', ';', '<', '<=', '=', '>', ... (<?a&&?b> is one IRI: the \
longest token wins; put a space after '<' to compare)
    """
    p = _Parse(text)
    try:
        return p.run()
    except _Update as upd:
        return _update_tree(p, upd.i)


__all__ = ["Node", "parse", "terminal", "MAX_NESTING", "UPDATE_WORDS"]
