"""Rate limits (fixed 60 s windows on the real clock) and injected faults."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

WINDOW_S = 60
#: What the headers report when a limit is switched off: a budget never reached.
UNLIMITED = 1_000_000


@dataclass(frozen=True)
class Budget:
    """What the ``x-ratelimit-*`` headers report after one request."""

    limit: int
    remaining: int
    reset: int
    allowed: bool

    def headers(self) -> dict[str, str]:
        return {
            "x-ratelimit-limit": str(self.limit),
            "x-ratelimit-remaining": str(self.remaining),
            "x-ratelimit-reset": str(self.reset),
        }


class FixedWindow:
    """A request budget per fixed window (``limit=None``: unlimited).

    ``reset`` is the UTC epoch second at which the current window ends.
    """

    def __init__(
        self,
        limit: int | None,
        clock: Callable[[], float] = time.time,
        window_s: int = WINDOW_S,
    ) -> None:
        self.limit = limit
        self._clock = clock
        self._window_s = window_s
        self._window = -1
        self._used = 0
        self._lock = threading.Lock()

    def _roll(self) -> int:
        window = int(self._clock()) // self._window_s
        if window != self._window:
            self._window, self._used = window, 0
        return (window + 1) * self._window_s

    def take(self) -> Budget:
        """Count one request; ``allowed`` is False once the budget is spent."""
        with self._lock:
            reset = self._roll()
            limit = UNLIMITED if self.limit is None else self.limit
            allowed = self.limit is None or self._used < limit
            self._used += allowed
            return Budget(limit, max(limit - self._used, 0), reset, allowed)

    def peek(self) -> Budget:
        """The current budget without counting a request."""
        with self._lock:
            reset = self._roll()
            limit = UNLIMITED if self.limit is None else self.limit
            return Budget(limit, max(limit - self._used, 0), reset, True)


class RateLimits:
    """The org-wide budget plus the separate search budget for API keys."""

    def __init__(
        self,
        rate_limit: int | None,
        search_rate_limit: int | None,
        window_s: int = WINDOW_S,
    ) -> None:
        self.org = FixedWindow(rate_limit, window_s=window_s)
        self.search = FixedWindow(search_rate_limit, window_s=window_s)

    @property
    def enabled(self) -> bool:
        return self.org.limit is not None or self.search.limit is not None

    def take(self, is_search: bool) -> Budget:
        """Count a request against its budgets; report the one that applies.

        Search responses report the search budget, unless the org budget is the
        one that refused the request.
        """
        org = self.org.take()
        if not is_search:
            return org
        if not org.allowed:
            return org
        search = self.search.take()
        if self.search.limit is None:
            return org
        return search

    def peek(self, is_search: bool) -> Budget:
        window = (
            self.search if is_search and self.search.limit is not None else self.org
        )
        return window.peek()


class Faults:
    """Seeded choice of requests answered 500/502/503 before doing work."""

    STATUSES = (500, 502, 503)

    def __init__(self, rate: float, seed: int) -> None:
        self.rate = rate
        self._rng = np.random.default_rng([seed, 5003])
        self._lock = threading.Lock()

    def draw(self) -> tuple[int, bool] | None:
        """``(status, empty_body)`` for a faulty request, else None."""
        if self.rate <= 0:
            return None
        with self._lock:
            if self._rng.random() >= self.rate:
                return None
            status = int(self._rng.choice(self.STATUSES))
            return status, bool(self._rng.random() < 0.35)
