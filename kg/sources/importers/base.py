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
from dataclasses import dataclass
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
_KIND_OF = {cls: name for name, cls in model.KINDS.items()}


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


#: Longest line read from an input file (bytes): a longer one is rejected and skipped, so that
#: a file without line breaks cannot fill the memory.
MAX_LINE = 16 << 20


@dataclass(frozen=True)
class Unreadable:
    """A line :func:`lines` could not give as text (too long, not UTF-8): the reason."""

    reason: str


def open_input(path: Path):
    """The input file opened for reading bytes; anything but a regular file (a FIFO,
    ``/dev/zero``, a folder, a dangling link) is a :class:`SourceFormatError` naming it."""
    from kg.errors import DataError
    from kg.fsutil import open_regular

    try:
        return open_regular(path)
    except DataError as exc:
        raise SourceFormatError(exc.message, file=exc.file) from None


def lines(path: Path, progress: Progress | None = None) -> Iterator["str | Unreadable"]:
    """The file's lines as text, one at a time, reporting bytes read to ``progress``; a line
    longer than :data:`MAX_LINE` bytes or not UTF-8 comes as :class:`Unreadable` (skipped).

    >>> import tempfile
    >>> p = Path(tempfile.mkdtemp()) / "x.tsv"; _ = p.write_bytes(b"a\\n\\xff\\n")
    >>> list(lines(p))
    ['a\\n', Unreadable(reason='not UTF-8 text (byte 0)')]
    """
    with open_input(path) as fh:
        n = 0
        while raw := _readline(fh, MAX_LINE + 1, path):
            n += 1
            if progress:
                progress(len(raw))
            if len(raw) > MAX_LINE:
                while raw and not raw.endswith(b"\n"):  # skip the rest of the line
                    raw = _readline(fh, 1 << 20, path)
                    if progress:
                        progress(len(raw))
                yield Unreadable(f"line longer than {MAX_LINE:,} bytes")
                continue
            try:
                yield raw.decode("utf-8-sig" if n == 1 else "utf-8")
            except UnicodeDecodeError as exc:
                yield Unreadable(f"not UTF-8 text (byte {exc.start})")


def _readline(fh, limit: int, path: Path) -> bytes:
    try:
        return fh.readline(limit)
    except OSError as exc:  # /proc/self/mem and the like: a regular file that cannot be read
        raise SourceFormatError(f"cannot read: {exc.strerror}", file=str(path)) from None


def tsv_rows(path: Path, required: Iterable[str], ctx: "Context") -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, row) for every well-formed row of a tab-separated file with a header.

    The header must hold the ``required`` columns (else :class:`SourceFormatError`, nothing
    read). A row with the wrong number of fields, not UTF-8 or too long is rejected
    (``ctx.reject``), and said to be truncated when the file ends inside it. A file with no rows
    after the header is an error.
    """
    stream = lines(path, ctx.progress)
    header_line = next(stream, None)
    if isinstance(header_line, Unreadable):
        raise SourceFormatError(f"{header_line.reason}: not a text file of this source (a compressed or binary "
                                f"file?)", file=str(path), line=1)
    if header_line is None or not header_line.strip():
        raise SourceFormatError("empty file (no header)", file=str(path), line=1)
    header = header_line.rstrip("\r\n").split("\t")
    missing = [c for c in required if c not in header]
    if missing:
        raise SourceFormatError(f"not the expected header: missing column(s) {', '.join(missing)}", file=str(path),
                                line=1)
    rows = 0
    for n, line in enumerate(stream, 2):
        if isinstance(line, Unreadable):
            ctx.read += 1
            rows += 1
            ctx.reject(path, n, line.reason)
            continue
        if not line.strip():
            continue
        ctx.read += 1
        rows += 1
        try:
            fields = next(csv.reader([line.rstrip("\r\n")], delimiter="\t", quoting=csv.QUOTE_NONE))
        except csv.Error as exc:  # a field over the csv module's limit (131,072 characters), a stray CR
            ctx.reject(path, n, f"unreadable row: {exc}")
            continue
        if len(fields) != len(header):
            reason = f"{len(header)} columns expected, {len(fields)} found"
            if not line.endswith("\n"):
                reason = "truncated line: the file ends inside it (" + reason + ")"
            ctx.reject(path, n, reason)
            continue
        yield n, dict(zip(header, fields))
    if rows == 0:
        raise SourceFormatError("no records after the header (truncated file?)", file=str(path), line=2)


class Rejected(Exception):
    """One input record cannot be imported (the reason is the message); raised inside
    :meth:`Context.attempt`, which rejects the record and goes on with the next."""


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
        self.origins: dict[str, tuple[str, int]] = {}  # id of each record kept -> (file, line) of its input record
        self._hits: list[tuple[str, str]] | None = None  # resolutions of the record being attempted
        self._made: list[str] = []  # ids of the nodes the record being attempted made

    def source(self, record: str | None = None) -> model.Source:
        """The provenance of a fact from this import (its release is stamped at the end)."""
        return model.Source(self.infores, agent="automated_agent", record=record)

    def reject(self, path: Path | str, line: int, reason: str) -> None:
        """Reject one input record: it is counted and listed, and the rest goes on."""
        self.rejections.append({"file": str(path), "line": line, "reason": reason})

    def hit(self, node: str | None) -> str | None:
        """Count ``node`` as resolved to an existing node (unless this import created it)."""
        if node and node not in self.new:
            if self._hits is not None:
                self._hits.append((self.resolver.kinds[node], node))
            else:
                self.resolved.setdefault(self.resolver.kinds[node], set()).add(node)
        return node

    def create(self, rec: model.Record) -> str:
        """Add a new node (once per id, checked as :meth:`check` does) and index it so that later
        records resolve to it."""
        if rec.id not in self.new:
            self.check(rec)
            self.new[rec.id] = rec
            self._made.append(rec.id)
            self.resolver.add(rec)
        return rec.id

    def check(self, rec: model.Record) -> model.Record:
        """``rec`` if the loader finds nothing wrong with it on its own (fields, ids, text; its
        references are checked when the layer is saved), else :class:`Rejected` saying what.

        >>> ctx = Context("infores:test")
        >>> ctx.check(model.Drug(id="KG:drug-x", name="a\\x00b", sources=(ctx.source(),)))
        Traceback (most recent call last):
        ...
        kg.sources.importers.base.Rejected: Drug KG:drug-x: name: control character U+0000 at position 1
        """
        from kg.sources.records import check_mapping
        from kg.sources.layers import to_data
        from kg.sources.yamlfile import with_line

        problems = check_mapping(_KIND_OF[type(rec)], with_line(to_data(rec), 1), "")
        if problems:
            raise Rejected(f"{rec.kind_name} {rec.id}: " + "; ".join(
                f"{e.field}: {e.message}" if e.field else e.message for e in problems))
        return rec

    def attempt(self, path: Path | str, line: int, make: Callable[[], model.Record | None]) -> model.Record | None:
        """Turn one input record (at ``path``:``line``) into what it imports: ``make()`` returns
        its statement (or None when it only adds nodes). The statement is checked
        (:meth:`check`; its id must be new to this import). If anything is wrong (``make``
        raises :class:`Rejected`, or the check fails) the record is rejected with the reason,
        the nodes it created are taken back, and None is returned; the import goes on. A record
        that passes is counted as imported."""
        self._hits, self._made = [], []
        self.resolver.mark()
        try:
            rec = make()
            if rec is not None:
                self.check(rec)
                if rec.id in self.origins or rec.id in self.new:
                    first = self.origins.get(rec.id)
                    raise Rejected(f"{rec.id} again (first at {'%s:%d' % first if first else 'a node made before'})")
        except Rejected as exc:
            for key in self._made:
                del self.new[key]
            self.resolver.undo()
            self.reject(path, line, str(exc))
            return None
        finally:
            hits, self._hits = self._hits, None
        self.resolver.commit()
        self.imported += 1
        for kind, node in hits:
            self.resolved.setdefault(kind, set()).add(node)
        for key in [*self._made, *([rec.id] if rec is not None else [])]:
            self.origins[key] = (str(path), line)
        return rec

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
