import datetime as dt

import pandas as pd
import pytest

from kustomer_nb.report.period import last_full_week_end, report_period


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
    with pytest.raises(ValueError, match="weeks must be a whole number"):
        report_period(None, 0, "UTC")
    with pytest.raises(ValueError, match="unknown time zone"):
        report_period(None, 8, "Nowhere/City")
    with pytest.raises(ValueError, match="week_end must be a date"):
        report_period("last tuesday-ish", 8, "UTC")
