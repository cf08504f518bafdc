"""The approvals question against a table built from the research files alone
(tests/fixtures/fda_counts.yaml): every FDA approval of every checkpoint inhibitor, its type,
pivotal trial, conversion and withdrawal; then atezolizumab's approvals against the shared
reference."""
from __future__ import annotations

import re
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import pytest
import yaml

from kg.query.approvals import approvals, as_of, converted, coverage, withdrawn
from tests.conftest import shared

FDA, EC = "US Food and Drug Administration", "European Commission"
TABLE = yaml.safe_load((Path(__file__).parent.parent / "fixtures" / "fda_counts.yaml").read_text())
ROWS = [r for r in TABLE["fda"] if r.get("counted", True)]
DRUGS = sorted({r["drug"] for r in ROWS})
ATEZO, RELATLIMAB, NIVOLUMAB = "DRUGBANK:DB11595", "DRUGBANK:DB14851", "DRUGBANK:DB09035"


def _key(name: str | None) -> str:
    """A trial name without case, spaces or hyphens: 'CheckMate 8HW' and 'CheckMate-8HW' are one."""
    return re.sub(r"[^a-z0-9]", "", (name or "").lower())


@pytest.fixture(scope="module")
def every(store):
    return approvals(store)


@pytest.fixture(scope="module")
def fda(every):
    """FDA approvals by (drug name, date)."""
    out: dict[tuple[str, str], list[dict]] = {}
    for a in every:
        if a["agency"] == FDA:
            out.setdefault((a["drug"]["name"], a["date"]), []).append(a)
    return out


def _row_type(row: dict) -> str:
    return row.get("type_in_graph") or row["kind"]


def test_table_rows_carry_their_source():
    assert len(ROWS) == 157 and all(r["source"].startswith("http") for r in TABLE["fda"] + TABLE["eu"])
    assert all(r.get("why") for r in ROWS if "type_in_graph" in r)
    assert all(r.get("why_fate") for r in ROWS if "fate_in_graph" in r)


@pytest.mark.parametrize("drug", DRUGS)
def test_fda_approval_count_per_drug(fda, drug):
    want = Counter((r["date"], _row_type(r)) for r in ROWS if r["drug"] == drug)
    got = Counter((d, a["type"]) for (name, d), items in fda.items() if name == drug for a in items)
    assert got == want


def test_every_drug_with_fda_approvals_is_in_the_table(fda):
    assert {name for name, _ in fda} == set(DRUGS)


@pytest.mark.parametrize("row", [r for r in ROWS if r["pivotal"]], ids=lambda r: f"{r['drug']}-{r['date']}-{r['pivotal']}")
def test_each_approval_names_its_pivotal_trial(fda, row):
    items = fda[(row["drug"], row["date"])]
    pivotal = {_key(t["acronym"]) for a in items for t in a["trials"] if t["role"] == "pivotal"}
    if (row["drug"], row["date"]) in EXTRAPOLATED:
        assert not pivotal and all(a["no_pivotal_reason"] for a in items)
        return
    assert any(_key(row["pivotal"]) in p or p in _key(row["pivotal"]) for p in pivotal if p), pivotal


#: approvals whose research file names studies without a name or NCT and whose efficacy the FDA
#: extrapolated from adults: the graph records the reason instead of a pivotal trial
EXTRAPOLATED = {("ipilimumab", "2017-07-24")}


def test_every_approval_has_a_pivotal_trial_or_a_reason(every):
    missing = [a["id"] for a in every
               if not any(t["role"] == "pivotal" for t in a["trials"]) and not a["no_pivotal_reason"]]
    assert missing == []
    reasons = [a for a in every if a["no_pivotal_reason"]]
    assert reasons and all(len(a["no_pivotal_reason"]) > 20 for a in reasons)


def _expected_fate(row: dict) -> str:
    return row.get("fate_in_graph") or row.get("fate") or "active"


@pytest.mark.parametrize("drug", DRUGS)
def test_fates_per_drug(fda, drug):
    want = Counter((r["date"], _expected_fate(r)) for r in ROWS if r["drug"] == drug)
    got = Counter((d, a["status"]) for (name, d), items in fda.items() if name == drug for a in items)
    assert got == want


CONVERSIONS = [r for r in ROWS if "conversion" in r]


@pytest.mark.parametrize("row", CONVERSIONS, ids=lambda r: f"{r['drug']}-{r['date']}")
def test_conversion_date_and_trial(fda, row):
    (a,) = [a for a in fda[(row["drug"], row["date"])] if a["type"] == "accelerated"]
    conv = row["conversion"]
    dates = {conv["date"]} | {conv.get("also", {}).get("date", {}).get("value")} - {None}
    if row.get("fate_in_graph") == "superseded":
        # the research file's "conversion" is a later approval of its own that replaced this one
        (e,) = [e for e in a["events"] if e["event"] == "superseded"]
        assert e["date"] in dates and e["replaced_by"] and e["sources"]
        later = fda[(row["drug"], e["date"])]
        assert any(_key(conv["trial"]) in {_key(t["acronym"]) for t in x["trials"]} for x in later)
        return
    assert a["conversion"] and a["conversion"]["date"] in dates and a["conversion"]["sources"]
    if conv["trial"]:
        linked = {_key(t["acronym"]) for t in a["conversion"]["trials"]}
        # a trial no source says the conversion rested on is named in the note, not linked
        assert _key(conv["trial"]) in linked or _key(conv["trial"]) in _key(a["conversion"]["note"])
    else:
        assert not a["conversion"]["trials"] or a["conversion"]["note"]


def test_converted_question_lists_every_conversion(store):
    got = {(a["drug"]["name"], a["date"]) for a in converted(store) if a["agency"] == FDA}
    want = {(r["drug"], r["date"]) for r in CONVERSIONS if r.get("fate_in_graph") != "superseded" and r["fate"] == "converted"}
    assert got == want and len(got) == 16
    assert all(a["conversion"]["date"] > a["date"] for a in converted(store))


WITHDRAWALS = [r for r in ROWS if "withdrawal" in r]


def test_eight_withdrawals(store):
    got = {(a["drug"]["name"], a["date"]) for a in withdrawn(store)}
    assert got == {(r["drug"], r["date"]) for r in WITHDRAWALS} and len(got) == 8


@pytest.mark.parametrize("row", WITHDRAWALS, ids=lambda r: f"{r['drug']}-{r['date']}")
def test_withdrawal_has_both_dates_each_sourced_and_the_failed_trial(fda, row):
    (a,) = fda[(row["drug"], row["date"])]
    w, want = a["withdrawal"], row["withdrawal"]
    assert a["status"] == "withdrawn"
    assert (w["announced"], w["effective"]) == (want["announced"], want["effective"])
    assert w["announced_sources"] and w["effective_sources"] and w["announced_by"]
    assert w["reason"]
    failed = {_key(t["acronym"]) for t in w["failed_trials"]}
    if want["failed_trial"]:
        assert {_key(x) for x in want["failed_trial"].split(" and ")} <= failed
        trials = {_key(t["acronym"]): t for t in a["trials"]}
        assert all(trials[f]["role"] == "confirmatory" and trials[f]["direction"] == "does not support" for f in failed)
    else:
        assert not failed and "confirmatory trial" in w["note"]  # no source names the trial: said so


@pytest.mark.parametrize("row", WITHDRAWALS, ids=lambda r: f"{r['drug']}-{r['date']}")
def test_as_of_around_each_withdrawal(store, row):
    drug = next(a["drug"]["id"] for a in approvals(store) if a["drug"]["name"] == row["drug"])

    def in_force(day: date) -> bool:
        return row["date"] in {a["date"] for a in as_of(store, day.isoformat(), drug) if a["agency"] == FDA}

    granted, effective = (date.fromisoformat(row[k] if k == "date" else row["withdrawal"][k])
                          for k in ("date", "effective"))
    announced = date.fromisoformat(row["withdrawal"]["announced"])
    assert not in_force(granted - timedelta(days=1)) and in_force(granted)
    assert in_force(effective - timedelta(days=1)) and not in_force(effective)
    if announced < effective:  # announced, not yet withdrawn: still in force
        assert in_force(announced)


def test_as_of_tnbc_between_announcement_and_effective_date(store):
    tnbc = [a for a in as_of(store, "2021-09-15", ATEZO) if a["date"] == "2019-03-08"]
    assert tnbc and tnbc[0]["withdrawal"]["announced"] == "2021-08-27"
    assert not [a for a in as_of(store, "2021-10-06", ATEZO) if a["date"] == "2019-03-08"]


@pytest.mark.parametrize("bad", ["2021-13-01", "2021-09", "yesterday", "'; DROP"])
def test_as_of_refuses_bad_dates(store, bad):
    from kg.errors import QueryError

    with pytest.raises(QueryError):  # a user's input: exit 2, never a bare ValueError
        as_of(store, bad)


def test_coverage_matches_the_table(store):
    cov = {r["drug"]: r for r in coverage(store)}
    for drug in DRUGS:
        rows = [r for r in ROWS if r["drug"] == drug]
        got = cov[drug]
        assert got["fda"] == len(rows), drug
        assert got["accelerated"] == sum(_row_type(r) == "accelerated" for r in rows), drug
        assert got["withdrawn"] == sum(_expected_fate(r) == "withdrawn" for r in rows), drug
        assert got["converted"] == sum("conversion" in r and r.get("fate_in_graph") != "superseded" for r in rows), drug
        assert got["with_pivotal"] <= got["fda"]
        assert got["with_pivotal"] >= sum(1 for r in rows if r["pivotal"]) - 1, drug
    eu = {r["drug"] for r in TABLE["eu"] if r.get("counted", True)}
    assert all(cov[d]["eu"] >= 1 for d in eu) and all(cov[d]["eu"] == 0 for d in set(DRUGS) - eu)
    assert sum(r["fda"] for r in cov.values()) == len(ROWS)


@pytest.mark.parametrize("row", [r for r in TABLE["eu"] if r.get("counted", True)], ids=lambda r: f"{r['drug']}-{r['date']}")
def test_each_eu_approval_with_what_its_date_is(every, row):
    ec = [a for a in every if a["agency"] == EC and a["drug"]["name"] == row["drug"]]
    on_day = [a for a in ec if a["date"] == row["date"]]
    announced = [e for a in ec for e in a["events"] if e["event"] == "approval announced" and e["date"] == row["date"]]
    assert on_day or announced
    if row["date_is"] == "sponsor announcement":
        assert announced or all(a["date_is"] == "sponsor announcement" for a in on_day)
    else:
        assert all(a["date_is"] in (None, "agency decision") for a in on_day)


def test_ec_21_vs_22_september_2017_both_kept(every):
    ec = [a for a in every if a["agency"] == EC and a["drug"]["id"] == ATEZO and a["date"] == "2017-09-21"]
    assert len(ec) == 3
    for a in ec:
        assert a["date_is"] in (None, "agency decision")
        (e,) = [e for e in a["events"] if e["event"] == "approval announced"]
        assert e["date"] == "2017-09-22" and e["date_is"] == "sponsor announcement" and e["by"]["name"] and e["sources"]


def test_every_record_and_event_is_sourced(every):
    assert all(a["sources"] for a in every)
    assert all(e["sources"] for a in every for e in a["events"])
    assert all(r["sources"] for a in every for t in a["trials"] for r in t["results"])
    assert all(e["date_is"] in (None, "agency decision", "sponsor announcement", "news report", "inferred")
               for a in every for e in a["events"])


def test_fixed_dose_combination_counts_for_its_components(store):
    opdualag = [a for a in approvals(store, RELATLIMAB)]
    assert [(a["date"], a["drug"]["name"], a["product"]) for a in opdualag] == [
        ("2022-03-18", "nivolumab and relatlimab-rmbw", "Opdualag")]
    assert opdualag[0]["id"] in {a["id"] for a in approvals(store, NIVOLUMAB)}


def test_status_filter(store):
    assert {a["status"] for a in approvals(store, status="narrowed")} == {"narrowed"}
    assert approvals(store, "DRUGBANK:DB00112") == []


# atezolizumab in detail: date -> (indication, type, pivotal NCTs, status, failed confirmatory trial)
ATEZOLIZUMAB = {
    "2016-05-18": ("MONDO:0040679", "accelerated", {"NCT02108652"}, "withdrawn", "NCT02302807"),
    "2016-10-18": ("MONDO:0005233", "regular", {"NCT02008227", "NCT01903993"}, "active", None),
    "2017-04-17": ("MONDO:0040679", "accelerated", {"NCT02951767"}, "withdrawn", "NCT02807636"),
    "2018-12-06": ("MONDO:0005233", "regular", {"NCT02366143"}, "active", None),
    "2019-03-08": ("MONDO:0005494", "accelerated", {"NCT02425891"}, "withdrawn", "NCT03125902"),
    "2019-03-18": ("MONDO:0008433", "regular", {"NCT02763579"}, "active", None),
    "2019-12-03": ("MONDO:0005233", "regular", {"NCT02367781"}, "active", None),
    "2020-05-18": ("MONDO:0005233", "regular", {"NCT02409342"}, "active", None),
    "2020-05-29": ("MONDO:0007256", "regular", {"NCT03434379"}, "active", None),
    "2020-07-30": ("MONDO:0005105", "regular", {"NCT02908672"}, "active", None),
    "2021-10-15": ("MONDO:0005233", "regular", {"NCT02486718"}, "active", None),
    "2022-12-09": ("MONDO:0011655", "regular", {"NCT03141684"}, "active", None),
    "2024-09-12": ("MONDO:0005233", "new formulation", {"NCT03735121"}, "active", None),
    "2025-10-02": ("MONDO:0008433", "regular", set(), "active", None),
}
PARTNERS = {"2018-12-06": {"bevacizumab", "paclitaxel", "carboplatin"}, "2019-03-08": {"nab-paclitaxel"},
            "2019-03-18": {"carboplatin", "etoposide"}, "2019-12-03": {"nab-paclitaxel", "carboplatin"},
            "2020-05-29": {"bevacizumab"}, "2020-07-30": {"cobimetinib", "vemurafenib"}}


@pytest.fixture(scope="module")
def atezo(store):
    return {a["date"]: a for a in approvals(store, drug=ATEZO) if a["agency"] == FDA}


@pytest.mark.parametrize("day", sorted(ATEZOLIZUMAB))
def test_each_atezolizumab_approval(atezo, day):
    ind, type_, pivotal, status, failed = ATEZOLIZUMAB[day]
    a = atezo[day]
    assert ind in {i["id"] for i in a["indications"]}
    assert (a["type"], a["status"], a["evidence_level"]) == (type_, status, "regulatory approval")
    trials = {t["nct"]: t for t in a["trials"]}
    assert pivotal <= {n for n, t in trials.items() if t["role"] == "pivotal"}
    assert PARTNERS.get(day, set()) <= set(a["partners"])
    if failed:
        assert f"CLINICALTRIALS:{failed}" in {t["id"] for t in a["withdrawal"]["failed_trials"]}
        t = trials[failed]
        assert (t["role"], t["direction"], t["phase"]) == ("confirmatory", "does not support", "phase 3")
        assert any(r["met"] is False for r in t["results"]), "the failed trial's missed endpoint is listed"
    else:
        assert a["withdrawal"] is None


def test_atezolizumab_2018_narrowing_and_safety_alert(atezo):
    kinds = [(e["event"], e["date"]) for e in atezo["2017-04-17"]["events"]]
    assert kinds[:2] == [("safety alert", "2018-05-18"), ("narrowed", "2018-06-19")]
    narrowed = atezo["2017-04-17"]["events"][1]
    assert narrowed["change"] and narrowed["sources"]


def test_setting_carries_biomarker_and_line(atezo):
    tnbc = atezo["2019-03-08"]["setting"]
    assert tnbc["context"] == "advanced" and tnbc["line"] == "first" and "1%" in tnbc["biomarker"]
    assert atezo["2021-10-15"]["setting"]["context"] == "adjuvant"


def test_against_the_reference_table(atezo):
    """Section B of the shared reference: its withdrawal dates are the sponsor's announcements."""
    text = shared("reference", "atezolizumab-facts.md").read_text()
    section = text.split("## B.", 1)[1].split("###", 1)[0]
    rows = [r for r in section.splitlines() if re.match(r"\|\s*\d+\s*\|", r)]
    assert len(rows) == 13
    for row in rows:
        cells = [c.strip() for c in row.strip("|").split("|")]
        day, kind, trials, fate = cells[1], cells[3].lower(), cells[4], cells[5]
        ind, type_, pivotal, status, failed = ATEZOLIZUMAB[day]
        assert type_.split()[0] in kind or (type_ == "regular" and "approval" in kind)
        assert pivotal & set(re.findall(r"NCT\d{8}", trials))
        if "Withdrawn" in fate:
            w = atezo[day]["withdrawal"]
            assert status == "withdrawn" and failed in fate and w["announced"] in fate.replace("03-07/08", "03-07")
            assert w["effective"] > w["announced"]
        else:
            assert status == "active"
