"""Dates as articles write them (kg/sources/text/dates.py): every common form, at the precision
the text gives, and numbers that are not dates."""
from __future__ import annotations

import pytest

from kg.sources.text.dates import document_date, find


@pytest.mark.parametrize("text,iso", [
    ("cleared on August 3, 2020", "2020-08-03"),
    ("cleared on 3 August 2020", "2020-08-03"),
    ("cleared on Aug. 3, 2020", "2020-08-03"),
    ("cleared on 3 Aug 2020", "2020-08-03"),
    ("cleared on Sept. 30, 2019", "2019-09-30"),
    ("cleared on August 3rd, 2020", "2020-08-03"),
    ("cleared on the 3rd of August 2020", "2020-08-03"),
    ("cleared on Monday, 3 August 2020", "2020-08-03"),
    ("cleared on 2020-08-03", "2020-08-03"),
    ("cleared in August 2020", "2020-08"),
    ("cleared in August, 2020", "2020-08"),
    ("cleared in 2020", "2020"),
    ("cleared in late 2020", "2020"),
    ("converted since mid-2019", "2019"),
    ("its 2016 accelerated approval", "2016"),
])
def test_each_form_at_its_precision(text, iso):
    assert [d.iso for d in find(text)] == [iso]


def test_a_month_or_a_day_without_a_year_takes_the_articles_year():
    text = "The company said on Tuesday (Aug. 4) that it would act; in September it did."
    assert [d.iso for d in find(text, year="2020")] == ["2020-08-04", "2020-09"]
    assert find(text) == []  # without the article's year they are not dates


def test_a_day_without_a_year_in_a_dated_report_is_the_nearest_one():
    """A report of 23 February 2021 that tells of "Dec. 19" means December 2020, and one of
    1 March that says an indication ends "on March 30" means this March."""
    assert [d.iso for d in find("gave it up on Dec. 19", year="2021", today="2021-02-23")] == ["2020-12-19"]
    assert [d.iso for d in find("ends on March 30; in January", year="2021", today="2021-03-01")] == [
        "2021-03-30", "2021-01"]
    assert [d.iso for d in find("takes effect on Jan. 5", year="2021", today="2021-12-20")] == ["2022-01-05"]


def test_a_day_without_a_year_after_a_full_date_is_near_that_date():
    assert [d.iso for d in find("withdrawn on 19 February 2021 and announced on 22 February", year="2025",
                                today="2025-12-01")] == ["2021-02-19", "2021-02-22"]


def test_today_is_the_articles_date():
    assert [d.iso for d in find("The maker today announced the decision.", today="2020-08-04")] == ["2020-08-04"]


@pytest.mark.parametrize("text", ["It enrolled 2019 patients.", "A dose of 2020 mg", "In 2,021 people",
                                  "on 31 Smarch 2020", "in May we hope", "13/2020"])
def test_numbers_that_are_no_dates(text):
    assert find(text) == []


def test_the_articles_date_is_its_first_full_date():
    assert document_date("HEADLINE\nIssued: Wednesday 5th August 2020, Basel\nIn May 2017 it was approved.") == "2020-08-05"
    assert document_date("Updated: 07/2024\nNothing else") == "2024-07"
    assert document_date("No date at all") is None


def test_a_day_no_calendar_has_is_no_date():
    assert find("approved on 30 February 2021 and on February 31, 2020") == []
    assert [d.iso for d in find("on 29 February 2020")] == ["2020-02-29"]


def test_a_weekday_picks_the_year_and_the_nth_weekday_of_a_month():
    from kg.sources.text.dates import find
    assert [d.iso for d in find("On Thursday, July 1, Merck withdrew it.", year="2020")] == ["2021-07-01"]
    assert [d.iso for d in find("On the first Monday in March 2020 it was approved.")] == ["2020-03-02"]
    # the nearest year where the day falls on that weekday, the year a timeline spoke of last before the article's
    assert [d.iso for d in find("On Monday, July 1, it was approved.", year="2021")] == ["2019-07-01"]
    assert [d.iso for d in find("Thursday, April 11: approved.", year="2014", near="2018")] == ["2019-04-11"]


def test_months_in_capitals_and_the_document_order_of_numeric_dates():
    from kg.sources.text import dates
    assert [d.iso for d in dates.find("ON JUNE 12, 2025; MAY 2021; SEPT. 3, 2020")] == ["2025-06-12", "2021-05", "2020-09-03"]
    assert dates.numeric_order("03/22/2023 and 04/28/2023") == "mdy" and dates.numeric_order("22/03/2023") == "dmy"
    assert dates.numeric_order("22/03/2023 and 03/22/2023") is None and dates.numeric_order("02/09/2021") is None
    assert [d.iso for d in dates.find("02/09/2021", order="dmy")] == ["2021-09-02"]
    assert dates.find("02/09/2021") == []
