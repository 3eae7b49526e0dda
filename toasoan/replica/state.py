"""What the router knows about the request being served (one per thread or task: a context variable)."""

from __future__ import annotations

from contextvars import ContextVar, Token
from dataclasses import dataclass


@dataclass
class RequestState:
    reader: bool = False        # the middleware allows this request's reads on the replica
    used_replica: bool = False  # a query of this request went to the replica
    wrote: bool = False         # this request wrote: its later reads go to the primary


_current: ContextVar[RequestState | None] = ContextVar("toasoan_replica_request", default=None)


def begin(*, reader: bool) -> Token:
    return _current.set(RequestState(reader=reader))


def end(token: Token) -> None:
    _current.reset(token)


def current() -> RequestState | None:
    """The state of the request being served; None outside a request (tasks, commands: the primary)."""
    return _current.get()
