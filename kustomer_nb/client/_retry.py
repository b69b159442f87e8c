"""urllib3 retries that wait out Kustomer's rate-limit window.

Kustomer sends no ``Retry-After`` on 429; it sends ``x-ratelimit-reset``, the epoch
second at which the current window ends. :class:`RateLimitRetry` sleeps until then.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from urllib3.util.retry import Retry

__all__ = ["MAX_RESET_WAIT", "RateLimitRetry", "make_retry"]

log = logging.getLogger(__name__)

#: Longest wait (seconds) for a rate-limit window; a window is 60 s.
MAX_RESET_WAIT = 65.0

RETRY_STATUSES = (429, 500, 502, 503, 504)


class RateLimitRetry(Retry):
    """A :class:`urllib3.util.Retry` that honours ``x-ratelimit-reset`` on 429."""

    def get_retry_after(self, response: Any) -> float | None:
        """Seconds to wait: ``Retry-After``, else until ``x-ratelimit-reset``."""
        header = super().get_retry_after(response)
        if header is not None:
            return min(header, MAX_RESET_WAIT)
        if response.status != 429:
            return None
        reset = response.headers.get("x-ratelimit-reset")
        try:
            wait = float(reset) - time.time()
        except (TypeError, ValueError):
            return None
        # A little slack so we land just after the window turns over.
        return min(max(wait, 0.0) + 0.25, MAX_RESET_WAIT)

    def increment(
        self,
        method: str | None = None,
        url: str | None = None,
        *args: Any,
        **kwargs: Any,
    ) -> Retry:
        """Count one more attempt and log why (DEBUG)."""
        response = kwargs.get("response")
        error = kwargs.get("error")
        reason = f"status {response.status}" if response is not None else repr(error)
        path = (url or "").split("?", 1)[0]
        log.debug("retrying %s %s after %s", method, path, reason)
        return super().increment(method, url, *args, **kwargs)


def make_retry(max_retries: int) -> RateLimitRetry:
    """The retry policy: 429/5xx and connection errors, POST included."""
    return RateLimitRetry(
        total=max_retries,
        # A refused connection or a failed DNS lookup is seldom transient: two
        # retries (1.5 s) before saying so, rather than the 15 s a 5xx may get.
        connect=min(max_retries, 2),
        backoff_factor=0.5,
        backoff_max=30,
        status_forcelist=RETRY_STATUSES,
        allowed_methods=frozenset({"GET", "HEAD", "OPTIONS", "POST"}),
        raise_on_status=False,
        respect_retry_after_header=True,
    )
