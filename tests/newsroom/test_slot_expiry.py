"""A pinned front slot leaves the (cached) front at its expiry: the scheduler tells the page cache."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from toasoan.newsroom.scheduler import run_due

pytestmark = pytest.mark.django_db


def lead(client) -> str:
    html = client.get("/").content.decode()
    after = html.split('class="front-top__lead"', 1)[1]
    return re.split(r'class="front-top__(?:featured|latest)', after, maxsplit=1)[0]


def test_expired_slot_leaves_the_cached_front_when_the_scheduler_passes(
        client, newsroom, make_article, django_capture_on_commit_callbacks):
    from toasoan.home.models import FrontSlot

    now = timezone.now()
    pinned = make_article(title="Lễ hội đường phố mở màn tối nay", parent=newsroom.desk_section,
                          published=now - timedelta(hours=3))
    newest = make_article(title="Mưa lớn ở vùng núi phía bắc", parent=newsroom.desk_section,
                          published=now - timedelta(hours=1))
    with django_capture_on_commit_callbacks(execute=True):
        slot = FrontSlot.objects.create(front=newsroom.home, kind="lead", article=pinned, position=0,
                                        expires_at=now + timedelta(hours=1))
    assert pinned.title in lead(client)
    assert client.get("/").headers.get("X-Page-Cache") != "MISS"  # readers get the cached copy

    # The clock reaches the expiry (no save, no signal: nothing but the scheduler notices).
    FrontSlot.objects.filter(pk=slot.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    with django_capture_on_commit_callbacks(execute=True):
        run = run_due()
    assert run.slots_expired == [slot.pk]
    front = lead(client)
    assert pinned.title not in front and newest.title in front
    assert run_due(slots_since=run.now).slots_expired == []  # announced once by a running scheduler
