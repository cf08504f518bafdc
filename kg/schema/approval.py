"""Regulatory approvals and what became of them: the grant, then a lifecycle of dated events
(converted to regular approval, narrowed, label changed, superseded, withdrawal announced,
withdrawn), each with its own sources and with what its date is (the agency's decision, a
sponsor's announcement, a news report's date, or an inference).

An approval's status is not written by hand: it follows from its events (:func:`status_of`).

>>> s = (Source("https://www.fda.gov/x"),)
>>> ev = (Event(event="withdrawal announced", date="2021-08-27", by="KG:org-genentech", sources=s),
...       Event(event="withdrawn", date="2021-10-06", trials=("NCT03125902",), sources=s))
>>> a = Approval(id="KG:a", drug="DRUGBANK:DB11595", indication=("MONDO:0005494",), agency="KG:org-fda",
...              date="2019-03-08", type="accelerated", setting=Setting(context="advanced"),
...              pivotal_trials=("NCT02425891",), events=ev, sources=s)
>>> status_of(a), withdrawal_dates(a)
('withdrawn', ('2021-08-27', '2021-10-06'))
>>> ev[0].date_kind, ev[1].date_kind
('sponsor announcement', 'agency decision')
"""
from __future__ import annotations

from dataclasses import dataclass

from kg.schema.fields import Record, Setting, Source, choice, date_field, ref

#: How an approval was granted, or what kind of product change it was.
APPROVAL_TYPES = ("accelerated", "regular", "conditional", "new formulation", "new dosing", "not stated")
#: What a recorded date is: the agency's own decision date, the day a sponsor announced it, the
#: date of a news report that says it had happened, a date inferred from indirect statements; for
#: imported approvals also the date the current label wording first appeared (MOAlmanac's
#: ``initial_approval_date``) or, where a source gives no date, the date of the label it cites.
DATE_KINDS = ("agency decision", "sponsor announcement", "news report", "inferred", "label wording", "label revision")
#: The events of an approval's life after the grant.
EVENTS = ("approval announced", "converted", "narrowed", "label changed", "safety alert", "superseded",
          "withdrawal announced", "withdrawn")
#: Events a sponsor makes: their object is who announced them (``by`` is required).
ANNOUNCEMENTS = ("approval announced", "withdrawal announced")
#: Derived statuses, strongest first: the first whose event an approval has is its status.
STATUSES = ("withdrawn", "withdrawal announced", "superseded", "converted", "narrowed", "active")
#: Types that a conversion to regular approval applies to.
CONVERTIBLE = ("accelerated", "conditional")


@dataclass(frozen=True, kw_only=True)
class Event:
    """One dated event in an approval's life, with its own sources."""

    event: str = choice(EVENTS)
    date: str = date_field()
    sources: tuple[Source, ...]
    date_is: str | None = choice(DATE_KINDS, default=None)
    by: str | None = ref("Organization", default=None)
    trials: tuple[str, ...] = ref("Trial", default=())
    replaced_by: str | None = ref("Approval", default=None)
    change: str | None = None
    reason: str | None = None
    note: str | None = None

    @property
    def date_kind(self) -> str:
        """What the date is; when not written: an announcement's date is the sponsor's, any other
        event's is the agency's decision."""
        return self.date_is or ("sponsor announcement" if self.event in ANNOUNCEMENTS else "agency decision")


@dataclass(frozen=True, kw_only=True)
class Approval(Record):
    id: str
    drug: str = ref("Drug")
    indication: tuple[str, ...] = ref("Indication")
    agency: str = ref("Organization")
    date: str = date_field()
    type: str = choice(APPROVAL_TYPES)
    setting: Setting
    sources: tuple[Source, ...]
    date_is: str | None = choice(DATE_KINDS, default=None)  # default: the agency's decision
    date_note: str | None = None
    product: str | None = None
    label_text: str | None = None
    basis: str | None = None  # what the approval rested on (endpoints, population), in our words
    regimen: str | None = None  # partners the source names only as a class ("platinum-based chemotherapy")
    partners: tuple[str, ...] = ref("Drug", default=())
    pivotal_trials: tuple[str, ...] = ref("Trial", default=())
    no_pivotal_reason: str | None = None  # why no trial is pivotal (a dosing change, an unnamed trial...)
    confirmatory_trials: tuple[str, ...] = ref("Trial", default=())
    events: tuple[Event, ...] = ()
    notes: str | None = None
    ID_PREFIXES = ("KG",)


def status_of(a: Approval) -> str:
    """The approval's status, from its events (see :data:`STATUSES`)."""
    kinds = {e.event for e in a.events}
    return next((s for s in STATUSES[:-1] if s in kinds), "active")


def withdrawal_dates(a: Approval) -> tuple[str | None, str | None]:
    """(announced, effective) dates of the approval's withdrawal, None where there is none."""
    first = {}
    for e in sorted(a.events, key=lambda e: e.date):
        first.setdefault(e.event, e.date)
    return first.get("withdrawal announced"), first.get("withdrawn")


def event_problems(a: Approval) -> list[tuple[str, str]]:
    """Rules an approval's trials and events must follow, as (message, field) pairs.

    >>> a = Approval(id="KG:a", drug="DRUGBANK:DB1", indication=("MONDO:1",), agency="KG:org-fda",
    ...              date="2020-01-01", type="regular", setting=Setting(context="advanced"), sources=())
    >>> event_problems(a)
    [('an approval names its pivotal trials or says why none applies (no_pivotal_reason)', 'pivotal_trials')]
    """
    out = []
    if bool(a.pivotal_trials) == bool(a.no_pivotal_reason):
        out.append(("an approval names its pivotal trials or says why none applies (no_pivotal_reason)"
                    if not a.pivotal_trials else "give pivotal_trials or no_pivotal_reason, not both",
                    "pivotal_trials"))
    for i, e in enumerate(a.events):
        where = f"events[{i}]"
        if e.date < a.date[:len(e.date)]:
            out.append((f"{e.event} on {e.date} is before the approval ({a.date})", f"{where}.date"))
        if e.event in ANNOUNCEMENTS and not e.by:
            out.append((f"an event '{e.event}' names who announced it (by)", f"{where}.by"))
        if e.event == "superseded" and not e.replaced_by:
            out.append(("a superseded approval names the approval that replaced it (replaced_by)",
                        f"{where}.replaced_by"))
        if e.event == "converted" and a.type not in CONVERTIBLE:
            out.append((f"only {' or '.join(CONVERTIBLE)} approvals are converted (type is {a.type})", f"{where}.event"))
        if e.event == "withdrawn" and not e.trials and not e.note:
            out.append(("a withdrawal names the confirmatory trial that failed, or says in a note why none is named",
                        f"{where}.trials"))
    kinds = [e.event for e in a.events]
    for once in ("converted", "withdrawn", "withdrawal announced", "superseded"):
        if kinds.count(once) > 1:
            out.append((f"more than one '{once}' event", "events"))
    return out
