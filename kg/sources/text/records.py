"""Records of fields and values, as database exports, drug-reference entries and fact sheets write them: lines
of their own ("Drug: selpercatinib", "Indication: RET fusion-positive NSCLC", "Action: Accelerated approval",
"Date: 2020-05-08"), or a table of two columns (a field and its value). Each record's dated fields are its events:
an approval (or a conversion, or a withdrawal, as its action field or the field's own name says) of the record's
drug in the record's disease, given on the line of its date.

A record is three fields or more in a row (a blank line, or its first field again, starts the next one); a
two-column table's rows are one record. The prose reader still reads each line; this module gives the claims
that only the record as a whole tells (a date on one line, its drug and disease on others).

>>> fields("Drug: selpercatinib (Retevmo)"), fields("| FDA approval | 16-Nov-2023 (regular approval) |")
(('Drug', 'selpercatinib (Retevmo)'), ('FDA approval', '16-Nov-2023 (regular approval)'))
>>> fields("The FDA: approved it."), fields("| a | b | c |")
(None, None)
"""
from __future__ import annotations

import re

from kg.sources.text import dates
from kg.sources.text.approval_values import approval_type, indication_name, region_agency
from kg.sources.text.table_figures import cells, is_row
from kg.sources.text.tables import action_type, bracketed_type

#: a line of a field and its value ("Drug: X", "- Approval date: 2020-05-08")
_FIELD = re.compile(r"[ \t]*(?:[-*\u2022][ \t]+)?([A-Z][A-Za-z0-9 /().'-]{0,38}?)[ \t]*:[ \t]+(\S.{0,300})$")
_DRUG_KEY = re.compile(r"\b(?:drug|generic|product|brand|medicine|agent|therapy|INN|compound)\b", re.I)
_DISEASE_KEY = re.compile(r"\b(?:indications?|disease|setting|use|population|tumou?r|cancer|condition)\b", re.I)
_ACTION_KEY = re.compile(r"\b(?:action|event|type|status|pathway|outcome|decision|regulatory)\b", re.I)
_AGENCY_KEY = re.compile(r"\b(?:agency|regulator|authority|region|jurisdiction|market)\b", re.I)
#: a field whose value is a date of an event ("Date", "Approval date", "FDA approval", "Withdrawn", "Converted")
_DATE_KEY = re.compile(r"\bdate\b|\bapprov|\bauthori[sz]|\bwithdr|\bremov|\bconver|\bgranted\b|\bFDA\b|\bEMA\b|\bEU\b|"
                       r"\bEC\b|\bHealth Canada\b|\bMHRA\b|\bPMDA\b|\bTGA\b", re.I)
_GONE = re.compile(r"\bwithdr[ae]wn?\b|\bwithdrawal\b|\bremoved\b|\brevoked\b|\bdelisted\b|\bvoluntarily\b", re.I)
_CONVERTED = re.compile(r"\bconver", re.I)
#: a date of the document itself ("Date of this summary", "Last reviewed", "Updated")
_DOCUMENT_KEY = re.compile(r"\b(?:this|summary|document|page|report|reviewed|review|updated?|revised|revision|published|"
                           r"version|printed|accessed|issued|posted|last|next|effective from)\b", re.I)
_EVENT_WORD = re.compile(r"\bapprov|\bauthori[sz]|\bwithdr|\bconver|\bgranted\b|\bclear", re.I)
_PLANNED = re.compile(r"\b(?:expected|anticipated|pending|planned|target|PDUFA|filed|submitted|under review)\b", re.I)


def fields(text: str) -> tuple[str, str] | None:
    """(field, value) of a line that is one, or None (see the module)."""
    if is_row(text):
        row = cells(text)
        return (row[0][2], row[1][2]) if len(row) == 2 and not text.lstrip().startswith(",") else None
    m = _FIELD.match(text)
    if m is None or len(m.group(1).split()) > 5 or re.search(r"\b(?:the|a|an|it|is|was|were|and)\b", m.group(1), re.I):
        return None
    return m.group(1).strip(), m.group(2).strip()


def records(text: str, sentences) -> list[list[tuple[int, str, str]]]:
    """The records of a document: each a list of (sentence index, field, value), three fields or more.

    >>> from kg.sources.text.sentences import split
    >>> t = "Drug: X\\nIndication: Y\\nDate: 2020-05-08\\n\\nDrug: Z\\nDate: 2021\\nNote: Q\\nDrug: W\\nSee below."
    >>> [[f for _, f, _ in r] for r in records(t, split(t))]
    [['Drug', 'Indication', 'Date'], ['Drug', 'Date', 'Note']]
    """
    out, current, last_end, last_row = [], [], -1, False
    for k, s in enumerate(sentences):
        f = fields(s.text)
        row = is_row(s.text)
        # (an HTML table's rows come with a blank line between them: still one record)
        blank = last_end >= 0 and "\n\n" in text[last_end:s.start] and not (row and last_row)
        if f is None or blank or current and f[0].lower() == current[0][1].lower() or current and s.start < last_end:
            if len(current) >= 3:
                out.append(current)
            current = []
        if f is not None:
            current.append((k, f[0], f[1]))
            last_end, last_row = s.end, row
    if len(current) >= 3:
        out.append(current)
    return out


def read(reader, mentions_of) -> None:
    """Give ``reader.claim`` the events of every record of its document (``mentions_of(k)``: the mentions of
    sentence ``k``)."""
    ctx = reader.context
    for record in records(reader.text, reader.sentences):
        def ids(k: int, typ: str) -> list[tuple[str, str]]:
            return [(m.id, m.text) for m in mentions_of(k) if m.type == typ]
        drug = next((ids(k, "Drug")[0][0] for k, f, _ in record if _DRUG_KEY.search(f) and ids(k, "Drug")), None)
        drug = drug or next((d[0][0] for k, _, _ in record if (d := ids(k, "Drug"))), None)
        inds = [x for k, f, _ in record if _DISEASE_KEY.search(f) for x in ids(k, "Indication")]
        inds = inds or [x for k, _, _ in record for x in ids(k, "Indication")][:1]
        guessed = not inds and reader.main_indication is not None  # (none in the record: the document's own disease)
        inds = inds or ([(reader.main_indication, reader.indication_names.get(reader.main_indication))] if guessed else [])
        if drug is None or not inds:
            continue
        action = " ".join(v for _, f, v in record if _ACTION_KEY.search(f))
        agency_field = " ".join(v for _, f, v in record if _AGENCY_KEY.search(f))
        told = _EVENT_WORD.search(" ".join(f + " " + v for _, f, v in record))
        for k, f, v in record:
            if not _DATE_KEY.search(f) or _PLANNED.search(f + " " + v) or _DOCUMENT_KEY.search(f):
                continue
            if not _EVENT_WORD.search(f + " " + v) and not (action and told):
                continue  # a plain "Date:" tells an event only in a record with an action that names one
            found = dates.find(v, *ctx.dating(), order=ctx.order)
            if not found:
                continue
            said = f + " " + v + (" " + action if f.lower() in ("date", "dates", "date of action", "action date") else "")
            agency = region_agency(f + " " + v) or region_agency(agency_field)
            s = reader.sentences[k]
            for ident, name in dict.fromkeys(inds):
                values = {"agency": agency, "indication": indication_name(ident, name),
                          **({"disease_from": "context"} if guessed else {})}
                if _GONE.search(said) and not _CONVERTED.search(said):
                    when = "announced" if re.search(r"announc", said, re.I) else "effective"
                    reader.claim(s, "withdrawal", drug, "approved for", ident,
                                 {**values, when: found[0].iso, "status": "withdrawn"}, "regulatory approval", "supports")
                else:
                    # (or the type in brackets after the date: "22 December 2014 (accelerated; melanoma)")
                    kind = "conversion" if _CONVERTED.search(said) else approval_type(said) or next(
                        (k for k in map(action_type, (action, v)) if k), None) or bracketed_type(v)
                    reader.claim(s, "approval", drug, "approved for", ident,
                                 {**values, "date": found[0].iso, "approval_type": kind, "status": "approved"},
                                 "regulatory approval", "supports")

