"""The regulatory timeline as inline SVG: one lane per kind of event (approvals, conversions,
withdrawals announced and in effect, trial readouts) on a time axis of years; each mark has a
``<title>`` with its date and what happened. Text is escaped; nothing is fetched.

>>> svg = timeline_svg([{"date": "2019-03-08", "kind": "approval", "label": "accelerated approval: TNBC"},
...                     {"date": "2021-10-06", "kind": "withdrawn", "label": "withdrawn: TNBC"}])
>>> svg.count("<circle"), "2019" in svg, svg.startswith("<svg")
(1, True, True)
"""
from __future__ import annotations

import datetime as _dt
from html import escape
from typing import Any

#: lane order, colour and shape of each kind of event
KINDS = {"approval": ("#2e7d32", "circle"), "conversion": ("#1565c0", "diamond"),
         "withdrawal announced": ("#ef6c00", "triangle"), "withdrawn": ("#c62828", "cross"),
         "readout": ("#6a1b9a", "square")}
_LANE, _LEFT, _RIGHT, _TOP, _WIDTH = 26, 170, 20, 20, 900


def _x(day: str, start: float, span: float) -> float:
    return _LEFT + (_year(day) - start) / span * (_WIDTH - _LEFT - _RIGHT)


def _year(day: str) -> float:
    """A date as a fractional year (a month counts from its first day)."""
    parts = [int(p) for p in (day + "-01-01")[:10].split("-")]
    d = _dt.date(parts[0], parts[1] or 1, parts[2] or 1)
    return d.year + (d.timetuple().tm_yday - 1) / 366


def _mark(kind: str, x: float, y: float, title: str) -> str:
    colour, shape = KINDS[kind]
    t = f"<title>{escape(title)}</title>"
    if shape == "circle":
        return f'<circle cx="{x:.1f}" cy="{y}" r="6" fill="{colour}">{t}</circle>'
    if shape == "square":
        return f'<rect x="{x - 5:.1f}" y="{y - 5}" width="10" height="10" fill="{colour}">{t}</rect>'
    if shape == "diamond":
        pts = f"{x:.1f},{y - 7} {x + 7:.1f},{y} {x:.1f},{y + 7} {x - 7:.1f},{y}"
    elif shape == "triangle":
        pts = f"{x:.1f},{y - 7} {x + 7:.1f},{y + 6} {x - 7:.1f},{y + 6}"
    else:  # a cross
        pts = (f"{x - 6:.1f},{y - 3} {x - 3:.1f},{y - 6} {x:.1f},{y - 3} {x + 3:.1f},{y - 6} {x + 6:.1f},{y - 3} "
               f"{x + 3:.1f},{y} {x + 6:.1f},{y + 3} {x + 3:.1f},{y + 6} {x:.1f},{y + 3} {x - 3:.1f},{y + 6} "
               f"{x - 6:.1f},{y + 3} {x - 3:.1f},{y}")
    return f'<polygon points="{pts}" fill="{colour}">{t}</polygon>'


def timeline_svg(events: list[dict[str, Any]], end: str | None = None) -> str:
    """An SVG drawing of ``events`` (``{"date", "kind", "label"}``) up to ``end`` (an ISO day)."""
    kinds = [k for k in KINDS if any(e["kind"] == k for e in events)] or ["approval"]
    height = _TOP + _LANE * len(kinds) + 30
    if not events:
        return (f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {_WIDTH} {height}" '
                f'class="timeline"><title>No dated events</title><text x="10" y="30">No dated events in the graph'
                f'</text></svg>')
    first = int(_year(min(e["date"] for e in events)))
    last = int(_year(max([e["date"] for e in events] + ([end] if end else [])))) + 1
    span = max(1, last - first)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {_WIDTH} {height}" class="timeline" '
           f'aria-label="Timeline of approvals, conversions, withdrawals and trial readouts, {first} to {last}">',
           "<title>Regulatory timeline</title>"]
    axis = _TOP + _LANE * len(kinds) + 4
    for year in range(first, last + 1):
        x = _x(str(year), first, span)
        out.append(f'<line x1="{x:.1f}" y1="{_TOP - 8}" x2="{x:.1f}" y2="{axis}" stroke="#ddd"/>')
        out.append(f'<text x="{x:.1f}" y="{axis + 16}" font-size="11" text-anchor="middle">{year}</text>')
    for i, kind in enumerate(kinds):
        y = _TOP + _LANE * i + 6
        colour = KINDS[kind][0]
        out.append(f'<text x="8" y="{y + 4}" font-size="12" fill="{colour}">{escape(kind)}</text>')
        out.append(f'<line x1="{_LEFT}" y1="{y}" x2="{_WIDTH - _RIGHT}" y2="{y}" stroke="#eee"/>')
        for e in (e for e in events if e["kind"] == kind):
            out.append(_mark(kind, _x(e["date"], first, span), y, f"{e['date']}: {e['label']}"))
    out.append("</svg>")
    return "\n".join(out)
