"""A local Kustomer API on 127.0.0.1, for tests, demos and offline work.

    from kustomer_nb.sandbox import serve, SandboxConfig
    with serve(SandboxConfig(conversations=2000, now="2026-11-30T12:00:00Z")) as sb:
        sb.base_url, sb.token, sb.state

The data is generated, seeded and deterministic; recorded payloads can be added
with ``fixtures=DIR``. See ``docs/design.md`` ("Sandbox") for the HTTP contract.
"""

from kustomer_nb.sandbox.config import SandboxConfig
from kustomer_nb.sandbox.data import State, build_state
from kustomer_nb.sandbox.orders import write_orders_csv
from kustomer_nb.sandbox.server import (
    Sandbox,
    ready_lines,
    serve,
    serve_forever,
    start,
)

__all__ = [
    "Sandbox",
    "SandboxConfig",
    "State",
    "build_state",
    "ready_lines",
    "serve",
    "serve_forever",
    "start",
    "write_orders_csv",
]
