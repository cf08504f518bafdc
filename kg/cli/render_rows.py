"""Flat rows (for tables, CSV and TSV) of each named question's results.

>>> evidence_rows([{"setting": {"context": "adjuvant"}, "kind": "trial result", "trial": "ALEXANDRA",
...                 "sources": ["PMID:39883436"], "direction": "does not support"}])[0]["setting"]
'adjuvant'
"""
from __future__ import annotations

from typing import Any


def setting_text(setting: dict[str, Any]) -> str:
    """Short human form of a setting mapping.

    >>> setting_text({"context": "advanced", "line": "first", "biomarker": "PD-L1 IC >= 1%"})
    'advanced, first line, PD-L1 IC >= 1%'
    """
    parts = [setting.get("context"), f"{setting['line']} line" if setting.get("line") else None,
             setting.get("stage"), setting.get("histology"), setting.get("biomarker"), setting.get("population")]
    return ", ".join(p for p in parts if p)


APPROVAL_COLUMNS = ["date", "date_is", "agency", "drug", "indication", "type", "setting", "status",
                    "withdrawal_announced", "withdrawal_effective", "failed_trials", "converted", "conversion_trials",
                    "trials", "events", "sources"]


def _trial_names(trials: list[dict[str, Any]]) -> list[str]:
    return [f"{t.get('acronym') or t['id']}" + (f" {t['nct']}" if t.get("nct") else "") for t in trials]


def event_text(e: dict[str, Any]) -> str:
    """One event on one line: date, what happened, who, what the date is, trials, what changed.

    >>> event_text({"date": "2021-10-06", "event": "withdrawn", "by": {"name": "FDA"}, "replaced_by": None,
    ...             "date_is": "agency decision", "trials": [{"id": "CLINICALTRIALS:NCT03125902",
    ...             "nct": "NCT03125902", "acronym": "IMpassion131"}], "change": None})
    '2021-10-06 withdrawn (FDA, agency decision) trial: IMpassion131 NCT03125902'
    """
    who = (e.get("by") or e.get("replaced_by") or {}).get("name")
    text = f"{e['date']} {e['event']}"
    text += f" ({', '.join(x for x in (who, e.get('date_is')) if x)})" if who or e.get("date_is") else ""
    if e.get("trials"):
        text += " trial: " + ", ".join(_trial_names(e["trials"]))
    if e.get("change"):
        text += f": {e['change']}"
    return text


def approval_rows(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for a in items:
        w, c = a.get("withdrawal") or {}, a.get("conversion") or {}
        out.append({
            "date": a["date"], "date_is": a.get("date_is"), "agency": a["agency"], "drug": a["drug"]["name"],
            "indication": [f"{i['name']} ({i['id']})" for i in a["indications"]], "type": a["type"],
            "setting": setting_text(a["setting"]), "status": a["status"],
            "withdrawal_announced": w.get("announced"), "withdrawal_effective": w.get("effective"),
            "failed_trials": _trial_names(w.get("failed_trials", [])),
            "converted": c.get("date"), "conversion_trials": _trial_names(c.get("trials", [])),
            "trials": [f"{t['acronym']} {t['nct'] or t['id']} ({t['phase'] or 'phase not in sources'}, {t['role']}): "
                       f"{t['outcome']}" for t in a["trials"]] or [f"none: {a.get('no_pivotal_reason')}"],
            "events": [event_text(e) for e in a.get("events", [])],
            "sources": a["sources"],
        })
    return out


EVIDENCE_COLUMNS = ["setting", "kind", "trial", "phase", "endpoint", "population", "effect", "p", "met", "level",
                    "direction", "approval", "status", "accuracy", "sources"]


def evidence_rows(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for e in items:
        out.append({
            "setting": setting_text(e.get("setting", {})), "kind": e.get("kind"),
            "trial": f"{e['trial']} ({e.get('nct')})" if e.get("trial") else None, "phase": e.get("phase"),
            "endpoint": e.get("endpoint") or e.get("statement"), "population": e.get("population"),
            "effect": e.get("effect"), "p": e.get("p"), "met": e.get("met"), "level": e.get("level"),
            "direction": e.get("direction"), "approval": e.get("approval_name"),
            "status": (e.get("status") or "") + (f" {e['withdrawal_date']}" if e.get("withdrawal_date") else "")
            or None,
            "accuracy": e.get("accuracy"), "sources": e.get("sources", []),
        })
    return out


def target_rows(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{"drug": d["drug"]["name"], "id": d["drug"]["id"], "actions": d["actions"], "level": d["level"],
             "sources": d["sources"]} for d in items]


TRIAL_COLUMNS = ["trial", "nct", "phase", "setting", "status", "endpoint", "effect", "p", "met", "direction",
                 "sources"]


def trial_rows(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for t in items:
        base = {"trial": t["acronym"], "nct": t["nct"], "phase": t["phase"], "setting": setting_text(t["setting"]),
                "status": t["status"]}
        if not t["results"]:
            out.append({**base, "sources": []})
        for r in t["results"]:
            out.append({**base, "endpoint": r["endpoint"] + (f" ({r['population']})" if r["population"] else ""),
                        "effect": r["effect"], "p": r["p"], "met": r["met"], "direction": r["direction"],
                        "sources": r["sources"]})
    return out


CONTRADICTION_COLUMNS = ["drug", "indication", "setting", "both_ways_here", "direction", "evidence", "endpoint",
                         "level"]


def contradiction_rows(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for p in items:
        for ctx, dirs in p["settings"].items():
            for direction, entries in dirs.items():
                for e in entries:
                    out.append({"drug": p["drug"]["name"], "indication": p["indication"]["name"], "setting": ctx,
                                "both_ways_here": ctx in p["within_setting"], "direction": direction,
                                "evidence": e["evidence"] + (f" ({e['line']} line)" if e.get("line") else ""),
                                "endpoint": e["endpoint"], "level": e["level"]})
    return out


def path_rows(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for i, p in enumerate(items, 1):
        for j, step in enumerate(p["steps"], 1):
            for e in step["edges"]:
                names = {step["from"]["id"]: step["from"]["name"], step["to"]["id"]: step["to"]["name"]}
                out.append({"path": i, "step": j, "from": names[e["subject"]], "relation": e["predicate"],
                            "to": names[e["object"]], "level": e["level"], "direction": e["direction"],
                            "detail": " ".join(x for x in (e["detail"], e["effect"]) if x) or None,
                            "sources": e["sources"]})
    return out


def path_text(items: list[dict[str, Any]]) -> str:
    """Each path as a chain of names, then every hop with what links the two ends and why."""
    lines = []
    for i, p in enumerate(items, 1):
        lines.append(f"path {i} ({p['length']} step{'s' if p['length'] != 1 else ''}): "
                     + " - ".join(f"{n['name']} [{n['type']}]" for n in p["nodes"]))
        for step in p["steps"]:
            for e in step["edges"]:
                names = {step["from"]["id"]: step["from"]["name"], step["to"]["id"]: step["to"]["name"]}
                why = ", ".join(x for x in (e["level"], e["direction"], e["detail"], e["effect"]) if x)
                src = "; ".join(e["sources"][:3]) + (" ..." if len(e["sources"]) > 3 else "")
                claim = f" (claimed by {e['document']})" if e["document"] else ""
                lines.append(f"  {names[e['subject']]} --{e['predicate']}--> {names[e['object']]}"
                             f"{' [' + why + ']' if why else ''}{claim}  sources: {src}")
        lines.append("")
    return "\n".join(lines).rstrip()


DISAGREEMENT_COLUMNS = ["kind", "drug", "relation", "curated", "curated_date", "imported", "imported_date", "detail",
                        "curated_sources", "imported_sources"]


def disagreement_rows(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One flat row per disagreement, both records side by side (id, date, indications; sources)."""
    def side(rec: dict[str, Any] | None) -> tuple[str, str, list[str]]:
        if not rec:
            return "", "", []
        inds = ", ".join(i["name"] for i in rec["indications"])
        return f"{rec['id']} ({inds})", f"{rec['date']} ({rec['date_is']})", rec["sources"]

    out = []
    for r in items:
        cur, imp = side(r["curated"]), side(r["imported"])
        out.append({"kind": r["kind"], "drug": r["drug"]["name"], "relation": r["relation"] or "", "curated": cur[0],
                    "curated_date": cur[1], "imported": imp[0], "imported_date": imp[1], "detail": r["detail"],
                    "curated_sources": cur[2], "imported_sources": imp[2]})
    return out
