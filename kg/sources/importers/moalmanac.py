"""Molecular Oncology Almanac (MOAlmanac) regulatory indications (the database's ``referenced``
JSON files: ``indications.json``, ``documents.json`` and, to code drugs and diseases,
``statements.json``, ``propositions.json``, ``diseases.json``, ``therapies.json``).

Each indication becomes an :class:`~kg.schema.model.Approval` of the drug its document (a label,
an EPAR, a product monograph, a reimbursement regimen) is about, granted by the document's agency
(FDA, EMA, Health Canada, Ireland's HPRA; Ireland's HSE lists reimbursement decisions, said so in
the approval's notes). Its date is MOAlmanac's ``initial_approval_date``, which is the date the
current label wording first appeared, not necessarily the first approval of the indication: it
is recorded with ``date_is: label wording``. An indication without that date gets the date of
its document (``date_is: label revision``). The supporting trial is the NCT number the
description names; the setting's context and line are read from the indication's wording
(:func:`setting_of`); the source's own wording of the indication, therapy and biomarker are kept
(``label_text``, ``regimen``, ``setting.biomarker``). Diseases are OncoTree codes, mapped to MONDO through Mondo's cross-
references (:mod:`kg.schema.oncotree`); "any solid tumor" with an MSI-H/dMMR or TMB-high
biomarker is the curated tissue-agnostic indication of that name.

>>> setting_of("as first-line treatment of patients with metastatic NSCLC").line
'first'
>>> setting_of("for the neoadjuvant and adjuvant treatment of resectable NSCLC").context
'perioperative'
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Iterator

from kg.errors import SourceFormatError
from kg.schema import model, oncotree
from kg.schema.fields import Setting
from kg.schema.vocab import slug
from kg.sources.importers.base import Context

LAYER = "moalmanac"
INFORES = "infores:moalmanac"
REQUIRED = ("indications.json", "documents.json")
OPTIONAL = ("statements.json", "propositions.json", "diseases.json", "therapies.json")
#: MOAlmanac agent id -> (organisation name, what its documents record).
AGENCIES = {
    "fda": ("US Food and Drug Administration", None),
    "ema": ("European Medicines Agency", None),
    "hc": ("Health Canada", None),
    "hpra": ("Health Products Regulatory Authority", None),
    "hse": ("Health Service Executive", "a reimbursement decision of Ireland's HSE (NCCP national SACT "
                                        "regimen), not a marketing authorisation"),
}
DATE_NOTE = ("MOAlmanac's initial_approval_date: the date the current label wording of this indication "
             "first appeared, not necessarily the date the indication was first approved")
NO_DATE_NOTE = ("MOAlmanac gives no date for this indication; the date is that of the document it "
                "cites (its publication_date)")
_NCT = re.compile(r"NCT\d{8}")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_SOLID = "ncit:C132146"  # Any solid tumor


def expand(paths: list[Path]) -> list[Path]:
    """The JSON files (a folder stands for the ones it holds; indications and documents required)."""
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            missing = [n for n in REQUIRED if not (p / n).exists()]
            if missing:
                raise SourceFormatError(f"no {', '.join(missing)} in this folder", file=str(p))
            out.extend(p / n for n in REQUIRED + OPTIONAL if (p / n).exists())
        else:
            out.append(p)
    return out


def setting_of(text: str) -> Setting:
    """Context and line of an indication, read from its wording (neoadjuvant and adjuvant:
    perioperative; first-line or previously untreated: first; after, following or previously
    treated: later; else none)."""
    t = text.lower()
    neo, adj = "neoadjuvant" in t, bool(re.search(r"(?<!neo)adjuvant", t))
    context = "perioperative" if neo and adj else "neoadjuvant" if neo else "adjuvant" if adj else "advanced"
    line = None
    if re.search(r"first[- ]line|previously untreated|treatment[- ]na[iï]ve", t):
        line = "first"
    elif re.search(r"second[- ]line|previously treated|\bafter\b|following|progress|prior", t):
        line = "later"
    return Setting(context=context, line=line)


def _load(path: Path, ctx: Context) -> tuple[list[Any], list[int]]:
    """The records of a JSON array file and the line each record starts on."""
    raw = path.read_bytes()
    if ctx.progress:
        ctx.progress(len(raw))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SourceFormatError("not UTF-8 text (a compressed or binary file?)", file=str(path)) from None
    decoder, ws = json.JSONDecoder(), re.compile(r"\s*")
    pos = ws.match(text).end()
    if not text.startswith("[", pos):
        raise SourceFormatError("not a JSON array of records", file=str(path), line=text.count("\n", 0, pos) + 1)
    records: list[Any] = []
    starts: list[int] = []
    pos = ws.match(text, pos + 1).end()
    try:
        while not text.startswith("]", pos):
            starts.append(text.count("\n", 0, pos) + 1)
            value, pos = decoder.raw_decode(text, pos)
            records.append(value)
            pos = ws.match(text, pos).end()
            if text.startswith(",", pos):
                pos = ws.match(text, pos + 1).end()
            elif not text.startswith("]", pos):
                raise json.JSONDecodeError("',' or ']' expected", text, pos)
        if text[pos + 1:].strip():
            raise json.JSONDecodeError("text after the array", text, pos + 1)
    except json.JSONDecodeError as exc:
        raise SourceFormatError(f"not JSON: {exc.msg}", file=str(path), line=exc.lineno) from None
    return records, starts


class _Tables:
    """The files other than the indications, indexed by id."""

    def __init__(self, files: dict[str, Path], ctx: Context):
        def table(name: str) -> dict[Any, dict]:
            if name not in files:
                return {}
            rows, _ = _load(files[name], ctx)
            return {r["id"]: r for r in rows if isinstance(r, dict) and "id" in r}

        self.documents = table("documents.json")
        self.propositions = table("propositions.json")
        self.diseases = table("diseases.json")
        self.therapies = table("therapies.json")
        self.statements: dict[str, list[dict]] = {}
        for s in table("statements.json").values():
            self.statements.setdefault(s.get("indication_id"), []).append(s)

    def propositions_of(self, ind_id: str) -> list[dict]:
        return [p for s in self.statements.get(ind_id, ())
                if (p := self.propositions.get(s.get("proposition_id"))) is not None]


def read(files: list[Path], ctx: Context) -> Iterator[model.Approval]:
    """One approval per well-formed indication."""
    by_name = {f.name: f for f in files}
    unknown = [f for f in files if f.name not in REQUIRED + OPTIONAL]
    if unknown:
        raise SourceFormatError(f"not a MOAlmanac file (expected {', '.join(REQUIRED + OPTIONAL)})",
                                file=str(unknown[0]))
    missing = [n for n in REQUIRED if n not in by_name]
    if missing:
        raise SourceFormatError(f"{', '.join(missing)} must be given too", file=str(files[0]) if files else "")
    tables = _Tables(by_name, ctx)
    path = by_name["indications.json"]
    rows, lines = _load(path, ctx)
    orgs: dict[str, str] = {}
    seen: set[str] = set()
    for row, line in zip(rows, lines):
        ctx.read += 1
        try:
            rec = _approval(row, tables, ctx, orgs)
            if rec.id in seen:
                raise _Reject(f"a second record with id {row.get('id')!r} (our id {rec.id})")
        except _Reject as exc:
            ctx.reject(path, line, str(exc))
            continue
        seen.add(rec.id)
        yield rec
        ctx.imported += 1


class _Reject(Exception):
    """A record that cannot be imported (the reason)."""


def _approval(row: Any, t: _Tables, ctx: Context, orgs: dict[str, str]) -> model.Approval:
    if not isinstance(row, dict):
        raise _Reject("not a JSON object")
    rid, doc_id, text = row.get("id"), row.get("document_id"), row.get("indication")
    if not isinstance(rid, str) or not rid.startswith("ind:"):
        raise _Reject(f"bad id {rid!r}")
    if not isinstance(text, str) or not text.strip():
        raise _Reject("empty indication text")
    doc = t.documents.get(doc_id)
    if doc is None:
        raise _Reject(f"document_id {doc_id!r} is not in documents.json")
    agent = doc.get("agent_id")
    if agent not in AGENCIES:
        raise _Reject(f"agent_id {agent!r} of {doc_id} is not one of {', '.join(AGENCIES)}")
    date, date_is, note = row.get("initial_approval_date"), "label wording", DATE_NOTE
    if not date:
        date, date_is, note = doc.get("publication_date"), "label revision", NO_DATE_NOTE
    if not isinstance(date, str) or not _DATE.fullmatch(date):
        raise _Reject(f"bad date {date!r}")
    props = t.propositions_of(rid)
    drug = _drug({**doc, "raw_therapeutics": row.get("raw_therapeutics")}, props, t, ctx, rid)
    indications = _diseases(row, props, t, ctx, rid)
    description = row.get("description") if isinstance(row.get("description"), str) else ""
    trials = tuple(dict.fromkeys(
        ctx.hit(ctx.resolver.trial(nct)) or ctx.create(
            model.Trial(id=f"CLINICALTRIALS:{nct}", acronym=_acronym(description, nct), not_in_sources=("phase",),
                        sources=(ctx.source(rid),)))
        for nct in _NCT.findall(description)))
    name, what = AGENCIES[agent]
    agency = orgs.get(agent) or orgs.setdefault(agent, ctx.hit(ctx.resolver.organization(name)) or ctx.create(
        model.Organization(id=ctx.free_id("org", name), name=name, kind="regulator", sources=(ctx.source(rid),))))
    setting = setting_of(text)
    biomarkers = row.get("raw_biomarkers")
    if isinstance(biomarkers, str) and biomarkers.strip():
        setting = Setting(context=setting.context, line=setting.line, biomarker=biomarkers.strip())
    url = row.get("initial_approval_url") or None
    sources = (ctx.source(rid),) + ((model.Source(url, agent="automated_agent"),)
                                   if isinstance(url, str) and url.startswith("https://") else ())
    therapy = row.get("raw_therapeutics")
    return model.Approval(
        id=f"KG:moalmanac-{slug(rid.split(':', 1)[1])}", drug=drug, product=doc.get("drug_name_brand") or None,
        indication=indications, agency=agency, date=date, date_is=date_is, date_note=note, type="not stated",
        setting=setting, label_text=" ".join(text.split()), regimen=therapy.strip() if isinstance(therapy, str) and therapy.strip() else None,
        pivotal_trials=trials, no_pivotal_reason=None if trials else "MOAlmanac names no trial for this indication",
        notes=f"{what}. " if what else None, sources=sources)


def _acronym(description: str, nct: str) -> str:
    """The trial's name as the description gives it before its NCT number ("KEYNOTE-189 (NCT...)")."""
    m = re.search(r"([A-Za-z][\w-]*(?: [A-Za-z0-9-]+)?) \(" + nct, description)
    word = m.group(1).split()[-1] if m else ""
    return word if word and word.lower() not in ("the", "trial", "study", "and") else nct


def _drug(doc: dict, props: list[dict], t: _Tables, ctx: Context, rid: str) -> str:
    """The drug the document is about (its generic name; for a document naming none, the one
    therapy its statements name), with the NCIt code MOAlmanac gives the therapy."""
    singles = {t.therapies[p["therapy_id"]]["name"] for p in props
               if p.get("therapy_id") in t.therapies and t.therapies[p["therapy_id"]].get("name")}
    name = doc.get("drug_name_generic") or (next(iter(singles)) if len(singles) == 1 else None)
    if not name:  # a regimen: the therapy its wording starts with ("Trametinib and Dabrafenib")
        named = str(doc.get("raw_therapeutics") or "").lower()
        starts = [str(th.get("name")) for th in t.therapies.values()
                  if th.get("name") and named.startswith(str(th["name"]).lower())]
        name = max(starts, key=len) if starts else None
    if not isinstance(name, str) or not name.strip():
        raise _Reject(f"no single drug named (document {doc.get('id')} names none, its statements name "
                      f"{len(singles)} single therapies and its therapy text starts with none)")
    name = name.strip()
    codes = tuple(f"NCIT:{c.split(':', 1)[1]}" for th in t.therapies.values()
                  if str(th.get("name", "")).lower() == name.lower()
                  and str(c := th.get("primary_coding_id") or "").startswith("ncit:"))
    brand = doc.get("drug_name_brand")
    return ctx.new_drug(name.lower(), rid, codes[:1], (brand,) if isinstance(brand, str) else ())


def _diseases(row: dict, props: list[dict], t: _Tables, ctx: Context, rid: str) -> tuple[str, ...]:
    """The indication's diseases (the conditions of its statements; else its cancer type by name)."""
    out: list[str] = []
    missed: set[str] = set()
    for p in props:
        d = t.diseases.get(p.get("conditionQualifier_id"))
        if d is None:
            continue
        code, name = str(d.get("primary_coding_id") or ""), str(d.get("name") or "")
        if code == _SOLID:
            found = _tissue_agnostic(row, ctx)
            if found:
                out += [found] if found not in out else []
                continue
        ids: tuple[str, ...] = ()
        if code.startswith("oncotree:"):
            ot = code.split(":", 1)[1]
            ids = tuple(x for x in (oncotree.mondo_of(ot), oncotree.ncit_of(ot)) if x)
        elif code.startswith("ncit:"):
            ids = (f"NCIT:{code.split(':', 1)[1]}",)
        found = ctx.hit(ctx.resolver.indication(ids, name or None))
        if not found and ids:
            found = ctx.create(model.Indication(id=ids[0], name=name or ids[0], xrefs=ids[1:],
                                                sources=(ctx.source(rid),)))
        if not found:
            missed.add(code)
        elif found not in out:
            out.append(found)
    if not out:
        cancer = row.get("raw_cancer_type")
        found = _by_name(cancer, ctx, rid) if isinstance(cancer, str) else None
        if not found:
            why = f"its disease codes ({', '.join(sorted(missed))}) have no MONDO or NCIt id" if missed else \
                f"no coded disease, and the cancer type {cancer!r} names no known disease"
            raise _Reject(why)
        out.append(found)
    return tuple(out)


#: Words that say how far a cancer has spread, not which cancer it is.
_STAGE_WORDS = re.compile(r"^(?:(?:metastatic|advanced|unresectable|locally|recurrent|persistent|relapsed|refractory|"
                          r"early|or|and|,)\s*)+", re.I)


def _by_name(text: str, ctx: Context, rid: str) -> str | None:
    """A disease named by a cancer type text: its words less the stage words and the bracketed
    abbreviation, matched exactly (normalised) to a known disease or an OncoTree type's name."""
    name = _STAGE_WORDS.sub("", re.sub(r"\([^)]*\)", "", text)).strip(" ,")
    if not name:
        return None
    found = ctx.hit(ctx.resolver.indication((), name))
    if found:
        return found
    code = oncotree.code_named(name)
    ids = tuple(x for x in (oncotree.mondo_of(code), oncotree.ncit_of(code)) if x) if code else ()
    if not ids:
        return None
    return ctx.hit(ctx.resolver.indication(ids)) or ctx.create(
        model.Indication(id=ids[0], name=oncotree.row(code)["name"], xrefs=ids[1:], sources=(ctx.source(rid),)))


def _tissue_agnostic(row: dict, ctx: Context) -> str | None:
    """The curated tissue-agnostic indication an "any solid tumor" record is about, by its biomarker."""
    marker = str(row.get("raw_biomarkers") or "")
    if re.search(r"MSI-H|dMMR|microsatellite instability|mismatch repair", marker, re.I):
        return ctx.hit(ctx.resolver.indication((), "MSI-H or dMMR solid tumors"))
    if re.search(r"TMB-H|tumor mutational burden|mutations? ?/ ?megabase", marker, re.I):
        return ctx.hit(ctx.resolver.indication((), "TMB-H solid tumors"))
    return None
