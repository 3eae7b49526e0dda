from __future__ import annotations

import hashlib
import time
from datetime import timedelta
from io import StringIO

import pytest

from toasoan.record.models import DepositAsset, DepositRecord, DepositRequest
from toasoan.record.selectors import verify_chain

pytestmark = pytest.mark.django_db


def test_publish_deposits_the_page_readers_receive(publish, client):
    article = publish(title="Đường ven biển 🌊 thông xe ngày 25/12")
    record = DepositRecord.objects.get(page_id=article.pk)
    assert record.reason == "publish"
    assert record.status_code == 200
    served = client.get(article.url, HTTP_HOST="localhost")
    assert served.status_code == 200
    assert bytes(record.body) == served.content
    assert record.content_sha256 == hashlib.sha256(served.content).hexdigest()
    assert record.url == f"http://localhost{article.url}"
    assert record.prev_hash == "0" * 64
    stylesheets = [a for a in record.assets if a.get("url", "").endswith(".css")]
    assert stylesheets and all(a["sha256"] for a in stylesheets)
    assert DepositAsset.objects.filter(pk=stylesheets[0]["sha256"]).exists()
    assert not DepositRequest.objects.filter(done_at__isnull=True).exists()
    assert verify_chain().ok


def test_an_approved_story_records_its_approvers_and_step_and_edits_chain(
        deposit_on, newsroom, at_step, django_capture_on_commit_callbacks):
    from toasoan.newsroom.roles import APPROVAL_TASK_NAME

    with django_capture_on_commit_callbacks(execute=True):
        story = at_step(3, title="Hội đồng nhân dân tỉnh họp kỳ thứ 13")
    assert story.live
    first = DepositRecord.objects.get(page_id=story.pk)
    assert first.reason == "publish"
    assert first.workflow_step == APPROVAL_TASK_NAME
    assert [a["name"] for a in first.approvers] == [
        "desk_editor (u_desk_editor)", "managing_editor (u_managing_editor)", "deputy_eic (u_deputy_eic)"]
    assert first.actor == "deputy_eic (u_deputy_eic)"
    assert first.revision_id == story.live_revision_id

    # Changed while live by the administrator (who may publish directly): a second, chained record.
    admin = newsroom.user("administrator")
    story.title = "Hội đồng nhân dân tỉnh họp kỳ thứ 13 (bế mạc)"
    with django_capture_on_commit_callbacks(execute=True):
        story.save_revision(user=admin).publish(user=admin)
    second = DepositRecord.objects.filter(page_id=story.pk).latest("seq")
    assert second.reason == "edit"
    assert second.prev_hash == first.record_hash
    assert second.seq == first.seq + 1
    assert "(bế mạc)" in bytes(second.body).decode()
    assert second.approvers == [] and second.workflow_step == ""
    assert second.actor == "administrator (u_administrator)"
    assert verify_chain().ok


def test_an_embargoed_story_is_deposited_when_it_goes_live_not_when_approved(
        deposit_on, newsroom, at_step, django_capture_on_commit_callbacks):
    """Approved with a go-live time seconds ahead: nothing is recorded while readers get "not found" there
    (before, a 404 page was deposited as its publication, and the real first publication was called an edit)."""
    from django.core.management import call_command
    from django.utils import timezone

    go_live = (timezone.now() + timedelta(seconds=6)).replace(microsecond=0)  # the approval takes a second or two
    with django_capture_on_commit_callbacks(execute=True):
        story = at_step(3, title="Cấm đường 🚧 quanh hồ từ 20/12", go_live_at=go_live)
    assert not story.live and story.get_latest_revision().approved_go_live_at == go_live
    assert not DepositRequest.objects.filter(page_id=story.pk).exists()
    time.sleep(max(0.0, (go_live - timezone.now()).total_seconds()) + 0.1)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("run_scheduler", "--once", stdout=StringIO())
    story.refresh_from_db()
    assert story.live
    record = DepositRecord.objects.get(page_id=story.pk)
    assert (record.reason, record.status_code) == ("publish", 200)
    assert "Cấm đường 🚧 quanh hồ từ 20/12" in bytes(record.body).decode()
    assert record.revision_id == story.live_revision_id
    assert [a["name"] for a in record.approvers][-1] == "deputy_eic (u_deputy_eic)"
    assert verify_chain().ok


def test_event_page_front_page_and_curation_are_deposited(publish, site_structure, django_capture_on_commit_callbacks):
    from toasoan.events.models import EventPage
    from toasoan.home.models import FrontSlot

    article = publish(title="Mùa lúa mới ở đồng bằng")
    with django_capture_on_commit_callbacks(execute=True):
        event = site_structure.events_index.add_child(instance=EventPage(title="Bão số 9", live=False))
        event.save_revision().publish()
    assert DepositRecord.objects.get(page_id=event.pk).page_type == "events.eventpage"
    home = site_structure.home
    with django_capture_on_commit_callbacks(execute=True):
        FrontSlot.objects.create(front=home, kind=FrontSlot.Kind.LEAD, article=article)
    front = DepositRecord.objects.get(page_id=home.pk)
    assert front.reason == "front" and front.page_type == "home.homepage"
    assert "Mùa lúa mới ở đồng bằng" in bytes(front.body).decode()


def test_deleting_a_story_keeps_its_records(publish, django_capture_on_commit_callbacks):
    article = publish(title="Bài sẽ bị xóa")
    with django_capture_on_commit_callbacks(execute=True):
        article.unpublish()
    kept = list(DepositRecord.objects.filter(page_id=article.pk).values_list("reason", "status_code"))
    assert kept == [("publish", 200), ("unpublish", 404)]
    article.delete()
    assert DepositRecord.objects.filter(page_id=article.pk).count() == 2
    assert verify_chain().ok


def test_switched_off_nothing_is_requested(make_article, settings):
    settings.TOASOAN_DEPOSIT_ENABLED = False
    make_article()
    assert not DepositRequest.objects.exists()


def test_a_failed_write_keeps_the_request_until_it_is_stored(publish, monkeypatch, django_capture_on_commit_callbacks):
    from toasoan.record import capture
    from toasoan.record.services import retry_open_requests

    real = capture.capture_page

    def disk_full(url):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(capture, "capture_page", disk_full)
    article = publish(title="Bài đăng lúc đầy đĩa")
    waiting = DepositRequest.objects.get(page_id=article.pk)
    assert waiting.done_at is None and waiting.attempts == 1 and "No space left" in waiting.last_error
    assert not DepositRecord.objects.filter(page_id=article.pk).exists()
    assert retry_open_requests() == (0, 1)  # still failing: still open
    monkeypatch.setattr(capture, "capture_page", real)
    assert retry_open_requests() == (1, 0)
    record = DepositRecord.objects.get(page_id=article.pk)
    assert record.status_code == 200 and "Bài đăng lúc đầy đĩa" in bytes(record.body).decode()
    assert verify_chain().ok
