"""Find an entity by anything a user may type, and describe it with its neighbours.

At build time :func:`index_ntriples` writes, for each partition of the graph, lookup keys
(names, synonyms, brands, codes, acronyms, aliases, CURIEs and bare ids, PMIDs, DOIs), types and
lookup cards into the store's index (:meth:`kg.store.local.LocalStore.index_query`). At query
time the typed term is normalised and *bound* as a SPARQL value, never pasted into the query.

>>> normalize(" Tecentriq® ")
'tecentriq®'
>>> loose("IMpassion 130"), loose("MPDL-3280A")
('impassion130', 'mpdl3280a')
"""
from __future__ import annotations

import difflib
import re
import unicodedata
from typing import Any, Iterable

from kg.errors import NotFoundError
from kg.schema.ids import KG_ONTOLOGY, bare_id, curie_to_iri, iri_to_curie, normalize_ref
from kg.schema.vocab import PREDICATES

_DASHES = re.compile(r"[\u2010-\u2015\u2212]")
_SURROGATES = re.compile("[\ud800-\udfff]")
_LABELS = {v: k for k, v in PREDICATES.items()}
PREFIX_DECL = f"PREFIX kg: <{KG_ONTOLOGY}>\nPREFIX biolink: <https://w3id.org/biolink/vocab/>\n"


def normalize(text: str) -> str:
    """Case-folded, dash-unified, whitespace-collapsed form of a name."""
    text = _SURROGATES.sub("\ufffd", unicodedata.normalize("NFKC", text))  # undecodable bytes of an argument
    return " ".join(_DASHES.sub("-", text).casefold().split())


def loose(text: str) -> str:
    """Letters and digits only: lets "KEYNOTE 522" find "KEYNOTE-522"."""
    return "".join(c for c in normalize(text) if c.isalnum())


_KEY_ATTRS = ("name", "synonyms", "brands", "codes", "acronym", "aliases", "symbol", "title", "xrefs",
              "doi", "pmid", "pmcid")


def keys_for(node: str, data: dict[str, Any]) -> set[str]:
    """Every normalised string that should find ``node``.

    >>> sorted(keys_for("PMID:39883436", {"name": "Ignatiadis JAMA 2025", "doi": "10.1001/x"}))
    ['10.1001/x', '39883436', 'doi:10.1001/x', 'ignatiadis jama 2025', 'pmid:39883436']
    >>> sorted(keys_for("MONDO:0019210", {"xrefs": ["ONCOTREE:MCC"],
    ...                                   "mapping_labels": {"ONCOTREE:MCC": "Merkel Cell Carcinoma"}}))
    ['0019210', 'mcc', 'merkel cell carcinoma', 'mondo:0019210', 'oncotree:mcc']
    """
    values: list[str] = [node, bare_id(node)]
    for attr in _KEY_ATTRS:
        v = data.get(attr)
        values.extend(v if isinstance(v, list) else [v] if v is not None else [])
    for x in list(data.get("xrefs", [])):
        values.append(bare_id(x))
    # OncoTree's name of each OncoTree code (the crosswalk's names of other codes are not keys:
    # NCIt's and DOID's labels are older releases' wording of the same disease)
    values.extend(v for k, v in data.get("mapping_labels", {}).items() if k.startswith("ONCOTREE:"))
    if data.get("doi"):
        values.append("doi:" + str(data["doi"]))
    return {normalize(str(v)) for v in values if str(v).strip()}


def index_ntriples(graph) -> bytes:
    """N-Triples of the lookup index of a partition's graph (networkx): keys and type of each of
    its own nodes, and the lookup card of every node it touches (a partial card for a node of
    another partition: the edges this partition adds to it)."""
    from rdflib import RDF, Literal, URIRef

    key_p, loose_p, card_p = f"<{KG_ONTOLOGY}lookupKey>", f"<{KG_ONTOLOGY}lookupLoose>", f"<{KG_ONTOLOGY}card>"
    type_p = URIRef(RDF.type).n3()
    lines = []
    for node, data in graph.nodes(data=True):
        s = URIRef(curie_to_iri(node)).n3()
        lines.append(f"{s} {card_p} {Literal(_card_json(graph, node)).n3()} .")
        if data.get("foreign"):
            continue
        lines.append(f"{s} {type_p} <{KG_ONTOLOGY}{data['type']}> .")
        for k in sorted(keys_for(node, data)):
            lines.append(f"{s} {key_p} {Literal(k).n3()} .")
            if loose(k):
                lines.append(f"{s} {loose_p} {Literal(loose(k)).n3()} .")
    return ("\n".join(sorted(set(lines))) + "\n").encode("utf-8")


def _card_json(graph, node: str) -> str:
    import json

    return json.dumps(card(graph, node), ensure_ascii=False, sort_keys=True)


def _q(store, query: str, **bind: Any) -> Iterable:
    """Run ``query`` on the store's lookup index with ``bind`` bound as RDF terms: pyoxigraph
    terms as they are, anything else (what a user typed, ``<script>`` say) as a literal, never an IRI.

    >>> import pyoxigraph as ox, types
    >>> ox_store = ox.Store()
    >>> ox_store.add(ox.Quad(ox.NamedNode("http://a"), ox.NamedNode(KG_ONTOLOGY + "lookupKey"), ox.Literal("<a b>")))
    >>> st = types.SimpleNamespace(index_query=ox_store.query)
    >>> [r["n"].value for r in _q(st, "SELECT ?n WHERE { ?n kg:lookupKey ?k }", k="<a b>")]
    ['http://a']
    """
    import pyoxigraph as ox

    from kg.store.local import with_values

    terms = {k: v if isinstance(v, (ox.NamedNode, ox.Literal)) else ox.Literal(v) for k, v in bind.items()}
    return store.index_query(PREFIX_DECL + with_values(query, terms))


def resolve(store, term: str, types: tuple[str, ...] = ()) -> list[str]:
    """CURIEs of the entities ``term`` names (optionally only of the given types).

    Exact keys win; letters-and-digits matching is the fallback.
    """
    found: list[str] = []
    for prop, key in (("lookupKey", normalize(term)), ("lookupKey", normalize(normalize_ref(term))),
                      ("lookupLoose", loose(term))):
        if not key:
            continue
        rows = _q(store, f"SELECT DISTINCT ?n ?t ?key WHERE {{ ?n kg:{prop} ?key ; a ?t }}", key=key)
        for r in rows:
            t = r["t"].value.rsplit("#", 1)[-1]
            if (not types or t in types) and iri_to_curie(r["n"].value) not in found:
                found.append(iri_to_curie(r["n"].value))
        if found:
            break
    return found


def resolve_one(store, term: str, types: tuple[str, ...] = ()) -> str:
    """The CURIE ``term`` names (the first match of the given types), as every command and the
    Python API resolve what users type; :class:`NotFoundError` with suggestions if none."""
    ids = resolve(store, term, types) if term.strip() else []
    if not ids:
        raise NotFoundError(term, suggestions(store, term) if term.strip() else [])
    return ids[0]


def suggestions(store, term: str, n: int = 5) -> list[str]:
    """Known names close to ``term`` (for "did you mean")."""
    rows = _q(store, "SELECT DISTINCT ?key WHERE { ?n kg:lookupKey ?key }")
    keys = [r["key"].value for r in rows]
    want = normalize(term)
    close = difflib.get_close_matches(want, keys, n=n, cutoff=0.6)
    words = sorted(k for k in keys if want in k.split() or f" {want} " in f" {k} ")
    return list(dict.fromkeys(close + words))[:n]


def _neighbour_order(x: dict[str, Any]) -> tuple:
    return (x["direction"], x["predicate"], x["node"]["type"], x["node"]["name"], x["record"] or "")


def card(graph, node: str) -> dict[str, Any]:
    """What ``kg lookup`` shows for ``node``: identifiers, attributes, sources, and every edge in
    or out of it with its evidence. Computed from the graph at build time and stored with the
    index; for a node of another partition (``foreign``) only its id and the edges of this graph.
    """
    data = dict(graph.nodes[node])
    neighbours = []
    for direction, edges in (("out", graph.out_edges(node, keys=True, data=True)),
                             ("in", graph.in_edges(node, keys=True, data=True))):
        for u, v, key, d in edges:
            other = v if direction == "out" else u
            od = graph.nodes[other]
            neighbours.append({
                "direction": direction, "predicate": _LABELS.get(d["predicate"], d["predicate"]),
                "node": {"id": other, "type": od["type"], "name": od["name"]},
                "level": d.get("level"), "evidence_direction": d.get("direction"), "sources": d.get("sources", []),
                "record": d.get("id"),
                "qualifiers": {k: v for k, v in sorted(d.items()) if k not in _SKIP_EDGE},
            })
    neighbours.sort(key=_neighbour_order)
    if data.get("foreign"):
        return {"id": node, "neighbours": neighbours}
    attrs = {k: v for k, v in sorted(data.items()) if k not in ("type", "name", "sources", "xrefs")}
    return {"id": node, "type": data["type"], "name": data["name"], "identifiers": [node] + data.get("xrefs", []),
            "attributes": attrs, "sources": data.get("sources", []), "neighbours": neighbours}


_SKIP_EDGE = {"predicate", "sources", "level", "direction", "id"}


def describe(store, node: str) -> dict[str, Any]:
    """The lookup card of ``node`` (a CURIE), read from the store's index: the card its own
    partition wrote, with the neighbours every other partition adds to it."""
    import json

    import pyoxigraph as ox

    from kg.errors import StoreError

    rows = list(_q(store, "SELECT ?card WHERE { ?n kg:card ?card }", n=ox.NamedNode(curie_to_iri(node))))
    cards = [json.loads(r["card"].value) for r in rows]
    own = [c for c in cards if c.get("type") and "identifiers" in c]
    if not own:
        raise StoreError(f"the store has no lookup card for {node}: rebuild it with 'kg build'")
    merged = dict(own[0])
    merged["neighbours"] = sorted((n for c in cards for n in c["neighbours"]), key=_neighbour_order)
    return merged


def lookup(store, term: str) -> list[dict[str, Any]]:
    """Every entity ``term`` names, described; :class:`NotFoundError` with suggestions if none.

    Matching is case-insensitive over names, synonyms, brands, codes, CURIEs, bare ids, NCT
    numbers, trial acronyms and aliases, PMIDs and DOIs.
    """
    if not term.strip():
        raise NotFoundError(term)
    nodes = resolve(store, term)
    if not nodes:
        raise NotFoundError(term, suggestions(store, term))
    return [describe(store, n) for n in nodes]


__all__ = ["lookup", "resolve", "resolve_one", "suggestions", "describe", "normalize", "loose", "keys_for",
           "index_ntriples", "card"]
