"""Column specs and DataFrame assembly shared by every loader.

Each resource declares a tuple of :class:`Column` (name, source path, kind). Pages
are converted to Arrow columns as they arrive (:class:`FrameBuilder`), so a large
pull never holds its raw JSON; :meth:`FrameBuilder.frame` concatenates them with
the documented dtypes. An empty pull gives the same columns and dtypes.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from kustomer_nb._gc import paused_gc

__all__ = ["Column", "FrameBuilder", "build_frame"]

log = logging.getLogger(__name__)

STRING = pd.StringDtype("pyarrow")
LIST = pd.ArrowDtype(pa.list_(pa.string()))
DATETIME = "datetime64[ms, UTC]"

_ARROW_TYPES: dict[str, pa.DataType] = {
    "string": pa.string(),
    "category": pa.string(),
    "datetime": pa.string(),
    "int": pa.int64(),
    "bool": pa.bool_(),
    "list": pa.list_(pa.string()),
}


#: Values already in the Arrow-ready Python type for each kind.
_FAST_TYPES: dict[str, type] = {
    "string": str,
    "category": str,
    "datetime": str,
    "int": int,
    "bool": bool,
    "list": type(None),  # lists are always copied (their items are checked)
}


@dataclass(frozen=True)
class Column:
    """One output column.

    ``source`` is a dotted path into the JSON resource (``attributes.firstDone.time``;
    integer segments index lists, ``*`` maps over one), or a tuple of paths tried in
    order. ``kind`` is one of string, category, datetime, int, bool, list.
    ``categories`` are the known values of a category; others seen in the data are
    kept and logged.
    """

    name: str
    source: str | tuple[str, ...]
    kind: str
    categories: tuple[str, ...] = ()

    def paths(self) -> tuple[tuple[str, ...], ...]:
        sources = (self.source,) if isinstance(self.source, str) else self.source
        return tuple(tuple(s.split(".")) for s in sources)


class FrameBuilder:
    """Accumulates pages of resources as Arrow columns."""

    #: Rows buffered as Python values before they become one Arrow chunk.
    CHUNK_ROWS = 20_000

    def __init__(self, columns: tuple[Column, ...], resource: str) -> None:
        self.columns = columns
        self.resource = resource
        self._paths = [c.paths() for c in columns]
        self._pending: list[list[Any]] = [[] for _ in columns]
        self._chunks: list[list[pa.Array]] = [[] for _ in columns]
        self.rows = 0
        self.pages = 0
        self._started = time.perf_counter()

    def add(self, records: list[dict[str, Any]]) -> None:
        """Convert one page to column values; the records can be dropped afterwards."""
        self.pages += 1
        self.rows += len(records)
        with paused_gc():
            for i, column in enumerate(self.columns):
                paths, kind = self._paths[i], column.kind
                if len(paths) == 1 and _plain(paths[0]):
                    # The common case, kept tight: one path through dicts only.
                    self._pending[i].extend(_plain_values(records, paths[0], kind))
                else:
                    values = (_coerce(_pick(r, paths), kind) for r in records)
                    self._pending[i].extend(values)
        if len(self._pending[0]) >= self.CHUNK_ROWS:
            self._flush()

    def _flush(self) -> None:
        for i, column in enumerate(self.columns):
            arrow_type = _ARROW_TYPES[column.kind]
            self._chunks[i].append(pa.array(self._pending[i], type=arrow_type))
            self._pending[i] = []

    def frame(self) -> pd.DataFrame:
        """The assembled frame, with the documented dtypes."""
        self._flush()
        data = {
            column.name: _to_pandas(
                column, pa.chunked_array(chunks, _ARROW_TYPES[column.kind])
            )
            for column, chunks in zip(self.columns, self._chunks, strict=True)
        }
        frame = pd.DataFrame(data, index=pd.RangeIndex(self.rows))
        seconds = time.perf_counter() - self._started
        log.info(
            "pulled %s: %d rows, %d pages, %.1f s",
            self.resource,
            self.rows,
            self.pages,
            seconds,
        )
        return frame


def build_frame(
    pages: Iterable[list[dict[str, Any]]], columns: tuple[Column, ...], resource: str
) -> pd.DataFrame:
    """Assemble a frame from an iterator of pages."""
    builder = FrameBuilder(columns, resource)
    for records in pages:
        builder.add(records)
    return builder.frame()


def _plain(path: tuple[str, ...]) -> bool:
    return not any(key == "*" or key.isdigit() for key in path)


def _plain_values(
    records: list[dict[str, Any]], path: tuple[str, ...], kind: str
) -> list[Any]:
    values: list[Any] = []
    for value in records:
        for key in path:
            value = value.get(key) if type(value) is dict else None
        values.append(
            value if type(value) is _FAST_TYPES[kind] else _coerce(value, kind)
        )
    return values


def _pick(record: dict[str, Any], paths: tuple[tuple[str, ...], ...]) -> Any:
    """The first present value among ``paths`` (``{}`` counts as missing)."""
    for path in paths:
        value = _walk(record, path)
        if value is not None and value != {}:
            return value
    return None


def _walk(value: Any, path: tuple[str, ...]) -> Any:
    for i, key in enumerate(path):
        if key == "*" and isinstance(value, list):
            # Map the rest of the path over a list: emails.*.email
            mapped = [_walk(item, path[i + 1 :]) for item in value]
            return mapped if any(v is not None for v in mapped) or not value else None
        if isinstance(value, dict):
            value = value.get(key)
        elif isinstance(value, list) and key.isdigit():
            value = value[int(key)] if int(key) < len(value) else None
        else:
            return None
        if value is None:
            return None
    return value


def _coerce(value: Any, kind: str) -> Any:
    """A JSON value as the Python value Arrow wants for ``kind`` (None if unusable)."""
    if value is None or value == {}:
        return None
    if kind == "int":
        if isinstance(value, bool):
            return int(value)
        if isinstance(value, int | float):
            return int(value) if value == value else None
        return _int_or_none(value)
    if kind == "bool":
        return value if isinstance(value, bool) else None
    if kind == "list":
        if not isinstance(value, list):
            return [str(value)]
        return [str(v) for v in value if v is not None]
    if isinstance(value, dict | list):
        return None
    return str(value)


def _int_or_none(value: Any) -> int | None:
    try:
        return int(str(value))
    except ValueError:
        return None


def _to_pandas(column: Column, data: pa.ChunkedArray) -> Any:
    kind = column.kind
    if kind == "string":
        return pd.array(data, dtype=STRING)
    if kind == "list":
        return pd.arrays.ArrowExtensionArray(data)
    if kind == "int":
        return data.to_pandas(types_mapper={pa.int64(): pd.Int64Dtype()}.get).array
    if kind == "bool":
        return data.to_pandas(types_mapper={pa.bool_(): pd.BooleanDtype()}.get).array
    if kind == "datetime":
        return _datetimes(column, data)
    return _categorical(column, data)


def _datetimes(column: Column, data: pa.ChunkedArray) -> Any:
    try:
        stamps = pc.cast(data, pa.timestamp("ms", tz="UTC"))
        return stamps.to_pandas().array
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        # Not all ISO 8601 with an offset: let pandas parse the stragglers.
        values = pd.to_datetime(
            pd.Series(data.to_pylist(), dtype=object), utc=True, format="ISO8601"
        )
        return values.astype(DATETIME).array


def _categorical(column: Column, data: pa.ChunkedArray) -> pd.Categorical:
    seen = pc.unique(data).drop_null().to_pylist()
    unknown = sorted(set(seen) - set(column.categories))
    if unknown and column.categories:
        log.warning(
            "%s has values outside %s: %s (kept as their own categories)",
            column.name,
            list(column.categories),
            unknown,
        )
    categories = pd.Index([*column.categories, *unknown], dtype="str")
    return pd.Categorical(data.to_pylist(), categories=categories)
