"""Render conversation resources from the columns, one page at a time.

Each page gathers its rows from every column once (vectorised timestamp
formatting), then builds one dict per conversation with the full attribute set of
a real Kustomer payload. Fixture conversations are returned exactly as recorded.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from kustomer_nb._gc import paused_gc
from kustomer_nb.sandbox import catalog, timeline
from kustomer_nb.sandbox._util import MISSING, iso_many, object_id
from kustomer_nb.sandbox.customers import identity
from kustomer_nb.sandbox.org import rel

Resource = dict[str, Any]

_TIMES = (
    "created", "updated", "modified", "last_activity", "last_message_at", "first_in",
    "fr", "done1", "last_done", "fr2", "last_in", "last_out", "snooze_at",
    "snooze_end", "csat_sent", "csat_at",
)  # fmt: skip
_NUMBERS = (
    "created", "fr", "done1", "last_done", "reopen", "fr2", "last_in", "last_out",
    "id_hi", "id_lo", "low", "channel", "channel2", "status", "topic", "name_code",
    "preview_code", "customer", "queue", "team", "team2", "user", "responder",
    "tags_mask", "priority", "msg_in", "msg_out", "notes", "done_count",
    "reopen_count", "snooze_kind", "csat_rating", "no_survey", "rev", "total_open",
    "total_done", "since_last_done", "fixture",
)  # fmt: skip
_SNOOZE = {1: "scheduled", 2: "elapsed", 3: "canceled"}
_SUBJECTS = [s for t in catalog.TOPICS for s in t[4]]
_PREVIEWS = [p for t in catalog.TOPICS for p in t[5]]


def _first_team(org: Any) -> list[str]:
    """Team id of each agent's first team (agent index -> team id)."""
    teams = [""] * len(org.agent_ids)
    generated = org.teams[: len(org.team_members)]  # fixture teams come after
    for team, members in zip(generated[::-1], org.team_members[::-1], strict=True):
        for member in members:
            teams[member] = team["id"]
    return teams


class _Page:
    """The rows of one page, gathered into Python lists and ISO strings."""

    def __init__(self, state: Any, rows: np.ndarray) -> None:
        conv = state.conv
        self.iso = {k: iso_many(conv[k][rows]) for k in _TIMES}
        self.num = {k: conv[k][rows].tolist() for k in _NUMBERS}
        customers = conv["customer"][rows]
        hi, lo = state.cust["id_hi"][customers], state.cust["id_lo"][customers]
        self.customer_ids = [
            object_id(h, lo_) for h, lo_ in zip(hi.tolist(), lo.tolist(), strict=True)
        ]
        self.first_team = _first_team(state.org)
        for key in ("created", "fr", "fr2", "done1", "last_done", "last_out"):
            self.num[f"{key}_b"] = timeline.business_clock(conv[key][rows]).tolist()
        # A message is stored a few ms after it is sent, never after updatedAt.
        updated = conv["updated"][rows]
        later = conv["created"][rows] + conv["low"][rows] % 150 + 40
        self.iso["first_in_created"] = iso_many(np.minimum(later, updated))
        for key in ("fr", "fr2", "last_in", "last_out"):
            col = conv[key][rows]
            stored = np.where(col == MISSING, col, np.minimum(col + 33, updated))
            self.iso[f"{key}_created"] = iso_many(stored)


def render_conversations(state: Any, rows: np.ndarray) -> list[Resource]:
    """Conversation resources for ``rows`` (indices into ``state.conv``)."""
    rows = np.asarray(rows, dtype=np.int64)
    page = _Page(state, rows)
    out = []
    with paused_gc():
        for k in range(len(rows)):
            fixture = page.num["fixture"][k]
            if fixture >= 0:
                out.append(state.fixture_conversations[fixture])
            else:
                out.append(_Conversation(state, page, k).resource())
    return out


class _Conversation:
    """One conversation's resource, built from page ``k``."""

    def __init__(self, state: Any, page: _Page, k: int) -> None:
        self.org = state.org
        self.n = {key: values[k] for key, values in page.num.items()}
        self.t = {key: values[k] for key, values in page.iso.items()}
        self.id = object_id(self.n["id_hi"], self.n["id_lo"])
        self.customer_id = page.customer_ids[k]
        self.first_team = page.first_team
        self.customer = identity(self.n["customer"])
        self.channel = catalog.CHANNELS[self.n["channel"]]
        second = self.n["channel2"]
        self.reply_channel = catalog.CHANNELS[second] if second >= 0 else self.channel
        teams = [self.n["team"], self.n["team2"]]
        self.team_ids = [self.org.teams[t]["id"] for t in teams if t >= 0]
        user = self.n["user"]
        self.user_ids = [self.org.agent_ids[user]] if user >= 0 else []
        responder = self.n["responder"]
        self.responder = self.org.agent_ids[responder] if responder >= 0 else None

    def _message_id(self, moment: int, k: int) -> str:
        low = (self.n["id_lo"] * 0x9E3779B97F4A7C15 + k) & ((1 << 64) - 1)
        return object_id(moment // 1000, low)

    def _last_out_k(self) -> int:
        """Message-id slot of the last outbound message (shared when it is a reply)."""
        last = self.n["last_out"]
        return 2 if last == self.n["fr"] else 5 if last == self.n["fr2"] else 4

    def _responder_teams(self) -> list[str]:
        responder = self.n["responder"]
        return [self.first_team[responder]] if responder >= 0 else []

    def _meta(self, sent: str, subject: str) -> dict[str, Any]:
        _, _, email, phone = self.customer
        if self.channel == "email":
            return {"subject": subject, "from": email, "to": catalog.SUPPORT_EMAIL}
        if self.channel in ("sms", "voice"):
            meta = {"from": phone, "to": catalog.SUPPORT_PHONE}
            if self.channel == "voice":
                meta = {
                    "subject": "Inbound call",
                    **meta,
                    "placedAt": sent,
                    "status": "completed",
                }
            return meta
        if self.channel == "chat":
            return {"source": "web"}
        return {"from": "@" + email.split("@")[0].replace(".", "_")}

    def first_message_in(self, name: str) -> Resource:
        return {
            "id": self._message_id(self.n["created"], 1),
            "sentAt": self.t["first_in"],
            "createdAt": self.t["first_in_created"],
            "directionType": "initial-in",
            "channel": self.channel,
            "meta": self._meta(self.t["first_in"], name),
        }

    def first_message_out(self) -> Resource:
        if self.n["fr"] == MISSING:
            return {}
        return {
            "createdByTeams": self._responder_teams(),
            "id": self._message_id(self.n["fr"], 2),
            "sentAt": self.t["fr"],
            "createdAt": self.t["fr_created"],
            "channel": self.reply_channel,
            "directionType": "response-out",
            "createdBy": self.responder,
        }

    def last_messages(self) -> tuple[Resource, Resource, Resource]:
        n, t = self.n, self.t
        last_in = {
            "id": self._message_id(n["last_in"], 3),
            "sentAt": t["last_in"],
            "createdAt": t["last_in_created"],
            "meta": self._meta(t["last_in"], "Re: follow-up"),
            "channel": self.reply_channel,
        }
        if n["msg_in"] == 1:  # the first inbound message is also the last
            last_in.update(
                id=self._message_id(n["created"], 1),
                createdAt=t["first_in_created"],
                channel=self.channel,
            )
        last_out: Resource = {}
        if n["last_out"] != MISSING:
            last_out = {
                "id": self._message_id(n["last_out"], self._last_out_k()),
                "sentAt": t["last_out"],
                "createdAt": t["last_out_created"],
                "createdBy": self.responder,
            }
        unresponded: Resource = {}
        if n["last_in"] > n["last_out"]:
            unresponded = {k: last_in[k] for k in ("id", "sentAt", "createdAt")}
        return last_in, last_out, unresponded

    def response(
        self, at: str, since: str, key: str, k: int, sent: bool = True
    ) -> Resource:
        if self.n[key] == MISSING:
            return {}
        time = self.n[key] - self.n[since]
        business = self.n[f"{key}_b"] - self.n[f"{since}_b"]
        body: Resource = {
            "createdByTeams": self._responder_teams(),
            "assignedTeams": list(self.team_ids),
            "assignedUsers": list(self.user_ids) or [self.responder],
            "id": self._message_id(self.n[key], k),
            "time": time,
            "businessTime": business,
            "createdAt": self.t[f"{key}_created"],
            "createdBy": self.responder,
        }
        if sent:
            body.update(sentAt=at, responseTime=time)
        return body

    def done(self, key: str, inbound: int, outbound: int) -> Resource:
        if self.n[key] == MISSING:
            return {}
        messages = inbound + outbound
        by_system = self.n["fr"] == MISSING
        time = self.n[key] - self.n["created"]
        business = self.n[f"{key}_b"] - self.n["created_b"]
        by_channel = {self.channel: inbound}
        if outbound:
            by_channel[self.reply_channel] = (
                by_channel.get(self.reply_channel, 0) + outbound
            )
        return {
            "createdByTeams": None if by_system else self._responder_teams(),
            "assignedTeams": list(self.team_ids),
            "assignedUsers": list(self.user_ids),
            "time": time,
            "businessTime": business,
            "createdAt": self.t[key],
            "createdBy": None if by_system else self.responder,
            "noteCount": self.n["notes"],
            "messageCount": messages,
            "messageCountByChannel": by_channel,
            "outboundMessageCount": outbound,
            "outboundMessageCountByChannel": {self.reply_channel: outbound}
            if outbound
            else {},
            "lastMessageDirection": "out" if outbound else "in",
            "lastMessageDirectionType": "response-out" if outbound else "initial-in",
        }

    def snooze(self) -> Resource | None:
        kind = _SNOOZE.get(self.n["snooze_kind"])
        if kind is None:
            return None
        status_at = self.t["snooze_at"] if kind == "scheduled" else self.t["snooze_end"]
        return {"time": self.t["snooze_end"], "status": kind, "statusAt": status_at}

    def satisfaction_level(self) -> Resource:
        if self.t["csat_sent"] is None:
            return {"sentByTeams": [], "answers": []}
        rated = self.t["csat_at"] is not None
        rating = self.n["csat_rating"]
        return {
            "status": "rated" if rated else "offered",
            "score": int(rating >= 4) if rated else 0,
            "rating": rating,
            "channel": self.reply_channel,
            "sentBy": self.responder,
            "sentByTeams": self._responder_teams() if self.responder else [],
            "sentAt": self.t["csat_sent"],
            "createdAt": self.t["csat_sent"],
            "updatedAt": self.t["csat_at"] or self.t["csat_sent"],
            "answers": [],
        }

    def resource(self) -> Resource:
        n, t, org = self.n, self.t, self.org
        name = _SUBJECTS[n["name_code"]]
        last_in, last_out, unresponded = self.last_messages()
        first_response = self.response(t["fr"], "created", "fr", 2)
        if n["reopen"] == MISSING:
            since_done = first_response
        else:
            since_done = self.response(t["fr2"], "done1", "fr2", 5)
        last_response = self.response(
            "", "created", "last_out", self._last_out_k(), sent=False
        )
        total = n["msg_in"] + n["msg_out"]
        inbound = max(1, n["msg_in"] - n["reopen_count"])
        outbound = max(0, n["msg_out"] - (n["fr2"] != MISSING))
        first_done = self.done("done1", inbound, outbound)
        last_done = first_done
        if n["done_count"] > 1:
            last_done = self.done("last_done", n["msg_in"], n["msg_out"])
        reason = catalog.TOPICS[n["topic"]][0]
        channels = [self.channel] + (
            [self.reply_channel] if self.reply_channel != self.channel else []
        )
        attributes = {
            "name": name,
            "preview": _PREVIEWS[n["preview_code"]],
            "channels": channels,
            "status": timeline.STATUSES[n["status"]],
            "snooze": self.snooze(),
            "messageCount": total,
            "noteCount": n["notes"],
            "satisfaction": n["csat_rating"],
            "satisfactionLevel": self.satisfaction_level(),
            "createdAt": t["created"],
            "updatedAt": t["updated"],
            "modifiedAt": t["modified"],
            "lastActivityAt": t["last_activity"],
            "spam": False,
            "ended": self.channel == "chat" and n["status"] == timeline.DONE,
            "importedAt": None,
            "tags": [
                tag for i, tag in enumerate(org.tag_ids) if n["tags_mask"] >> i & 1
            ],
            "suggestedTags": [],
            "predictions": [],
            "suggestedShortcuts": [],
            "firstMessageIn": self.first_message_in(name),
            "firstMessageOut": self.first_message_out(),
            "lastMessageIn": last_in,
            "lastMessageOut": last_out,
            "lastMessageAt": t["last_message_at"],
            "lastMessageUnrespondedTo": unresponded,
            "assignedUsers": list(self.user_ids),
            "assignedTeams": list(self.team_ids),
            "firstResponse": first_response,
            "firstResponseSinceLastDone": since_done,
            "lastResponse": last_response,
            "firstDone": first_done,
            "lastDone": last_done,
            "doneCount": n["done_count"],
            "snoozeCount": int(n["snooze_kind"] > 0),
            "reopenCount": n["reopen_count"],
            "reopenFromDoneCount": n["reopen_count"],
            "direction": "in",
            "custom": {
                "convoTaggingTree": reason.split(".")[0],
                "doNotSendSurveyBool": bool(n["no_survey"]),
                "conversationReasonTree": reason,
            },
            "lastMessageDirection": "in" if n["last_in"] > n["last_out"] else "out",
            "outboundMessageCount": n["msg_out"],
            "inboundMessageCount": n["msg_in"],
            "rev": n["rev"],
            "priority": n["priority"],
            "totalDone": {"businessTime": n["total_done"], "time": n["total_done"]},
            "totalOpen": {
                "time": n["total_open"],
                "businessTime": n["total_open"],
                "businessTimeBySchedule": n["total_open"],
                "timeSinceLastDone": n["since_last_done"],
                "businessTimeSinceLastDone": n["since_last_done"],
                "businessTimeByScheduleSinceLastDone": n["since_last_done"],
            },
            "roleGroupVersions": [],
            "accessOverride": [],
            "linkedConversations": [],
            "mergedTarget": False,
            "assistant": {"fac": {"reasons": []}, "assistantId": []},
            "phase": "active",
        }
        return {
            "type": "conversation",
            "id": self.id,
            "attributes": attributes,
            "relationships": self.relationships(),
            "links": {"self": f"/v1/conversations/{self.id}"},
        }

    def relationships(self) -> Resource:
        org = self.org
        editor = (self.user_ids or [self.responder or org.machine_user_id])[0]
        customer_id = self.customer_id
        queue_id = org.queues[self.n["queue"]]["id"]
        return {
            "messages": {"links": {"self": f"/v1/conversations/{self.id}/messages"}},
            "modifiedBy": rel("user", editor, "users"),
            "org": rel("org", org.org_id, "orgs"),
            "customer": rel("customer", customer_id, "customers"),
            "queue": rel("queue", queue_id, "routing/queues"),
            "brand": rel("brand", org.brand_id, "brands"),
        }
