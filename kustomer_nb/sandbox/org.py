"""The small, fully materialised part of the org: users, teams, queues, klasses."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from kustomer_nb.sandbox import catalog
from kustomer_nb.sandbox._util import MS_PER_DAY, iso_ms, object_id

Resource = dict[str, Any]

#: Roles of the sandbox API key (legacy family, as Kustomer shows them).
API_ROLES = (
    "org.user.conversation.read",
    "org.user.customer.read",
    "org.user.search.read",
    "org.user.message.read",
    "org.user.klass.read",
    "org.user.team.read",
    "org.user.read",
    "org.user.routing.read",
)


def rel(kind: str, rid: str, path: str) -> dict[str, Any]:
    """A relationship block ``{links: {self}, data: {type, id}}``."""
    return {"links": {"self": f"/v1/{path}/{rid}"}, "data": {"type": kind, "id": rid}}


@dataclass
class Org:
    """Ids and resources of everything that is not a conversation or customer."""

    org_id: str
    brand_id: str
    machine_user_id: str
    users: list[Resource] = field(default_factory=list)
    teams: list[Resource] = field(default_factory=list)
    queues: list[Resource] = field(default_factory=list)
    klasses: list[Resource] = field(default_factory=list)
    tag_ids: list[str] = field(default_factory=list)
    team_members: list[list[int]] = field(default_factory=list)
    agent_ids: list[str] = field(default_factory=list)


class _Ids:
    """Deterministic ObjectIds: creation second plus seeded low bits."""

    def __init__(self, rng: np.random.Generator) -> None:
        self._machine = int(rng.integers(1 << 40)) << 24
        self._counter = int(rng.integers(1 << 20))

    def make(self, ms: int) -> str:
        self._counter += 1
        return object_id(ms // 1000, self._machine | self._counter)


def _base(kind: str, path: str, rid: str, org: Org, ms: int) -> Resource:
    stamp = iso_ms(ms)
    return {
        "type": kind,
        "id": rid,
        "attributes": {"createdAt": stamp, "updatedAt": stamp, "modifiedAt": stamp},
        "relationships": {
            "org": rel("org", org.org_id, "orgs"),
            "createdBy": rel("user", org.machine_user_id, "users"),
            "modifiedBy": rel("user", org.machine_user_id, "users"),
        },
        "links": {"self": f"/v1/{path}/{rid}"},
    }


def _user(org: Org, rid: str, ms: int, name: str, email: str, kind: str) -> Resource:
    res = _base("user", "users", rid, org, ms)
    stamp = iso_ms(ms)
    res["attributes"] = {
        "name": name,
        "displayName": name.split()[0] if kind == "user" else None,
        "email": email,
        "userType": kind,
        "roles": list(API_ROLES) if kind == "machine" else ["org.user.*"],
        "roleGroups": [],
        "mobile": None,
        "avatarUrl": None,
        "emailSignature": "",
        "emailVerifiedAt": stamp,
        "firstEmailVerifiedAt": stamp,
        "firstLoginAt": stamp,
        "mostRecentLoginAt": stamp,
        "password": {"allowNew": False, "forceNew": False, "updatedAt": stamp},
        "pending": False,
        "deletedAt": None,
        **res["attributes"],
    }
    return res


def _add_users(org: Org, ids: _Ids, start: int, rng: np.random.Generator) -> None:
    org.users.append(
        _user(org, org.machine_user_id, start, "Reporting API key", "", "machine")
    )
    total = sum(size for _, size in catalog.TEAMS)
    last = catalog.LAST_NAMES[::-1]
    for i in range(total):
        first, family = catalog.AGENT_FIRST[i % 70], last[(i * 7) % len(last)]
        ms = start + int(rng.integers(1, 500)) * MS_PER_DAY
        email = f"{first.lower()}.{i:02d}@northpine.example"
        org.users.append(
            _user(org, ids.make(ms), ms, f"{first} {family}", email, "user")
        )
        org.agent_ids.append(org.users[-1]["id"])
    extra = (("Dana Admin", "user", {}), ("Lee Former", "user", {"deleted": True}))
    extra += (("Pat Invited", "user", {"pending": True}),)
    extra += (("Wes Warehouse", "limited", {}),)
    for name, kind, flags in extra:
        ms = start + 30 * MS_PER_DAY
        user = _user(
            org,
            ids.make(ms),
            ms,
            name,
            f"{name.split()[0].lower()}@northpine.example",
            kind,
        )
        if flags.get("deleted"):
            user["attributes"]["deletedAt"] = iso_ms(ms + 400 * MS_PER_DAY)
        user["attributes"]["pending"] = bool(flags.get("pending"))
        org.users.append(user)


def _add_teams(org: Org, ids: _Ids, start: int) -> None:
    first_agent = 0
    for name, size in catalog.TEAMS:
        members = list(range(first_agent, first_agent + size))
        first_agent += size
        if name == "Tier 1":
            tier2 = sum(s for _, s in catalog.TEAMS[:1])
            members += list(range(tier2, tier2 + catalog.TEAMS[1][1]))
        org.team_members.append(members)
        rid = ids.make(start)
        team = _base("team", "teams", rid, org, start)
        team["attributes"] = {
            "name": name.lower().replace(" & ", "-").replace(" ", "-"),
            "displayName": name,
            "icon": "users",
            "members": [org.agent_ids[m] for m in members],
            "roleGroups": [],
            "deleted": False,
            "deletedAt": None,
            **team["attributes"],
        }
        org.teams.append(team)


def _add_queues(org: Org, ids: _Ids, start: int) -> None:
    for i, (name, description) in enumerate(catalog.QUEUES):
        rid = ids.make(start + i * MS_PER_DAY)
        queue = _base("queue", "routing/queues", rid, org, start + i * MS_PER_DAY)
        queue["attributes"] = {
            "name": name,
            "displayName": name.replace("_", " ").title() if i == 0 else name,
            "description": description,
            "priority": 1 if i == 0 else (3 if name == "VIP" else 2),
            "itemSize": 1,
            "restrictTransfersByUsers": False,
            "system": i == 0,
            "settings": {},
            "deleted": False,
            "deletedAt": None,
            **queue["attributes"],
        }
        org.queues.append(queue)


def _add_klasses(org: Org, ids: _Ids, start: int) -> None:
    for i, (name, display, status, mixins) in enumerate(catalog.KLASSES):
        ms = start + (i + 1) * 3 * MS_PER_DAY
        rid = ids.make(ms)
        klass = _base("klass", "klasses", rid, org, ms)
        klass["attributes"] = {
            "name": name,
            "displayName": display,
            "icon": "cube",
            "color": "#3a7ca5",
            "status": status,
            "mixins": list(mixins),
            "klassSchema": "task" if "assignable" in mixins else "",
            "appVersion": "",
            "appDisabled": status == "disabled",
            "s3DataUrl": "",
            "createdAt": iso_ms(ms),
            "updatedAt": iso_ms(ms),
        }
        klass["relationships"] = {
            "org": rel("org", org.org_id, "orgs"),
            "kobjects": {"links": {"self": f"/v1/klasses/{name}s"}},
        }
        org.klasses.append(klass)


def build_org(rng: np.random.Generator, start: int) -> Org:
    """Build the org's users, teams, queues, klasses and tags.

    ``start`` (epoch ms) is when the org was founded; everything is created after.
    """
    ids = _Ids(rng)
    org = Org(org_id=ids.make(start), brand_id="", machine_user_id="")
    org.brand_id = ids.make(start)
    org.machine_user_id = ids.make(start)
    _add_users(org, ids, start, rng)
    _add_teams(org, ids, start)
    _add_queues(org, ids, start)
    _add_klasses(org, ids, start)
    org.tag_ids = [ids.make(start + i * MS_PER_DAY) for i in range(len(catalog.TAGS))]
    return org
