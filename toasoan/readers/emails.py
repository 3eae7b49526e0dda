"""The emails a reader receives: the password-reset link and the address-confirmation link, in Vietnamese, through
``django.core.mail`` (the ``EMAIL_*`` settings; docs/security.md)."""

from __future__ import annotations

from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse

from toasoan.readers import conf, tokens
from toasoan.readers.models import Reader

_VIEW = {tokens.RESET: "readers:reset", tokens.CONFIRM: "readers:confirm"}
_TEMPLATE = {tokens.RESET: "readers/email/reset", tokens.CONFIRM: "readers/email/confirm"}


def send(*, reader: Reader, purpose: str, origin: str) -> None:
    """Mail ``reader`` a fresh link for ``purpose``; ``origin`` is the site's ``scheme://host``."""
    link = origin.rstrip("/") + reverse(_VIEW[purpose], args=[tokens.make(reader=reader, purpose=purpose)])
    context = {"reader": reader, "link": link, "hours": conf.link_hours(), "origin": origin}
    subject = " ".join(render_to_string(f"{_TEMPLATE[purpose]}_subject.txt", context).split())
    body = render_to_string(f"{_TEMPLATE[purpose]}.txt", context)
    send_mail(subject, body, None, [reader.email])
