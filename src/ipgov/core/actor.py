"""Who is acting: every service call that writes runs under an explicit actor.

The actor is held in a ContextVar, set by the web middleware for requests and by
`acting_as(...)` for commands, importers and jobs. A write with no actor fails loudly
(netbox's change log silently skips writes made outside a request; we do not).

Three kinds of actor, told apart by `ipgov.core.scope`: a person (`Actor.for_user`), the system acting
for the office itself (`Actor.system`, `Actor.cli`: commands, importers, the demo — not limited by
region), and the anonymous visitor of the web (`Actor.anonymous`), who sees only what is published.
An actor without a user whose label is of no system kind counts as anonymous (fail closed).
"""

from __future__ import annotations

import contextvars
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

# Labels `kind:name` of the actors that act for the office itself (see `Actor.is_system`).
SYSTEM_KINDS = frozenset({"system", "cli", "import"})
ANONYMOUS = "anonymous"


class NoActorError(RuntimeError):
    """A service that writes, or reads scoped data, was called without an actor."""


@dataclass(frozen=True)
class Actor:
    label: str  # "user:alice", "cli:root", "system:demo", "import:batch-12"
    user_id: int | None = None
    remote_addr: str | None = None
    request_id: uuid.UUID = field(default_factory=uuid.uuid4)
    # The user object itself when the caller has it (the request's), so scope checks need no query.
    user: object | None = field(default=None, compare=False, repr=False)

    @classmethod
    def for_user(cls, user, remote_addr: str | None = None) -> Actor:
        return cls(label=f"user:{user.get_username()}", user_id=user.pk, remote_addr=remote_addr, user=user)

    @classmethod
    def system(cls, name: str) -> Actor:
        return cls(label=f"system:{name}")

    @classmethod
    def cli(cls, name: str) -> Actor:
        return cls(label=f"cli:{name}")

    @classmethod
    def anonymous(cls, remote_addr: str | None = None) -> Actor:
        return cls(label=ANONYMOUS, remote_addr=remote_addr)

    @property
    def is_system(self) -> bool:
        return self.user_id is None and self.label.split(":", 1)[0] in SYSTEM_KINDS

    @property
    def is_anonymous(self) -> bool:
        return self.user_id is None and not self.is_system


_current: contextvars.ContextVar[Actor | None] = contextvars.ContextVar("ipgov_actor", default=None)


@contextmanager
def acting_as(actor: Actor) -> Iterator[Actor]:
    token = _current.set(actor)
    try:
        yield actor
    finally:
        _current.reset(token)


def current_actor() -> Actor | None:
    return _current.get()


def require_actor() -> Actor:
    actor = _current.get()
    if actor is None:
        raise NoActorError(
            "this service needs to know who is acting (it writes, or reads scoped data): "
            "wrap the call in `with acting_as(Actor.system(...))` (or `Actor.for_user(user)`)"
        )
    return actor
