"""Every record the graph is built from, by partition: the curated files (``curated``) and each
layer of the store (:mod:`kg.sources.layers`). The build (:mod:`kg.build`) and the importers
read the records once, here.

The curated files are always checked (they are small and may have been edited). A layer file
is checked by the loader unless the store was built from exactly that file (``trusted``: the
digests the store's metadata records); then it is decoded without checks, which is what lets
an import or an ingest cost in proportion to what it changes.

>>> from kg.schema import model
>>> s = (model.Source("PMID:1"),)
>>> sorted(refs_of(model.Mechanism(id="KG:m", drug="DRUGBANK:DB00001", target="HGNC:1", action="binds", sources=s)))
['DRUGBANK:DB00001', 'HGNC:1']
"""
from __future__ import annotations

import dataclasses
import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from kg.errors import DataError, DataErrors
from kg.schema import model
from kg.store.local import CURATED


def data_digest(data_dir: str | os.PathLike) -> str:
    """SHA-256 over the curated files' paths (relative to ``data_dir``) and contents (the YAML
    files and the crosswalk table)."""
    from kg.sources.crosswalk import TABLE

    h = hashlib.sha256()
    root = Path(data_dir)
    for f in sorted([*root.rglob("*.yaml"), *([root / TABLE] if (root / TABLE).is_file() else [])]):
        h.update(str(f.relative_to(root)).encode() + b"\0" + f.read_bytes() + b"\0")
    return h.hexdigest()


_REF_PLANS: dict[type, tuple[tuple[str, bool], ...]] = {}  # class -> ((field, holds ids itself), ...)


def _plan(cls: type) -> tuple[tuple[str, bool], ...]:
    """The fields of ``cls`` that may hold ids: ``ref`` fields, and nested records that have some."""
    import typing

    found = _REF_PLANS.get(cls)
    if found is not None:
        return found
    _REF_PLANS[cls] = ()  # (no class contains itself; this stops a loop if one ever did)
    hints = typing.get_type_hints(cls)
    plan = []
    for f in dataclasses.fields(cls):
        if "ref" in f.metadata:
            plan.append((f.name, True))
            continue
        inner = [a for a in (typing.get_args(hints[f.name]) or (hints[f.name],)) if dataclasses.is_dataclass(a)]
        for a in typing.get_args(hints[f.name]):
            inner += [b for b in typing.get_args(a) if dataclasses.is_dataclass(b)]
        if any(_plan(c) for c in inner if c is not model.Source):
            plan.append((f.name, False))
    _REF_PLANS[cls] = tuple(plan)
    return _REF_PLANS[cls]


def refs_of(obj: Any) -> set[str]:
    """The ids a record (or a nested value of one) refers to, from the model's ``ref`` fields."""
    out: set[str] = set()
    for name, direct in _plan(type(obj)):
        value = getattr(obj, name)
        if value is None:
            continue
        items = value if isinstance(value, tuple) else (value,)
        if direct:
            out.update(v for v in items if isinstance(v, str))
        else:
            for v in items:
                out |= refs_of(v)
    return out


@dataclass
class Partition:
    """One partition's records and where they came from."""

    name: str
    records: model.Dataset
    digest: str  #: the curated folder's digest, or the layer's records digest
    lines: list[str] = field(default_factory=list)  #: a layer file's lines

    @property
    def ids(self) -> set[str]:
        return {r.id for r in self.records.all()}

    def refs(self) -> set[str]:
        """Every id the partition's records refer to."""
        out: set[str] = set()
        for r in self.records.all():
            out |= refs_of(r)
        return out


@dataclass
class Catalog:
    """Every partition's records: ``curated`` first, then the layers by name."""

    data_dir: Path
    partitions: dict[str, Partition]

    def records(self, exclude: Iterable[str] = ()) -> list[model.Record]:
        """All records but those of the ``exclude``d partitions."""
        skip = set(exclude)
        return [r for name, p in self.partitions.items() if name not in skip for r in p.records.all()]

    def known(self, exclude: Iterable[str] = ()) -> dict[str, str]:
        """Id -> kind name of every record but those of the ``exclude``d partitions."""
        return {r.id: r.kind_name for r in self.records(exclude)}

    def by_id(self) -> dict[str, model.Record]:
        """Every record by id (the context each partition's graph reads other records from)."""
        return {r.id: r for r in self.records()}

    def dependents(self, name: str, ids: set[str]) -> list[str]:
        """The other partitions whose records refer to any of ``ids`` (those of partition ``name``)."""
        return [p.name for p in self.partitions.values() if p.name != name and p.refs() & ids]


def check_layers(layers: list[tuple[str, list[str]]], known: dict[str, str],
                 names: dict[str, str] | None = None) -> dict[str, model.Dataset]:
    """Check layer files with the curated loader's rules; their records by layer name.

    ``layers`` are (label, lines): the label names the lines in messages, and is the layer's
    file unless ``names`` maps it to the layer's name (a version not saved yet)."""
    def name_of(label: str) -> str:
        return (names or {}).get(label) or Path(label).name[: -len(".jsonl")]

    from kg.sources.curated import load_dataset
    from kg.sources.layers import read_layer

    out: dict[str, model.Dataset] = {}
    errors: list[DataError] = []
    read = []
    for label, lines in layers:
        try:
            read.append((label, read_layer(label, lines)[1]))
        except DataError as exc:
            errors.append(exc)
    if errors:
        raise DataErrors(errors)
    if not read:
        return out
    dataset = load_dataset(None, read, known=known)  # raises DataErrors naming the layer file and line
    owner = {}
    for label, by_kind in read:
        for recs in by_kind.values():
            for r in recs:
                owner[r["id"]] = name_of(label)
    by_layer: dict[str, dict[str, list]] = {name_of(label): {} for label, _ in read}
    for kind, recs in dataset.records.items():
        for r in recs:
            by_layer[owner[r.id]].setdefault(kind, []).append(r)
    for name, kinds in by_layer.items():
        out[name] = model.Dataset({k: tuple(v) for k, v in kinds.items()})
    return out


def load_catalog(data_dir: str | os.PathLike, store: str | os.PathLike, *,
                 trusted: dict[str, str] | None = None) -> Catalog:
    """Read the curated files in ``data_dir`` and every layer of ``store``.

    ``trusted`` maps layer names to the records digest the store was built from: such a layer
    file is decoded without checks when its digest matches.
    Raises :class:`DataErrors` naming file, line and field for anything that does not pass.
    """
    from kg.sources.curated import load_dataset
    from kg.sources.layers import decode_layer, file_lines, layer_files, layers_dir, records_digest

    data_dir = Path(data_dir)
    curated = load_dataset(data_dir)
    parts = {CURATED: Partition(CURATED, curated, data_digest(data_dir))}
    sources = {p.stem: p for p in layer_files(store)}
    names = sorted(sources)
    fast: dict[str, tuple[list[str], model.Dataset]] = {}
    checked: list[tuple[str, list[str]]] = []
    for name in names:
        label = str(layers_dir(store) / f"{name}.jsonl")
        lines = file_lines(sources[name])
        if not lines:
            continue
        if (trusted or {}).get(name) == records_digest(lines):
            try:
                fast[name] = (lines, model.Dataset(decode_layer(label, lines)[1]))
                continue
            except DataError:
                pass  # not decodable as saved: check it like a new one
        checked.append((label, lines))
    known = {r.id: r.kind_name for r in curated.all()}
    for lines, ds in fast.values():
        known.update((r.id, r.kind_name) for r in ds.all())
    slow = check_layers(checked, known)
    lines_of = {Path(label).name[: -len(".jsonl")]: lines for label, lines in checked}
    for name in names:
        if name in fast:
            lines, ds = fast[name]
        elif name in slow:
            lines, ds = lines_of[name], slow[name]
        else:
            continue
        parts[name] = Partition(name, ds, records_digest(lines), lines)
    return Catalog(data_dir, parts)


__all__ = ["Catalog", "Partition", "load_catalog", "check_layers", "data_digest", "refs_of"]
