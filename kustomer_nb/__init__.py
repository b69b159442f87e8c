"""kustomer-nb: Kustomer data in Jupyter, as DataFrames, charts and HTML reports.

    import kustomer_nb as kn
    client = kn.connect(demo=True)
    conversations = kn.load_conversations(client, created_after="2026-11-01")
"""

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

__version__ = "0.1.0"

__all__ = [
    "APIError",
    "AuthError",
    "BadRequestError",
    "ConfigError",
    "ConnectionFailed",
    "ForbiddenError",
    "KustomerError",
    "NotFoundError",
    "RateLimitError",
    "ServerError",
    "__version__",
]
