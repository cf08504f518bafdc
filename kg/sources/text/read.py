"""A document file -> plain text. UTF-8 only; plain text, Markdown or HTML.

Markup is stripped by :mod:`kg.sources.text.markup` (in linear time; nothing is executed or
fetched; ``script`` and ``style`` are dropped). Every character offset that
``kg ingest`` reports refers to the *extracted* plain text (:attr:`Text.text`), which
``kg ingest --format json --with-text`` shows.

>>> t = from_bytes(b"<html><title>T</title><p>A&amp;B</p><script>x()</script></html>", "a.html")
>>> t.format, t.title, t.text
('html', 'T', 'T\\n\\nA&B')
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from kg.errors import DocumentError
from kg.sources.text.markup import first_line, html_text, markdown_text

MAX_BYTES = 5_000_000
_HTML_SUFFIXES = (".html", ".htm", ".xhtml")
_MD_SUFFIXES = (".md", ".markdown")


@dataclass(frozen=True)
class Text:
    """A document's extracted plain text, with what was read to get it."""

    path: str
    format: str  # "text", "markdown" or "html"
    title: str
    text: str
    sha256: str  # of the file's bytes
    size: int


def read(path: str | Path, max_bytes: int = MAX_BYTES) -> Text:
    """Read ``path`` and extract its text; :class:`DocumentError` naming the file if it is
    missing, empty, too large, binary or not UTF-8.

    >>> import tempfile, os
    >>> p = os.path.join(tempfile.mkdtemp(), "a.md")
    >>> _ = open(p, "w").write("# Title\\n\\nSome *bold* [link](http://x).\\n")
    >>> read(p).text
    'Title\\n\\nSome bold link.\\n'
    """
    path = Path(path)
    name = str(path)
    if not path.exists():
        raise DocumentError("no such file", file=name)
    if not path.is_file():
        raise DocumentError("not a regular file", file=name)
    size = path.stat().st_size
    if size > max_bytes:
        raise DocumentError(f"too large: {size:,} bytes (the limit is {max_bytes:,})", file=name)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DocumentError(f"cannot read: {exc.strerror or exc}", file=name) from None
    return from_bytes(data, name, max_bytes)


def from_bytes(data: bytes, name: str, max_bytes: int = MAX_BYTES) -> Text:
    """Extract the text of a document given as bytes (``name`` says what it is, for the format
    and for errors).

    >>> from_bytes(b"\\xff\\xfeh\\x00i\\x00", "a.txt")
    Traceback (most recent call last):
    ...
    kg.errors.DocumentError: a.txt: binary data (NUL bytes): only UTF-8 text, Markdown or HTML can be read
    """
    if len(data) > max_bytes:
        raise DocumentError(f"too large: {len(data):,} bytes (the limit is {max_bytes:,})", file=name)
    if b"\x00" in data:
        raise DocumentError("binary data (NUL bytes): only UTF-8 text, Markdown or HTML can be read", file=name)
    try:
        raw = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DocumentError(f"not UTF-8 text (byte {exc.start}: {data[exc.start:exc.start + 1]!r}); "
                            "convert it to UTF-8 first", file=name) from None
    raw = raw.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    fmt = _format(name, raw)
    if fmt == "html":
        text, title = html_text(raw)
    elif fmt == "markdown":
        text, title = markdown_text(raw)
    else:
        text, title = raw, first_line(raw)
    if not text.strip():
        raise DocumentError("empty: no text to read", file=name)
    return Text(path=name, format=fmt, title=title or Path(name).stem, text=text,
                sha256=hashlib.sha256(data).hexdigest(), size=len(data))


def _format(name: str, raw: str) -> str:
    low = name.lower()
    if low.endswith(_HTML_SUFFIXES):
        return "html"
    if low.endswith(_MD_SUFFIXES):
        return "markdown"
    head = raw.lstrip()[:200].lower()
    if head.startswith(("<!doctype html", "<html")):
        return "html"
    return "text"
