"""Reader emails leave through the task worker: the page answers at once and in the same time whether an account
exists or not (a mail server's delay would tell), and a slow or failing mail server never fails a request."""

from __future__ import annotations

from django_tasks import task

from toasoan.readers import emails, tokens
from toasoan.readers.models import Reader


@task()
def send_link(reader_id: int, purpose: str, origin: str) -> bool:
    """The link is made here, when the mail leaves: no link waits in the task queue."""
    reader = Reader.objects.filter(pk=reader_id).first()
    if reader is None or purpose not in tokens.PURPOSES:
        return False
    emails.send(reader=reader, purpose=purpose, origin=origin)
    return True
