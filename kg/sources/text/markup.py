"""Markup -> plain text: HTML and Markdown, in time linear in the length of the input.

Both readers are scanners built on patterns that cannot backtrack over what they have
already read: every repeated part stops at the next delimiter it may not contain (a
``[`` cannot hold another ``[``, a tag ends at the next ``<`` or ``>``), or is possessive
(``*+``), and each match starts after the last one. So hostile input (a megabyte of ``[`` or
``<a ``) costs what any other text of that length costs. HTML is tokenised here rather than
with the standard library's :mod:`html.parser`, which is quadratic on such input (150 kB of
``<a `` took 355 s on Python 3.11.7) and raises ``AssertionError`` on ``<![<![``. Nothing is
executed or fetched; ``script``, ``style`` and the like are dropped with their content.

>>> html_text("<title>T</title><p>a &lt; b</p><script>x()</script>")
('T\\n\\na < b', 'T')
>>> markdown_text("# Trial news\\n\\n- **HR** 0.70 for _OS_ [link](http://x)\\n")
('Trial news\\n\\n• HR 0.70 for OS link\\n', 'Trial news')
"""
from __future__ import annotations

import html
import re

# ------------------------------------------------------------------------------------ HTML

_BLOCK = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "section",
          "article", "header", "footer", "blockquote", "title", "dt", "dd", "figcaption", "pre", "hr", "main",
          "nav", "aside", "dl", "figure", "caption", "summary", "details"}
_ONE_NEWLINE = {"br", "li", "tr"}
#: table cells: a row is one line, its cells set apart by " | " (as a Markdown table's)
_CELL = {"td", "th"}
#: superscripts and subscripts (footnote marks, reference numbers): set apart from the word before them
_SET_APART = {"sup", "sub"}
#: elements whose content is not text: raw text (skipped to the end tag) and the rest (skipped by depth)
_RAW = {"script", "style", "textarea", "xmp"}
_DROP = {"template", "noscript", "svg", "iframe", "object", "math"}
_MARKUP = re.compile(r"""
    <!--.*?(?:-->|\Z)                                     # a comment (unclosed: to the end)
  | <[!?][^>]*+>?                                         # a declaration, CDATA or processing instruction
  | <(/?)([A-Za-z][^\s/>]*+)(?:[^>"']++|"[^"]*+"?|'[^']*+'?)*+>?  # a start or end tag
""", re.S | re.X)


_RAW_END = {tag: re.compile(r"</%s(?=[\s/>])[^>]*+>?|\Z" % tag, re.I) for tag in _RAW}


def html_text(raw: str) -> tuple[str, str]:
    """(plain text, title) of an HTML page: tags stripped, entities decoded, scripts and styles
    dropped, block elements on lines of their own. The title is the ``title`` element's text,
    else the first ``h1``'s.

    >>> html_text("<h1>Hi</h1><p>one<br>two <b>three</b></p><style>p{}</style>")
    ('Hi\\n\\none\\ntwo three', 'Hi')
    >>> html_text("<table><tr><th>Date</th><th>Drug</th></tr><tr><td>2019</td><td>X</td></tr></table>")[0]
    '| Date | Drug\\n\\n| 2019 | X'
    >>> html_text("<p>Regular<sup>a</sup>; KEYNOTE-189<sup>12</sup></p>")[0]
    'Regular a; KEYNOTE-189 12'
    >>> html_text("<a " * 3 + "<p>x</p>")[0], html_text("1 < 2 and 3 > 2")[0]
    ('x', '1 < 2 and 3 > 2')
    """
    parts: list[str] = []
    title: list[str] = []
    h1: list[str] = []
    h1_done = False
    where: list[str] = []  # open title / h1 elements
    skip = 0
    pos, n = 0, len(raw)
    while pos < n:
        lt = raw.find("<", pos)
        end = n if lt < 0 else lt
        if lt >= 0 and _MARKUP.match(raw, lt) is None:  # a "<" that starts no markup ("a < b") is text
            nxt = raw.find("<", lt + 1)
            end = n if nxt < 0 else nxt
            lt = -2
        if end > pos and not skip:
            data = html.unescape(raw[pos:end])
            parts.append(data)
            if "title" in where:
                title.append(data)
            elif "h1" in where and not h1_done:
                h1.append(data)
        if lt == -2:
            pos = end
            continue
        if lt < 0:
            break
        m = _MARKUP.match(raw, lt)
        pos = m.end()
        if m.group(2) is None:
            continue
        tag, closing = m.group(2).lower(), bool(m.group(1))
        if tag in _RAW and not closing:
            pos = _RAW_END[tag].search(raw, pos).end()
            continue
        if tag in _DROP:
            skip = max(0, skip - 1) if closing else skip + 1
        elif tag in _BLOCK and not skip:
            parts.append("\n" if tag in _ONE_NEWLINE else "\n\n")
        elif tag in _CELL and not skip and not closing:
            parts.append(" | ")
        elif tag in _SET_APART and not skip and not closing:
            parts.append(" ")  # a footnote mark is a word of its own ("Regular<sup>a</sup>", "KEYNOTE-189<sup>12</sup>")
        if tag in ("title", "h1") and closing:
            if where and where[-1] == tag:
                where.pop()
            h1_done = h1_done or (tag == "h1" and bool("".join(h1).strip()))
        elif tag in ("title", "h1"):
            where.append(tag)
    lines = [" ".join(ln.split()) for ln in "".join(parts).split("\n")]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    name = " ".join("".join(title).split()) or " ".join("".join(h1).split())
    return text, name


# -------------------------------------------------------------------------------- Markdown

def _heading(m: re.Match) -> str:
    """A heading line's text, without its closing run of ``#`` (string methods: no backtracking)."""
    s = m.group(1).rstrip(" \t")
    t = s.rstrip("#")
    if t != s and (not t or t[-1] in " \t"):
        s = t.rstrip(" \t")
    return s


_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+([^\n]*)$", re.M)
_INLINE = [
    (re.compile(r"!\[([^\[\]\n]*)\]\([^()\n]*\)"), r"\1"),              # images -> alt text
    (re.compile(r"\[([^\[\]\n]+)\]\([^()\n]*\)"), r"\1"),               # links -> their text
    (re.compile(r"\[([^\[\]\n]+)\]\[[^\[\]\n]*\]"), r"\1"),             # reference links
    (re.compile(r"\*\*(?=\S)([^*\n]+?)(?<=\S)\*\*"), r"\1"),            # strong
    (re.compile(r"__(?=\S)([^_\n]+?)(?<=\S)__"), r"\1"),
    (re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])"), r"\1"),  # emphasis
    (re.compile(r"(?<![\w_])_(?=\S)([^_\n]+?)(?<=\S)_(?![\w_])"), r"\1"),
    (re.compile(r"`([^`]*)`"), r"\1"),                                  # inline code
]
_BLOCKS = [
    (re.compile(r"^```[^\n]*$", re.M), ""),                             # code fences (their content is kept)
    (re.compile(r"^ {0,3}([-*_])(?:[ \t]*+\1){2,}+[ \t]*+$", re.M), ""),  # horizontal rules
    (_HEADING, _heading),                                               # headings
    (re.compile(r"^ {0,3}>[ \t]?", re.M), ""),                          # block quotes
    (re.compile(r"^([ \t]*)[-*+][ \t]+", re.M), "\\1\u2022 "),          # bullets
]
_AFTER = [
    (re.compile(r"^[ \t]*\[[^\[\]\n]+\]:[ \t]+\S[^\n]*$", re.M), ""),   # link definitions
    (re.compile(r"<!--[^<>]*+-->|</?[A-Za-z][A-Za-z0-9-]*+(?:\s[^<>]*+)?/?>"), ""),  # inline HTML
]


def markdown_text(raw: str) -> tuple[str, str]:
    """(plain text, title) of a Markdown document: headings, emphasis, links, code marks and
    inline tags removed, bullets kept as "•"; the title is the first heading's text.

    >>> markdown_text("Intro\\n\\n## Results ##\\n1 < 2, *a* and **b**; [x](y) <br/>")
    ('Intro\\n\\nResults\\n1 < 2, a and b; x ', 'Results')
    """
    m = _HEADING.search(raw)
    text = raw
    for rx, repl in _BLOCKS + _AFTER[:1] + _INLINE + _AFTER[1:]:
        text = rx.sub(repl, text)
    text = html.unescape(text)
    return text, _strip_inline(_heading(m)) if m else first_line(text)


def _strip_inline(s: str) -> str:
    for rx, repl in _INLINE:
        s = rx.sub(repl, s)
    return s.strip()


def first_line(text: str) -> str:
    return next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
