"""Users (agents and API-key machine users): ``GET /users``."""

from __future__ import annotations

import pandas as pd

from kustomer_nb.client import Client
from kustomer_nb.loaders._frame import Column, build_frame

__all__ = ["COLUMNS", "load_users"]

COLUMNS: tuple[Column, ...] = (
    Column("id", "id", "string"),
    Column("name", "attributes.name", "string"),
    Column("display_name", "attributes.displayName", "string"),
    Column("email", "attributes.email", "string"),
    Column(
        "user_type", "attributes.userType", "category", ("user", "machine", "limited")
    ),
    Column("created_at", "attributes.createdAt", "datetime"),
    Column("updated_at", "attributes.updatedAt", "datetime"),
)


def load_users(client: Client, *, refresh: bool = False) -> pd.DataFrame:
    """Load the org's users, one row per user.

    Parameters
    ----------
    client : Client
        From :func:`kustomer_nb.connect`.
    refresh : bool
        Refetch instead of reading the cache.

    Returns
    -------
    pandas.DataFrame
        ============================= =========================================
        id, name, display_name, email ``string[pyarrow]``
        user_type                     ``category`` (user, machine, limited)
        created_at, updated_at        ``datetime64[ms, UTC]``
        ============================= =========================================
    """
    pages = client.get_pages("/users", refresh=refresh)
    return build_frame(pages, COLUMNS, "users")
