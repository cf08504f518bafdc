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

import contextlib
import gc
import re
from typing import Iterator

from kg.errors import QueryError
from kg.query.sparql_grammar import END, NAMED, TABLE
from kg.query.sparql_tokens import Token, iter_tokens, tokenize

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
        stack = list(reversed(self.children))
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


class Tree(Node):
    """The root of a parse (``QueryUnit`` or ``UpdateUnit``), with what the parse learnt on the way,
    so that no check needs to walk the whole tree again: ``token_list`` (all tokens, in order),
    ``index`` (rule -> its nodes, in the order of the text) and ``spans`` (id of a node whose rule
    is in :data:`SPANNED` -> the numbers of its first token and of the token after its last)."""

    __slots__ = ("token_list", "index", "spans")

    def __init__(self, root: Node, tokens: list[Token], index: dict[str, list[Node]], spans: dict[int, tuple]):
        super().__init__(root.rule, root.children)
        self.token_list, self.index, self.spans = tokens, index, spans

    def nodes_named(self, rule: str) -> list[Node]:
        """Every node of the tree named ``rule``, in the order of the text."""
        return self.index.get(rule, [])


#: The rules whose token spans a parse keeps (the boundaries of scopes and patterns).
SPANNED = frozenset({"Filter", "MinusGraphPattern", "Expression", "SubSelect", "WhereClause", "SolutionModifier",
                     "GroupGraphPatternSub", "Bind", "ValuesClause", "TriplesBlock", "GroupClause", "Aggregate"})


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


@contextlib.contextmanager
def gc_paused():
    """No cyclic garbage collection inside (trees hold no cycles; plain reference counting frees
    them). A parse allocates a node or two per token, and collections triggered over a large tree
    tripled the time of a 1 MB query. Only turns back on what it turned off."""
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


def _plan(sym: str, term: str):
    """What the loop does for rule ``sym`` on the lookahead ``term``, worked out once: the rules
    to open (a name) and close (None) on the way down, the symbols left to push, whether ``term``
    is then consumed (False: ``sym`` matched nothing), and what rules passed over as empty could
    have begun with (for messages). None if ``term`` cannot come here."""
    ops, local, skipped = [], [sym], set()
    while local:
        s = local.pop()
        if s is None:
            ops.append(None)
            continue
        row = TABLE.get(s)
        if row is None:
            return (tuple(ops), tuple(local), True, frozenset(skipped)) if s == term else None
        rhs = row.get(term)
        if rhs is None:
            return None
        if not rhs:
            skipped |= _STARTS[s]
        if s in NAMED:
            ops.append(s)
            local.append(None)
        local.extend(rhs)
    return tuple(ops), (), False, frozenset(skipped)


_PLANS: dict = {}
_NO_PLAN = object()


class _Parse:
    """One run of the LL(1) loop, reading tokens only as far as it gets."""

    def __init__(self, text: str):
        self.text = text
        self.source = iter_tokens(text)
        self.tokens: list[Token] = []  # those read so far
        self.index: dict[str, list[Node]] = {rule: [] for rule in NAMED}
        self.spans: dict[int, tuple] = {}

    def token(self, i: int) -> Token | None:
        """Token number ``i`` (read on if need be), None past the end."""
        while len(self.tokens) <= i:
            tok = next(self.source, None)
            if tok is None:
                return None
            self.tokens.append(tok)
        return self.tokens[i]

    def fail(self, i: int, expected) -> None:
        tok = self.token(i)
        if i == _prologue_end(self.tokens):  # right after the prologue: no query form
            if tok is None or tok.keyword in UPDATE_WORDS:  # an update request (an empty one, first)
                raise _Update(i)
            if tok.keyword not in ("BASE", "PREFIX"):
                raise QueryError(f"not a query: expected SELECT, ASK, CONSTRUCT or DESCRIBE at "
                                 f"{_where(tok, self.text)}, found {_unexpected(tok)}")
        where = _where(tok, self.text)
        nxt = self.token(i + 1) if tok is not None and tok.text == ";" and END in expected else None
        if nxt is not None and nxt.keyword in UPDATE_WORDS:
            raise QueryError(f"syntax error at {where}: a query cannot be followed by an update "
                             f"(found {nxt.keyword} at line {nxt.line}, column {nxt.column})")
        hint = ""
        if tok is not None and tok.kind == "IRIREF" and ("<" in expected or "<=" in expected):
            hint = (f" ({tok.text} is one IRI: the longest token wins; "
                    "put a space after '<' to compare)")
        found = "the text ends too soon" if tok is None else f"unexpected {_unexpected(tok)}"
        raise QueryError(f"syntax error at {where}: {found}; expected {_expected(expected)}{hint}")

    def run(self) -> Node:
        table, plans, tokens, source, spanned = TABLE, _PLANS, self.tokens, self.source, SPANNED
        index, spans = self.index, self.spans
        top = Node("")
        parents = [top]
        stack: list = [END, "QueryUnit"]
        i, depth = 0, 0
        tok = next(source, None)
        pending: list = []  # what the rules passed over since the last token could have begun with
        while True:
            if tok is None:
                term = END
            else:
                tokens.append(tok)
                kind = tok.kind
                if kind == "KEYWORD":
                    term = "a" if tok.text == "a" else tok.text.upper()
                elif kind == "PUNCT":
                    term = tok.text
                elif kind == "NUMBER":
                    term = terminal(tok)
                else:
                    term = kind
            while True:  # expand rules until this token is consumed
                sym = stack.pop()
                if sym is None:  # the end of a named rule
                    node = parents.pop()
                    if node.rule in spanned:
                        spans[id(node)] = (spans[id(node)], i)
                    continue
                if sym in table:
                    plan = plans.get((sym, term), _NO_PLAN)
                    if plan is _NO_PLAN:
                        plan = plans[(sym, term)] = _plan(sym, term)
                    if plan is None:
                        self.fail(i, set(table[sym]).union(*pending))
                    ops, pushes, consumes, skipped = plan
                    for op in ops:
                        if op is None:
                            node = parents.pop()
                            if node.rule in spanned:
                                spans[id(node)] = (spans[id(node)], i)
                        else:
                            node = Node(op, [])
                            parents[-1].children.append(node)
                            parents.append(node)
                            index[op].append(node)
                            if op in spanned:
                                spans[id(node)] = i
                    if skipped:
                        pending.append(skipped)
                    stack.extend(pushes)
                    if not consumes:
                        continue
                elif sym != term:
                    self.fail(i, {sym}.union(*pending))
                elif sym == END:
                    return top.children[0]
                break
            parents[-1].children.append(tok)
            if term in _OPEN:
                depth += 1
                if depth > MAX_NESTING:
                    raise QueryError(f"the query nests brackets more than {MAX_NESTING} deep "
                                     f"(at {_where(tok, self.text)})")
            elif term in _CLOSE:
                depth -= 1
            pending.clear()
            i += 1
            tok = next(source, None)


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
    head = p.token(i)
    if head is not None:  # else the empty request
        second = p.token(i + 1)
        pair = (head.keyword, second.keyword if second is not None else "")
        rule = {("INSERT", "DATA"): "InsertData", ("DELETE", "DATA"): "DeleteData",
                ("DELETE", "WHERE"): "DeleteWhere"}.get(pair)
        update.children.append(Node(rule, [head, second]) if rule else Node(UPDATE_WORDS[head.keyword], [head]))
    return Node("UpdateUnit", [update])


def parse(text: str) -> Tree:
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
    with gc_paused():
        try:
            root = p.run()
        except _Update as upd:
            root = _update_tree(p, upd.i)
            p.index = {n.rule: [n] for n in root.walk()}
    return Tree(root, p.tokens, p.index, p.spans)


__all__ = ["Node", "Tree", "SPANNED", "parse", "terminal", "gc_paused", "MAX_NESTING", "UPDATE_WORDS"]
