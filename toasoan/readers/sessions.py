"""The reader's signed-in session: a server-side session (Django's session engine, so it expires and is cleaned
like any other) whose key travels in its own cookie, ``toasoan_bandoc``, sent only to ``/binh-luan/``.

Not ``django.contrib.auth.login``: a reader never becomes ``request.user``, so nothing that trusts
``request.user`` (the admin, permissions, the newsroom's middleware) can ever see one. The session holds the
reader's id and a keyed hash of the password hash: changing the password or deleting the account ends every
session at once.
"""

from __future__ import annotations

from importlib import import_module

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.crypto import constant_time_compare, salted_hmac

from toasoan.readers import conf
from toasoan.readers.models import Reader

_CACHED = "_toasoan_reader"


def _store(key: str | None = None):
    return import_module(settings.SESSION_ENGINE).SessionStore(session_key=key)


def _auth_hash(reader: Reader) -> str:
    return salted_hmac("toasoan.readers.session", reader.password, algorithm="sha256").hexdigest()


def current(request: HttpRequest) -> Reader | None:
    """The signed-in reader of this request, or None."""
    if hasattr(request, _CACHED):
        return getattr(request, _CACHED)
    reader = None
    key = request.COOKIES.get(conf.COOKIE_NAME, "")
    if key and conf.enabled():
        data = _store(key).load()
        pk = data.get("reader")
        if isinstance(pk, int):
            found = Reader.objects.filter(pk=pk).first()
            if found is not None and constant_time_compare(data.get("auth", ""), _auth_hash(found)):
                reader = found
    setattr(request, _CACHED, reader)
    return reader


def start(request: HttpRequest, response: HttpResponse, *, reader: Reader) -> None:
    """Sign ``reader`` in: a new session key (never one the browser brought), set in the reader's cookie."""
    end(request, response)
    store = _store()
    store["reader"] = reader.pk
    store["auth"] = _auth_hash(reader)
    age = conf.session_days() * 86400
    store.set_expiry(age)
    store.create()
    response.set_cookie(conf.COOKIE_NAME, store.session_key, max_age=age, path=conf.COOKIE_PATH,
                        secure=settings.SESSION_COOKIE_SECURE, httponly=True, samesite="Lax")
    setattr(request, _CACHED, reader)


def end(request: HttpRequest, response: HttpResponse) -> None:
    """Sign out: the session is deleted on the server, the cookie in the browser."""
    key = request.COOKIES.get(conf.COOKIE_NAME, "")
    if key:
        _store(key).delete(key)
        response.delete_cookie(conf.COOKIE_NAME, path=conf.COOKIE_PATH, samesite="Lax")
    setattr(request, _CACHED, None)
