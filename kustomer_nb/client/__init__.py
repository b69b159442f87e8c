"""The Kustomer API client: connection, cache, retries, paging and search windows."""

from kustomer_nb.client._client import Client
from kustomer_nb.client._connect import connect

__all__ = ["Client", "connect"]
