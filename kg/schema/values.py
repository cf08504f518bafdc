"""What a text or number value of a record may be, whatever its source (curated YAML, a layer,
an importer): the rules the loader applies to every field, so that nothing unprintable, endless
or meaningless enters the graph.

- text: at most :data:`MAX_TEXT` characters; no control character but tab and line break, no
  bidirectional embedding, override or isolate (they reorder what a page or terminal shows), no
  lone surrogate, no Unicode non-character (a NUL would reach the N-Triples, the KGX TSV and the
  HTML explorer; a 50 MB string would stall the build);
- a whole number (counts, years, offsets in a document): never negative;
- a number: finite (no NaN or infinity).

>>> text_problem("atezolizumab") is None
True
>>> text_problem("a\\x00b")
'control character U+0000 at position 1'
>>> number_problem(-3, int), number_problem(float("nan"), float)
('-3 is negative', 'nan is not a finite number')
"""
from __future__ import annotations

import math
import re

#: Longest text value of any field (characters). The longest in the curated data is under
#: 1,000, the longest CIViC evidence statement under 3,000.
MAX_TEXT = 65_536
#: Largest whole number (what a 64-bit xsd:integer holds).
MAX_INT = 2**63 - 1

_BAD_CHAR = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")


def text_problem(value: str) -> str | None:
    """Why ``value`` cannot be a text field of a record, or None if it can."""
    if len(value) > MAX_TEXT:
        return f"text of {len(value):,} characters (the limit is {MAX_TEXT:,})"
    m = _BAD_CHAR.search(value)
    if m:
        c = m.group()
        kind = ("lone surrogate" if "\ud800" <= c <= "\udfff" else "non-character" if c >= "\ufdd0" else
                "bidirectional override" if "\u202a" <= c <= "\u2069" else "control character")
        return f"{kind} U+{ord(m.group()):04X} at position {m.start()}"
    return None


def number_problem(value: int | float, hint: type) -> str | None:
    """Why ``value`` cannot be a field of type ``hint`` (int: counts, years and offsets, never
    negative; float: any finite number), or None if it can."""
    if isinstance(value, float) and not math.isfinite(value):
        return f"{value} is not a finite number"
    if isinstance(value, int) and abs(value) > MAX_INT:
        return f"a number of {len(str(abs(value)))} digits is out of range"
    if hint is int and value < 0:
        return f"{value} is negative"
    return None


__all__ = ["MAX_TEXT", "MAX_INT", "text_problem", "number_problem"]
