"""Typed results of the Python API: each wraps the dict a :mod:`kg.query` function returned.

A result is a read-only mapping with its fields also as attributes (``a.date`` is ``a["date"]``;
nested mappings come back as :class:`Record`, lists of them as lists of records), and
:meth:`Result.to_dict` gives plain data (JSON-ready). The fields each class documents are
those its question returns today; any field the question adds later is there too, as an
attribute, a key and in ``to_dict()``, without a change here.

>>> a = Approval({"id": "KG:a", "drug": {"id": "DRUGBANK:DB1", "name": "x"}, "date": "2020-01-02",
...               "status": "active", "conversion": {"date": "2021-01-01"}})
>>> a.drug.name, a["date"], a.conversion.date
('x', '2020-01-02', '2021-01-01')
>>> a
Approval(drug='x', date='2020-01-02', status='active', id='KG:a')
>>> Results([a]).to_dict()[0]["drug"]
{'id': 'DRUGBANK:DB1', 'name': 'x'}
"""
from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any, Iterator


def _wrap(value: Any) -> Any:
    if isinstance(value, Mapping) and not isinstance(value, Result):
        return Record(value)
    if isinstance(value, list) and any(isinstance(v, Mapping) for v in value):
        return [_wrap(v) for v in value]
    return value


class Result(Mapping):
    """One answer: a read-only view of the dict a question returned, with its fields as attributes."""

    __slots__ = ("_data",)
    #: Fields shown by ``repr`` (dotted paths into nested records).
    _summary: tuple[str, ...] = ()

    def __init__(self, data: Mapping[str, Any]):
        object.__setattr__(self, "_data", data)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        try:
            return _wrap(self._data[name])
        except KeyError:
            raise AttributeError(f"{type(self).__name__} has no field {name!r}; it has: "
                                 f"{', '.join(self._data)}") from None

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only")

    def __getitem__(self, key: str) -> Any:
        return _wrap(self._data[key])

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __reduce__(self):  # copy and pickle by the data (attributes are read-only)
        return type(self), (self._data,)

    def __dir__(self) -> list[str]:
        return sorted(set(super().__dir__()) | set(self._data))

    def to_dict(self) -> dict[str, Any]:
        """The result as plain dicts, lists and scalars (a copy: changing it changes nothing here)."""
        return copy.deepcopy(dict(self._data))

    def _get(self, path: str) -> Any:
        value: Any = self._data
        for part in path.split("."):
            value = value.get(part) if isinstance(value, Mapping) else None
        return value

    def __repr__(self) -> str:
        fields = [(p.split(".")[0], self._get(p)) for p in self._summary]
        shown = ", ".join(f"{k}={v!r}" for k, v in fields if v is not None)
        return f"{type(self).__name__}({shown or ', '.join(list(self._data)[:4])})"


class Record(Result):
    """A nested part of a result (a drug's id and name, a trial of an approval, a step of a path)."""

    _summary = ("id", "name", "nct", "acronym")


class Approval(Result):
    """An approval with the trials behind it: ``id``, ``drug`` (id, name), ``product``,
    ``indications``, ``agency``, ``date``, ``date_note``, ``type``, ``setting``, ``label_text``,
    ``status``, ``withdrawal`` (date, reason, failed_trial) or None, ``evidence_level``,
    ``partners``, ``trials`` (nct, acronym, phase, role, outcome, evidence_level, direction,
    results) and ``sources``."""

    _summary = ("drug.name", "date", "status", "id")


class Evidence(Result):
    """One piece of evidence for a drug in an indication: ``kind`` (approval, trial result,
    claim), ``id``, ``trial``, ``nct``, ``phase``, ``setting``, ``endpoint``, ``population``,
    ``comparison``, ``result_kind``, ``effect``, ``p``, ``met``, ``level``, ``direction``,
    ``approval``, ``approval_name``, ``date``, ``status``, ``withdrawal_date``, ``document``,
    ``statement``, ``accuracy`` and ``sources``."""

    _summary = ("kind", "trial", "endpoint", "effect", "direction", "level")


class Trial(Result):
    """A trial of a drug with its results: ``nct``, ``acronym``, ``phase``, ``setting``,
    ``status``, ``enrollment``, ``results`` and ``negative``."""

    _summary = ("acronym", "nct", "phase", "negative")


class TargetDrug(Result):
    """A drug acting on a target: ``drug`` (id, name), ``actions``, ``level`` and ``sources``."""

    _summary = ("drug.name", "actions", "level")


class Contradiction(Result):
    """A drug-indication pair whose evidence points both ways: ``drug``, ``indication``,
    ``settings`` (per setting, the supporting and non-supporting evidence) and ``within_setting``."""

    _summary = ("drug.name", "indication.name", "within_setting")


class GraphPath(Result):
    """One shortest path: ``length``, ``nodes`` (id, type, name) and ``steps`` (from, to, and
    the ``edges`` between them with their evidence)."""

    _summary = ("length",)

    def __repr__(self) -> str:
        return f"GraphPath({' -> '.join(n['name'] for n in self._data.get('nodes', []))})"


class Entity(Result):
    """An entity as ``kg lookup`` shows it: ``id``, ``type``, ``name``, ``identifiers``,
    ``attributes``, ``sources`` and ``neighbours`` (each edge in or out, with its evidence)."""

    _summary = ("name", "type", "id")


class Results(list):
    """A list of results; :meth:`to_dict` gives them as plain data."""

    def to_dict(self) -> list[dict[str, Any]]:
        """Every result as plain data (a list of dicts)."""
        return [r.to_dict() for r in self]


__all__ = ["Result", "Record", "Results", "Approval", "Evidence", "Trial", "TargetDrug", "Contradiction", "GraphPath",
           "Entity"]
