"""Text and JSON renderings of query results, for people and for scripts.

>>> print(table([{"a": 1, "b": "xy"}, {"a": 22, "b": None}], ["a", "b"]))
a   b
--  --
1   xy
22
"""
from __future__ import annotations

import json
from typing import Any, Iterable

from kg.cli.render_rows import approval_rows


def to_json(data: Any) -> str:
    """Stable, indented JSON (UTF-8 kept as is)."""
    return json.dumps(data, indent=2, ensure_ascii=False, sort_keys=False)


def table(rows: Iterable[dict[str, Any]], columns: list[str], headers: list[str] | None = None,
          max_width: int = 60) -> str:
    """An aligned plain-text table; long cells are wrapped onto extra lines."""
    import textwrap

    headers = headers or columns
    cells = [[_cell(r.get(c)) for c in columns] for r in rows]
    widths = [min(max_width, max([len(h)] + [max((len(x) for x in row[i].split("\n")), default=0)
                                             for row in cells])) for i, h in enumerate(headers)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths)).rstrip(),
             "  ".join("-" * w for w in widths).rstrip()]
    for row in cells:
        wrapped = [sum((textwrap.wrap(p, w) or [""] for p in cell.split("\n")), []) for cell, w in zip(row, widths)]
        for k in range(max(len(x) for x in wrapped)):
            lines.append("  ".join((x[k] if k < len(x) else "").ljust(w) for x, w in zip(wrapped, widths)).rstrip())
    return "\n".join(lines)


def _cell(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, (list, tuple)):
        return "\n".join(_cell(x) for x in v)
    if isinstance(v, float):
        return f"{v:g}"
    return str(v)


def _few(sources: list[str], n: int = 2) -> list[str]:
    """The first ``n`` sources (the agency's own pages first), and how many more there are
    (``--format json`` lists them all).

    >>> _few(["https://b.org", "https://www.fda.gov/x", "PMID:1"], 1)
    ['https://www.fda.gov/x', '(+2 more)']
    """
    first = sorted(sources, key=lambda src: 0 if "fda.gov" in src else 1)
    return first[:n] + ([f"(+{len(sources) - n} more)"] if len(sources) > n else [])


def approvals_text(items: list[dict[str, Any]]) -> str:
    """The approvals question as a table: one row per approval, with its trials, its events and
    its first sources (all of them with --format json)."""
    rows = approval_rows(items)
    for r in rows:
        r["agency"] = _short_agency(r["agency"])
        if r["date_is"] and r["date_is"] != "agency decision":
            r["date"] += f" ({r['date_is']})"
        r["sources"] = _few(r["sources"])
    cols = ["date", "agency", "drug", "indication", "type", "setting", "status", "trials", "events", "sources"]
    return table(rows, cols, max_width=34)


def withdrawn_text(items: list[dict[str, Any]]) -> str:
    """Withdrawals: the sponsor's announcement and the agency's effective date side by side, each
    with its first source, and the confirmatory trial that failed."""
    rows = []
    for r, a in zip(approval_rows(items), items):
        w = a["withdrawal"] or {}
        announced = ([f"{w['announced']} by {w['announced_by']}"] + _few(w["announced_sources"], 1)
                     if w.get("announced") else ["not found"])
        effective = ([f"{w['effective']} ({_short_agency(a['agency'])})"] + _few(w["effective_sources"], 1)
                     if w.get("effective") else ["not found"])
        rows.append({"approved": f"{r['date']} {_short_agency(r['agency'])} {r['type']}", "drug": r["drug"],
                     "indication": r["indication"], "announced": announced, "effective": effective,
                     "failed trial": r["failed_trials"] or ["none named (see the event's note)"], "reason": w.get("reason")})
    return table(rows, ["approved", "drug", "indication", "announced", "effective", "failed trial", "reason"],
                 max_width=36)


def converted_text(items: list[dict[str, Any]]) -> str:
    """Conversions: the accelerated approval, when it became regular and on which trial."""
    rows = []
    for r, a in zip(approval_rows(items), items):
        c = a["conversion"] or {}
        rows.append({"accelerated": r["date"], "drug": r["drug"], "indication": r["indication"],
                     "setting": r["setting"],
                     "converted": f"{c.get('date')}" + (f" ({c['date_is']})" if c.get("date_is") else ""),
                     "on trial": r["conversion_trials"] or ["not named (see the event's note)"],
                     "sources": _few(c.get("sources", []))})
    return table(rows, ["accelerated", "drug", "indication", "setting", "converted", "on trial", "sources"],
                 max_width=36)


def coverage_text(rows: list[dict[str, Any]]) -> str:
    """``kg stats --coverage``: one row per drug, and the totals."""
    cols = ["drug", "fda", "accelerated", "converted", "withdrawn", "withdrawal_announced", "with_pivotal", "eu"]
    total = {"drug": "total", **{c: sum(r[c] for r in rows) for c in cols[1:]}}
    heads = ["drug", "FDA approvals", "accelerated", "converted", "withdrawn", "withdrawal announced only",
             "with pivotal trial", "EU"]
    return table(rows + [total], cols, headers=heads)


def _short_agency(name: str) -> str:
    return {"US Food and Drug Administration": "FDA", "European Commission": "EC",
            "European Medicines Agency": "EMA"}.get(name, name)


def entity_text(e: dict[str, Any]) -> str:
    """An entity from ``kg lookup``: header, identifiers, attributes, neighbours with evidence."""
    out = [f"{e['name']}  [{e['type']}]  {e['id']}", ""]
    out.append("identifiers: " + ", ".join(e["identifiers"]))
    for k, v in sorted(e["attributes"].items()):
        if k == "source_locators":
            continue
        out.append(f"{k.replace('_', ' ')}: " + ("; ".join(map(_cell, v)) if isinstance(v, list) else _cell(v)))
    out.append("sources: " + ", ".join(e["sources"]))
    out.append("")
    rows = []
    for n in e["neighbours"]:
        q = n["qualifiers"]
        detail = q.get("statement") or q.get("endpoint") or q.get("role") or _graded(q)
        if q.get("measure") and q.get("value") is not None:
            detail += f" {q['measure']} {q['value']:g}"
        arrow = "->" if n["direction"] == "out" else "<-"
        rows.append({"rel": f"{arrow} {n['predicate']}", "node": f"{n['node']['name']} [{n['node']['type']}]",
                     "level": n["level"], "direction": n["evidence_direction"], "detail": detail,
                     "sources": [_with_record(src, q) for src in n["sources"]]})
    out.append(f"neighbours ({len(rows)}):")
    out.append(table(rows, ["rel", "node", "level", "direction", "detail", "sources"], max_width=40))
    return "\n".join(out)


def _graded(q: dict[str, Any]) -> str:
    """What an imported evidence edge says, in the source's own terms: "Predictive: Sensitivity/Response (A)"."""
    if not q.get("significance"):
        return ""
    kind = f"{q['evidence_type']}: " if q.get("evidence_type") else ""
    return kind + q["significance"] + (f" ({q['source_level']})" if q.get("source_level") else "")


def _with_record(source: str, q: dict[str, Any]) -> str:
    """A source with the source's own record id where it gives one: "infores:civic EID:11238"."""
    record = (q.get("source_records") or {}).get(source)
    return f"{source} {record}" if record else source


def table_from_json(data: bytes) -> str:
    """Render SPARQL JSON results (SELECT or ASK) as an aligned text table."""
    import json

    from kg.schema.ids import iri_to_curie

    doc = json.loads(data)
    if "boolean" in doc:
        return "true" if doc["boolean"] else "false"
    cols = doc["head"]["vars"]
    rows = [{c: (iri_to_curie(b[c]["value"]) if b[c]["type"] == "uri" else b[c]["value"]) if c in b else None
             for c in cols} for b in doc["results"]["bindings"]]
    return table(rows, cols) + f"\n({len(rows)} rows)"
