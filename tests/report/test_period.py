import datetime as dt

import pandas as pd
import pytest

import kustomer_nb as kn
from kustomer_nb.report import ReportParameterError
from kustomer_nb.report.period import last_full_week_end, report_period

THURSDAY = "2026-12-03T13:00:00Z"


def test_last_full_week_end__is_the_previous_sunday_in_the_tz():
    # Thursday 2026-12-03 → the week of Nov 23–29
    assert last_full_week_end("UTC", "2026-12-03T13:00:00Z") == dt.date(2026, 11, 29)
    # Monday 00:30 in Tokyo is still Sunday in UTC: Tokyo's last full week just ended
    assert last_full_week_end("Asia/Tokyo", "2026-11-29T15:30:00Z") == dt.date(
        2026, 11, 29
    )
    assert last_full_week_end("UTC", "2026-11-29T15:30:00Z") == dt.date(2026, 11, 22)


def test_report_period__boundaries_are_local_mondays_across_dst():
    period = report_period("2026-11-25", 6, "America/New_York")
    assert period.end == pd.Timestamp("2026-11-30", tz="America/New_York")
    # six weeks back crosses the end of daylight saving time (Nov 1)
    assert period.start == pd.Timestamp("2026-10-19", tz="America/New_York")
    assert period.start.utcoffset() == dt.timedelta(hours=-4)
    assert period.last_week_start == pd.Timestamp("2026-11-23", tz="America/New_York")
    assert (period.iso_week, period.sunday) == ("2026-W48", dt.date(2026, 11, 29))


def test_report_period__bad_input_is_clear():
    with pytest.raises(ValueError, match="weeks must be between 1 and 104"):
        report_period(None, 0, "UTC")
    with pytest.raises(ValueError, match="unknown time zone"):
        report_period(None, 8, "Nowhere/City")
    with pytest.raises(ValueError, match="week_end must be a date"):
        report_period("last tuesday-ish", 8, "UTC")


@pytest.mark.parametrize("value", [20261129, 2026.5, True, 0])
def test_report_period__numbers_are_not_dates(value):
    # papermill and the CLI parse -p week_end 20261129 as an int: 1970 if read
    with pytest.raises(ReportParameterError) as error:
        report_period(value, 8, "UTC", now=THURSDAY)
    assert str(error.value) == (
        f"week_end must be a date like 2026-11-29, got {value!r}"
    )
    assert isinstance(error.value, kn.KustomerError)


def test_report_period__dates_strings_and_timestamps_accepted():
    weeks = {
        report_period(day, 1, "UTC", now=THURSDAY).iso_week
        for day in (
            "2026-11-29",
            " 2026-11-25 ",
            dt.date(2026, 11, 23),
            dt.datetime(2026, 11, 27, 18),
            pd.Timestamp("2026-11-28"),
        )
    }
    assert weeks == {"2026-W48"}


@pytest.mark.parametrize("weeks", [0, -1, "abc", 2.5, 105, 5000, True])
def test_report_period__weeks_outside_1_to_104_refused(weeks):
    with pytest.raises(ReportParameterError) as error:
        report_period("2026-11-29", weeks, "UTC", now=THURSDAY)
    assert str(error.value) == (
        f"weeks must be between 1 and 104 (a whole number of weeks), got {weeks!r}"
    )


def test_report_period__104_weeks_is_the_most():
    period = report_period("2026-11-29", 104, "UTC", now=THURSDAY)
    assert period.start == pd.Timestamp("2024-12-02", tz="UTC")


@pytest.mark.parametrize("tz", ["Mars/Base", "", None])
def test_report_period__bad_tz_is_a_parameter_error(tz):
    with pytest.raises(ReportParameterError, match="time zone"):
        report_period("2026-11-29", 8, tz, now=THURSDAY)


def test_report_period__current_week_refused_naming_the_last_full_week():
    with pytest.raises(ReportParameterError) as error:
        report_period("2026-12-03", 8, "UTC", now=THURSDAY)
    assert str(error.value) == (
        "week 2026-W49 (Monday 2026-11-30 to Sunday 2026-12-06, UTC) is not over "
        "yet: it ends at 2026-12-07 00:00 UTC. The last full week is 2026-W48 "
        "(ending Sunday 2026-11-29): pass week_end 2026-11-29, or leave week_end "
        "unset for it."
    )


def test_report_period__future_week_refused():
    with pytest.raises(ReportParameterError, match="2027-W02 .* is in the future"):
        report_period("2027-01-12", 2, "Europe/Paris", now=THURSDAY)


def test_report_period__week_just_ended_in_its_own_tz_is_accepted():
    # 2026-11-30 00:30 in Tokyo: Tokyo's W48 is over, New York's is not
    now = "2026-11-29T15:30:00Z"
    assert report_period("2026-11-29", 1, "Asia/Tokyo", now=now).iso_week == "2026-W48"
    with pytest.raises(ReportParameterError, match="ends at 2026-11-30 00:00"):
        report_period("2026-11-29", 1, "America/New_York", now=now)


def test_report_period__real_clock_refuses_this_week():
    today = pd.Timestamp.now(tz="UTC").date()
    with pytest.raises(ReportParameterError, match="is not over yet"):
        report_period(today.isoformat(), 1, "UTC")
    assert report_period(None, 1, "UTC").end <= pd.Timestamp.now(tz="UTC")
