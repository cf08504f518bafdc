"""Which of the dates written in a clause is its event's (:mod:`kg.sources.text.regulatory`): an
approval's date, a withdrawal's announcement and effective dates, a date in brackets that belongs to
the indication before it, and the dates of a clause read in its whole sentence.

>>> t = "Merck said on 1 March 2021 that it would withdraw it; the withdrawal took effect on March 30"
>>> of_withdrawal(t, dates.find(t))
{'announced': '2021-03-01', 'effective': '2021-03-30'}
"""
from __future__ import annotations

import re

from kg.sources.text import dates
from kg.sources.text.regulatory_cues import ANNOUNCED, EFFECTIVE, GRANTED, GRANTED_BEFORE, PASSIVE

_WEEKDAY_BRACKET = re.compile(r"\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\s*\($")


#: a date the agency set itself to act by, not an event's ("five months before the 7 April 2026 goal date",
#: "a PDUFA date of June 2025")
_GOAL_AFTER = re.compile(r"\s*(?:\(?PDUFA\)?\s+)?(?:goal|target|action|user[- ]fee)\s+date\b", re.I)
_GOAL_BEFORE = re.compile(r"\b(?:PDUFA|goal|target|action)\s+date\s*(?:of|was|is|:|,)?\s*(?:on\s+)?$", re.I)


def in_clause(sentence: str, a: int, text: str, year: str | None, today: str | None,
              near: str | None = None, order: str | None = None, story: str | None = None) -> list[dates.Date]:
    """The dates of the clause ``text`` (at ``a`` in ``sentence``, its relative clauses blanked),
    read in the whole sentence so that a day without a year takes the year of a full date in an
    earlier clause ("announced on Aug. 27, 2021; the removal took effect on October 6 of that year").

    >>> t = "announced on Aug. 27, 2021; the removal took effect on October 6 of that year"
    >>> [d.iso for d in in_clause(t, 27, t[27:], "2016", None)]
    ['2021-10-06']
    """
    return [dates.Date(d.iso, d.start - a, d.end - a, d.story) for d in dates.find(sentence, year, today, near, order, story)
            if a <= d.start and d.end <= a + len(text) and text[d.start - a:d.end - a] == sentence[d.start:d.end]
            and not _GOAL_AFTER.match(sentence, d.end) and not _GOAL_BEFORE.search(sentence, max(0, d.start - 30), d.start)]


def of_event(found: list[dates.Date], event: int, text: str = "") -> str | None:
    """The date written nearest after the event word, else the last one before it; a date in
    brackets ("(... from 2023-11-07)": a later change told in passing) only when no other is written.

    >>> t = "On 2021-05-05 the FDA approved it (HER2-positive (CPS >= 1 from 2023-11-07))"
    >>> of_event(dates.find(t), t.index("approved"), t)
    '2021-05-05'
    """
    outside = [d for d in found if text[:d.start].count("(") <= text[:d.start].count(")")
               or _WEEKDAY_BRACKET.search(text, 0, d.start)]  # "on Thursday (April 11)": the day itself
    found = outside or found
    after = [d for d in found if d.start >= event]
    before = [d for d in found if d.start < event]
    if after:
        return after[0].iso
    return before[-1].iso if before else None


def in_brackets(text: str, ms, offset: int, year: str | None, today: str | None) -> dict[str, str]:
    """Indication -> the date in brackets right after it ("approvals in basal cell carcinoma
    (February 2021) and in lung cancer": February 2021 is the first one's only)."""
    out = {}
    for m in ms:
        if m.type == "Indication":
            b = re.match(r"\s*\(([^()]{3,40})\)", text[m.end - offset:])
            found = dates.find(b.group(1), year, today) if b else []
            if found:
                out[m.id] = found[0].iso
    return out


def of_each_drug(text: str, ms, offset: int, found: list[dates.Date]) -> dict[str, str]:
    """Drug -> the date written right after it in ``text`` (whose mentions are at ``offset``), when
    each of two or more drugs has its own ("Nivolumab (2 February 2017), durvalumab (1 May 2017) and
    avelumab (9 May 2017) followed"; "converted: nivolumab's on 19 August 2021 and avelumab's on 30
    June 2020"; "A and B ... in October and November 2022, respectively": the last drugs named before
    the dates, in order); else nothing.

    >>> from kg.sources.text.entities import Mention
    >>> t = "A (2 February 2017), B's on 1 May 2017 and C followed"
    >>> ms = [Mention("Drug", "A", "A", 0, 1), Mention("Drug", "B", "B", 21, 22), Mention("Drug", "C", "C", 43, 44)]
    >>> of_each_drug(t, ms, 0, dates.find(t))
    {'A': '2017-02-02', 'B': '2017-05-01'}
    >>> t = "A and B were approved in October and November 2022, respectively"
    >>> of_each_drug(t, [Mention("Drug", "A", "A", 0, 1), Mention("Drug", "B", "B", 6, 7)], 0, dates.find(t))
    {'A': '2022-10', 'B': '2022-11'}
    """
    out: dict[str, str] = {}
    if not respectively(text, ms, offset, found, "Indication"):  # (the dates are the diseases' when they are as many)
        out = respectively(text, ms, offset, found, "Drug")
        if out:
            return out
    drugs = [m for m in ms if m.type == "Drug"]
    for k, m in enumerate(drugs):
        at = m.end - offset
        if m.id in out or at < 0:
            continue
        d = next((d for d in found if at <= d.start <= at + 8), None)
        if d is not None and _OWN_DATE.fullmatch(text[at:d.start]):
            out[m.id] = d.iso
            continue
        # "Opdivo in SCLC (December 2020) and Keytruda in SCLC (March 2021)": after its disease, before the next drug
        end = drugs[k + 1].start - offset if k + 1 < len(drugs) else len(text)
        d = next((d for d in found if at <= d.start <= min(at + 70, end)), None)
        if d is not None and _OWN_DATE_AFTER.fullmatch(text[at:d.start]):
            out[m.id] = d.iso
    return out if len(out) >= 2 and len(set(out.values())) == len(out) else {}


def disease_of_each(text: str, ms, offset: int, drugs) -> dict[str, list[str]]:
    """Drug -> the diseases named after it and before the next drug, for each of ``drugs`` that has one
    ("Opdivo in SCLC (December 2020) and Imfinzi in bladder cancer (February 2021)").

    >>> from kg.sources.text.entities import Mention
    >>> t = "A in X (2020) and B in Y (2021)"
    >>> ms = [Mention("Drug", "A", "A", 0, 1), Mention("Indication", "X", "X", 5, 6),
    ...       Mention("Drug", "B", "B", 18, 19), Mention("Indication", "Y", "Y", 23, 24)]
    >>> disease_of_each(t, ms, 0, {"A", "B"})
    {'A': ['X'], 'B': ['Y']}
    """
    out: dict[str, list[str]] = {}
    current = None
    for m in ms:
        if m.type == "Drug":
            current = m.id if m.id in drugs else None
        elif m.type == "Indication" and current is not None and m.id not in out.setdefault(current, []):
            out[current].append(m.id)
    return {d: i for d, i in out.items() if i}


_RESPECTIVELY = re.compile(r"\brespectively\b", re.I)


def respectively(text: str, ms, offset: int, found: list[dates.Date], kind: str) -> dict[str, str]:
    """Id -> date for "A and B ... in October and November 2022, respectively": the last names of
    ``kind`` (as many as the dates, two or more) before the first date, in order; else nothing.

    >>> from kg.sources.text.entities import Mention
    >>> t = "approved for HCC and NSCLC in October and November 2022, respectively"
    >>> ms = [Mention("Indication", "hcc", "HCC", 13, 16), Mention("Indication", "nsclc", "NSCLC", 21, 26)]
    >>> respectively(t, ms, 0, dates.find(t), "Indication"), respectively(t, ms, 0, dates.find(t), "Drug")
    ({'hcc': '2022-10', 'nsclc': '2022-11'}, {})
    """
    if len(found) < 2 or not _RESPECTIVELY.search(text):
        return {}
    before = list(dict.fromkeys(m.id for m in ms if m.type == kind and 0 <= m.end - offset <= found[0].start))
    return dict(zip(before[-len(found):], (d.iso for d in found))) if len(before) >= len(found) else {}
#: what stands between a drug and its own date: a bracket, "'s on", ", on"
_OWN_DATE = re.compile(r"\s*(?:\(|['\u2019]s\s+(?:on|in)\s+|,?\s+on\s+|,\s+)?")
_OWN_DATE_AFTER = re.compile(r"\s+(?:in|for)\s+[^();,\d]{1,60}?\s*\(")


def of_each_type(text: str, found: list[dates.Date]) -> dict[str, str]:
    """Approval type -> the first date written after it (within 120 characters, before the next type),
    when an accelerated and a regular (full) approval are each dated; a full approval later than the
    accelerated one is its conversion, unless it is told for a use of its own ("a regular approval for
    first-line maintenance on 30 June 2020"); else nothing.

    >>> t = "received full approval on August 20, 2018, after accelerated approval on May 10, 2017"
    >>> of_each_type(t, dates.find(t))
    {'conversion': '2018-08-20', 'accelerated': '2017-05-10'}
    >>> t = "accelerated approval for platinum-pretreated urothelial carcinoma in May 2017 and a regular approval for maintenance on 30 June 2020"
    >>> of_each_type(t, dates.find(t))
    {'accelerated': '2017-05', 'regular': '2020-06-30'}
    """
    out: dict[str, str] = {}
    typed = list(_TYPED.finditer(text))
    new_use = False  # a regular approval for a use of its own ("a regular approval for first-line maintenance on ...")
    for k, m in enumerate(typed):
        stop = min(m.end() + 120, typed[k + 1].start() if k + 1 < len(typed) else len(text))
        d = next((d for d in found if m.end() <= d.start <= stop), None)
        kind = "accelerated" if m.group(1).lower() == "accelerated" else "regular"
        if d is not None and kind not in out:
            out[kind] = d.iso
            new_use = new_use or kind == "regular" and bool(re.match(r"\s+for\b", text[m.end():d.start]))
    if len(out) != 2 or out["accelerated"] == out["regular"]:
        return {}
    later = "conversion" if out["regular"] > out["accelerated"] and not new_use else "regular"
    return {(later if k == "regular" else k): v for k, v in out.items()}


_TYPED = re.compile(r"\b(accelerated|regular|full|traditional|standard)\s+approval\b", re.I)


def part_of_type(text: str, kind: str) -> str:
    """The part of ``text`` that tells the approval of ``kind`` (from its word to the next type's), to read
    that approval's setting from; the whole text when it names no such type.

    >>> part_of_type("accelerated approval after platinum in 2017 and a regular approval for first-line use", "regular")
    'regular approval for first-line use'
    """
    typed, want = list(_TYPED.finditer(text)), "accelerated" if kind == "accelerated" else "regular"  # (or its conversion)
    for k, m in enumerate(typed):
        if ("accelerated" if m.group(1).lower() == "accelerated" else "regular") == want:
            return text[m.start():typed[k + 1].start() if k + 1 < len(typed) else len(text)]
    return text


def each_after(ms, offset: int, found: list[dates.Date]) -> dict[str, str]:
    """Indication -> the one date written after it and before the next indication, when each of two
    or more indications has its own ("approval in renal cell carcinoma on April 16, 2018 and, more
    recently, in hepatocellular carcinoma on April 8, 2025"); else nothing.

    >>> from kg.sources.text.entities import Mention
    >>> t = "in A on April 16, 2018 and in B on April 8, 2025"
    >>> ms = [Mention("Indication", "A", "A", 3, 4), Mention("Indication", "B", "B", 30, 31)]
    >>> each_after(ms, 0, dates.find(t))
    {'A': '2018-04-16', 'B': '2025-04-08'}
    """
    inds = sorted((m for m in ms if m.type == "Indication"), key=lambda m: m.start)
    if len({m.id for m in inds}) < 2:
        return {}
    out: dict[str, str] = {}
    for k, m in enumerate(inds):
        end = inds[k + 1].start - offset if k + 1 < len(inds) else 10 ** 9
        own = [d for d in found if m.end - offset <= d.start < end]
        if len(own) != 1 or m.id in out:
            return {}
        out[m.id] = own[0].iso
    return out if len(set(out.values())) == len(out) else {}


def of_withdrawal(text: str, found: list[dates.Date]) -> dict[str, str]:
    """{"announced": ..., "effective": ...}: each date by the words before it; of two dates of
    one kind, the more precise one of the same year or month wins ("in 2021 ... on 7 March 2021");
    the agency's list that "records the same date" makes the announced day the effective one too.

    >>> t = "The panel voted against it in late April 2021, and the company pulled it that July."
    >>> of_withdrawal(t, dates.find(t))
    {'announced': '2021-07'}
    >>> t = "The FDA withdrew the approval in November 2011; on 18 November 2011 Commissioner Jane Roe revoked it."
    >>> of_withdrawal(t, dates.find(t))
    {'effective': '2011-11-18'}
    >>> t = "On July 23, 2021, BMS said it was withdrawing it, and the FDA's list records the same date."
    >>> of_withdrawal(t, dates.find(t))
    {'announced': '2021-07-23', 'effective': '2021-07-23'}
    """
    out: dict[str, str] = {}
    # (a passive the company did, "is voluntarily withdrawn", is its announcement; "was withdrawn" the effect)
    by_company = bool(_BY_COMPANY.search(text))  # ("was withdrawn by Bristol Myers Squibb on ...": the company's act)
    passive = bool(PASSIVE.search(text)) and not ANNOUNCED.search(text) and not _VOLUNTARY.search(text) and not by_company
    last = 0
    for d in found:
        before = text[max(last, d.start - 90):d.start]
        effect = max((m.end() for m in EFFECTIVE.finditer(before)), default=-1)
        said = max((m.end() for m in ANNOUNCED.finditer(before)), default=-1)
        gone = max((m.end() for m in _GONE_WORD.finditer(before)), default=-1)
        # (the noun "approval" is the approval's own word only where no withdrawal word comes before it: not in
        # "withdrew the approval ... in March 2021")
        granted = max((m.end() for m in (GRANTED if gone >= 0 else GRANTED_BEFORE).finditer(before)), default=-1)
        if granted >= 0 and "," in before[granted:]:
            granted = -1  # ("the approval, granted with X on the basis of Y, in August 2021": the apposition has ended)
        vote = max((m.end() for m in _VOTE.finditer(before)), default=-1)
        if granted > max(effect, said, gone) or vote > max(effect, said, gone):
            last = d.end
            continue  # "..., granted in May 2017, was withdrawn in 2021": the approval's date; a panel's vote's
        # the word nearest before the date says which it is; with neither, a passive ("announced on 7 March
        # that it would withdraw it, and it was removed from the label on 13 April") or a word of effect just
        # after it ("gives April 30, 2021 as the date the indication came off the label") tells the effect
        # (the agency's own act is its effect: "the FDA withdrew ... in November 2011", "on 18 November 2011
        # Commissioner X revoked ...")
        agency = max((m.end() for m in _AGENCY_DID.finditer(before)), default=-1)
        key = ("effective" if effect > said or agency > said or effect == said == -1 and (
            passive or PASSIVE.search(before) and not by_company or _EFFECT_AFTER.match(text, d.end)
            or _AGENCY_AFTER.match(text, d.end)) else "announced")
        old = out.get(key)
        if old is None or d.iso.startswith(old) and len(d.iso) > len(old):
            out[key] = d.iso
        last = d.end
    if _SAME_DAY_LISTED.search(text) and "announced" in out:
        out["effective"] = out["announced"]
    return out


#: an advisory panel's vote or meeting before a date: not the withdrawal's ("the committee voted against keeping the
#: indication in late April 2021, and the company pulled it that July")
_VOTE = re.compile(r"\bvot(?:ed|e|es|ing)\b|\b(?:advisory committee|ODAC|panel)\b[^.;,]{0,40}\b(?:met|meeting|review\w*|discuss\w*)\b",
                   re.I)
#: a withdrawal's own words before a date ("Genentech withdrew the approval in March 2021")
_GONE_WORD = re.compile(r"\bwithdr\w*|\bremov\w*|\bpull\w*|\bgave (?:it |them )?up\b|\bdropp\w*|\brevok\w*|\bretract\w*|\bdelist\w*|"
                        r"\brescind\w*", re.I)
#: the agency as the subject of a withdrawal's verb, before a date or right after it
_AGENCY = r"(?:the\s+)?(?:U\.?S\.?\s+)?(?:FDA|[Aa]gency|Commissioner(?:\s+[A-Z][\w.]*){0,2})"
_AGENCY_VERB = r"(?:formally\s+|finally\s+|then\s+)?(?:withdr[ae]w|revoked|rescinded|removed|pulled|delisted)\b"
_AGENCY_DID = re.compile(r"\b%s\s+%s" % (_AGENCY, _AGENCY_VERB))
_AGENCY_AFTER = re.compile(r"\s*,?\s*%s\s+%s" % (_AGENCY, _AGENCY_VERB))
_BY_COMPANY = re.compile(r"\b(?:withdrawn|removed|pulled|dropped|given up)\s+by\s+(?!the\s+(?:FDA|agency|US|U\.S\.)|FDA\b)[A-Z]")
_VOLUNTARY = re.compile(r"\bvoluntar(?:y|ily)\b", re.I)
#: the agency's list that gives the day the company told ("the FDA's list ... records the same date")
_SAME_DAY_LISTED = re.compile(r"\blist\b[^.;]{0,60}\b(?:records|gives|shows|lists|has) the same (?:date|day)\b", re.I)
#: a date told as the day of a withdrawal's effect by the words after it
_EFFECT_AFTER = re.compile(r"\s*,?\s+as the (?:date|day)\b[^.;]{0,50}?\b(?:came off|(?:was )?removed|took effect|ended|"
                           r"became (?:effective|official))\b", re.I)
