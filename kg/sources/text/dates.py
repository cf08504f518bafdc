"""Dates as articles write them -> ISO dates at the precision the text gives (day, month or year).

Forms read: "June 17, 2019", "17 June 2019", "Feb. 22, 2021", "18 Mar 2022", "March 7th, 2021",
"the 27th of October 2023", "Friday 13 December 2024" (a weekday is left out), "2025-03-04",
"06/2025" (month/year), "04/17/2017", "5/28/21", "21-Oct-2022" and "29/12/2020" (a number over 12 tells the day; "04/05/2017" is
not read, as it is a date in April in one country and in May in another, unless the document's other dates
tell its order or it speaks of the FDA and of no other regulator: then the month comes first), "2020/12/29", "December 9-13, 2024" (a range: its last day), "March 2021", "in March" and "(July 1)" (a month, or a month and day,
without a year take the year the reader gives: the article's own, or in a dated report the year
that puts them nearest its date; after a full date in the same text, the year nearest that date), a year after a time
preposition or before an approval word ("in 2021", "in mid-2020", "since 2017", "the 2017
accelerated approval"), "today" (the article's date, when the reader gives it) and "on
Monday" in a dated report (that weekday in the week up to the article's date). A number
that is no year (a count of patients, "2017 patients") is not read as one.

>>> [d.iso for d in find("On the 27th of October 2023; Feb. 22, 2021; 18 Mar 2022; in mid-2020; (July 1)", year="2021")]
['2023-10-27', '2021-02-22', '2022-03-18', '2020', '2022-07-01']
>>> [d.iso for d in find("on 12/29/2020, on 29/12/2020, on 2020/12/29, on 04/05/2017, 06/2025")]
['2020-12-29', '2020-12-29', '2020-12-29', '2025-06']
>>> [d.iso for d in find("IO WEEK IN REVIEW | December 9-13, 2024")]  # a range of days: its last
['2024-12-13']
>>> [d.iso for d in find("in February and March 2021; on 3 and 17 May 2022", year="2026")]  # the year they share
['2021-02', '2021-03', '2022-05-03', '2022-05-17']
>>> [d.iso for d in find("approved back in October of 2022")]
['2022-10']
>>> [d.iso for d in find("pulled in early October last year; approved this year; the last year of follow-up", year="2024")]
['2023-10', '2024']
>>> [d.iso for d in find("full approval in Q1 2021 (March); AA in Q4 2018; Q2 2022 (May) data")]
['2021-03', '2018', '2022-05']
>>> [d.iso for d in find("said earlier this month; last month", today="2023-01-20")], find("this month")
(['2023-01', '2022-12'], [])
>>> [d.iso for d in find("announced last August; approved last May", year="2022", today="2022-07-01")]
['2021-08', '2022-05']
>>> [d.iso for d in find("On the last Friday of August 2021, Genentech said", today="2020-12-30")]
['2021-08-27']
>>> [d.iso for d in find("On Thursday, July 1, Merck withdrew it", year="2020")]  # July 1 was a Thursday in 2021
['2021-07-01']
"""
from __future__ import annotations

import re
from dataclasses import dataclass

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
#: month names and their usual abbreviations ("Sept.", "Feb", "Mar.") -> month number
_MONTH_NUMBER = {m.lower(): i + 1 for i, m in enumerate(MONTHS)}
_MONTH_NUMBER.update({m[:3].lower(): i + 1 for i, m in enumerate(MONTHS)})
_MONTH_NUMBER["sept"] = 9
#: (and in capitals, as a script or a headline writes them: "JUNE 12, 2025")
_MON = r"(?:%s|%s|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|JAN|FEB|MAR|APR|JUN|JUL|AUG|SEP|SEPT|OCT|NOV|DEC)\.?)" % (
    "|".join(MONTHS), "|".join(m.upper() for m in MONTHS))
_DAY = r"([0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"((?:19|20)\d\d)"
_WEEKDAY = r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
#: a date of numbers alone, its day and month told apart only by a number over 12 (or the document's order)
_NUM_DATE = r"(?<![\d/.])([0-3]?\d)/([0-3]?\d)/%s\b(?!/)" % _YEAR
_PATTERNS = [
    # "the last Friday of August 2021", "the first Monday in March 2020"
    ("nwd", r"(first|second|third|fourth|last)\s+(Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\s+(?:of|in)\s+(%s),?\s+%s\b"
     % (_MON, _YEAR)),
    ("mdr", r"(%s)\s+%s\s*[-\u2013]\s*%s,?\s+%s\b" % (_MON, _DAY, _DAY, _YEAR)),  # December 9-13, 2024: its last day
    ("mdy", _WEEKDAY + r"(%s)\s+%s,?\s+%s\b" % (_MON, _DAY, _YEAR)),           # June 17, 2019
    ("dmy", _WEEKDAY + r"(?:the\s+)?%s\s+(?:of\s+)?(%s),?\s+%s\b" % (_DAY, _MON, _YEAR)),  # 17 June 2019, the 27th of October 2023
    ("iso", r"%s-([01]\d)-([0-3]\d)\b" % _YEAR),                               # 2019-06-17
    ("my", r"(%s),?\s+(?:of\s+)?%s\b" % (_MON, _YEAR)),                        # June 2019, October of 2022
    ("my2", r"(%s),?\s+(?:of\s+)?['\u2019]([0-3]\d)\b" % _MON),                    # November of '22
    # a month or a year told from the article's own year ("in early October last year", "last year", "this year";
    # not "the last year of follow-up")
    ("rel", r"(?:(%s)\s+(?:of\s+)?)?(?<!\bthe )(?<!\bThe )(?<!\bits )(last|this) year\b(?!\s+of\b)" % _MON),
    # a quarter: its year, or the month written after it in brackets ("in Q1 2021 (March)")
    ("qm", r"Q[1-4]\s+%s\s*\((%s)\)" % (_YEAR, _MON)),
    ("q", r"(?<=\b(?:in|by) )Q[1-4]\s+%s\b" % _YEAR),
    ("num", _NUM_DATE),                                                        # 04/17/2017, 29/12/2020
    ("num2", r"(?<![\d/.])([0-3]?\d)/([0-3]?\d)/([0-3]\d)\b(?![/.]?\d)"),       # 5/28/21 (a year 2000-2039)
    ("dmy2", r"%s[-\u2013 ](%s)[-\u2013 ]%s\b" % (_DAY, _MON, _YEAR)),            # 21-Oct-2022
    ("ymd", r"%s/([01]?\d)/([0-3]?\d)\b(?!/)" % _YEAR),                            # 2020/12/29
    ("nmy", r"(?<![\d/])([01]?\d)/%s\b" % _YEAR),                              # 06/2025
    # the first of two months or days that share the year written after the second: "February and March 2021",
    # "3 and 17 March 2021"
    ("mmy", r"(%s)(?=,?\s+(?:and|or|to|through)\s+%s,?\s+%s\b|\s*[-\u2013]\s*%s,?\s+%s\b)" % (_MON, _MON, _YEAR, _MON, _YEAR)),
    ("ddmy", r"%s(?=\s+(?:and|or|to)\s+[0-3]?\d(?:st|nd|rd|th)?\s+(%s),?\s+%s\b)" % (_DAY, _MON, _YEAR)),
    ("md", r"(?:((?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day),?\s+)?(%s)\s+%s\b(?!,?\s*(?:19|20)\d\d)(?![\d.,]\d)"
     % (_MON, _DAY)),  # (July 1), on Feb. 22, on Thursday, July 1 (the weekday picks the year)
    ("dm", r"(?:the\s+)?%s\s+(?:of\s+)?(%s)\b(?!,?\s*(?:19|20)\d\d)" % (_DAY, _MON)),     # 1 July
    # in March; "May: ..."; "this past February", "at the end of June", "in mid-January" (not "that July" nor "the
    # following May": their year is the story's, which a month alone cannot tell)
    ("m", r"(?:(?<=\bin )|(?<=\bIn )|(?<=\bthis past )|(?<=\b[Ll]ast )|(?<=\bthe end of )|(?<=\bthe start of )|"
          r"(?<=\bthe close of )|(?<=\bin early )|(?<=\bin late )|(?<=\bin mid-)|(?<=\bin mid ))"
          r"(%s)\b(?!\s+\d)|(?<![^\n*>\s-])(%s)(?=:\s)" % (_MON, _MON)),
    ("y", r"(?:(?<=\b(?:in|In|by|By) )|(?<=\bsince )|(?<=\bduring )|(?<=\buntil )|(?<=\bthe end of )|(?<=\bthe start of )|"
          r"(?<=\bthe close of ))"
          r"(?:(?:early|mid|late)[\s-]+)?%s\b(?![\d,.]\d|\s+(?:patients|people|participants|subjects|mg|ml|cases|sites))"
     % _YEAR),                                                                 # in 2021, in mid-2020
    ("ya", r"(?:(?<=\b[Ii]ts )|(?<=\b[Tt]he )|(?<=\b[Tt]heir )|(?<=\b[Ww]hose )|(?<=\b[Aa] ))%s(?=\s+(?:\w+\s+){0,2}"
           r"(?:approval|withdrawal|decision|clearance|authori[sz]ation|label)s?\b)" % _YEAR),  # the 2017 accelerated approval
    ("today", r"\btoday\b"),
    # a month told from the article's date ("earlier this month", "last month")
    ("relm", r"(?:(?<=\b[Tt]his )|(?<=\b[Ll]ast )|(?<=\b[Nn]ext ))month\b"),
    # a month or a year told from the story's last date ("the company pulled it that July", "gave up its first-line
    # indication the following year", "a year later"): from the last date written before it in the text, else ``story``
    ("story", r"(?<!\bof that )(?:(?<=\b[Tt]hat )|(?<=\b[Ll]ater that )|(?<=\b[Tt]he same )|(?<=\b[Tt]he following )|(?<=\b[Tt]he next )|"
              r"(?<=\b[Tt]he previous )|(?<=\b[Tt]he prior ))(%s|year|month)\b(?!['\u2019]s|\s+(?:of|\d))|"
              r"\b[Aa] (year) (later|earlier)\b" % _MON),

    # "on Monday" in a dated news report: that weekday, the article's day or the last before it
    ("wd", r"(?:(?<=\b[Oo]n )|(?<=\b[Ll]ast ))(Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b"
           r"(?!\s*\(|,?\s+(?:the\s+)?\d|,?\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec))"),
]
_DATE = re.compile("|".join(f"(?P<{name}>(?<!\\w){rx})" for name, rx in _PATTERNS))
#: where a date can start: a weekday, "the" before a day, a number, a month's name, "today"
_ANCHOR = re.compile(r"(?<!\w)(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|the\s+\d|\d|(?:early|mid|late)[\s-]+\d|"
                     r"(?:first|second|third|fourth|last)\s+(?=\w+day\b)|"
                     r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)|(?:JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)|today\b|"
                     r"(?:last|this) year\b|(?:year|month)\b|[Aa] year (?:later|earlier)\b|Q[1-4]\s)")


@dataclass(frozen=True)
class Date:
    """A date in a text: ISO at the precision written (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``)."""

    iso: str
    start: int
    end: int
    story: bool = False  # told from the story's date ("the following March"): the reader's inference


def _month(name: str) -> int:
    return _MONTH_NUMBER[name.rstrip(".").lower()]


def _iso(y: str, m: int | None = None, d: str | int | None = None) -> str | None:
    """An ISO date, or None for one no calendar has ("30 February 2021")."""
    import datetime as dt

    if m is not None and not 1 <= m <= 12:
        return None
    if d is not None:
        try:
            dt.date(int(y), m or 1, int(d))
        except ValueError:
            return None
    return y + (f"-{m:02d}" if m else "") + (f"-{int(d):02d}" if d is not None else "")


def _nearest(year: str, month: int, day: str | None, today: str | None, past: bool = False) -> str | None:
    """A month (and day) without a year in a dated report: in the year that puts it nearest the
    report's date ("Dec. 19" in a report of 23 February 2021 is 19 December 2020); the given year
    in an undated text."""
    if not (today and len(today) == 10 and today[:4] == year):
        return _iso(year, month, day)
    import datetime as dt

    ref = dt.date.fromisoformat(today)
    best = None
    for y in (int(year) - 1, int(year), int(year) + 1):
        iso = _iso(str(y), month, day)
        if iso is None:
            continue
        mid = dt.date(y, month, int(day) if day is not None else 15)
        # (a report tells what has happened, or what takes effect within weeks: not more than 45 days after its date)
        key = (past and (mid - ref).days > 45, abs((mid - ref).days))
        if best is None or key < best[0]:
            best = (key, iso)
    return best[1] if best else None


def find(text: str, year: str | None = None, today: str | None = None, near: str | None = None,
         order: str | None = None, story: str | None = None) -> list[Date]:
    """Every date in ``text`` in order; a month or a day and month without a year take ``year``
    (left out without one), "today" is ``today`` (left out without one); a day given with its
    weekday ("Thursday, April 11") takes the year nearest ``near`` (else ``year``) where it falls
    on that weekday. A numeric date that could be either way ("02/09/2021") is read in ``order``
    ("mdy" or "dmy": the one the document's other numeric dates show, see :func:`numeric_order`).
    A month or a year told from the story ("that July", "the following year", "a year later") is
    read from the last date before it in ``text``, else from ``story`` (the date the text told last).

    >>> [d.iso for d in find("approved on 2019-06-17 and Friday 13 December 2024; 2017 patients")]
    ['2019-06-17', '2024-12-13']
    >>> [d.iso for d in find("granted in December 2023, announced today", today="2024-08-01")]
    ['2023-12', '2024-08-01']
    """
    out: list[Date] = []
    after = 0
    for anchor in _ANCHOR.finditer(text):  # the pattern is tried only where a date can start
        if anchor.start() < after:
            continue
        m = _DATE.match(text, anchor.start())
        if m is None:
            continue
        after = m.end()
        kind = m.lastgroup
        g = [x for x in m.groups()[m.re.groupindex[kind]:] if x is not None]
        # a day without a year after a full date in the same text is near that date ("withdrawn on
        # 19 February 2021 and announced on 22 February"), not near the article's
        full = next((d.iso for d in reversed(out) if len(d.iso) == 10), None) if kind in ("md", "dm", "m") else None
        try:
            if kind == "story":
                iso = _from_story(text[max(0, m.start() - 14):m.end()], g, out[-1].iso if out else story)
            elif kind == "relm":  # (only in a dated article)
                step = {"this": 0, "last": -1, "next": 1}[text[max(0, m.start() - 5):m.start()].strip().lower()]
                iso = _months_after(int(today[:4]), int(today[5:7]), step) if today and len(today) >= 7 else None
            else:
                iso = _read(kind, g, full[:4] if full else year, full or today, None if full else near, past=full is None,
                            order=order)
        except (KeyError, ValueError):
            iso = None
        if iso and kind == "m" and today and iso[:7] >= today[:7] and text[max(0, m.start() - 5):m.start()].lower() == "last ":
            iso = str(int(iso[:4]) - 1) + iso[4:]  # "last August" in a report of July: the August before it
        if iso:
            if kind == "story" and _DATE.match(text, m.end() + 2 if text[m.end():m.end() + 2] == " (" else len(text)):
                continue  # "the following March (March 27, 2020)": the date written out says which
            out.append(Date(iso, m.start(), m.end(), kind == "story"))
    return out


def _months_after(year: int, month: int, step: int) -> str:
    """The month ``step`` months after ``year``-``month``.

    >>> _months_after(2023, 1, -1), _months_after(2021, 12, 1)
    ('2022-12', '2022-01')
    """
    k = year * 12 + month - 1 + step
    return f"{k // 12}-{k % 12 + 1:02d}"


def _from_story(said: str, g: list[str], ref: str | None) -> str | None:
    """A date told from the story's date ``ref``: "that July" (its year), "the following May" (the
    next May after it), "the following year" / "a year later" (the next year), "that month" (its month).

    >>> [_from_story(w, [w.split()[-1]], "2021-04") for w in ("that July", "the following March", "that month")]
    ['2021-07', '2022-03', '2021-04']
    >>> [d.iso for d in find("voted in late April 2021, and the company pulled it that July; gave up its other use the following year")]
    ['2021-04', '2021-07', '2022']
    >>> [d.iso for d in find("A year later, it was withdrawn.", story="2019-06-17")], find("that year's data; the following year")
    (['2020'], [])
    >>> [d.iso for d in find("approved in June 2019 and then withdrawn. Later that July", story="2019-06-17")]
    ['2019-06', '2019-07']
    >>> [d.iso for d in find("approved the following March (March 27, 2020)", story="2018-05")]
    ['2020-03-27']
    >>> [d.iso for d in find("ended by the same March notice", story="2024-03-26")], find("the same March notice", story="2022-05")
    (['2024-03'], [])
    >>> [d.iso for d in find("in 2020. The next. That July")]
    ['2020', '2020-07']
    """
    if not ref:
        return None
    low = " ".join(said.lower().split())
    word = re.search(r"(?:\b(following|next|previous|prior)\s+\w+|\b(later|earlier))$", low)
    step = 0 if word is None else 1 if (word.group(1) or word.group(2)) in ("following", "next", "later") else -1
    y, m = int(ref[:4]), int(ref[5:7]) if len(ref) >= 7 else None
    word = g[0].lower()
    if word == "year":
        return str(y + step)
    if word == "month":
        return None if m is None else _months_after(y, m, step)
    month = _month(g[0])
    if step == 0 and re.search(r"\bsame \w+$", low) and m != month:
        return None  # "the same March notice": the story's own month only, or none
    if step == 0:
        return _iso(str(y), month)
    if m is None:  # ("the following May" after a year alone: the next year's)
        return _iso(str(y + step), month)
    if step > 0:
        return _iso(str(y if month > m else y + 1), month)
    return _iso(str(y if month < m else y - 1), month)


def _weekday(iso: str) -> int:
    import datetime as dt

    return dt.date.fromisoformat(iso).weekday()


def _nth_weekday(nth: str, weekday: int, month: int, year: int) -> str:
    """"the last Friday of August 2021" -> '2021-08-27'."""
    import calendar
    import datetime as dt

    days = [d for d in range(1, calendar.monthrange(year, month)[1] + 1) if dt.date(year, month, d).weekday() == weekday]
    day = days[-1] if nth == "last" else days[("first", "second", "third", "fourth").index(nth)]
    return dt.date(year, month, day).isoformat()


def _read(kind: str, g: list[str], year: str | None, today: str | None, near: str | None = None,
          past: bool = False, order: str | None = None) -> str | None:
    if kind == "mdy":
        return _iso(g[2], _month(g[0]), g[1])
    if kind == "nwd":
        return _nth_weekday(g[0].lower(), _WEEKDAYS.index(g[1]), _month(g[2]), int(g[3]))
    if kind == "mdr":
        return _iso(g[3], _month(g[0]), g[2])
    if kind == "dmy":
        return _iso(g[2], _month(g[1]), g[0])
    if kind == "iso":
        return _iso(g[0], int(g[1]), g[2])
    if kind == "my":
        return _iso(g[1], _month(g[0]))
    if kind == "qm":
        return _iso(g[0], _month(g[1]))
    if kind == "q":
        return g[0]
    if kind == "my2":
        return _iso("20" + g[1], _month(g[0]))
    if kind == "dmy2":
        return _iso(g[2], _month(g[1]), g[0])
    if kind in ("num", "num2"):  # month and day told apart by a number over 12 ("04/17/2017", "29/12/2020"); else not read
        if kind == "num2":
            g = [g[0], g[1], "20" + g[2]]
        a, b = int(g[0]), int(g[1])
        if a > 12 >= b or a == b:
            return _iso(g[2], b, a)
        if b > 12 >= a or order == "mdy":
            return _iso(g[2], a, b)
        return _iso(g[2], b, a) if order == "dmy" else None
    if kind == "ymd":
        return _iso(g[0], int(g[1]), g[2])
    if kind == "nmy":
        return _iso(g[1], int(g[0]))
    if kind == "mmy":  # (the year is the one of the two alternatives that matched)
        return _iso(g[-1], _month(g[0]))
    if kind == "ddmy":
        return _iso(g[2], _month(g[1]), g[0])
    if kind == "md" and g[0].endswith("day"):  # "Thursday, July 1": the year near ``year`` whose July 1 is a Thursday
        weekday = _WEEKDAYS.index(g[0][:-3])
        ref = near or year  # (a year the text spoke of last, in a timeline; else the article's)
        if ref:
            for y in sorted(range(int(ref) - 6, int(ref) + 7), key=lambda y: (abs(y - int(ref)), -y)):
                iso = _iso(str(y), _month(g[1]), g[2])
                if iso and _weekday(iso) == weekday:
                    return iso
        g = g[1:]
    if kind in ("md", "dm", "m"):
        month, day = (_month(g[0]), g[1]) if kind == "md" else (_month(g[1]), g[0]) if kind == "dm" else (_month(g[0]), None)
        return _nearest(year, month, day, today, past) if year else None
    if kind in ("y", "ya"):
        return g[-1]
    if kind == "today":
        return today
    if kind == "rel":  # (only in a dated article: its year tells which)
        y = str(int(year) - (g[-1] == "last")) if year else None
        return _iso(y, _month(g[0])) if y and len(g) == 2 else y
    if kind == "wd" and today and len(today) == 10:
        import datetime as dt

        day = dt.date.fromisoformat(today)
        back = (day.weekday() - _WEEKDAYS.index(g[0])) % 7
        return (day - dt.timedelta(days=back)).isoformat()
    return None


_WEEKDAYS = ("Mon", "Tues", "Wednes", "Thurs", "Fri", "Satur", "Sun")




def numeric_order(text: str) -> str | None:
    """How a document writes its numeric dates, when those that tell (a number over 12) all agree:
    "mdy" (03/22/2023) or "dmy" (22/03/2023); else None.

    >>> numeric_order("granted 02/09/2021; converted 03/22/2023"), numeric_order("22/03/2023 and 03/22/2023")
    ('mdy', None)
    >>> numeric_order("FDA: AA 8/10/22"), numeric_order("FDA and EMA: 8/10/22"), numeric_order("AA 8/10/22")
    ('mdy', None, None)
    >>> [d.iso for d in find("granted 02/09/2021", order=numeric_order("converted 03/22/2023"))]
    ['2021-02-09']
    """
    seen = set()
    for m in _NUMERIC_ANY.finditer(text):
        a, b = int(m.group(1)), int(m.group(2))
        if b > 12 >= a:
            seen.add("mdy")
        elif a > 12 >= b:
            seen.add("dmy")
    if not seen and _US_ONLY.search(text) and not _NOT_US.search(text):
        return "mdy"  # (a document that speaks of the FDA and of no other regulator writes the month first)
    return seen.pop() if len(seen) == 1 else None


#: numeric dates with four- or two-digit years
_NUMERIC_ANY = re.compile(r"(?<![\d/.])([0-3]?\d)/([0-3]?\d)/(?:(?:19|20)\d\d|[0-3]\d)\b(?![/.]?\d)")
_US_ONLY = re.compile(r"\bFDA\b|\bU\.S\.|\bUS\b")
_NOT_US = re.compile(r"\b(?:EMA|MHRA|TGA|NICE|CHMP|PMDA|NMPA)\b|\bEuropean\b|\bHealth Canada\b|\bUK\b|\bAustralia|\bBritish\b")


def document_date(text: str) -> str | None:
    """The article's own date: the first full date in its opening (a dateline, "Issued:" or
    "Page updated:" line), else the first month and year there.

    >>> document_date("TITLE\\n\\nFriday, July 2, 2021\\n\\nMerck said on Thursday (July 1) ...")
    '2021-07-02'
    >>> document_date("THE LONG READ | MARCH 2025\\n\\nTitle\\nOn May 28, 2021, the FDA ..."), document_date("In May 2019 X. On May 28, 2021, Y.")
    ('2025-03', '2021-05-28')
    """
    found = [d for d in find(text[:3000]) if len(d.iso) >= 7]
    # (a dateline of a month and year at the top, "THE LONG READ | MARCH 2025", before a full date in the story)
    top = [d for d in found if d.start < 200 and "\n" in text[d.end:d.end + 200] and text[:d.start].count("\n") <= 2
           and not re.search(r"[.!?]", text[text.rfind("\n", 0, d.start) + 1:d.start])]
    full = [d for d in found if len(d.iso) == 10]
    return (top or full or found or [None])[0] and (top or full or found)[0].iso
