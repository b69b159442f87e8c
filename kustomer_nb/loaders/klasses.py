"""Klasses (custom object types): ``GET /klasses?status=`` and ``GET /klasses/{id}``."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import pandas as pd

from kustomer_nb.client import Client
from kustomer_nb.errors import NotFoundError
from kustomer_nb.loaders._frame import Column, build_frame

__all__ = ["COLUMNS", "STATUSES", "load_klass", "load_klasses"]

#: The ``status`` filter values of ``GET /klasses`` (note the underscore).
STATUSES = ("enabled", "disabled", "existing_only")

COLUMNS: tuple[Column, ...] = (
    Column("id", "id", "string"),
    Column("name", "attributes.name", "string"),
    Column("display_name", "attributes.displayName", "string"),
    Column("status", "attributes.status", "category", STATUSES),
    Column("mixins", "attributes.mixins", "list"),
    Column("created_at", "attributes.createdAt", "datetime"),
    Column("updated_at", "attributes.updatedAt", "datetime"),
)


def load_klasses(
    client: Client, status: str = "all", *, refresh: bool = False
) -> pd.DataFrame:
    """Load the org's klasses (custom object types), one row per klass.

    Parameters
    ----------
    client : Client
        From :func:`kustomer_nb.connect`.
    status : {"all", "enabled", "disabled", "existing_only"}
        Kustomer lists only enabled klasses by default; ``"all"`` asks for each
        status and keeps each klass once.
    refresh : bool
        Refetch instead of reading the cache.

    Returns
    -------
    pandas.DataFrame
        ======================== ==============================================
        id, name, display_name   ``string[pyarrow]`` (``name`` is the system
                                 name used in KObject paths)
        status                   ``category`` (enabled, disabled, existing_only)
        mixins                   ``list<string>[pyarrow]``
        created_at, updated_at   ``datetime64[ms, UTC]``
        ======================== ==============================================

    Raises
    ------
    ValueError
        An unknown ``status``.
    """
    if status != "all" and status not in STATUSES:
        raise ValueError(
            f"Unknown klass status {status!r}: use all, {', '.join(STATUSES)}."
        )
    statuses = STATUSES if status == "all" else (status,)
    return build_frame(_unique_pages(client, statuses, refresh), COLUMNS, "klasses")


def load_klass(client: Client, klass_id: str, *, refresh: bool = False) -> pd.DataFrame:
    """Load one klass by id: a one-row frame with the columns of :func:`load_klasses`.

    Parameters
    ----------
    client : Client
        From :func:`kustomer_nb.connect`.
    klass_id : str
        The klass's 24-hex id.
    refresh : bool
        Refetch instead of reading the cache.

    Returns
    -------
    pandas.DataFrame
        One row, with the columns and dtypes listed in :func:`load_klasses`.

    Raises
    ------
    NotFoundError
        When the org has no klass with that id.
    """
    try:
        doc = client.get(f"/klasses/{quote(str(klass_id), safe='')}", refresh=refresh)
    except NotFoundError as exc:
        raise NotFoundError(
            f"No klass with id {klass_id!r} in this org: list them with "
            "kn.load_klasses(client).",
            status=exc.status,
            path=exc.path,
            body=exc.body,
        ) from None
    data = doc.get("data")
    records = data if isinstance(data, list) else [data] if data else []
    return build_frame([records], COLUMNS, "klass")


def _unique_pages(
    client: Client, statuses: tuple[str, ...], refresh: bool
) -> Iterator[list[dict[str, Any]]]:
    seen: set[str] = set()
    for status in statuses:
        for page in client.get_pages("/klasses", {"status": status}, refresh=refresh):
            fresh = [r for r in page if r.get("id") not in seen]
            seen.update(r.get("id") for r in fresh)
            yield fresh
