"""The sandbox dataset: a small materialised org plus columnar conversations.

Conversations and customers live in numpy columns (one array per field, one row
per object) so a million of them fit in a few hundred MB; JSON is rendered per
request by :mod:`kustomer_nb.sandbox.resources`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from kustomer_nb.sandbox import catalog, timeline
from kustomer_nb.sandbox._util import MISSING, MS_PER_DAY, resolve_now, years_before
from kustomer_nb.sandbox.config import SandboxConfig
from kustomer_nb.sandbox.org import Org, build_org

__all__ = ["State", "build_state"]

logger = logging.getLogger(__name__)

Columns = dict[str, np.ndarray]
_HOUR = 3_600_000
#: Monday..Sunday and local hour-of-day demand (brand on US Eastern, UTC-5).
_WEEKDAY = np.array([1.25, 1.15, 1.1, 1.05, 1.0, 0.62, 0.55])
_HOURLY = np.array(
    [0.12, 0.08, 0.06, 0.05, 0.05, 0.08, 0.2, 0.45, 0.8, 1.0, 1.0, 0.95]
    + [0.9, 0.95, 1.0, 0.95, 0.85, 0.7, 0.6, 0.55, 0.5, 0.42, 0.3, 0.2]
)
_LOCAL_OFFSET = -5 * _HOUR


@dataclass
class State:
    """Everything the sandbox serves.

    Attributes
    ----------
    now
        The sandbox clock (epoch ms).
    org
        Users, teams, queues, klasses and tag ids, as resource dicts.
    conv
        Conversation columns (see :mod:`kustomer_nb.sandbox.timeline` for the
        time columns); rows ``>= n_generated`` come from fixtures.
    cust
        Customer columns; rows ``>= n_generated_customers`` come from fixtures.
    """

    now: int
    start: int
    org: Org
    conv: Columns
    cust: Columns
    n_generated: int
    n_generated_customers: int
    seed: int = 0
    fixture_conversations: list[dict[str, Any]] = field(default_factory=list)
    fixture_customers: list[dict[str, Any]] = field(default_factory=list)
    registry: dict[str, list[str]] = field(default_factory=dict)
    conv_order: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    cust_order: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    conv_rank: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    cust_rank: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))

    @property
    def search_horizon(self) -> int:
        """Standard search hides objects updated before this moment (epoch ms)."""
        return years_before(self.now, 2)


def _created(rng: np.random.Generator, n: int, start: int, now: int) -> np.ndarray:
    """Creation moments with weekday and hour-of-day seasonality, sorted."""
    peak = _WEEKDAY.max() * _HOURLY.max()
    chosen: list[np.ndarray] = [np.zeros(0, dtype=np.int64)]
    have = 0
    while have < n:
        candidate = rng.integers(start, now, 3 * (n - have) + 16)
        local = candidate + _LOCAL_OFFSET
        weekday = (local // MS_PER_DAY + 3) % 7
        hour = (local % MS_PER_DAY) // _HOUR
        keep = rng.random(len(candidate)) * peak < _WEEKDAY[weekday] * _HOURLY[hour]
        chosen.append(candidate[keep][: n - have])
        have += len(chosen[-1])
    return np.sort(np.concatenate(chosen)).astype(np.int64)


def _channels(rng: np.random.Generator, c: Columns) -> None:
    n = len(c["created"])
    c["channel"] = rng.choice(len(catalog.CHANNELS), n, p=catalog.CHANNEL_SHARE)
    c["channel"] = c["channel"].astype(np.int8)
    second = np.full(n, -1, dtype=np.int8)
    code = {name: i for i, name in enumerate(catalog.CHANNELS)}
    draw = rng.random(n)
    second[(c["channel"] == code["voice"]) & (draw < 0.4)] = code["sms"]
    second[(c["channel"] == code["chat"]) & (draw < 0.1)] = code["email"]
    second[(c["channel"] == code["email"]) & (draw < 0.05)] = code["chat"]
    c["channel2"] = second
    c["channels_mask"] = (1 << c["channel"].astype(np.int64)) | np.where(
        second >= 0, 1 << np.maximum(second, 0).astype(np.int64), 0
    )


def _topics(rng: np.random.Generator, c: Columns) -> None:
    n = len(c["created"])
    weights = np.array([t[3] for t in catalog.TOPICS])
    c["topic"] = rng.choice(len(weights), n, p=weights / weights.sum()).astype(np.int8)
    c["name_code"] = (c["topic"] * 3 + rng.integers(0, 3, n)).astype(np.int16)
    c["preview_code"] = (c["topic"] * 2 + rng.integers(0, 2, n)).astype(np.int16)


def _customers(rng: np.random.Generator, n: int, start: int, now: int) -> Columns:
    count = max(1, n // 3)
    cust: Columns = {"created": rng.integers(start, now, count).astype(np.int64)}
    cust["vip"] = rng.random(count) < 0.03
    cust["weight"] = rng.lognormal(0.0, 1.0, count)
    return cust


def _assign_customers(rng: np.random.Generator, c: Columns, cust: Columns) -> None:
    p = cust.pop("weight")
    c["customer"] = rng.choice(len(p), len(c["created"]), p=p / p.sum()).astype(
        np.int32
    )
    first = np.full(len(p), np.iinfo(np.int64).max)
    np.minimum.at(first, c["customer"], c["created"])
    has = first != np.iinfo(np.int64).max
    lead = np.exp(np.log(120 * MS_PER_DAY) + 1.2 * rng.standard_normal(len(p)))
    earliest = cust["created"].min() if len(p) else 0
    before = np.maximum(first - lead.astype(np.int64), earliest)
    cust["created"] = np.where(has, np.minimum(before, first), cust["created"])


def _routing(rng: np.random.Generator, c: Columns, cust: Columns, org: Org) -> None:
    n = len(c["created"])
    team_index = {name: i for i, (name, _) in enumerate(catalog.TEAMS)}
    topic_team = np.array([team_index[t[1]] for t in catalog.TOPICS])
    topic_queue = np.array([-1 if t[2] is None else t[2] for t in catalog.TOPICS])
    by_channel = {
        "email": catalog.Q_EMAIL,
        "chat": catalog.Q_CHAT,
        "sms": catalog.Q_PHONE,
    }
    by_channel["voice"] = catalog.Q_PHONE
    channel_queue = np.array(
        [by_channel.get(x, catalog.Q_SOCIAL) for x in catalog.CHANNELS]
    )
    social = np.array([x in catalog.SOCIAL for x in catalog.CHANNELS])[c["channel"]]
    vip = cust["vip"][c["customer"]]

    # Queue: the topic's, else the channel's; social, VIP and unrouted override.
    queue = np.where(
        topic_queue[c["topic"]] >= 0,
        topic_queue[c["topic"]],
        channel_queue[c["channel"]],
    )
    queue = np.where(social, catalog.Q_SOCIAL, queue)
    queue = np.where(vip, catalog.Q_VIP, queue)
    unrouted = rng.random(n) < 0.05
    c["queue"] = np.where(unrouted, catalog.Q_DEFAULT, queue).astype(np.int16)

    team = np.where(social, team_index["Social"], topic_team[c["topic"]])
    team = np.where(vip, team_index["VIP Care"], team)
    fresh = (c["fr"] == MISSING) & (rng.random(n) < 0.5)
    c["team"] = np.where(unrouted | fresh, -1, team).astype(np.int16)
    escalate = (c["fr"] != MISSING) & (rng.random(n) < 0.08) & (c["team"] >= 0)
    escalate &= c["team"] != team_index["Tier 2"]
    c["team2"] = np.where(escalate, team_index["Tier 2"], -1).astype(np.int16)
    c["teams_mask"] = np.where(
        c["team"] >= 0, 1 << np.maximum(c["team"], 0).astype(np.int64), 0
    )
    c["teams_mask"] |= np.where(escalate, 1 << team_index["Tier 2"], 0)
    _agents(rng, c, org)


def _agents(rng: np.random.Generator, c: Columns, org: Org) -> None:
    """Assigned user (member of the last team) and first responder."""
    n = len(c["created"])
    acting = np.where(c["team2"] >= 0, c["team2"], np.maximum(c["team"], 0))
    pick = rng.random(n)
    sizes = np.array([len(m) for m in org.team_members])
    width = max(sizes)
    members = np.array([m + [m[0]] * (width - len(m)) for m in org.team_members])
    agent = members[acting, (pick * sizes[acting]).astype(np.int64)]
    unassigned = (c["team"] < 0) | ((c["fr"] == MISSING) & (rng.random(n) < 0.6))
    c["user"] = np.where(unassigned, -1, agent).astype(np.int16)
    first_team = np.maximum(c["team"], 0)
    responder = members[
        first_team, (rng.random(n) * sizes[first_team]).astype(np.int64)
    ]
    responder = np.where(
        c["team2"] >= 0, responder, np.where(c["user"] >= 0, c["user"], responder)
    )
    c["responder"] = np.where(c["fr"] != MISSING, responder, -1).astype(np.int16)


def _flags(rng: np.random.Generator, c: Columns, cust: Columns) -> None:
    n = len(c["created"])
    topic_tag = np.array([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], dtype=np.int64)
    tags = 1 << topic_tag[c["topic"]]
    tags |= np.where((c["topic"] == 0) & (rng.random(n) < 0.3), 1 << 12, 0)
    tags |= np.where(c["team2"] >= 0, 1 << 11, 0)
    tags |= np.where(cust["vip"][c["customer"]], 1 << 10, 0)
    tags |= np.where(rng.random(n) < 0.04, 1 << 19, 0)
    tags |= np.where(c["reopen"] != MISSING, 1 << 20, 0)
    c["tags_mask"] = tags.astype(np.int64)
    priority = np.where(cust["vip"][c["customer"]] | (c["topic"] == 3), 4, 3)
    priority = np.where(c["topic"] == 7, 2, priority)
    c["priority"] = np.where(tags >> 19 & 1 == 1, 5, priority).astype(np.int8)
    c["no_survey"] = rng.random(n) < 0.03
    c["low"] = rng.integers(0, 1 << 24, n, dtype=np.int64)


def _customer_stamps(
    c: Columns, cust: Columns, now: int, rng: np.random.Generator
) -> None:
    count = len(cust["created"])
    last = np.full(count, MISSING, dtype=np.int64)
    np.maximum.at(last, c["customer"], c["updated"])
    idle = np.exp(np.log(30 * MS_PER_DAY) + rng.standard_normal(count)).astype(np.int64)
    alone = np.minimum(cust["created"] + idle, now)
    cust["updated"] = np.where(
        last != MISSING, np.maximum(last, cust["created"]), alone
    )
    for code, name in enumerate(timeline.STATUSES):
        hits = np.bincount(c["customer"][c["status"] == code], minlength=count)
        cust[f"n_{name}"] = hits.astype(np.int32)


def _ids(rng: np.random.Generator, table: Columns, processes: int = 8) -> None:
    """ObjectId parts: creation second (hi) and machine/counter bits (lo)."""
    n = len(table["created"])
    machines = rng.integers(1, 1 << 40, processes, dtype=np.int64).astype(np.uint64)
    counter = (
        np.arange(n, dtype=np.uint64) + np.uint64(rng.integers(1 << 20))
    ) & np.uint64(0xFFFFFF)
    table["id_hi"] = (table["created"] // 1000).astype(np.int64)
    table["id_lo"] = (
        machines[rng.integers(0, processes, n)] << np.uint64(24)
    ) | counter


def generate(config: SandboxConfig) -> State:
    """Generate the dataset for ``config`` (deterministic in seed, now, size)."""
    rng = np.random.default_rng(config.seed)
    now = resolve_now(config.now)
    start = now - config.days * MS_PER_DAY
    founded = min(years_before(now, 4), start - 365 * MS_PER_DAY)
    org = build_org(rng, founded)
    n = config.conversations

    c: Columns = {"created": _created(rng, n, start, now)}
    cust = _customers(rng, n, founded, now)
    _channels(rng, c)
    _topics(rng, c)
    _assign_customers(rng, c, cust)
    timeline.responses(rng, c, now)
    timeline.status(c)
    timeline.snoozes(rng, c, now)
    timeline.messages(rng, c)
    _routing(rng, c, cust, org)
    _flags(rng, c, cust)
    timeline.satisfaction(rng, c, now)
    timeline.stamps(rng, c, now)
    timeline.bulk_updates(rng, c, start, now)
    timeline.totals(c)
    _customer_stamps(c, cust, now, rng)
    _ids(rng, c)
    _ids(rng, cust)
    c["fixture"] = np.full(n, -1, dtype=np.int32)
    cust["fixture"] = np.full(len(cust["created"]), -1, dtype=np.int32)
    state = State(now, start, org, c, cust, n, len(cust["created"]), config.seed)
    state.registry = {
        "queue": [q["id"] for q in org.queues],
        "team": [t["id"] for t in org.teams],
        "user": list(org.agent_ids),
        "channel": list(catalog.CHANNELS),
        "tag": list(org.tag_ids),
        "name": [s for t in catalog.TOPICS for s in t[4]],
    }
    return state


def _rank(order: np.ndarray) -> np.ndarray:
    rank = np.empty_like(order)
    rank[order] = np.arange(len(order))
    return rank


def finish(state: State) -> State:
    """Sort orders by id (ObjectIds order by creation second, then low bits)."""
    state.conv_order = np.lexsort((state.conv["id_lo"], state.conv["id_hi"]))
    state.cust_order = np.lexsort((state.cust["id_lo"], state.cust["id_hi"]))
    state.conv_rank = _rank(state.conv_order)
    state.cust_rank = _rank(state.cust_order)
    return state


def build_state(config: SandboxConfig) -> State:
    """Generate the dataset and merge ``config.fixtures`` into it.

    Parameters
    ----------
    config
        The sandbox configuration; ``seed``, ``now``, ``conversations`` and
        ``days`` fully determine the generated part.

    Returns
    -------
    State
        The dataset the app serves.
    """
    from kustomer_nb.sandbox.fixtures import load_fixtures

    state = generate(config)
    if config.fixtures is not None:
        load_fixtures(state, config.fixtures)
    logger.debug("sandbox dataset: %d conversations", len(state.conv["created"]))
    return finish(state)
