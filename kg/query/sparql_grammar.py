"""The SPARQL 1.1 Query grammar (https://www.w3.org/TR/sparql11-query/#sparqlGrammar, productions
[1]-[138] without the update ones [3], [29]-[52]) as data, and the LL(1) table built from it.

The productions are written in the spec's EBNF, with the terminals of section 19.8 named by the
token kinds of :mod:`kg.query.sparql_tokens`: ``VAR`` stands for VAR1 and VAR2, ``STRING`` for the
four string terminals, ``'WORD'`` for a keyword (matched without regard to case, except ``'a'``).
One addition: in PathNegatedPropertySet, ``!()`` is the single token NIL, so NIL is listed there.

The EBNF is lowered to plain productions (a helper rule, named ``Rule~n``, for each group,
``?``, ``*`` and ``+``), FIRST and FOLLOW sets are computed, and :data:`TABLE` maps each rule and
lookahead terminal to the one production to use; a conflict (the grammar not being LL(1)) is an
error when this module is imported.

>>> TABLE["Query"]["SELECT"]
('ValuesClause', 'Query~1', 'Prologue')
>>> sorted(TABLE["OrderCondition"])[:4]
['(', 'ABS', 'ASC', 'AVG']
"""
from __future__ import annotations

import re

PRODUCTIONS = r"""
QueryUnit ::= Query
Query ::= Prologue ( SelectQuery | ConstructQuery | DescribeQuery | AskQuery ) ValuesClause
Prologue ::= ( BaseDecl | PrefixDecl )*
BaseDecl ::= 'BASE' IRIREF
PrefixDecl ::= 'PREFIX' PNAME_NS IRIREF
SelectQuery ::= SelectClause DatasetClause* WhereClause SolutionModifier
SubSelect ::= SelectClause WhereClause SolutionModifier ValuesClause
SelectClause ::= 'SELECT' ( 'DISTINCT' | 'REDUCED' )? ( ( Var | ( '(' Expression 'AS' Var ')' ) )+ | '*' )
ConstructQuery ::= 'CONSTRUCT' ( ConstructTemplate DatasetClause* WhereClause SolutionModifier
                 | DatasetClause* 'WHERE' '{' TriplesTemplate? '}' SolutionModifier )
DescribeQuery ::= 'DESCRIBE' ( VarOrIri+ | '*' ) DatasetClause* WhereClause? SolutionModifier
AskQuery ::= 'ASK' DatasetClause* WhereClause SolutionModifier
DatasetClause ::= 'FROM' ( DefaultGraphClause | NamedGraphClause )
DefaultGraphClause ::= SourceSelector
NamedGraphClause ::= 'NAMED' SourceSelector
SourceSelector ::= iri
WhereClause ::= 'WHERE'? GroupGraphPattern
SolutionModifier ::= GroupClause? HavingClause? OrderClause? LimitOffsetClauses?
GroupClause ::= 'GROUP' 'BY' GroupCondition+
GroupCondition ::= BuiltInCall | FunctionCall | '(' Expression ( 'AS' Var )? ')' | Var
HavingClause ::= 'HAVING' HavingCondition+
HavingCondition ::= Constraint
OrderClause ::= 'ORDER' 'BY' OrderCondition+
OrderCondition ::= ( ( 'ASC' | 'DESC' ) BrackettedExpression ) | ( Constraint | Var )
LimitOffsetClauses ::= LimitClause OffsetClause? | OffsetClause LimitClause?
LimitClause ::= 'LIMIT' INTEGER
OffsetClause ::= 'OFFSET' INTEGER
ValuesClause ::= ( 'VALUES' DataBlock )?
TriplesTemplate ::= TriplesSameSubject ( '.' TriplesTemplate? )?
GroupGraphPattern ::= '{' ( SubSelect | GroupGraphPatternSub ) '}'
GroupGraphPatternSub ::= TriplesBlock? ( GraphPatternNotTriples '.'? TriplesBlock? )*
TriplesBlock ::= TriplesSameSubjectPath ( '.' TriplesBlock? )?
GraphPatternNotTriples ::= GroupOrUnionGraphPattern | OptionalGraphPattern | MinusGraphPattern
                         | GraphGraphPattern | ServiceGraphPattern | Filter | Bind | InlineData
OptionalGraphPattern ::= 'OPTIONAL' GroupGraphPattern
GraphGraphPattern ::= 'GRAPH' VarOrIri GroupGraphPattern
ServiceGraphPattern ::= 'SERVICE' 'SILENT'? VarOrIri GroupGraphPattern
Bind ::= 'BIND' '(' Expression 'AS' Var ')'
InlineData ::= 'VALUES' DataBlock
DataBlock ::= InlineDataOneVar | InlineDataFull
InlineDataOneVar ::= Var '{' DataBlockValue* '}'
InlineDataFull ::= ( NIL | '(' Var* ')' ) '{' ( '(' DataBlockValue* ')' | NIL )* '}'
DataBlockValue ::= iri | RDFLiteral | NumericLiteral | BooleanLiteral | 'UNDEF'
MinusGraphPattern ::= 'MINUS' GroupGraphPattern
GroupOrUnionGraphPattern ::= GroupGraphPattern ( 'UNION' GroupGraphPattern )*
Filter ::= 'FILTER' Constraint
Constraint ::= BrackettedExpression | BuiltInCall | FunctionCall
FunctionCall ::= iri ArgList
ArgList ::= NIL | '(' 'DISTINCT'? Expression ( ',' Expression )* ')'
ExpressionList ::= NIL | '(' Expression ( ',' Expression )* ')'
ConstructTemplate ::= '{' ConstructTriples? '}'
ConstructTriples ::= TriplesSameSubject ( '.' ConstructTriples? )?
TriplesSameSubject ::= VarOrTerm PropertyListNotEmpty | TriplesNode PropertyList
PropertyList ::= PropertyListNotEmpty?
PropertyListNotEmpty ::= Verb ObjectList ( ';' ( Verb ObjectList )? )*
Verb ::= VarOrIri | 'a'
ObjectList ::= Object ( ',' Object )*
Object ::= GraphNode
TriplesSameSubjectPath ::= VarOrTerm PropertyListPathNotEmpty | TriplesNodePath PropertyListPath
PropertyListPath ::= PropertyListPathNotEmpty?
PropertyListPathNotEmpty ::= ( VerbPath | VerbSimple ) ObjectListPath ( ';' ( ( VerbPath | VerbSimple ) ObjectList )? )*
VerbPath ::= Path
VerbSimple ::= Var
ObjectListPath ::= ObjectPath ( ',' ObjectPath )*
ObjectPath ::= GraphNodePath
Path ::= PathAlternative
PathAlternative ::= PathSequence ( '|' PathSequence )*
PathSequence ::= PathEltOrInverse ( '/' PathEltOrInverse )*
PathElt ::= PathPrimary PathMod?
PathEltOrInverse ::= PathElt | '^' PathElt
PathMod ::= '?' | '*' | '+'
PathPrimary ::= iri | 'a' | '!' PathNegatedPropertySet | '(' Path ')'
PathNegatedPropertySet ::= PathOneInPropertySet | NIL | '(' ( PathOneInPropertySet ( '|' PathOneInPropertySet )* )? ')'
PathOneInPropertySet ::= iri | 'a' | '^' ( iri | 'a' )
TriplesNode ::= Collection | BlankNodePropertyList
BlankNodePropertyList ::= '[' PropertyListNotEmpty ']'
TriplesNodePath ::= CollectionPath | BlankNodePropertyListPath
BlankNodePropertyListPath ::= '[' PropertyListPathNotEmpty ']'
Collection ::= '(' GraphNode+ ')'
CollectionPath ::= '(' GraphNodePath+ ')'
GraphNode ::= VarOrTerm | TriplesNode
GraphNodePath ::= VarOrTerm | TriplesNodePath
VarOrTerm ::= Var | GraphTerm
VarOrIri ::= Var | iri
Var ::= VAR
GraphTerm ::= iri | RDFLiteral | NumericLiteral | BooleanLiteral | BlankNode | NIL
Expression ::= ConditionalOrExpression
ConditionalOrExpression ::= ConditionalAndExpression ( '||' ConditionalAndExpression )*
ConditionalAndExpression ::= ValueLogical ( '&&' ValueLogical )*
ValueLogical ::= RelationalExpression
RelationalExpression ::= NumericExpression ( '=' NumericExpression | '!=' NumericExpression
    | '<' NumericExpression | '>' NumericExpression | '<=' NumericExpression | '>=' NumericExpression
    | 'IN' ExpressionList | 'NOT' 'IN' ExpressionList )?
NumericExpression ::= AdditiveExpression
AdditiveExpression ::= MultiplicativeExpression ( '+' MultiplicativeExpression | '-' MultiplicativeExpression
    | ( NumericLiteralPositive | NumericLiteralNegative ) ( ( '*' UnaryExpression ) | ( '/' UnaryExpression ) )* )*
MultiplicativeExpression ::= UnaryExpression ( '*' UnaryExpression | '/' UnaryExpression )*
UnaryExpression ::= '!' PrimaryExpression | '+' PrimaryExpression | '-' PrimaryExpression | PrimaryExpression
PrimaryExpression ::= BrackettedExpression | BuiltInCall | iriOrFunction | RDFLiteral | NumericLiteral
    | BooleanLiteral | Var
BrackettedExpression ::= '(' Expression ')'
BuiltInCall ::= Aggregate | 'STR' '(' Expression ')' | 'LANG' '(' Expression ')'
    | 'LANGMATCHES' '(' Expression ',' Expression ')' | 'DATATYPE' '(' Expression ')' | 'BOUND' '(' Var ')'
    | 'IRI' '(' Expression ')' | 'URI' '(' Expression ')' | 'BNODE' ( '(' Expression ')' | NIL ) | 'RAND' NIL
    | 'ABS' '(' Expression ')' | 'CEIL' '(' Expression ')' | 'FLOOR' '(' Expression ')' | 'ROUND' '(' Expression ')'
    | 'CONCAT' ExpressionList | SubstringExpression | 'STRLEN' '(' Expression ')' | StrReplaceExpression
    | 'UCASE' '(' Expression ')' | 'LCASE' '(' Expression ')' | 'ENCODE_FOR_URI' '(' Expression ')'
    | 'CONTAINS' '(' Expression ',' Expression ')' | 'STRSTARTS' '(' Expression ',' Expression ')'
    | 'STRENDS' '(' Expression ',' Expression ')' | 'STRBEFORE' '(' Expression ',' Expression ')'
    | 'STRAFTER' '(' Expression ',' Expression ')' | 'YEAR' '(' Expression ')' | 'MONTH' '(' Expression ')'
    | 'DAY' '(' Expression ')' | 'HOURS' '(' Expression ')' | 'MINUTES' '(' Expression ')'
    | 'SECONDS' '(' Expression ')' | 'TIMEZONE' '(' Expression ')' | 'TZ' '(' Expression ')' | 'NOW' NIL
    | 'UUID' NIL | 'STRUUID' NIL | 'MD5' '(' Expression ')' | 'SHA1' '(' Expression ')'
    | 'SHA256' '(' Expression ')' | 'SHA384' '(' Expression ')' | 'SHA512' '(' Expression ')'
    | 'COALESCE' ExpressionList | 'IF' '(' Expression ',' Expression ',' Expression ')'
    | 'STRLANG' '(' Expression ',' Expression ')' | 'STRDT' '(' Expression ',' Expression ')'
    | 'SAMETERM' '(' Expression ',' Expression ')' | 'ISIRI' '(' Expression ')' | 'ISURI' '(' Expression ')'
    | 'ISBLANK' '(' Expression ')' | 'ISLITERAL' '(' Expression ')' | 'ISNUMERIC' '(' Expression ')'
    | RegexExpression | ExistsFunc | NotExistsFunc
RegexExpression ::= 'REGEX' '(' Expression ',' Expression ( ',' Expression )? ')'
SubstringExpression ::= 'SUBSTR' '(' Expression ',' Expression ( ',' Expression )? ')'
StrReplaceExpression ::= 'REPLACE' '(' Expression ',' Expression ',' Expression ( ',' Expression )? ')'
ExistsFunc ::= 'EXISTS' GroupGraphPattern
NotExistsFunc ::= 'NOT' 'EXISTS' GroupGraphPattern
Aggregate ::= 'COUNT' '(' 'DISTINCT'? ( '*' | Expression ) ')' | 'SUM' '(' 'DISTINCT'? Expression ')'
    | 'MIN' '(' 'DISTINCT'? Expression ')' | 'MAX' '(' 'DISTINCT'? Expression ')'
    | 'AVG' '(' 'DISTINCT'? Expression ')' | 'SAMPLE' '(' 'DISTINCT'? Expression ')'
    | 'GROUP_CONCAT' '(' 'DISTINCT'? Expression ( ';' 'SEPARATOR' '=' String )? ')'
iriOrFunction ::= iri ArgList?
RDFLiteral ::= String ( LANGTAG | ( '^^' iri ) )?
NumericLiteral ::= NumericLiteralUnsigned | NumericLiteralPositive | NumericLiteralNegative
NumericLiteralUnsigned ::= INTEGER | DECIMAL | DOUBLE
NumericLiteralPositive ::= INTEGER_POSITIVE | DECIMAL_POSITIVE | DOUBLE_POSITIVE
NumericLiteralNegative ::= INTEGER_NEGATIVE | DECIMAL_NEGATIVE | DOUBLE_NEGATIVE
BooleanLiteral ::= 'TRUE' | 'FALSE'
String ::= STRING
iri ::= IRIREF | PrefixedName
PrefixedName ::= PNAME_LN | PNAME_NS
BlankNode ::= BLANK_NODE_LABEL | ANON
"""

#: Terminals that stand for a class of tokens (the others are keywords and punctuation).
TOKEN_CLASSES = frozenset({
    "IRIREF", "PNAME_NS", "PNAME_LN", "BLANK_NODE_LABEL", "VAR", "LANGTAG", "STRING", "NIL", "ANON",
    "INTEGER", "DECIMAL", "DOUBLE", "INTEGER_POSITIVE", "DECIMAL_POSITIVE", "DOUBLE_POSITIVE",
    "INTEGER_NEGATIVE", "DECIMAL_NEGATIVE", "DOUBLE_NEGATIVE",
})
END = "$"  # the terminal after the last token

_EBNF_TOKEN = re.compile(r"\s*(?:'([^']+)'|([A-Za-z_][A-Za-z0-9_]*)|([()|*+?]))")


class GrammarError(Exception):
    """The productions above are not an LL(1) grammar (a bug in this module, not user input)."""


def _read_expr(text: str):
    """One EBNF right-hand side -> a tree of ('alt'|'seq', [...]), ('opt'|'star'|'plus', x),
    ('t', terminal) and ('n', rule)."""
    items = [m.groups() for m in _EBNF_TOKEN.finditer(text)]
    if re.sub(r"\s", "", "".join(m.group() for m in _EBNF_TOKEN.finditer(text))) != re.sub(r"\s", "", text):
        raise GrammarError(f"cannot read {text!r}")
    pos = 0

    def alt():
        nonlocal pos
        seqs = [seq()]
        while pos < len(items) and items[pos][2] == "|":
            pos += 1
            seqs.append(seq())
        return seqs[0] if len(seqs) == 1 else ("alt", seqs)

    def seq():
        nonlocal pos
        parts = []
        while pos < len(items) and items[pos][2] not in ("|", ")"):
            quoted, name, op = items[pos]
            pos += 1
            if op == "(":
                part = alt()
                pos += 1  # the ')'
            elif quoted:
                part = ("t", quoted)
            elif name in TOKEN_CLASSES:
                part = ("t", name)
            elif name:
                part = ("n", name)
            else:
                raise GrammarError(f"unexpected {op!r} in {text!r}")
            while pos < len(items) and items[pos][2] in ("?", "*", "+"):
                part = ({"?": "opt", "*": "star", "+": "plus"}[items[pos][2]], part)
                pos += 1
            parts.append(part)
        return parts[0] if len(parts) == 1 else ("seq", parts)

    tree = alt()
    if pos != len(items):
        raise GrammarError(f"unbalanced {text!r}")
    return tree


def _lower(productions: str) -> tuple[dict[str, list[tuple[str, ...]]], list[str], set[str]]:
    """EBNF -> plain productions {rule: [alternative, ...]}, the names of the spec's rules, the terminals."""
    rules: dict[str, list[tuple[str, ...]]] = {}
    named: list[str] = []
    terminals: set[str] = set()
    for chunk in re.split(r"\n(?=\S)", productions.strip()):
        name, _, rhs = chunk.partition("::=")
        named.append(name.strip())
        rules[name.strip()] = []
    counter: dict[str, int] = {}

    def helper(owner: str, alts: list[tuple[str, ...]]) -> str:
        counter[owner] = counter.get(owner, 0) + 1
        name = f"{owner}~{counter[owner]}"
        rules[name] = alts
        return name

    def symbols(owner: str, e) -> tuple[str, ...]:
        kind = e[0]
        if kind == "t":
            terminals.add(e[1])
        if kind in ("t", "n"):
            return (e[1],)
        if kind == "seq":
            return tuple(s for part in e[1] for s in symbols(owner, part))
        if kind == "alt":
            return (helper(owner, [symbols(owner, a) for a in e[1]]),)
        if kind == "opt":
            return (helper(owner, [symbols(owner, e[1]), ()]),)
        star = helper(owner, [])
        rules[star] = [symbols(owner, e[1]) + (star,), ()]
        return (star,) if kind == "star" else symbols(owner, e[1]) + (star,)

    for chunk in re.split(r"\n(?=\S)", productions.strip()):
        name, _, rhs = chunk.partition("::=")
        tree = _read_expr(rhs)
        alts = tree[1] if tree[0] == "alt" else [tree]
        rules[name.strip()] = [symbols(name.strip(), a) for a in alts]
    return rules, named, terminals


def _first_sets(rules):
    first = {r: set() for r in rules}
    nullable = set()

    def first_of(seq):
        out = set()
        for s in seq:
            if s not in rules:
                out.add(s)
                return out, False
            out |= first[s]
            if s not in nullable:
                return out, False
        return out, True

    changed = True
    while changed:
        changed = False
        for r, alts in rules.items():
            for alt in alts:
                f, null = first_of(alt)
                if not f <= first[r]:
                    first[r] |= f
                    changed = True
                if null and r not in nullable:
                    nullable.add(r)
                    changed = True
    return first, nullable, first_of


def build_table(productions: str = PRODUCTIONS, start: str = "QueryUnit"):
    """(table, named rules, terminals): table[rule][terminal] is the production to push, *reversed*."""
    rules, named, terminals = _lower(productions)
    undefined = {s for alts in rules.values() for a in alts for s in a if s not in rules and s not in terminals}
    if undefined:
        raise GrammarError(f"undefined rules: {sorted(undefined)}")
    first, nullable, first_of = _first_sets(rules)
    follow = {r: set() for r in rules}
    follow[start].add(END)
    changed = True
    while changed:
        changed = False
        for r, alts in rules.items():
            for alt in alts:
                for i, s in enumerate(alt):
                    if s not in rules:
                        continue
                    f, null = first_of(alt[i + 1:])
                    add = f | (follow[r] if null else set())
                    if not add <= follow[s]:
                        follow[s] |= add
                        changed = True
    table: dict[str, dict[str, tuple[str, ...]]] = {}
    for r, alts in rules.items():
        row: dict[str, tuple[str, ...]] = {}
        for alt in alts:
            f, null = first_of(alt)
            for t in f | (follow[r] if null else set()):
                if t in row and row[t] != alt[::-1]:
                    raise GrammarError(f"not LL(1): {r} on {t!r}: {row[t][::-1]} or {alt}")
                row[t] = alt[::-1]
        table[r] = row
    return table, frozenset(named), frozenset(terminals)


TABLE, NAMED, TERMINALS = build_table()
#: Every keyword of the grammar, upper case (plus 'a').
KEYWORDS = frozenset(t for t in TERMINALS if t[0].isalpha() and t not in TOKEN_CLASSES)

__all__ = ["TABLE", "NAMED", "TERMINALS", "KEYWORDS", "TOKEN_CLASSES", "END", "PRODUCTIONS", "build_table", "GrammarError"]
