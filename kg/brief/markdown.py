"""The evidence page as Markdown: headings, paragraphs and lists of referenced sentences, the
regulatory table, and the References section with each source's address.

>>> sentence({"text": "Atezolizumab binds PD-L1", "refs": [2, 1]})
'Atezolizumab binds PD-L1 [1][2].'
>>> cell("a | b")
'a / b'
"""
from __future__ import annotations

from typing import Any

from kg.brief.references import marks


def sentence(s: dict[str, Any]) -> str:
    text = s["text"].rstrip()
    end = "" if text.endswith((".", "?", "!")) else "."
    refs = marks(s["refs"])
    if refs and end:
        return f"{text} {refs}."
    return text + end


def cell(text: str) -> str:
    return " ".join(str(text).replace("|", "/").split())


def _block(b: dict[str, Any]) -> list[str]:
    kind = b["type"]
    if kind == "p":
        return [" ".join(sentence(s) for s in b["sentences"]), ""]
    if kind == "ul":
        return [f"- {sentence(s)}" for s in b["sentences"]] + [""]
    if kind in ("h3", "h4"):
        return [f"{'#' * int(kind[1])} {cell(b['text'])}", ""]
    if kind == "table":
        head = b["columns"] + ["Sources"]
        lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        lines += ["| " + " | ".join(cell(c) for c in r["cells"] + [marks(r["refs"])]) + " |" for r in b["rows"]]
        return lines + [""]
    return []  # the timeline is drawn in the HTML page; the list after it tells the same in words


def render_markdown(page: dict[str, Any]) -> str:
    """The page as one Markdown document."""
    lines = [f"# {cell(page['title'])}", ""]
    when = f"As of {page['as_of']}" if page["as_of"] else "Current"
    lines += [f"_{when}; generated from the graph built on {page['built_at'] or 'an unknown date'}._", ""]
    for sec in page["sections"]:
        lines += [f"## {sec['title']}", ""]
        for b in sec["blocks"]:
            lines += _block(b)
    lines += ["## References", ""]
    for e in page["references"]:
        label = cell(e["label"]).replace("[", "(").replace("]", ")")
        url = (e["url"] or "").replace("(", "%28").replace(")", "%29").replace(" ", "%20")
        lines.append(f"{e['number']}. [{label}]({url})" if url else f"{e['number']}. {label}")
    return "\n".join(lines).rstrip() + "\n"
