"""The Biolink model as the tests judge against it: read from the release in ../shared (4.4.4),
with the ancestry of classes (``is_a`` and mixins) and the domain and range each predicate has
(its own, or inherited along ``is_a``, as LinkML induces them).

>>> element("biolink:in_clinical_trials_for"), element("biolink:ClinicalTrial")
('in clinical trials for', 'clinical trial')
"""
from __future__ import annotations

from functools import lru_cache

from tests.conftest import shared


def element(curie: str) -> str:
    """biolink:in_clinical_trials_for -> 'in clinical trials for'; biolink:ClinicalTrial -> 'clinical trial'."""
    local = curie.split(":", 1)[1]
    if "_" in local or local.islower():
        return local.replace("_", " ")
    return "".join(" " + c.lower() if c.isupper() else c for c in local).strip()


@lru_cache(maxsize=1)
def model() -> dict:
    """The Biolink model YAML from ../shared (or a skip with the reason)."""
    import yaml

    path = shared("data", "biolink-model", "biolink-model.yaml")
    return yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def is_a_chain(table: dict, name: str) -> list[str]:
    """``name`` and its ``is_a`` ancestors, nearest first."""
    out = []
    while name in table and name not in out:
        out.append(name)
        name = table[name].get("is_a")
    return out


def class_ancestors(name: str) -> set[str]:
    """A class with every ancestor along ``is_a`` and ``mixins`` (and theirs)."""
    classes = model()["classes"]
    seen, todo = set(), [name]
    while todo:
        c = todo.pop()
        if c in seen or c not in classes:
            continue
        seen.add(c)
        todo += [classes[c].get("is_a")] + list(classes[c].get("mixins") or [])
    return seen - {None}


def domain_range(predicate: str) -> tuple[str | None, str | None]:
    """The (domain, range) a predicate has or inherits along ``is_a`` (None where unconstrained)."""
    slots = model()["slots"]
    chain = is_a_chain(slots, predicate)
    dom = next((slots[s]["domain"] for s in chain if slots[s].get("domain")), None)
    rng = next((slots[s]["range"] for s in chain if slots[s].get("range")), None)
    return dom, rng


def fits(category: str, constraint: str | None) -> bool:
    """Does a node of this Biolink category satisfy a domain or range constraint?"""
    return constraint is None or constraint in class_ancestors(category)


def violations(edges: list[dict], categories: dict[str, str]) -> list[tuple[str, str, str, str]]:
    """(edge id, predicate, 'domain' or 'range', category) for every edge whose subject or object
    category is outside its predicate's domain or range. ``categories``: node id -> category CURIE."""
    out = []
    for e in edges:
        dom, rng = domain_range(element(e["predicate"]))
        for end, constraint in (("subject", dom), ("object", rng)):
            cat = element(categories[e[end]].split("|")[0])
            if not fits(cat, constraint):
                out.append((e["id"], e["predicate"], "domain" if end == "subject" else "range", cat))
    return out
