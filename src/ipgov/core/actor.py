"""Who is acting: every service call that writes runs under an explicit actor.

The actor is held in a ContextVar, set by the web middleware for requests and by
`acting_as(...)` for commands, importers and jobs. A write with no actor fails loudly
(netbox's change log silently skips writes made outside a request; we do not).
"""

from __future__ import annotations

import contextvars
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field


class NoActorError(RuntimeError):
    """A service that writes was called without an actor."""


@dataclass(frozen=True)
class Actor:
    label: str  # "user:alice", "cli:root", "system:demo", "import:batch-12"
    user_id: int | None = None
    remote_addr: str | None = None
    request_id: uuid.UUID = field(default_factory=uuid.uuid4)

    @classmethod
    def for_user(cls, user, remote_addr: str | None = None) -> Actor:
        return cls(label=f"user:{user.get_username()}", user_id=user.pk, remote_addr=remote_addr)

    @classmethod
    def system(cls, name: str) -> Actor:
        return cls(label=f"system:{name}")


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
            "this service writes to the register and needs an actor: "
            "wrap the call in `with acting_as(Actor(...))`"
        )
    return actor
