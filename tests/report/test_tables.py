"""The weekly report's tables and notes, on hand-built frames."""

from __future__ import annotations

import pandas as pd
import pytest

import kustomer_nb as kn
from kustomer_nb.report import charts
from kustomer_nb.report.format import html_table
from kustomer_nb.report.period import report_period
from kustomer_nb.report.weekly import (
    headline,
    intro,
    order_currency,
    order_value_note,
    orders_by_channel,
    orders_checks,
    resolution_caveat,
    team_volume,
    week_labels,
    weekly_summary,
)
from tests.helpers.conftest import conversations, lookup

NOW = "2026-12-03T13:00:00Z"
H = pd.Timedelta(hours=1)


def _period(weeks=2):
    return report_period("2026-11-29", weeks, "UTC", now=NOW)


def _row(id_, created, status, done=None):
    return {
        "id": id_,
        "created_at": f"2026-11-{created}Z",
        "status": status,
        "first_done_at": done and f"2026-11-{done}Z",
        "last_done_at": done and f"2026-11-{done}Z",
    }


def _convs():
    return conversations(
        # W47: two created, both resolved once (one reopened, open now)
        _row("a", "16T09:00:00", "done", done="16T10:00:00"),
        _row("b", "18T09:00:00", "open", done="18T12:00:00"),
        # W48: four created, one resolved so far, one snoozed
        _row("c", "23T09:00:00", "done", done="23T10:00:00"),
        _row("d", "24T09:00:00", "open"),
        _row("e", "26T09:00:00", "snoozed"),
        _row("f", "29T23:00:00", "open"),
    )


def test_weekly_summary__resolved_so_far_per_week():
    out = weekly_summary(_convs(), _period())
    assert out["conversations"].tolist() == [2, 4]
    assert out["resolved"].tolist() == [2, 1]
    assert str(out["resolved"].dtype) == "Int64"
    # only resolved conversations are in the median: W48 looks fast
    assert out["first_resolution_median"].tolist() == [2 * H, 1 * H]


def test_headline__resolved_share_row_and_caveat():
    weekly = weekly_summary(_convs(), _period())
    out = headline(weekly, 3, 1).set_index("metric")
    assert out.loc["Resolved so far (% of created)"].tolist() == [
        "25.0%",
        "100.0%",
        "-75.0 pp",
    ]
    assert resolution_caveat(weekly) == (
        "Resolution times count only the conversations resolved so far (25.0% of "
        "this week's and 100.0% of the previous week's): the times of the "
        "unresolved ones are not counted yet and will raise the figure as they "
        "are resolved."
    )


def test_headline__shares_carry_a_percent_sign():
    weekly = weekly_summary(_convs(), _period())
    out = headline(weekly, 3, 1).set_index("metric")
    # W48: 1 of 4 conversations done now; W47: 1 of 2
    assert out.loc["Done now (% of created)"].tolist() == ["25.0%", "50.0%", "-25.0 pp"]


def test_resolution_caveat__no_conversations_no_caveat():
    weekly = weekly_summary(_convs().iloc[0:0], _period())
    assert resolution_caveat(weekly) == ""
    one_week = weekly_summary(_convs().iloc[2:], _period())
    assert "(25.0% of this week's):" in resolution_caveat(one_week)


def test_team_volume__snoozed_shown_so_columns_add_up():
    teams = lookup([("t1", "Tier 1")])
    convs = _convs().assign(assigned_team_ids=[["t1"]] * 6)
    out = team_volume(kn.join_names(convs, teams=teams), "UTC")
    assert out.columns.tolist() == ["team", "conversations", "open", "snoozed", "done"]
    assert out.iloc[0].tolist() == ["Tier 1", 6, 3, 1, 2]


def _joined():
    rows = [
        # id, channel, customer, created, orders, orders before, value before
        ("c1", "email", "k1", "2026-11-24", 2, 1, 100.0),
        ("c2", "chat", "k1", "2026-11-25", 2, 2, 150.0),
        ("c3", "email", "k1", "2026-11-26", 2, 2, 150.0),
        ("c4", "email", "k2", "2026-11-24", 1, 0, 0.0),
        ("c5", None, None, "2026-11-24", 0, 0, 0.0),
        ("c6", "email", "k3", "2026-11-27", 1, 1, 20.5),
    ]
    cols = ["id", "channel", "customer_id", "created_at", "orders", "orders_before"]
    frame = pd.DataFrame(rows, columns=[*cols, "orders_before_total"])
    return frame.astype(
        {
            "channel": "category",
            "customer_id": pd.StringDtype("pyarrow"),
            "orders": "Int64",
            "orders_before": "Int64",
        }
    ).assign(created_at=pd.to_datetime(frame["created_at"], utc=True))


def test_orders_by_channel__each_customer_valued_once_at_first_contact():
    out = orders_by_channel(_joined(), "USD")
    assert out.columns.tolist() == [
        "channel",
        "conversations",
        "from customers with orders",
        "from customers who had ordered before",
        "customers",
        "order value (USD)",
    ]
    # k1's value is taken at c1 (100.0), its first conversation, once per row;
    # k2 had no order before writing; c5 has no customer
    assert out.values.tolist() == [
        ["(none)", 1, 0, 0, 0, 0.0],
        ["chat", 1, 1, 1, 1, 100.0],
        ["email", 4, 4, 3, 3, 120.5],
        ["(all channels)", 6, 5, 4, 3, 120.5],
    ]
    assert orders_by_channel(_joined()).columns[-1] == "order value"


def test_order_currency__one_mixed_or_none():
    assert order_currency(pd.DataFrame({"currency": ["USD", "USD", None]})) == "USD"
    assert (
        order_currency(pd.DataFrame({"currency": ["USD", "EUR"]})) == "mixed: EUR, USD"
    )
    assert order_currency(pd.DataFrame({"total": [1.0]})) is None
    note = order_value_note("USD")
    assert "counted once per customer" in note and "cancelled and voided" in note
    assert note.endswith(
        "in USD. A customer who wrote on two channels is in both "
        "rows and once in (all channels)."
    )


def test_orders_checks__no_match_and_no_orders_warn():
    joined = _joined()
    fine = orders_checks(pd.DataFrame({"order": ["#1"]}), joined)
    assert fine.values.tolist() == [
        ["orders read", 1, "pass", ""],
        ["orders matched", 5, "pass", "83.3% of 6 in the report week"],
    ]
    none = orders_checks(
        pd.DataFrame({"order": []}), joined.assign(orders=0, orders_before=0)
    )
    assert none.values.tolist() == [
        ["orders read", 0, "warn", ""],
        ["orders matched", 0, "warn", "0.0% of 6 in the report week"],
    ]
    empty_week = orders_checks(pd.DataFrame({"order": ["#1"]}), joined.iloc[0:0])
    assert empty_week["status"].tolist() == ["pass", "pass"]


def test_intro__empty_period_says_when_the_data_starts():
    empty = _convs().iloc[0:0]
    start = pd.Timestamp("2026-12-01T03:00:00Z")
    text = intro(_period(2), empty, empty, start)
    assert "0 conversations created in the period, 0 in the report week." in text
    assert text.endswith(
        "**No conversations in this period**: the data starts 2026-12-01, after the "
        "period ends. Choose a later `week_end` to see it."
    )
    assert "Data starts" not in text
    none = intro(_period(2), empty, empty, None)
    assert none.endswith(
        "**No conversations in this period**, and none created after it."
    )


def test_intro__plural_aware_and_data_start():
    convs = _convs()
    one = intro(_period(1), convs.iloc[2:], convs.iloc[2:])
    assert "trends over 1 week from 2026-11-23. 4 conversations created" in one
    assert "Data starts" not in one
    # 3 weeks from 2026-11-09, the first conversation on 2026-11-16
    three = intro(_period(3), convs, convs.iloc[2:])
    assert "trends over 3 weeks from 2026-11-09. 6 conversations created" in three
    assert three.endswith(
        "Data starts 2026-11-16: weeks before it are empty and that week is partial."
    )
    single = intro(_period(1), convs.iloc[5:], convs.iloc[5:])
    assert "1 conversation created in the period" in single


def test_week_labels__every_monday_of_the_period():
    assert week_labels(_period(3)) == ["2026-11-09", "2026-11-16", "2026-11-23"]


@pytest.mark.parametrize(
    "frame",
    [
        pd.DataFrame({"week": pd.Series([], dtype=object), "n": []}),
        pd.DataFrame({"week": ["2026-11-16"], "n": [float("nan")]}),
    ],
)
def test_charts__no_data_is_a_note_not_an_empty_chart(frame):
    # filterwarnings=error: altair's "cannot infer vegalite type" would fail here
    for chart in (
        charts.bar_chart(frame, x="week", y="n", title="Volume"),
        charts.line_chart(frame, x="week", y="n", title="Volume"),
    ):
        assert isinstance(chart, charts.NoData)
        assert chart._repr_html_() == (
            '<p class="kn-no-data" data-kn="no-data"><strong>Volume</strong><br>'
            "No data for this period</p>"
        )


def test_charts__x_domain_fixes_the_axis():
    frame = pd.DataFrame({"week": ["2026-11-16"], "n": [3]})
    domain = ["2026-11-09", "2026-11-16"]
    for chart in (
        charts.bar_chart(frame, x="week", y="n", x_domain=domain),
        charts.line_chart(frame, x="week", y="n", x_domain=domain),
    ):
        x = chart.to_dict()["encoding"]["x"]
        assert x["scale"]["domain"] == domain and x["sort"] == domain


def test_html_table__empty_frame_keeps_header_and_says_no_data():
    html = html_table(pd.DataFrame({"queue": [], "open": []}), kn_id="backlog")
    assert "<th>queue</th>" in html and "<td>" not in html
    assert html.endswith('<p class="kn-no-data">No data for this period</p></div>')
