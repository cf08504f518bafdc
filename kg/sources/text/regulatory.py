"""Approvals and withdrawals in an article: drug, indication, agency, date, approval type and
setting, and a withdrawal's announcement and effective dates.

A sentence is read clause by clause (at ";"). What a relative clause says (", which ...",
"in which ...", ", whose ...") or an appositive of several ("..., both still approved for X,")
is background about the noun before it, not the sentence's claim: such a clause is blanked,
except a ", whose ..." clause about a drug, which is read as a clause of its own about that
drug. An approval needs an approval *event* (:data:`APPROVAL`: "approved", "granted ...
approval", "won clearance", "the approval of X by the FDA", "was converted to full approval")
or a statement that it is in force ("remains approved", "has held an approval since"); a
withdrawal a withdrawal event (:data:`WITHDRAWAL`: "withdrew", "pulled", "gave up", "that use
ended", "the withdrawal took effect"). Negated events ("was not approved") and events in a
temporal clause without a date of their own ("since the drug was cleared") are not claims.

The drug is the first one not named as a partner ("with", "plus", "and" before it); a clause
naming none takes the drug spoken of before only when it refers to one ("it", "the drug",
"the company gave up the drug's ...") -- never when its subject is a class ("medicines").
The indication is the one named (or an organ word), else the one spoken of before (an
anaphor, "it", or an event with a date). The date is the one written nearest after the event
word (else before it; "the same day" is the last date, "today" the article's date); a month
or a day without a year takes the year that puts it nearest the article's date. Of a withdrawal's dates, one after
"effective", "took effect", "became official", or of a passive "was withdrawn in", is the
effective date; one the company announced or said is the announcement's. A dateless event
told in the past tense ("was also approved") right after a dated approval of the same drug and
indication continues that news: it takes its date.

>>> [d.iso for d in dates.find("said on 1 March 2021; effective on March 30, 2021; in May 2017; on 2018-08-20")]
['2021-03-01', '2021-03-30', '2017-05', '2018-08-20']
"""
from __future__ import annotations

import re
from dataclasses import replace

from kg.sources.text import dates, event_dates, event_lists, merges, tables, withdrawal_claims
from kg.sources.text.withdrawal_claims import own_word
from kg.sources.text.clause_split import blank_relative, clauses
from kg.sources.text.context import Context, company_drug, lead, note_heading, note_subject
from kg.sources.text.subjects import (REGIMEN_BACK, appositive, listed_drugs, new_targeted, regimen_drug, regimen_partners,
                                      subject_drug)
from kg.sources.text.cues import ORGANS
from kg.sources.text.facts import AGENCIES
from kg.sources.text.approval_values import (approval_type, indication_name, organ_disease, other_type, region_agency, setting,
                                             tissue_agnostic, type_before)
from kg.sources.text.regulatory_cues import (
    APPROVAL, WITHDRAWAL, NOT_APPROVED, ANAPHOR, EVENT_WORDS, GENERIC, SCOPE,
    OTHER, SUBORDINATE, FOLLOWED, HEADING, SAME_DATE,
    PAST_EVENT, OTHER_TIME, APPLICATION, CONTRAST, IF_WITHDRAWN, GRANTED_BEFORE, CONVERTS, PERIOD, PRODUCT,
    INDEFINITE, REFERS_BACK, REVISION, STAMP, THEIR, WITHDREW_ON,
)


_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
#: a date that names an approval ("the April 3, 2023 accelerated approval", "its April 2021 endometrial indication")
_NAMED_BY = re.compile(r"\s+(?:accelerated\s+approval\b|(?:(?!the\b|its\b|this\b|that\b|an?\b)[\w-]+\s+){0,2}indication\b)", re.I)
#: a date that names the approval it is of ("the March 8, 2019 accelerated approval", "its 2017 indication")
_DATE_NAMES_APPROVAL = re.compile(r",?\s+(?:(?:accelerated|regular|full|conditional|traditional|US|FDA)\s+)*"
                                  r"(?:approval|indication|authori[sz]ation)\b", re.I)
_APPROVAL_OF_DATE = re.compile(r"\bapprov\w*\s+(?:from|of|dated)\s+$|\bapprov\w*\s*\(\s*$|(?-i:\bAA):?\s+(?:on\s+)?$", re.I)
#: an indication named by its organ ("the gastric indication", "its bladder cancer indication")
_ORGAN_INDICATION = re.compile(r"\b(?:%s)\s+(?:cancer\s+)?(?:indications?|uses?)\b" % "|".join(ORGANS), re.I)
_JOINED = re.compile(r"\s(?:and|plus|with|\+)\s|[+/\u2013]|[a-z]-[a-z]{5}")


def read(reader, i: int, s, mentions, organs) -> None:
    """The approval and withdrawal claims of sentence ``s`` (the ``i``-th, with its ``mentions``),
    given to ``reader.claim``; ``organs(text, drug, named)`` reads organ words as indications."""
    row = tables.read_row(reader, i, s, mentions)
    if row is True:
        return  # a table row: read by its columns' headers
    saved = reader.context.section_year
    reader.context.section_year = row or saved  # a row told in words, its days of its year cell ("| 2015 | ...")
    _read(reader, i, s, mentions, organs)
    reader.context.section_year = saved


def _read(reader, i: int, s, mentions, organs) -> None:
    if REVISION.match(s.text) or STAMP.fullmatch(s.text) and not (i and any(
            m.type in ("Drug", "Indication") for m in reader.by_sentence[i - 1])):
        return  # the document's own revision or approval ("Approved 18 November 2024.")
    joined = [m.id for m in mentions if m.type == "Drug" and _JOINED.search(m.text)]
    if joined:  # "relatlimab plus nivolumab": what "the combination" refers to from here on
        reader.context.combination = joined[-1]
    note_heading(reader, s, mentions)
    years = _YEAR.findall(s.text)
    low = s.text.lower()
    listed = event_lists.under_approvals_lead(reader.text, reader.sentences, i)  # ("approved uses:" then "* X: date")
    if not any(w in low for w in EVENT_WORDS) and not listed:
        note_subject(reader, i, s, mentions, organs)
        _note_dates(reader.context, s.text, years)
        return
    if HEADING.search(s.text) is None and not dates.find(s.text, reader.context.dating()[0], order=reader.context.order,
                                                         story=reader.context.story):
        return  # a title or heading: the text tells it again, with its date
    whose = [(a, b) for a, b, who in clauses(s.text) if who is not None]
    n0 = len(reader.out)
    lead = event_lists.lead(s.text)
    for a, b, who in clauses(s.text):
        raw = s.text[a:b]
        if lead and a >= lead and who is None:  # a later item of "approvals ...: with A for X on D1; with B ..."
            raw, a = s.text[:lead] + " " * (a - lead) + raw, 0
        if who is None:  # the ", whose" clauses are read on their own
            for wa, wb in whose:
                if a <= wa < b:
                    raw = raw[:wa - a] + " " * (min(wb, b) - wa) + raw[min(wb, b) - a:]
        drugs = [m.start - s.start - a for m in mentions if m.type == "Drug" and s.start + a <= m.start < s.start + b]
        for text in event_lists.each_item(raw, drugs):  # ("withdrawn: nivo SCLC (Dec 2020), pembro SCLC (Mar 2021)")
            _clause(reader, i, s, mentions, organs, a, text, who, listed)
    merges.one_withdrawal_each(reader, s, n0)
    merges.later_regular_converts(reader, s, n0)
    merges.type_told_after(reader, s, n0)
    if len(reader.out) == n0:  # an event word but no claim ("Keytruda followed the same path."): what "it" is next
        note_subject(reader, i, s, mentions, organs)
    _note_dates(reader.context, s.text, years)


def _note_dates(ctx: Context, text: str, years: list[str]) -> None:
    """The year and the date a sentence told last: what a later "Thursday, April 11" or "that July" is told from."""
    if years:
        ctx.recent = years[-1]
        told = dates.find(text, *ctx.dating(), order=ctx.order, story=ctx.story)
        ctx.story = told[-1].iso if told else years[-1]


def _of_named_diseases(generic: re.Match, text: str, disease_ends: list[int]) -> bool:
    """Whether the plural a class is told by is "indications" right after the diseases it names ("the FL and SLL
    indications", "MCL (...) and MZL (...) indications"): those diseases' uses, no class.

    >>> t = "the FL and SLL indications were withdrawn"
    >>> _of_named_diseases(GENERIC.search(t), t, [14]), _of_named_diseases(GENERIC.search(t), t, [6])
    (True, False)
    """
    return generic.group().lower() == "indications" and any(
        end <= generic.start() and _BRACKETS_ONLY.fullmatch(text, end, generic.start()) for end in disease_ends)


_BRACKETS_ONLY = re.compile(r"\s*(?:\([^()]*\)\s*)?")


_ITEM_START = re.compile(r"")


def _clause(reader, i, s, mentions, organs, a: int, raw: str, who: int | None, listed: bool = False) -> None:
    ctx: Context = reader.context
    text = blank_relative(raw) if who is None else raw
    approval = APPROVAL.search(text)  # (searched once: the pattern is the reader's costliest)
    withdrawal = WITHDRAWAL.search(text)
    approved = bool(approval) and not NOT_APPROVED.search(text)
    withdrawn = bool(withdrawal) and not APPLICATION.search(text)
    if listed and not approval and not withdrawal and not NOT_APPROVED.search(text) and dates.find(
            text, *ctx.dating(), order=ctx.order):
        approval, approved = _ITEM_START.match(text), True  # an item of a list of approvals: its date is its approval's
    # "X followed in August 2023 with ...", "BMS did the same thing with ... in December 2020": an event like the
    # one just told, an approval or a withdrawal
    after_withdrawal = ctx.withdrawal_at >= i - 2 and (not ctx.last or ctx.last[0] < ctx.withdrawal_at)
    follows = FOLLOWED.search(text) if (ctx.last and ctx.last[0] >= i - 2 or after_withdrawal) and not approved \
        and not withdrawn else None
    year, today = ctx.dating()
    if follows and dates.find(text, year, order=ctx.order):
        approved, withdrawn, withdrawal = not after_withdrawal, after_withdrawal, follows if after_withdrawal else None
    if not approved and not withdrawn or OTHER.search(text) or SCOPE.search(text) and not dates.find(
            text, year, order=ctx.order):
        return  # no event; other uses; or uses the news leaves as they were
    if withdrawn and IF_WITHDRAWN.search(text):
        return  # a condition ("If continued approval ... is later withdrawn, coverage ends")
    b = a + len(raw)
    ms = [m for m in mentions if s.start + a <= m.start < s.start + b and text[m.start - s.start - a] != " "]
    inds = list({m.id: (m.id, m.text) for m in ms if m.type == "Indication"}.values())
    if approved and not withdrawn and not inds and PRODUCT.search(raw):
        return  # a new formulation or dosing ("a subcutaneous version ... was approved"): no indication's approval
    drugs = [(m.start - s.start - a, m.id) for m in ms if m.type == "Drug"]
    regimen: list[str] = []  # the drugs of "the combination" told before, when the clause names none
    written = {m.id: reader.long_names.get(m.id, m.text) for m in ms if m.type == "Drug"}  # (each by its fullest name)
    spans = [(m.start - s.start - a, m.end - s.start - a, m.id) for m in ms if m.type == "Drug"]
    if who is not None:  # ", whose ...": the drug just before the comma
        before = [m for m in mentions if m.type == "Drug" and m.end <= s.start + who and s.start + who - m.end <= 3]
        # (", whose pembrolizumab also won ...": a clause about a company, naming its drug)
        drug = before[-1].id if before else subject_drug(text, drugs)
    else:
        drug = subject_drug(text, drugs)
    event = (approval or follows) if approved else withdrawal
    colon = text.rfind(": ", 0, event.start())  # ("The anal cancer decisions add a second type: Z won ... for MCC")
    if colon >= 0 and any(m.type == "Indication" and m.start - s.start - a > colon for m in ms):
        inds = list({m.id: (m.id, m.text) for m in ms if m.type == "Indication" and m.start - s.start - a > colon}.values())
    drug = appositive(text, spans, event.start()) or drug
    found = event_dates.in_clause(s.text, a, text, year, today, ctx.recent, ctx.order, ctx.story)
    if drug is None:
        generic = GENERIC.search(text[:event.end()])
        if generic and not _of_named_diseases(generic, text, [m.end - s.start - a for m in ms if m.type == "Indication"]):
            return  # no drug, and a class of drugs as the subject: a general statement (not "the FL and SLL indications")
        # (a later clause of a line: "Cemiplimab, BCC: accelerated approval 02/09/2021; converted 04/28/2023")
        head = subject_drug(s.text[:a], [(m.start - s.start, m.id) for m in mentions
                                         if m.type == "Drug" and m.start < s.start + a]) if a else None
        company = company_drug(reader, ms, s.start + a + event.start(), text, organs)
        if not company and not inds and INDEFINITE.search(text):
            return  # "ruled that an accelerated approval later withdrawn ... was still an approval": any one, none told
        drug = head or company or ctx.drug or reader.main_drug
        regimen = list(ctx.regimen) if not head and not company and ctx.regimen[:1] == (drug,) else regimen  # (its partners)
        if withdrawn and not approved and ctx.group and ctx.group[0] >= i - 3 and THEIR.search(text):
            drug = ctx.group[1][0]  # ("these uses were withdrawn in 2022": each drug of the withdrawal told before)
        if re.search(r"\bthe (?:[\w-]+ )?combination\b", text[:event.end()], re.I) and ctx.combination:
            drug = ctx.combination  # "the fixed-dose combination": a combination product the article named before
        elif REGIMEN_BACK.search(text):  # (before its event or after: "approved the combination")
            regimen = regimen_drug(reader, i)
            drug = (regimen or [drug])[0]  # (and, named no drug, its other drugs as partners: "The combo received ...")
            # (a drug made an adjective, "cisplatin-ineligible", names none)
            regimen = [] if any(text[m.end - s.start - a:m.end - s.start - a + 1] != "-" for m in ms if m.type == "Drug") else regimen
        if withdrawn and not approved and ctx.withdrawal and not company and text[:withdrawal.start()].lower().endswith("the "):
            drug = ctx.withdrawal[0]  # "the withdrawal took effect on ...": the one told last
    if (SUBORDINATE.search(text[:event.end()]) or approved and not withdrawn and CONTRAST.search(text)) and not found:
        return  # "since the drug was first cleared for this use": background
    organ_inds = {} if inds else organs(raw, drug, [])
    if not inds and not organ_inds and ctx.organ:  # the organ of the section's heading ("9/ Liver.")
        organ_inds = organs(f"{ctx.organ} cancer", drug, [])
    if not inds and not organ_inds and drug not in reader.facts.approved and (told := _ORGAN_INDICATION.search(raw)):
        inds = organ_disease(reader.indication_names, told.group().split()[0])  # (a drug new to the graph: "its ovarian indications")
    if not inds and not organ_inds and _ORGAN_INDICATION.search(raw):
        return  # "withdrew the gastric indication" of a drug with none there: not the one spoken of before
    earlier = [m for m in mentions if m.type == "Indication" and m.start < s.start + a]
    # the indications of the last two sentences, unless a later one spoke of an organ's indication
    recent = [m for k in range(max(0, i - 2, (ctx.noted if ctx.noted is not None else -1) + 1), i)
              for m in reader.by_sentence[k] if m.type == "Indication"]
    guessed = False  # the disease taken from the text around the clause without a word that refers to it
    carried = False  # the date taken from the approval told just before
    if not inds and not organ_inds:
        if withdrawn and ctx.withdrawal and (ctx.withdrawal[0] == drug and re.search(r"\bthe withdrawal\b", text, re.I)
                                             or follows):  # ("BMS did the same with nivolumab in December 2020")
            inds = [ctx.withdrawal[1:]]
        elif ANAPHOR.search(text) and earlier:  # "in this disease": the one the sentence named before
            inds = [(earlier[-1].id, earlier[-1].text)]
        elif ANAPHOR.search(text) and recent:  # "gave up that indication": the one named just before
            inds = [(recent[-1].id, recent[-1].text)]
        elif approved and found and (led := lead(reader, i)):  # "A: In stage III NSCLC. The FDA approved X on <date>"
            inds = [led]
        elif a and earlier and found:  # a later clause of the sentence: the disease an earlier one named
            inds = [(earlier[-1].id, earlier[-1].text)]
        elif ctx.indication and (ANAPHOR.search(text) or withdrawn and re.match(r"\W*it\b", text, re.I) or found
                                 or SAME_DATE.search(text)):
            inds = [(ctx.indication, ctx.indication_name)]
            if withdrawn and not approved and ctx.indications and ctx.indications[0] == drug \
                    and ctx.indications[1][0][0] == ctx.indication:
                inds = list(ctx.indications[1])  # ("approved for MZL and FL ... pulled Ukoniq from the market": each)
            # ("It was converted ...", "for this use", "the accelerated approval": the one told before)
            guessed = not (ANAPHOR.search(text) or SAME_DATE.search(text) or REFERS_BACK.search(text)
                           or follows or ctx.indication == ctx.headed)  # (or the section's, by its heading)
            if guessed and ctx.disease_of.get(drug, inds[0])[0] != inds[0][0]:
                inds = [ctx.disease_of[drug]]  # (a guess: the drug's own disease, told with its last event, first)
        elif found and drugs and reader.main_indication:
            inds = [ctx.disease_of.get(drug) or (reader.main_indication, reader.indication_names.get(reader.main_indication))]
            guessed = True
    if not inds and not organ_inds or drug is None:
        return
    inds = [tissue_agnostic(text, ident, name) for ident, name in inds]
    kind = approval_type(text) if approved else None
    # a conversion's date is not the one its accelerated approval was held "since", nor the one it is named by
    # ("turned the April 3, 2023 accelerated approval into a full one": that approval's, told as a claim too)
    named_by = [d for d in found if kind == "conversion" and _NAMED_BY.match(text, d.end)]
    conv = CONVERTS.search(text) if kind == "conversion" else None
    granted = [d for d in found if conv and d.end <= conv.start() and GRANTED_BEFORE.search(text, max(0, d.start - 40), d.start)]
    if granted and any(d.start >= conv.end() for d in found):
        # "received accelerated approval on 13 November 2020 and was converted to regular approval on 26 July 2021",
        # "granted November 9, 2018, was converted ... January 25, 2024": the first date is the accelerated approval's
        # (not one of a change in between: "was limited to ... in November 2023 and moved ...")
        named_by = named_by or granted[:1]
    date = event_dates.of_event([d for d in found if kind != "conversion" or not text[:d.start].rstrip().endswith("since")
                                 and d not in named_by], conv.end() if conv and named_by else event.start(), text)
    # "withdrew the March 8, 2019 accelerated approval ... in August 2021": the approval named by its date
    dated_approval = [d for d in found if _DATE_NAMES_APPROVAL.match(text, d.end) or _APPROVAL_OF_DATE.search(
        text, max(0, d.start - 40), d.start)] if withdrawn else []  # (or "the approval from November 13, 2020")
    if dated_approval and kind != "conversion":
        date = dated_approval[0].iso
    if PERIOD.search(text[event.start():]):
        date = None  # "regimens that reached the market over the past sixteen months": a period, no one day
    if date is None and SAME_DATE.search(text):
        date = ctx.date
    if (date is None and approved and not withdrawn and ctx.last and ctx.last[0] >= i - 2 and ctx.last[1] == drug
            and inds and ctx.last[2] == inds[0][0] and PAST_EVENT.search(text) and not OTHER_TIME.search(text)):
        date, carried = ctx.date, True  # "... was also approved for ...", right after the dated news of the same approval
        kind = kind or ctx.kind  # (and its type: "X won accelerated approval on D. It was cleared for ...")
    agency = next((m.id for m in ms if m.type == "Organization" and m.id in AGENCIES), None) or region_agency(text)
    where = {**setting(text), **({"disease_from": "context"} if guessed else {"date_from": "context"} if carried else {}),
             **({"date_from": "story"} if any(d.story for d in found) else {})}  # ("the following January": inferred)
    if approved and not (withdrawn and not (re.search(r"\bgrant|\bapproved (?:on|in)\b|\bwon\b|\breceived\b", text)
                                            or re.search(r"\bapproval on \d", text) and not WITHDREW_ON.search(text))
                         and not dated_approval):
        values = {"agency": agency, "date": date, "approval_type": kind,
                  "status": "withdrawn" if withdrawn else "approved", **where}
        own = (event_dates.in_brackets(text, ms, s.start + a, year, today) or event_dates.each_after(ms, s.start + a, found)
               or event_dates.respectively(text, ms, s.start + a, found, "Indication"))
        each = event_dates.of_each_drug(text, ms, s.start + a, found) if inds else {}
        other = other_type(text, kind)
        own_inds = event_dates.disease_of_each(text, ms, s.start + a, set(each)) if each else {}
        listed = [] if each or len({d.iso for d in found}) > 1 else listed_drugs(text, spans)
        for other, when in each.items():  # "Nivolumab (2 February 2017), durvalumab (1 May 2017) and ... followed"
            for ident, name in [x for x in inds if x[0] in own_inds.get(other, [x[0]])]:  # (each its own disease, if named)
                reader.claim(s, "approval", other, "approved for", ident,
                             {**values, "date": when, "indication": indication_name(ident, name)}, "regulatory approval", "supports")
        for ident, name in inds if not each else []:
            when = own.get(ident) or (None if date in own.values() else date)
            # ("winning regular approval for locally advanced disease and accelerated approval for metastatic"): each;
            # each with its own date when both are dated ("full approval on August 20, 2018 ... accelerated approval on
            # May 10, 2017": the later full one a conversion)
            typed = event_dates.of_each_type(text, found) if other else {}
            # a partner in the regimen ("Imjudo in combination with Imfinzi") that the graph knows approved there; a
            # regimen's first drug the graph records no approval of ("lurbinectedin plus atezolizumab") is left out
            partners = regimen_partners(text, drugs, drug, lambda d: ident in reader.facts.approved.get(d, {}))
            # (and one new to the graph that is no chemotherapy: "lazertinib with amivantamab")
            more = regimen_partners(text, drugs, drug, lambda d: new_targeted(d, written.get(d, ""), reader.facts.approved))
            # (but a first drug new to the graph, no chemotherapy, keeps its own: "zolbetuximab with nivolumab")
            first_out = partners and drug not in reader.facts.approved and not new_targeted(drug, written.get(drug, ""))
            # (two types and two diseases or more, one date: each disease the type written before it)
            at = [m.start - s.start - a for m in ms if m.type == "Indication" and m.id == ident]
            own_type = type_before(text, at[0]) if other and not typed and len(inds) > 1 and at else None
            for k, when_k in [] if first_out else (
                    typed.items() or [(t, when) for t in ([own_type] if own_type else [kind] + ([other] if other else []))]):
                # (each type its own setting when the sentence dates each: "... after platinum in May 2017 and a
                # regular approval for first-line maintenance on 30 June 2020")
                own_setting = {**{x: v for x, v in values.items() if not x.startswith("setting")},
                               **setting(event_dates.part_of_type(text, k))} if typed else values
                reader.claim(s, "approval", drug, "approved for", ident, {**own_setting, "approval_type": k, "date": when_k,
                             "indication": indication_name(ident, name)}, "regulatory approval", "supports")
            more += [d for d in regimen[1:] if d not in partners + more and (ident in reader.facts.approved.get(
                d, {}) or new_targeted(d, reader.long_names.get(d, ""), reader.facts.approved))]
            for partner in partners + more:
                reader.claim(s, "approval", partner, "approved for", ident, {**values, "date": when, "partner_of": drug,
                             **({"approval_type": own_type} if own_type else {}),
                             "indication": indication_name(ident, name)}, "regulatory approval", "supports")
            # (drugs listed with commas, one date between them: each approved, "Lynparza, Rubraca and Zejula are approved")
            for other in [d for d in listed if d != drug and d not in partners + more and (  # (no chemotherapy)
                    ident in reader.facts.approved.get(d, {}) or new_targeted(d, written.get(d, ""), reader.facts.approved))]:
                reader.claim(s, "approval", other, "approved for", ident, {**values, "date": when,
                             "indication": indication_name(ident, name)}, "regulatory approval", "supports")
        for ident, organ in own_word(reader, drug, organ_inds).items():
            reader.claim(s, "approval", drug, "approved for", ident, {**values, "organ": organ},
                         "regulatory approval", "supports")
        for d in named_by[:1]:
            for ident, name in inds:
                reader.claim(s, "approval", drug, "approved for", ident, {**values, "date": d.iso, "approval_type": "accelerated",
                             "indication": indication_name(ident, name)}, "regulatory approval", "supports")
        if date:
            ctx.last = (i, drug, inds[0][0] if inds else None)
    told_inds = inds
    if withdrawn:
        told_inds, inds, organ_inds = withdrawal_claims.claim(
            reader, i, s, a, raw, text, ms, found, dated_approval, approved, drugs, drug, written, spans, inds, organ_inds,
            {"agency": agency, **where}, follows, organs)
    if inds or withdrawn and told_inds:  # (the diseases of a withdrawal of several drugs too)
        ctx.indication, ctx.indication_name = (inds or told_inds)[0]
        ctx.disease_of[drug] = (inds or told_inds)[0]
        ctx.indications = (drug, tuple(inds or told_inds))
    elif len(organ_inds) == 1:
        ctx.indication, ctx.indication_name = next(iter(organ_inds)), None
    ctx.organ = None if inds else ctx.organ  # (a disease named since the section's organ is what follows speaks of)
    ctx.drug = drug
    if date:
        ctx.date, ctx.kind = date, kind if approved else ctx.kind


#: a withdrawal spoken of as a thing told before ("The withdrawal of the single-agent indication does not ...")
_TOLD_AGAIN = re.compile(r"\bwithdrawals?\b|\b(?:that|this|the same) (?:\w+ )?(?:withdrawal|removal|exit|step|indication|use)\b",
                         re.I)


def without_repeats(claims: list) -> list:
    """The claims without those that refer back to one the article told with its date: a dateless
    withdrawal of a drug and indication whose withdrawal it dates ("The withdrawal of the
    single-agent indication does not affect ..."), and a dateless approval right after the dated
    one of the same drug and indication that it points back to ("This indication is approved under
    accelerated approval"), whose approval type goes to the dated one.

    >>> from kg.sources.text.claims import ExtractedClaim as C
    >>> a = C("withdrawal", "D", "approved for", "I", {"announced": "2021-03-07"}, None, None, "The withdrawal", 0, 1)
    >>> len(without_repeats([a, replace(a, values={"status": "withdrawn"})]))
    1
    >>> b = C("approval", "D", "approved for", "I", {"date": "2019-06-17"}, None, None, "", 0, 1)
    >>> [c.values for c in without_repeats([b, replace(b, values={"approval_type": "accelerated"}, sentence="This indication")])]
    [{'approval_type': 'accelerated', 'date': '2019-06-17'}]
    """
    dated = {(c.subject, c.object) for c in claims if c.kind == "withdrawal"
             and (c.values.get("announced") or c.values.get("effective"))}
    out: list = []
    for c in claims:
        if c.kind == "withdrawal" and (c.subject, c.object) in dated and not (
                c.values.get("announced") or c.values.get("effective")) and _TOLD_AGAIN.search(c.sentence):
            continue  # (a withdrawal told again as an event of its own, "Genentech pulled the TNBC indication", stays)
        before = next((k for k in range(len(out) - 1, -1, -1) if out[k].kind == "approval"), None)
        if (c.kind == "approval" and not c.values.get("date") and before is not None and ANAPHOR.search(c.sentence)
                and out[before].values.get("date") and (out[before].subject, out[before].object) == (c.subject, c.object)):
            out[before] = replace(out[before], values={**c.values, **out[before].values})
            continue
        out.append(c)
    return out
