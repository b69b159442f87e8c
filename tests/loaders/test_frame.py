"""The shared column-spec assembly, on hand-made records (a pure piece)."""

from __future__ import annotations

import logging

import pandas as pd
import pytest
from loaders_support import BOOL, INT, LIST, STRING, UTC

from kustomer_nb.loaders._frame import Column, FrameBuilder, build_frame

COLUMNS = (
    Column("id", "id", "string"),
    Column("kind", "attributes.kind", "category", ("a", "b")),
    Column("first", ("attributes.first.name", "attributes.names.0"), "string"),
    Column("names", "attributes.names", "list"),
    Column("mails", ("attributes.emails.*.email", "attributes.emails"), "list"),
    Column("n", "attributes.nested.n", "int"),
    Column("ok", "attributes.ok", "bool"),
    Column("at", "attributes.at", "datetime"),
)


def test_build_frame__paths_fallbacks_and_missing_values() -> None:
    records = [
        {
            "id": "1",
            "attributes": {
                "kind": "a",
                "first": {"name": "x"},
                "names": ["p", "q"],
                "emails": [{"email": "A@x.com"}, {"email": "b@x.com"}],
                "nested": {"n": 5},
                "ok": True,
                "at": "2026-01-02T03:04:05.678Z",
            },
        },
        {
            "id": "2",
            "attributes": {
                "first": {},
                "names": ["r"],
                "emails": ["c@x.com"],
                "nested": {},
            },
        },
        {"id": "3"},
    ]
    frame = build_frame([records[:2], records[2:]], COLUMNS, "things")

    assert list(frame["id"]) == ["1", "2", "3"]
    assert list(frame["first"].fillna("-")) == ["x", "r", "-"]
    assert list(frame["names"].iloc[0]) == ["p", "q"]
    assert list(frame["names"].iloc[1]) == ["r"]
    assert frame["names"].isna().tolist() == [False, False, True]
    assert list(frame["mails"].iloc[0]) == ["A@x.com", "b@x.com"]
    assert list(frame["mails"].iloc[1]) == ["c@x.com"]
    assert frame["n"].tolist()[0] == 5 and frame["n"].isna().tolist() == [
        False,
        True,
        True,
    ]
    assert frame["ok"].tolist()[0] is True and frame["ok"].isna().tolist()[1:] == [
        True,
        True,
    ]
    assert frame["at"].iloc[0] == pd.Timestamp("2026-01-02T03:04:05.678Z")
    assert frame["at"].isna().tolist() == [False, True, True]
    assert [frame[c].dtype for c in ("id", "first", "names", "n", "ok", "at")] == [
        STRING,
        STRING,
        LIST,
        INT,
        BOOL,
        UTC,
    ]


def test_build_frame__unknown_category_is_kept_and_logged(
    caplog: pytest.LogCaptureFixture,
) -> None:
    records = [{"id": str(i), "attributes": {"kind": k}} for i, k in enumerate("abzb")]
    frame = build_frame([records], COLUMNS, "things")
    assert list(frame["kind"]) == ["a", "b", "z", "b"]
    assert list(frame["kind"].cat.categories) == ["a", "b", "z"]
    assert any(
        r.levelno == logging.WARNING and "'z'" in r.getMessage() for r in caplog.records
    )


def test_build_frame__other_timestamp_formats_are_parsed() -> None:
    stamps = [
        "2026-01-02T03:04:05Z",
        "2026-01-02T05:04:05.1+02:00",
        "2026-01-02T03:04:05.123456Z",
    ]
    records = [{"id": str(i), "attributes": {"at": s}} for i, s in enumerate(stamps)]
    frame = build_frame([records], COLUMNS, "things")
    assert frame["at"].dtype == UTC
    assert list(frame["at"]) == [
        pd.Timestamp("2026-01-02T03:04:05Z"),
        pd.Timestamp("2026-01-02T03:04:05.100Z"),
        pd.Timestamp("2026-01-02T03:04:05.123Z"),
    ]


def test_build_frame__empty_keeps_columns_and_dtypes() -> None:
    frame = build_frame([], COLUMNS, "things")
    assert list(frame.columns) == [c.name for c in COLUMNS] and len(frame) == 0
    assert (
        frame["n"].dtype == INT
        and frame["at"].dtype == UTC
        and frame["names"].dtype == LIST
    )


def test_frame_builder__chunks_are_concatenated() -> None:
    builder = FrameBuilder(COLUMNS, "things")
    builder.CHUNK_ROWS = 3
    for page in range(4):
        builder.add(
            [
                {"id": f"{page}-{i}", "attributes": {"nested": {"n": i}}}
                for i in range(2)
            ]
        )
    frame = builder.frame()
    assert len(frame) == 8 and builder.pages == 4
    assert frame["n"].tolist() == [0, 1] * 4
