"""API users and their tokens. Tokens are UUID-shaped (letters, digits, hyphens) and stored only as sha256 hashes."""

from __future__ import annotations

import hashlib
import re
import threading
import time
import uuid
from dataclasses import dataclass

from sqlalchemy import insert, select, update
from sqlalchemy.engine import Connection, Engine

from pelagos.catalog.schema import tokens, users
from pelagos.timeutil import now_ms

TOKEN_RE = re.compile(r"^[A-Za-z0-9-]{8,128}$")


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True)
class TokenInfo:
    """A token as listed to an operator: never the token itself, only its prefix."""

    id: int
    user: str
    prefix: str
    created: int
    revoked: int | None


def ensure_user(conn: Connection, name: str, operator: bool | None = None) -> int:
    """The id of user ``name``, created if absent; ``operator`` (when given) sets whether it may ingest data."""
    row = conn.execute(select(users.c.id).where(users.c.name == name)).first()
    if row:
        if operator is not None:
            conn.execute(update(users).where(users.c.id == row.id).values(operator=operator))
        return int(row.id)
    values = {"name": name, "created": now_ms(), "operator": bool(operator)}
    key = conn.execute(insert(users).values(**values)).inserted_primary_key
    assert key is not None
    return int(key[0])


def create_token(conn: Connection, user: str, token: str | None = None, operator: bool | None = None) -> str:
    """Issue a token for ``user`` (a fresh UUID unless ``token`` is given) and return it; only its hash is kept.

    ``operator`` marks the user as one who may ingest data (None leaves an existing user as it is).
    """
    token = token or str(uuid.uuid4())
    if not TOKEN_RE.match(token):
        raise ValueError("a token holds 8 to 128 letters, digits and hyphens")
    user_id = ensure_user(conn, user, operator)
    digest = hash_token(token)
    existing = conn.execute(select(tokens.c.id).where(tokens.c.token_hash == digest)).first()
    if existing:
        conn.execute(update(tokens).where(tokens.c.id == existing.id).values(revoked=None, user_id=user_id))
    else:
        conn.execute(
            insert(tokens).values(user_id=user_id, token_hash=digest, prefix=token[:8], created=now_ms())
        )
    return token


def list_tokens(conn: Connection, user: str | None = None) -> list[TokenInfo]:
    query = select(tokens.c.id, users.c.name, tokens.c.prefix, tokens.c.created, tokens.c.revoked).join(users)
    if user:
        query = query.where(users.c.name == user)
    return [TokenInfo(*row) for row in conn.execute(query.order_by(tokens.c.id))]


class AmbiguousPrefix(ValueError):
    """A revoke by prefix that matches the active tokens of several users or several tokens: nothing revoked."""


def revoke_token(conn: Connection, token_or_prefix: str) -> int:
    """Revoke one active token given whole or by its listed prefix; returns how many were revoked (0 or 1).

    A whole token wins over a prefix; a prefix matching several active tokens raises AmbiguousPrefix.
    """
    active = tokens.c.revoked.is_(None)
    query = select(tokens.c.id, users.c.name).join(users).where(active)
    found = conn.execute(query.where(tokens.c.token_hash == hash_token(token_or_prefix))).all()
    if not found and len(token_or_prefix) <= 8:
        found = conn.execute(query.where(tokens.c.prefix == token_or_prefix).order_by(tokens.c.id)).all()
    if len(found) > 1:
        owners = ", ".join(dict.fromkeys(row.name for row in found))
        raise AmbiguousPrefix(
            f"{token_or_prefix} is the prefix of {len(found)} active tokens (users: {owners}); "
            "give the whole token"
        )
    if found:
        conn.execute(update(tokens).where(tokens.c.id == found[0].id).values(revoked=now_ms()))
    return len(found)


class TokenCheck:
    """Resolves a presented token to its user id, caching answers briefly so each request costs no query."""

    def __init__(self, engine: Engine, ttl: float = 5.0):
        self.engine = engine
        self.ttl = ttl
        self._cache: dict[str, tuple[float, int | None]] = {}
        self._lock = threading.Lock()

    def user_id(self, token: str) -> int | None:
        digest = hash_token(token)
        now = time.monotonic()
        with self._lock:
            hit = self._cache.get(digest)
        if hit and now - hit[0] < self.ttl:
            return hit[1]
        with self.engine.connect() as conn:
            row = conn.execute(
                select(tokens.c.user_id).where(tokens.c.token_hash == digest, tokens.c.revoked.is_(None))
            ).first()
        user_id = int(row.user_id) if row else None
        with self._lock:
            if len(self._cache) > 10_000:
                self._cache.clear()
            self._cache[digest] = (now, user_id)
        return user_id


def is_operator(conn: Connection, user_id: int) -> bool:
    """Whether the user may ingest data."""
    return bool(conn.execute(select(users.c.operator).where(users.c.id == user_id)).scalar())
