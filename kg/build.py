"""The build: records -> checked graph -> store, for the whole graph or for what changed.

Every writer goes through here: ``kg build`` (:func:`build`), ``kg import`` and ``kg ingest``
(:func:`save_layer`), ``kg layers remove`` (:func:`remove_layer`). Each holds the store's
writer lock (:mod:`kg.store.lock`) from reading the records to the swap, first puts right
what a killed writer left (:func:`reconcile`), reads every record once
(:func:`kg.sources.catalog.load_catalog`), and builds the graph by partition: the curated
records, then each layer, each partition's graph with the records of the others as context
(:func:`kg.graph.networkx_graph.build_graph`), checked by SHACL on its own
(:func:`kg.graph.validate.partition_report`) and written to a graph of the store of its own.

A full build writes every partition into a new store. Saving a layer rebuilds only that
layer's partition and the partitions that refer to its records (their graphs name its nodes),
in a hard-linked copy of the store (:func:`kg.store.write.update_store`): the result is the
same store, triple for triple, as a full build of the same records, for a cost in proportion
to the change. Write order: the new layer file is written as *pending*, the store swapped,
then the pending file finalized; the store's metadata records each layer's digest, so after a
kill at any point :func:`reconcile` can tell which side is ahead.

>>> import inspect; "load_catalog" in inspect.getsource(build)
True
"""
from __future__ import annotations

import datetime as _dt
import json
import os
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Sequence

from kg.errors import DataError, DataErrors, KGError, StoreDamagedError, StoreError, ValidationError
from kg.schema import model
from kg.sources.catalog import Catalog, Partition, load_catalog
from kg.store.local import CURATED, read_meta, STORE_FORMAT
from kg.store.lock import writer_lock

Notify = Callable[[str], None]
#: Follows the layer file's name in messages about a version being saved: its line N is the
#: N-th line that version would have had; the file itself was not written.
UNSAVED = " (the version to save: not written)"


@dataclass
class _Built:
    """One partition's graph, as the store receives it."""

    nt: bytes
    index: bytes
    triples: int
    nodes: Counter
    edges: Counter


def _partition(catalog: Catalog, name: str, context: dict[str, model.Record]) -> _Built:
    from kg.graph.networkx_graph import build_graph
    from kg.graph.rdf import ntriples
    from kg.graph.validate import format_violations, partition_report
    from kg.query.lookup import index_ntriples

    graph = build_graph(catalog.partitions[name].records, context=context)
    report = partition_report(graph)
    if not report["conforms"]:
        raise ValidationError(format_violations(report["violations"]))
    nt, n = ntriples(graph)
    nodes = Counter(d["type"] for _, d in graph.nodes(data=True) if not d.get("foreign"))
    edges = Counter(p for *_, p in graph.edges(data="predicate"))
    return _Built(nt, index_ntriples(graph), n, nodes, edges)


def _meta(catalog: Catalog, parts: dict[str, dict[str, Any]]) -> dict[str, Any]:
    nodes, edges, triples = Counter(), Counter(), 0
    for info in parts.values():
        nodes.update(info["nodes_by_type"])
        edges.update(info["edges_by_predicate"])
        triples += info["triples"]
    records = Counter()
    for p in catalog.partitions.values():
        records.update({k: len(v) for k, v in p.records.records.items()})
    return {
        "built_at": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
        "data_dir": str(catalog.data_dir.resolve()), "data_sha256": catalog.partitions[CURATED].digest,
        "layers": [f"{n}.jsonl" for n in catalog.partitions if n != CURATED],
        "partitions": parts,
        "nodes": sum(nodes.values()), "edges": sum(edges.values()), "triples": triples,
        "nodes_by_type": dict(sorted(nodes.items())), "edges_by_predicate": dict(sorted(edges.items())),
        "records": dict(sorted(records.items())),
    }


def _info(p: Partition, built: _Built) -> dict[str, Any]:
    return {"sha256": p.digest, "triples": built.triples, "nodes_by_type": dict(sorted(built.nodes.items())),
            "edges_by_predicate": dict(sorted(built.edges.items()))}


def _store_meta(store: Path) -> dict[str, Any] | None:
    """The metadata of the current store, or None if there is no store of this version."""
    try:
        meta = read_meta(store)
    except StoreError:
        return None
    return meta if meta.get("store_format") == STORE_FORMAT and isinstance(meta.get("partitions"), dict) else None


def reconcile(store: str | os.PathLike) -> list[str]:
    """Put the store and its layer files back in agreement after a writer was killed (hold the
    lock): a store folder left between the two renames of a swap is put back, stale temporary
    folders are removed, and a pending layer version is finalized if the store holds it, else
    dropped. Returns what was done (an empty list when there was nothing to do)."""
    from kg.sources.layers import PENDING, file_lines, finalize, pending_files, records_digest
    from kg.store.write import recover

    store = Path(store)
    done = recover(store)
    meta = _store_meta(store)
    for pending in pending_files(store):
        name = pending.name[: -len(".jsonl" + PENDING)]
        lines = file_lines(pending)
        try:
            removed = bool(json.loads(lines[0]).get("meta", {}).get("removed")) if lines else False
        except (ValueError, AttributeError, RecursionError):
            removed = False
        parts = (meta or {}).get("partitions", {})
        held = name in parts and parts[name].get("sha256") == records_digest(lines)
        if meta is not None and ((removed and name not in parts) or (not removed and held)):
            finalize(store, name)
            done.append(f"finished saving layer {name} (the store already held it)")
        else:
            pending.unlink()
            done.append(f"dropped an unfinished save of layer {name} (the store never held it)")
    return done


def _write(store: Path, catalog: Catalog, changed: Sequence[str], removed: Sequence[str], full: bool,
           before: dict[str, Any] | None, exports_dir: Path | None) -> dict[str, Any]:
    """Build the ``changed`` partitions and write them (the whole store when ``full``)."""
    from kg.store.write import update_store, write_store

    context = catalog.by_id()
    built = {name: _partition(catalog, name, context) for name in changed}
    parts = {} if full else {k: v for k, v in (before or {}).get("partitions", {}).items() if k not in removed}
    for name in changed:
        parts[name] = _info(catalog.partitions[name], built[name])
    meta = _meta(catalog, {k: parts[k] for k in catalog.partitions if k in parts})
    if full:
        write_store(store, {n: (b.nt, b.index) for n, b in built.items()}, meta)
    else:
        update_store(store, {**{n: (b.nt, b.index) for n, b in built.items()}, **{n: None for n in removed}}, meta)
    if exports_dir is not None:
        _export_turtle(store, Path(exports_dir))
    return meta


def _export_turtle(store: Path, exports_dir: Path) -> None:
    from kg.export.rdf import export
    from kg.store.local import open_store

    target = exports_dir / "kg.ttl"
    try:
        export(open_store(store), "ttl", target)
    except (OSError, KGError) as exc:
        raise KGError(f"the store at {store} was built, but {target} was not written: {exc}") from None


def build(data_dir: str | Path, store: str | Path, exports_dir: str | Path | None = None, *,
          on_wait: Notify | None = None, wait: float | None = None) -> dict[str, Any]:
    """Check every record (the curated files in ``data_dir`` and the store's layers), then write
    a whole new store (and ``kg.ttl`` into ``exports_dir``). Nothing is written unless all of
    the data passes the loader's checks and the SHACL shapes. Returns the build statistics.
    """
    store = Path(store)
    with writer_lock(store, wait=wait, on_wait=on_wait, command="kg build"):
        reconcile(store)
        catalog = load_catalog(data_dir, store)
        return _write(store, catalog, list(catalog.partitions), [], True, None,
                      Path(exports_dir) if exports_dir else None)


def _data_dir(store: Path, given: str | os.PathLike | None) -> Path:
    if given is not None:
        return Path(given)
    try:
        return Path(read_meta(store).get("data_dir") or "data")
    except StoreError:
        return Path("data")


def open_catalog(store: str | os.PathLike, data_dir: str | os.PathLike | None = None) -> Catalog:
    """Every record of the store's partitions, read as a writer does (hold the writer lock while
    the catalog is used to prepare a save, as :func:`kg.sources.importers.run_import` does)."""
    store = Path(store)
    meta = _store_meta(store) or {}
    trusted = {k: v["sha256"] for k, v in meta.get("partitions", {}).items() if k != CURATED}
    return load_catalog(_data_dir(store, data_dir), store, trusted=trusted)


def save_layer(store: str | os.PathLike, name: str, records: Sequence[model.Record], meta: dict[str, Any],
               data_dir: str | os.PathLike | None = None, *, catalog: Catalog | None = None,
               on_wait: Notify | None = None, wait: float | None = None) -> dict[str, Any]:
    """Replace layer ``name`` with ``records`` (``meta["removed"]``: remove it) and bring the
    store up to date: only that layer's partition, the partitions that refer to its records and
    any layer whose file differs from what the store holds are rebuilt, in a copy of the store.
    Nothing is written if the records are those already saved, and nothing changes (layer or
    store) if any record is invalid (:class:`DataErrors`). ``catalog`` is the records the
    caller read under the same lock (:func:`open_catalog`).

    Returns ``{"layer", "added", "removed", "changed", "unchanged", "written", "rebuilt"}``.
    """
    from kg.sources.layers import diff, file_lines, finalize, layer_lines, layer_path, records_digest, write_pending

    store = Path(store)
    removing = bool(meta.get("removed"))
    lines = layer_lines(name, [] if removing else records, meta)
    with writer_lock(store, wait=wait, on_wait=on_wait, command=f"kg save layer {name}"):
        reconcile(store)
        path = layer_path(store, name)
        changes = diff(file_lines(path) or ["{}"], lines)
        report = {"layer": name, **changes, "written": False, "rebuilt": [],
                  "unchanged": len(lines) - 1 - len(changes["added"]) - len(changes["changed"])}
        before = _store_meta(store)
        catalog = catalog or open_catalog(store, data_dir)
        if before is not None and catalog.partitions[CURATED].digest != before.get("data_sha256"):
            before = None  # the curated files changed since the store was built: everything is rebuilt
        held = before["partitions"] if before else {}
        if not removing and not any(changes.values()) and path.exists() \
                and held.get(name, {}).get("sha256") == records_digest(lines):
            return report
        old_ids = catalog.partitions[name].ids if name in catalog.partitions else set()
        new = _replace_partition(catalog, name, None if removing else lines, store)
        _check_removed_refs(catalog, name, old_ids)
        deps = set(catalog.dependents(name, old_ids | (new.ids if new else set())))
        stale = {n for n, p in catalog.partitions.items() if n != CURATED and held.get(n, {}).get("sha256") != p.digest}
        gone = sorted(n for n in held if n != CURATED and n not in catalog.partitions)
        changed = sorted(({name} if new else set()) | deps | stale)
        pending = write_pending(store, name, lines, changes)
        try:
            if before is not None:
                try:
                    _write(store, catalog, changed, gone, False, before, None)
                except StoreDamagedError:  # the store cannot be copied: build it whole
                    before = None
            if before is None:
                changed = list(catalog.partitions)
                _write(store, catalog, changed, [], True, None, None)
        except BaseException:
            pending.unlink(missing_ok=True)
            raise
        finalize(store, name)
        report.update(written=True, rebuilt=changed)
        return report


def _replace_partition(catalog: Catalog, name: str, lines: list[str] | None, store: Path) -> Partition | None:
    """Check the new ``lines`` of layer ``name`` against every other partition's records and put
    them in ``catalog`` in place of the old ones (None: the layer goes). Returns the new
    partition; :class:`DataErrors` if any record does not pass (naming line N of the version
    that was to be saved, see :data:`UNSAVED`, never the layer file as it is)."""
    from kg.sources.catalog import check_layers
    from kg.sources.layers import layers_dir, records_digest

    if lines is None:
        catalog.partitions.pop(name, None)
        return None
    label = f"{layers_dir(store) / name}.jsonl{UNSAVED}"
    ds = check_layers([(label, lines)], catalog.known(exclude=[name]), {label: name}).get(name, model.Dataset({}))
    part = Partition(name, ds, records_digest(lines), lines)
    catalog.partitions[name] = part
    return part


def _check_removed_refs(catalog: Catalog, name: str, old_ids: set[str]) -> None:
    """Records of other partitions must not refer to records the save takes away."""
    now = catalog.partitions[name].ids if name in catalog.partitions else set()
    gone = old_ids - now
    if not gone:
        return
    errors = []
    for other in catalog.dependents(name, gone):
        hit = sorted(catalog.partitions[other].refs() & gone)
        errors.append(DataError(f"{other} refers to {', '.join(hit[:5])}{' ...' if len(hit) > 5 else ''}, "
                                f"which the new version of layer {name} no longer has", field="layer"))
    if errors:
        raise DataErrors(errors)


def remove_layer(store: str | os.PathLike, name: str, data_dir: str | os.PathLike | None = None, *,
                 on_wait: Notify | None = None, wait: float | None = None) -> dict[str, Any]:
    """Remove a layer and its partition of the store (its history is kept)."""
    from kg.sources.layers import require

    with writer_lock(store, wait=wait, on_wait=on_wait, command=f"kg layers remove {name}"):
        reconcile(store)
        require(store, name)
        return save_layer(store, name, [], {"removed": True}, data_dir)


__all__ = ["build", "save_layer", "remove_layer", "reconcile", "open_catalog"]
