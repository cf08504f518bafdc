"""Numbers written in words -> digits ("Seven hundred twenty-eight" -> "728"), for sentences
that start with a count, as style guides ask ("Seven hundred twenty-eight patients were
randomly assigned").

>>> words_to_numbers("Seven hundred twenty-eight patients; one thousand and five people; twelve arms")
'728 patients; 1005 people; 12 arms'
"""
from __future__ import annotations

import re

_UNITS = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve thirteen "
                                     "fourteen fifteen sixteen seventeen eighteen nineteen".split())}
_TENS = {w: 10 * (i + 2) for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split())}
_SCALES = {"hundred": 100, "thousand": 1000}
_WORD = r"(?:%s)" % "|".join(sorted([*_UNITS, *_TENS, *_SCALES], key=len, reverse=True))
_NUMBER = re.compile(r"\b%s(?:(?:[\s-]+|\s+and\s+)%s)*+\b" % (_WORD, _WORD), re.I)


def _value(words: list[str]) -> int | None:
    total, current = 0, 0
    for w in words:
        if w in _UNITS:
            current += _UNITS[w]
        elif w in _TENS:
            current += _TENS[w]
        elif w == "hundred":
            current = (current or 1) * 100
        elif w == "thousand":
            total += (current or 1) * 1000
            current = 0
        else:
            return None
    return total + current


def words_to_numbers(text: str) -> str:
    """``text`` with each run of number words written in digits (other text unchanged)."""
    if not _NUMBER.search(text):
        return text

    def digits(m: re.Match) -> str:
        words = [w for w in re.split(r"[\s-]+", m.group().lower()) if w and w != "and"]
        value = _value(words)
        return str(value) if value is not None else m.group()
    return _NUMBER.sub(digits, text)
