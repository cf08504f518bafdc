"""Typed results: read-only views of a question's dicts, fields as attributes, plain data out."""
from __future__ import annotations

import copy
import pickle

import pytest

from kg.api.results import Approval, GraphPath, Record, Result, Results

DATA = {"id": "KG:a", "drug": {"id": "D:1", "name": "x"}, "date": "2020-01-02", "status": "active",
        "trials": [{"nct": "NCT1", "acronym": "T1", "results": [{"met": True}]}], "sources": ["PMID:1"]}


def test_fields_as_attributes_and_keys():
    a = Approval(copy.deepcopy(DATA))
    assert a.drug.name == "x" and isinstance(a.drug, Record) and a["drug"]["id"] == "D:1"
    assert a.trials[0].results[0].met is True and a.sources == ["PMID:1"]
    assert set(a) == set(DATA) and len(a) == len(DATA) and dict(a)["date"] == "2020-01-02"
    with pytest.raises(AttributeError, match="no field 'conversion'; it has: id, drug"):
        a.conversion  # noqa: B018


def test_read_only_and_to_dict_is_a_copy():
    data = copy.deepcopy(DATA)
    a = Approval(data)
    with pytest.raises(AttributeError):
        a.status = "withdrawn"
    with pytest.raises(TypeError):
        a["status"] = "withdrawn"  # type: ignore[index]
    out = a.to_dict()
    out["drug"]["name"] = "changed"
    assert a.drug.name == "x" and out == {**DATA, "drug": {"id": "D:1", "name": "changed"}}


def test_equal_copyable_picklable():
    a = Approval(copy.deepcopy(DATA))
    assert a == Approval(copy.deepcopy(DATA)) and a == DATA
    assert copy.deepcopy(a) == a and pickle.loads(pickle.dumps(a)) == a


def test_repr_shows_the_summary_and_never_runs_data():
    assert repr(Approval(DATA)) == "Approval(drug='x', date='2020-01-02', status='active', id='KG:a')"
    assert repr(GraphPath({"nodes": [{"name": "a"}, {"name": "b"}]})) == "GraphPath(a -> b)"
    assert repr(Result({"k": "<script>"})) == "Result(k)"


def test_results_list():
    rs = Results([Approval(DATA), Approval({**DATA, "id": "KG:b"})])
    assert rs.to_dict()[1]["id"] == "KG:b" and isinstance(rs, list)
    assert Results().to_dict() == []
