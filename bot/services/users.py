"""Staff identities: users with one role and a per-user API token, stored hashed.

Tokens are 256 random bits, shown once when the user is created. Only their SHA-256 is kept
(a slow password hash buys nothing against a 256-bit secret), so a database dump does not
hand out anyone's token.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine, insert, select, update
from sqlalchemy.exc import IntegrityError

from bot.db.models import USERS, utcnow
from bot.domain.staff import HUMAN_ROLES, Actor, Role
from bot.services import audit

_USERS = USERS
TOKEN_PREFIX = "cbt_"  # noqa: S105 - a label that makes leaked tokens greppable
_NAME = re.compile(r"^[a-z][a-z0-9._-]{1,63}$")


class UserError(ValueError):
    """A user could not be created, found or changed."""


class AuthError(PermissionError):
    """The token is unknown or revoked (the two are not told apart)."""


@dataclass(frozen=True, slots=True)
class UserInfo:
    """A user as ``users list`` shows it (never the token)."""

    name: str
    role: str
    created_at: datetime
    created_by: str
    revoked_at: datetime | None


def hash_token(token: str) -> str:
    """The stored form of a token."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class UserService:
    """Create, list, revoke and authenticate staff users."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def add(self, name: str, role: str, *, by: str = "cli:server") -> str:
        """Create ``name`` with ``role``; returns the token (shown once, never stored)."""
        if not _NAME.match(name):
            raise UserError(
                f"user name {name!r}: use 2-64 lowercase letters, digits, '.', '_' or '-'"
            )
        try:
            parsed = Role(role)
        except ValueError:
            raise UserError(
                f"unknown role {role!r}; choose one of {', '.join(HUMAN_ROLES)}"
            ) from None
        if parsed is Role.SYSTEM:
            raise UserError("system accounts are created by the bot, not by hand")
        token = TOKEN_PREFIX + secrets.token_urlsafe(32)
        now = utcnow()
        try:
            with self.engine.begin() as conn:
                conn.execute(
                    insert(_USERS).values(
                        name=name, role=parsed.value, token_hash=hash_token(token),
                        created_at=now, created_by=by,
                    )
                )  # fmt: skip
                audit.append(
                    conn, actor=by, action="user.added", subject_type="user",
                    subject_id=name, detail={"role": parsed.value}, at=now,
                )  # fmt: skip
        except IntegrityError:
            raise UserError(f"a user named {name!r} already exists") from None
        return token

    def ensure_system(self, actor: Actor) -> None:
        """Create a named system account (no token) if it does not exist yet."""
        with self.engine.begin() as conn:
            exists = conn.execute(select(_USERS.c.id).where(_USERS.c.name == actor.name)).first()
            if exists is None:
                conn.execute(
                    insert(_USERS).values(
                        name=actor.name, role=Role.SYSTEM.value, token_hash=None,
                        created_at=utcnow(), created_by="system:install",
                    )
                )  # fmt: skip

    def all(self) -> list[UserInfo]:
        """Every user, oldest first."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(_USERS).order_by(_USERS.c.id)).all()
        return [UserInfo(r.name, r.role, r.created_at, r.created_by, r.revoked_at) for r in rows]

    def revoke(self, name: str, *, by: str = "cli:server") -> None:
        """Revoke ``name``'s token for good; the user's history stays."""
        now = utcnow()
        with self.engine.begin() as conn:
            row = conn.execute(select(_USERS).where(_USERS.c.name == name)).first()
            if row is None:
                raise UserError(f"no user named {name!r}")
            if row.revoked_at is not None:
                raise UserError(f"{name!r} was already revoked on {row.revoked_at:%Y-%m-%d}")
            conn.execute(update(_USERS).where(_USERS.c.id == row.id).values(revoked_at=now))
            audit.append(
                conn, actor=by, action="user.revoked", subject_type="user", subject_id=name,
                at=now,
            )  # fmt: skip

    def authenticate(self, token: str | None) -> Actor:
        """The user a token belongs to.

        Raises:
            AuthError: no token, or an unknown or revoked one.
        """
        if not token:
            raise AuthError("no token: set CRISISBOT_TOKEN to your own token")
        with self.engine.connect() as conn:
            row = conn.execute(
                select(_USERS.c.name, _USERS.c.role, _USERS.c.revoked_at).where(
                    _USERS.c.token_hash == hash_token(token.strip())
                )
            ).first()
        if row is None or row.revoked_at is not None or row.role == Role.SYSTEM.value:
            raise AuthError("token refused: it is unknown or has been revoked")
        return Actor(row.name, Role(row.role))
