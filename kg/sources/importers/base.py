"""What every importer shares: streaming a file line by line with progress, checked TSV rows,
rejections located by file and line, and the context that resolves entities, keeps the new
nodes an import creates and counts what happened.

>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "x.tsv"
>>> _ = p.write_text("a\\tb\\n1\\t2\\n3\\n")
>>> ctx = Context("infores:test")
>>> [(n, row) for n, row in tsv_rows(p, ("a", "b"), ctx)]
[(2, {'a': '1', 'b': '2'})]
>>> ctx.rejections[0]["reason"]
'2 columns expected, 1 found'
"""
from __future__ import annotations

import csv
import dataclasses
import datetime as _dt
import hashlib
import os
import re
from collections import Counter
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from kg.schema import model
from kg.errors import SourceFormatError
from kg.sources.importers.resolve import Resolver
from kg.schema.vocab import slug

Progress = Callable[[int], None]


def sha256(path: str | os.PathLike) -> str:
    """SHA-256 of a file, read in blocks."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def file_date(path: str | os.PathLike) -> str:
    """The file's modification date (UTC), the release of last resort."""
    return _dt.datetime.fromtimestamp(os.stat(path).st_mtime, _dt.timezone.utc).date().isoformat()


def lines(path: Path, progress: Progress | None = None) -> Iterator[str]:
    """The file's lines as text, one at a time, reporting bytes read to ``progress``.

    A file that is not UTF-8 text is a :class:`SourceFormatError` naming the line.
    """
    with open(path, "rb") as fh:
        for n, raw in enumerate(fh, 1):
            if progress:
                progress(len(raw))
            try:
                yield raw.decode("utf-8-sig" if n == 1 else "utf-8")
            except UnicodeDecodeError:
                raise SourceFormatError("not UTF-8 text (a compressed or binary file?)", file=str(path), line=n) from None


def tsv_rows(path: Path, required: Iterable[str], ctx: "Context") -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, row) for every well-formed row of a tab-separated file with a header.

    The header must hold the ``required`` columns (else :class:`SourceFormatError`, nothing
    read). A row with the wrong number of fields is rejected (``ctx.reject``), and said to be
    truncated when the file ends inside it. A file with no rows after the header is an error.
    """
    stream = lines(path, ctx.progress)
    header_line = next(stream, None)
    if header_line is None or not header_line.strip():
        raise SourceFormatError("empty file (no header)", file=str(path), line=1)
    header = header_line.rstrip("\r\n").split("\t")
    missing = [c for c in required if c not in header]
    if missing:
        raise SourceFormatError(f"not the expected header: missing column(s) {', '.join(missing)}", file=str(path),
                                line=1)
    rows = 0
    for n, line in enumerate(stream, 2):
        if not line.strip():
            continue
        fields = next(csv.reader([line.rstrip("\r\n")], delimiter="\t", quoting=csv.QUOTE_NONE))
        ctx.read += 1
        rows += 1
        if len(fields) != len(header):
            reason = f"{len(header)} columns expected, {len(fields)} found"
            if not line.endswith("\n"):
                reason = "truncated line: the file ends inside it (" + reason + ")"
            ctx.reject(path, n, reason)
            continue
        yield n, dict(zip(header, fields))
    if rows == 0:
        raise SourceFormatError("no records after the header (truncated file?)", file=str(path), line=2)


class Context:
    """One import run: the resolver, the new nodes, the counts and the rejections."""

    def __init__(self, infores: str, resolver: Resolver | None = None, progress: Progress | None = None):
        self.infores = infores
        self.resolver = resolver or Resolver()
        self.progress = progress
        self.read = 0
        self.imported = 0
        self.rejections: list[dict[str, Any]] = []
        self.skipped: Counter[str] = Counter()
        self.unresolved: Counter[str] = Counter()
        self.new: dict[str, model.Record] = {}
        self.resolved: dict[str, set[str]] = {}
        self.release: str | None = None  # found in the data (a release date, a version), if any

    def source(self, record: str | None = None) -> model.Source:
        """The provenance of a fact from this import (its release is stamped at the end)."""
        return model.Source(self.infores, agent="automated_agent", record=record)

    def reject(self, path: Path | str, line: int, reason: str) -> None:
        """Reject one input record: it is counted and listed, and the rest goes on."""
        self.rejections.append({"file": str(path), "line": line, "reason": reason})

    def hit(self, node: str | None) -> str | None:
        """Count ``node`` as resolved to an existing node (unless this import created it)."""
        if node and node not in self.new:
            self.resolved.setdefault(self.resolver.kinds[node], set()).add(node)
        return node

    def create(self, rec: model.Record) -> str:
        """Add a new node (once per id) and index it so that later records resolve to it."""
        if rec.id not in self.new:
            self.new[rec.id] = rec
            self.resolver.add(rec)
        return rec.id

    def free_id(self, prefix: str, name: str) -> str:
        """A ``KG:<prefix>-<slug>`` id for a new node that no existing node uses."""
        base = f"KG:{prefix}-{slug(name) or 'unnamed'}"
        ident, n = base, 2
        while self.resolver.known(ident):
            ident, n = f"{base}-{n}", n + 1
        return ident

    def new_drug(self, name: str, record: str, ids: tuple[str, ...] = (), synonyms: Iterable[str] = ()) -> str:
        """The drug called ``name`` (or with one of ``ids``): existing, else a new node with
        the first of ``ids`` as its id, or ``KG:drug-<slug>``."""
        synonyms = tuple(s for s in dict.fromkeys(synonyms) if s and s != name)
        found = self.hit(self.resolver.drug(ids, name, synonyms))
        if found:
            return found
        ident = ids[0] if ids else self.free_id("drug", name)
        return self.create(model.Drug(id=ident, name=name, synonyms=synonyms, xrefs=ids[1:],
                                      sources=(self.source(record),)))

    def records(self, statements: Iterable[model.Record], release: str) -> list[model.Record]:
        """The layer's records: the new nodes, then the statements, with ``release`` stamped
        on every source of this import that has none."""
        def stamp(rec: model.Record) -> model.Record:
            srcs = tuple(dataclasses.replace(s, release=release) if s.id == self.infores and s.release is None else s
                         for s in rec.sources)
            return dataclasses.replace(rec, sources=srcs)

        return [stamp(r) for r in (*self.new.values(), *statements)]

    def counts(self) -> dict[str, Any]:
        """The figures of the report (see :func:`kg.sources.importers.run_import`)."""
        new = Counter(r.kind_name for r in self.new.values())
        resolved = {k: len(v) for k, v in sorted(self.resolved.items())}
        return {"read": self.read, "imported": self.imported, "rejected": len(self.rejections),
                "skipped": dict(sorted(self.skipped.items())),
                "resolved": sum(resolved.values()), "resolved_by_type": resolved,
                "new": sum(new.values()), "new_by_type": dict(sorted(new.items())),
                "unresolved": dict(sorted(self.unresolved.items())), "rejections": self.rejections}


def version_in_name(path: Path) -> str | None:
    """A release version written in a file name (``hetionet-v1.0-nodes.tsv`` -> ``v1.0``).

    >>> version_in_name(Path("hetionet-v1.0-nodes.tsv")), version_in_name(Path("nodes.tsv"))
    ('v1.0', None)
    """
    m = re.search(r"(?<![A-Za-z0-9])v(\d+(?:\.\d+)*)(?![\d.]*\d)", path.name)
    return f"v{m.group(1)}" if m else None
