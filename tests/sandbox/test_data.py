"""The generated data: shapes of the real payload, consistent times, realism."""

from __future__ import annotations

import collections
import json
from pathlib import Path

import numpy as np
import pytest

from kustomer_nb.sandbox import SandboxConfig, build_state
from kustomer_nb.sandbox.resources import render_conversations

REAL = json.loads(
    (Path(__file__).parent.parent / "data" / "conversation-real-2022.json").read_text()
)["data"]


def _ms(stamp: str) -> int:
    return int(np.datetime64(stamp.rstrip("Z"), "ms").astype(np.int64))


@pytest.fixture(scope="module")
def generated(listed, real_id) -> list[dict]:
    """Every generated conversation, through GET /v1/conversations."""
    return [c for c in listed if c["id"] != real_id]


def _shape(value):
    """Keys of nested objects (recursively), ignoring values."""
    if isinstance(value, dict):
        return {k: _shape(v) for k, v in value.items()}
    return None


def _covers(ours, real) -> bool:
    """Every key of ``real`` is in ``ours``, recursively (per-channel maps aside)."""
    if not isinstance(real, dict):
        return True
    if not isinstance(ours, dict):
        return False
    return all(
        k in ours and (k.endswith("ByChannel") or _covers(ours[k], real[k]))
        for k in real
    )


def test_conversations__carry_every_real_attribute_and_relationship(generated):
    real_attributes = set(REAL["attributes"])
    real_relationships = set(REAL["relationships"])
    for item in generated:
        assert real_attributes <= set(item["attributes"]), item["id"]
        assert real_relationships <= set(item["relationships"]), item["id"]


def test_conversations__nested_shapes_match_real(generated):
    nested = ("firstResponse", "firstDone", "lastDone", "totalOpen", "firstMessageOut")
    answered_done = [
        c for c in generated if c["attributes"]["firstDone"].get("createdBy")
    ]
    assert answered_done
    for item in answered_done[:200]:
        for key in nested:
            assert _covers(
                _shape(item["attributes"][key]), _shape(REAL["attributes"][key])
            ), key


def test_conversations__durations_agree_with_timestamps(generated):
    checked = collections.Counter()
    for item in generated:
        a = item["attributes"]
        created = _ms(a["createdAt"])
        if a["firstResponse"]:
            assert (
                a["firstResponse"]["time"]
                == _ms(a["firstResponse"]["sentAt"]) - created
            )
            checked["firstResponse"] += 1
        for key in ("firstDone", "lastDone"):
            if a[key]:
                assert a[key]["time"] == _ms(a[key]["createdAt"]) - created
                checked[key] += 1
    assert min(checked.values()) > 100


def test_conversations__updated_at_is_latest_and_rev_positive(generated):
    for item in generated:
        a = item["attributes"]
        updated = a["updatedAt"]
        stamps = [v for k, v in a.items() if k.endswith("At") and isinstance(v, str)]
        for key in (
            "firstResponse",
            "firstDone",
            "lastDone",
            "firstMessageIn",
            "lastMessageOut",
        ):
            stamps += [
                v for k, v in a[key].items() if k.endswith("At") and isinstance(v, str)
            ]
        if a["snooze"]:
            stamps.append(a["snooze"]["statusAt"])
            if a["snooze"]["status"] != "scheduled":  # a wake-up time to come
                stamps.append(a["snooze"]["time"])
        assert max(stamps) <= updated, item["id"]
        assert a["rev"] >= 1


def test_conversations__realistic_mix(generated):
    a = [c["attributes"] for c in generated]
    statuses = collections.Counter(x["status"] for x in a)
    assert set(statuses) == {"open", "snoozed", "done"}
    assert statuses["done"] > statuses["open"] > 0
    channels = {ch for x in a for ch in x["channels"]}
    assert {"email", "chat", "sms", "voice"} <= channels
    assert channels & {"facebook", "instagram", "twitter-dm"}
    reopened = [x for x in a if x["reopenCount"] > 0 and x["doneCount"] > 1]
    assert reopened
    assert all(
        x["lastDone"]["createdAt"] > x["firstDone"]["createdAt"] for x in reopened
    )
    assert any(x["firstResponse"] == {} and x["firstMessageOut"] == {} for x in a)
    assert any(x["snooze"] is None for x in a) and any(x["snooze"] for x in a)


def test_conversations__chat_answered_faster_than_email(generated):
    def median(channel: str) -> float:
        times = [
            c["attributes"]["firstResponse"]["time"]
            for c in generated
            if c["attributes"]["channels"][0] == channel
            and c["attributes"]["firstResponse"]
        ]
        return float(np.median(times))

    assert median("chat") * 20 < median("email")


def test_conversations__many_share_one_updated_at(generated):
    counts = collections.Counter(c["attributes"]["updatedAt"] for c in generated)
    assert counts.most_common(1)[0][1] >= 100


def test_conversations__older_mostly_done_recent_often_open(sandbox):
    c = sandbox.state.conv
    n = sandbox.state.n_generated
    age = sandbox.state.now - c["created"][:n]
    done = c["status"][:n] == 2
    assert done[age > 30 * 86_400_000].mean() > 0.9
    assert done[age < 86_400_000].mean() < 0.8


def test_seasonality__weekdays_busier_than_weekends(sandbox):
    created = sandbox.state.conv["created"][: sandbox.state.n_generated]
    weekday = ((created - 5 * 3_600_000) // 86_400_000 + 3) % 7
    per_day = np.bincount(weekday, minlength=7)
    assert per_day[:5].min() > per_day[5:].max()


def test_generation__deterministic_for_same_seed_and_now():
    config = SandboxConfig(conversations=300, days=20, now="2026-06-01T00:00:00Z")
    one, two = build_state(config), build_state(config)
    rows = np.arange(300)
    assert render_conversations(one, rows) == render_conversations(two, rows)
    other = build_state(
        SandboxConfig(conversations=300, days=20, now="2026-06-01", seed=8)
    )
    assert render_conversations(other, rows[:5]) != render_conversations(one, rows[:5])


def test_generation__frozen_now_bounds_the_data():
    state = build_state(
        SandboxConfig(conversations=500, days=10, now="2025-01-15T08:00:00Z")
    )
    now = _ms("2025-01-15T08:00:00.000Z")
    assert state.now == now
    assert state.conv["updated"].max() <= now
    assert state.conv["created"].min() >= now - 10 * 86_400_000


def test_generation__ids_start_with_creation_second(sandbox):
    c = sandbox.state.conv
    assert np.array_equal(c["id_hi"], c["created"] // 1000)


def test_generation__empty_org_still_serves():
    state = build_state(SandboxConfig(conversations=0, days=3, now="2026-11-30"))
    assert len(state.conv["created"]) == 0 and len(state.cust["created"]) == 1


def test_customers__emails_unique(sandbox):
    from kustomer_nb.sandbox.customers import identity

    emails = [identity(i)[2] for i in range(sandbox.state.n_generated_customers)]
    assert len(set(emails)) == len(emails)
    assert all(e.isascii() for e in emails)


def test_conversations__single_reply_shares_its_message_id(generated):
    single = [
        c["attributes"]
        for c in generated
        if c["attributes"]["outboundMessageCount"] == 1
    ]
    assert single
    for a in single:
        first_out, last_out = a["firstMessageOut"], a["lastMessageOut"]
        assert first_out["id"] == last_out["id"] == a["firstResponse"]["id"]
        assert a["lastResponse"]["id"] == a["firstResponse"]["id"]


def test_conversations__business_time_within_elapsed_time(generated):
    pairs = [
        (a[key]["businessTime"], a[key]["time"])
        for a in (c["attributes"] for c in generated)
        for key in ("firstResponse", "firstDone", "lastDone")
        if a[key]
    ]
    assert all(0 <= business <= time for business, time in pairs)
    assert any(business < time for business, time in pairs)  # nights and weekends


def test_business_clock__counts_staffed_hours_only():
    from kustomer_nb.sandbox.timeline import business_clock

    hour = 3_600_000
    monday = _ms("2026-11-30T00:00:00.000Z")  # 19:00 Sunday in UTC-5
    clock = business_clock(np.array([monday, monday + 13 * hour, monday + 25 * hour]))
    # Sunday 19:00 -> Monday 08:00 (closed) -> Monday 20:00 (12 staffed hours).
    assert list(np.diff(clock)) == [0, 12 * hour]
