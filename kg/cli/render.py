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


def approvals_text(items: list[dict[str, Any]]) -> str:
    """The approvals question as a table: one row per approval, trials and sources listed."""
    rows = approval_rows(items)
    for r in rows:
        r["agency"] = _short_agency(r["agency"])
        r["status"] += f" {r['withdrawal_date']}" if r["withdrawal_date"] else ""
    cols = ["date", "agency", "drug", "indication", "type", "setting", "status", "trials", "sources"]
    return table(rows, cols, max_width=38)


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
