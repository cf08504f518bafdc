"""Table rows read under their headers: figures by column, arms' medians, patients, the section's
disease, and hostile tables."""
from __future__ import annotations

from kg.sources.text.sentences import split
from kg.sources.text.table_figures import figures as _figures, headers, patients


def _rows(*lines: str):
    return split("\n".join(lines))


def figures(rows, i):
    return _figures(rows, i, headers(rows))


def test_a_column_of_hazard_ratios_gives_each_rows_figure_with_its_ci():
    rows = _rows("| Regimen | Pivotal trial | OS hazard ratio (95% CI) |",
                 "| A + B | X-1 | 0.49 (0.38\u20130.64) |",
                 "| C | X-2 | 0.71 (0.53-0.93), p=0.001 |")
    assert [(f["measure"], f["value"], f["ci_low"], f["ci_high"], f["endpoint"]) for f in figures(rows, 1)] == [
        ("HR", 0.49, 0.38, 0.64, "overall survival")]
    assert figures(rows, 2)[0]["p"] == "0.001"
    assert figures(rows, 0) == []  # the header is no row of figures


def test_a_cell_of_two_rates_gives_two_and_dates_or_trial_sizes_give_none():
    rows = _rows("| Drug | FDA approval | Pivotal study | Objective response rate (95% CI) |",
                 "| Z | 13 Dec 2024 | CK-1 (n=109) | 47% (36\u201359) metastatic; 48% (30\u201367) locally advanced |")
    got = [(f["measure"], f["value"], f["ci_low"], f["endpoint"]) for f in figures(rows, 1)]
    assert got == [("rate", 47, 36, "objective response rate"), ("rate", 48, 30, "objective response rate")]


def test_a_labelled_row_gives_the_arms_medians_and_the_ratio_column_its_endpoint():
    rows = _rows("| Endpoint | A + chemotherapy | Placebo + chemotherapy | Hazard ratio (95% CI) |",
                 "| Median progression-free survival | 11.7 months | 8.0 months | 0.52 (0.36\u20130.74), p=0.0003 |")
    got = figures(rows, 1)
    assert [(f["measure"], f["value"], f.get("control_value"), f["endpoint"]) for f in got] == [
        ("median", 11.7, 8.0, "progression-free survival"), ("HR", 0.52, None, "progression-free survival")]
    assert got[1]["p"] == "0.0003" and got[1]["ci_high"] == 0.74


def test_separate_ci_and_p_columns_and_a_threshold_in_a_label_is_no_rate():
    rows = _rows("| Endpoint | HR | 95% CI | P |", "| Overall survival | 0.80 | 0.64-0.98 | 0.0164 |")
    assert [(f["value"], f["ci_low"], f["ci_high"], f["p"]) for f in figures(rows, 1)] == [(0.8, 0.64, 0.98, "0.0164")]
    rows = _rows("| Use | FDA action | Trial | Headline result |",
                 "| 1L NSCLC, PD-L1 \u226550% | approved 22 February 2021 | T-1 | OS HR 0.57 |")
    assert figures(rows, 1) == []  # (the sentence reader reads the HR; "22" of the date is no rate)


def test_a_column_of_patients():
    rows = _rows("| Trial | Patients randomised | HR |", "| X-1 | 1,202 | 0.7 |", "| X-2 | about half | 0.9 |")
    assert patients(rows, 1) == (1202, "randomised") and patients(rows, 2) is None and patients(rows, 0) is None
    # what the header counts goes with the number: the audit holds only a count of the enrolled against the enrolment
    assert patients(_rows("| Study | N randomised |", "| X-1 | 1,005 |"), 1) == (1005, "randomised")
    assert patients(_rows("| Study | N |", "| X-1 | 1,005 |"), 1) == (1005, "enrolled")


def test_rows_read_in_context(reader):
    text = ("Merkel cell carcinoma\n\n| Drug | FDA approval | Type | Pivotal study | Objective response rate (95% CI)\n\n"
            "| Avelumab (Bavencio) | 23 Mar 2017 | Accelerated | JAVELIN Merkel 200 | 33.0% (23.3\u201343.8)\n")
    cs = reader(text)
    approval = next(c for c in cs if c.kind == "approval")
    assert (approval.subject, approval.object, approval.values["date"], approval.values["approval_type"]) == (
        "DRUGBANK:DB11945", "MONDO:0019210", "2017-03-23", "accelerated")  # the disease of the heading above
    result = next(c for c in cs if c.kind == "trial result")
    assert (result.values["value"], result.values["ci_low"], result.values["endpoint"]) == (33.0, 23.3, "objective response rate")


def test_hostile_tables_are_read():
    # empty cells, no header, ragged rows, a table of 20,000 rows (each row's header found in the one pass of
    # headers(); speed is benchmarks/bench_extract.py's to measure)
    assert figures(_rows("| | |", "|||", "| 0.5 (0.1-0.9) |"), 2) == []
    assert figures(_rows("no table", "| 0.5 |"), 1) == []
    big = _rows(*(["| Trial | HR (95% CI) |"] + ["| X-%d | 0.%d (0.1-0.9) |" % (k, k % 9 + 1) for k in range(20000)]))
    under = headers(big)
    assert sum(len(_figures(big, i, under)) for i in range(len(big))) == 20000
    assert under[10] == 0 and under[19000] == 0 and under[0] is None


def test_a_column_of_endpoints_names_each_rows_ratio():
    from kg.sources.text.sentences import split
    from kg.sources.text.table_figures import figures, headers

    rows = split("| Trial | Regimen | Primary endpoint | Hazard ratio (95% CI) |\n|---|---|---|---|\n"
                 "| CheckMate 8HW | Nivolumab + ipilimumab | PFS vs chemotherapy | 0.21 (0.14-0.32) |\n"
                 "| RATIONALE-306 | Tislelizumab + chemotherapy | Overall survival, all patients | 0.66 (0.54-0.80) |")
    got = [[(f["endpoint"], f["value"]) for f in figures(rows, k, headers(rows))] for k in (2, 3)]
    assert got == [[("progression-free survival", 0.21)], [("overall survival", 0.66)]]
