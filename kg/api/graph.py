"""The graph for Python users: ``kg.open()`` and one method per named question.

Each method resolves what it is given (a name, synonym, brand, code or id, as the CLI does)
with the store's lookup index, calls the :mod:`kg.query` function behind the matching
``kg query`` command, and wraps each dict it returns in a typed result
(:mod:`kg.api.results`): whatever those functions return, the results carry.

In the examples ``store`` is a store that ``kg build`` wrote from the curated files in ``data/``:

>>> import kg
>>> g = kg.open(store)
>>> [(a.date, a.status) for a in g.withdrawn("atezolizumab")]
[('2016-05-18', 'withdrawn'), ('2017-04-17', 'withdrawn'), ('2019-03-08', 'withdrawn')]
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from kg.api.results import Approval, Contradiction, Entity, Evidence, GraphPath, Results, TargetDrug, Trial


class Graph:
    """An open store, read-only. Questions return :class:`~kg.api.results.Results` (lists of
    typed results); names that match nothing raise :class:`kg.errors.NotFoundError` with
    close names as suggestions, bad input :class:`kg.errors.QueryError`, a missing store
    :class:`kg.errors.StoreError`: all of them :class:`kg.errors.KGError`."""

    def __init__(self, store) -> None:
        self.store = store

    @classmethod
    def open(cls, path: str | os.PathLike | None = None) -> "Graph":
        """Open the store at ``path``, else ``$KG_STORE``, else ``exports/store`` (as the CLI does)."""
        from kg.store.local import open_store, store_path

        return cls(open_store(store_path(path)))

    @property
    def location(self) -> Path:
        """The store's folder."""
        return self.store.path

    def __repr__(self) -> str:
        return f"kg.Graph({str(self.location)!r})"

    def stats(self) -> dict[str, Any]:
        """What the store holds (node, edge and triple counts by type and predicate, the
        partitions) and when and from what it was built, as ``kg stats`` shows it.

        >>> kg.open(store).stats()["nodes_by_type"]["Approval"] > 150
        True
        """
        from kg.store.local import read_meta

        return read_meta(self.location)

    # -- names -------------------------------------------------------------------------------

    def resolve(self, term: str, *types: str) -> str:
        """The id ``term`` names (a name, synonym, brand, code, CURIE, NCT number, PMID, DOI...),
        of one of ``types`` if any are given.

        >>> g = kg.open(store)
        >>> g.resolve("Tecentriq"), g.resolve("triple-negative breast cancer", "Indication")
        ('DRUGBANK:DB11595', 'MONDO:0005494')
        """
        from kg.query.lookup import resolve_one

        return resolve_one(self.store, _text(term, "term"), tuple(types))

    def _drug(self, drug: str | None) -> str | None:
        return None if drug is None else self.resolve(drug, "Drug")

    def lookup(self, term: str) -> Results:
        """Every entity ``term`` names, with its identifiers, attributes, sources and neighbours.

        >>> [(e.name, e.type, len(e.neighbours) > 100) for e in kg.open(store).lookup("MPDL3280A")]
        [('atezolizumab', 'Drug', True)]
        """
        from kg.query.lookup import lookup

        return Results(Entity(e) for e in lookup(self.store, _text(term, "term")))

    # -- named questions ---------------------------------------------------------------------

    def approvals(self, drug: str | None = None) -> Results:
        """Every approval (of ``drug``, if given) with the trials behind it, oldest first.

        >>> a = kg.open(store).approvals("Tecentriq")[0]
        >>> a.date, a.status, [t.acronym for t in a.trials], [t.acronym for t in a.withdrawal.failed_trials]
        ('2016-05-18', 'withdrawn', ['IMvigor210', 'IMvigor211'], ['IMvigor211'])
        >>> kg.open(store).approvals("bevacizumab")  # a known drug with no approval of its own in the graph
        []
        """
        from kg.query.approvals import approvals

        return Results(Approval(a) for a in approvals(self.store, self._drug(drug)))

    def withdrawn(self, drug: str | None = None) -> Results:
        """Withdrawn approvals (of ``drug``, if given): the sponsor's announcement and the agency's
        effective date, each with its sources, and the confirmatory trials that failed.

        >>> [(a.withdrawal.announced, a.withdrawal.effective) for a in kg.open(store).withdrawn("atezolizumab")]
        [('2021-03-07', '2021-04-13'), ('2022-11-28', '2022-12-02'), ('2021-08-27', '2021-10-06')]
        """
        from kg.query.approvals import withdrawn

        return Results(Approval(a) for a in withdrawn(self.store, self._drug(drug)))

    def as_of(self, date: str, drug: str | None = None) -> Results:
        """Approvals in force on ``date`` (YYYY-MM-DD): granted by then, not yet withdrawn (the
        agency's effective date counts, not the sponsor's announcement) and not yet replaced.

        >>> g = kg.open(store)  # atezolizumab in TNBC: withdrawal announced 2021-08-27, effective 2021-10-06
        >>> len(g.as_of("2021-09-15", drug="atezolizumab")), len(g.as_of("2021-10-06", drug="atezolizumab"))
        (13, 12)
        """
        from kg.errors import QueryError
        from kg.query.approvals import as_of

        drug_id = self._drug(drug)
        try:
            found = as_of(self.store, _text(date, "date"), drug_id)
        except ValueError as exc:
            raise QueryError(f"bad date {date!r}: {exc}") from None
        return Results(Approval(a) for a in found)

    def evidence(self, drug: str, indication: str, *, claims: bool = True) -> Results:
        """Every approval, trial result and (with ``claims``) document claim for ``drug`` in
        ``indication``, graded: by setting, then evidence level.

        >>> ev = kg.open(store).evidence("atezolizumab", "TNBC")
        >>> ev[0].kind, ev[1].trial, sorted({e.direction for e in ev})
        ('approval', 'IMpassion130', ['does not support', 'inconclusive', 'supports'])
        """
        from kg.query.evidence import evidence

        found = evidence(self.store, self.resolve(drug, "Drug"), self.resolve(indication, "Indication"),
                         claims=claims)
        return Results(Evidence(e) for e in found)

    def trials(self, drug: str, *, phase: str | int | None = None, negative: bool = False) -> Results:
        """The trials of ``drug`` with their results; only one ``phase`` (3, "III", "phase 3"),
        or only trials with a result that does not support the drug (``negative``).

        >>> [t.acronym for t in kg.open(store).trials("atezolizumab", phase=3, negative=True)][:3]
        ['ALEXANDRA', 'GeparDouze/NSABP B-59', 'IMpassion131']
        """
        from kg.query.trials import trials

        return Results(Trial(t) for t in trials(self.store, self.resolve(drug, "Drug"), phase=phase,
                                                 negative=negative))

    def drugs_for_target(self, target: str, *, include_spared: bool = False) -> Results:
        """Drugs that bind, block, inhibit or activate ``target``.

        >>> [(d.drug.name, d.actions) for d in kg.open(store).drugs_for_target("PD-L1")][:2]
        [('atezolizumab', ['binds']), ('avelumab', ['binds'])]
        """
        from kg.query.targets import drugs_for_target

        found = drugs_for_target(self.store, self.resolve(target, "Target"), include_spared=include_spared)
        return Results(TargetDrug(d) for d in found)

    def contradictions(self) -> Results:
        """Drug-indication pairs whose evidence points both ways, by setting.

        >>> [c.indication.name for c in kg.open(store).contradictions() if c.drug.name == "atezolizumab"]
        ['non-small cell lung carcinoma', 'triple-negative breast carcinoma', 'urothelial carcinoma']
        """
        from kg.query.evidence import contradictions

        return Results(Contradiction(c) for c in contradictions(self.store))

    def path(self, source: str, target: str, *, max_paths: int = 5) -> Results:
        """Up to ``max_paths`` shortest paths from ``source`` to ``target``, each step with the
        edges that link it and their evidence; empty when the two are not connected.

        >>> kg.open(store).path("atezolizumab", "PD-1")
        [GraphPath(atezolizumab -> PD-1)]
        """
        from kg.query.path import path

        if not isinstance(max_paths, int) or max_paths < 1:
            from kg.errors import QueryError

            raise QueryError(f"max_paths must be a positive whole number, not {max_paths!r}")
        found = path(self.store, self.resolve(source), self.resolve(target), max_paths=max_paths)
        return Results(GraphPath(p) for p in found)

    # -- SPARQL and whole-graph views ----------------------------------------------------------

    def sparql(self, query: str, *, timeout: float = 30.0, **bindings: Any) -> Any:
        """Run a read-only SPARQL query (SELECT, ASK, CONSTRUCT, DESCRIBE) as ``kg sparql`` does:
        the project's prefixes declared, updates, SERVICE and LOAD refused, a time limit, and
        each keyword argument *bound* to its variable (a CURIE or ``<IRI>`` becomes an IRI,
        anything else a literal; a bound variable must be selected too). SELECT gives a list
        of dicts (IRIs as CURIEs where a prefix covers them, literals as Python values), ASK a
        bool, CONSTRUCT and DESCRIBE a list of ``(subject, predicate, object)`` pyoxigraph terms.

        >>> g = kg.open(store)
        >>> g.sparql("SELECT ?d ?name WHERE { ?d kg:name ?name }", d="DRUGBANK:DB11595")
        [{'d': 'DRUGBANK:DB11595', 'name': 'atezolizumab'}]
        >>> g.sparql("ASK { ?d kg:name ?n }", n="x' } DROP ALL")
        False
        """
        from kg.query.sparql import check_query, parse_binding, sparql

        form = check_query(_text(query, "query"))
        binds = dict(parse_binding(f"{k}={v}") if isinstance(v, str) else (k, ("literal", v))
                     for k, v in bindings.items())
        if form in ("CONSTRUCT", "DESCRIBE"):
            import pyoxigraph as ox

            data = sparql(str(self.location), query, bindings=binds, fmt="nt", timeout=timeout)
            return [(t.subject, t.predicate, t.object) for t in ox.parse(data, format=ox.RdfFormat.N_TRIPLES)]
        return _rows(sparql(str(self.location), query, bindings=binds, fmt="json", timeout=timeout))

    def to_networkx(self):
        """The whole graph as a networkx ``MultiDiGraph`` (nodes by CURIE with their type, name
        and attributes; edges keyed as the build keys them, with predicate and evidence).

        >>> nx_graph = kg.open(store).to_networkx()
        >>> nx_graph.number_of_nodes() == kg.open(store).stats()["nodes"], nx_graph.nodes["HGNC:17635"]["name"]
        (True, 'PD-L1')
        """
        from kg.export.networkx_graph import store_networkx

        return store_networkx(self.store)

    def to_rdflib(self):
        """The whole graph as an rdflib ``Graph`` with the project's prefixes bound (every
        triple as a Python object: for large graphs prefer :meth:`sparql` or ``kg export``).

        >>> len(kg.open(store).to_rdflib()) == kg.open(store).stats()["triples"]
        True
        """
        from kg.export.rdf import store_graph

        return store_graph(self.store)


def _text(value: Any, what: str) -> str:
    if not isinstance(value, str):
        from kg.errors import QueryError

        raise QueryError(f"the {what} must be text, not {type(value).__name__}")
    return value


def _rows(data: bytes) -> Any:
    """SPARQL JSON results -> a bool (ASK) or a list of dicts of Python values.

    >>> _rows(b'{"head": {"vars": ["n"]}, "results": {"bindings": [{"n": {"type": "literal", "value": "2", '
    ...       b'"datatype": "http://www.w3.org/2001/XMLSchema#integer"}}]}}')
    [{'n': 2}]
    """
    import json

    import pyoxigraph as ox

    from kg.schema.ids import iri_to_curie
    from kg.store.local import term_value

    doc = json.loads(data)
    if "boolean" in doc:
        return bool(doc["boolean"])

    def value(t: dict[str, str]) -> Any:
        if t["type"] == "uri":
            return iri_to_curie(t["value"])
        if t["type"] == "bnode":
            return "_:" + t["value"]
        if "datatype" in t:
            return term_value(ox.Literal(t["value"], datatype=ox.NamedNode(t["datatype"])))
        return t["value"]

    names = doc["head"].get("vars", [])
    return [{n: value(b[n]) if n in b else None for n in names} for b in doc["results"]["bindings"]]


__all__ = ["Graph"]
