"""Customer identities (derived from the row number) and customer resources."""

from __future__ import annotations

import unicodedata
from typing import Any

import numpy as np

from kustomer_nb.sandbox import catalog
from kustomer_nb.sandbox._util import iso_many, object_id
from kustomer_nb.sandbox.org import rel

_F, _L = len(catalog.FIRST_NAMES), len(catalog.LAST_NAMES)
_COMBOS = _F * _L
_STEP = 1_237  # coprime with _COMBOS, so the first _COMBOS customers get unique names
_DOMAINS = ("example.com", "example.net", "example.org")


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def identity(index: int) -> tuple[str, str, str, str]:
    """(first name, last name, email, phone) of generated customer ``index``.

    Emails are unique: the name pair repeats every few thousand customers and a
    number is appended from then on.
    """
    combo = (index * _STEP + 11) % _COMBOS
    first, last = catalog.FIRST_NAMES[combo % _F], catalog.LAST_NAMES[combo // _F]
    number = index // _COMBOS
    local = f"{_ascii(first)}.{_ascii(last)}".lower() + (str(number) if number else "")
    email = f"{local}@{_DOMAINS[index % len(_DOMAINS)]}"
    phone = f"+1 555 01{index % 100:02d}"
    return first, last, email, phone


def render_customers(state: Any, rows: np.ndarray) -> list[dict[str, Any]]:
    """Customer resources for ``rows`` of ``state.cust`` (fixtures as recorded)."""
    cust = state.cust
    created = iso_many(cust["created"][rows])
    updated = iso_many(cust["updated"][rows])
    out = []
    for k, row in enumerate(rows.tolist()):
        fixture = int(cust["fixture"][row])
        if fixture >= 0:
            out.append(state.fixture_customers[fixture])
            continue
        counts = {s: int(cust[f"n_{s}"][row]) for s in ("open", "snoozed", "done")}
        rid = object_id(int(cust["id_hi"][row]), int(cust["id_lo"][row]))
        out.append(
            _customer(
                state, row, rid, created[k], updated[k], counts, bool(cust["vip"][row])
            )
        )
    return out


def _customer(
    state: Any, row: int, rid: str, created: str, updated: str, counts: dict, vip: bool
) -> dict[str, Any]:
    first, last, email, phone = identity(row)
    org = state.org
    attributes = {
        "name": f"{first} {last}",
        "displayName": f"{first} {last}",
        "firstName": first,
        "lastName": last,
        "displayColor": ("teal", "purple", "orange", "blue")[row % 4],
        "displayIcon": "user",
        "externalId": str(7_000_000_000 + row),
        "username": None,
        "company": None,
        "emails": [{"type": "home", "email": email, "verified": row % 5 != 0}],
        "phones": [{"type": "mobile", "phone": phone, "verified": False}],
        "socials": [],
        "urls": [],
        "locations": [],
        "locale": "en_US",
        "timeZone": "America/New_York",
        "tags": [org.tag_ids[10]] if vip else [],
        "sentiment": {},
        "avatarUrl": None,
        "birthdayAt": None,
        "gender": None,
        "createdAt": created,
        "updatedAt": updated,
        "modifiedAt": updated,
        "lastActivityAt": updated,
        "conversationCounts": {"all": sum(counts.values()), **counts},
        "custom": {"loyaltyTierStr": "summit" if vip else ("trail", "base")[row % 2]},
        "verified": row % 5 != 0,
        "deleted": False,
        "rev": 1 + sum(counts.values()),
        "roleGroupVersions": [],
        "accessOverride": [],
        "importedAt": None,
    }
    return {
        "type": "customer",
        "id": rid,
        "attributes": attributes,
        "relationships": {
            "org": rel("org", org.org_id, "orgs"),
            "createdBy": rel("user", org.machine_user_id, "users"),
            "modifiedBy": rel("user", org.machine_user_id, "users"),
            "messages": {"links": {"self": f"/v1/customers/{rid}/messages"}},
            "conversations": {"links": {"self": f"/v1/customers/{rid}/conversations"}},
        },
        "links": {"self": f"/v1/customers/{rid}"},
    }
