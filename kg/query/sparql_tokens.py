"""The terminals of the SPARQL 1.1 grammar (section 19.8 of the Query Language spec), read
as the engine (Oxigraph) reads them, so that a check made on these tokens sees what the engine
sees: a ``#`` inside a prefixed name's escape (``DRUGBANK:a\\#b``), an IRI or a string is not
a comment, a comment ends at a line feed *or* a carriage return, keywords are matched whole
and without regard to case, and the longest token wins (``?a<?b&&?c>`` holds the IRI
``<?b&&?c>``, as the W3C test syn-bad-26 says).

Codepoint escapes (``\\uXXXX``, ``\\UXXXXXXXX``) are read inside IRIs and strings only, as
escapes of one character there (the reading of the W3C test suite and of the engine): applying
them to the whole text first would let ``"a\\u005C" ... "`` hide text between two strings.
Anywhere else a backslash is an error.

>>> [t.kind for t in tokenize("SELECT ?x WHERE { ?x ex:a\\\\#b 'y' } # done")]
['KEYWORD', 'VAR', 'KEYWORD', 'PUNCT', 'VAR', 'PNAME_LN', 'STRING', 'PUNCT']
>>> [t.text for t in tokenize("ASK{}#x\\rservice")][-1]
'service'
>>> [t.text for t in tokenize("ASK { ?s ?p 'a\\\\u005C' }")][-2]
"'a\\\\u005C'"
"""
from __future__ import annotations

import bisect
import re
from typing import Iterator, NamedTuple

from kg.errors import QueryError

_PN_CHARS_BASE = ("A-Za-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C-\u200D"
                  "\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD\U00010000-\U000EFFFF")
_PN_CHARS_U = _PN_CHARS_BASE + "_"
_PN_CHARS = _PN_CHARS_U + "\\-0-9\u00B7\u0300-\u036F\u203F-\u2040"
_PLX = r"(?:%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%])"
_PN_PREFIX = f"[{_PN_CHARS_BASE}](?:[{_PN_CHARS}.]*[{_PN_CHARS}])?"
_PN_LOCAL = f"(?:[{_PN_CHARS_U}:0-9]|{_PLX})(?:(?:[{_PN_CHARS}.:]|{_PLX})*(?:[{_PN_CHARS}:]|{_PLX}))?"
_VARNAME = f"[{_PN_CHARS_U}0-9][{_PN_CHARS_U}0-9\u00B7\u0300-\u036F\u203F-\u2040]*"
_ECHAR = r"\\[tbnrf\\\"']"
_UCHAR = r"\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8}"
_EXP = r"[eE][+-]?[0-9]+"
_WS = "[\x20\x09\x0D\x0A]"

_SKIP = "(?>(?:[\x20\x09\x0D\x0A]+|#[^\r\n]*)*)"  # white space and comments (atomic: never re-read)
# After the skip, one terminal. Order matters only where one is a prefix of another; the longer comes first.
_NEXT = re.compile(_SKIP + "(?:" + "|".join(f"(?P<{name}>{rx})" for name, rx in [
    ("IRIREF", f'<(?:[^<>"{{}}|^`\\\\\x00-\x20]|{_UCHAR})*>'),
    ("STRING", f"'''(?:(?:'|'')?(?:[^'\\\\]|{_ECHAR}|{_UCHAR}))*'''"
               f'|"""(?:(?:"|"")?(?:[^"\\\\]|{_ECHAR}|{_UCHAR}))*"""'
               f"|'(?:[^'\\\\\n\r]|{_ECHAR}|{_UCHAR})*'"
               f'|"(?:[^"\\\\\n\r]|{_ECHAR}|{_UCHAR})*"'),
    ("BLANK_NODE_LABEL", f"_:[{_PN_CHARS_U}0-9](?:[{_PN_CHARS}.]*[{_PN_CHARS}])?"),
    ("PNAME_LN", f"(?:{_PN_PREFIX})?:{_PN_LOCAL}"),
    ("PNAME_NS", f"(?:{_PN_PREFIX})?:"),
    ("VAR", f"[?$]{_VARNAME}"),
    ("LANGTAG", "@[a-zA-Z]+(?:-[a-zA-Z0-9]+)*"),
    ("NUMBER", f"[+-]?(?:[0-9]+\\.[0-9]*{_EXP}|\\.[0-9]+{_EXP}|[0-9]+{_EXP}|[0-9]*\\.[0-9]+|[0-9]+)"),
    ("NIL", f"\\({_WS}*\\)"),
    ("ANON", f"\\[{_WS}*\\]"),
    ("KEYWORD", "[A-Za-z][A-Za-z0-9_]*"),
    ("PUNCT", r"\^\^|&&|\|\||!=|<=|>=|[{}()\[\];,.=<>!+\-*/|^?]"),
]) + ")")
_ONLY_SKIP = re.compile(_SKIP)
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_UCHAR_VALUE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8}))|\\.")


class Token(NamedTuple):
    """One terminal: its kind (``KEYWORD``, ``IRIREF``, ``PNAME_LN``, ``VAR``, ``STRING``,
    ``PUNCT``, ...), its text as written and where it starts (offset, line, column)."""

    kind: str
    text: str
    offset: int
    line: int
    column: int

    @property
    def keyword(self) -> str:
        """The keyword in upper case, or "" for any other kind of token."""
        return self.text.upper() if self.kind == "KEYWORD" else ""


def _check_codepoints(text: str, line: int, column: int) -> None:
    for m in _UCHAR_VALUE.finditer(text):
        if m.group(1) or m.group(2):
            code = int(m.group(1) or m.group(2), 16)
            if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
                raise QueryError(f"bad query text at line {line}, column {column + m.start()}: "
                                 f"{m.group()!r} is no Unicode character")


def _bad_text(text: str, pos: int, line: int, column: int) -> QueryError:
    snippet = text[pos:pos + 20]
    why = ""
    if text.startswith(("\\u", "\\U"), pos):
        why = " (codepoint escapes are read only inside IRIs and strings)"
    elif text[pos] in "'\"":
        why = " (a string that is not closed on its line)"
    elif text[pos] == "\ufeff":
        why = " (a byte order mark)"
    return QueryError(f"bad query text at line {line}, column {column}: {snippet!r}{why}")


def iter_tokens(text: str) -> Iterator[Token]:
    """The query's tokens one by one (comments and white space left out), read only as far as
    they are asked for; :class:`QueryError` naming line and column where the text holds something
    no SPARQL terminal matches (an unclosed string, say)."""
    starts = [0]  # the offset where each line starts
    starts.extend(m.end() for m in _LINE_BREAK.finditer(text))
    pos, end, match, right = 0, len(text), _NEXT.match, bisect.bisect_right
    while pos < end:
        m = match(text, pos)
        if m is None:
            pos = _ONLY_SKIP.match(text, pos).end()
            if pos == end:
                return
            line = right(starts, pos)
            raise _bad_text(text, pos, line, pos - starts[line - 1] + 1)
        kind = m.lastgroup
        at = m.start(kind)
        line = right(starts, at)
        chunk = m.group(kind)
        if (kind == "STRING" or kind == "IRIREF") and "\\" in chunk:
            _check_codepoints(chunk, line, at - starts[line - 1] + 1)
        yield Token(kind, chunk, at, line, at - starts[line - 1] + 1)
        pos = m.end()


def tokenize(text: str) -> list[Token]:
    r"""All the query's tokens (see :func:`iter_tokens`).

    >>> tokenize("SELECT 'unclosed")
    Traceback (most recent call last):
    ...
    kg.errors.QueryError: bad query text at line 1, column 8: "'unclosed" (a string that is not closed on its line)
    >>> tokenize("ASK { ?s ?p '\\uD800' }")
    Traceback (most recent call last):
    ...
    kg.errors.QueryError: bad query text at line 1, column 14: '\\uD800' is no Unicode character
    >>> [(t.text, t.line, t.column) for t in tokenize("ASK {\r\n'''a\nb''' # c\r?x }")][2:]
    [("'''a\nb'''", 2, 1), ('?x', 4, 1), ('}', 4, 4)]
    """
    return list(iter_tokens(text))


__all__ = ["Token", "tokenize", "iter_tokens"]
