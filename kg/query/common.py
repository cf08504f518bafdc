"""Helpers shared by the named questions: grouping rows, effect sizes, settings, level order.

>>> effect({"measure": "HR", "value": 1.11, "low": 0.87, "high": 1.42})
'HR 1.11 (95% CI 0.87-1.42)'
>>> level_rank("phase 3") > level_rank("phase 2")
True
"""
from __future__ import annotations

from typing import Any

from kg.schema.vocab import CONTEXTS, LEVELS

def level_rank(level: str | None) -> int:
    """Position of an evidence level in the ordered scheme (0 when absent)."""
    return LEVELS.index(level) + 1 if level in LEVELS else 0


def context_rank(context: str | None) -> int:
    return CONTEXTS.index(context) if context in CONTEXTS else len(CONTEXTS)


def effect(r: dict[str, Any]) -> str | None:
    """Effect size in words: measure, value, unit, confidence interval."""
    if r.get("measure") is None or r.get("value") is None:
        return None
    text = f"{r['measure']} {r['value']:g}{'%' if r.get('unit') == '%' else ''}"
    if r.get("low") is not None and r.get("high") is not None:
        text += f" (95% CI {r['low']:g}-{r['high']:g})"
    return text


def p_text(r: dict[str, Any]) -> str | None:
    if r.get("ptext"):
        return str(r["ptext"])
    return None if r.get("p") is None else format(r["p"], "g")


def short(curie: str | None) -> str | None:
    """Local part of a CURIE (``CLINICALTRIALS:NCT123`` -> ``NCT123``)."""
    return None if curie is None else curie.split(":", 1)[-1]


__all__ = ["level_rank", "context_rank", "effect", "p_text", "short"]
