"""Readable names for the ids a conversation carries: teams, queues, agents."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa

from kustomer_nb.helpers._validate import as_lists, require_frame, strings

__all__ = ["join_names"]

NO_TEAM = "(unassigned)"
NO_QUEUE = "(no queue)"
NO_AGENT = "(no response)"


def join_names(
    conversations: pd.DataFrame,
    *,
    teams: pd.DataFrame | None = None,
    queues: pd.DataFrame | None = None,
    users: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Add readable team, queue and agent names to a conversations frame.

    Each lookup frame given adds its columns; the others are left out. A name is
    the object's ``display_name`` when set, else its ``name``. Ids with no match
    stay visible as ``"unknown team <id>"`` (queue, user likewise); rows are never
    dropped or reordered.

    Parameters
    ----------
    conversations : DataFrame
        From :func:`kn.load_conversations`.
    teams, queues, users : DataFrame, optional
        From :func:`kn.load_teams`, :func:`kn.load_queues`, :func:`kn.load_users`
        (columns ``id``, ``name`` and optionally ``display_name``).

    Returns
    -------
    DataFrame
        A copy with, when ``teams`` is given, ``team`` (string: the first assigned
        team, ``"(unassigned)"`` when none) and ``team_names`` (list<string>: every
        assigned team); when ``queues`` is given, ``queue`` (string, ``"(no
        queue)"`` when none); when ``users`` is given, ``agent`` (string: the author
        of the first response, ``"(no response)"`` when none was sent).
    """
    require_frame(conversations, "join_names")
    out = conversations.copy()
    if teams is not None:
        require_frame(out, "join_names", ["assigned_team_ids"])
        names = display_names(teams, "teams")
        per_row = [
            [names.get(i, f"unknown team {i}") for i in ids]
            for ids in as_lists(out["assigned_team_ids"])
        ]
        out["team"] = strings((n[0] if n else NO_TEAM for n in per_row), out.index)
        out["team_names"] = pd.Series(
            per_row, index=out.index, dtype=pd.ArrowDtype(pa.list_(pa.string()))
        )
    if queues is not None:
        require_frame(out, "join_names", ["queue_id"])
        out["queue"] = _name_column(
            out["queue_id"], display_names(queues, "queues"), "queue"
        )
        out["queue"] = out["queue"].fillna(NO_QUEUE)
    if users is not None:
        require_frame(out, "join_names", ["first_response_by"])
        agents = _name_column(
            out["first_response_by"], display_names(users, "users"), "user"
        )
        out["agent"] = agents.fillna(NO_AGENT)
    return out


def display_names(frame: pd.DataFrame, what: str) -> dict[str, str]:
    """id → display name (display_name, else name, else the id)."""
    if not isinstance(frame, pd.DataFrame) or not {"id", "name"} <= set(frame.columns):
        raise ValueError(
            f"join_names(): {what} must be a DataFrame with id and name columns, "
            f"as kn.load_{what}() returns"
        )
    label = frame["name"].astype("object")
    if "display_name" in frame.columns:
        display = frame["display_name"].astype("object")
        label = display.where(display.notna() & (display != ""), label)
    label = label.where(label.notna() & (label != ""), frame["id"].astype("object"))
    return dict(zip(frame["id"].astype(str), label.astype(str), strict=True))


def _name_column(ids: pd.Series, names: dict[str, str], kind: str) -> pd.Series:
    """Map ids to names; unmatched ids become ``"unknown <kind> <id>"``."""
    values = [
        None if pd.isna(i) else names.get(str(i), f"unknown {kind} {i}")
        for i in ids.astype("object")
    ]
    return strings(values, ids.index)
