"""Table rows: a line "| a | b | c |" (as Markdown writes a table, and as
:mod:`kg.sources.text.markup` writes an HTML row) is read cell by cell under its column's header
(the first row of the table). A table of withdrawals ("Company announcement", "FDA withdrawal
date") gives a withdrawal per row with its announced and effective dates; a table of decisions
("FDA decision", "Approval date") an approval per row, dated by that column; a trial cell with
its size ("RATIONALE-302 (512 patients)") the trial's enrolment. The row's drug is the one it
names, else the article's; its indication the one it names, else the section's (a heading above
the table: "Merkel cell carcinoma"). A column of patients gives the row's trial size. Figures in a
row are read under their column's header (:mod:`kg.sources.text.table_figures`).

>>> cells("| 2024-03-14 | ESCC | RATIONALE-302 (512 patients) |")
[(2, 12, '2024-03-14'), (15, 19, 'ESCC'), (22, 50, 'RATIONALE-302 (512 patients)')]
>>> column("FDA withdrawal date"), column("Company announcement"), column("FDA decision"), column("FDA action")
('effective', 'announced', 'approved', 'approved')
>>> column("Drug"), column("Action"), column("Type of decision")
(None, None, None)
"""
from __future__ import annotations

import re

from kg.sources.text import dates
from kg.sources.text.event_dates import of_withdrawal
from kg.sources.text.subjects import new_targeted, regimen_partners, subject_drug
from kg.sources.text.table_figures import cells, is_row, patients
from kg.sources.text.approval_values import approval_type, indication_name, organ_disease, region_agency, setting
from kg.sources.text.cues import ORGANS

_COLUMNS = [("announced", re.compile(r"announc|company (?:statement|notice)|said", re.I)),
            ("effective", re.compile(r"effective|withdraw|withdrawn|removed|removal|ended|revoked", re.I)),
            ("approved", re.compile(r"approv|decision|granted|clearance|authori[sz]|date"
                                    r"|\b(?:FDA|EMA|EC|agency|regulatory|regulator's)\s+action"
                                    # a column headed by a regulator alone ("| FDA | EMA | Health Canada |")
                                    r"|^\W*(?:US\s+)?(?:FDA|EMA|EC|EU|US|U\.S\.|European Commission|Health Canada|MHRA|TGA|PMDA|"
                                    r"NMPA|Swissmedic)\W*$", re.I))]
_SIZE = re.compile(r"\(\s*(?:n\s*=\s*)?(\d{1,3}(?:,\d{3})*|\d+)\s*(?:patients|participants|people|adults)?\s*\)", re.I)
#: a column that says what each row's event is, and the words for a withdrawal and a product change there
_DISEASE_HEADER = re.compile(r"\b(?:indications?|diseases?|tumou?rs?|cancers?|settings?|uses?)\b", re.I)
_TARGET_HEADER = re.compile(r"\W*(?:molecular\s+)?targets?\b", re.I)
_TYPE_HEADER = re.compile(r"\b(?:type|kind|basis|pathway)\b", re.I)
_ACTION = re.compile(r"action|event|type|status|what happened|change|basis|pathway", re.I)
_GONE = re.compile(r"\s*(?:voluntarily\s+)?(?:withdrawn|withdrawal|removed|revoked|ended|pulled)\b", re.I)
_PRODUCT = re.compile(r"\bformulation|\bdosing\b|\bdose\b|\bsubcutaneous\b", re.I)


#: a column of withdrawals that says not which date it gives ("U.S. withdrawal", "Withdrawn"): each cell's words tell
_PLAIN_WITHDRAWAL = re.compile(r"\W*(?:U\.?S\.?\s+|US\s+|FDA\s+)?withdr[ae]w(?:al|n)?(?:\s+date)?\W*$", re.I)
#: before a date in such a cell: the agency's act (its effect), or the company's (its announcement)
_AGENCY_ACT = re.compile(r"\bFDA\b|\bagency\b|\bfinal\b|\brevok|\beffective\b|\bFederal Register\b", re.I)
_COMPANY_ACT = re.compile(r"announc|\bnotice\b|\bcompany\b|\bsaid\b|\bletter\b|^\W*[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,2},?\s*$")


def cell_withdrawal(text: str, when: list) -> dict[str, str]:
    """A withdrawal cell's dates by the words before each: the company's (announced), the agency's (effective);
    a date with neither is the effect.

    >>> t = "company pulled it 4/2022; FDA withdrew approval 6/1/2022"
    >>> cell_withdrawal(t, dates.find(t, order="mdy")), cell_withdrawal("Bayer, Nov 2023", dates.find("Bayer, Nov 2023"))
    ({'announced': '2022-04', 'effective': '2022-06-01'}, {'announced': '2023-11'})
    """
    out: dict[str, str] = {}
    last = 0
    for d in when:
        before = text[last:d.start]
        key = "effective" if _AGENCY_ACT.search(before) else "announced" if _COMPANY_ACT.search(before) else "effective"
        out.setdefault(key, d.iso)
        last = d.end
    return out


def column(header: str) -> str | None:
    """What a column's dates are: "announced", "effective" (a withdrawal's), "approved", or None (a column of
    the events' type, "Type of decision", gives none)."""
    if _TYPE_HEADER.search(header):
        return None
    return next((kind for kind, rx in _COLUMNS if rx.search(header)), None)


def action_type(action: str) -> str | None:
    """The approval type an action's words give (a table's action cell, a record's action field):
    "accelerated", "regular approval", "Accelerated approval converted to traditional approval" (a conversion).

    >>> action_type("Accelerated"), action_type("Full approval"), action_type("AA (still on label)"), action_type("Pending")
    ('accelerated', 'regular', 'accelerated', None)
    """
    if _CONVERTED_CELL.search(action) and not re.search(r"\bnew (?:approval|indication)", action, re.I):
        return "conversion"
    if re.match(r"\s*AA\b", action):
        return "accelerated"  # "(AA)", "(AA; still on label)"
    m = re.match(r"\s*(accelerated|regular|full|traditional|standard)\b", action, re.I)
    if m:
        return "accelerated" if m.group(1).lower() == "accelerated" else "regular"
    return approval_type(action)


def read_row(reader, i: int, s, mentions) -> bool | str:
    """Read sentence ``s`` as a table row if it is one (True), giving its claims to ``reader.claim``; a row
    whose columns tell nothing but whose cell tells an event in words is to be read as a sentence: False,
    or the year its cell of a year alone gives the row's days ("| 2015 | X approved ... (FDA, 28 October) |")."""
    if not is_row(s.text):
        return False
    first = reader.headers[i]
    if first is None:
        return True  # the header, a separator, or a row without a header
    header = [c.replace("_", " ") for _, _, c in cells(reader.sentences[first].text)]  # ("withdrawal_announced")
    _sizes(reader, i, s, mentions)
    n0 = len(reader.out)
    row = cells(s.text)
    in_words = [c for start, end, c in row if _told_in_words(c, start, end, s, mentions)]  # cells telling an event
    if any(re.search(r"\b(?:19|20)\d\d\b", c) for c in in_words):
        return False  # a cell that tells its event with its own date ("| Jan 20, 22 | ... was approved on March 25, 2011 |")
    kinds = [column(h) for h in header]
    actions = [c for (_, _, c), h in zip(row, header) if _ACTION.search(h)]
    action = " ".join(actions)
    typed = next((k for k in map(action_type, actions + [_typed_header(header)]) if k), None) or bracketed_type(s.text)
    if _PRODUCT.search(action):
        return True  # a new formulation or dosing: no indication's approval
    # "| Accelerated approval | Outcome | Outcome effective |" with "Converted": the effect is the conversion's
    said = " ".join(c for (_, _, c), h in zip(row, header) if re.search(r"outcome|fate", h, re.I) and column(h) is None)
    outcome = [c for (_, _, c), k in zip(row, kinds) if k == "effective"] if _CONVERTED_CELL.search(said) and not _GONE.match(
        said) else []
    kinds = [None if k == "effective" and outcome else k for k in kinds]
    for j, later in _state_dates(row, kinds, reader.context):  # "| AA granted | End state | End-state date |"
        if _CONVERTED_CELL.search(row[j][2]):
            outcome, kinds[later] = outcome + [row[later][2]], None
        else:
            kinds[later] = "announced" if _ANNOUNCED.search(row[j][2]) else "effective"
    if not any(k in ("announced", "effective") for k in kinds) and _GONE.match(action):
        # the row's event is a withdrawal ("| 2021-03-01 | X | Y | withdrawn |"): its date took effect, or was
        # the one the company announced it ("Withdrawal announced by Genentech")
        side = "announced" if _ANNOUNCED.search(action) else "effective"
        kinds = [side if k == "approved" else k for k in kinds]
    if not any(_GRANT_HEADER.search(h) or _ANY_EVENT.search(h) for h in header) and not any(
            _APPROVED_CELL.search(c) or _ANY_EVENT.search(c) for _, _, c in row):
        # a column called "Date" alone, in a row that tells no approval ("| 11/2025 | Annual review |"): no event's date
        kinds = [None if k == "approved" else k for k in kinds]
    withdrawals = any(k in ("announced", "effective") for k in kinds)
    # a column of the approvals' own dates beside the withdrawals' ("Accelerated approval granted"), not "Date"
    approved_column = next((h for h, k in zip(header, kinds) if k == "approved" and _GRANT_HEADER.search(h)), "")
    ended = any(_GONE.match(c) for (_, _, c), k in zip(row, kinds) if k is None)
    named = [(m.start - s.start, m.id) for m in mentions if m.type == "Drug"]
    drug = subject_drug(s.text, named) or reader.main_drug
    for (start, end, _), h in zip(row, header) if drug else ():
        target = next((m for m in mentions if m.type == "Target" and start <= m.start - s.start < end), None)
        if target and _TARGET_HEADER.match(h):  # "| Tecentriq (atezolizumab) | PD-L1; also blocks ... |": it binds
            reader.claim(s, "mechanism", drug, "binds", target.id, {"action": "binds"})
    if drug and _each_cell(reader, s, row, kinds, mentions, drug, header):
        return True
    inds = [(m.id, m.text) for m in {m.id: m for m in mentions if m.type == "Indication"}.values()]
    if not inds and not named:
        return True  # a row that names neither a drug nor a disease ("| Mar 31 | Presentations | One approval per team |")
    if not inds:  # a column of indications that names an organ alone ("| gBRCAm adv. ovarian, maint. |"): its cancer
        cell = next((c for (_, _, c), h in zip(row, header) if _DISEASE_HEADER.search(h)), "")
        organ = re.search(r"\b(%s)\b" % "|".join(ORGANS), cell, re.I)
        inds = organ_disease(reader.indication_names, organ.group(1)) if organ else []
    if not inds and reader.context.indication:  # the section's disease (a heading above the table)
        inds = [(reader.context.indication, reader.context.indication_name)]
    found: dict[str, str] = {}
    dated_cells = []  # (a cell of an approval-date column may tell its conversion too: "Accelerated approval 5 May
    for (start, end, text), kind, h in zip(row, kinds, header + [""] * len(row)):  # 2021; converted to full approval 19 Mar 2025")
        when = dates.find(text, *reader.context.dating(), order=reader.context.order)
        if kind == "effective" and when and _PLAIN_WITHDRAWAL.match(h):
            for key, iso in cell_withdrawal(text, when).items():  # ("| U.S. withdrawal |": the cell's words tell which)
                found.setdefault(key, iso)
            continue
        conv = _CONVERTED_CELL.search(text) if kind == "approved" else None
        if conv:
            dated_cells.append((text, when))
            when = [d for d in when if d.start < conv.start()]
        if kind and when and kind not in found:
            found[kind] = when[0].iso
    # a cell that tells its own event ("approved 22 February 2021", "Withdrawn: announced March 7, 2021; off
    # the label April 13, 2021", "Converted to regular approval on September 6, 2023")
    ctx = reader.context
    told = [(c, dates.find(c, *ctx.dating(), order=ctx.order)) for (_, _, c), k in zip(row, kinds) if k is None]
    if "approved" not in found:
        found.update({"approved": d[0].iso for c, d in told if d and _APPROVED_CELL.match(c)})
    gone = [(c, d) for c, d in told if d and _GONE.match(c)]
    if withdrawals and gone:  # "| Withdrawal announced | ... | Removed from FDA's list on 13 April 2021 |": its effect
        for key, when in of_withdrawal(*gone[0]).items():
            found.setdefault(key, when)
        gone = []
    # (the date after "converted": "converted to regular 2021-08-31; narrowed 2018-06-19")
    converted = [after[0].iso for c, d in told + dated_cells if (m := _CONVERTED_CELL.search(c))
                 and (after := [x for x in d if x.start >= m.end()])]
    converted += [d[0].iso for c in outcome if (d := dates.find(c, *reader.context.dating(), order=reader.context.order))]
    if converted and typed == "conversion":
        typed = "accelerated"  # "Accelerated approval (converted to regular approval on 30 June 2020)": the row's date
    agency = region_agency(" ".join(header))
    where = setting(s.text)
    if drug and inds and _per_agency(reader, s, row, kinds, header, inds[0], drug, where):
        return True
    # (each disease of the row's disease cell: "| relapsed FL; relapsed SLL |"; else the first named)
    cell = next(((a, b) for (a, b, _), h in zip(row, header) if _DISEASE_HEADER.search(h)), None)
    own = [x for x in inds if cell and any(m.id == x[0] and cell[0] <= m.start - s.start < cell[1] for m in mentions)]
    for ind, text in (own if len(own) > 1 else inds[:1]) if drug else []:
        name = indication_name(ind, text)
        gone_dates = withdrawals and (found.get("announced") or found.get("effective"))
        if found.get("approved") and (not withdrawals or approved_column):
            # (a table of withdrawals may give each approval's date too: "| Accelerated approval granted | ...")
            values = {"agency": agency, "date": found["approved"], "approval_type": typed,
                      "status": "withdrawn" if ended or gone_dates else "approved", "indication": name, **where}
            # a partner in the row's regimen ("| Imjudo + Imfinzi (STRIDE) | Unresectable HCC |") approved there too
            # (and a first drug the graph records no approval of, "| Lenvatinib + pembrolizumab |", left out)
            partners = regimen_partners(s.text, named, drug, lambda d: ind in reader.facts.approved.get(d, {}))
            # (and a partner new to the graph that is no chemotherapy)
            written = {m.id: m.text for m in mentions if m.type == "Drug"}
            if not partners or drug in reader.facts.approved or new_targeted(drug, written.get(drug, "")):
                reader.claim(s, "approval", drug, "approved for", ind, values, "regulatory approval", "supports")
            for partner in partners + regimen_partners(s.text, named, drug, lambda d: new_targeted(
                    d, written.get(d, ""), reader.facts.approved)):
                reader.claim(s, "approval", partner, "approved for", ind, {**values, "partner_of": drug},
                             "regulatory approval", "supports")
        if gone_dates:
            values = {"agency": agency, "announced": found.get("announced"), "effective": found.get("effective"),
                      "status": "withdrawn", "indication": name, **where}
            reader.claim(s, "withdrawal", drug, "approved for", ind, values, "regulatory approval", "supports")
        for c, d in gone[:1] if not withdrawals else []:
            values = {"agency": agency, **of_withdrawal(c, d), "status": "withdrawn", "indication": name, **where}
            reader.claim(s, "withdrawal", drug, "approved for", ind, values, "regulatory approval", "supports")
        for when in converted[:1]:
            values = {"agency": agency, "date": when, "approval_type": "conversion", "status": "approved",
                      "indication": name, **where}
            reader.claim(s, "approval", drug, "approved for", ind, values, "regulatory approval", "supports")
    # a row whose columns told nothing but whose cell tells its event in words ("| 2015 | Ipilimumab approved
    # after surgery for melanoma ... (FDA, 28 October) |"): read as a sentence (False)
    if len(reader.out) > n0 or not in_words:
        return True
    return next((c.strip() for _, _, c in row if re.fullmatch(r"\s*(?:19|20)\d\d\s*", c)), False)


def _state_dates(row, kinds: list, ctx) -> list[tuple[int, int]]:
    """(state cell, date cell) of a row whose cell without a date says the approval was converted or withdrawn
    and whose next date column, after a column of the approval's own date, gives when ("| Dec 18, 2019 |
    Converted to regular approval | Jul 9, 2021 |").

    >>> from kg.sources.text.context import Context
    >>> row = [(0, 0, " X "), (0, 0, " Dec 18, 2019 "), (0, 0, " Converted to regular approval "), (0, 0, " Jul 9, 2021 ")]
    >>> _state_dates(row, [None, "approved", None, "approved"], Context())
    [(2, 3)]
    """
    out = []
    for j, ((_, _, c), k) in enumerate(zip(row, kinds)):
        if k is None and (_CONVERTED_CELL.search(c) or _GONE.match(c)) and "approved" in kinds[:j] \
                and not dates.find(c, *ctx.dating(), order=ctx.order):
            later = next((n for n in range(j + 1, len(row)) if kinds[n] in ("approved", "effective")), None)
            if later is not None:
                out.append((j, later))
    return out


def _told_in_words(text: str, start: int, end: int, s, mentions) -> bool:
    """Whether a cell is a clause that tells an event: a drug it names (or a disease, with a year), then an event word,
    in five words or more ("Perioperative muscle-invasive bladder cancer (NIAGARA; FDA-approved 28 Mar 2024)")."""
    named = next((m for m in mentions if m.type in ("Drug", "Indication") and start <= m.start - s.start < end
                  and (m.type == "Drug" or re.search(r"\b(?:19|20)\d\d\b", text))), None)
    return named is not None and len(text.split()) >= 5 and bool(_ANY_EVENT.search(s.text, named.end - s.start, end))


def _each_cell(reader, s, row, kinds, mentions, drug: str, header: list[str]) -> bool:
    """Two or more cells of approval dates that each name their own disease ("| 18 May 2016: urothelial
    carcinoma after platinum (accelerated) | 2 Oct 2025: first-line maintenance in ES-SCLC |"): an
    approval per cell, with the cell's date, disease, type and setting (True if so read)."""
    ctx, told = reader.context, []
    for (start, end, text), kind in zip(row, kinds):
        named = [m for m in mentions if m.type == "Indication" and start <= m.start - s.start < end]
        when = dates.find(text, *ctx.dating(), order=ctx.order) if kind == "approved" and named else []
        if when:
            told.append((text, when[0].iso, named[0]))
    if len(told) < 2:
        return False
    agency = region_agency(" ".join(header))
    for text, when, m in told:
        # (its type in brackets: "(accelerated)")
        kind = approval_type(text) or bracketed_type(text)
        values = {"agency": agency, "date": when, "approval_type": kind, "status": "approved",
                  "indication": indication_name(m.id, m.text), **setting(text)}
        reader.claim(s, "approval", drug, "approved for", m.id, values, "regulatory approval", "supports")
    return True


def _per_agency(reader, s, row, kinds, header, ind: tuple[str, str], drug: str, where: dict) -> bool:
    """Columns of approval dates, each of its own agency ("| FDA approval | EU decision |"): an approval per
    dated cell, with that column's agency and the type its cell gives in brackets (True if so read)."""
    ctx = reader.context
    cols = [(text, region_agency(h)) for (_, _, text), h, k in zip(row, header, kinds) if k == "approved"]
    if len(cols) < 2 or len({a for _, a in cols}) < len(cols) or None in {a for _, a in cols}:
        return False
    for text, agency in cols:
        when = dates.find(text, *ctx.dating(), order=ctx.order)
        if when:
            values = {"agency": agency, "date": when[0].iso, "approval_type": bracketed_type(text), "status": "approved",
                      "indication": indication_name(*ind), **where}
            reader.claim(s, "approval", drug, "approved for", ind[0], values, "regulatory approval", "supports")
    return True


def bracketed_type(text: str) -> str | None:
    """The approval type a text gives in brackets ("23 Apr 2025 (accelerated approval)"), or None.

    >>> bracketed_type("22 December 2014 (accelerated; melanoma)"), bracketed_type("2014 (melanoma)")
    ('accelerated', None)
    """
    return next((k for k in map(action_type, re.findall(r"\(([^()]*)\)", text)) if k), None)


def _typed_header(header: list[str]) -> str:
    """The header of a column of approval dates that names the approval's type ("Accelerated approval
    granted"), or ""."""
    return next((h for h in header if column(h) == "approved" and action_type(h)), "")


_ANNOUNCED = re.compile(r"\bannounc", re.I)
_GRANT_HEADER = re.compile(r"\bapprov|\bgranted\b|\bdecision\b|\bclearance\b|\bauthori[sz]"
                           r"|\b(?:FDA|EMA|EC|agency|regulatory|regulator's)\s+action", re.I)
#: a cell that tells an approval or a regulator's action ("Accelerated approval", "New indication", "Withdrawal announced")
_ANY_EVENT = re.compile(r"\bapprov|\bgrant|\bclear|\bauthori[sz]|\bindication|\bwithdr|\bconver|\blicen", re.I)
_APPROVED_CELL = re.compile(r"\s*(?:(?:accelerated|regular|full|traditional|conditional)\s+approval\b(?![^|]*\bwithdr)|"
                            r"approved|granted|cleared|authori[sz]ed)\b", re.I)
_CONVERTED_CELL = re.compile(r"\bconverted\b", re.I)


def _sizes(reader, i: int, s, mentions) -> None:
    """A trial named with its size in brackets ("RATIONALE-302 (512 patients)"), or in a column of
    patients: its enrolment."""
    trial = next((m.id for m in mentions if m.type == "Trial"), None)
    counted = patients(reader.sentences, i, reader.headers) if trial else None
    if counted:  # ("| N randomised |": a count the audit does not hold against the number enrolled)
        reader.claim(s, "trial design", trial, "describes", None, {"n_patients": counted[0], "enrolment": counted[1]},
                     reader.level(trial))
    for m in mentions:
        end = m.end - s.start  # (a mention's offsets are the document's)
        size = _SIZE.match(s.text, end) or _SIZE.match(s.text, end + 1)
        if m.type == "Trial" and size:
            reader.claim(s, "trial design", m.id, "describes", None,
                         {"n_patients": int(size.group(1).replace(",", "")), "enrolment": "enrolled"}, reader.level(m.id))
