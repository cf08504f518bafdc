"""Where curated approvals and an imported source (MOAlmanac) disagree, each row with both
records' ids, dates and sources.

The imported approvals of one agency (the FDA) are matched to the curated ones of the same drug
(a fixed-dose product counts for its components): same setting context, and an indication that
is the same or related through OncoTree (:func:`kg.schema.oncotree.relation`: broader, narrower,
same branch), and nothing opposite said of HER2 or of squamous histology. Among the candidates
the best is the one with the closest indication, then the same line, partners, trial and date,
then the nearest date. Then:

- a matched pair whose dates differ is classified by what the imported date is: MOAlmanac's
  dates are the day the current label wording first appeared, so a later date is expected when
  the label changed (``imported date is a later label revision``; ``... on a curated event's
  date`` when a curated conversion or label change fell that day); an earlier one is not
  (``imported date earlier than the matched curated approval``; ``imported date earlier than any
  curated approval`` of the drug for that indication);
- a matched pair whose trials differ (where the import names one): ``trial differs``, or
  ``trial only in import`` when the curated approval names none;
- an approval on one side only: ``imported only``; ``curated only``, or ``curated only,
  withdrawn or superseded`` (expected: a current label no longer lists it).

New formulations and dosing changes are not indications: they are left out of the comparison.

>>> _date_class("2020-05-15", "label wording", "2020-05-15", [], [])
'same date'
>>> _date_class("2022-01-01", "label wording", "2020-05-15", [], ["2020-05-15"])
'imported date is a later label revision'
>>> _date_class("2019-01-01", "label wording", "2020-05-15", [], ["2020-05-15"])
'imported date earlier than any curated approval'
"""
from __future__ import annotations

from collections import Counter
from typing import Any

from kg.schema.ids import iri_to_curie

#: Classes of disagreement, in the order they are listed.
CLASSES = ("imported date earlier than any curated approval", "imported date earlier than the matched curated approval",
           "imported date is a later label revision on a curated event's date",
           "imported date is a later label revision", "trial differs", "trial only in import", "imported only",
           "curated only", "curated only, withdrawn or superseded")
_RELATION_RANK = {"same": 3, "imported broader": 2, "imported narrower": 2, "same branch": 1}
_NOT_INDICATIONS = ("new formulation", "new dosing")
DEFAULT_SOURCE = "infores:moalmanac"
DEFAULT_AGENCY = "KG:org-fda"


def _curies(text: str | None) -> list[str]:
    return sorted({iri_to_curie(x) for x in (text or "").split()})


def _approvals(store, drug: str | None, agency: str) -> dict[str, dict[str, Any]]:
    """The agency's approvals (of ``drug`` and its fixed-dose products), one per id, indications gathered."""
    from kg.query.stored import run

    drugs = [drug] + [r["product"] for r in run(store, "drug_products", drug=drug)] if drug else [None]
    out: dict[str, dict[str, Any]] = {}
    for d in drugs:
        for r in run(store, "disagreement_approvals", agency=agency, drug=d):
            a = out.get(r["appr"])
            if a is None:
                a = out[r["appr"]] = {
                    "id": r["appr"], "origin": r["origin"], "drug": {"id": r["drug"], "name": r["drugName"]},
                    "product": r["product"], "type": r["type"], "date": str(r["date"]),
                    "date_is": r["dateIs"] or "agency decision", "status": r["status"],
                    "setting": {k: r[k] for k in ("context", "line", "biomarker", "population") if r[k]},
                    "label_text": r["labelText"],
                    "regimen": r["regimen"], "partners": sorted((r["partners"] or "").split("; ")) if r["partners"] else [],
                    "trials": _curies(r["trials"]), "sources": _curies(r["sources"]), "indications": []}
            if not any(i["id"] == r["ind"] for i in a["indications"]):
                a["indications"].append({"id": r["ind"], "name": r["indName"]})
    return out


def _events(store, drug: str | None, agency: str) -> dict[str, list[tuple[str, str]]]:
    from kg.query.stored import run

    out: dict[str, list[tuple[str, str]]] = {}
    for r in run(store, "disagreement_events", agency=agency, drug=drug):
        out.setdefault(r["appr"], []).append((r["event"], str(r["date"])))
    return out


def _relation(imp: dict[str, Any], cur: dict[str, Any]) -> str | None:
    """The closest relation between any indication of ``imp`` and any of ``cur``."""
    from kg.schema.oncotree import relation

    found = [relation(i["id"], c["id"]) for i in imp["indications"] for c in cur["indications"]]
    found = [f for f in found if f]
    return max(found, key=_RELATION_RANK.get) if found else None


def _line_score(a: str | None, b: str | None) -> float:
    if not a or not b:
        return 0.5
    return 1.0 if (a == b or {a, b} <= {"second", "later"}) else 0.0


#: Class words a therapy text may name partners by.
_CLASSES = {"carboplatin": "platinum", "cisplatin": "platinum", "oxaliplatin": "platinum",
            "fluorouracil": "fluoropyrimidine", "capecitabine": "fluoropyrimidine"}


def _partner_score(imp: dict[str, Any], cur: dict[str, Any]) -> float:
    """1 when the import's therapy text names every curated partner, by name or class (or, for a
    monotherapy, none).

    >>> _partner_score({"regimen": "X with pemetrexed and platinum chemotherapy"},
    ...                {"partners": ["carboplatin", "cisplatin", "pemetrexed"]})
    1.0
    """
    text = (imp.get("regimen") or "").lower()
    if not cur["partners"]:
        return 0.0 if any(w in text for w in (" with ", " and ", "combination")) else 1.0
    named = [p.lower() in text or _CLASSES.get(p.lower(), "\0") in text for p in cur["partners"]]
    return sum(named) / len(named)


#: Opposite things an indication may say (HER2-positive or negative; squamous or not).
_POLARITY = (("her2", r"her2[- ]?(?:positive|\+)", r"her2[- ]?(?:negative|-(?!\w)|low)"),
             ("histology", r"(?<!non-)(?<!non)squamous", r"non-?squamous|adenocarcinoma"))


def _marker_conflict(imp: dict[str, Any], cur: dict[str, Any]) -> bool:
    """Whether the two say opposite things of a marker (HER2-positive against HER2-negative).

    >>> _marker_conflict({"setting": {"biomarker": "HER2-positive"}}, {"setting": {"population": "HER2-negative"}})
    True
    >>> _marker_conflict({"setting": {}, "label_text": "squamous cell histology"},
    ...                  {"setting": {}, "indications": [{"name": "gastric adenocarcinoma"}]})
    True
    """
    import re

    def text(a: dict[str, Any], names: bool) -> str:
        inds = [i["name"] for i in a.get("indications", [])] if names else []
        return " ".join(str(v) for v in (*a["setting"].values(), a.get("label_text") or "", *inds)).lower()

    # the import's own wording; the curated approval's wording and its diseases' names
    a, b = text(imp, False), text(cur, True)
    return any((re.search(pos, a) and re.search(neg, b)) or (re.search(neg, a) and re.search(pos, b))
               for _, pos, neg in _POLARITY)


def _days(a: str, b: str) -> int:
    import datetime as dt

    def day(s: str) -> dt.date:
        return dt.date.fromisoformat(s if len(s) == 10 else s + "-01")

    return abs((day(a) - day(b)).days)


def _date_class(imported: str, imported_is: str, curated: str, event_dates: list[str],
                related_dates: list[str]) -> str | None:
    """What an imported date is, against the matched curated approval (its events' dates) and every
    curated approval of the drug for a related indication (``related_dates``)."""
    if imported_is == "label revision":
        return "import gives no indication date"
    if imported == curated or (len(curated) == 7 and imported.startswith(curated)):
        return "same date"
    if imported > curated:
        if imported in event_dates:
            return "imported date is a later label revision on a curated event's date"
        return "imported date is a later label revision"
    if all(imported < d for d in related_dates):
        return "imported date earlier than any curated approval"
    return "imported date earlier than the matched curated approval"


def _side(a: dict[str, Any]) -> dict[str, Any]:
    return {k: a[k] for k in ("id", "date", "date_is", "type", "status", "indications", "setting", "label_text", "trials",
                              "partners", "regimen", "sources")}


def disagreements(store, drug: str | None = None, *, source: str = DEFAULT_SOURCE,
                  agency: str = DEFAULT_AGENCY) -> dict[str, Any]:
    """Curated and imported (``source``) approvals by ``agency`` compared for each drug with
    curated approvals (see the module): ``rows`` (one per disagreement: ``kind``, drug,
    ``relation`` of the indications, ``detail``, ``curated`` and ``imported`` records with ids,
    dates, trials and sources) and ``summary`` (counts: approvals compared, matched, agreeing
    dates and trials, rows per kind) and ``matches`` (each imported approval's curated match, the
    relation of their indications and the date class). :class:`NotFoundError` when the store holds no approval from
    ``source``.
    """
    from kg.errors import NotFoundError
    from kg.query.stored import run

    if not any(run(store, "source_approvals", origin=source)):
        raise NotFoundError(f"approvals imported from {source} in this store")
    items = _approvals(store, drug, agency)
    events = _events(store, drug, agency)
    curated = [a for a in items.values() if a["origin"] is None and a["type"] not in _NOT_INDICATIONS]
    drugs = {a["drug"]["id"] for a in curated}
    imported = [a for a in items.values() if a["origin"] == source and a["drug"]["id"] in drugs]
    rows: list[dict[str, Any]] = []
    matched: dict[str, list[str]] = {}
    matches: list[dict[str, Any]] = []
    summary: Counter[str] = Counter(curated=len(curated), imported=len(imported))
    for imp in sorted(imported, key=lambda a: (a["drug"]["name"], a["id"])):
        cands = []
        for cur in curated:
            if cur["drug"]["id"] != imp["drug"]["id"] or cur["setting"].get("context") != imp["setting"].get("context"):
                continue
            rel = _relation(imp, cur)
            if rel is None or _marker_conflict(imp, cur):
                continue
            score = (_RELATION_RANK[rel], _line_score(imp["setting"].get("line"), cur["setting"].get("line"))
                     + 2 * _partner_score(imp, cur) + 2 * bool(set(imp["trials"]) & set(cur["trials"]))
                     + (imp["date"] == cur["date"]),
                     -_days(imp["date"], cur["date"]))
            cands.append((score, rel, cur))
        if not cands:
            rows.append(_row("imported only", imp, None, None, "no curated approval of this drug for a related "
                             "indication in the same setting that says nothing opposite (HER2, histology)"))
            continue
        _, rel, cur = max(cands, key=lambda c: c[0])
        summary["matched"] += 1
        summary[f"indication {rel}"] += 1
        matched.setdefault(cur["id"], []).append(imp["id"])
        related = [c["date"] for _, _, c in cands]
        kind = _date_class(imp["date"], imp["date_is"], cur["date"], [d for _, d in events.get(cur["id"], [])], related)
        summary[kind] += 1
        matches.append({"imported": imp["id"], "curated": cur["id"], "drug": imp["drug"]["name"], "relation": rel,
                        "date": kind})
        if kind not in ("same date", "import gives no indication date"):
            rows.append(_row(kind, imp, cur, rel, f"imported {imp['date']} ({imp['date_is']}), curated {cur['date']} "
                             f"({cur['date_is']})"))
        if imp["trials"]:
            if not cur["trials"]:
                rows.append(_row("trial only in import", imp, cur, rel, "imported names " + ", ".join(imp["trials"])))
            elif set(imp["trials"]).isdisjoint(cur["trials"]):
                rows.append(_row("trial differs", imp, cur, rel, f"imported {', '.join(imp['trials'])}; curated "
                                 f"{', '.join(cur['trials'])}"))
            else:
                summary["same trial"] += 1
    for cur in sorted(curated, key=lambda a: (a["drug"]["name"], a["date"], a["id"])):
        if cur["id"] in matched:
            continue
        ended = cur["status"] in ("withdrawn", "superseded")
        rows.append(_row("curated only, withdrawn or superseded" if ended else "curated only", None, cur, None,
                         f"{cur['status']}: no imported record matches" if ended else "no imported record matches"))
    summary.update(Counter(r["kind"] for r in rows if r["kind"] in ("imported only", "curated only",
                                                                      "curated only, withdrawn or superseded",
                                                                      "trial differs", "trial only in import")))
    rows.sort(key=lambda r: (CLASSES.index(r["kind"]), r["drug"]["name"], (r["curated"] or r["imported"])["date"]))
    return {"source": source, "agency": agency, "summary": dict(sorted(summary.items())), "rows": rows,
            "matches": matches}


def _row(kind: str, imp: dict | None, cur: dict | None, relation: str | None, detail: str) -> dict[str, Any]:
    some = imp or cur
    assert some is not None
    return {"kind": kind, "drug": some["drug"], "relation": relation, "detail": detail,
            "curated": _side(cur) if cur else None, "imported": _side(imp) if imp else None}
