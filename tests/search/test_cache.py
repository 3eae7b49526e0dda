"""A cached search result page does not hide a story published after it was cached."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db

URL = "/tim-kiem/"


def test_a_cached_result_page_shows_a_story_published_after_it(client, article, django_capture_on_commit_callbacks):
    article("Giá gạo xuất khẩu tăng")
    first = client.get(URL, {"q": "cau treo Dong Tam"})
    assert "Không tìm thấy bài viết nào" in first.content.decode()
    assert client.get(URL, {"q": "cau treo Dong Tam"}).headers.get("X-Page-Cache") != "MISS"  # cached
    with django_capture_on_commit_callbacks(execute=True):
        story = article("Cầu treo Đồng Tâm thông xe")
    html = client.get(URL, {"q": "cau treo Dong Tam"}).content.decode()
    assert story.canonical_path() in html
