"""A Shopify orders export (one row per line item) for the sandbox's customers."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np

from kustomer_nb.sandbox import catalog
from kustomer_nb.sandbox._util import MS_PER_DAY
from kustomer_nb.sandbox.customers import identity

__all__ = ["ORDER_COLUMNS", "write_orders_csv"]

#: Shopify's orders-export header, in order (79 columns).
ORDER_COLUMNS = (
    "Name", "Email", "Financial Status", "Paid at", "Fulfillment Status",
    "Fulfilled at", "Accepts Marketing", "Currency", "Subtotal", "Shipping", "Taxes",
    "Total", "Discount Code", "Discount Amount", "Shipping Method", "Created at",
    "Lineitem quantity", "Lineitem name", "Lineitem price", "Lineitem compare at price",
    "Lineitem sku", "Lineitem requires shipping", "Lineitem taxable",
    "Lineitem fulfillment status", "Billing Name", "Billing Street",
    "Billing Address1", "Billing Address2", "Billing Company", "Billing City",
    "Billing Zip", "Billing Province", "Billing Country", "Billing Phone",
    "Shipping Name", "Shipping Street", "Shipping Address1", "Shipping Address2",
    "Shipping Company", "Shipping City", "Shipping Zip", "Shipping Province",
    "Shipping Country", "Shipping Phone", "Notes", "Note Attributes", "Cancelled at",
    "Payment Method", "Payment Reference", "Refunded Amount", "Vendor",
    "Outstanding Balance", "Employee", "Location", "Device ID", "Id", "Tags",
    "Risk Level", "Source", "Lineitem discount", "Tax 1 Name", "Tax 1 Value",
    "Tax 2 Name", "Tax 2 Value", "Tax 3 Name", "Tax 3 Value", "Tax 4 Name",
    "Tax 4 Value", "Tax 5 Name", "Tax 5 Value", "Phone", "Receipt Number", "Duties",
    "Billing Province Name", "Shipping Province Name", "Payment ID",
    "Payment Terms Name", "Next Payment Due At", "Payment References",
)  # fmt: skip

PRODUCTS = (
    ("Trail Runner - Blue / 9", "TRR-BLU-09", 89.0),
    ("Trail Runner - Black / 11", "TRR-BLK-11", 89.0),
    ("Rain Shell - Olive / L", "SHL-OLV-L", 64.0),
    ("Rain Shell - Olive / M", "SHL-OLV-M", 64.0),
    ("Merino Sock - Grey / M", "SOK-GRY-M", 14.0),
    ("Merino Sock - Navy / M", "SOK-NVY-M", 14.0),
    ("Water Bottle 750ml", "BTL-750", 22.0),
    ("Ridge Pack 28L - Green", "PCK-28-GRN", 129.0),
    ("Down Vest - Black / M", "VST-BLK-M", 110.0),
    ("Camp Stove Mini", "STV-MINI", 49.0),
)
_STATUS = ("paid", "refunded", "partially_refunded", "pending", "voided")
_STATUS_P = (0.8, 0.06, 0.06, 0.05, 0.03)
_ZONE = ZoneInfo("America/New_York")


def _stamp(ms: int) -> str:
    moment = dt.datetime.fromtimestamp(ms / 1000, _ZONE)
    return moment.strftime("%Y-%m-%d %H:%M:%S %z")


def _money(value: float) -> str:
    return f"{value:.2f}"


def _email(rng: np.random.Generator, customer: int) -> str:
    email = identity(customer)[2]
    draw = rng.random()
    if draw < 0.015:
        return ""
    if draw < 0.1:  # people type their address with capitals
        local, domain = email.split("@")
        return ".".join(p.capitalize() for p in local.split(".")) + "@" + domain.title()
    return email


def _order(
    rng: np.random.Generator, number: int, customer: int, created: int, now: int
):
    lines = [
        PRODUCTS[i]
        for i in rng.choice(len(PRODUCTS), int(rng.integers(1, 4)), replace=False)
    ]
    qty = [int(rng.choice((1, 1, 1, 2, 3))) for _ in lines]
    gross = sum(p * q for (_, _, p), q in zip(lines, qty, strict=True))
    code = "WELCOME10" if rng.random() < 0.12 else ""
    discount = round(gross * 0.1, 2) if code else 0.0
    subtotal = gross - discount
    shipping = 0.0 if subtotal >= 75 else 5.0
    status = str(rng.choice(_STATUS, p=_STATUS_P))
    refunded = {"refunded": subtotal, "partially_refunded": lines[0][2]}.get(
        status, 0.0
    )
    paid = status not in ("pending", "voided")
    shipped = created + int(rng.integers(6, 60)) * 3_600_000
    fulfilled = paid and shipped <= now
    cancelled = status == "voided" or (status == "refunded" and rng.random() < 0.2)
    cancelled_at = (
        _stamp(created + int(rng.integers(1, 20)) * 3_600_000) if cancelled else ""
    )
    first = {
        "Email": _email(rng, customer),
        "Financial Status": status,
        "Paid at": _stamp(created + 2000) if paid else "",
        "Fulfillment Status": ("fulfilled" if fulfilled else "unfulfilled")
        if status != "voided"
        else "",
        "Fulfilled at": _stamp(shipped) if fulfilled else "",
        "Accepts Marketing": "yes" if rng.random() < 0.4 else "no",
        "Currency": "USD",
        "Subtotal": _money(subtotal),
        "Shipping": _money(shipping),
        "Taxes": "0.00",
        "Total": _money(subtotal + shipping),
        "Discount Code": code,
        "Discount Amount": _money(discount),
        "Shipping Method": "Standard",
        "Created at": _stamp(created),
        "Billing Country": "United States",
        "Shipping Country": "United States",
        "Cancelled at": cancelled_at,
        "Payment Method": "Shopify Payments",
        "Refunded Amount": _money(refunded),
        "Outstanding Balance": "0.00",
        "Id": str(5_200_000 + number - 1000),
        "Risk Level": "Low",
        "Source": "web",
    }
    rows = []
    for k, ((name, sku, price), q) in enumerate(zip(lines, qty, strict=True)):
        row: dict[str, Any] = dict(first) if k == 0 else {}
        row.update({
            "Name": f"#{number}",
            "Lineitem quantity": q,
            "Lineitem name": name,
            "Lineitem price": _money(price),
            "Lineitem sku": sku,
            "Lineitem requires shipping": "true",
            "Lineitem taxable": "true",
            "Lineitem fulfillment status": "fulfilled" if fulfilled else "pending",
            "Vendor": catalog.BRAND,
            "Lineitem discount": "0.00",
        })  # fmt: skip
        rows.append(row)
    return rows


def write_orders_csv(state: Any, path: str | Path) -> Path:
    """Write a Shopify orders export for the sandbox's generated customers.

    One row per line item; the order's own columns (email, totals, dates,
    statuses) only on its first line; timestamps in US Eastern with their offset
    (``2026-11-02 09:14:05 -0500``). Some emails differ in case from the
    customer's, a few orders have no email, statuses mix paid, refunded,
    partially_refunded, pending and voided (voided ones are cancelled).

    Parameters
    ----------
    state
        The sandbox dataset (``Sandbox.state``).
    path
        Where to write the CSV.

    Returns
    -------
    pathlib.Path
        The written file.
    """
    rng = np.random.default_rng([state.seed, 1001])
    customers = state.n_generated_customers
    conv_customers = state.conv["customer"][: state.n_generated]
    has_conversation = np.bincount(conv_customers, minlength=customers) > 0
    per_customer = rng.poisson(np.where(has_conversation, 1.3, 0.5))
    owners = np.repeat(np.arange(customers), per_customer)
    earliest = state.start - 30 * MS_PER_DAY
    created = np.sort(rng.integers(earliest, state.now, len(owners)))
    rng.shuffle(owners)
    path = Path(path)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=ORDER_COLUMNS, restval="")
        writer.writeheader()
        for k, (owner, moment) in enumerate(
            zip(owners.tolist(), created.tolist(), strict=True)
        ):
            writer.writerows(_order(rng, 1001 + k, owner, moment, state.now))
    return path
