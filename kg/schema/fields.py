"""The building blocks of the typed model: field markers the loader reads (``ref``, ``choice``,
``curated``, ``date_field``), and the small value types every record uses (sources, settings).

>>> Source("PMID:39883436", "abstract").where
'abstract'
>>> Setting(context="advanced", line="first").line
'first'
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kg.schema.vocab import CONTEXTS, LINES


def ref(*kinds: str, curated: bool = False, **kw: Any) -> Any:
    """A field that holds the id (or ids) of records of the given kinds."""
    return field(metadata={"ref": kinds, "curated": curated}, **kw)


def choice(values: tuple[str, ...], curated: bool = False, **kw: Any) -> Any:
    """A field whose value must be one of ``values``."""
    return field(metadata={"choices": values, "curated": curated}, **kw)


def curated(**kw: Any) -> Any:
    """A field that curated records must fill although imported or extracted ones may not."""
    return field(metadata={"curated": True}, **kw)


def date_field(**kw: Any) -> Any:
    """An ISO date ``YYYY-MM-DD`` (or ``YYYY-MM`` where only the month is known)."""
    return field(metadata={"date": True}, **kw)


AGENTS = ("manual_agent", "text_mining_agent", "automated_agent")


@dataclass(frozen=True)
class Source:
    """Where a fact comes from: a PMID, DOI, NCT, URL, document id or an ``infores:`` source,
    and where in it. Facts that were not curated by hand say so: ``agent`` is the Biolink
    agent type (``text_mining_agent`` for facts read from a document by ``kg ingest``,
    ``automated_agent`` for imported records); ``release`` is the source's release or file
    date and ``record`` the source's own record id (a CIViC EID, ...).

    >>> Source("infores:civic", agent="automated_agent", release="2026-01-01", record="EID:11238").record
    'EID:11238'
    """

    id: str
    where: str | None = None
    agent: str | None = field(default=None, metadata={"choices": AGENTS})
    release: str | None = None
    record: str | None = None


@dataclass(frozen=True, kw_only=True)
class Setting:
    """The clinical setting of a trial, result or approval."""

    context: str = choice(CONTEXTS)
    line: str | None = choice(LINES, default=None)
    stage: str | None = None
    biomarker: str | None = None
    population: str | None = None
    histology: str | None = None
    companion_test: str | None = None  # the test that selects patients, where the source names it


@dataclass(frozen=True, kw_only=True)
class Record:
    """Common base: every record has an id and its sources."""

    @property
    def kind_name(self) -> str:
        """The record's class name, which is the node type users see ("Drug", ...)."""
        return type(self).__name__
