"""kustomer-nb: Kustomer data in Jupyter, as DataFrames, charts and HTML reports.

import kustomer_nb as kn
client = kn.connect(demo=True)
conversations = kn.load_conversations(client, created_after="2026-11-01")
"""

from importlib import metadata as _metadata

from kustomer_nb.client import Client, connect
from kustomer_nb.errors import (
    APIError,
    AuthError,
    BadRequestError,
    ConfigError,
    ConnectionFailed,
    ForbiddenError,
    KustomerError,
    NotFoundError,
    RateLimitError,
    ServerError,
)
from kustomer_nb.helpers import (
    backlog,
    data_checks,
    join_names,
    join_orders,
    read_orders,
    response_times,
    summarize,
)
from kustomer_nb.loaders import (
    load_conversations,
    load_customers,
    load_klass,
    load_klasses,
    load_queues,
    load_teams,
    load_users,
)

try:
    __version__ = _metadata.version("kustomer-nb")
except _metadata.PackageNotFoundError:  # running from a source tree, not installed
    __version__ = "0"

__all__ = [
    "APIError",
    "AuthError",
    "BadRequestError",
    "Client",
    "ConfigError",
    "ConnectionFailed",
    "ForbiddenError",
    "KustomerError",
    "NotFoundError",
    "RateLimitError",
    "ServerError",
    "__version__",
    "backlog",
    "connect",
    "data_checks",
    "join_names",
    "join_orders",
    "load_conversations",
    "load_customers",
    "load_klass",
    "load_klasses",
    "load_queues",
    "load_teams",
    "load_users",
    "read_orders",
    "response_times",
    "summarize",
]
