"""Precision and recall of entity and claim extraction against a hand-made expected file.

An expected file (``<article>.expected.json``) lists the entity mentions in document order as
``[type, id, text]`` (their offsets are found by searching the text in order) and the claims
as ``{kind, subject, object, sentence}`` where ``sentence`` is a piece of the sentence the
claim stands in; ``values``, ``direction`` and ``evidence_level``, when given, must match too.

>>> prf(3, 4, 6)
{'tp': 3, 'found': 4, 'expected': 6, 'precision': 0.75, 'recall': 0.5}
"""
from __future__ import annotations

from typing import Any


def prf(tp: int, found: int, expected: int) -> dict[str, Any]:
    """True positives, counts, precision and recall (1.0 when there is nothing to find)."""
    return {"tp": tp, "found": found, "expected": expected,
            "precision": round(tp / found, 3) if found else 1.0, "recall": round(tp / expected, 3) if expected else 1.0}


def expected_mentions(text: str, entities: list[list[str]]) -> list[tuple[str, str, int, int]]:
    """(type, id, start, end) of each expected mention, located in order.

    >>> expected_mentions("a PD-1 b PD-1", [["Target", "HGNC:8760", "PD-1"], ["Target", "HGNC:8760", "PD-1"]])
    [('Target', 'HGNC:8760', 2, 6), ('Target', 'HGNC:8760', 9, 13)]
    """
    out, pos = [], 0
    for typ, ident, surface in entities:
        start = text.index(surface, pos)
        out.append((typ, ident, start, start + len(surface)))
        pos = start + len(surface)
    return out


def claim_matches(claim: dict[str, Any], want: dict[str, Any]) -> bool:
    """Whether an extracted claim (as JSON) is the expected one."""
    if (claim["kind"], claim["subject"], claim["object"]) != (want["kind"], want["subject"], want.get("object")):
        return False
    if want["sentence"] not in claim["sentence"]:
        return False
    for k in ("direction", "evidence_level"):
        if k in want and claim.get(k) != want[k]:
            return False
    return all(claim["values"].get(k) == v for k, v in want.get("values", {}).items())


def score(extraction: dict[str, Any], text: str, expected: dict[str, Any]) -> dict[str, Any]:
    """``{"entities": prf, "claims": prf, "missed": [...], "extra": [...]}`` for one article."""
    got = {(e["type"], e["id"], e["start"], e["end"]) for e in extraction["entities"]}
    want = expected_mentions(text, expected["entities"])
    ents = prf(len(got & set(want)), len(got), len(want))
    claims, left = extraction["claims"], list(extraction["claims"])
    missed = []
    for w in expected["claims"]:
        hit = next((c for c in left if claim_matches(c, w)), None)
        if hit is None:
            missed.append(w)
        else:
            left.remove(hit)
    return {"entities": ents, "claims": prf(len(expected["claims"]) - len(missed), len(claims), len(expected["claims"])),
            "missed": missed, "extra": left, "missed_entities": sorted(set(want) - got),
            "extra_entities": sorted(got - set(want))}


def total(scores: list[dict[str, Any]], part: str) -> dict[str, Any]:
    """Micro-averaged precision and recall over several articles."""
    return prf(sum(s[part]["tp"] for s in scores), sum(s[part]["found"] for s in scores),
               sum(s[part]["expected"] for s in scores))
