"""User accounts and dashboard sessions.

Each user has a role (viewer < reviewer < admin) and one API token, shown once when the user is
added and kept only as an Argon2 hash (argon2-cffi). A token reads `tw_<id>_<secret>`: the id
finds the row whose hash the whole token must match, so a check costs one hash, not one per user.
A dashboard login opens a session: a random 256-bit cookie value, stored only as its SHA-256.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Literal, get_args

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError

from tollwatch.errors import InvalidValue
from tollwatch.store.ledger import Ledger
from tollwatch.store.schema import sessions, users

Role = Literal["viewer", "reviewer", "admin"]
ROLES: tuple[str, ...] = get_args(Role)
SESSION_LIFETIME = timedelta(hours=12)
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@-]{0,63}")
_TOKEN = re.compile(r"tw_([0-9a-f]{16})_[A-Za-z0-9_-]{43}")
_hasher = PasswordHasher()


@dataclass(frozen=True, slots=True)
class User:
    name: str
    role: Role

    def can(self, role: str) -> bool:
        """Whether this user's role is `role` or above it."""
        return ROLES.index(self.role) >= ROLES.index(role)


def add_user(ledger: Ledger, name: str, role: str) -> str:
    """Add a user; returns the API token, which is stored only as a hash and cannot be shown again."""
    if not _NAME.fullmatch(name):
        raise InvalidValue(f"{name!r}: a user name is 1 to 64 letters, digits, '.', '_', '@' or '-', "
                           "starting with a letter or digit")
    if role not in ROLES:
        raise InvalidValue(f"no role {role!r}: give one of {', '.join(ROLES)}")
    token_id = secrets.token_hex(8)
    token = f"tw_{token_id}_{secrets.token_urlsafe(32)}"
    try:
        with ledger._writing() as conn:
            conn.execute(users.insert().values(name=name, role=role, token_id=token_id,
                                               token_hash=_hasher.hash(token), created_at=_now()))
    except IntegrityError:
        raise InvalidValue(f"{name}: there is already a user of this name; choose another, or "
                           f"`tollwatch users remove {name}` first") from None
    return token


def remove_user(ledger: Ledger, name: str) -> bool:
    with ledger._writing() as conn:
        conn.execute(delete(sessions).where(sessions.c.name == name))
        return bool(conn.execute(delete(users).where(users.c.name == name)).rowcount)


def list_users(ledger: Ledger) -> list[User]:
    with ledger.engine.connect() as conn:
        return [User(name, role) for name, role in conn.execute(select(users.c.name, users.c.role).order_by(users.c.name))]


def any_users(ledger: Ledger) -> bool:
    with ledger.engine.connect() as conn:
        return bool(conn.scalar(select(func.count()).select_from(users)))


def by_token(ledger: Ledger, token: str) -> User | None:
    """The user whose API token this is, if any."""
    found = _TOKEN.fullmatch(token)
    if not found:
        return None
    with ledger.engine.connect() as conn:
        row = conn.execute(select(users.c.name, users.c.role, users.c.token_hash)
                           .where(users.c.token_id == found.group(1))).first()
    return User(row[0], row[1]) if row is not None and _matches(row[2], token) else None


def by_login(ledger: Ledger, name: str, token: str) -> User | None:
    """The user, if `token` is this user's."""
    user = by_token(ledger, token)
    return user if user is not None and user.name == name else None


def open_session(ledger: Ledger, user: User) -> str:
    """A new session for `user`; returns the cookie value."""
    value = secrets.token_urlsafe(32)
    with ledger._writing() as conn:
        conn.execute(delete(sessions).where(sessions.c.expires_at < _now()))
        conn.execute(sessions.insert().values(session_hash=_digest(value), name=user.name,
                                              expires_at=_now() + SESSION_LIFETIME))
    return value


def by_session(ledger: Ledger, value: str) -> User | None:
    if not value or len(value) > 100:
        return None
    with ledger.engine.connect() as conn:
        row = conn.execute(select(users.c.name, users.c.role).join(sessions, sessions.c.name == users.c.name)
                           .where(sessions.c.session_hash == _digest(value), sessions.c.expires_at > _now())).first()
    return User(row[0], row[1]) if row is not None else None


def close_session(ledger: Ledger, value: str) -> None:
    with ledger._writing() as conn:
        conn.execute(delete(sessions).where(sessions.c.session_hash == _digest(value)))


def _matches(stored: str, token: str) -> bool:
    try:
        return _hasher.verify(stored, token)
    except (VerificationError, InvalidHashError):
        return False


def _digest(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)
