"""Teams: ``GET /teams``."""

from __future__ import annotations

import pandas as pd

from kustomer_nb.client import Client
from kustomer_nb.loaders._frame import Column, build_frame

__all__ = ["COLUMNS", "load_teams"]

COLUMNS: tuple[Column, ...] = (
    Column("id", "id", "string"),
    Column("name", "attributes.name", "string"),
    Column("display_name", "attributes.displayName", "string"),
    Column("member_ids", "attributes.members", "list"),
    Column("deleted", "attributes.deleted", "bool"),
    Column("created_at", "attributes.createdAt", "datetime"),
    Column("updated_at", "attributes.updatedAt", "datetime"),
)


def load_teams(client: Client, *, refresh: bool = False) -> pd.DataFrame:
    """Load the org's teams, one row per team.

    Parameters
    ----------
    client : Client
        From :func:`kustomer_nb.connect`.
    refresh : bool
        Refetch instead of reading the cache.

    Returns
    -------
    pandas.DataFrame
        ======================== ==============================================
        id, name, display_name   ``string[pyarrow]``
        member_ids               ``list<string>[pyarrow]`` (user ids)
        deleted                  ``boolean``
        created_at, updated_at   ``datetime64[ms, UTC]``
        ======================== ==============================================
    """
    pages = client.get_pages("/teams", refresh=refresh)
    return build_frame(pages, COLUMNS, "teams")
