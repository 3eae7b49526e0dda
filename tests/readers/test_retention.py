"""Unused reader accounts are deleted after the retention setting, from the scheduler's pass: the account and its
sign-in records go, its comments stay on the story without the account; a used account stays."""

from __future__ import annotations

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.utils import timezone

from tests.comments.conftest import approve
from tests.readers.conftest import PASSWORD, READER, sign_in, sign_up
from toasoan.comments.models import Comment
from toasoan.core.signals import scheduler_pass
from toasoan.readers.models import Reader

pytestmark = pytest.mark.django_db


def test_an_account_unused_past_the_setting_goes_and_its_comments_stay(client, story, settings):
    settings.TOASOAN_READERS_INACTIVE_DAYS = 365
    sign_up(client)
    client.post(f"/binh-luan/{story.pk}/", {"body": "Cảm ơn tòa soạn đã đưa tin kịp thời."},
                REMOTE_ADDR="203.0.113.20", HTTP_ACCEPT="application/json")
    approve(Comment.objects.get())
    sign_in(Client(), READER["email"], "sai-mat-khau")  # a failed sign-in leaves a record under the address
    assert AccessAttempt.objects.exists()
    recent = Client()
    sign_up(recent, email="con.dung@example.vn", display_name="Người đọc thường xuyên", ip="203.0.113.21")
    old = Reader.objects.get(email="minh.anh@example.vn")
    Reader.objects.filter(pk=old.pk).update(last_sign_in_at=timezone.now() - timedelta(days=400),
                                            created_at=timezone.now() - timedelta(days=800))

    scheduler_pass.send(sender=None, now=timezone.now())

    assert list(Reader.objects.values_list("email", flat=True)) == ["con.dung@example.vn"]
    kept = Comment.objects.get()
    assert kept.reader_id is None and kept.body == "Cảm ơn tòa soạn đã đưa tin kịp thời."
    assert client.get(f"/binh-luan/{story.pk}.json").json()["comments"][0]["body"] == kept.body
    assert not AccessAttempt.objects.filter(username__endswith="minh.anh@example.vn").exists()
    assert sign_in(Client(), READER["email"], PASSWORD).status_code == 400  # the account is gone


def test_zero_keeps_accounts_and_the_pass_runs_once_an_hour(client, settings):
    settings.TOASOAN_READERS_INACTIVE_DAYS = 0
    sign_up(client)
    Reader.objects.update(last_sign_in_at=timezone.now() - timedelta(days=4000))
    scheduler_pass.send(sender=None, now=timezone.now())
    assert Reader.objects.count() == 1
    settings.TOASOAN_READERS_INACTIVE_DAYS = 30
    scheduler_pass.send(sender=None, now=timezone.now())  # within the hour of the last pass: nothing yet
    assert Reader.objects.count() == 1
