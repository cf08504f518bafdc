"""Layer files: records added beside the curated data by ``kg ingest`` and ``kg import``.

A layer is one JSON-lines file in the folder ``<store>.layers`` next to the store: a header
line (the layer's name and metadata: source, release, file hash...) and one line per typed
model record. This module only reads and writes these files; the build (:mod:`kg.build`)
checks their records and puts each layer in a partition of the store of its own.

A new version of a layer is first written as ``<name>.jsonl.pending``; the build swaps the
store and then :func:`finalize` renames it over ``<name>.jsonl`` and appends the change to
``<name>.history.jsonl``. The store's metadata records the digest of each layer it holds, so
after a kill at any point the build can tell which of a pending file and the store is ahead
(:func:`kg.build.reconcile`).

>>> import tempfile, pathlib
>>> from kg.schema import model
>>> rec = model.Drug(id="KG:drug-x", name="x", sources=(model.Source("infores:test", agent="automated_agent"),))
>>> lines = layer_lines("demo", [rec], {"release": "1"})
>>> [json.loads(line)["kind"] for line in lines[1:]]
['drugs']
>>> path = pathlib.Path(tempfile.mkdtemp()) / "demo.jsonl"; _ = path.write_text("\\n".join(lines) + "\\n")
>>> decode_layer(path)[1]["drugs"] == (rec,)
True
"""
from __future__ import annotations

import dataclasses
import datetime as _dt
import hashlib
import json
import os
import re
import types
import typing
from pathlib import Path
from typing import Any, Iterable

from kg.errors import DataError, NotFoundError
from kg.fsutil import atomic_write
from kg.schema import model

LAYER_FORMAT = 1
NAME_RE = re.compile(r"[a-z0-9][a-z0-9_.-]{0,80}")
PENDING = ".pending"
_KIND_OF = {cls: name for name, cls in model.KINDS.items()}


def layers_dir(store: str | os.PathLike) -> Path:
    """The folder holding the layers of the store at ``store`` (``exports/store.layers``)."""
    store = Path(store)
    return store.with_name(store.name + ".layers")


def layer_path(store: str | os.PathLike, name: str) -> Path:
    """The file of layer ``name`` (checked: a layer name is no path)."""
    check_name(name)
    return layers_dir(store) / f"{name}.jsonl"


def check_name(name: str) -> str:
    """``name`` if it is a layer name, else :class:`DataError`."""
    if not isinstance(name, str) or not NAME_RE.fullmatch(name):
        raise DataError(f"bad layer name {name!r}: use lower-case letters, digits, '-', '_' and '.'", field="layer")
    return name


def to_data(obj: Any) -> Any:
    """A model object as plain JSON data, leaving out fields at their defaults.

    >>> to_data(model.Source("PMID:1"))
    'PMID:1'
    >>> to_data(model.Source("infores:civic", record="EID:1"))
    {'id': 'infores:civic', 'record': 'EID:1'}
    """
    if isinstance(obj, model.Source):
        out = {f.name: getattr(obj, f.name) for f in dataclasses.fields(obj) if getattr(obj, f.name) is not None}
        return out["id"] if len(out) == 1 else out
    if dataclasses.is_dataclass(obj):
        out = {}
        for f in dataclasses.fields(obj):
            value = getattr(obj, f.name)
            if value is None or value == () or value == {}:
                continue
            out[f.name] = to_data(value)
        return out
    if isinstance(obj, (list, tuple)):
        return [to_data(v) for v in obj]
    if isinstance(obj, dict):
        return {str(k): to_data(v) for k, v in obj.items()}
    return obj


_DECODERS: dict[Any, Any] = {}


def _decoder(hint: Any):
    """A function that turns JSON data written by :func:`to_data` back into a value of type
    ``hint`` (built once per type: decoding a large layer is most of what reading it costs)."""
    found = _DECODERS.get(hint)
    if found is not None:
        return found
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        return _decoder(next(a for a in typing.get_args(hint) if a is not type(None)))
    if origin is tuple:
        item = _decoder(typing.get_args(hint)[0])

        def dec(value: Any) -> Any:
            if not isinstance(value, list):
                raise TypeError("expected a list")
            return tuple(map(item, value))
    elif hint is model.Source:
        def dec(value: Any) -> Any:
            return model.Source(value) if isinstance(value, str) else model.Source(**value)
    elif dataclasses.is_dataclass(hint):
        hints = typing.get_type_hints(hint)
        fields = {f.name: _decoder(hints[f.name]) for f in dataclasses.fields(hint)}

        def dec(value: Any, cls=hint, fields=fields) -> Any:
            if not isinstance(value, dict):
                raise TypeError(f"expected a mapping for {cls.__name__}")
            return cls(**{k: fields[k](v) for k, v in value.items()})
    elif origin is dict:
        def dec(value: Any) -> Any:
            if not isinstance(value, dict):
                raise TypeError("expected a mapping")
            return dict(value)
    else:
        def dec(value: Any) -> Any:
            return value
    _DECODERS[hint] = dec
    return dec


def layer_lines(name: str, records: Iterable[model.Record], meta: dict[str, Any]) -> list[str]:
    """The layer file's lines: a header, then one line per record in a stable order."""
    check_name(name)
    body = []
    for rec in records:
        kind = _KIND_OF.get(type(rec))
        if kind is None:
            raise DataError(f"{type(rec).__name__} is not a record kind", field="kind")
        body.append(json.dumps({"kind": kind, "record": to_data(rec)}, sort_keys=True, ensure_ascii=False))
    order = {k: i for i, k in enumerate(model.KINDS)}
    body.sort(key=lambda line: (order[json.loads(line)["kind"]], line))
    head = json.dumps({"layer": name, "format": LAYER_FORMAT, "meta": meta}, sort_keys=True, ensure_ascii=False)
    return [head, *body]


def records_digest(lines: list[str]) -> str:
    """SHA-256 of a layer's record lines (its header left out): what the store records of it."""
    return hashlib.sha256("\n".join(lines[1:]).encode("utf-8")).hexdigest()


def _lines_of(path: Path) -> list[str]:
    from kg.fsutil import read_regular

    try:
        text = read_regular(path).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DataError(f"not UTF-8 text (byte {exc.start})", file=str(path)) from None
    return [line for line in text.splitlines() if line.strip()]


def _items(lines: list[str], file: str) -> Iterable[tuple[int, Any]]:
    for n, line in enumerate(lines, 1):
        try:
            yield n, json.loads(line)
        except (json.JSONDecodeError, RecursionError) as exc:
            raise DataError(f"not JSON: {getattr(exc, 'msg', 'nested too deeply')}", file=file, line=n) from None


def _header(item: Any, file: str) -> dict[str, Any]:
    if not isinstance(item, dict) or item.get("format") != LAYER_FORMAT or "layer" not in item:
        raise DataError(f"not a layer file of format {LAYER_FORMAT}", file=file, line=1)
    return item


def read_layer(path: str | os.PathLike, lines: list[str] | None = None) -> tuple[dict[str, Any], dict[str, list[Any]]]:
    """(header, records by kind) of a layer file, the records as mappings that know their line,
    for the loader to check (:func:`kg.sources.curated.load_dataset`). A file that is not a
    layer (bad JSON, no header, unknown format) is a :class:`DataError` naming file and line."""
    from kg.sources.yamlfile import with_line

    file = str(path)
    lines = _lines_of(Path(path)) if lines is None else lines
    header: dict[str, Any] | None = None
    by_kind: dict[str, list[Any]] = {}

    for n, item in _items(lines, file):
        if header is None:
            header = _header(item, file)
            continue
        if not isinstance(item, dict) or set(item) != {"kind", "record"} or not isinstance(item["record"], dict):
            raise DataError("a layer line is {\"kind\": ..., \"record\": {...}}", file=file, line=n)
        try:
            by_kind.setdefault(item["kind"], []).append(with_line(item["record"], n))
        except DataError as exc:
            raise DataError(exc.message, file=file, line=n) from None
    if header is None:
        raise DataError("empty layer file", file=file, line=1)
    return header, by_kind


def decode_layer(path: str | os.PathLike, lines: list[str] | None = None
                 ) -> tuple[dict[str, Any], dict[str, tuple[model.Record, ...]]]:
    """(header, typed records by kind) of a layer file saved before (its records were checked
    then): the fast path, no checks beyond the structure. Anything unexpected is a
    :class:`DataError` naming file and line, and the caller falls back to :func:`read_layer`."""
    file = str(path)
    lines = _lines_of(Path(path)) if lines is None else lines
    header: dict[str, Any] | None = None
    by_kind: dict[str, list[model.Record]] = {}
    for n, item in _items(lines, file):
        if header is None:
            header = _header(item, file)
            continue
        try:
            cls = model.KINDS[item["kind"]]
            by_kind.setdefault(item["kind"], []).append(_decoder(cls)(item["record"]))
        except (KeyError, TypeError, ValueError, AttributeError, StopIteration) as exc:
            raise DataError(f"not a record of this version ({type(exc).__name__}: {exc})", file=file, line=n) from None
    if header is None:
        raise DataError("empty layer file", file=file, line=1)
    return header, {k: tuple(v) for k, v in by_kind.items()}


def layer_files(store: str | os.PathLike) -> list[Path]:
    """The store's layer files, by name (not their history or pending files)."""
    folder = layers_dir(store)
    found = sorted(folder.glob("*.jsonl")) if folder.is_dir() else []
    return [p for p in found if not p.name.endswith(".history.jsonl") and NAME_RE.fullmatch(p.stem)]


def pending_files(store: str | os.PathLike) -> list[Path]:
    """Layer versions written but not yet finalized (see the module)."""
    folder = layers_dir(store)
    return sorted(folder.glob("*.jsonl" + PENDING)) if folder.is_dir() else []


def write_pending(store: str | os.PathLike, name: str, lines: list[str], change: dict[str, Any]) -> Path:
    """Write the next version of layer ``name`` (``lines``) as its pending file; ``change`` (what
    it adds, removes and changes) goes to the history when the version is finalized."""
    from kg.fsutil import open_regular

    path = layer_path(store, name).with_name(f"{name}.jsonl{PENDING}")
    log = layers_dir(store) / f"{name}.history.jsonl"
    if os.path.lexists(log):  # finalize appends to it after the swap: a FIFO there would hang it
        open_regular(log).close()
    head = json.loads(lines[0])
    head["change"] = change
    atomic_write(path, ("\n".join([json.dumps(head, sort_keys=True, ensure_ascii=False), *lines[1:]]) + "\n").encode())
    return path


def finalize(store: str | os.PathLike, name: str) -> None:
    """Make the pending version of layer ``name`` the layer (a pending file with no records
    removes the layer) and append its change to the history."""
    pending = layer_path(store, name).with_name(f"{name}.jsonl{PENDING}")
    lines = _lines_of(pending)
    head = json.loads(lines[0])
    change = head.pop("change", {})
    if len(lines) == 1 and head.get("meta", {}).get("removed"):
        layer_path(store, name).unlink(missing_ok=True)
        pending.unlink()
    else:
        atomic_write(pending, ("\n".join([json.dumps(head, sort_keys=True, ensure_ascii=False), *lines[1:]]) + "\n")
                     .encode())
        os.replace(pending, layer_path(store, name))
    entry = {"at": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"), "meta": head.get("meta", {}),
             "records_sha256": None if head.get("meta", {}).get("removed") else records_digest(lines), **change}
    with open(layers_dir(store) / f"{name}.history.jsonl", "a", encoding="utf-8") as fh:
        fh.write(json.dumps(entry, sort_keys=True, ensure_ascii=False) + "\n")


def file_lines(path: str | os.PathLike) -> list[str]:
    """The non-empty lines of a layer file (or ``[]`` if there is none)."""
    path = Path(path)
    return _lines_of(path) if os.path.lexists(path) else []


def diff(old_lines: list[str], new_lines: list[str]) -> dict[str, list[str]]:
    """Ids added, removed and changed between two versions of a layer.

    >>> a = ['{}', '{"kind": "drugs", "record": {"id": "KG:a", "name": "a"}}']
    >>> diff(a, ['{}', '{"kind": "drugs", "record": {"id": "KG:a", "name": "b"}}'])["changed"]
    ['KG:a']
    """
    def index(lines: list[str]) -> dict[str, str]:
        out = {}
        for line in lines[1:]:
            try:
                ident = json.loads(line)["record"]["id"]
            except (ValueError, KeyError, TypeError, RecursionError):
                continue  # a damaged line of the old version: the loader names it where it matters
            out[str(ident)] = line
        return out

    old, new = index(old_lines), index(new_lines)
    return {"added": sorted(new.keys() - old.keys()), "removed": sorted(old.keys() - new.keys()),
            "changed": sorted(k for k in old.keys() & new.keys() if old[k] != new[k])}


def history(store: str | os.PathLike, name: str) -> list[dict[str, Any]]:
    """What each save of layer ``name`` changed, oldest first; a damaged entry is a
    :class:`DataError` naming the history file and line."""
    path = layers_dir(store) / f"{check_name(name)}.history.jsonl"
    out = []
    for n, entry in _items(file_lines(path), str(path)):
        problem = None if isinstance(entry, dict) else "not a history entry (a JSON object)"
        if problem is None and not isinstance(entry.get("at"), str):
            problem = "'at' is not a time"
        if problem is None and not isinstance(entry.get("meta", {}), dict):
            problem = "'meta' is not an object"
        for key in ("added", "removed", "changed"):
            value = entry.get(key, []) if problem is None else []
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                problem = f"{key!r} is not a list of ids"
        if problem:
            raise DataError(f"damaged history entry: {problem}", file=str(path), line=n)
        out.append(entry)
    return out


def list_layers(store: str | os.PathLike) -> list[dict[str, Any]]:
    """Name, metadata and record counts of every layer of the store."""
    out = []
    for path in layer_files(store):
        header, by_kind = read_layer(path)
        out.append({"layer": header["layer"], "meta": header.get("meta", {}),
                    "records": {k: len(v) for k, v in sorted(by_kind.items())}})
    return out


def require(store: str | os.PathLike, name: str) -> Path:
    """The file of existing layer ``name``, else :class:`NotFoundError` listing the layers."""
    path = layers_dir(store) / f"{name}.jsonl"
    if not isinstance(name, str) or not NAME_RE.fullmatch(name) or not path.exists():
        raise NotFoundError(name, [p.stem for p in layer_files(store)])
    return path


__all__ = ["layers_dir", "layer_path", "layer_lines", "read_layer", "decode_layer", "layer_files", "pending_files",
           "write_pending", "finalize", "records_digest", "diff", "history", "list_layers", "require", "to_data"]
