"""Importers of public sources, behind one registry: adding a source is adding a module.

An importer module has ``LAYER`` (the layer it writes), ``INFORES`` (the source's infores id),
``expand(paths)`` (the input files for the paths a user gave: files, folders) and
``read(files, ctx)``, which streams the files, resolves entities through ``ctx``
(:class:`kg.sources.importers.base.Context`) and yields the statements it imports (the new nodes it
needed are kept by the context). :func:`run_import` turns that into one layer of the store
(:func:`kg.build.save_layer`): nothing changes if the records are those already imported, and
nothing is written if any check fails.

>>> sorted(IMPORTERS)
['civic', 'ctgov', 'hetionet-nodes', 'pharmacotherapydb']
>>> importer("civic").INFORES
'infores:civic'
"""
from __future__ import annotations

import importlib
import os
import time
from pathlib import Path
from types import ModuleType
from typing import Any, Iterable

from kg.errors import DataError, DataErrors, NotFoundError, SourceFormatError

#: Source name (as typed after ``kg import``) -> module.
IMPORTERS: dict[str, str] = {
    "civic": "kg.sources.importers.civic",
    "pharmacotherapydb": "kg.sources.importers.pharmacotherapydb",
    "hetionet-nodes": "kg.sources.importers.hetionet",
    "ctgov": "kg.sources.importers.ctgov",
}


def importer(name: str) -> ModuleType:
    """The importer module for source ``name`` (:class:`NotFoundError` listing the known ones)."""
    if name not in IMPORTERS:
        raise NotFoundError(name, sorted(IMPORTERS))
    return importlib.import_module(IMPORTERS[name])


def input_size(files: Iterable[Path]) -> int:
    """Total bytes of the input files (the length of a progress bar)."""
    return sum(Path(f).stat().st_size for f in files)


def run_import(store: str | os.PathLike, source: str, paths: Iterable[str | os.PathLike], *,
               release: str | None = None, data_dir: str | os.PathLike | None = None,
               progress=None, files: list[Path] | None = None, on_wait=None) -> dict[str, Any]:
    """Import ``paths`` with the importer of ``source`` into its layer of ``store`` and rebuild
    the store. ``release`` overrides the release the importer finds (in the data, the file
    name, else the file date). ``progress(nbytes)`` is called as the input is read. The store's
    writer lock is held from reading the graph's records to the swap; ``on_wait`` hears once
    that another writer holds it.

    Returns the report: ``read``, ``imported``, ``rejected`` and ``rejections`` (file, line,
    reason), ``skipped``, ``resolved`` / ``new`` (distinct nodes, also by type), ``unresolved``,
    the layer's ``changes`` (added, removed, changed, unchanged ids; ``written``) and timings.
    Raises :class:`SourceFormatError` (and changes nothing) for a file the importer cannot read
    or one that yields no valid record.
    """
    from kg.build import open_catalog, save_layer
    from kg.sources.layers import layer_lines
    from kg.sources.importers.base import Context, file_date, sha256
    from kg.sources.importers.resolve import Resolver
    from kg.store.lock import writer_lock

    mod = importer(source)
    files = files if files is not None else mod.expand([Path(p) for p in paths])
    t0 = time.perf_counter()
    with writer_lock(store, on_wait=on_wait, command=f"kg import {source}"):
        catalog = open_catalog(store, data_dir)
        ctx = Context(mod.INFORES, Resolver(catalog.records(exclude=[mod.LAYER])), progress)
        t_index = time.perf_counter() - t0
        statements = list(mod.read(files, ctx))
        if not statements and not ctx.new:
            first = ctx.rejections[0] if ctx.rejections else None
            why = f"; first: {first['file']}:{first['line']}: {first['reason']}" if first else ""
            raise SourceFormatError(f"no valid record to import ({len(ctx.rejections)} rejected{why})",
                                    file=str(files[0]) if files else "")
        release = release or ctx.release or max(file_date(f) for f in files)
        records = ctx.records(statements, release)
        t_read = time.perf_counter() - t0 - t_index
        meta = {"source": mod.INFORES, "release": release,
                "files": [{"name": Path(f).name, "sha256": sha256(f)} for f in files],
                "counts": {k: v for k, v in ctx.counts().items() if k != "rejections"}}
        try:
            changes = save_layer(store, mod.LAYER, records, meta, catalog=catalog)
        except DataErrors as exc:  # what one record cannot show on its own (references, ids of other layers)
            raise _at_inputs(exc, ctx, layer_lines(mod.LAYER, records, meta)) from None
    seconds = {"index": round(t_index, 2), "read": round(t_read, 2),
               "write": round(time.perf_counter() - t0 - t_index - t_read, 2),
               "total": round(time.perf_counter() - t0, 2)}
    return {"source": source, "layer": mod.LAYER, "infores": mod.INFORES, "release": release,
            "files": meta["files"], **ctx.counts(), "records": len(records),
            "changes": {k: (v if isinstance(v, (bool, int)) or k == "rebuilt" else len(v))
                        for k, v in changes.items() if k != "layer"},
            "seconds": seconds}


def _at_inputs(exc: DataErrors, ctx, lines: list[str]) -> DataErrors:
    """The errors found when the layer was to be saved, each at the input record it came from
    (the layer's lines exist only in memory: nothing was written)."""
    import json

    from kg.build import UNSAVED

    out = []
    for e in exc.errors:
        ident = None
        if e.file.endswith(UNSAVED) and e.line and 0 < e.line <= len(lines):
            ident = json.loads(lines[e.line - 1]).get("record", {}).get("id")
        origin = ctx.origins.get(ident) if ident else None
        if origin is None:
            out.append(e)
            continue
        out.append(DataError(f"{e.message} (record {ident}; nothing was imported)", file=origin[0], line=origin[1],
                             field=e.field))
    return DataErrors(out)
