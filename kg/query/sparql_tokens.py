"""The terminals of the SPARQL 1.1 grammar (section 19.8 of the Query Language spec), read
exactly as the spec defines them, so that a check made on these tokens sees what the engine
sees: a ``#`` inside a prefixed name's escape (``DRUGBANK:a\\#b``), an IRI or a string is not
a comment, a comment ends at a line feed *or* a carriage return, keywords are matched whole
and without regard to case, and the codepoint escapes ``\\uXXXX`` / ``\\UXXXXXXXX`` are
expanded before anything else (spec section 19.2).

>>> [t.kind for t in tokenize("SELECT ?x WHERE { ?x ex:a\\\\#b 'y' } # done")]
['KEYWORD', 'VAR', 'KEYWORD', 'PUNCT', 'VAR', 'PNAME_LN', 'STRING', 'PUNCT']
>>> [t.text for t in tokenize("ASK{}#x\\rservice")][-1]
'service'
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
_EXP = r"[eE][+-]?[0-9]+"
_WS = "[\x20\x09\x0D\x0A]"

# Order matters only where one terminal is a prefix of another; the longer comes first.
_TOKEN = re.compile("|".join(f"(?P<{name}>{rx})" for name, rx in [
    ("WS", f"{_WS}+"),
    ("COMMENT", "#[^\r\n]*"),
    ("IRIREF", '<[^<>"{}|^`\\\\\x00-\x20]*>'),
    ("STRING", f"'''(?:(?:'|'')?(?:[^'\\\\]|{_ECHAR}))*'''"
               f'|"""(?:(?:"|"")?(?:[^"\\\\]|{_ECHAR}))*"""'
               f"|'(?:[^'\\\\\n\r]|{_ECHAR})*'"
               f'|"(?:[^"\\\\\n\r]|{_ECHAR})*"'),
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
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


@dataclass(frozen=True)
class Token:
    """One terminal: its kind (``KEYWORD``, ``IRIREF``, ``PNAME_LN``, ``VAR``, ``STRING``,
    ``PUNCT``, ...), its text and where it starts (offset in the expanded text, line, column)."""

    kind: str
    text: str
    offset: int
    line: int
    column: int

    @property
    def keyword(self) -> str:
        """The keyword in upper case, or "" for any other kind of token."""
        return self.text.upper() if self.kind == "KEYWORD" else ""


def expand_escapes(text: str) -> str:
    r"""Apply the spec's codepoint escapes (``\u0053`` -> ``S``) to the whole query text.

    >>> expand_escapes(r"\u0053ERVICE")
    'SERVICE'
    """
    def char(m: re.Match) -> str:
        code = int(m.group(1) or m.group(2), 16)
        if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
            raise QueryError(f"invalid codepoint escape {m.group(0)!r}")
        return chr(code)

    return _ESCAPE.sub(char, text)


def tokenize(text: str) -> list[Token]:
    """The query's tokens, comments and white space left out; :class:`QueryError` naming line and
    column where the text holds something no SPARQL terminal matches (an unclosed string, say).

    >>> tokenize("SELECT 'unclosed")
    Traceback (most recent call last):
    ...
    kg.errors.QueryError: bad query text at line 1, column 8: "'unclosed"
    """
    text = expand_escapes(text)
    tokens, pos, line, line_start = [], 0, 1, 0
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None or m.end() == pos:
            snippet = text[pos:pos + 20]
            raise QueryError(f"bad query text at line {line}, column {pos - line_start + 1}: {snippet!r}")
        kind = m.lastgroup or ""
        if kind not in ("WS", "COMMENT"):
            tokens.append(Token(kind, m.group(), pos, line, pos - line_start + 1))
        chunk = m.group()
        breaks = chunk.count("\n") + chunk.count("\r") - chunk.count("\r\n")
        if breaks:
            line += breaks
            line_start = pos + max(chunk.rfind("\n"), chunk.rfind("\r")) + 1
        pos = m.end()
    return tokens


__all__ = ["Token", "tokenize", "expand_escapes"]
