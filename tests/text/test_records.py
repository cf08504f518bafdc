"""Records of fields and values (kg/sources/text/records.py): lines of "Field: value" and two-column tables, as
database exports and drug-reference entries write them. Each record here is written for the test."""
from __future__ import annotations

import pytest

from kg.sources.text import records
from kg.sources.text.sentences import split


@pytest.fixture(scope="module")
def read(store):
    from kg.sources.text.claims import extract
    from kg.sources.text.entities import Matcher
    from kg.sources.text.facts import Facts

    m, f = Matcher.from_store(store), Facts.from_store(store)

    def claims(text):
        return [(c.kind, c.subject, c.values.get("date") or c.values.get("effective") or c.values.get("announced"),
                 c.values.get("approval_type"), c.sentence) for c in extract(text, m.find(text), f)
                if c.kind in ("approval", "withdrawal")]
    return claims


EXPORT = """Export of 3 records

Drug: zelvokinib (Vantora)
Indication: RET fusion-positive non-small cell lung cancer
Agency: FDA
Action: Accelerated approval
Date: 2020-05-08

Drug: zelvokinib
Indication: medullary thyroid cancer
Action: Withdrawn
Date: 2023-06-30

Drug: zelvokinib
Indication: papillary thyroid cancer
Action: Decision expected
Date: 2027-01-15
"""


def test_each_record_gives_its_event_on_the_line_of_its_date(read):
    assert read(EXPORT) == [
        ("approval", "KG:drug-zelvokinib", "2020-05-08", "accelerated", "Date: 2020-05-08"),
        ("withdrawal", "KG:drug-zelvokinib", "2023-06-30", None, "Date: 2023-06-30")]


def test_a_table_of_fields_with_an_agency_per_row_and_the_documents_own_dates_left_out(read):
    text = ("# zelvokinib (Vantora)\n\nFor adults with HR-positive, HER2-negative advanced breast cancer.\n\n"
            "| Field | Entry |\n|---|---|\n| Generic name | zelvokinib |\n| Last reviewed | 02-Jul-2024 |\n"
            "| FDA approval | 16-Nov-2023 (regular approval), with fulvestrant |\n"
            "| EU | Marketing authorisation granted 17-Jun-2024 |\n")
    got = [(k, d, t) for k, _, d, t, _ in read(text)]
    assert ("approval", "2023-11-16", "regular") in got and ("approval", "2024-06-17", None) in got
    assert not [x for x in got if x[1] == "2024-07-02"]


def test_lines_that_are_not_fields_and_records_of_two_fields(read):
    assert records.fields("The FDA: approved it.") is None and records.fields("| a | b | c |") is None
    text = "Drug: zelvokinib\nDate: 2020-05-08\n\nIt works."
    assert records.records(text, split(text)) == []



def test_a_table_rows_cell_of_sentences_belongs_to_its_row(read):
    # (an HTML table's row, as the markup reader writes it, and a Markdown one: the row is one unit)
    text = ("| Medicine | What it does | Approved use\n\n"
            "| Nerlynx (neratinib) | A tablet. | Extended adjuvant treatment of early-stage HER2-positive breast cancer. "
            "FDA approved July 17, 2017.\n")
    assert [(k, d, date) for k, d, date, _, _ in read(text)] == [("approval", "KG:drug-neratinib", "2017-07-17")]


def test_an_html_infobox_is_one_record_and_its_date_cell_gives_the_type_in_brackets(store, tmp_path):
    # (twelfth round: an HTML table's rows come out with blank lines between them, and each row was a record alone)
    from kg.sources.ingest import extract_file

    page = tmp_path / "infobox.html"
    page.write_text("<h1>Nivolumab: regulatory history</h1><table class='infobox'><caption>Nivolumab</caption>"
                    "<tr><th>Trade name</th><td>Opdivo</td></tr><tr><th>Type</th><td>Monoclonal antibody</td></tr>"
                    "<tr><th>First US approval</th><td>22 December 2014 (accelerated; melanoma)</td></tr></table>"
                    "<p>Its history is told below.</p>", encoding="utf-8")
    got = [(c.subject, c.object, c.values.get("date"), c.values.get("approval_type"))
           for c in extract_file(page, store).claims if c.kind == "approval"]
    assert ("DRUGBANK:DB09035", "MONDO:0005105", "2014-12-22", "accelerated") in got
