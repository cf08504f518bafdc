"""ClinicalTrials.gov API v2 study records (``protocolSection`` ...): JSON files holding one
study or a page of them (``{"studies": [...]}``), folders of such files, or JSON-lines dumps
(``.jsonl`` / ``.ndjson``, one study per line, read line by line).

A study becomes a :class:`~kg.schema.model.Trial` with its acronym (else its NCT number), title,
phase, status, enrolment, conditions, drug interventions, lead sponsor, primary outcomes and,
where results are posted, a note of them. A trial already in the graph (curated, or from
another import) is resolved and left as it is. Conditions resolve by MeSH id or exact name to
existing diseases (the others are kept as text in the notes); drug and biological
interventions by exact name or other name to existing drugs, else become new drugs; the
sponsor by exact name to an existing organisation, else a new one. The release of each record
is its last-update date on ClinicalTrials.gov.

>>> phase(["PHASE1", "PHASE2"]), phase(["PHASE3"]), phase(["NA"])
('phase 1/2', 'phase 3', None)
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Iterator

from kg.schema import model
from kg.errors import SourceFormatError
from kg.sources.importers.base import Context, lines

LAYER = "ctgov"
INFORES = "infores:clinical-trials-gov"
_PHASES = {"EARLY_PHASE1": "early phase 1", "PHASE1": "phase 1", "PHASE2": "phase 2", "PHASE3": "phase 3",
           "PHASE4": "phase 4"}
_DRUG_TYPES = {"DRUG", "BIOLOGICAL", "GENETIC", "COMBINATION_PRODUCT"}
_JSONL = (".jsonl", ".ndjson")


def expand(paths: list[Path]) -> list[Path]:
    """The study files: JSON and JSON-lines files, and those in the folders given."""
    out = []
    for p in paths:
        out.extend(sorted(f for f in p.iterdir() if f.suffix in (".json", *_JSONL)) if p.is_dir() else [p])
    return out


def phase(phases: list[str]) -> str | None:
    """Our phase for the API's ``designModule.phases`` (None for "NA" or none)."""
    found = [_PHASES[p] for p in phases if p in _PHASES]
    if len(found) == 2 and found[0][-1].isdigit():
        return f"{found[0]}/{found[1].rsplit(' ', 1)[1]}"
    return found[0] if len(found) == 1 else None


def studies(path: Path, ctx: Context) -> Iterator[tuple[int, Any]]:
    """(line, study) of one file. A JSON file that does not parse is a :class:`SourceFormatError`
    (nothing imported); a JSON-lines line that does not parse is rejected."""
    if path.suffix in _JSONL:
        for n, line in enumerate(lines(path, ctx.progress), 1):
            if not line.strip():
                continue
            ctx.read += 1
            try:
                yield n, json.loads(line)
            except json.JSONDecodeError as exc:
                cut = "truncated line: " if not line.endswith("\n") else ""
                ctx.reject(path, n, f"{cut}not JSON ({exc.msg})")
        return
    text = "".join(lines(path, ctx.progress))
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SourceFormatError(f"not JSON ({exc.msg}, column {exc.colno}): truncated or not a study record",
                                file=str(path), line=exc.lineno) from None
    items = data.get("studies") if isinstance(data, dict) and "studies" in data else [data]
    if not isinstance(items, list):
        raise SourceFormatError("'studies' is not a list", file=str(path), line=1)
    for item in items:
        ctx.read += 1
        yield 1, item


def read(files: list[Path], ctx: Context) -> Iterator[model.Trial]:
    """One trial per study record that is not already in the graph."""
    seen: dict[str, str] = {}
    for f in files:
        for line, study in studies(f, ctx):
            try:
                trial = _trial(study, ctx, seen)
            except _Bad as exc:
                ctx.reject(f, line, str(exc))
                continue
            ctx.imported += 1
            if trial is not None:
                seen[trial.id] = f"{f}:{line}"
                yield trial


class _Bad(ValueError):
    pass


def _get(d: Any, *keys: str) -> Any:
    for k in keys:
        d = d.get(k) if isinstance(d, dict) else None
    return d


def _trial(study: Any, ctx: Context, seen: dict[str, str]) -> model.Trial | None:
    proto = _get(study, "protocolSection")
    nct = _get(proto, "identificationModule", "nctId")
    if not isinstance(proto, dict) or not isinstance(nct, str):
        raise _Bad("not a study record: no protocolSection.identificationModule.nctId")
    if not re.fullmatch(r"NCT\d{8}", nct):
        raise _Bad(f"bad NCT id {nct!r}")
    if f"CLINICALTRIALS:{nct}" in seen:
        raise _Bad(f"{nct} again (first at {seen[f'CLINICALTRIALS:{nct}']})")
    if ctx.hit(ctx.resolver.trial(nct)):
        return None  # already in the graph: the existing record stays as it is
    ident, design, status = _get(proto, "identificationModule"), _get(proto, "designModule") or {}, _get(
        proto, "statusModule") or {}
    src = (model.Source(INFORES, agent="automated_agent", record=nct,
                        release=_date(_get(status, "lastUpdatePostDateStruct", "date"))),)
    phases = design.get("phases") or []
    if not isinstance(phases, list) or any(p not in _PHASES and p != "NA" for p in phases):
        raise _Bad(f"unknown phase(s) {phases!r}")
    enrol = _get(design, "enrollmentInfo", "count")
    if enrol is not None and (not isinstance(enrol, int) or isinstance(enrol, bool) or enrol < 0):
        raise _Bad(f"enrollmentInfo.count {enrol!r} is not a whole number")
    conditions, unresolved = _conditions(proto, study, ctx)
    notes = [f"conditions as registered: {'; '.join(unresolved)}"] if unresolved else []
    results = _get(study, "resultsSection", "outcomeMeasuresModule", "outcomeMeasures")
    if isinstance(results, list) and results:
        titles = "; ".join(str(m.get("title")) for m in results if isinstance(m, dict) and m.get("type") == "PRIMARY")
        notes.append(f"results posted on ClinicalTrials.gov: {len(results)} outcome measures"
                     + (f" (primary: {titles})" if titles else ""))
    info = _get(design, "designInfo") or {}
    return model.Trial(
        id=f"CLINICALTRIALS:{nct}", acronym=ident.get("acronym") or nct, title=ident.get("briefTitle"),
        phase=phase(phases), status=_status(status.get("overallStatus")),
        enrollment=enrol or None, enrollment_note=f"{_get(design, 'enrollmentInfo', 'type')}".lower()
        if enrol and _get(design, "enrollmentInfo", "type") else None,
        randomised={"RANDOMIZED": True, "NON_RANDOMIZED": False}.get(info.get("allocation")),
        design=", ".join(str(v).lower().replace("_", " ") for v in (info.get("allocation"), info.get(
            "interventionModel"), _get(info, "maskingInfo", "masking")) if v) or None,
        conditions=conditions, interventions=_drugs(proto, nct, ctx), sponsor=_sponsor(proto, nct, ctx),
        start_date=_date(_get(status, "startDateStruct", "date")),
        completion_date=_date(_get(status, "completionDateStruct", "date")),
        primary_endpoints=tuple(o["measure"] for o in _get(proto, "outcomesModule", "primaryOutcomes") or ()
                                if isinstance(o, dict) and o.get("measure")),
        notes="; ".join(notes) or None, sources=src)


def _date(value: Any) -> str | None:
    return value if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", value) else None


def _status(value: Any) -> str | None:
    return {"ACTIVE_NOT_RECRUITING": "active, not recruiting"}.get(value) or (
        value.lower().replace("_", " ") if isinstance(value, str) else None)


def _conditions(proto: dict, study: dict, ctx: Context) -> tuple[tuple[str, ...], list[str]]:
    meshes = [f"MESH:{m['id']}" for m in _get(study, "derivedSection", "conditionBrowseModule", "meshes") or ()
              if isinstance(m, dict) and re.fullmatch(r"D\d+", str(m.get("id")))]
    found, unresolved = [], []
    for name in _get(proto, "conditionsModule", "conditions") or ():
        hit = ctx.hit(ctx.resolver.indication((), str(name)))
        (found.append(hit) if hit else unresolved.append(str(name)))
    for mesh in meshes:
        hit = ctx.hit(ctx.resolver.indication((mesh,)))
        if hit:
            found.append(hit)
    return tuple(dict.fromkeys(found)), unresolved


def _drugs(proto: dict, nct: str, ctx: Context) -> tuple[str, ...]:
    out = []
    for iv in _get(proto, "armsInterventionsModule", "interventions") or ():
        if isinstance(iv, dict) and iv.get("type") in _DRUG_TYPES and iv.get("name"):
            out.append(ctx.new_drug(str(iv["name"]), nct, synonyms=[str(x) for x in iv.get("otherNames") or ()]))
    return tuple(dict.fromkeys(out))


def _sponsor(proto: dict, nct: str, ctx: Context) -> str | None:
    name = _get(proto, "sponsorCollaboratorsModule", "leadSponsor", "name")
    if not isinstance(name, str) or not name.strip():
        return None
    kind = "company" if _get(proto, "sponsorCollaboratorsModule", "leadSponsor", "class") == "INDUSTRY" else "other"
    return ctx.hit(ctx.resolver.organization(name)) or ctx.create(model.Organization(
        id=ctx.free_id("org", name), name=name.strip(), kind=kind, sources=(ctx.source(nct),)))
