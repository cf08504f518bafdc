"""The manifest of the curated data: which files ``data/`` holds and the fewest records each
must hold, so that curated data can never shrink or grow unnoticed.

``data/MANIFEST`` lists every ``*.yaml`` under ``data/`` (paths relative to it, in any
sub-folder) with a record count floor::

    # path  records
    approvals.yaml  17
    drugs/atezolizumab/approvals.yaml  9

The loader (:func:`kg.sources.curated.load_dataset`, so ``kg build``, ``kg validate`` and
every writer) checks the files it read against it (:func:`check`): a listed file that is
missing (deleted, a dangling or looping link), holds fewer records than its floor or none at
all, a ``*.yaml`` that is not listed, and a listed file the loader does not read (a misspelt
kind) are each an error naming the file. After a deliberate change, ``kg manifest --update``
writes the manifest again from the files as they are (:func:`update`); the change then shows
in the manifest's diff.

>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "MANIFEST").write_text("drugs.yaml 2\\n")
>>> [e.message for e in check(d, {"drugs.yaml": 1})]  # doctest: +ELLIPSIS
["holds 1 record; .../MANIFEST expects at least 2 (run 'kg manifest --update' if this is intended)"]
"""
from __future__ import annotations

import os
from pathlib import Path, PurePosixPath

from kg.errors import DataError
from kg.fsutil import atomic_write, read_regular

MANIFEST = "MANIFEST"
_HEAD = ("# The curated data files (paths relative to this folder) and the fewest records each must hold.\n"
         "# kg build and kg validate refuse data that does not match; after a deliberate change run\n"
         "# 'kg manifest --update' (kg manifest shows the differences first).\n")
_UPDATE = "run 'kg manifest --update' if this is intended"


def data_files(data_dir: str | os.PathLike) -> list[str]:
    """Every ``*.yaml`` under ``data_dir`` (links and folders so named too, broken links
    included), relative, sorted.

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp()); (d / "a").mkdir(); _ = (d / "a" / "x.yaml").write_text("")
    >>> data_files(d)
    ['a/x.yaml']
    """
    root = Path(data_dir)
    out = []
    for folder, dirs, files in os.walk(root):  # links to folders are not followed (no loops)
        dirs.sort()
        # a folder named like a data file is listed (and refused when read), not walked into
        named = [d for d in dirs if d.endswith(".yaml")]
        dirs[:] = [d for d in dirs if not d.endswith(".yaml")]
        for name in files + named + [d for d in dirs if os.path.islink(os.path.join(folder, d))]:
            if name.endswith(".yaml"):
                out.append(PurePosixPath(Path(folder, name).relative_to(root)).as_posix())
    return sorted(out)


def read_manifest(data_dir: str | os.PathLike) -> dict[str, int]:
    """Path -> record floor, as ``data_dir/MANIFEST`` lists them; :class:`DataError` naming the
    line of anything malformed, or the file if there is none."""
    path = Path(data_dir) / MANIFEST
    if not os.path.lexists(path):
        raise DataError(f"no manifest of the data files: write one with 'kg manifest --update --data {data_dir}'",
                        file=str(path))
    try:
        text = read_regular(path, limit=1 << 20).decode("utf-8")
    except UnicodeDecodeError:
        raise DataError("not UTF-8 text", file=str(path)) from None
    out: dict[str, int] = {}
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        parts = line.rsplit(None, 1)
        if len(parts) != 2 or not parts[1].isdigit() or not parts[1].isascii():
            raise DataError("expected '<path> <records>'", file=str(path), line=n)
        name, floor = parts[0].strip(), int(parts[1])
        pure = PurePosixPath(name)
        if pure.is_absolute() or ".." in pure.parts or not name.endswith(".yaml"):
            raise DataError(f"{name!r} is not a .yaml path inside the data folder", file=str(path), line=n)
        if name in out:
            raise DataError(f"{name} is listed twice", file=str(path), line=n)
        out[name] = floor
    return out


def check(data_dir: str | os.PathLike, read: dict[str, int | None]) -> list[DataError]:
    """The differences between the manifest of ``data_dir`` and what the loader read: ``read``
    maps each file it read (relative path) to its record count, None when the file could not be
    read (that error is the loader's own). One :class:`DataError` per file that differs."""
    root = Path(data_dir)
    try:
        expected = read_manifest(root)
    except DataError as exc:
        return [exc]
    errors, listing = [], root / MANIFEST
    for name in sorted(set(data_files(root)) | set(expected) | set(read)):
        shown, count = str(root / name), read.get(name)
        if name not in expected:
            errors.append(DataError(f"not in {listing}: a data file nobody listed ({_UPDATE}, or remove it)",
                                    file=shown))
        elif name not in read:
            what = "missing" if not os.path.lexists(root / name) else "not a file the loader reads (a misspelt kind?)"
            errors.append(DataError(f"{what}; {listing} lists it with {expected[name]} records", file=shown))
        elif count == 0:
            errors.append(DataError("holds no records: an empty data file is refused", file=shown))
        elif count is not None and count < expected[name]:
            errors.append(DataError(f"holds {count} record{'s' if count != 1 else ''}; {listing} expects at "
                                    f"least {expected[name]} ({_UPDATE})", file=shown))
    return errors


def manifest_text(counts: dict[str, int]) -> str:
    """The manifest listing ``counts`` (path -> records).

    >>> print(manifest_text({"drugs.yaml": 24}), end="")  # doctest: +ELLIPSIS
    # The curated data files ...
    drugs.yaml  24
    """
    width = max((len(p) for p in counts), default=0)
    return _HEAD + "".join(f"{p.ljust(width)}  {n}\n" for p, n in sorted(counts.items()))


def update(data_dir: str | os.PathLike, read: dict[str, int | None], *, write: bool = True
           ) -> dict[str, dict[str, int | None]]:
    """Write ``data_dir/MANIFEST`` from what the loader read (``read``: path -> record count, as
    :func:`kg.sources.curated.load_dataset` fills it; the load must have passed): the floor of
    each file is its record count now. No file may be empty or unread. Returns what changed,
    ``{path: {"before": n or None, "after": n or None}}``; with ``write`` False only that."""
    from kg.errors import DataErrors

    root = Path(data_dir)
    problems = [DataError("holds no records: remove the file instead", file=str(root / p)) for p, n in read.items()
                if not n]
    problems += [DataError("not a file the loader reads (a misspelt kind?)", file=str(root / p))
                 for p in data_files(root) if p not in read]
    if problems:
        raise DataErrors(problems)
    try:
        before = read_manifest(root)
    except DataError:
        before = {}
    after = {p: int(n or 0) for p, n in read.items()}
    changes = {p: {"before": before.get(p), "after": after.get(p)} for p in sorted(set(before) | set(after))
               if before.get(p) != after.get(p)}
    if write:
        atomic_write(root / MANIFEST, manifest_text(after).encode("utf-8"))
    return changes


__all__ = ["MANIFEST", "data_files", "read_manifest", "check", "update", "manifest_text"]
