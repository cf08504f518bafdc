"""Stored questions: the SPARQL files (``*.rq`` beside this module) run on the store with caller
values *bound* (never pasted in), their rows as plain dicts.

>>> "SELECT" in stored_query("approvals")
True
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator

from kg.schema.ids import KG_ONTOLOGY, curie_to_iri, iri_to_curie
from kg.store.local import term_value

_QUERY_DIR = Path(__file__).parent
PREFIXES = {
    "kg": KG_ONTOLOGY,
    "biolink": "https://w3id.org/biolink/vocab/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}


def stored_query(name: str) -> str:
    """The text of the stored query ``name`` (``kg/query/<name>.rq``)."""
    return (_QUERY_DIR / f"{name}.rq").read_text(encoding="utf-8")


def bound_query(name: str, **bind: Any) -> str:
    """Stored query ``name`` with the prefixes declared and each value bound (see
    :func:`kg.store.local.with_values`): a string is a CURIE or IRI, anything else a pyoxigraph term
    (a literal, say); ``None`` values leave their variable free.

    >>> import pyoxigraph as ox
    >>> 'VALUES (?status) { ("withdrawn") }' in bound_query("approvals", status=ox.Literal("withdrawn"))
    True
    """
    import pyoxigraph as ox

    from kg.store.local import with_values

    terms = {k: ox.NamedNode(curie_to_iri(v)) if isinstance(v, str) else v for k, v in bind.items() if v is not None}
    prologue = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
    return prologue + with_values(stored_query(name), terms)


def run(store, name: str, **bind: Any) -> Iterator[dict[str, Any]]:
    """Run stored query ``name`` with CURIE values bound to variables; yield plain dict rows.

    IRIs come back as CURIEs (where a prefix covers them), literals as Python values.
    """
    import pyoxigraph as ox

    result = store.query(bound_query(name, **bind))
    names = [v.value for v in result.variables]
    named = ox.NamedNode

    def value(t):
        if t is None:
            return None
        return iri_to_curie(t.value) if isinstance(t, named) else term_value(t)

    for sol in result:  # a solution iterates over its values in the order of the variables
        yield dict(zip(names, map(value, sol)))


def records(store, name: str, key: str = "a", **bind: str) -> dict[str, dict[str, Any]]:
    """Run a stored query that returns ``?<key> ?p ?o`` rows and fold them into one attribute
    dict per ``key`` resource (the inverse of the RDF writer, see :func:`kg.schema.vocab.add_attr`).

    The other selected variables of the first row of each resource are kept under their names.
    Fetching every property of a few bound resources is index-driven, where a long chain of
    OPTIONALs makes the engine scan.
    """
    import pyoxigraph as ox

    from kg.schema.vocab import add_attr

    result = store.query(bound_query(name, **bind))
    extra = [v.value for v in result.variables if v.value not in (key, "p", "o")]
    out: dict[str, dict[str, Any]] = {}
    last = subj = None
    for sol in result:
        iri = sol[key].value
        if iri != last:  # a resource's rows mostly come together: name it once
            last, subj = iri, iri_to_curie(iri)
        attrs = out.get(subj)
        if attrs is None:
            attrs = out[subj] = {"_" + n: (iri_to_curie(sol[n].value) if isinstance(sol[n], ox.NamedNode)
                                           else term_value(sol[n])) for n in extra}
        p = sol["p"].value
        if not p.startswith(KG_ONTOLOGY):
            continue
        o = sol["o"]
        if isinstance(o, ox.NamedNode):
            add_attr(attrs, p[len(KG_ONTOLOGY):], None, iri=o.value)
        else:
            add_attr(attrs, p[len(KG_ONTOLOGY):], term_value(o))
    return out


def concept(curie_or_iri: str | None) -> str | None:
    """Label of a level/direction concept IRI (``kg:level-phase-3`` -> ``phase 3``)."""
    from kg.schema.vocab import add_attr

    if curie_or_iri is None:
        return None
    iri = curie_or_iri if "://" in curie_or_iri else KG_ONTOLOGY + curie_or_iri.split(":", 1)[-1]
    out: dict[str, Any] = {}
    add_attr(out, "level", None, iri=iri)
    return out["level"]


__all__ = ["run", "records", "stored_query", "bound_query", "concept", "PREFIXES"]
