"""Data checks a report shows before its numbers: is the pulled data sane?"""

from __future__ import annotations

import pandas as pd

from kustomer_nb.helpers._validate import STATUSES, STRING, require_frame
from kustomer_nb.helpers.names import display_names

__all__ = ["data_checks"]

KEY_COLUMNS = (
    "id",
    "status",
    "channel",
    "created_at",
    "updated_at",
    "customer_id",
    "queue_id",
)
_DURATIONS = (
    ("first_response_sent_at", "first_response_time_ms"),
    ("first_done_at", "first_done_time_ms"),
    ("last_done_at", None),
)


def data_checks(
    conversations: pd.DataFrame, *, queues: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Named checks on a conversations frame, each with a count and a flag.

    Checks: ``rows`` (warn when 0), ``duplicate ids`` (rows whose id appeared
    before), ``missing <column>`` for each key column present, ``unknown
    statuses`` (not open/snoozed/done), ``done without last_done_at``,
    ``negative durations`` (a Kustomer duration below 0, or a response or done
    time before creation), ``updated before created``; with ``queues``:
    ``unknown queue ids`` (conversations pointing at no listed queue) and
    ``queues that received nothing`` (listed, not deleted, no conversation;
    named by display name, as :func:`kn.join_names` names them).

    Parameters
    ----------
    conversations : DataFrame
        From :func:`kn.load_conversations`.
    queues : DataFrame, optional
        From :func:`kn.load_queues`.

    Returns
    -------
    DataFrame
        Columns ``check`` (string), ``count`` (Int64), ``status`` (string:
        ``"pass"`` or ``"warn"``) and ``detail`` (string, e.g. the names of the
        queues that received nothing).
    """
    require_frame(conversations, "data_checks", ["id", "status", "created_at"])
    df = conversations
    rows: list[tuple[str, int, str]] = [("rows", len(df), "")]
    rows.append(("duplicate ids", int(df["id"].duplicated().sum()), ""))
    rows += [
        (f"missing {c}", int(df[c].isna().sum()), "") for c in KEY_COLUMNS if c in df
    ]
    status = df["status"].astype("object")
    unknown = status[status.notna() & ~status.isin(STATUSES)]
    rows.append(("unknown statuses", len(unknown), _list(unknown.unique())))
    if "last_done_at" in df:
        rows.append(
            (
                "done without last_done_at",
                int(((status == "done") & df["last_done_at"].isna()).sum()),
                "",
            )
        )
    rows.append(("negative durations", int(_negative(df).sum()), ""))
    if "updated_at" in df:
        rows.append(
            (
                "updated before created",
                int((df["updated_at"] < df["created_at"]).sum()),
                "",
            )
        )
    if queues is not None:
        rows += _queue_checks(df, queues)

    out = pd.DataFrame(rows, columns=["check", "count", "detail"])
    warn = out["count"] > 0
    warn[out["check"] == "rows"] = out["count"] == 0
    out.insert(2, "status", warn.map({True: "warn", False: "pass"}))
    return out.astype(
        {"check": STRING, "count": "Int64", "status": STRING, "detail": STRING}
    )


def _negative(df: pd.DataFrame) -> pd.Series:
    """Rows with a duration below zero, by Kustomer's numbers or by timestamps."""
    bad = pd.Series(False, index=df.index)
    for at, ms in _DURATIONS:
        if at in df:
            bad |= (df[at] < df["created_at"]).fillna(False).astype(bool)
        if ms is not None and ms in df:
            bad |= (df[ms] < 0).fillna(False).astype(bool)
    return bad


def _queue_checks(df: pd.DataFrame, queues: pd.DataFrame) -> list[tuple[str, int, str]]:
    require_frame(queues, "data_checks", ["id", "name"])
    require_frame(df, "data_checks", ["queue_id"])
    listed = queues
    if "deleted" in queues:
        listed = queues[~queues["deleted"].fillna(False).astype(bool)]
    used = set(df["queue_id"].dropna().astype(str))
    ids = set(queues["id"].astype(str))
    unknown = df["queue_id"].dropna().astype(str)
    unknown = unknown[~unknown.isin(ids)]
    idle = listed[~listed["id"].astype(str).isin(used)]
    # the names a reader sees elsewhere: display_name, else name (kn.join_names)
    shown = display_names(queues, "queues")
    idle_names = [shown[str(i)] for i in idle["id"]]
    return [
        ("unknown queue ids", len(unknown), _list(unknown.unique())),
        ("queues that received nothing", len(idle), _list(idle_names)),
    ]


def _list(values) -> str:
    return ", ".join(sorted(str(v) for v in values))
