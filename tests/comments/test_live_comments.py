"""Comments on a running live story arrive without reloading: the page polls /binh-luan/<id>/moi-nhat.json, the
same public answer for everyone, with an ETag that changes only when the shown comments change (a reader whose
copy is current gets 304 without a query) and a few seconds' life in the front. (In Chromium:
tests/readers/test_readers_browser.py.)"""

from __future__ import annotations

import pytest
from django.test import Client

from tests.comments.conftest import READER, post_comment
from toasoan.comments import services
from toasoan.comments.models import Comment
from toasoan.live import services as live

pytestmark = pytest.mark.django_db


def test_live_story_page_polls_a_public_listing_that_changes_with_approvals(
        client, desk_story, moderator, newsroom, django_assert_num_queries, django_capture_on_commit_callbacks):
    quiet = Client().get(desk_story.canonical_path()).content.decode()
    assert "data-comments-poll" not in quiet  # not a live story: no polling
    editor = newsroom.user("administrator")
    with django_capture_on_commit_callbacks(execute=True):  # the start purges the story's page
        coverage = live.start_coverage(article=desk_story, user=editor)
    page = Client().get(desk_story.canonical_path()).content.decode()
    assert f'data-comments-latest="/binh-luan/{desk_story.pk}/moi-nhat.json" data-comments-poll="15"' in page

    url = f"/binh-luan/{desk_story.pk}/moi-nhat.json"
    post_comment(client, desk_story)  # waits for approval: not in the public listing
    first = Client().get(url)
    assert first.status_code == 200 and first.json()["comments"] == []
    assert first["Cache-Control"] == "public, max-age=10" and first["X-Accel-Expires"] == "10"
    assert not first.cookies and "csrf" not in first.json()
    with django_assert_num_queries(0):
        assert Client().get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304

    services.approve(comment=Comment.objects.get(), user=moderator)
    changed = Client().get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200 and changed["ETag"] != first["ETag"]
    [shown] = changed.json()["comments"]
    assert shown["body"] == READER["body"] and "email" not in shown and READER["email"] not in changed.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        live.end_coverage(coverage=coverage, user=editor)
    assert "data-comments-poll" not in Client().get(desk_story.canonical_path()).content.decode()
