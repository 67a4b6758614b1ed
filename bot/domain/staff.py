"""Staff roles and what each may do. Pure: the services check these for every entry point."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Role(StrEnum):
    """One role per user; a person with two jobs gets two accounts."""

    DRAFTER = "drafter"
    APPROVER = "approver"
    COORDINATOR = "coordinator"
    AGENT = "agent"
    ADMIN = "admin"
    # Named system accounts (shipped defaults, the scheduler): they hold no token.
    SYSTEM = "system"


class Permission(StrEnum):
    """Things a user can be allowed to do."""

    VIEW = "view"
    DRAFT = "draft"
    SUBMIT = "submit"
    APPROVE = "approve"
    ANNOUNCE = "announce"
    AUDIT = "audit"


ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.DRAFTER: frozenset({Permission.VIEW, Permission.DRAFT, Permission.SUBMIT}),
    Role.APPROVER: frozenset({Permission.VIEW, Permission.APPROVE, Permission.AUDIT}),
    Role.COORDINATOR: frozenset({Permission.VIEW, Permission.ANNOUNCE, Permission.AUDIT}),
    Role.AGENT: frozenset({Permission.VIEW}),
    Role.ADMIN: frozenset(Permission),
    Role.SYSTEM: frozenset(),
}

# Roles a person can be given with `crisisbot users add`.
HUMAN_ROLES = tuple(r for r in Role if r is not Role.SYSTEM)


class NotAllowed(PermissionError):
    """The user's role does not allow this, or the two-person rule forbids it."""


@dataclass(frozen=True, slots=True)
class Actor:
    """An authenticated user (or a named system account) acting on the registry."""

    name: str
    role: Role

    def can(self, permission: Permission) -> bool:
        """Whether this actor's role grants ``permission``."""
        return permission in ROLE_PERMISSIONS[self.role]

    def require(self, permission: Permission, what: str) -> None:
        """Raise :class:`NotAllowed` unless the role grants ``permission``."""
        if not self.can(permission):
            raise NotAllowed(f"{self.name} ({self.role}) may not {what}")


SYSTEM_INSTALL = Actor("system:install", Role.SYSTEM)
SYSTEM_SCHEDULER = Actor("system:scheduler", Role.SYSTEM)
