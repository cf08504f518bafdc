"""A document file -> plain text. UTF-8 only; plain text, Markdown or HTML.

Markup is stripped (HTML with the standard library's :mod:`html.parser`, so nothing is
executed or fetched; ``script`` and ``style`` are dropped). Every character offset that
``kg ingest`` reports refers to the *extracted* plain text (:attr:`Text.text`), which
``kg ingest --format json --with-text`` shows.

>>> t = from_bytes(b"<html><title>T</title><p>A&amp;B</p><script>x()</script></html>", "a.html")
>>> t.format, t.title, t.text
('html', 'T', 'T\\n\\nA&B')
"""
from __future__ import annotations

import hashlib
import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from kg.errors import DocumentError

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
        text, title = raw, _first_line(raw)
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


def _first_line(text: str) -> str:
    return next((ln.strip() for ln in text.splitlines() if ln.strip()), "")


# ------------------------------------------------------------------------------------ HTML

_BLOCK = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "section",
          "article", "header", "footer", "blockquote", "title", "dt", "dd", "figcaption", "pre", "hr", "main",
          "nav", "aside"}
_DROP = {"script", "style", "template", "noscript", "svg", "iframe", "object"}


class _Extractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0
        self.title: list[str] = []
        self.h1: list[str] = []
        self.where: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in _DROP:
            self.skip += 1
        elif tag in _BLOCK:
            self.parts.append("\n\n" if tag not in ("br", "li", "tr") else "\n")
        if tag in ("title", "h1"):
            self.where.append(tag)

    def handle_startendtag(self, tag, attrs):
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in _DROP:
            self.skip = max(0, self.skip - 1)
        elif tag in _BLOCK:
            self.parts.append("\n\n" if tag not in ("li", "tr") else "\n")
        if self.where and self.where[-1] == tag:
            self.where.pop()

    def handle_data(self, data):
        if self.skip:
            return
        self.parts.append(data)
        if "title" in self.where:
            self.title.append(data)
        elif "h1" in self.where:
            self.h1.append(data)


def html_text(raw: str) -> tuple[str, str]:
    """(plain text, title) of an HTML page: tags stripped, entities decoded, scripts and styles
    dropped, block elements on lines of their own.

    >>> html_text("<h1>Hi</h1><p>one<br>two <b>three</b></p><style>p{}</style>")
    ('Hi\\n\\none\\ntwo three', 'Hi')
    """
    p = _Extractor()
    p.feed(raw)
    p.close()
    text = "".join(p.parts)
    lines = [" ".join(ln.split()) for ln in text.split("\n")]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    title = " ".join("".join(p.title).split()) or " ".join("".join(p.h1).split())
    return text, title


# -------------------------------------------------------------------------------- Markdown

_MD_RULES = [
    (re.compile(r"^```.*$", re.M), ""),                         # code fences (their content is kept)
    (re.compile(r"^ {0,3}#{1,6}[ \t]+(.*?)[ \t]*#*[ \t]*$", re.M), r"\1"),  # headings
    (re.compile(r"^ {0,3}>\s?", re.M), ""),                      # block quotes
    (re.compile(r"^([ \t]*)[-*+][ \t]+", re.M), r"\1• "),              # bullets
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),              # images -> alt text
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),               # links -> their text
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),              # reference links
    (re.compile(r"^[ \t]*\[[^\]]+\]:[ \t]+\S+.*$", re.M), ""),         # link definitions
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),       # strong
    (re.compile(r"(?<![\w*])([*_])(?=\S)(.+?)(?<=\S)\1(?![\w*])"), r"\2"),  # emphasis
    (re.compile(r"`([^`]*)`"), r"\1"),                           # inline code
    (re.compile(r"^ {0,3}([-*_])([ \t]*\1){2,}[ \t]*$", re.M), ""),    # horizontal rules
    (re.compile(r"<[^>\n]+>"), ""),                              # inline HTML tags
]


def markdown_text(raw: str) -> tuple[str, str]:
    """(plain text, title) of a Markdown document: headings, emphasis, links and code marks
    removed, bullets kept as "•".

    >>> markdown_text("# Trial news\\n\\n- **HR** 0.70 for _OS_\\n")
    ('Trial news\\n\\n• HR 0.70 for OS\\n', 'Trial news')
    """
    m = re.search(r"^ {0,3}#{1,6}[ \t]+(.*?)[ \t]*#*[ \t]*$", raw, re.M)
    text = raw
    for rx, repl in _MD_RULES:
        text = rx.sub(repl, text)
    text = html.unescape(text)
    return text, _strip_inline(m.group(1)) if m else _first_line(text)


def _strip_inline(s: str) -> str:
    for rx, repl in _MD_RULES[4:11]:
        s = rx.sub(repl, s)
    return s.strip()
