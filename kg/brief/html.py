"""The evidence page as one self-contained HTML file: inline CSS (screen and print), the
timeline as inline SVG, no script, no outside request (a Content-Security-Policy forbids them);
every text escaped. References link to their sources' addresses.

>>> page = {"title": "X <b>", "as_of": None, "built_at": "2026-01-01", "sections": [], "references": [],
...         "timeline": []}
>>> "X &lt;b&gt;" in render_html(page) and "<script" not in render_html(page)
True
"""
from __future__ import annotations

from html import escape
from typing import Any

from kg.brief.svg import timeline_svg

_CSS = """
body{font:16px/1.5 Georgia,'Times New Roman',serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
h1{font-size:1.7rem;line-height:1.2}h2{border-bottom:1px solid #ccc;margin-top:2rem}
table{border-collapse:collapse;font-size:.85rem;width:100%}th,td{border:1px solid #ccc;padding:.25rem .4rem;
vertical-align:top;text-align:left}th{background:#f3f3f3}.meta{color:#555;font-style:italic}
sup a,a.ref{text-decoration:none}svg.timeline{width:100%;height:auto;border:1px solid #eee;margin:.5rem 0}
.about{background:#f7f7f7;padding:.5rem 1rem;border-left:4px solid #999}ol.refs{font-size:.85rem;word-break:break-word}
@media print{body{margin:0;max-width:none;font-size:11pt}a{color:#000;text-decoration:none}
ol.refs a::after{content:" <" attr(href) ">";font-size:9pt}table,svg{page-break-inside:avoid}
h2,h3,h4{page-break-after:avoid}}
"""
_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"


def _refs(numbers: list[int]) -> str:
    return "".join(f'<a class="ref" href="#ref-{n}">[{n}]</a>' for n in sorted(set(numbers)))


def _sentence(s: dict[str, Any]) -> str:
    text = escape(s["text"].rstrip())
    end = "" if text.endswith((".", "?", "!")) else "."
    refs = _refs(s["refs"])
    return f"{text} {refs}{end}" if refs else text + end


def _block(b: dict[str, Any], timeline: str) -> str:
    kind = b["type"]
    if kind == "p":
        return "<p>" + " ".join(_sentence(s) for s in b["sentences"]) + "</p>"
    if kind == "ul":
        return "<ul>" + "".join(f"<li>{_sentence(s)}</li>" for s in b["sentences"]) + "</ul>"
    if kind in ("h3", "h4"):
        return f"<{kind}>{escape(b['text'])}</{kind}>"
    if kind == "table":
        head = "".join(f"<th>{escape(c)}</th>" for c in b["columns"] + ["Sources"])
        rows = "".join("<tr>" + "".join(f"<td>{escape(str(c))}</td>" for c in r["cells"])
                       + f"<td>{_refs(r['refs'])}</td></tr>" for r in b["rows"])
        return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
    if kind == "timeline":
        return f"<figure>{timeline}<figcaption>Approvals, conversions, withdrawals (announced and in effect) " \
               f"and first trial readouts; the list below tells the same with sources.</figcaption></figure>"
    return ""


def render_html(page: dict[str, Any]) -> str:
    """The page as one HTML document (UTF-8 text)."""
    timeline = timeline_svg(page["timeline"], page.get("as_of"))
    when = f"As of {page['as_of']}" if page["as_of"] else "Current"
    parts = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
             f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">',
             '<meta name="viewport" content="width=device-width, initial-scale=1">',
             f"<title>{escape(page['title'])}</title><style>{_CSS}</style></head><body>",
             f"<h1>{escape(page['title'])}</h1>",
             f'<p class="meta">{escape(when)}; generated from the graph built on '
             f"{escape(page['built_at'] or 'an unknown date')}.</p>"]
    for sec in page["sections"]:
        cls = ' class="about"' if sec["title"] == "About this page" else ""
        parts.append(f"<section{cls}><h2>{escape(sec['title'])}</h2>")
        parts += [_block(b, timeline) for b in sec["blocks"]]
        parts.append("</section>")
    parts.append('<section><h2>References</h2><ol class="refs">')
    for e in page["references"]:
        label = escape(e["label"])
        body = f'<a href="{escape(e["url"], quote=True)}">{label}</a>' if e["url"] else label
        parts.append(f'<li id="ref-{e["number"]}">{body}</li>')
    parts.append("</ol></section></body></html>")
    return "\n".join(parts) + "\n"
