"""Run the sandbox: uvicorn in a daemon thread on a socket bound to 127.0.0.1."""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import uvicorn

from kustomer_nb.sandbox.app import create_app
from kustomer_nb.sandbox.config import SandboxConfig
from kustomer_nb.sandbox.data import State, build_state

logger = logging.getLogger(__name__)

HOST = "127.0.0.1"
_START_TIMEOUT_S = 30.0


class Sandbox:
    """A running sandbox.

    Attributes
    ----------
    base_url
        ``http://127.0.0.1:<port>`` (no trailing ``/v1``).
    token
        The valid API token.
    state
        The served dataset, for computing expected values in tests.
    config
        The effective configuration (with the concrete token).
    """

    def __init__(self, config: SandboxConfig, state: State) -> None:
        self.config = config
        self.state = state
        # proto=IPPROTO_TCP lets asyncio set TCP_NODELAY on accepted connections;
        # without it every keep-alive response waits ~40 ms for a delayed ACK.
        self._socket = socket.socket(
            socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP
        )
        self._socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._socket.bind((HOST, config.port))
        self.port: int = self._socket.getsockname()[1]
        self.base_url = f"http://{HOST}:{self.port}"
        uv_config = uvicorn.Config(
            create_app(state, config),
            log_level="warning",
            access_log=False,
            lifespan="off",
        )
        self._server = uvicorn.Server(uv_config)
        self._thread = threading.Thread(
            target=self._server.run,
            kwargs={"sockets": [self._socket]},
            daemon=True,
            name=f"kustomer-sandbox-{self.port}",
        )

    @property
    def token(self) -> str:
        return self.config.token or ""

    def start(self) -> Sandbox:
        """Start serving; returns once the server accepts connections."""
        self._thread.start()
        deadline = time.monotonic() + _START_TIMEOUT_S
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"the sandbox did not start on {self.base_url}")
            time.sleep(0.01)
        logger.info("sandbox serving on %s", self.base_url)
        return self

    def stop(self) -> None:
        """Stop serving and release the port (idempotent)."""
        self._server.should_exit = True
        if self._thread.is_alive():
            self._thread.join(timeout=10)
        self._socket.close()

    @property
    def running(self) -> bool:
        """Whether the server thread is still serving."""
        return self._thread.is_alive()

    def join(self, timeout: float | None = None) -> None:
        """Wait for the server thread to end (or ``timeout`` seconds)."""
        self._thread.join(timeout)

    def __enter__(self) -> Sandbox:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def __repr__(self) -> str:
        return f"<Sandbox {self.base_url} conversations={self.state.n_generated}>"


def _config(config: SandboxConfig | None, overrides: dict[str, Any]) -> SandboxConfig:
    config = config or SandboxConfig()
    if overrides:
        config = dataclasses.replace(config, **overrides)
    return config.with_token()


@contextlib.contextmanager
def serve(config: SandboxConfig | None = None, **overrides: Any) -> Iterator[Sandbox]:
    """Serve a local Kustomer API for the duration of a ``with`` block.

    Parameters
    ----------
    config
        The sandbox configuration (default: :class:`SandboxConfig` defaults).
    **overrides
        Fields replacing those of ``config``, e.g. ``conversations=2000``.

    Yields
    ------
    Sandbox
        With ``base_url``, ``token``, ``state``, ``config`` and ``stop()``.

    Examples
    --------
    >>> with serve(conversations=200, now="2026-11-30") as sb:  # doctest: +SKIP
    ...     requests.get(f"{sb.base_url}/v1/teams",
    ...                  headers={"Authorization": f"Bearer {sb.token}"})
    """
    sandbox = start(config, **overrides)
    try:
        yield sandbox
    finally:
        sandbox.stop()


def start(config: SandboxConfig | None = None, **overrides: Any) -> Sandbox:
    """Start a sandbox in the background; call ``.stop()`` when done.

    Parameters
    ----------
    config, **overrides
        As for :func:`serve`.

    Returns
    -------
    Sandbox
        Already accepting connections.
    """
    effective = _config(config, overrides)
    began = time.perf_counter()
    state = build_state(effective)
    logger.debug("sandbox data built in %.2f s", time.perf_counter() - began)
    return Sandbox(effective, state).start()


def ready_lines(sandbox: Sandbox, orders_path: Path | None = None) -> list[str]:
    """What to tell a user once the sandbox is up: URL and ``export`` lines.

    The token shown is the sandbox's own local token, which the user needs.
    """
    count = sandbox.state.n_generated
    lines = [
        f"Kustomer sandbox on {sandbox.base_url} ({count:,} conversations; "
        "Ctrl-C stops it)",
        f"export KUSTOMER_BASE_URL={sandbox.base_url}",
        f"export KUSTOMER_API_TOKEN={sandbox.token}",
    ]
    if orders_path is not None:
        lines.append(f"orders export: {orders_path}")
    return lines


def serve_forever(
    config: SandboxConfig | None = None,
    *,
    orders_path: str | Path | None = None,
    on_ready: Callable[[list[str]], None] | None = None,
    **overrides: Any,
) -> None:
    """Serve until interrupted (Ctrl-C stops cleanly); for the CLI.

    Parameters
    ----------
    config, **overrides
        As for :func:`serve`.
    orders_path
        Also write a Shopify orders export for the sandbox's customers here.
    on_ready
        Called with :func:`ready_lines` once the sandbox accepts connections;
        the default prints them to standard output.
    """
    from kustomer_nb.sandbox.orders import write_orders_csv

    with serve(config, **overrides) as sandbox:
        written = None
        if orders_path is not None:
            written = write_orders_csv(sandbox.state, orders_path)
        lines = ready_lines(sandbox, written)
        if on_ready is None:
            print("\n".join(lines), flush=True)
        else:
            on_ready(lines)
        try:
            while sandbox.running:
                sandbox.join(0.5)
        except KeyboardInterrupt:
            logger.info("sandbox stopped")
