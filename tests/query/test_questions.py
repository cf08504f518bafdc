"""The named questions against the reference facts."""
from __future__ import annotations

import pytest

from kg.query.approvals import as_of, withdrawn
from kg.query.evidence import contradictions, evidence
from kg.query.path import path
from kg.query.targets import drugs_for_target
from kg.query.trials import trials

ATEZO, TNBC, HCC = "DRUGBANK:DB11595", "MONDO:0005494", "MONDO:0007256"


def test_withdrawn_lists_eight_with_both_dates_and_failed_trials(store):
    items = withdrawn(store)
    assert len(items) == 8 and {a["status"] for a in items} == {"withdrawn"}
    atezo = {(a["date"], a["withdrawal"]["announced"], a["withdrawal"]["effective"],
              tuple(t["id"] for t in a["withdrawal"]["failed_trials"])) for a in withdrawn(store, ATEZO)}
    assert atezo == {("2016-05-18", "2021-03-07", "2021-04-13", ("CLINICALTRIALS:NCT02302807",)),
                     ("2017-04-17", "2022-11-28", "2022-12-02", ("CLINICALTRIALS:NCT02807636",)),
                     ("2019-03-08", "2021-08-27", "2021-10-06", ("CLINICALTRIALS:NCT03125902",))}


def _fda_dates(store, day):
    return {a["date"] for a in as_of(store, day, ATEZO) if a["agency"] == "US Food and Drug Administration"}


# (approved, withdrawal announced, FDA's effective withdrawal date)
@pytest.mark.parametrize("approved,announced,effective", [("2016-05-18", "2021-03-07", "2021-04-13"),
                                                          ("2017-04-17", "2022-11-28", "2022-12-02"),
                                                          ("2019-03-08", "2021-08-27", "2021-10-06")])
def test_as_of_respects_approval_and_effective_withdrawal_dates(store, approved, announced, effective):
    from datetime import date, timedelta

    day = date.fromisoformat(approved)
    assert approved not in _fda_dates(store, (day - timedelta(days=1)).isoformat())
    assert approved in _fda_dates(store, approved)
    assert approved in _fda_dates(store, announced)  # announced is not yet withdrawn
    end = date.fromisoformat(effective)
    assert approved in _fda_dates(store, (end - timedelta(days=1)).isoformat())
    assert approved not in _fda_dates(store, effective)


def test_as_of_counts(store):
    assert len(_fda_dates(store, "2020-01-01")) == 7
    assert "2019-03-08" in _fda_dates(store, "2021-09-15")  # TNBC: announced 2021-08-27, effective 2021-10-06
    assert len(_fda_dates(store, "2026-11-21")) == 11
    assert _fda_dates(store, "2016-01-01") == set()


def test_tnbc_evidence_lists_both_ways_each_in_its_setting(store):
    items = evidence(store, ATEZO, TNBC)
    def find(trial, direction):
        return [e for e in items if e["trial"] == trial and e["direction"] == direction and e["kind"] == "trial result"]
    (benefit,) = [e for e in find("IMpassion130", "supports") if e["effect"].startswith("HR 0.62")]
    assert benefit["setting"]["context"] == "advanced" and benefit["setting"]["line"] == "first"
    assert benefit["level"] == "phase 3" and benefit["sources"]
    alexandra = [e for e in find("ALEXANDRA", "does not support") if (e["effect"] or "").startswith("HR 1.11")]
    assert alexandra and alexandra[0]["setting"]["context"] == "adjuvant"
    assert find("IMpassion131", "does not support")
    assert find("GeparDouze/NSABP B-59", "does not support")[0]["setting"]["context"] == "perioperative"
    approval = [e for e in items if e["kind"] == "approval"]
    assert approval and approval[0]["status"] == "withdrawn" and approval[0]["withdrawal_date"] == "2021-10-06"
    contexts = [e["setting"].get("context") for e in items if e["kind"] != "claim"]
    assert contexts == sorted(contexts, key=["advanced", "adjuvant", "neoadjuvant", "perioperative"].index)
    assert all(e["sources"] for e in items)


def test_evidence_without_claims(store):
    assert all(e["kind"] != "claim" for e in evidence(store, ATEZO, TNBC, claims=False))
    assert any(e["kind"] == "claim" for e in evidence(store, ATEZO, TNBC))


def test_drugs_for_pd_l1(store):
    actions = {d["drug"]["name"]: d["actions"] for d in drugs_for_target(store, "HGNC:17635")}
    assert {n for n, a in actions.items() if "binds" in a} == {"atezolizumab", "avelumab", "cosibelimab", "durvalumab"}
    assert actions["pembrolizumab"] == ["blocks interaction with (via PD-1)"]


def test_drugs_for_ctla_4_and_lag_3(store):
    assert {d["drug"]["name"] for d in drugs_for_target(store, "HGNC:2505")} == {"ipilimumab", "tremelimumab"}
    assert {d["drug"]["name"] for d in drugs_for_target(store, "HGNC:6476")} == {"relatlimab"}


def test_drugs_for_pd_1_and_pd_l2(store):
    pd1 = {d["drug"]["name"]: d["actions"] for d in drugs_for_target(store, "HGNC:8760")}
    assert {"pembrolizumab", "nivolumab", "cemiplimab", "dostarlimab"} <= set(pd1)
    assert pd1["atezolizumab"] == ["blocks interaction with (via PD-L1)"]
    assert "atezolizumab" not in {d["drug"]["name"] for d in drugs_for_target(store, "HGNC:18731")}


def test_phase_3_negative_trials(store):
    got = {t["acronym"] for t in trials(store, ATEZO, phase=3, negative=True)}
    assert {"ALEXANDRA", "IMpassion131", "IMvigor211", "IMvigor130", "GeparDouze/NSABP B-59"} <= got
    assert not got & {"IMpower110", "IMbrave150", "OAK"}
    phase2 = {t["acronym"] for t in trials(store, ATEZO, phase="2")}
    assert "POPLAR" in phase2 and "OAK" not in phase2


def test_contradictions_include_tnbc_by_setting(store):
    pairs = {(p["drug"]["id"], p["indication"]["id"]): p for p in contradictions(store)}
    tnbc = pairs[(ATEZO, TNBC)]
    assert "advanced" in tnbc["within_setting"]  # IMpassion130 and the approval vs IMpassion131
    assert tnbc["settings"]["adjuvant"]["does not support"] and not tnbc["settings"]["adjuvant"]["supports"]


def test_path_explains_each_hop(store):
    (p,) = path(store, ATEZO, HCC, max_paths=1)
    assert p["length"] == 1
    edges = p["steps"][0]["edges"]
    assert any(e["predicate"] == "approved for" and e["level"] == "regulatory approval" for e in edges)
    assert any(e["predicate"] == "clinical evidence for" and e["sources"] for e in edges)
    longer = path(store, "HGNC:8760", TNBC)
    assert longer and all(x["length"] == 2 for x in longer)
    assert path(store, ATEZO, "MONDO:0000000") == []
