import pandas as pd

from kustomer_nb.report.format import change, duration, html_table
from kustomer_nb.report.weekly import headline

T = pd.Timedelta


def test_duration__short_human_units():
    assert duration(T(seconds=250)) == "4m 10s"
    assert duration(T(minutes=65)) == "1h 05m"
    assert duration(T(hours=51)) == "2d 3h"
    assert duration(pd.NaT) == "–"


def test_change__relative_with_no_base_said_so():
    assert change(110, 100) == "+10.0%"
    assert change(T(minutes=30), T(minutes=60)) == "-50.0%"
    assert change(5, 0) == "n/a"
    assert change(5, None) == "n/a"


def test_html_table__marker_caption_and_formatted_values():
    frame = pd.DataFrame(
        {"queue": ["Returns"], "oldest": [T(hours=30)], "total": [1234.5]}
    )
    html = html_table(frame, kn_id="demo", caption="Cap <1>")
    assert html.startswith('<div data-kn="demo">')
    assert "<caption>Cap &lt;1&gt;</caption>" in html
    assert "1d 6h" in html and "1,234.50" in html


def test_headline__week_over_week_rows():
    weekly = pd.DataFrame(
        {
            "conversations": [100, 120],
            "done": [90, 96],
            "first_response_median": [T(minutes=20), T(minutes=30)],
            "first_response_p90": [T(hours=2), T(hours=2)],
            "first_resolution_median": [pd.NaT, T(hours=5)],
        }
    )
    out = headline(weekly, backlog_now=40, backlog_before=50).set_index("metric")
    assert out.loc["Conversations created"].tolist() == ["120", "100", "+20.0%"]
    # 80.0% done against 90.0%: a change in percentage points
    assert out.loc["Done now (% of created)"].tolist() == ["80.0%", "90.0%", "-10.0 pp"]
    assert out.loc["First response, median", "change"] == "+50.0%"
    assert out.loc["First response, p90", "change"] == "±0%"
    assert out.loc["First resolution, median"].tolist() == ["5h 00m", "–", "n/a"]
    assert out.loc["Open or snoozed at week end (backlog)"].tolist() == [
        "40",
        "50",
        "-20.0%",
    ]


def test_html_table__counts_have_thousands_separators():
    frame = pd.DataFrame(
        {"check": ["rows", "missing"], "count": pd.array([12411, None], dtype="Int64")}
    )
    out = html_table(frame, kn_id="t")
    assert "<td>12,411</td>" in out
    assert "<td>–</td>" in out
