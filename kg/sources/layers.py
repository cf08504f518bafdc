"""Layers: records added beside the curated data by ``kg ingest`` and ``kg import``.

A layer is one JSON-lines file in the folder ``<store>.layers`` next to the store: a header
line (the layer's name and metadata: source, release, file hash...) and one line per typed
model record. ``kg build`` loads the curated files and then every layer, with the curated
loader's rules (so a layer record is checked like a curated one, and an error names the layer
file and line), and builds one graph. Curated records are never replaced: a layer refers to
them by id. Saving a layer records what changed (added, removed, changed ids) in the layer's
history file; saving the same records again changes nothing.

>>> import tempfile, pathlib
>>> from kg.schema import model
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> rec = model.Drug(id="KG:drug-x", name="x", sources=(model.Source("infores:test", agent="automated_agent"),))
>>> [json.loads(line)["kind"] for line in layer_lines("demo", [rec], {"release": "1"})[1:]]
['drugs']
"""
from __future__ import annotations

import dataclasses
import datetime as _dt
import hashlib
import json
import os
import re
from pathlib import Path
from typing import Any, Iterable, Sequence

from kg.schema import model
from kg.errors import DataError
from kg.fsutil import atomic_write

LAYER_FORMAT = 1
NAME_RE = re.compile(r"[a-z0-9][a-z0-9_.-]{0,80}")
_KIND_OF = {cls: name for name, cls in model.KINDS.items()}


def layers_dir(store: str | os.PathLike) -> Path:
    """The folder holding the layers of the store at ``store`` (``exports/store.layers``)."""
    store = Path(store)
    return store.with_name(store.name + ".layers")


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


def layer_lines(name: str, records: Iterable[model.Record], meta: dict[str, Any]) -> list[str]:
    """The layer file's lines: a header, then one line per record in a stable order."""
    if not NAME_RE.fullmatch(name):
        raise DataError(f"bad layer name {name!r}: use lower-case letters, digits, '-', '_' and '.'",
                        field="layer")
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


def _with_lines(value: Any, line: int) -> Any:
    from kg.sources.yamlfile import LineDict

    if isinstance(value, dict):
        out = LineDict({k: _with_lines(v, line) for k, v in value.items()})
        out.line, out.lines = line, {k: line for k in value}
        return out
    if isinstance(value, list):
        return [_with_lines(v, line) for v in value]
    return value


def read_layer(path: str | os.PathLike) -> tuple[dict[str, Any], dict[str, list[Any]]]:
    """(header, records by kind) of a layer file; records are mappings that know their line.

    A file that is not a layer (bad JSON, no header, unknown format) is a :class:`DataError`
    naming the file and line.
    """
    path = Path(path)
    with open(path, encoding="utf-8") as fh:
        return _parse(fh, str(path))


def _parse(lines: Iterable[str], file: str) -> tuple[dict[str, Any], dict[str, list[Any]]]:
    header: dict[str, Any] | None = None
    by_kind: dict[str, list[Any]] = {}
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            raise DataError(f"not JSON: {exc.msg}", file=file, line=n) from None
        if header is None:
            if not isinstance(item, dict) or item.get("format") != LAYER_FORMAT or "layer" not in item:
                raise DataError(f"not a layer file of format {LAYER_FORMAT}", file=file, line=n)
            header = item
            continue
        if not isinstance(item, dict) or set(item) != {"kind", "record"} or not isinstance(item["record"], dict):
            raise DataError("a layer line is {\"kind\": ..., \"record\": {...}}", file=file, line=n)
        by_kind.setdefault(item["kind"], []).append(_with_lines(item["record"], n))
    if header is None:
        raise DataError("empty layer file", file=file, line=1)
    return header, by_kind


def layer_files(store: str | os.PathLike) -> list[Path]:
    """The store's layer files, by name (not their history files)."""
    folder = layers_dir(store)
    found = sorted(folder.glob("*.jsonl")) if folder.is_dir() else []
    return [p for p in found if not p.name.endswith(".history.jsonl")]


def load_layers(store: str | os.PathLike, replace: dict[str, list[str]] | None = None) -> list[tuple[str, dict]]:
    """Every layer of the store as the loader's ``extra`` argument; ``replace`` maps a layer
    name to the lines to use instead of its file (a layer about to be saved, or ``[]`` for one
    about to be removed)."""
    replace = dict(replace or {})
    out = []
    for path in layer_files(store):
        if path.stem not in replace:
            out.append((str(path), read_layer(path)[1]))
    for name, lines in replace.items():
        if lines:
            label = str(layers_dir(store) / f"{name}.jsonl")
            out.append((label, _parse(lines, label)[1]))
    return out


def _index(lines: list[str]) -> dict[str, str]:
    return {json.loads(line)["record"]["id"]: line for line in lines[1:]}


def diff(old_lines: list[str], new_lines: list[str]) -> dict[str, list[str]]:
    """Ids added, removed and changed between two versions of a layer.

    >>> a = ['{}', '{"kind": "drugs", "record": {"id": "KG:a", "name": "a"}}']
    >>> diff(a, ['{}', '{"kind": "drugs", "record": {"id": "KG:a", "name": "b"}}'])["changed"]
    ['KG:a']
    """
    old, new = _index(old_lines), _index(new_lines)
    return {"added": sorted(new.keys() - old.keys()), "removed": sorted(old.keys() - new.keys()),
            "changed": sorted(k for k in old.keys() & new.keys() if old[k] != new[k])}


def save_layer(store: str | os.PathLike, name: str, records: Sequence[model.Record], meta: dict[str, Any],
               data_dir: str | os.PathLike | None = None) -> dict[str, Any]:
    """Replace layer ``name`` with ``records`` and rebuild the store from the curated data and
    every layer. Nothing is written if the records are the same as the saved ones, and nothing
    changes (layer or store) if any record is invalid (:class:`DataErrors`).

    Returns ``{"layer", "added", "removed", "changed", "unchanged", "written"}``.
    """
    store = Path(store)
    lines = layer_lines(name, records, meta)
    path = layers_dir(store) / f"{name}.jsonl"
    old_lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else ["{}"]
    changes = diff(old_lines, lines)
    same_records = not any(changes.values())
    report = {"layer": name, **changes, "unchanged": len(lines) - 1 - len(changes["added"]) - len(changes["changed"]),
              "written": False}
    if same_records and path.exists():
        return report
    _rebuild(store, {name: lines}, data_dir)
    atomic_write(path, ("\n".join(lines) + "\n").encode("utf-8"))
    _append_history(store, name, meta, changes, hashlib.sha256("\n".join(lines[1:]).encode()).hexdigest())
    report["written"] = True
    return report


def remove_layer(store: str | os.PathLike, name: str, data_dir: str | os.PathLike | None = None) -> dict[str, Any]:
    """Remove a layer and rebuild the store without it (its history is kept)."""
    path = layers_dir(store) / f"{name}.jsonl"
    if not NAME_RE.fullmatch(name) or not path.exists():
        from kg.errors import NotFoundError

        raise NotFoundError(name, [p.stem for p in layer_files(store)])
    old_lines = path.read_text(encoding="utf-8").splitlines()
    _rebuild(Path(store), {name: []}, data_dir)
    path.unlink()
    changes = diff(old_lines, ["{}"])
    _append_history(Path(store), name, {"removed": True}, changes, None)
    return {"layer": name, **changes, "written": True}


def _rebuild(store: Path, replace: dict[str, list[str]], data_dir: str | os.PathLike | None) -> None:
    from kg.build import build
    from kg.errors import StoreError
    from kg.store.local import read_meta

    if data_dir is None:
        try:
            data_dir = read_meta(store).get("data_dir")
        except StoreError:  # no store yet: build from the default curated folder
            data_dir = None
    build(data_dir or "data", store, None, extra=load_layers(store, replace))


def _append_history(store: Path, name: str, meta: dict, changes: dict, digest: str | None) -> None:
    entry = {"at": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"), "meta": meta,
             "records_sha256": digest, **changes}
    path = layers_dir(store) / f"{name}.history.jsonl"
    with open(path, "a", encoding="utf-8") as fh:
        fh.write(json.dumps(entry, sort_keys=True, ensure_ascii=False) + "\n")


def history(store: str | os.PathLike, name: str) -> list[dict[str, Any]]:
    """What each save of layer ``name`` changed, oldest first."""
    path = layers_dir(store) / f"{name}.history.jsonl"
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def list_layers(store: str | os.PathLike) -> list[dict[str, Any]]:
    """Name, metadata and record counts of every layer of the store."""
    out = []
    for path in layer_files(store):
        header, by_kind = read_layer(path)
        out.append({"layer": header["layer"], "meta": header.get("meta", {}),
                    "records": {k: len(v) for k, v in sorted(by_kind.items())}})
    return out
