"""Each conversation's life, vectorised: response, done, reopen, snooze, messages.

Every function takes and returns whole columns (int64 epoch ms, :data:`MISSING`
where a moment never happened). Moments after ``now`` are dropped, so the data
always reads as of the sandbox clock.
"""

from __future__ import annotations

import numpy as np

from kustomer_nb.sandbox import catalog
from kustomer_nb.sandbox._util import MISSING, MS_PER_DAY

Columns = dict[str, np.ndarray]

SNOOZE_NONE, SNOOZE_SCHEDULED, SNOOZE_ELAPSED, SNOOZE_CANCELED = range(4)
OPEN, SNOOZED, DONE = range(3)
STATUSES = ("open", "snoozed", "done")

#: Staffed hours, local time (US Eastern, UTC-5), Monday..Sunday: (open, close) h.
_HOUR = 3_600_000
_LOCAL_OFFSET = -5 * _HOUR
_OPENS = np.array([8, 8, 8, 8, 8, 10, 10], dtype=np.int64) * _HOUR
_SPANS = np.array([12, 12, 12, 12, 12, 6, 6], dtype=np.int64) * _HOUR
_WEEK = np.concatenate([[0], np.cumsum(_SPANS)])

_IN_RATE = {"chat": 3.0, "email": 0.8, "sms": 1.5, "voice": 0.3}
_OUT_RATE = {"chat": 3.0, "email": 0.7, "sms": 1.2, "voice": 0.2}


def business_clock(ms: np.ndarray) -> np.ndarray:
    """Staffed milliseconds elapsed since the epoch's week, at each moment.

    ``business_clock(b) - business_clock(a)`` is the business time between a
    and b (what Kustomer reports as ``businessTime``). MISSING maps to 0.
    """
    ms = np.asarray(ms, dtype=np.int64)
    local = np.where(ms == MISSING, 0, ms) + _LOCAL_OFFSET
    days = local // MS_PER_DAY
    weeks, weekday = np.divmod(days + 3, 7)  # 1970-01-01 was a Thursday
    into_day = local - days * MS_PER_DAY - _OPENS[weekday]
    return weeks * _WEEK[7] + _WEEK[weekday] + np.clip(into_day, 0, _SPANS[weekday])


def lognormal(
    rng: np.random.Generator, median_s: np.ndarray, sigma: np.ndarray
) -> np.ndarray:
    """Log-normal durations in whole ms, given medians in seconds."""
    ms = np.exp(np.log(median_s * 1000.0) + sigma * rng.standard_normal(len(sigma)))
    return np.maximum(ms, 1.0).astype(np.int64)


def _by_channel(table: dict[str, tuple[float, float]], channel: np.ndarray):
    medians = np.array([table[c][0] for c in catalog.CHANNELS])
    sigmas = np.array([table[c][1] for c in catalog.CHANNELS])
    return medians[channel], sigmas[channel]


def _happened(moment: np.ndarray, now: int) -> np.ndarray:
    """``moment`` where it is a real moment not after ``now``, else MISSING."""
    return np.where((moment != MISSING) & (moment <= now), moment, MISSING)


def _after(base: np.ndarray, ok: np.ndarray, dur: np.ndarray, now: int) -> np.ndarray:
    """``base + dur`` where ``ok`` and base happened, if not after ``now``."""
    return _happened(np.where(ok & (base != MISSING), base + dur, MISSING), now)


def responses(rng: np.random.Generator, c: Columns, now: int) -> None:
    """First response, snooze, first done, reopen, second response and done."""
    n = len(c["created"])
    fr_median, fr_sigma = _by_channel(catalog.FIRST_RESPONSE, c["channel"])
    hd_median, hd_sigma = _by_channel(catalog.HANDLING, c["channel"])

    # A few conversations never get an answer; most of those are closed anyway.
    answered = rng.random(n) > 0.04
    fr = np.where(answered, c["created"] + lognormal(rng, fr_median, fr_sigma), MISSING)
    c["fr"] = _happened(fr, now)

    # Some wait on the customer after the first reply: snoozed, then worked on.
    wait = answered & (rng.random(n) < 0.2)
    pause = lognormal(rng, np.full(n, 1800.0), np.full(n, 1.0))
    c["snooze_at"] = np.where(wait, fr + pause, MISSING)
    length = lognormal(rng, np.full(n, 2 * 86400.0), np.full(n, 0.8))
    c["snooze_end"] = np.where(wait, c["snooze_at"] + length, MISSING)
    resume = np.where(wait, c["snooze_end"], fr)
    done1 = np.where(answered, resume + lognormal(rng, hd_median, hd_sigma), MISSING)
    silent = ~answered & (rng.random(n) < 0.9)
    quick = lognormal(rng, np.full(n, 7200.0), np.full(n, 1.0))
    done1 = np.where(silent, c["created"] + quick, done1)
    done1 = np.where(rng.random(n) < 0.006, MISSING, done1)  # forgotten backlog
    c["done1"] = _happened(done1, now)

    # Reopened after done: the customer writes back, usually within days.
    back = lognormal(rng, np.full(n, 86400.0), np.full(n, 1.0))
    # Only answered conversations reopen: a reply is what the customer answers.
    again = (c["fr"] != MISSING) & (rng.random(n) < 0.09)
    c["reopen"] = _after(c["done1"], again, back, now)
    reopened = c["reopen"] != MISSING
    c["fr2"] = _after(c["reopen"], reopened, lognormal(rng, fr_median, fr_sigma), now)
    c["done2"] = _after(c["fr2"], reopened, lognormal(rng, hd_median, hd_sigma), now)


def status(c: Columns) -> None:
    """Status before snoozing, done and reopen counts, last done."""
    done1, reopened, done2 = (
        c["done1"] != MISSING,
        c["reopen"] != MISSING,
        c["done2"] != MISSING,
    )
    is_done = (done1 & ~reopened) | done2
    c["status"] = np.where(is_done, DONE, OPEN).astype(np.int8)
    c["last_done"] = np.where(done2, c["done2"], c["done1"])
    c["done_count"] = (done1.astype(np.int8) + done2).astype(np.int8)
    c["reopen_count"] = reopened.astype(np.int8)


def snoozes(rng: np.random.Generator, c: Columns, now: int) -> None:
    """Snooze state as of ``now``: scheduled (snoozed), elapsed or canceled."""
    n = len(c["created"])
    started = (c["snooze_at"] != MISSING) & (c["snooze_at"] <= now)
    scheduled = started & (c["snooze_end"] > now) & (c["status"] == OPEN)
    finished = started & ~scheduled & (c["snooze_end"] <= now)
    canceled = finished & (rng.random(n) < 0.3)
    kind = np.full(n, SNOOZE_NONE, dtype=np.int8)
    kind[finished] = SNOOZE_ELAPSED
    kind[canceled] = SNOOZE_CANCELED
    kind[scheduled] = SNOOZE_SCHEDULED
    c["snooze_kind"] = kind
    c["snooze_at"] = np.where(kind > 0, c["snooze_at"], MISSING)
    c["snooze_end"] = np.where(kind > 0, c["snooze_end"], MISSING)
    c["status"] = np.where(scheduled, SNOOZED, c["status"]).astype(np.int8)


def messages(rng: np.random.Generator, c: Columns) -> None:
    """Message counts and first/last inbound and outbound moments."""
    n = len(c["created"])
    names = catalog.CHANNELS
    rate_in = np.array([_IN_RATE.get(x, 1.2) for x in names])[c["channel"]]
    rate_out = np.array([_OUT_RATE.get(x, 1.0) for x in names])[c["channel"]]
    reopened = c["reopen"] != MISSING
    answered = c["fr"] != MISSING
    c["msg_in"] = (1 + rng.poisson(rate_in) + reopened).astype(np.int16)
    c["msg_out"] = np.where(answered, 1 + rng.poisson(rate_out), 0) + (
        c["fr2"] != MISSING
    )
    c["msg_out"] = c["msg_out"].astype(np.int16)
    c["notes"] = rng.poisson(0.3, n).astype(np.int16)
    c["first_in"] = c["created"] - rng.integers(0, 120, n)

    events = [c[k] for k in ("created", "fr", "done1", "reopen", "fr2", "done2")]
    busy_end = np.maximum.reduce(events)
    u_in, u_out = rng.random(n), rng.random(n)
    last_in = c["first_in"] + ((busy_end - c["first_in"]) * u_in).astype(np.int64)
    last_in = np.where(c["msg_in"] == 1, c["first_in"], last_in)
    c["last_in"] = np.maximum(last_in, c["reopen"])
    fr = np.where(answered, c["fr"], c["created"])
    last_out = fr + ((busy_end - fr) * u_out).astype(np.int64)
    last_out = np.where(c["msg_out"] == 1, c["fr"], last_out)
    c["last_out"] = np.where(answered, np.maximum(last_out, c["fr2"]), MISSING)
    c["last_message_at"] = np.maximum(c["last_in"], c["last_out"])


def satisfaction(rng: np.random.Generator, c: Columns, now: int) -> None:
    """CSAT surveys after done: sent, sometimes rated 1-5."""
    n = len(c["created"])
    sent = _after(
        c["last_done"],
        (c["status"] == DONE) & (rng.random(n) < 0.3),
        lognormal(rng, np.full(n, 3600.0), np.full(n, 0.5)),
        now,
    )
    wait = lognormal(rng, np.full(n, 3 * 3600.0), np.full(n, 1.0))
    rated = _after(sent, rng.random(n) < 0.45, wait, now)
    rating = rng.choice(5, n, p=[0.06, 0.05, 0.1, 0.24, 0.55]) + 1
    c["csat_sent"], c["csat_at"] = sent, rated
    c["csat_rating"] = np.where(rated != MISSING, rating, 0).astype(np.int8)


def stamps(rng: np.random.Generator, c: Columns, now: int) -> None:
    """modifiedAt, lastActivityAt, updatedAt and rev, consistent with all events."""
    n = len(c["created"])
    user_events = ("created", "fr", "done1", "reopen", "fr2", "done2")
    c["modified"] = np.maximum.reduce([c[k] for k in user_events])
    c["modified"] = np.maximum(c["modified"], c["snooze_at"])
    system_end = np.where(c["snooze_kind"] >= SNOOZE_ELAPSED, c["snooze_end"], MISSING)
    c["last_activity"] = np.maximum.reduce(
        [c["modified"], c["last_message_at"], c["csat_at"], c["csat_sent"], system_end]
    )
    c["updated"] = np.minimum(c["last_activity"] + rng.integers(5, 1500, n), now)
    c["updated"] = np.maximum(c["updated"], c["last_activity"])
    c["rev"] = (
        3
        + c["msg_in"]
        + c["msg_out"]
        + c["notes"]
        + 2 * c["done_count"]
        + c["reopen_count"]
        + 2 * (c["snooze_kind"] > 0)
        + (c["csat_sent"] != MISSING)
        + (c["csat_at"] != MISSING)
    ).astype(np.int32)


def bulk_updates(rng: np.random.Generator, c: Columns, start: int, now: int) -> None:
    """Bulk edits: hundreds of conversations get one identical ``updatedAt``."""
    n = len(c["created"])
    if n == 0:
        return
    events = max(1, n // 1500)
    moments = np.sort(rng.integers(start + MS_PER_DAY // 2, now + 1, events))
    for moment in moments:
        size = int(rng.integers(150, 600))
        pick = np.unique(rng.integers(0, n, size * 3))
        pick = pick[c["updated"][pick] < moment][:size]
        c["updated"][pick] = moment
        c["rev"][pick] += 1


def totals(c: Columns) -> None:
    """totalOpen, totalDone, totalSnooze times (ms) as of ``updatedAt``."""
    upd, created = c["updated"], c["created"]
    reopened, done1, done2 = (
        c["reopen"] != MISSING,
        c["done1"] != MISSING,
        c["done2"] != MISSING,
    )
    kind = c["snooze_kind"]
    snoozed = np.where(kind == SNOOZE_SCHEDULED, upd - c["snooze_at"], 0)
    snoozed = np.where(
        kind >= SNOOZE_ELAPSED, c["snooze_end"] - c["snooze_at"], snoozed
    )
    cycle1 = np.where(done1, c["done1"], upd) - created
    cycle2 = np.where(reopened, np.where(done2, c["done2"], upd) - c["reopen"], 0)
    c["total_open"] = cycle1 + cycle2 - snoozed
    c["total_snooze"] = snoozed
    done_a = np.where(done1, np.where(reopened, c["reopen"], upd) - c["done1"], 0)
    c["total_done"] = done_a + np.where(done2, upd - c["done2"], 0)
    c["since_last_done"] = np.where(reopened & ~done2, cycle2, 0)
