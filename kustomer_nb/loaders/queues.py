"""Routing queues: ``GET /routing/queues``."""

from __future__ import annotations

import pandas as pd

from kustomer_nb.client import Client
from kustomer_nb.loaders._frame import Column, build_frame

__all__ = ["COLUMNS", "load_queues"]

COLUMNS: tuple[Column, ...] = (
    Column("id", "id", "string"),
    Column("name", "attributes.name", "string"),
    Column("display_name", "attributes.displayName", "string"),
    Column("description", "attributes.description", "string"),
    Column("priority", "attributes.priority", "int"),
    Column("item_size", "attributes.itemSize", "int"),
    Column("system", "attributes.system", "bool"),
    Column("deleted", "attributes.deleted", "bool"),
    Column("created_at", "attributes.createdAt", "datetime"),
    Column("updated_at", "attributes.updatedAt", "datetime"),
)


def load_queues(client: Client, *, refresh: bool = False) -> pd.DataFrame:
    """Load the org's routing queues, one row per queue.

    Every org has one ``system`` queue named ``DEFAULT_QUEUE``.

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
        description
        priority, item_size              ``Int64``
        system, deleted                  ``boolean``
        created_at, updated_at           ``datetime64[ms, UTC]``
        ================================ ======================================
    """
    pages = client.get_pages("/routing/queues", refresh=refresh)
    return build_frame(pages, COLUMNS, "queues")
