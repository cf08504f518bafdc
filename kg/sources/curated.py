"""Curated YAML (``data/``) -> typed model, with every problem located.

A file's name says what it holds: ``<kind>.yaml`` (``drugs``, ``trials``, ``approvals``...), at
the top of the data folder (records shared by every drug: organisations, targets, indications...)
or in any folder below it (``drugs/<inn>/approvals.yaml``: one drug's records). Any other
``.yaml`` file is an error, so a misspelt file name is not silently skipped.

Each record is decoded by :mod:`kg.sources.records` (the schema is the dataclasses in
:mod:`kg.schema.model`); this module finds the files, checks them against the manifest, resolves
references across files and layers, and raises every problem together as
:class:`~kg.errors.DataErrors`.

>>> import pathlib, tempfile
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "organizations.yaml").write_text("- id: KG:org-fda\\n  name: FDA\\n")
>>> _ = (d / "MANIFEST").write_text("organizations.yaml 1\\n")  # the files expected (kg.sources.manifest)
>>> try:
...     load_dataset(d)
... except DataErrors as exc:
...     print(exc.errors[0].field, exc.errors[0].line, exc.errors[0].message)
sources 1 missing required field
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Sequence

from kg.schema import model
from kg.errors import DataError, DataErrors
from kg.sources.crosswalk import attach  # the indications' codes in other vocabularies (data/crosswalk/)
from kg.fsutil import read_regular
from kg.sources.manifest import check as check_manifest
from kg.sources.manifest import data_files as manifest_files
from kg.sources.records import FAILED, RecordContext, decode_record
from kg.sources.yamlfile import load_yaml_text

#: Records added beside the curated files (``kg ingest``, ``kg import``): a file label for
#: messages and, per kind, mappings with their line numbers (see :func:`kg.sources.layers.read_layer`).
Extra = tuple[str, dict[str, list[Any]]]


#: Largest curated file read (bytes); the largest today is under 50 kB.
MAX_FILE = 16 << 20


def data_files(data_dir: str | Path) -> tuple[list[tuple[str, Path]], list[Path]]:
    """The curated files under ``data_dir`` as (kind, path), in loading order (kinds in model
    order; the shared top-level file first, then the folders' files by path), and the ``.yaml``
    files whose name is no kind.

    >>> import tempfile; d = Path(tempfile.mkdtemp()); (d / "x").mkdir()
    >>> for f in ("trials.yaml", "x/trials.yaml", "x/trails.yaml", "README.md"): _ = (d / f).write_text("[]")
    >>> files, strays = data_files(d)
    >>> [(k, str(p.relative_to(d))) for k, p in files], [p.name for p in strays]
    ([('trials', 'trials.yaml'), ('trials', 'x/trials.yaml')], ['trails.yaml'])
    """
    data_dir = Path(data_dir)
    found = [data_dir / p for p in manifest_files(data_dir)]  # links to folders not followed
    files = [(p.stem, p) for p in found if p.stem in model.KINDS]
    order = {k: i for i, k in enumerate(model.KINDS)}
    files.sort(key=lambda kp: (order[kp[0]], len(kp[1].relative_to(data_dir).parts) > 1, str(kp[1])))
    return files, [p for p in found if p.stem not in model.KINDS]


def load_dataset(data_dir: str | Path | None, extra: Sequence[Extra] = (),
                 known: dict[str, str] | None = None, *, manifest: bool = True,
                 read: dict[str, int | None] | None = None, crosswalk: bool = True) -> model.Dataset:
    """Read every ``<kind>.yaml`` in ``data_dir`` and its folders (see :func:`data_files`; and
    the ``extra`` layers of added records) and return the checked records, the indications with
    the mappings of ``data_dir``'s crosswalk table (:mod:`kg.sources.crosswalk`; ``crosswalk``
    False leaves them out, for ``kg crosswalk``).

    The files must be those ``data_dir/MANIFEST`` lists, none holding fewer records than
    its floor (:mod:`kg.sources.manifest`; ``manifest`` False skips this, for
    ``kg manifest --update``). ``read``, if given, receives the record count of every file
    read (path relative to ``data_dir``; None if it could not be read).

    Layer records follow the same rules except that the fields only curated records must fill
    may be missing, and they may refer to any curated or layer record. ``known`` maps the ids of
    records checked before (other partitions of the graph) to their kind name, so that the
    records read now may refer to them; with ``data_dir`` None only ``extra`` is read.
    Raises :class:`DataErrors` listing every problem (file, line, field) if any is found.
    """
    if data_dir is not None and not Path(data_dir).is_dir():
        raise DataErrors([DataError("data directory not found", file=str(data_dir))])
    errors: list[DataError] = []
    refs: list[tuple[str, tuple[str, ...], str, int, str]] = []
    records: dict[str, list] = {name: [] for name in model.KINDS}
    seen: dict[str, tuple[str, str, int]] = {k: (kind, "(another partition)", 0) for k, kind in (known or {}).items()}
    failed: set[str] = set()  # ids of records already reported: no second error for references to them
    broken: set[str] = set()  # kinds whose file could not be read: references to them are not checked

    def take(name: str, raw: list, ctx: RecordContext) -> None:
        cls = model.KINDS[name]
        for i, item in enumerate(raw):
            rec = decode_record(cls, item, ctx, i)
            if rec is FAILED:
                if isinstance(item, dict) and isinstance(item.get("id"), str):
                    failed.add(item["id"])
                continue
            if rec.id in seen:
                kind, f0, l0 = seen[rec.id]
                ctx.error(f"duplicate id {rec.id} (first defined at {f0}:{l0})", item.line, "id")
                continue
            seen[rec.id] = (cls.__name__, ctx.file, item.line)
            records[name].append(rec)
        errors.extend(ctx.errors)
        refs.extend((ctx.file, *r) for r in ctx.refs)

    read = {} if read is None else read
    files, strays = data_files(data_dir) if data_dir is not None else ([], [])
    for path in strays:
        errors.append(DataError(f"not a kind of record: name a file after one of {', '.join(model.KINDS)}",
                                file=str(path)))
    absent = {cls.__name__ for name, cls in model.KINDS.items()} - {model.KINDS[name].__name__ for name, _ in files}
    for name, path in files:
        cls = model.KINDS[name]
        shown = str(path)
        read[path.relative_to(data_dir).as_posix()] = None
        try:
            text = read_regular(path, limit=MAX_FILE).decode("utf-8")
        except (UnicodeDecodeError, DataError) as exc:
            errors.append(exc if isinstance(exc, DataError) else DataError(
                f"not UTF-8 text (byte {exc.start})", file=shown))
            broken.add(cls.__name__)
            continue
        try:
            raw = load_yaml_text(text, shown)
        except DataError as exc:
            errors.append(exc)
            broken.add(cls.__name__)
            continue
        if raw is None:
            raw = []
        if not isinstance(raw, list):
            errors.append(DataError("the file must be a list of records", file=shown, line=1))
            broken.add(cls.__name__)
            continue
        read[path.relative_to(data_dir).as_posix()] = len(raw)
        take(name, raw, RecordContext(shown))
    if data_dir is not None and manifest:
        missing = check_manifest(data_dir, read)
        errors.extend(missing)
        if missing:  # the files named there explain the references into their kinds
            broken |= absent
    for label, by_kind in extra:
        for name, raw in by_kind.items():
            if name not in model.KINDS:
                errors.append(DataError(f"unknown kind {name!r}", file=label, field="kind"))
                continue
            take(name, raw, RecordContext(label, curated=False))
    for file, kinds, value, line, field in refs:
        found = seen.get(value)
        if found is None and (value in failed or broken.intersection(kinds)):
            continue
        if found is None:
            errors.append(DataError(f"dangling reference: no {' or '.join(kinds)} with id {value}",
                                    file=file, line=line, field=field))
        elif found[0] not in kinds:
            errors.append(DataError(f"{value} is a {found[0]}, expected {' or '.join(kinds)}",
                                    file=file, line=line, field=field))
    if errors:
        raise DataErrors(sorted(errors, key=lambda e: (e.file, e.line or 0)))
    dataset = model.Dataset({k: tuple(v) for k, v in records.items()})
    return attach(dataset, data_dir) if data_dir is not None and crosswalk else dataset
