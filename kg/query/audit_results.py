"""How a result a sentence claims compares with a curated one: the analysis it names, and the arms'
medians and percentages (the helpers of :mod:`kg.query.audit`'s result verdicts)."""
from __future__ import annotations

import re
from typing import Any

PERCENT_TOLERANCE = 0.5 + 1e-9   # a reported percentage is the graph's one rounded to a whole number

#: the analysis a sentence says its figure is of ("at the interim analysis", "after three years of follow-up")
_ANALYSIS = re.compile(r"\b(interim|final|updated|exploratory|long-term|extended|follow-up|later data cut|data cut|"
                       r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)[- ]years?)\b", re.I)


def other_analysis(sentence: str, records: list[dict[str, Any]]) -> bool:
    """Whether the sentence names an analysis ("interim", "five-year") that no record's analysis or
    population names: its figure may be of another analysis than theirs, so it contradicts none.

    >>> other_analysis("At the interim analysis, HR 0.70", [{"analysis": "primary analysis"}])
    True
    >>> other_analysis("HR 0.70", [{"analysis": "primary analysis"}]), other_analysis("final: 0.8", [{"analysis": "early final analysis"}])
    (False, False)
    """
    said = {w.lower() for w in _ANALYSIS.findall(sentence)}
    if not said:
        return False
    told = " ".join(f"{r.get('analysis') or ''} {r.get('population') or ''}" for r in records).lower()
    return not any(w in told for w in said)


def medians_agree(arms: dict[str, Any], unit: str | None, values: dict[str, Any]) -> bool:
    """Whether a claimed median (and its control arm's) is the record's arm values in months.

    >>> medians_agree({"experimental": 13.3, "control": 9.8}, "months", {"value": 13.3, "control_value": 9.8})
    True
    """
    if unit not in (None, "months") or arms.get("experimental") is None:
        return False
    same = abs(arms["experimental"] - values["value"]) <= 0.05
    control = values.get("control_value")
    return same and (control is None or arms.get("control") is None or abs(arms["control"] - control) <= 0.05)


def arms_agree(arms: dict[str, Any], values: dict[str, Any]) -> bool:
    """Whether a claim's two arms' percentages are the record's, each to within rounding.

    >>> arms_agree({"experimental": 36.4, "control": 28.0}, {"experimental_pct": 36, "control_pct": 28})
    True
    """
    e, k = values.get("experimental_pct"), values.get("control_pct")
    if e is None or k is None or arms.get("experimental") is None or arms.get("control") is None:
        return False
    return abs(arms["experimental"] - e) <= PERCENT_TOLERANCE and abs(arms["control"] - k) <= PERCENT_TOLERANCE
