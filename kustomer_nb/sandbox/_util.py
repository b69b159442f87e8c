"""Small shared helpers: ObjectIds, millisecond timestamps, instant parsing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from zoneinfo import ZoneInfo

import numpy as np

#: Sentinel for "this moment never happened" in int64 millisecond columns.
MISSING = np.iinfo(np.int64).min

MS_PER_DAY = 86_400_000
_LO_MASK = (1 << 64) - 1


def object_id(seconds: int, low: int) -> str:
    """Format a 24-hex ObjectId from its creation second and 64 low bits."""
    return f"{seconds & 0xFFFFFFFF:08x}{low & _LO_MASK:016x}"


def split_object_id(value: str) -> tuple[int, int]:
    """Split a 24-hex ObjectId into (creation second, 64 low bits).

    Raises
    ------
    ValueError
        When ``value`` is not 24 hexadecimal characters.
    """
    if len(value) != 24:
        raise ValueError(f"not a 24-hex id: {value!r}")
    number = int(value, 16)
    return number >> 64, number & _LO_MASK


def iso_ms(ms: int) -> str:
    """Format epoch milliseconds as ``YYYY-MM-DDTHH:MM:SS.mmmZ``."""
    stamp = dt.datetime.fromtimestamp(ms / 1000, dt.UTC)
    return stamp.strftime("%Y-%m-%dT%H:%M:%S.") + f"{ms % 1000:03d}Z"


def iso_many(ms: np.ndarray) -> list[str | None]:
    """Vectorised :func:`iso_ms`; :data:`MISSING` becomes ``None``."""
    values = np.asarray(ms, dtype=np.int64)
    missing = values == MISSING
    text = np.datetime_as_string(
        np.where(missing, 0, values).astype("datetime64[ms]"), unit="ms"
    )
    return [None if gone else f"{t}Z" for t, gone in zip(text, missing, strict=True)]


def to_ms(moment: dt.datetime) -> int:
    """Epoch milliseconds of an aware datetime (naive means UTC)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return int(round(moment.timestamp() * 1000))


def parse_instant(value: object, time_zone: str = "UTC") -> tuple[int, int]:
    """Parse a search date value into a half-open ``[start, end)`` ms interval.

    A full timestamp is an instant (``end = start + 1``) and is never shifted; a
    ``YYYY-MM-DD`` date is the whole local day in ``time_zone``. Numbers are
    taken as epoch milliseconds.

    Raises
    ------
    ValueError
        When the value is neither a date nor a timestamp.
    """
    if isinstance(value, bool):
        raise ValueError(f"not a date: {value!r}")
    if isinstance(value, int | float):
        return int(value), int(value) + 1
    if not isinstance(value, str):
        raise ValueError(f"not a date: {value!r}")
    if len(value) == 10:
        day = dt.date.fromisoformat(value)
        zone = ZoneInfo(time_zone)
        start = dt.datetime.combine(day, dt.time(), zone)
        end = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), zone)
        return to_ms(start), to_ms(end)
    moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    start = to_ms(moment)
    return start, start + 1


def resolve_now(now: str | dt.datetime | None) -> int:
    """The sandbox clock in epoch ms: frozen at ``now`` or the current UTC time."""
    if now is None:
        return to_ms(dt.datetime.now(dt.UTC))
    if isinstance(now, str):
        now = dt.datetime.fromisoformat(now.replace("Z", "+00:00"))
    return to_ms(now)


def years_before(ms: int, years: int) -> int:
    """The same calendar moment ``years`` earlier (29 Feb falls back to 28 Feb)."""
    moment = dt.datetime.fromtimestamp(ms / 1000, dt.UTC)
    try:
        earlier = moment.replace(year=moment.year - years)
    except ValueError:
        earlier = moment.replace(year=moment.year - years, day=28)
    return to_ms(earlier)


def bits(mask: int, registry: Iterable[str]) -> list[str]:
    """The registry entries whose bit is set in ``mask``, in registry order."""
    return [name for i, name in enumerate(registry) if mask >> i & 1]
