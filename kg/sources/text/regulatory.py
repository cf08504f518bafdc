"""Approvals and withdrawals in an article: drug, indication, agency, date, approval type, and a
withdrawal's announcement and effective dates.

A sentence is read clause by clause (at ";"), with its relative clauses (", which leaves
atezolizumab's approval untouched,") blanked out: what such a clause says about another drug
is not what the sentence claims. An approval needs an approval *event* ("approved",
"granted ... approval", "cleared", "indicated for", "converted ... to regular approval"), a
withdrawal a withdrawal event ("withdrew", "pulled", "gave up", "removed", "can no longer be
promoted"). The drug is the first one not named as a partner ("with", "plus", "and" before it);
the indication is the one named, else the one spoken of before ("the US indication", "that
approval", "withdrew it", "in the same disease"). A date is the clause's own, else "the same
date" as the last one; a month without a year takes the article's year (its first date).

>>> d = parse_dates("said on 1 March 2021; effective on March 30, 2021; in May 2017; on 2018-08-20")
>>> [x[0] for x in d]
['2021-03-01', '2021-03-30', '2017-05', '2018-08-20']
"""
from __future__ import annotations

import re
from dataclasses import dataclass

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
_M = "|".join(MONTHS)
_DATE = re.compile(r"\b(?:(%s)\s+(\d{1,2}),?\s+(\d{4})|(\d{1,2})\s+(%s),?\s+(\d{4})|(\d{4})-(\d{2})-(\d{2})|(%s),?\s+(\d{4})"
                   r"|(?<=\bin )(%s)\b(?!\s+\d)|(?<=\bIn )(%s)\b(?!\s+\d))" % (_M, _M, _M, _M, _M))

APPROVAL = re.compile(r"\bapproved\b|\bgranted\b[^.;]{0,60}\bapproval\b|\bapproval\b[^.;]{0,60}\bgranted\b|"
                      r"\b(?:won|wins|received|receives|gained|gains|got)\b[^.;]{0,40}\bapproval\b|\bcleared\b|"
                      r"\bclears\b|\bauthori[sz]ed\b|\bindicated for\b|\bconverted\b[^.;]{0,60}\bapproval\b|"
                      r"\bgreen light\b|\blicensed\b|\bapprovals (?:across|in|for)\b|\bholds? (?:\w+ )?approvals?\b", re.I)
WITHDRAWAL = re.compile(r"\bwithdr[ae]w\w*|\bpulled\b|\bpulls\b|\bg[ai]ve up\b|\bgiving up\b|"
                        r"\brevok\w*|\brescind\w*|\bno longer (?:be )?(?:promoted|marketed|approved|available)\b|"
                        r"\bvoluntarily remov\w*|\bremov\w* from the (?:US |U\.S\. )?(?:label|market)|"
                        r"\bindications? (?:were |was |had been )?removed\b", re.I)
NOT_APPROVED = re.compile(r"\bnot (?:yet )?approved\b|\bno approval\b|\bno approved\b|\bnot been approved\b|"
                          r"\bno (?:systemic )?treatment had been approved\b", re.I)
#: a relative clause set off by commas: what it says is background, not the sentence's claim
RELATIVE = re.compile(r",\s+(?:which|who)\b[^,;]*+(?:,|(?=;)|$)")
#: the indication spoken of before
ANAPHOR = re.compile(r"\b(?:the|its) (?:US |U\.S\. |American )?indication\b|\bthat (?:\w+ )?(?:indication|approval|use)\b|"
                     r"\bthis (?:indication|population|use|setting)\b|\bthe same (?:disease|indication|setting)\b|"
                     r"\b(?:withdrew|withdrawn|approved|cleared|converted) it\b|\bthat (?:bladder|lung|breast|"
                     r"liver|kidney|skin) cancer indication\b", re.I)
#: a quick test for a sentence that may tell an approval or a withdrawal (both patterns need one of these)
_ANY_EVENT = re.compile(r"approv|grant|clear|authori[sz]|indicated|convert|green light|licen[sc]|withdr|pull|"
                        r"g[ai]ve up|giving up|remov|revok|rescind|no longer", re.I)
#: "it" as what was withdrawn ("it was withdrawn later")
IT = re.compile(r"^\W*it\b", re.I)
#: approvals of other uses than the one spoken of
OTHER = re.compile(r"\bother (?:cancers|indications|uses|tumou?rs|diseases)\b", re.I)
#: a heading: no end mark (a title names what the text then tells with its date)
HEADING = re.compile(r"[.!?:;)\"\u201d]\s*$")
SAME_DATE = re.compile(r"\b(?:on|at) the same (?:date|day|time)\b", re.I)
PARTNER = re.compile(r"(?:\bwith|\bplus|\band|\bor|\bversus|\bvs\.?|\bthan|\bafter|\bfrom|\bto either|\bover|"
                     r"\bcombination with|\bnot|\binclude|\bincluding)\s+(?:\w+\s+){0,1}$", re.I)
EFFECTIVE = re.compile(r"\beffective\b|\bbecame\b|\btook effect\b", re.I)


def parse_dates(text: str, year: str | None = None) -> list[tuple[str, int, int]]:
    """(ISO date, start, end) of each date in ``text``; a month alone ("In March,") takes ``year``."""
    out = []
    for m in _DATE.finditer(text):
        g = m.groups()
        if g[0]:
            iso = f"{g[2]}-{MONTHS.index(g[0]) + 1:02d}-{int(g[1]):02d}"
        elif g[3]:
            iso = f"{g[5]}-{MONTHS.index(g[4]) + 1:02d}-{int(g[3]):02d}"
        elif g[6]:
            iso = f"{g[6]}-{g[7]}-{g[8]}"
        elif g[9]:
            iso = f"{g[10]}-{MONTHS.index(g[9]) + 1:02d}"
        elif year:
            iso = f"{year}-{MONTHS.index(g[11] or g[12]) + 1:02d}"
        else:
            continue
        out.append((iso, m.start(), m.end()))
    return out


def blank_relative(text: str) -> str:
    """``text`` with its relative clauses replaced by spaces (offsets stay).

    >>> blank_relative("The move, which leaves X approved, affects Y.")
    'The move,                        , affects Y.'
    """
    def blank(m: re.Match) -> str:
        g = m.group()
        tail = "," if g.endswith(",") and len(g) > 1 else ""
        return "," + " " * (len(g) - 1 - len(tail)) + tail
    return RELATIVE.sub(blank, text)


@dataclass
class Context:
    """What earlier sentences said that a later one refers to."""

    year: str | None = None               # the article's year (its first date)
    indication: str | None = None         # the indication spoken of last in an approval context
    indication_name: str | None = None
    drug: str | None = None
    date: str | None = None


def clauses(text: str) -> list[tuple[int, int]]:
    """(start, end) of the clauses of a sentence: parts between semicolons."""
    out, start = [], 0
    for m in re.finditer(";", text):
        out.append((start, m.start()))
        start = m.end()
    out.append((start, len(text)))
    return out


def approval_type(text: str) -> str | None:
    """accelerated, conversion or regular, as the clause says."""
    if re.search(r"\bconvert\w*\b[^.;]{0,60}\b(?:regular|full|traditional)\s+approval", text, re.I):
        return "conversion"
    if re.search(r"\baccelerated approval\b", text, re.I):
        return "accelerated"
    if re.search(r"\b(?:regular|full|traditional) approval\b", text, re.I):
        return "regular"
    return None


_LINES = [(re.compile(r"\bfirst[- ]line\b|\bfirst treatment\b|\bpreviously untreated\b|\btreatment-naive\b|"
                      r"\bnot (?:been )?treated with other\b", re.I), "first"),
          (re.compile(r"\bsecond[- ]line\b|\bpreviously treated\b|\bpretreated\b|\bprogressed (?:on|during|after)\b|"
                      r"\bafter (?:platinum|prior|earlier|sorafenib|chemotherapy)\b|\bprior\b", re.I), "second"),
          (re.compile(r"\bthird[- ]line\b|\blate[- ]line\b|\bat least (?:one|two) other lines?\b", re.I), "later")]
_CONTEXTS = [(re.compile(r"\bperioperative\b|\bbefore and after\b|\bboth before\b|\bbefore-and-after\b", re.I), "perioperative"),
             (re.compile(r"\bneoadjuvant\b|\bbefore surgery\b", re.I), "neoadjuvant"),
             (re.compile(r"\badjuvant\b|\bafter surgery\b|\bcoming back after surgery\b", re.I), "adjuvant")]


def setting(text: str) -> dict[str, str]:
    """The line and context of treatment a clause gives ("first-line", "before surgery"...).

    >>> setting("approved as first-line treatment given before and after surgery")
    {'setting_line': 'first', 'setting_context': 'perioperative'}
    """
    out = {}
    line = next((name for rx, name in _LINES if rx.search(text)), None)
    context = next((name for rx, name in _CONTEXTS if rx.search(text)), None)
    if line:
        out["setting_line"] = line
    if context:
        out["setting_context"] = context
    return out


def subject_drug(text: str, drugs: list[tuple[int, str]]) -> str | None:
    """The first drug (offset in ``text``, id) not named as another's partner."""
    for start, ident in drugs:
        if not PARTNER.search(text[max(0, start - 30):start]):
            return ident
    return None


def read(reader, s, mentions, organs) -> None:
    """The approval and withdrawal claims of sentence ``s`` (its ``mentions``), given to
    ``reader.claim``; ``organs(text, drug, named)`` reads organ words as indications."""
    ctx: Context = reader.context
    if not _ANY_EVENT.search(s.text):
        return
    for a, b in clauses(s.text):
        raw = s.text[a:b]
        text = blank_relative(raw)
        approved = bool(APPROVAL.search(text)) and not NOT_APPROVED.search(text)
        withdrawn = bool(WITHDRAWAL.search(text))
        ms = [m for m in mentions if s.start + a <= m.start < s.start + b and text[m.start - s.start - a] != " "]
        inds = list(dict.fromkeys((m.id, m.text) for m in ms if m.type == "Indication"))
        inds = list({i: (i, n) for i, n in inds}.values())
        if not approved and not withdrawn or OTHER.search(text):
            continue
        if not HEADING.search(s.text) and not parse_dates(s.text):
            continue  # a title or heading: the text tells it again, with its date
        drugs = [(m.start - s.start - a, m.id) for m in ms if m.type == "Drug"]
        drug = subject_drug(text, drugs) or ctx.drug or reader.main_drug
        organ_inds = {} if inds else organs(raw, drug, [])
        if not inds and not organ_inds and ctx.indication and (ANAPHOR.search(text) or withdrawn and IT.search(text)):
            inds = [(ctx.indication, ctx.indication_name)]
        dates = parse_dates(text, ctx.year)
        if not inds and not organ_inds and approved and not withdrawn and dates:  # "granted approval on <date>"
            if ctx.indication:
                inds = [(ctx.indication, ctx.indication_name)]
            elif drugs and reader.main_indication:
                inds = [(reader.main_indication, reader.indication_names.get(reader.main_indication))]
        if not inds and not organ_inds or drug is None:
            continue
        date = dates[0][0] if dates else (ctx.date if SAME_DATE.search(text) else None)
        agency = next((m.id for m in ms if m.type == "Organization" and m.id in AGENCIES), None)
        if approved and not (withdrawn and not re.search(r"\bgranted\b|\bapproved (?:on|in)\b", text)):
            values = {"agency": agency, "date": date, "approval_type": approval_type(text),
                      "status": "withdrawn" if withdrawn else "approved", **setting(text)}
            for ident, name in inds:
                reader.claim(s, "approval", drug, "approved for", ident, {**values, "indication": _name(ident, name)},
                             "regulatory approval", "supports")
            for ident, organ in organ_inds.items():
                reader.claim(s, "approval", drug, "approved for", ident, {**values, "organ": organ},
                             "regulatory approval", "supports")
        if withdrawn:
            values = {"agency": agency}
            for iso, start, _ in dates:
                key = "effective" if EFFECTIVE.search(text[max(0, start - 30):start]) else "announced"
                values.setdefault(key, iso)
            for ident, name in inds:
                reader.claim(s, "withdrawal", drug, "approved for", ident,
                             {**values, "status": "withdrawn", "indication": _name(ident, name)}, "regulatory approval",
                             "supports")
        if inds:
            ctx.indication, ctx.indication_name = inds[0]
        ctx.drug = drug
        if date:
            ctx.date = date


def _name(ident: str, name: str | None) -> str | None:
    """An indication's name for a claim's values: only for one the graph does not hold."""
    if ident.startswith("KG:indication-"):
        from kg.sources.text.lexicon import DISEASES

        return DISEASES.get(name or "", name)
    return None


AGENCIES = {"KG:org-fda", "KG:org-ema", "KG:org-european-commission"}
