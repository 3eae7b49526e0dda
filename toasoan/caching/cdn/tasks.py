"""The CDN purge, run by the task worker (publication queue) after the publish has committed."""

from __future__ import annotations

from django_tasks import task


@task()
def purge_cdn_tags(tags: list[str]) -> int:
    """Purge ``tags`` at the CDN (batches, retries: :mod:`toasoan.caching.cdn.backends`); returns the calls made."""
    from toasoan.caching import cdn

    found = cdn.backend()
    return 0 if found is None else found.purge_tags(tags).sent
