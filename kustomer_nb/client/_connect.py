"""``connect()``: resolve the configuration and build a :class:`Client`."""

from __future__ import annotations

import atexit
import os
import secrets
import shutil
import tempfile
from contextlib import ExitStack
from typing import Any

from kustomer_nb.client._auth import BearerAuth
from kustomer_nb.client._client import Client
from kustomer_nb.client._config import resolve_base_url, resolve_token
from kustomer_nb.client._session import CACHE_FILE, build_session, resolve_cache_dir

__all__ = ["DEMO_CONVERSATIONS", "DEMO_DAYS", "connect"]

DEMO_CONVERSATIONS = 20_000
DEMO_DAYS = 91


#: Values of ``KUSTOMER_NB_CACHE`` that turn the response cache off.
OFF = frozenset({"off", "0", "false", "no"})


def connect(
    token: str | None = None,
    *,
    base_url: str | None = None,
    org: str | None = None,
    region: str | None = None,
    demo: bool = False,
    cache: bool | None = None,
    cache_dir: str | os.PathLike[str] | None = None,
    cache_expire: float = 3600,
    timeout: float | tuple[float, float] = (5, 60),
    max_retries: int = 5,
    page_size: int | None = None,
    search_page_size: int | None = None,
) -> Client:
    """Connect to Kustomer (or, with ``demo=True``, to an embedded sandbox).

    Parameters
    ----------
    token : str, optional
        The API key; default ``KUSTOMER_API_TOKEN``.
    base_url, org, region : str, optional
        The host, in this order of precedence: ``base_url`` (or
        ``KUSTOMER_BASE_URL``, with or without ``/v1``), ``org`` (or
        ``KUSTOMER_ORG``: ``https://<org>.api.kustomerapp.com``), ``region`` (or
        ``KUSTOMER_REGION``: us, eu, in); default the US host. Plain ``http://`` is
        refused except for loopback.
    demo : bool
        Start a local sandbox (20,000 conversations over 91 days) and connect to it;
        it stops when the client is closed. Its cache lives in a temporary directory
        unless ``cache_dir`` is given.
    cache : bool, optional
        Cache 200 responses in SQLite (``<cache_dir>/http_cache.sqlite``); default
        on, unless ``KUSTOMER_NB_CACHE`` is ``off`` (or ``0``, ``false``, ``no``).
    cache_dir : path, optional
        Default ``KUSTOMER_NB_CACHE_DIR``, else the user cache directory.
    cache_expire : float
        Seconds a cached page stays fresh.
    timeout : float or (connect, read)
        Seconds, applied to every request.
    max_retries : int
        Retries on 429, 5xx and connection errors.
    page_size, search_page_size : int, optional
        Override the page sizes (default: the largest each endpoint allows).

    Returns
    -------
    Client

    Raises
    ------
    ConfigError
        No token (and not ``demo``), a bad base URL, or plain http to a remote host.

    Examples
    --------
    >>> import kustomer_nb as kn
    >>> with kn.connect(demo=True) as client:  # doctest: +SKIP
    ...     teams = kn.load_teams(client)
    """
    if cache is None:
        cache = os.environ.get("KUSTOMER_NB_CACHE", "on").strip().lower() not in OFF
    stack = ExitStack()
    sandbox = None
    try:
        if demo:
            sandbox, token, base_url = _start_demo(stack)
            if cache and cache_dir is None:
                tmp = tempfile.mkdtemp(prefix="kustomer-nb-demo-")
                stack.callback(shutil.rmtree, tmp, ignore_errors=True)
                cache_dir = tmp
        token = resolve_token(token)
        host = resolve_base_url(base_url, org=org, region=region)
        directory = resolve_cache_dir(cache_dir)
        session = build_session(
            BearerAuth(token),
            user_agent=f"kustomer-nb/{_version()}",
            max_retries=max_retries,
            cache=cache,
            cache_dir=directory,
            cache_expire=cache_expire,
        )
    except BaseException:
        stack.close()
        raise

    close = stack.pop_all().close
    if demo:
        atexit.register(close)
    return Client(
        session,
        host,
        timeout=timeout,
        max_retries=max_retries,
        page_size=page_size,
        search_page_size=search_page_size,
        cache_path=directory / CACHE_FILE if cache else None,
        sandbox=sandbox,
        on_close=close,
    )


def _start_demo(stack: ExitStack) -> tuple[Any, str, str]:
    from kustomer_nb.sandbox import SandboxConfig, serve

    token = os.environ.get("KUSTOMER_NB_DEMO_TOKEN") or secrets.token_urlsafe(32)
    config = SandboxConfig(
        conversations=DEMO_CONVERSATIONS, days=DEMO_DAYS, token=token
    )
    sandbox = stack.enter_context(serve(config))
    return sandbox, sandbox.token, sandbox.base_url


def _version() -> str:
    from kustomer_nb import __version__

    return __version__
