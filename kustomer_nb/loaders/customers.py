"""Customers: ``GET /customers``."""

from __future__ import annotations

import pandas as pd

from kustomer_nb.client import Client
from kustomer_nb.loaders._frame import Column, build_frame

__all__ = ["COLUMNS", "load_customers"]

A = "attributes."

COLUMNS: tuple[Column, ...] = (
    Column("id", "id", "string"),
    Column("name", A + "name", "string"),
    Column("display_name", A + "displayName", "string"),
    Column("email", (A + "emails.0.email", A + "emails.0"), "string"),
    Column("emails", (A + "emails.*.email", A + "emails"), "list"),
    Column("external_id", A + "externalId", "string"),
    Column("created_at", A + "createdAt", "datetime"),
    Column("updated_at", A + "updatedAt", "datetime"),
    Column("last_activity_at", A + "lastActivityAt", "datetime"),
    Column("conversation_count", A + "conversationCounts.all", "int"),
)


def load_customers(client: Client, *, refresh: bool = False) -> pd.DataFrame:
    """Load the org's customers, one row per customer.

    Parameters
    ----------
    client : Client
        From :func:`kustomer_nb.connect`.
    refresh : bool
        Refetch instead of reading the cache.

    Returns
    -------
    pandas.DataFrame
        ================================ ======================================
        id, name, display_name,          ``string[pyarrow]``
        external_id
        email                            ``string[pyarrow]``: the first email,
                                         as given (not lower-cased)
        emails                           ``list<string>[pyarrow]``
        created_at, updated_at,          ``datetime64[ms, UTC]``
        last_activity_at
        conversation_count               ``Int64``
        ================================ ======================================
    """
    pages = client.get_pages("/customers", refresh=refresh)
    return build_frame(pages, COLUMNS, "customers")
