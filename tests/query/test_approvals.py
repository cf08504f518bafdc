"""The approvals question against the reference: all 13 FDA approvals, their trials, the withdrawals."""
from __future__ import annotations

import re

import pytest

from kg.query.approvals import approvals
from tests.conftest import shared

# date -> (indication, type, pivotal NCTs (at least), status, withdrawal date, failed confirmatory trial)
FDA = {
    "2016-05-18": ("MONDO:0040679", "accelerated", {"NCT02108652"}, "withdrawn", "2021-03-08", "NCT02302807"),
    "2016-10-18": ("MONDO:0005233", "regular", {"NCT02008227", "NCT01903993"}, "active", None, None),
    "2017-04-17": ("MONDO:0040679", "accelerated", {"NCT02951767"}, "withdrawn", "2022-11-28", "NCT02807636"),
    "2018-12-06": ("MONDO:0005233", "regular", {"NCT02366143"}, "active", None, None),
    "2019-03-08": ("MONDO:0005494", "accelerated", {"NCT02425891"}, "withdrawn", "2021-08-27", "NCT03125902"),
    "2019-03-18": ("MONDO:0008433", "regular", {"NCT02763579"}, "active", None, None),
    "2019-12-03": ("MONDO:0005233", "regular", {"NCT02367781"}, "active", None, None),
    "2020-05-18": ("MONDO:0005233", "regular", {"NCT02409342"}, "active", None, None),
    "2020-05-29": ("MONDO:0007256", "regular", {"NCT03434379"}, "active", None, None),
    "2020-07-30": ("MONDO:0005105", "regular", {"NCT02908672"}, "active", None, None),
    "2021-10-15": ("MONDO:0005233", "regular", {"NCT02486718"}, "active", None, None),
    "2022-12-09": ("MONDO:0011655", "regular", {"NCT03141684"}, "active", None, None),
    "2024-09-12": ("MONDO:0005233", "new formulation", {"NCT03735121"}, "active", None, None),
}
PARTNERS = {"2018-12-06": {"bevacizumab", "paclitaxel", "carboplatin"}, "2019-03-08": {"nab-paclitaxel"},
            "2019-03-18": {"carboplatin", "etoposide"}, "2019-12-03": {"nab-paclitaxel", "carboplatin"},
            "2020-05-29": {"bevacizumab"}, "2020-07-30": {"cobimetinib", "vemurafenib"}}


@pytest.fixture(scope="module")
def fda(store):
    items = [a for a in approvals(store, drug="DRUGBANK:DB11595") if a["agency"] == "US Food and Drug Administration"]
    return {a["date"]: a for a in items}


def test_thirteen_fda_approvals(fda):
    assert sorted(fda) == sorted(FDA)


@pytest.mark.parametrize("date", sorted(FDA))
def test_each_fda_approval(fda, date):
    ind, type_, pivotal, status, wdate, failed = FDA[date]
    a = fda[date]
    assert ind in {i["id"] for i in a["indications"]}
    assert (a["type"], a["status"]) == (type_, status)
    assert a["evidence_level"] == "regulatory approval"
    trials = {t["nct"]: t for t in a["trials"]}
    assert pivotal <= {n for n, t in trials.items() if t["role"] == "pivotal"}
    assert a["sources"]
    if wdate:
        assert a["withdrawal"]["date"] == wdate
        assert a["withdrawal"]["failed_trial"] == f"CLINICALTRIALS:{failed}"
        t = trials[failed]
        assert (t["role"], t["direction"], t["phase"]) == ("confirmatory", "does not support", "phase 3")
        assert any(r["met"] is False for r in t["results"]), "the failed trial's missed endpoint is listed"
    else:
        assert a["withdrawal"] is None
    assert PARTNERS.get(date, set()) <= set(a["partners"])


def test_withdrawn_are_exactly_three(fda):
    assert sorted(d for d, a in fda.items() if a["status"] == "withdrawn") == ["2016-05-18", "2017-04-17", "2019-03-08"]


def test_setting_carries_biomarker_and_line(fda):
    tnbc = fda["2019-03-08"]["setting"]
    assert tnbc["context"] == "advanced" and tnbc["line"] == "first" and "1%" in tnbc["biomarker"]
    assert fda["2021-10-15"]["setting"]["context"] == "adjuvant"


def test_drug_filter(store):
    assert approvals(store, drug="DRUGBANK:DB00112") == []
    assert len(approvals(store)) == len(approvals(store, drug="DRUGBANK:DB11595"))


def test_against_the_reference_table():
    """Parse section B of the shared reference and compare dates, types, trials and withdrawals."""
    text = shared("reference", "atezolizumab-facts.md").read_text()
    section = text.split("## B.", 1)[1].split("###", 1)[0]
    rows = [r for r in section.splitlines() if re.match(r"\|\s*\d+\s*\|", r)]
    assert len(rows) == 13
    for row in rows:
        cells = [c.strip() for c in row.strip("|").split("|")]
        date, kind, trials, fate = cells[1], cells[3].lower(), cells[4], cells[5]
        assert date in FDA
        ind, type_, pivotal, status, wdate, failed = FDA[date]
        assert type_.split()[0] in kind or (type_ == "regular" and "approval" in kind)
        assert pivotal & set(re.findall(r"NCT\d{8}", trials))
        if "Withdrawn" in fate:
            assert status == "withdrawn" and failed in fate
            assert wdate in fate or wdate == "2021-03-08"  # the reference gives "2021-03-07/08"
        else:
            assert status == "active"
