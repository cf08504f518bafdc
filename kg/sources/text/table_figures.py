"""The figures of a table row (:mod:`kg.sources.text.tables`), read under their column's header:

- a column that names a measure ("OS hazard ratio (95% CI)", "Objective response rate, %",
  "Median PFS (months)") gives, in each row, its figure with the CI in brackets and a p-value
  ("0.49 (0.38-0.64)", "47% (36-59) metastatic; 48% (30-67) locally advanced": two figures);
  the endpoint is the header's, else the row label's ("| Median progression-free survival |
  ... | 0.52 (0.36-0.74), p=0.0003 |");
- a row whose label names a median or a rate gives the numbers under the arms' columns ("|
  Median overall survival (months) | 51.0 | 34.1 |"): the first arm's value, the second's as the
  control's;
- separate "95% CI" and "P" columns give the CI and p-value of the row's ratio;
- a column of patients ("Patients", "N", "Randomised") gives the row's trial size.

Cells are matched to headers by position; a column without a measure (a drug, a date, a trial)
gives no figure.

>>> from kg.sources.text.sentences import split
>>> rows = split("| Regimen | Trial | OS hazard ratio (95% CI) |\\n| A + B | X-1 | 0.49 (0.38\u20130.64) |")
>>> [(f["measure"], f["value"], f["ci_low"], f["endpoint"]) for f in figures(rows, 1, headers(rows))]
[('HR', 0.49, 0.38, 'overall survival')]
"""
from __future__ import annotations

import re
from typing import Any

from kg.sources.text.figures import endpoint, p_text
from kg.sources.text.sentences import split  # noqa: F401 (the examples' splitter)

_ROW = re.compile(r"^\s*\|")
#: a line of comma-separated values (a CSV block): four fields or more, no comma followed by a space
_CSV = re.compile(r"\s*[^,|\s](?:[^,|\n]*,(?! )){3,}[^,|\n]*\s*")
_SEPARATOR = re.compile(r"^[\s|:\-\u2013\u2014]*$")
#: what a column's figures measure, from its header (its CI's label taken out first)
_MEASURES = [("HR", re.compile(r"hazard ratio|\bHR\b", re.I)), ("OR", re.compile(r"odds ratio|\bOR\b")),
             ("median", re.compile(r"\bmedian\b|\bm(?:OS|PFS|DFS|EFS|RFS|DoR)\b", re.I)),
             ("rate", re.compile(r"\brate\b|\bORR\b|\bpCR\b|\bresponse\b|%|\bper ?cent", re.I))]
_CI_LABEL = re.compile(r"[(\[,]?\s*95\s*%\s*(?:CI|confidence interval)\s*[)\]]?|\(\s*CI\s*\)", re.I)
_CI_ONLY = re.compile(r"\s*(?:95\s*%\s*)?(?:CI|confidence interval)\s*$", re.I)
_ENDPOINT_HEADER = re.compile(r"\bend ?points?\b|\boutcomes?\b", re.I)
_P_ONLY = re.compile(r"\s*p(?:[ -]?value)?\s*$", re.I)
_PATIENTS = re.compile(r"\s*(?:n|no\.? of (?:patients|participants)|(?:number of )?(?:patients|participants)|enrol+(?:ed|ment)|"
                       r"randomi[sz]ed|sample size|size)\b[^|]{0,20}$", re.I)
_N = r"(\d+(?:\.\d+)?)"
_DASH = r"(?:[-\u2010-\u2014\u2212]|to|,)"
#: a figure in a cell: "0.49 (0.38-0.64)", "47.2% (37.5-57.1)", "34% [95% CI 24-44]", "11.7 months", "NR"
_FIGURE = re.compile(r"(?<![\w.])(?:" + _N + r"|(NR|not reached))\s*(%|months?|mo\b)?"
                     r"(?:\s*[(\[]\s*(?:95\s*%\s*CI[:,]?\s*)?" + _N + r"\s*%?\s*" + _DASH + r"\s*" + _N + r"\s*%?\s*[)\]])?", re.I)
#: what in a row's label is not the name of a measure ("PD-L1 >=50%": a threshold)
_LABEL_WORDS = re.compile(r"[^\s(]*\d+\s*%")
_P = re.compile(r"\bp\s*(=|<|>|\u2264)?\s*(0?\.\d+)", re.I)
_RANGE = re.compile(r"\s*" + _N + r"\s*%?\s*" + _DASH + r"\s*" + _N)
_COUNT = re.compile(r"\s*(\d{1,3}(?:,\d{3})+|\d+)\s*(?:patients|participants|people)?\s*(?:\([^)]*\))?\s*$", re.I)


def is_row(text: str) -> bool:
    """Whether a line is a table row ("| ... |", or a line of comma-separated values).

    >>> is_row("| a | b |"), is_row("a | b"), is_row("drug,indication,approved,withdrawn"), is_row("A, B, C and D")
    (True, False, True, False)
    """
    return bool(_ROW.match(text) or _CSV.fullmatch(text))


def cells(text: str, keep_empty: bool = False) -> list[tuple[int, int, str]]:
    """A row's cells: (start, end, text) in the line, without their padding (empty ones too with
    ``keep_empty``, so that cells and headers line up by position).

    >>> [c for _, _, c in cells("| a || b |", keep_empty=True)], [c for _, _, c in cells("x,y,,z", keep_empty=True)]
    (['a', '', 'b'], ['x', 'y', '', 'z'])
    """
    if not _ROW.match(text):  # comma-separated values
        out, pos = [], 0
        for raw in text.split(","):
            lead = len(raw) - len(raw.lstrip())
            if raw.strip() or keep_empty:
                out.append((pos + lead, pos + lead + len(raw.strip()), raw.strip()))
            pos += len(raw) + 1
        return out
    out, pos = [], text.index("|") + 1
    while pos <= len(text):
        end = text.find("|", pos)
        end = len(text) if end < 0 else end
        raw = text[pos:end]
        if raw.strip() or keep_empty and end < len(text):
            lead = len(raw) - len(raw.lstrip())
            out.append((pos + lead, pos + lead + len(raw.strip()), raw.strip()))
        pos = end + 1
    return out


def headers(sentences) -> list[int | None]:
    """For each sentence, the index of the header row of the table it is a row of (None for the
    header itself, a separator, a line that is no row, or a row with no header above it), found in
    one pass.

    >>> headers(split("Text.\\n| Trial | HR |\\n|---|---|\\n| X-1 | 0.7 |"))
    [None, None, None, 1]
    """
    out: list[int | None] = []
    first = None
    for i, s in enumerate(sentences):
        if not is_row(s.text):
            first = None
            out.append(None)
            continue
        if first is None:
            first = i
        out.append(None if first == i or _SEPARATOR.match(s.text) else first)
    return out


#: a cell that names its own ratio ("HR 0.52 (95% CI 0.36-0.74)")
_OWN_RATIO = re.compile(r"\s*(HR|OR|hazard ratio|odds ratio)\b\s*:?\s*(?=\d|\.\d)", re.I)


def measure(header: str) -> str | None:
    """What a column's figures measure ("HR", "OR", "median", "rate"), from its header.

    >>> measure("OS hazard ratio (95% CI)"), measure("Objective response rate (95% CI)"), measure("95% CI")
    ('HR', 'rate', None)
    """
    bare = _CI_LABEL.sub(" ", header)
    return next((name for name, rx in _MEASURES if rx.search(bare)), None)


def _number(s: str) -> float | int:
    return float(s) if "." in s else int(s)


#: the control arm's figure after the first arm's in one cell ("| 4.8 vs 1.7 |", "| NR v 6.8 mo |")
_VERSUS = re.compile(r"\s*(?:%|mo(?:nths?)?\b)?\s*(?:vs\.?|v\.?|versus)\s*(NR\b|not reached|\d+(?:\.\d+)?)(?!\s*[-\u2013]\s*\d)", re.I)


def _cell_figures(text: str, start: int, kind: str, name: str | None) -> list[dict[str, Any]]:
    """The figures of one cell: each part (at ";") that opens with a figure gives one."""
    out, pos = [], 0
    for part in text.split(";"):
        m = _FIGURE.search(part)
        if m and not part[:m.start()].strip(" :,") or m and len(part[:m.start()].strip()) <= 25 and not re.search(r"\d", part[:m.start()]):
            f: dict[str, Any] = {"measure": kind, "endpoint": name, "start": start + pos + m.start(),
                                 "value": "not reached" if m.group(2) else _number(m.group(1))}
            if kind == "median":
                f["unit"] = "months"
            elif kind == "rate":
                f["unit"] = "%"
            if m.group(4) and m.group(5):
                f.update(ci_low=_number(m.group(4)), ci_high=_number(m.group(5)))
            elif kind in ("median", "rate") and (other := _VERSUS.match(part, m.end())):  # "| 4.8 vs 1.7 |": the control's
                f["control_value"] = "not reached" if other.group(1)[0] in "Nn" else _number(other.group(1))
            p = _P.search(part, m.end())
            if p:
                f["p"] = p_text(p.group(1), p.group(2))
            out.append(f)
        pos += len(part) + 1
    return out


def figures(sentences, i: int, header: list[int | None] | None = None) -> list[dict[str, Any]]:
    """The figures of table row ``i`` (see the module): ``{"measure", "value", "endpoint", "ci_low",
    "ci_high", "p", "control_value", "unit", "start"}``; ``header``: :func:`headers` of the sentences.

    >>> from kg.sources.text.sentences import split
    >>> rows = split("| Measure | A | B |\\n| Median overall survival (months) | 51.0 | 34.1 |")
    >>> [(f["measure"], f["value"], f["control_value"], f["endpoint"]) for f in figures(rows, 1, headers(rows))]
    [('median', 51.0, 34.1, 'overall survival')]
    >>> rows = split("| Endpoint | A | B | Effect |\\n| Median PFS | 11.7 mo | 8.0 mo | HR 0.52 (95% CI 0.36-0.74); P = 0.0003 |")
    >>> [(f["measure"], f["value"], f.get("ci_high"), f.get("p")) for f in figures(rows, 1, headers(rows))]
    [('median', 11.7, None, None), ('HR', 0.52, 0.74, '0.0003')]
    >>> rows = split("| Trial | mPFS, mo | PFS HR (95% CI) |\\n| X-1 | 4.8 vs 1.7 | 0.41 (0.33-0.52) |")
    >>> [(f["measure"], f["value"], f.get("control_value")) for f in figures(rows, 1, headers(rows))]
    [('median', 4.8, 1.7), ('HR', 0.41, None)]
    """
    first = (header or headers(sentences))[i] if is_row(sentences[i].text) else None
    if first is None:
        return []
    header = [c for _, _, c in cells(sentences[first].text, keep_empty=True)]
    row = cells(sentences[i].text, keep_empty=True)
    if len(row) < 2:
        return []
    label = row[0][2]
    label_kind = next((name for name, rx in _MEASURES[2:] if rx.search(_LABEL_WORDS.sub(" ", label))), None)
    # (a column of endpoints, "| Primary endpoint |", names the row's before its label does)
    label_end = next((e for (_, _, c), h in zip(row, header) if _ENDPOINT_HEADER.search(h) and (e := endpoint(c))),
                     None) or endpoint(label)
    out: list[dict[str, Any]] = []
    ci = next((c for (_, _, c), h in zip(row, header) if _CI_ONLY.match(h) and _RANGE.match(c)), None)
    p = next((c for (_, _, c), h in zip(row, header) if _P_ONLY.match(h)), None)
    arms = []
    for (start, _, text), h in zip(row[1:], header[1:]):
        kind = measure(h)
        if kind:
            out += _cell_figures(text, start, kind, endpoint(_CI_LABEL.sub(" ", h)) or label_end)
        elif label_kind in ("median", "rate") and not _CI_ONLY.match(h) and not _P_ONLY.match(h) and _FIGURE.match(text):
            arms += _cell_figures(text, start, label_kind, label_end)
        elif (own := _OWN_RATIO.match(text)) is not None:  # "| Effect |" with "HR 0.52 (95% CI 0.36-0.74); P = 0.0003"
            out += _cell_figures(re.sub(r";(?=\s*[pP]\b)", ",", text), start,  # (its p after ";" is its own, no figure)
                                 "OR" if own.group(1).lower() in ("or", "odds ratio") else "HR", label_end)
    if arms:  # a label's median or rate under each arm: the first arm's, the second's as the control's
        f = arms[0]
        if len(arms) == 2 and "ci_low" not in f:
            f["control_value"] = arms[1]["value"]
        out.insert(0, f)
    for f in out:
        if ci and f["measure"] in ("HR", "OR") and "ci_low" not in f:
            r = _RANGE.match(ci)
            f.update(ci_low=_number(r.group(1)), ci_high=_number(r.group(2)))
        if p and "p" not in f and (m := re.match(r"\s*(=|<|>|\u2264)?\s*(0?\.\d+)", p)):
            f["p"] = p_text(m.group(1), m.group(2))
    return sorted(out, key=lambda f: f["start"])


def patients(sentences, i: int, header: list[int | None] | None = None) -> tuple[int, str] | None:
    """The number in a row's column of patients ("| Trial | Patients | ... |"), and what its header
    counts: randomised, treated or (any other) enrolled.

    >>> from kg.sources.text.sentences import split
    >>> patients(split("| Trial | Patients randomised | HR |\\n| X-1 | 1,202 | 0.7 |"), 1)
    (1202, 'randomised')
    >>> patients(split("| Trial | N | HR |\\n| X-1 | 1,202 | 0.7 |"), 1)
    (1202, 'enrolled')
    """
    first = (header or headers(sentences))[i] if is_row(sentences[i].text) else None
    if first is None:
        return None
    header = [c for _, _, c in cells(sentences[first].text, keep_empty=True)]
    for (_, _, text), h in zip(cells(sentences[i].text, keep_empty=True), header):
        m = _COUNT.match(text) if _PATIENTS.match(h) else None
        if m:
            how = re.search(r"(randomi[sz])|treated", h, re.I)
            return int(m.group(1).replace(",", "")), ("randomised" if how.group(1) else "treated") if how else "enrolled"
    return None
