"""Shopify orders exports, read into one row per order and joined to conversations."""

from __future__ import annotations

import csv
import os
from pathlib import Path

import pandas as pd

from kustomer_nb.helpers._validate import STRING, require_frame

__all__ = ["read_orders", "join_orders", "normalise_email"]

_REQUIRED = {
    "Name": "order",
    "Email": "email",
    "Created at": "created_at",
    "Total": "total",
    "Financial Status": "financial_status",
    "Fulfillment Status": "fulfillment_status",
    "Cancelled at": "cancelled_at",
}
_COLUMNS = [
    "order",
    "email",
    "created_at",
    "total",
    "financial_status",
    "fulfillment_status",
    "cancelled",
    "cancelled_at",
    "currency",
    "line_items",
]
# Read when the export has it (Shopify's does); not required.
_OPTIONAL = {"Currency": "currency"}
# Filled on an order's first line only; a line item repeats none of them.
_ORDER_LEVEL = ("Email", "Financial Status", "Created at", "Total")
_TIME_FORMAT = "%Y-%m-%d %H:%M:%S %z"


def read_orders(path: str | os.PathLike[str]) -> pd.DataFrame:
    """Read a Shopify orders export into one row per order.

    Shopify writes one line per line item; the order's own columns (email,
    totals, dates, statuses) are filled on its first line only. Every line is
    kept: each counts towards its order's ``line_items``.

    Parameters
    ----------
    path : path-like
        A CSV in Shopify's orders export layout (UTF-8, with or without BOM).

    Returns
    -------
    DataFrame
        In file order, columns ``order`` (string, e.g. ``"#1001"``), ``email``
        (string, stripped and lower-cased; missing when the order has none),
        ``created_at`` (datetime64[ms, UTC]), ``total`` (float64),
        ``financial_status``, ``fulfillment_status`` (string, missing when
        blank), ``cancelled`` (bool: ``Cancelled at`` is set), ``cancelled_at``
        (datetime64[ms, UTC]), ``currency`` (string, e.g. ``"USD"``; missing
        when blank or when the export has no ``Currency`` column) and
        ``line_items`` (Int64: lines in the export).

    Raises
    ------
    ValueError
        Naming the file, column and line, for a malformed CSV, a missing
        required column, a line without an order name, an order whose first
        line has no date or total, an order whose order columns are filled
        again on a later line (two exports concatenated?), or an unparseable
        date or amount.
    """
    path = Path(path)
    header, rows = _read_csv(path)
    # Only the columns read below (and the line number, last) are kept.
    wanted = [*_REQUIRED, *(c for c in _OPTIONAL if c in header)]
    keep = [header.index(c) for c in wanted] + [len(header) - 1]
    columns = [header[i] for i in keep]
    lines = pd.DataFrame([[r[i] for i in keep] for r in rows], columns=columns)
    lines = lines.astype(object).replace({"": None})
    for column in _OPTIONAL:
        if column not in lines.columns:
            lines[column] = None
    return _orders(lines, path)


def _read_csv(path: Path) -> tuple[list[str], list[list[str]]]:
    """The header and data rows, each row checked to have the header's width."""
    try:
        with path.open(newline="", encoding="utf-8-sig") as f:
            reader = csv.reader(f, strict=True)
            header = next(reader, None)
            if not header:
                raise ValueError(
                    f"{path}: empty file, expected a Shopify orders export"
                )
            missing = [c for c in _REQUIRED if c not in header]
            if missing:
                raise ValueError(
                    f"{path}: missing required column(s) {', '.join(missing)}; "
                    "is this a Shopify orders export?"
                )
            rows = []
            for row in reader:
                if not row:  # a blank line holds no line item
                    continue
                if len(row) != len(header):
                    raise ValueError(
                        f"{path}: line {reader.line_num} has {len(row)} fields, "
                        f"the header has {len(header)}"
                    )
                rows.append([*row, reader.line_num])
    except csv.Error as e:
        raise ValueError(
            f"{path}: malformed CSV at line {reader.line_num}: {e}"
        ) from None
    except UnicodeDecodeError as e:
        raise ValueError(f"{path}: not UTF-8 text ({e.reason})") from None
    return [*header, "_line"], rows


def _orders(lines: pd.DataFrame, path: Path) -> pd.DataFrame:
    """Collapse line items to orders, parsing the order columns of first lines."""
    names = lines["Name"].astype("object").str.strip()
    names = names.where(names != "", None)
    unnamed = names.isna()
    if unnamed.any():
        line = lines.loc[unnamed, "_line"].iloc[0]
        raise ValueError(f"{path}: column Name is empty at line {line}")

    _refuse_repeated_headers(lines, names, path)
    first = lines[~names.duplicated()].copy()
    for column in ("Created at", "Total"):
        blank = first[column].isna()
        if blank.any():
            raise ValueError(
                f"{path}: column {column} is empty at line "
                f"{first.loc[blank, '_line'].iloc[0]} (the first line of order "
                f"{names[blank.idxmax()]})"
            )

    out = pd.DataFrame(index=first.index)
    out["order"] = names[first.index].astype(STRING)
    out["email"] = normalise_email(first["Email"])
    out["created_at"] = _times(first, "Created at", path)
    out["total"] = _amounts(first, "Total", path)
    for column in ("Financial Status", "Fulfillment Status"):
        out[_REQUIRED[column]] = first[column].str.strip().astype(STRING)
    out["cancelled_at"] = _times(first, "Cancelled at", path)
    out["cancelled"] = out["cancelled_at"].notna()
    out["currency"] = first["Currency"].astype("object").str.strip().astype(STRING)
    counts = names.value_counts(sort=False).reindex(names[first.index])
    out["line_items"] = pd.array(counts.to_numpy(), dtype="Int64")
    return out[_COLUMNS].reset_index(drop=True)


def _refuse_repeated_headers(lines: pd.DataFrame, names: pd.Series, path: Path):
    """An order's own columns are filled on its first line only (Shopify layout).

    A later line of the same order with them filled again is another order
    header: two exports concatenated, or a repeated order name.
    """
    later = names.duplicated()
    filled = lines[list(_ORDER_LEVEL)].notna().any(axis=1)
    again = later & filled
    if not again.any():
        return
    i = again.idxmax()
    name = names[i]
    first_line = lines.loc[names[names == name].index[0], "_line"]
    repeats = int(again.sum())
    raise ValueError(
        f"{path}: order {name} starts again at line {lines.loc[i, '_line']} "
        f"(first at line {first_line}): its order columns "
        f"({', '.join(_ORDER_LEVEL)}) are filled on more than one line, but "
        "Shopify fills them on an order's first line only. Two exports "
        f"concatenated, or a repeated order name? ({repeats} such line"
        f"{'s' if repeats != 1 else ''} in the file)"
    )


def _times(first: pd.DataFrame, column: str, path: Path) -> pd.Series:
    raw = first[column].str.strip()
    parsed = pd.to_datetime(raw, format=_TIME_FORMAT, utc=True, errors="coerce")
    retry = parsed.isna() & raw.notna()
    if retry.any():
        iso = pd.to_datetime(raw[retry], format="ISO8601", utc=True, errors="coerce")
        parsed = parsed.where(~retry, iso)
    bad = parsed.isna() & raw.notna()
    if bad.any():
        i = bad.idxmax()
        raise ValueError(
            f"{path}: column {column} at line {first.loc[i, '_line']}: "
            f"cannot parse {raw[i]!r} as a date (expected like "
            "'2026-11-02 09:14:05 -0500')"
        )
    return parsed.astype("datetime64[ms, UTC]")


def _amounts(first: pd.DataFrame, column: str, path: Path) -> pd.Series:
    raw = first[column].str.strip()
    parsed = pd.to_numeric(raw.str.replace(",", "", regex=False), errors="coerce")
    bad = parsed.isna() & raw.notna()
    if bad.any():
        i = bad.idxmax()
        raise ValueError(
            f"{path}: column {column} at line {first.loc[i, '_line']}: "
            f"cannot parse {raw[i]!r} as an amount"
        )
    return parsed.astype("float64")


def normalise_email(values: pd.Series) -> pd.Series:
    """Emails stripped and lower-cased; blank or missing stays missing."""
    cleaned = values.astype("object").str.strip().str.lower()
    return cleaned.where(cleaned.notna() & (cleaned != ""), None).astype(STRING)


def join_orders(
    conversations: pd.DataFrame,
    orders: pd.DataFrame,
    customers: pd.DataFrame | None = None,
    *,
    on: str = "email",
) -> pd.DataFrame:
    """Add each conversation's customer's orders (count, total, last order).

    With ``on="email"`` a customer's orders are those whose normalised email
    (see :func:`normalise_email`) equals any of the customer's normalised
    ``emails`` (or ``email``). With ``on="customer_id"``, ``orders`` must carry
    a ``customer_id`` column and ``customers`` is not needed.

    Fallback: a conversation whose customer has no email, or whose customer is
    not in ``customers``, cannot be matched; it keeps its row with ``orders`` 0
    and ``order_match`` saying why (``"customer has no email"``, ``"unknown
    customer"``, ``"no customer"``). Orders without an email never match.

    Parameters
    ----------
    conversations : DataFrame
        With ``id``, ``customer_id`` and ``created_at``.
    orders : DataFrame
        From :func:`kn.read_orders` (``order``, ``email``, ``created_at``,
        ``total``, ``cancelled``).
    customers : DataFrame, optional
        From :func:`kn.load_customers` (``id``, ``email``, ``emails``); required
        for ``on="email"``.
    on : {"email", "customer_id"}

    Returns
    -------
    DataFrame
        A copy of ``conversations`` (same rows, same order) with ``orders``
        (Int64: the customer's orders), ``orders_before`` (Int64: those created
        at or before the conversation), ``orders_total`` (float64: the summed
        ``total`` of all the customer's orders, whenever placed, cancelled and
        voided ones included), ``orders_before_total`` (float64: the summed
        ``total`` of the orders created at or before the conversation, without
        cancelled orders (``cancelled``) and voided ones (``financial_status``
        ``"voided"``); refunded orders count at their full ``total``),
        ``last_order_at``
        (datetime64[ms, UTC]: the latest order at or before the conversation)
        and ``order_match`` (string: ``"matched"``, ``"no orders"`` or a
        fallback reason above).
    """
    require_frame(conversations, "join_orders", ["id", "customer_id", "created_at"])
    require_frame(orders, "join_orders", ["order", "created_at", "total"])
    if on == "email":
        if customers is None:
            raise ValueError(
                'join_orders(on="email") needs customers=kn.load_customers(client)'
            )
        require_frame(customers, "join_orders", ["id", "email"])
        require_frame(orders, "join_orders", ["email"])
        links, reasons = _links_by_email(conversations, orders, customers)
    elif on == "customer_id":
        require_frame(orders, "join_orders", ["customer_id"])
        links = orders.dropna(subset=["customer_id"])
        reasons = pd.Series(pd.NA, index=conversations.index, dtype="object")
        reasons[conversations["customer_id"].isna().to_numpy()] = "no customer"
    else:
        raise ValueError(
            f'join_orders() on must be "email" or "customer_id", got {on!r}'
        )
    return _per_conversation(conversations, links, reasons)


def _links_by_email(
    conversations: pd.DataFrame, orders: pd.DataFrame, customers: pd.DataFrame
) -> tuple[pd.DataFrame, pd.Series]:
    """(customer_id, order, created_at, total) pairs, and unmatched reasons."""
    emails = customers[["id", "email"]].astype({"email": "object"})
    if "emails" in customers.columns:
        extra = customers[["id", "emails"]].explode("emails")
        extra = extra.rename(columns={"emails": "email"}).astype({"email": "object"})
        emails = pd.concat([emails, extra], ignore_index=True)
    emails = emails.assign(email=normalise_email(emails["email"]).astype("object"))
    emails = emails.dropna(subset=["email"]).drop_duplicates()

    by_email = orders.assign(email=normalise_email(orders["email"]).astype("object"))
    links = emails.rename(columns={"id": "customer_id"}).merge(
        by_email.dropna(subset=["email"]), on="email"
    )
    links = links.drop_duplicates(["customer_id", "order"])

    known = set(customers["id"].astype(str))
    with_email = set(emails["id"].astype(str))
    cid = conversations["customer_id"].astype("object")
    reasons = pd.Series(pd.NA, index=conversations.index, dtype="object")
    reasons[cid.isna().to_numpy()] = "no customer"
    reasons[(cid.notna() & ~cid.isin(known)).to_numpy()] = "unknown customer"
    no_email = cid.isin(known) & ~cid.isin(with_email)
    reasons[no_email.to_numpy()] = "customer has no email"
    return links, reasons


def _per_conversation(
    conversations: pd.DataFrame, links: pd.DataFrame, reasons: pd.Series
) -> pd.DataFrame:
    out = conversations.copy()
    pos = pd.DataFrame(
        {
            "_pos": range(len(out)),
            "customer_id": out["customer_id"].astype("object").to_numpy(),
            "conv_at": out["created_at"].reset_index(drop=True),
        }
    )
    links = links.assign(_counted=_counted(links))
    links = links[["customer_id", "created_at", "total", "_counted"]].astype(
        {"customer_id": "object"}
    )
    pairs = pos.merge(links, on="customer_id")
    before = pairs[pairs["created_at"] <= pairs["conv_at"]]

    n = len(out)
    out["orders"] = _counts(pairs, n)
    out["orders_before"] = _counts(before, n)
    total = pairs.groupby("_pos")["total"].sum().reindex(range(n), fill_value=0.0)
    out["orders_total"] = total.to_numpy(dtype="float64")
    kept = before[before["_counted"]]
    kept_total = kept.groupby("_pos")["total"].sum()
    kept_total = kept_total.reindex(range(n), fill_value=0.0)
    out["orders_before_total"] = kept_total.to_numpy(dtype="float64")
    # Start from all-missing UTC times: with no earlier order (or none at all) the
    # groupby is empty and its dtype says nothing about time zones.
    last_at = pd.Series(pd.NaT, index=range(n), dtype="datetime64[ms, UTC]")
    latest = before.groupby("_pos")["created_at"].max()
    if len(latest):
        last_at[latest.index] = latest.dt.tz_convert("UTC").astype(last_at.dtype)
    out["last_order_at"] = last_at.set_axis(out.index)
    match = reasons.to_numpy(dtype=object, copy=True)
    matched = out["orders"].to_numpy() > 0
    fill = pd.isna(match)
    match[fill & matched] = "matched"
    match[fill & ~matched] = "no orders"
    out["order_match"] = pd.Series(match, index=out.index, dtype=STRING)
    return out


def _counted(orders: pd.DataFrame) -> pd.Series:
    """Orders that count towards a value: neither cancelled nor voided."""
    keep = pd.Series(True, index=orders.index)
    if "cancelled" in orders.columns:
        keep &= ~orders["cancelled"].fillna(False).astype(bool)
    if "financial_status" in orders.columns:
        status = orders["financial_status"].astype("object").str.strip().str.lower()
        keep &= (status != "voided").fillna(True).astype(bool)
    return keep


def _counts(pairs: pd.DataFrame, n: int) -> pd.api.extensions.ExtensionArray:
    counts = pairs.groupby("_pos").size().reindex(range(n), fill_value=0)
    return pd.array(counts.to_numpy(), dtype="Int64")
