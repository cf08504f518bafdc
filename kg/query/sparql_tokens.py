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

import re
from dataclasses import dataclass

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

# Order matters only where one terminal is a prefix of another; the longer comes first.
_TOKEN = re.compile("|".join(f"(?P<{name}>{rx})" for name, rx in [
    ("WS", f"{_WS}+"),
    ("COMMENT", "#[^\r\n]*"),
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
]))
_UCHAR_VALUE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8}))|\\.")


@dataclass(frozen=True, slots=True)
class Token:
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
    return QueryError(f"bad query text at line {line}, column {column}: {snippet!r}{why}")


def tokenize(text: str) -> list[Token]:
    r"""The query's tokens, comments and white space left out; :class:`QueryError` naming line and
    column where the text holds something no SPARQL terminal matches (an unclosed string, say).

    >>> tokenize("SELECT 'unclosed")
    Traceback (most recent call last):
    ...
    kg.errors.QueryError: bad query text at line 1, column 8: "'unclosed" (a string that is not closed on its line)
    >>> tokenize("ASK { ?s ?p '\\uD800' }")
    Traceback (most recent call last):
    ...
    kg.errors.QueryError: bad query text at line 1, column 14: '\\uD800' is no Unicode character
    """
    tokens, pos, line, line_start, end = [], 0, 1, 0, len(text)
    match, append = _TOKEN.match, tokens.append
    while pos < end:
        m = match(text, pos)
        if m is None:
            raise _bad_text(text, pos, line, pos - line_start + 1)
        kind = m.lastgroup
        chunk = m.group()
        if kind != "WS" and kind != "COMMENT":
            if (kind == "STRING" or kind == "IRIREF") and "\\" in chunk:
                _check_codepoints(chunk, line, pos - line_start + 1)
            append(Token(kind, chunk, pos, line, pos - line_start + 1))
        if kind == "WS" or kind == "STRING":
            breaks = chunk.count("\n") + chunk.count("\r") - chunk.count("\r\n")
            if breaks:
                line += breaks
                line_start = pos + max(chunk.rfind("\n"), chunk.rfind("\r")) + 1
        pos = m.end()
    return tokens


__all__ = ["Token", "tokenize"]
