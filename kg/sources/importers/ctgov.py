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
from kg.sources.importers.base import Context, Rejected, Unreadable, lines, open_input

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


#: Largest JSON file (not JSON lines) read whole (bytes); a page of 1,000 studies is ~50 MB.
MAX_JSON = 512 << 20


def studies(path: Path, ctx: Context) -> Iterator[tuple[int, Any]]:
    """(line, study) of one file. A JSON file that does not parse is a :class:`SourceFormatError`
    (nothing imported); a JSON-lines line that does not parse is rejected."""
    if path.suffix in _JSONL:
        for n, line in enumerate(lines(path, ctx.progress), 1):
            if isinstance(line, Unreadable):
                ctx.read += 1
                ctx.reject(path, n, line.reason)
                continue
            if not line.strip():
                continue
            ctx.read += 1
            try:
                yield n, json.loads(line)
            except json.JSONDecodeError as exc:
                cut = "truncated line: " if not line.endswith("\n") else ""
                ctx.reject(path, n, f"{cut}not JSON ({exc.msg})")
            except RecursionError:
                ctx.reject(path, n, "JSON nested too deeply (a study record is a few levels deep)")
        return
    with open_input(path) as fh:
        try:
            data = fh.read(MAX_JSON + 1)
        except OSError as exc:
            raise SourceFormatError(f"cannot read: {exc.strerror}", file=str(path)) from None
    if ctx.progress:
        ctx.progress(len(data))
    if len(data) > MAX_JSON:
        raise SourceFormatError(f"a JSON file over {MAX_JSON:,} bytes: give a JSON-lines dump (.jsonl) instead",
                                file=str(path))
    try:
        data = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise SourceFormatError(f"not UTF-8 text (byte {exc.start}): a compressed or binary file?",
                                file=str(path)) from None
    except json.JSONDecodeError as exc:
        raise SourceFormatError(f"not JSON ({exc.msg}, column {exc.colno}): truncated or not a study record",
                                file=str(path), line=exc.lineno) from None
    except RecursionError:
        raise SourceFormatError("JSON nested too deeply: not a study record", file=str(path)) from None
    items = data.get("studies") if isinstance(data, dict) and "studies" in data else [data]
    if not isinstance(items, list):
        raise SourceFormatError("'studies' is not a list", file=str(path), line=1)
    for item in items:
        ctx.read += 1
        yield 1, item


def read(files: list[Path], ctx: Context) -> Iterator[model.Trial]:
    """One trial per study record that is not already in the graph; a malformed study is
    rejected with its file and line (in a JSON page of studies: its place in the page)."""
    seen: dict[str, str] = {}
    for f in files:
        for index, (line, study) in enumerate(studies(f, ctx)):
            where = f"{f}:{line}" if line > 1 or f.suffix in _JSONL else f"{f} (study {index + 1})"
            trial = ctx.attempt(f, line, lambda: _trial(study, ctx, seen, index))
            if trial is not None:
                seen[trial.id] = where
                yield trial


def _get(d: Any, *keys: str) -> Any:
    for k in keys:
        d = d.get(k) if isinstance(d, dict) else None
    return d


def _module(d: Any, *keys: str) -> dict:
    """The object at ``keys`` ({} if absent); anything but an object there rejects the study."""
    value = d
    for i, k in enumerate(keys):
        value = value.get(k) if isinstance(value, dict) else None
        if value is not None and not isinstance(value, dict):
            raise Rejected(f"{'.'.join(keys[:i + 1])} is {_kind(value)}, not an object")
    return value or {}


def _text(value: Any, where: str) -> str | None:
    """Text (stripped; None if absent or blank); anything but text there rejects the study."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise Rejected(f"{where} is {_kind(value)}, not text")
    return value.strip() or None


def _texts(value: Any, where: str) -> list[str]:
    """A list of texts ([] if absent); text alone, or a list holding anything else, rejects the study."""
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise Rejected(f"{where} is {_kind(value)}, not a list of texts")
    return [v.strip() for v in value if v.strip()]


def _list(value: Any, where: str) -> list:
    if value is None:
        return []
    if not isinstance(value, list):
        raise Rejected(f"{where} is {_kind(value)}, not a list")
    return value


def _kind(value: Any) -> str:
    return {str: "text", list: "a list", dict: "an object", bool: "true/false", int: "a number",
            float: "a number"}.get(type(value), type(value).__name__)


def _trial(study: Any, ctx: Context, seen: dict[str, str], index: int = 0) -> model.Trial | None:
    proto = _get(study, "protocolSection")
    nct = _get(proto, "identificationModule", "nctId")
    if not isinstance(proto, dict) or not isinstance(nct, str):
        raise Rejected(f"study {index + 1}: not a study record: no protocolSection.identificationModule.nctId")
    if not re.fullmatch(r"NCT\d{8}", nct):
        raise Rejected(f"bad NCT id {nct!r}")
    if f"CLINICALTRIALS:{nct}" in seen:
        raise Rejected(f"{nct} again (first at {seen[f'CLINICALTRIALS:{nct}']})")
    if ctx.hit(ctx.resolver.trial(nct)):
        return None  # already in the graph: the existing record stays as it is
    try:
        return _new_trial(proto, study, nct, ctx)
    except Rejected as exc:
        raise Rejected(f"{nct}: {exc}") from None


def _new_trial(proto: dict, study: Any, nct: str, ctx: Context) -> model.Trial:
    ident = _module(proto, "identificationModule")
    design = _module(proto, "designModule")
    status = _module(proto, "statusModule")
    src = (model.Source(INFORES, agent="automated_agent", record=nct,
                        release=_date(_get(status, "lastUpdatePostDateStruct", "date"))),)
    phases = _texts(design.get("phases"), "designModule.phases")
    if any(p not in _PHASES and p != "NA" for p in phases):
        raise Rejected(f"unknown phase(s) {phases!r}")
    enrol_info = _module(design, "enrollmentInfo")
    enrol = enrol_info.get("count")
    if enrol is not None and (not isinstance(enrol, int) or isinstance(enrol, bool) or enrol < 0):
        raise Rejected(f"enrollmentInfo.count {enrol!r} is not a whole number")
    conditions, unresolved = _conditions(proto, study, ctx)
    notes = [f"conditions as registered: {'; '.join(unresolved)}"] if unresolved else []
    results = _get(study, "resultsSection", "outcomeMeasuresModule", "outcomeMeasures")
    if isinstance(results, list) and results:
        titles = "; ".join(m["title"] for m in results
                           if isinstance(m, dict) and m.get("type") == "PRIMARY" and isinstance(m.get("title"), str))
        notes.append(f"results posted on ClinicalTrials.gov: {len(results)} outcome measures"
                     + (f" (primary: {titles})" if titles else ""))
    info = _module(design, "designInfo")
    words = [_text(v, "designModule.designInfo") for v in (info.get("allocation"), info.get("interventionModel"),
                                                           _get(info, "maskingInfo", "masking"))]
    enrol_type = _text(enrol_info.get("type"), "designModule.enrollmentInfo.type")
    return model.Trial(
        id=f"CLINICALTRIALS:{nct}", acronym=_text(ident.get("acronym"), "identificationModule.acronym") or nct,
        title=_text(ident.get("briefTitle"), "identificationModule.briefTitle"),
        phase=phase(phases), status=_status(_text(status.get("overallStatus"), "statusModule.overallStatus")),
        enrollment=enrol or None, enrollment_note=enrol_type.lower() if enrol and enrol_type else None,
        randomised={"RANDOMIZED": True, "NON_RANDOMIZED": False}.get(info.get("allocation")),
        design=", ".join(w.lower().replace("_", " ") for w in words if w) or None,
        conditions=conditions, interventions=_drugs(proto, nct, ctx), sponsor=_sponsor(proto, nct, ctx),
        start_date=_date(_get(status, "startDateStruct", "date")),
        completion_date=_date(_get(status, "completionDateStruct", "date")),
        primary_endpoints=tuple(m for o in _list(_get(proto, "outcomesModule", "primaryOutcomes"),
                                                 "outcomesModule.primaryOutcomes")
                                if isinstance(o, dict) and (m := _text(o.get("measure"), "primaryOutcomes.measure"))),
        notes="; ".join(notes) or None, sources=src)


def _date(value: Any) -> str | None:
    return value if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", value) else None


def _status(value: str | None) -> str | None:
    return {"ACTIVE_NOT_RECRUITING": "active, not recruiting"}.get(value) or (
        value.lower().replace("_", " ") if value else None)


def _conditions(proto: dict, study: dict, ctx: Context) -> tuple[tuple[str, ...], list[str]]:
    meshes = [f"MESH:{m['id']}" for m in _list(_get(study, "derivedSection", "conditionBrowseModule", "meshes"),
                                               "conditionBrowseModule.meshes")
              if isinstance(m, dict) and isinstance(m.get("id"), str) and re.fullmatch(r"D\d+", m["id"])]
    found, unresolved = [], []
    for name in _texts(_get(proto, "conditionsModule", "conditions"), "conditionsModule.conditions"):
        hit = ctx.hit(ctx.resolver.indication((), name))
        (found.append(hit) if hit else unresolved.append(name))
    for mesh in meshes:
        hit = ctx.hit(ctx.resolver.indication((mesh,)))
        if hit:
            found.append(hit)
    return tuple(dict.fromkeys(found)), unresolved


def _drugs(proto: dict, nct: str, ctx: Context) -> tuple[str, ...]:
    out = []
    where = "armsInterventionsModule.interventions"
    for i, iv in enumerate(_list(_get(proto, "armsInterventionsModule", "interventions"), where)):
        if not isinstance(iv, dict) or iv.get("type") not in _DRUG_TYPES:
            continue
        name = _text(iv.get("name"), f"{where}[{i}].name")
        if name:
            out.append(ctx.new_drug(name, nct, synonyms=_texts(iv.get("otherNames"), f"{where}[{i}].otherNames")))
    return tuple(dict.fromkeys(out))


def _sponsor(proto: dict, nct: str, ctx: Context) -> str | None:
    lead = _module(proto, "sponsorCollaboratorsModule", "leadSponsor")
    name = _text(lead.get("name"), "sponsorCollaboratorsModule.leadSponsor.name")
    if not name:
        return None
    kind = "company" if lead.get("class") == "INDUSTRY" else "other"
    return ctx.hit(ctx.resolver.organization(name)) or ctx.create(model.Organization(
        id=ctx.free_id("org", name), name=name, kind=kind, sources=(ctx.source(nct),)))
