"""Typed model -> networkx ``MultiDiGraph``.

Nodes are keyed by CURIE and carry ``type`` (Drug, Target, Trial, Indication, Approval,
Publication, Document, Organization), ``name`` and their attributes. Edges are keyed by
predicate CURIE (``kg:binds``); an edge that comes from a record which may repeat between the
same two nodes (a trial result, a claim, an approval) is keyed ``<predicate>#<record id>``.
Every edge carries ``predicate`` and ``sources``; evidence edges also ``level`` and
``direction``.

>>> from kg.schema import model
>>> s = (model.Source("PMID:1"),)
>>> ds = model.Dataset({"drugs": (model.Drug(id="DRUGBANK:DB00001", name="x", sources=s),),
...                     "targets": (model.Target(id="HGNC:1", name="T", symbol="T", sources=s),),
...                     "mechanisms": (model.Mechanism(id="KG:m", drug="DRUGBANK:DB00001",
...                                    target="HGNC:1", action="binds", sources=s),)})
>>> g = build_graph(ds)
>>> list(g.edges(keys=True))
[('DRUGBANK:DB00001', 'HGNC:1', 'kg:binds')]
"""
from __future__ import annotations

import dataclasses
from typing import Any

import networkx as nx

from kg.schema import model
from kg.schema.approval import status_of, withdrawal_dates
from kg.schema.vocab import LIST_ATTRS, PREDICATES, level_of_phase  # noqa: F401 (level_of_phase re-exported)

def _sources(sources: tuple[model.Source, ...]) -> dict[str, Any]:
    out: dict[str, Any] = {"sources": sorted({s.id for s in sources})}
    for attr, field in (("source_locators", "where"), ("source_records", "record"), ("source_releases", "release")):
        found = {s.id: getattr(s, field) for s in sources if getattr(s, field)}
        if found:
            out[attr] = found
    agents = {s.agent for s in sources if s.agent}
    if agents:  # curated facts carry no agent; a fact with any curated source counts as curated
        out["agent_type"] = "manual_agent" if len(agents) < len(sources) else sorted(agents)[0]
    return out


def _mappings(mappings: tuple[model.Mapping, ...]) -> dict[str, Any]:
    """An indication's codes in other vocabularies: exact matches apart from the weaker database
    cross-references, and by code the mapping set, justification, name and the name's source."""
    return {"exact_matches": [m.object for m in mappings if m.predicate == "skos:exactMatch"],
            "db_xrefs": [m.object for m in mappings if m.predicate == "oboInOwl:hasDbXref"],
            "mapping_sources": {m.object: m.source for m in mappings},
            "mapping_justifications": {m.object: m.justification for m in mappings},
            "mapping_labels": {m.object: m.label for m in mappings if m.label},
            "mapping_label_sources": {m.object: m.label_source for m in mappings if m.label_source}}


def _setting(setting: model.Setting | None) -> dict[str, Any]:
    if setting is None:
        return {}
    return {f"setting_{k}": v for k, v in dataclasses.asdict(setting).items() if v is not None}


def _clean(attrs: dict[str, Any]) -> dict[str, Any]:
    """Drop empty values; sort list attributes so the graph is canonical."""
    out = {}
    for k, v in attrs.items():
        if v is None or v == () or v == [] or v == {}:
            continue
        if k in LIST_ATTRS:
            v = sorted(set(v))
        out[k] = v
    return out


def node_label(rec: model.Record, name_of=lambda ident: ident) -> tuple[str, str]:
    """(type, name) of the node a record becomes, as :func:`build_graph` names it; ``name_of``
    gives the names of the nodes it refers to (an approval is named after its agency, drug
    and indications).

    >>> node_label(model.Trial(id="NCT1", acronym="OAK", phase="phase 3", sources=()))
    ('Trial', 'OAK')
    """
    kind = rec.kind_name
    if isinstance(rec, model.Publication):
        return kind, _citation(rec)
    if isinstance(rec, model.Trial):
        return kind, rec.acronym
    if isinstance(rec, model.Document):
        return kind, rec.title
    if isinstance(rec, model.Approval):
        ind = " / ".join(name_of(i) for i in rec.indication)
        return kind, f"{name_of(rec.agency)} {rec.date} {name_of(rec.drug)}: {ind}"
    return kind, getattr(rec, "name", rec.id)


class _Builder:
    def __init__(self, context: dict[str, model.Record] | None = None) -> None:
        self.g = nx.MultiDiGraph()
        self.names: dict[str, str] = {}
        self.context = context or {}

    def name_of(self, ident: str) -> str:
        """The name of node ``ident``: built here, or a record of the context, else the id."""
        if ident not in self.names and ident in self.context:
            self.names[ident] = node_label(self.context[ident], self.name_of)[1]
        return self.names.get(ident, ident)

    def mark_foreign(self) -> None:
        """Nodes that only edges created (records of the context) get their type and name, and
        ``foreign=True``: they belong to another partition, which writes their own triples."""
        for n, data in self.g.nodes(data=True):
            if "type" not in data:
                rec = self.context.get(n)
                kind, name = node_label(rec, self.name_of) if rec is not None else ("Thing", n)
                data.update(type=kind, name=name, foreign=True)

    def node(self, node_id: str, type_: str, name: str, **attrs: Any) -> None:
        self.names[node_id] = name
        self.g.add_node(node_id, type=type_, name=name, **_clean(attrs))

    def edge(self, u: str, v: str, predicate: str, record: str | None = None, **attrs: Any) -> None:
        pred = PREDICATES[predicate]
        key = f"{pred}#{record}" if record else pred
        attrs = _clean(attrs)
        if self.g.has_edge(u, v, key):  # the same structural fact from two records: merge sources
            data = self.g.edges[u, v, key]
            data["sources"] = sorted(set(data["sources"]) | set(attrs.get("sources", [])))
            if "source_locators" in attrs:
                data.setdefault("source_locators", {}).update(attrs["source_locators"])
            return
        if record:
            attrs["id"] = record
        self.g.add_edge(u, v, key=key, predicate=pred, **attrs)


def build_graph(dataset: model.Dataset, context: dict[str, model.Record] | None = None) -> nx.MultiDiGraph:
    """Turn a checked :class:`~kg.schema.model.Dataset` into the knowledge graph.

    ``context`` holds, by id, the records of other partitions of the graph that this dataset's
    records refer to (see :mod:`kg.build`): their names and phases are read, and the nodes they
    become are marked ``foreign`` (their own triples are written by their partition).
    """
    b = _Builder(context)
    r = dataset.records
    for o in r.get("organizations", ()):
        b.node(o.id, "Organization", o.name, synonyms=o.synonyms, organization_kind=o.kind, url=o.url,
               **_sources(o.sources))
    for d in r.get("drugs", ()):
        facts = [f"{f.property}: {f.value}" + (f" ({f.scheme})" if f.scheme else "") for f in d.facts]
        srcs = d.sources + tuple(s for f in d.facts for s in f.sources)
        b.node(d.id, "Drug", d.name, synonyms=d.synonyms, brands=d.brands, codes=d.codes, xrefs=d.xrefs,
               drug_kind=d.kind, description=d.description, facts=facts, **_sources(srcs))
    for t in r.get("targets", ()):
        b.node(t.id, "Target", t.name, symbol=t.symbol, synonyms=t.synonyms, xrefs=t.xrefs, **_sources(t.sources))
    for i in r.get("indications", ()):
        b.node(i.id, "Indication", i.name, synonyms=i.synonyms, xrefs=i.xrefs, no_mondo_reason=i.no_mondo_reason,
               **_mappings(i.mappings), **_sources(i.sources))
    for p in r.get("publications", ()):
        b.node(p.id, "Publication", _citation(p), title=p.title, authors=", ".join(p.authors) or None,
               journal=p.journal, year=p.year, date=p.date, volume=p.volume, issue=p.issue, pages=p.pages,
               doi=p.doi, pmid=p.pmid, pmcid=p.pmcid, publication_kind=p.kind, citation=p.citation,
               **_sources(p.sources))
    for t in r.get("trials", ()):
        arms = [f"{a.name} ({a.role}" + (f", n={a.n}" if a.n is not None else "") + ")" for a in t.arms]
        b.node(t.id, "Trial", t.acronym, acronym=t.acronym, aliases=t.aliases, title=t.title, phase=t.phase,
               level=level_of_phase(t.phase), design=t.design, randomised=t.randomised, blinding=t.blinding,
               arms=arms, enrollment=t.enrollment, enrollment_note=t.enrollment_note,
               population_counts={k: int(v) for k, v in t.population_counts.items()},
               primary_endpoints=t.primary_endpoints, countries=t.countries, sites=t.sites,
               start_date=t.start_date, completion_date=t.completion_date, status=t.status, xrefs=t.xrefs,
               notes=t.notes, not_in_sources=t.not_in_sources, **_setting(t.setting), **_sources(t.sources))
    for doc in r.get("documents", ()):
        b.node(doc.id, "Document", doc.title, title=doc.title, document_kind=doc.kind,
               authors=", ".join(doc.authors) or None, date=doc.date, topic=doc.topic, path=doc.path,
               sha256=doc.sha256, url=doc.url, **_sources(doc.sources))
    for a in r.get("approvals", ()):
        _approval_node(b, a)
    for e in r.get("evidence", ()):
        b.node(e.id, "Evidence", e.name, level=e.level, direction=e.direction, biomarker=e.biomarker,
               disease=e.disease, source_level=e.source_level, source_direction=e.source_direction,
               significance=e.significance, evidence_type=e.evidence_type,
               therapy_interaction=e.therapy_interaction, statement=e.statement, citation=e.citation,
               **_sources(e.sources))
    # edges, now that every node exists and has a name
    for t in r.get("trials", ()):
        _trial_edges(b, t)
    for p in r.get("publications", ()):
        for trial in p.trials:
            b.edge(trial, p.id, "reported in", **_sources(p.sources))
    for d in r.get("drugs", ()):
        for c in d.components:
            b.edge(d.id, c, "has component", **_sources(d.sources))
    for m in r.get("mechanisms", ()):
        b.edge(m.drug, m.target, m.action, record=None, via=m.via, note=m.note,
               level=m.level, direction="supports", **_sources(m.sources))
    for res in r.get("results", ()):
        _result_edge(b, res)
    trials = {**{k: v for k, v in b.context.items() if isinstance(v, model.Trial)},
              **{t.id: t for t in r.get("trials", ())}}
    for a in r.get("approvals", ()):
        _approval_edges(b, a, trials)
    for doc in r.get("documents", ()):
        if doc.publisher:
            b.edge(doc.id, doc.publisher, "published by", **_sources(doc.sources))
    for c in r.get("claims", ()):
        _claim_edges(b, c)
    for e in r.get("evidence", ()):
        _evidence_edges(b, e)
    b.mark_foreign()
    return b.g


def _evidence_edges(b: _Builder, e: model.Evidence) -> None:
    """An evidence statement: drug -> indication edges keyed by the statement (its level,
    direction and the source's own values), and edges from the statement's node to what it is
    about, to the trials it cites and to where it was published."""
    src = _sources(e.sources)
    graded = dict(level=e.level, direction=e.direction, significance=e.significance, evidence_type=e.evidence_type)
    if e.indication:
        for drug in e.drugs:
            b.edge(drug, e.indication, "evidence about", record=e.id, evidence=e.id, biomarker=e.biomarker,
                   source_level=e.source_level, source_direction=e.source_direction,
                   therapy_interaction=e.therapy_interaction, **graded, **src)
        b.edge(e.id, e.indication, "about indication", **src)
    for drug in e.drugs:
        b.edge(e.id, drug, "about drug", **src)
    for target in e.targets:
        b.edge(e.id, target, "biomarker on", biomarker=e.biomarker, **src)
    for trial in e.trials:
        b.edge(e.id, trial, "from trial", source_level=e.source_level, **graded, **src)
    for pub in e.publications:
        b.edge(e.id, pub, "reported in", **src)


def _citation(p: model.Publication) -> str:
    if p.citation and not p.authors:
        return p.citation
    first = p.authors[0].split()[0] if p.authors else (p.journal or "")
    return " ".join(x for x in (first, "et al." if len(p.authors) != 1 and p.authors else "",
                                p.journal or "", str(p.year or "")) if x) or p.title or p.id


def _trial_edges(b: _Builder, t: model.Trial) -> None:
    src = _sources(t.sources)
    for cond in t.conditions:
        b.edge(t.id, cond, "studied in", **_setting(t.setting), **src)
    for drug in t.interventions:
        arm_names = [a.name for a in t.arms if drug in a.drugs]
        roles = sorted({a.role for a in t.arms if drug in a.drugs})
        b.edge(t.id, drug, "tests intervention", arm_names=arm_names, role=", ".join(roles) or None, **src)
    if t.sponsor:
        b.edge(t.id, t.sponsor, "sponsored by", **src)
    for org in t.collaborators:
        b.edge(t.id, org, "collaborator", **src)
    for pub in t.publications:
        b.edge(t.id, pub, "reported in", **src)


def _result_edge(b: _Builder, res: model.Result) -> None:
    low, high = (res.ci + (None, None))[:2]
    b.edge(res.drug, res.indication, "clinical evidence for", record=res.id, trial=res.trial,
           result_kind=res.kind, endpoint=res.endpoint, population=res.population, comparison=res.comparison,
           measure=res.measure, value=res.value, ci_low=low, ci_high=high,
           ci_level=res.ci_level if res.ci_level is not None else (95.0 if res.ci else None),
           p=res.p, p_text=res.p_text, arm_values=res.arm_values, unit=res.unit, met=res.met,
           analysis=res.analysis, date=res.date, note=res.note, level=res.level, direction=res.direction,
           **_setting(res.setting), **_sources(res.sources))


#: Event kind -> the predicate of its edge (from the approval to who decided or announced it,
#: or, for a superseded approval, to the approval that replaced it).
EVENT_PREDICATES = {
    "approval announced": "approval announced by", "converted": "converted by", "narrowed": "narrowed by",
    "label changed": "label changed by", "safety alert": "safety alert by", "superseded": "superseded by",
    "withdrawal announced": "withdrawal announced by", "withdrawn": "withdrawn by",
}


def _approval_node(b: _Builder, a: model.Approval) -> None:
    announced, withdrawn = withdrawal_dates(a)
    b.node(a.id, "Approval", node_label(a, b.name_of)[1], product=a.product,
           date=a.date, date_is=a.date_is or "agency decision", date_note=a.date_note, approval_type=a.type,
           status=status_of(a), label_text=a.label_text, basis=a.basis, regimen=a.regimen, no_pivotal_reason=a.no_pivotal_reason,
           withdrawal_date=withdrawn, withdrawal_announced=announced, notes=a.notes, level="regulatory approval",
           **_setting(a.setting), **_sources(a.sources))


def _approval_edges(b: _Builder, a: model.Approval, trials: dict[str, model.Trial]) -> None:
    """An approval's edges: what it approves (drug, indications, partners), who granted it and when,
    the trials behind it (pivotal, confirmatory: with what became of them), and one edge per
    event of its life, each with the event's own date, trials and sources."""
    src = _sources(a.sources)
    status = status_of(a)
    withdrawn = withdrawal_dates(a)[1]
    b.edge(a.id, a.drug, "approval of", **src)
    b.edge(a.id, a.agency, "granted by", date=a.date, date_is=a.date_is or "agency decision", **src)
    for ind in a.indication:
        b.edge(a.id, ind, "for indication", **src)
        b.edge(a.drug, ind, "approved for", record=a.id, approval=a.id, date=a.date, status=status,
               withdrawal_date=withdrawn, level="regulatory approval", direction="supports",
               **_setting(a.setting), **src)
    for drug in a.partners:
        b.edge(a.id, drug, "in combination with", **src)
    outcome: dict[str, tuple[str, str, dict]] = {}  # trial -> (outcome, direction, sources) from the events
    for e in a.events:
        for t in e.trials:
            if e.event == "withdrawn":
                outcome[t] = (f"failed: approval withdrawn {e.date}", "does not support", _sources(e.sources))
            elif e.event == "converted":
                outcome[t] = (f"verified clinical benefit: converted to regular approval {e.date}", "supports",
                              _sources(e.sources))
    for trial in a.pivotal_trials:
        b.edge(a.id, trial, "supported by", role="pivotal", outcome="supported approval",
               level=_trial_level(trials[trial]), direction="supports", **src)
    for trial in dict.fromkeys(a.confirmatory_trials + tuple(outcome)):
        text, direction, esrc = outcome.get(trial, ("confirmatory", "supports", src))
        b.edge(a.id, trial, "supported by", record=f"{a.id}:confirmatory", role="confirmatory", outcome=text,
               level=_trial_level(trials[trial]), direction=direction, **esrc)
    for i, e in enumerate(a.events):
        target = e.replaced_by if e.event == "superseded" else (e.by or a.agency)
        b.edge(a.id, target, EVENT_PREDICATES[e.event], record=f"{a.id}:event-{i + 1}", event=e.event,
               date=e.date, date_is=e.date_kind, event_trial=e.trials, what_changed=e.change, reason=e.reason,
               note=e.note, **_sources(e.sources))


def _trial_level(t: model.Trial) -> str | None:
    """The evidence level a trial gives, None where its phase is not in the sources."""
    return level_of_phase(t.phase) if t.phase else None


def _claim_edges(b: _Builder, c: model.Claim) -> None:
    where = {c.document: c.where}
    srcs = sorted({c.document} | {s.id for s in c.sources})
    attrs = dict(statement=c.statement, claim_kind=c.kind, document=c.document, values=c.values,
                 level=c.level, direction=c.direction, accuracy=c.accuracy, accuracy_note=c.accuracy_note,
                 see=c.see, knowledge_level="knowledge_assertion", agent_type="manual_agent",
                 sources=srcs, source_locators=where, **_setting(c.setting))
    if c.object is None:
        b.edge(c.document, c.subject, "describes", record=c.id, **attrs)
    else:
        b.edge(c.subject, c.object, c.predicate, record=c.id, **attrs)
    for entity in {c.subject, c.object} - {None}:
        b.edge(c.document, entity, "mentions", sources=[c.document])
