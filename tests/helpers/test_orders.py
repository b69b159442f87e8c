from pathlib import Path

import pandas as pd
import pytest

import kustomer_nb as kn

SAMPLE = Path(__file__).parents[1] / "data" / "orders_export_sample.csv"


@pytest.fixture
def orders():
    return kn.read_orders(SAMPLE)


def test_read_orders__sample_facts(orders):
    assert list(orders["order"]) == [f"#{n}" for n in range(1001, 1009)]
    assert orders["line_items"].sum() == 12
    assert dict(zip(orders["order"], orders["total"], strict=True)) == {
        "#1001": 122.00,
        "#1002": 80.10,
        "#1003": 69.00,
        "#1004": 55.00,
        "#1005": 274.50,
        "#1006": 27.00,
        "#1007": 69.00,
        "#1008": 153.00,
    }
    assert {"refunded", "partially_refunded", "pending", "voided"} <= set(
        orders["financial_status"].dropna()
    )
    assert list(orders.loc[orders["cancelled"], "order"]) == ["#1007"]


def test_read_orders__emails_normalised_and_missing_kept(orders):
    by_order = dict(zip(orders["order"], orders["email"], strict=True))
    assert by_order["#1002"] == "omar.haddad@example.com"
    assert pd.isna(by_order["#1006"])
    counts = orders["email"].value_counts()
    assert counts.to_dict() == {
        "maya.field@example.com": 2,
        "lena.kowalski@example.com": 2,
        "omar.haddad@example.com": 1,
        "jon.baptiste@example.com": 1,
        "priya.nair@example.com": 1,
    }


def test_read_orders__times_in_utc(orders):
    assert orders["created_at"].iloc[0] == pd.Timestamp("2026-11-02T14:14:05Z")
    assert str(orders["created_at"].dtype) == "datetime64[ms, UTC]"


def _write(tmp_path, transform) -> Path:
    lines = SAMPLE.read_text().splitlines()
    path = tmp_path / "orders.csv"
    path.write_text("\n".join(transform(lines)) + "\n")
    return path


def test_read_orders__bad_date_names_file_column_and_line(tmp_path):
    path = _write(
        tmp_path,
        lambda ls: [
            ls[0],
            ls[1].replace("2026-11-02 09:14:05 -0500", "yesterday"),
            *ls[2:],
        ],
    )
    with pytest.raises(
        ValueError,
        match=r"orders.csv: column Created at at line 2: cannot parse 'yesterday'",
    ):
        kn.read_orders(path)


def test_read_orders__bad_amount_names_the_line(tmp_path):
    path = _write(
        tmp_path,
        lambda ls: [
            ls[0],
            *ls[1:3],
            ls[3].replace(",80.10,WELCOME10", ",eighty,WELCOME10"),
            *ls[4:],
        ],
    )
    with pytest.raises(
        ValueError, match=r"column Total at line 4: cannot parse 'eighty'"
    ):
        kn.read_orders(path)


def test_read_orders__missing_column_and_ragged_rows_are_errors(tmp_path):
    no_total = _write(tmp_path, lambda ls: [ls[0].replace(",Total,", ",Sum,"), *ls[1:]])
    with pytest.raises(ValueError, match="missing required column.*Total"):
        kn.read_orders(no_total)
    ragged = _write(tmp_path, lambda ls: [*ls[:5], ls[5] + ",extra", *ls[6:]])
    with pytest.raises(ValueError, match="line 6 has 80 fields, the header has 79"):
        kn.read_orders(ragged)


def _customers():
    frame = pd.DataFrame(
        {
            "id": ["k1", "k2", "k3"],
            "email": ["Maya.Field@example.com", None, "omar.haddad@example.com"],
        }
    ).astype(pd.StringDtype("pyarrow"))
    return frame


def test_join_orders__counts_totals_and_fallback_reasons(make, orders):
    convs = make(
        {"id": "c1", "customer_id": "k1", "created_at": "2026-11-05T00:00:00Z"},
        {"id": "c2", "customer_id": "k2", "created_at": "2026-11-05T00:00:00Z"},
        {"id": "c3", "customer_id": "k9", "created_at": "2026-11-05T00:00:00Z"},
        {"id": "c4", "customer_id": None, "created_at": "2026-11-05T00:00:00Z"},
        {"id": "c5", "customer_id": "k3", "created_at": "2026-11-01T00:00:00Z"},
        {"id": "c6", "customer_id": "k1", "created_at": "2026-11-01T00:00:00Z"},
    )
    out = kn.join_orders(convs, orders, _customers())

    assert list(out["id"]) == ["c1", "c2", "c3", "c4", "c5", "c6"]
    assert list(out["orders"]) == [2, 0, 0, 0, 1, 2]
    # maya: #1001 122.00 (Nov 2) and #1004 55.00 (Nov 5, after c1)
    assert list(out["orders_before"]) == [1, 0, 0, 0, 0, 0]
    assert out["orders_total"].iloc[0] == pytest.approx(177.0)
    assert out["last_order_at"].iloc[0] == pd.Timestamp("2026-11-02T14:14:05Z")
    assert list(out["order_match"]) == [
        "matched",
        "customer has no email",
        "unknown customer",
        "no customer",
        "matched",
        "matched",
    ]


def test_join_orders__bad_on_is_a_clear_error(make, orders):
    convs = make(
        {"id": "c1", "customer_id": "k1", "created_at": "2026-11-05T00:00:00Z"}
    )
    with pytest.raises(ValueError, match='on must be "email" or "customer_id"'):
        kn.join_orders(convs, orders, _customers(), on="phone")
    with pytest.raises(ValueError, match="needs customers="):
        kn.join_orders(convs, orders)


def test_join_orders__on_customer_id_needs_no_customers(make, orders):
    convs = make(
        {"id": "c1", "customer_id": "k1", "created_at": "2026-11-12T00:00:00Z"},
        {"id": "c2", "customer_id": "k2", "created_at": "2026-11-12T00:00:00Z"},
    )
    linked = orders.assign(customer_id=["k1"] * 3 + [None] * 5)
    out = kn.join_orders(convs, linked, on="customer_id")
    # k1: #1001 122.00 + #1002 80.10 + #1003 69.00
    assert list(out["orders"]) == [3, 0]
    assert out["orders_total"].tolist() == pytest.approx([271.10, 0.0])
    assert list(out["order_match"]) == ["matched", "no orders"]


def _assert_no_orders(out, convs):
    assert list(out["id"]) == list(convs["id"])
    assert out["orders_before"].tolist() == [0] * len(convs)
    assert out["last_order_at"].isna().all()
    assert str(out["last_order_at"].dtype) == "datetime64[ms, UTC]"
    assert str(out["orders"].dtype) == "Int64"
    assert str(out["orders_total"].dtype) == "float64"


def test_join_orders__no_order_before_any_conversation(make, orders):
    # maya's first order is 2026-11-02: both conversations come before it
    convs = make(
        {"id": "c1", "customer_id": "k1", "created_at": "2026-10-01T00:00:00Z"},
        {"id": "c2", "customer_id": "k1", "created_at": "2026-10-20T00:00:00Z"},
    )
    out = kn.join_orders(convs, orders, _customers())
    _assert_no_orders(out, convs)
    assert list(out["orders"]) == [2, 2]
    assert list(out["order_match"]) == ["matched", "matched"]


def test_join_orders__no_email_matches(make, orders):
    customers = pd.DataFrame({"id": ["k1"], "email": ["nobody@example.org"]})
    convs = make(
        {"id": "c1", "customer_id": "k1", "created_at": "2026-12-01T00:00:00Z"}
    )
    out = kn.join_orders(convs, orders, customers.astype(pd.StringDtype("pyarrow")))
    _assert_no_orders(out, convs)
    assert list(out["orders"]) == [0]
    assert out["orders_total"].tolist() == [0.0]
    assert list(out["order_match"]) == ["no orders"]


def test_join_orders__header_only_orders_file(make, tmp_path):
    path = _write(tmp_path, lambda ls: ls[:1])
    empty = kn.read_orders(path)
    assert len(empty) == 0
    convs = make(
        {"id": "c1", "customer_id": "k1", "created_at": "2026-12-01T00:00:00Z"},
        {"id": "c2", "customer_id": "k2", "created_at": "2026-12-01T00:00:00Z"},
    )
    out = kn.join_orders(convs, empty, _customers())
    _assert_no_orders(out, convs)
    assert list(out["order_match"]) == ["no orders", "customer has no email"]


def test_read_orders__second_header_for_an_order_is_refused(tmp_path):
    # a new first line for #1001, other email and total, after #1002
    again = (
        "#1001,someone.else@example.com,paid,,fulfilled,,no,USD,10.00,0.00,0.00,"
        "10.00,,0.00,Standard,2026-11-12 10:00:00 -0500" + "," * 63
    )
    path = _write(tmp_path, lambda ls: [*ls[:4], again, *ls[4:]])
    with pytest.raises(
        ValueError,
        match=r"orders.csv: order #1001 starts again at line 5 \(first at line 2\)"
        r".*first line only. Two exports concatenated",
    ):
        kn.read_orders(path)


def test_read_orders__whole_file_twice_is_refused(tmp_path):
    path = _write(tmp_path, lambda ls: [*ls, *ls[1:]])
    with pytest.raises(
        ValueError,
        match=r"order #1001 starts again at line 14 \(first at line 2\)"
        r".*concatenated.*\(8 such lines in the file\)",
    ):
        kn.read_orders(path)


def test_read_orders__line_items_of_an_order_may_be_apart(tmp_path):
    # a line item of #1001 (order columns blank) after other orders is still #1001's
    path = _write(tmp_path, lambda ls: [ls[0], ls[1], *ls[3:], ls[2]])
    orders = kn.read_orders(path)
    assert orders.set_index("order").loc["#1001", "line_items"] == 2
    assert orders["line_items"].sum() == 12


def test_read_orders__currency_read_when_present(orders, tmp_path):
    assert orders["currency"].tolist() == ["USD"] * 8
    assert str(orders["currency"].dtype) == "string"
    # drop the Currency column (8th) from every line: still readable, currency missing
    path = _write(
        tmp_path,
        lambda ls: [
            ",".join(v for i, v in enumerate(x.split(",")) if i != 7) for x in ls
        ],
    )
    without = kn.read_orders(path)
    assert without["currency"].isna().all()
    assert without["total"].tolist() == orders["total"].tolist()


def test_join_orders__orders_before_total_skips_cancelled_and_voided(make, orders):
    customers = pd.DataFrame(
        {
            "id": ["k1", "k4", "k5"],
            "email": [
                "maya.field@example.com",
                "priya.nair@example.com",
                "lena.kowalski@example.com",
            ],
        }
    ).astype(pd.StringDtype("pyarrow"))
    convs = make(
        {"id": "c1", "customer_id": "k1", "created_at": "2026-11-12T00:00:00Z"},
        {"id": "c2", "customer_id": "k4", "created_at": "2026-11-12T00:00:00Z"},
        {"id": "c3", "customer_id": "k5", "created_at": "2026-11-04T00:00:00Z"},
    )
    out = kn.join_orders(convs, orders, customers)
    # maya: #1001 122.00 + #1004 55.00 (partially refunded: its full total)
    # priya: only #1007, voided and cancelled; lena: #1003 69.00 (refunded) by Nov 4,
    # #1008 153.00 comes after c3
    assert out["orders_before_total"].tolist() == pytest.approx([177.0, 0.0, 69.0])
    assert list(out["orders_before"]) == [2, 1, 1]
    assert out["orders_total"].tolist() == pytest.approx([177.0, 69.0, 222.0])
    assert str(out["orders_before_total"].dtype) == "float64"
    # a cancelled order that is not voided is left out too
    first_cancelled = orders.assign(cancelled=orders["order"] == "#1001")
    again = kn.join_orders(convs, first_cancelled, customers)
    assert again["orders_before_total"].tolist() == pytest.approx([55.0, 0.0, 69.0])
