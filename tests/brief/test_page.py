"""The page model: sections, graded evidence in its settings, sources that resolve, limitations
computed from the records, as-of and audience."""
from __future__ import annotations

import re

import pytest

from tests.brief.conftest import ATEZO, PEMBRO, TNBC


def _sentences(page):
    for sec in page["sections"]:
        for b in sec["blocks"]:
            for s in b.get("sentences", []):
                yield sec["title"], s


def _text(page, title):
    sec = next(s for s in page["sections"] if s["title"] == title)
    return " ".join(s["text"] for b in sec["blocks"] for s in b.get("sentences", []))


def test_every_factual_sentence_has_references_that_resolve(page_of, drugs_with_approvals):
    assert len(drugs_with_approvals) == 15
    for drug, name in drugs_with_approvals:
        page = page_of(drug)
        numbers = {e["number"] for e in page["references"]}
        assert numbers == set(range(1, len(numbers) + 1)), name
        for title, s in _sentences(page):
            if title == "About this page":
                assert s["refs"] == [], s  # fixed wording cites nothing
            elif s["text"].startswith(("The graph ", "The records hold no")):
                pass  # what the graph does not hold has no source
            elif "sources differ" in s["text"]:
                assert len(re.findall(r"\[\d+\]", s["text"])) >= 2  # each figure cited inline
            else:
                assert s["refs"], (name, s["text"])
            assert set(s["refs"]) <= numbers
        for e in page["references"]:
            assert e["url"] is None or e["url"].startswith(("https://", "http://")), e


def test_tnbc_trials_named_for_and_against_in_their_settings(page_of):
    page = page_of(ATEZO, TNBC)
    sec = next(s for s in page["sections"] if s["title"] == "Evidence by indication and setting")
    settings, current = {}, None
    for b in sec["blocks"]:
        if b["type"] == "h4":
            current = b["text"]
        elif b["type"] == "p" and current:
            settings[current] = b["sentences"][0]["text"]
    assert set(settings) == {"Advanced disease, first line", "Adjuvant treatment (after surgery)",
                             "Perioperative treatment (before and after surgery)"}
    adv, adj, peri = (settings[k] for k in sorted(settings, key=["Advanced disease, first line",
                      "Adjuvant treatment (after surgery)", "Perioperative treatment (before and after surgery)"].index))
    assert "trials for atezolizumab: IMpassion130 (phase 3); trials against: IMpassion131 (phase 3)" in adv
    assert "trials for atezolizumab: none; trials against: ALEXANDRA (phase 3)" in adj
    assert "trials for atezolizumab: IMpassion031 (phase 3); trials against: GeparDouze/NSABP B-59 (phase 3)" in peri
    text = _text(page, "Evidence by indication and setting")
    assert "ALEXANDRA (NCT03498716, evidence level phase 3) does not support atezolizumab" in text
    assert "HR 1.11 (95% CI 0.87-1.42), endpoint not met" in text
    assert "the trials point both ways" in text


def test_sources_that_disagree_are_both_cited(page_of):
    page = page_of(ATEZO, TNBC)
    text = _text(page, "Evidence by indication and setting")
    m = re.search(r"in IMpassion130 \(triple-negative breast carcinoma\) the sources differ: HR 0.6 \(95% CI 0.48-0.77\) "
                  r"\[(\d+)\]; HR 0.62 \(95% CI 0.49-0.78\) \[(\d+)\]", text)
    assert m and m.group(1) != m.group(2)
    refs = {e["number"]: e["source"] for e in page["references"]}
    assert refs[int(m.group(2))] == "PMID:30345906"


def test_regulatory_history_table_and_withdrawal(page_of):
    page = page_of(ATEZO)
    table = next(b for s in page["sections"] for b in s["blocks"] if b["type"] == "table")
    rows = {(r["cells"][0], r["cells"][2]): r["cells"] for r in table["rows"]}
    tnbc = rows[("2019-03-08", "triple-negative breast carcinoma")]
    assert tnbc[4] == "accelerated" and tnbc[5] == "IMpassion130" and tnbc[6] == "IMpassion131"
    assert tnbc[7] == "ended 2021-10-06 (end announced 2021-08-27)"
    text = _text(page, "Regulatory history")
    assert "On 2021-08-27 Genentech, Inc. announced the withdrawal of the FDA indication of atezolizumab in " \
           "triple-negative breast carcinoma" in text
    assert "withdrawal of the indication of atezolizumab in triple-negative breast carcinoma took effect on " \
           "2021-10-06 (IMpassion131 did not confirm the benefit)" in text
    kinds = {e["kind"] for e in page["timeline"]}
    assert {"approval", "withdrawal announced", "withdrawn", "readout"} <= kinds


def test_limitations_computed_from_the_records(page_of):
    text = _text(page_of(ATEZO), "Limitations")
    assert "The accelerated approval of 2016-05-18 in urothelial carcinoma rested on IMvigor210, a single-arm " \
           "trial on objective response rate, not on overall survival" in text
    assert "The confirmatory trial IMpassion131 of the accelerated approval in triple-negative breast carcinoma " \
           "did not confirm the benefit" in text
    assert "In ALEXANDRA, grade 3-4 treatment-related adverse events (safety population): 54.3% vs 44.1%" in text
    assert "In IMpassion130 the tested endpoints were met only in a subgroup" not in text  # PFS ITT was met too


def test_as_of_leaves_out_what_came_later(page_of):
    now, then = page_of(ATEZO, TNBC), page_of(ATEZO, TNBC, as_of="2021-09-15")
    before = page_of(ATEZO, TNBC, as_of="2020-06-30")
    row = lambda p: next(b for s in p["sections"] for b in s["blocks"] if b["type"] == "table")["rows"][0]["cells"]
    assert row(now)[7].startswith("ended 2021-10-06")
    assert row(then)[7] == "end announced 2021-08-27, not yet in effect"  # announced, not yet effective
    assert row(before)[7] == "in force"
    ev = _text(before, "Evidence by indication and setting")
    assert "IMpassion130" in ev and "ALEXANDRA" not in ev and "IMpassion131" not in ev
    assert "did not confirm" not in _text(before, "Limitations")
    srcs = {e["source"] for e in before["references"]}
    assert "PMID:39883436" not in srcs and "PMID:34219000" not in srcs  # JAMA 2025, Ann Oncol 2021
    assert all(e["date"] <= "2020-06-30" for e in before["timeline"])
    assert "As of" not in _text(now, "About this page") and "2020-06-30" in _text(before, "About this page")


def test_as_of_before_any_approval(page_of):
    page = page_of(PEMBRO, as_of="2010-01-01")
    assert "The graph holds no approval of pembrolizumab by 2010-01-01" in _text(page, "Regulatory history")
    assert page["timeline"] == []


def test_clinician_page_is_denser(page_of):
    general, clinician = page_of(ATEZO, TNBC), page_of(ATEZO, TNBC, audience="clinician")
    g, c = (_text(p, "Evidence by indication and setting") for p in (general, clinician))
    assert len(c) > len(g)
    assert "overall survival (ITT): HR 1.23 (95% CI 0.87-1.73)" in c and "HR 1.23" not in g  # ALEXANDRA secondary
    assert "randomised" in c and "p=0.38" in c


def test_unknown_audience_is_refused(store):
    from kg.brief.page import build_page
    from kg.errors import QueryError

    with pytest.raises(QueryError):
        build_page(store, ATEZO, audience="patient; DROP")
