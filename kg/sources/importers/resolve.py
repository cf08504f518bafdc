"""Entity resolution for imports: find the node an imported record is about, by identifier
first and by exact normalised name only where the brief allows it; never by a fuzzy name.

The index holds the curated records and the records of every other layer of the store (the
importer builds it from the build's catalog, :func:`kg.build.open_catalog`, leaving out the
layer being imported, so that re-importing it resolves the same way as the first time). Rules:

- trial: by NCT number;
- drug: by id or xref (DrugBank, ChEMBL, NCIt), else by exact normalised name, synonym, brand or
  code, unless the named node has an id of the same scheme that differs from the record's;
- disease: by MONDO / DOID / NCIt id or xref (the curated indications carry the MONDO mappings);
  ClinicalTrials.gov condition names by exact normalised name or synonym;
- gene (target): by HGNC id, NCBI Gene id or xref, else by HGNC symbol;
- publication: by PMID or DOI; organisation: by exact normalised name or synonym.

A key that names two different nodes is ambiguous and resolves to nothing.

>>> from kg.schema import model
>>> s = (model.Source("PMID:1"),)
>>> r = Resolver([model.Drug(id="DRUGBANK:DB11595", name="atezolizumab", brands=("Tecentriq",),
...                          xrefs=("CHEMBL.COMPOUND:CHEMBL3707227",), sources=s)])
>>> r.drug(name="TECENTRIQ"), r.drug(ids=("CHEMBL.COMPOUND:CHEMBL3707227",)), r.drug(name="tecentrik")
('DRUGBANK:DB11595', 'DRUGBANK:DB11595', None)
>>> r.drug(ids=("DRUGBANK:DB00001",), name="atezolizumab") is None  # same name, other DrugBank id
True
"""
from __future__ import annotations

from typing import Iterable

from kg.schema import model
from kg.query.lookup import normalize

_AMBIGUOUS = "\0ambiguous"
_MISSING = object()
_NAME_ATTRS = {"Drug": ("name", "synonyms", "brands", "codes"), "Indication": ("name", "synonyms"),
               "Organization": ("name", "synonyms"), "Target": ("symbol",)}


class Resolver:
    """An index of existing nodes by identifier and by exact normalised name (see the module)."""

    def __init__(self, records: Iterable[model.Record] = ()):
        self.kinds: dict[str, str] = {}  # node id -> kind name
        self.ids: dict[tuple[str, str], str] = {}  # (kind, CURIE of the node or one of its xrefs) -> node id
        self.names: dict[tuple[str, str], str] = {}  # (kind, normalised name) -> node id
        self.schemes: dict[str, set[str]] = {}  # node id -> its CURIEs (id and xrefs)
        self._journal: list[tuple[dict, object, object]] | None = None  # (index, key, old value) since mark()
        for rec in records:
            self.add(rec)

    def mark(self) -> None:
        """Start recording changes, so that :meth:`undo` can take back what is added after this."""
        self._journal = []

    def undo(self) -> None:
        """Take back every record added since :meth:`mark` (a rejected input record's new nodes)."""
        for index, key, old in reversed(self._journal or []):
            if old is _MISSING:
                index.pop(key, None)
            else:
                index[key] = old
        self._journal = None

    def commit(self) -> None:
        """Keep what was added since :meth:`mark` (and stop recording)."""
        self._journal = None

    def _set(self, index: dict, key: object, value: object) -> None:
        if self._journal is not None:
            self._journal.append((index, key, index.get(key, _MISSING)))
        index[key] = value

    def add(self, rec: model.Record) -> None:
        """Index one record (also used for the new nodes an import creates as it goes)."""
        kind = rec.kind_name
        self._set(self.kinds, rec.id, kind)
        curies = {rec.id, *getattr(rec, "xrefs", ())}
        self._set(self.schemes, rec.id, curies)
        for c in curies:
            self._put(self.ids, (kind, c), rec.id)
        for attr in _NAME_ATTRS.get(kind, ()):
            value = getattr(rec, attr, None)
            for v in (value if isinstance(value, tuple) else (value,)):
                if v:
                    self._put(self.names, (kind, normalize(v)), rec.id)

    def _put(self, index: dict, key: tuple[str, str], node: str) -> None:
        self._set(index, key, _AMBIGUOUS if index.get(key, node) != node else node)

    def _by_id(self, kind: str, ids: Iterable[str]) -> str | None:
        for c in ids:
            found = self.ids.get((kind, c))
            if found and found != _AMBIGUOUS:
                return found
        return None

    def _by_name(self, kind: str, names: Iterable[str | None], ids: Iterable[str] = ()) -> str | None:
        ours = {c.split(":", 1)[0]: c for c in ids}
        for name in names:
            found = self.names.get((kind, normalize(name))) if name else None
            if not found or found == _AMBIGUOUS:
                continue
            theirs = {c.split(":", 1)[0]: c for c in self.schemes.get(found, ())}
            if any(theirs.get(p, c) != c for p, c in ours.items()):
                continue  # the same name, but an identifier of the same scheme differs: not the same entity
            return found
        return None

    def known(self, node: str) -> bool:
        """Whether ``node`` is the id of an indexed record."""
        return node in self.kinds

    def drug(self, ids: Iterable[str] = (), name: str | None = None, synonyms: Iterable[str] = ()) -> str | None:
        """The drug node with one of ``ids``, else the one named ``name`` (or a synonym)."""
        ids = tuple(ids)
        return self._by_id("Drug", ids) or self._by_name("Drug", (name, *synonyms), ids)

    def indication(self, ids: Iterable[str] = (), name: str | None = None) -> str | None:
        """The disease with one of ``ids`` (MONDO, DOID, NCIt; xrefs included), else named ``name``."""
        ids = tuple(ids)
        return self._by_id("Indication", ids) or (self._by_name("Indication", (name,), ids) if name else None)

    def target(self, ids: Iterable[str] = (), symbol: str | None = None) -> str | None:
        """The gene with one of ``ids`` (HGNC, NCBIGene; xrefs included), else with HGNC symbol ``symbol``."""
        ids = tuple(ids)
        return self._by_id("Target", ids) or (self._by_name("Target", (symbol,), ids) if symbol else None)

    def trial(self, nct: str) -> str | None:
        """The trial with NCT number ``nct`` (bare or as a CURIE)."""
        from kg.schema.ids import normalize_ref

        return self._by_id("Trial", (normalize_ref(nct),))

    def publication(self, ident: str) -> str | None:
        """The publication with this PMID or DOI CURIE."""
        return self._by_id("Publication", (ident,))

    def organization(self, name: str) -> str | None:
        """The organisation with this exact (normalised) name or synonym."""
        return self._by_name("Organization", (name,))
