"""``kg ingest``: an article -> typed model records, saved as one layer of the store.

A file is read (:mod:`kg.sources.text.read`), its entities found (:mod:`kg.sources.text.entities`) and its
claims extracted (:mod:`kg.sources.text.claims`). The records are a ``Document`` (unless a curated
document has the same SHA-256: then its id is reused and no Document is emitted), the
entities the graph does not know yet (``Drug``, ``Trial``, ``Publication``, typed and linked
to the known indications and drugs they are read with) and one ``Claim`` per claim, each with
the sentence as statement and its character offsets. Every record's source is the document,
with ``where="chars S-E"`` and ``agent="text_mining_agent"``. Curated records are never
re-emitted or changed: known entities are referred to by id. The records go into the layer
``doc-<first 12 hex of the sha256>`` (:func:`kg.build.save_layer`), so ingesting the same
file again changes nothing.

>>> claim_id("ab" * 32, {"kind": "approval", "start": 3})[:18]
'KG:claim-abababab-'
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.schema import model
from kg.sources.text.claims import ExtractedClaim, Reader
from kg.sources.text.facts import Facts
from kg.sources.text.entities import Matcher, Mention, slug
from kg.sources.text.read import Text, read

AGENT = "text_mining_agent"
_EVIDENCE_PREDICATES = ("result", "approved for", "has evidence level")
_KNOWN = ("KG:org-fda", "KG:org-ema", "KG:org-european-commission")


@dataclass
class Extraction:
    """What was read from one file: its text, document id, mentions and claims."""

    text: Text
    doc_id: str
    curated: bool  # the document is a curated record (same sha256): no Document is emitted
    mentions: list[Mention]
    claims: list[ExtractedClaim]
    phases: dict[str, str]

    @property
    def layer(self) -> str:
        """Name of the document's layer."""
        return "doc-" + self.text.sha256[:12]

    def document_json(self, with_text: bool = False) -> dict[str, Any]:
        """The ``document`` part of ``kg ingest --format json``."""
        doc = {"id": self.doc_id, "title": self.text.title, "path": self.text.path, "sha256": self.text.sha256,
               "format": self.text.format, "curated": self.curated, "layer": self.layer}
        if with_text:
            doc["text"] = self.text.text
        return doc

    def as_json(self, with_text: bool = False) -> dict[str, Any]:
        """``{"document", "entities", "claims"}`` as the issue gives them."""
        return {"document": self.document_json(with_text),
                "entities": [{"type": m.type, "id": m.id, "text": m.text, "start": m.start, "end": m.end, "new": m.new}
                             for m in self.mentions],
                "claims": [c.as_json() for c in self.claims]}


def extract_file(path: str | Path, store, matcher: Matcher | None = None, facts: Facts | None = None) -> Extraction:
    """Read ``path`` and extract its entities and claims against the graph in ``store``.

    Raises :class:`~kg.errors.DocumentError` for a file that cannot be read as text.
    """
    from kg.query.stored import run

    text = read(path)
    matcher = matcher or Matcher.from_store(store)
    facts = facts or Facts.from_store(store)
    doc_id, curated = None, False
    for r in run(store, "documents"):
        if r["sha"] == text.sha256:
            doc_id, curated = r["doc"], r["agent"] != AGENT
            break
    doc_id = doc_id or f"KG:doc-{slug(text.title)[:48].strip('-') or 'untitled'}-{text.sha256[:8]}"
    mentions = matcher.find(text.text)
    mentions = _own_entities(store, mentions, doc_id)
    reader = Reader(text.text, mentions, facts)
    claims = reader.run()
    return Extraction(text, doc_id, curated, mentions, claims, reader.phases)


def _own_entities(store, mentions: list[Mention], doc_id: str) -> list[Mention]:
    """Entities that only this document's earlier ingest put in the graph stay "new" (they
    belong to its layer, and must be emitted again for the layer to keep them)."""
    from kg.query.stored import run

    checked: dict[str, bool] = {}
    out = []
    for m in mentions:
        if not m.new and m.type in ("Drug", "Trial", "Publication"):
            if m.id not in checked:
                rows = list(run(store, "entity_sources", n=m.id))
                checked[m.id] = ({r["src"] for r in rows} == {doc_id} and {r["agent"] for r in rows} == {AGENT})
            if checked[m.id]:
                m = Mention(m.type, m.id, m.text, m.start, m.end, True)
        out.append(m)
    return out


def claim_id(sha256: str, claim: dict[str, Any]) -> str:
    """A stable id for a claim: the document's hash and a hash of what the claim says."""
    digest = hashlib.sha256(json.dumps(claim, sort_keys=True, default=str).encode()).hexdigest()[:12]
    return f"KG:claim-{sha256[:8]}-{digest}"


def _source(ex: Extraction, start: int, end: int) -> model.Source:
    return model.Source(ex.doc_id, where=f"chars {start}-{end}", agent=AGENT)


def _record_values(values: dict[str, Any]) -> dict[str, Any]:
    """Claim values as the model keeps them (scalars; yes/no for booleans)."""
    return {k: ({True: "yes", False: "no"}[v] if isinstance(v, bool) else v) for k, v in values.items()}


def to_records(ex: Extraction) -> list[model.Record]:
    """The typed records of an extraction: Document (unless curated), new entities, claims.

    A claim whose predicate needs an object it lacks is left out (it says nothing linkable), and
    so is a result claim without an evidence level (a trial whose phase neither the graph nor
    the article gives): the graph's evidence edges must carry one; so is a claim about a disease
    or target known only from the reader's lexicon (the graph holds no record of it to link to).
    A withdrawal is kept as an approval claim whose status is "withdrawn".
    """
    out: list[model.Record] = []
    if not ex.curated:
        out.append(model.Document(id=ex.doc_id, title=ex.text.title, kind="article", path=Path(ex.text.path).name,
                                  sha256=ex.text.sha256, sources=(model.Source(ex.doc_id, agent=AGENT),)))
    emitted = {m.id for m in ex.mentions if m.new and m.type in ("Drug", "Trial", "Publication")}
    linkable = {m.id for m in ex.mentions if not m.new} | emitted | set(_KNOWN)
    claims = [c for c in ex.claims if (c.object is not None or c.predicate == "describes")
              and (c.evidence_level or c.predicate not in _EVIDENCE_PREDICATES)
              and c.subject in linkable and (c.object is None or c.object in linkable)]
    firsts: dict[str, list[Mention]] = {}
    for m in ex.mentions:
        if m.new:
            firsts.setdefault(m.id, []).append(m)
    for ident, ms in firsts.items():
        first = ms[0]
        src = (_source(ex, first.start, first.end),)
        if first.type == "Drug":
            name = drug_name(first.text)
            out.append(model.Drug(id=ident, name=name, kind=_drug_kind(name), sources=src))
        elif first.type == "Trial":
            out.append(_trial(ex, ident, ms, claims, src))
        elif first.type == "Publication":
            kw = {"doi": ident[4:]} if ident.startswith("DOI:") else {"pmid": ident[5:]}
            out.append(model.Publication(id=ident, sources=src, **kw))
    seen = set()
    for c in claims:
        body = {"kind": c.kind, "subject": c.subject, "predicate": c.predicate, "object": c.object,
                "values": c.values, "start": c.start}
        cid = claim_id(ex.text.sha256, body)
        if cid in seen:
            continue
        seen.add(cid)
        out.append(model.Claim(id=cid, document=ex.doc_id, where=f"chars {c.start}-{c.end}",
                               kind="approval" if c.kind == "withdrawal" else c.kind,
                               subject=c.subject, predicate=c.predicate, object=c.object, statement=c.sentence,
                               values=_record_values(c.values), level=c.evidence_level, direction=c.direction,
                               start=c.start, end=c.end, sources=(_source(ex, c.start, c.end),)))
    return out


def drug_name(written: str) -> str:
    """A new drug's name for its record: the INN of a brand the reader knows, else the name as written.

    >>> drug_name("LUMAKRAS"), drug_name("Zelvomab")
    ('sotorasib', 'zelvomab')
    """
    from kg.sources.text.lexicon import BRANDS_FOLDED

    return BRANDS_FOLDED.get(written.casefold(), written.lower())


def _drug_kind(name: str) -> str | None:
    n = name.lower()
    if n.endswith(("vedotin", "deruxtecan", "govitecan", "emtansine", "mafodotin", "ozogamicin", "soravtansine")):
        return "antibody-drug conjugate"
    if n.split("-")[0].endswith("mab"):
        return "monoclonal antibody"
    if n.endswith(("nib", "lisib", "ciclib", "parib", "zomib", "degib", "rasib", "sertib", "clax")):
        return "small molecule"
    return None


def _trial(ex: Extraction, ident: str, ms: list[Mention], claims: list[ExtractedClaim], src) -> model.Trial:
    names = [m.text for m in ms if not m.text.upper().startswith("NCT")]
    acronym = names[0] if names else ms[0].text
    conditions = [c.object for c in claims if c.subject == ident and c.predicate in ("result", "studied in")
                  and c.object and c.object.startswith("MONDO:")]
    drugs = [c.subject for c in claims if c.object == ident and c.predicate == "tested in"]
    drugs += [c.object for c in claims if c.subject == ident and c.predicate == "has adverse events" and c.object]
    drugs += [c.values["drug"] for c in claims if c.subject == ident and c.values.get("drug")]
    phase = ex.phases.get(ident)
    return model.Trial(id=ident, acronym=acronym, sources=src, phase=phase if phase in model.PHASES else None,
                       aliases=tuple(dict.fromkeys(n for n in names[1:] if n != acronym)),
                       conditions=tuple(dict.fromkeys(conditions)), interventions=tuple(dict.fromkeys(drugs)))


def ingest(path: str | Path, store_path: str | Path, *, dry_run: bool = False,
           on_wait=None) -> tuple[Extraction, dict[str, Any] | None]:
    """Extract ``path`` and, unless ``dry_run``, save its records as the document's layer (only
    that layer's part of the store is rebuilt, see :func:`kg.build.save_layer`). Returns the
    extraction and the layer report (``None`` for a dry run).
    """
    from kg.build import save_layer
    from kg.store.local import open_store
    from kg.store.lock import writer_lock

    if dry_run:
        return extract_file(path, open_store(store_path)), None
    with writer_lock(store_path, on_wait=on_wait, command="kg ingest"):
        ex = extract_file(path, open_store(store_path))
        meta = {"command": "kg ingest", "path": Path(ex.text.path).name, "sha256": ex.text.sha256,
                "document": ex.doc_id}
        report = save_layer(store_path, ex.layer, to_records(ex), meta)
    return ex, report
