"""The HTTP session: requests-cache on SQLite, urllib3 retries, our auth."""

from __future__ import annotations

import logging
import os
import secrets
from pathlib import Path
from typing import Any

import platformdirs
import requests
import requests_cache
from requests.adapters import HTTPAdapter

from kustomer_nb.client._auth import BearerAuth
from kustomer_nb.client._retry import make_retry

__all__ = ["CACHE_FILE", "build_session", "resolve_cache_dir"]

log = logging.getLogger(__name__)

CACHE_FILE = "http_cache.sqlite"
SALT_FILE = "key_salt"
#: Never part of a cache key, and redacted from every stored request.
IGNORED = ["Authorization", "authorization", "X-API-KEY", "access_token", "api_key"]


def resolve_cache_dir(cache_dir: str | os.PathLike[str] | None) -> Path:
    """The cache directory: argument, ``KUSTOMER_NB_CACHE_DIR``, or user cache."""
    chosen = cache_dir or os.environ.get("KUSTOMER_NB_CACHE_DIR")
    if not chosen:
        chosen = platformdirs.user_cache_dir("kustomer-nb")
    return Path(chosen).expanduser()


def build_session(
    auth: BearerAuth,
    *,
    user_agent: str,
    max_retries: int,
    cache: bool,
    cache_dir: Path,
    cache_expire: float,
) -> requests.Session:
    """A session with retries mounted and, when ``cache``, a SQLite cache."""
    session: requests.Session
    if cache:
        session = _cached_session(auth, cache_dir, cache_expire)
    else:
        session = requests.Session()

    adapter = HTTPAdapter(max_retries=make_retry(max_retries))
    session.mount("https://", adapter)
    session.mount("http://", adapter)
    session.auth = auth
    session.headers.update({"Accept": "application/json", "User-Agent": user_agent})
    return session


def _cached_session(
    auth: BearerAuth, cache_dir: Path, cache_expire: float
) -> requests_cache.CachedSession:
    # Cached pages hold customer names, emails and previews: owner-only, like
    # the salt. SQLite gives its -wal and -shm files the database file's mode.
    cache_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    database = cache_dir / CACHE_FILE
    if not database.exists():
        os.close(os.open(database, os.O_WRONLY | os.O_CREAT, 0o600))
    namespace = auth.fingerprint(_salt(cache_dir))

    def key_fn(request: Any, **kwargs: Any) -> str:
        # A token's pages are keyed by that token's salted hash, so a wrong or
        # expired token can never be answered from someone else's cached pages.
        return f"{requests_cache.create_key(request, **kwargs)}-{namespace}"

    return requests_cache.CachedSession(
        str(database),
        backend="sqlite",
        # A cache, not a record: WAL and no fsync per page keep large pulls fast.
        wal=True,
        fast_save=True,
        expire_after=cache_expire,
        allowable_methods=("GET", "POST"),
        allowable_codes=(200,),
        ignored_parameters=IGNORED,
        match_headers=False,
        stale_if_error=False,
        key_fn=key_fn,
    )


def _salt(cache_dir: Path) -> bytes:
    """A random per-cache salt, created on first use."""
    path = cache_dir / SALT_FILE
    try:
        return path.read_bytes()
    except FileNotFoundError:
        salt = secrets.token_bytes(16)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            return path.read_bytes()
        with os.fdopen(fd, "wb") as fh:
            fh.write(salt)
        return salt
