"""A published story on the Thời sự desk, for live coverage, in the two-desk newsroom of tests/newsroom."""

from __future__ import annotations

import pytest

from tests.newsroom.conftest import (  # noqa: F401 - fixtures
    PASSWORD,
    draft,
    newsroom,
)


@pytest.fixture
def story(newsroom):  # noqa: F811
    from toasoan.news.models import ArticlePage

    page = newsroom.desk_section.add_child(instance=ArticlePage(
        title="Tường thuật: kỳ họp thứ mười Hội đồng nhân dân tỉnh", live=False,
        sapo="Các đại biểu thảo luận dự toán ngân sách và kế hoạch đầu tư công năm tới.",
        owner=newsroom.colleague,
    ))
    page.save_revision(user=newsroom.colleague).publish(user=newsroom.user("administrator"))
    return ArticlePage.objects.get(pk=page.pk)


@pytest.fixture
def client(client, django_capture_on_commit_callbacks):
    """Each request commits as it would in production: what waits for the commit (purges, the feed) runs."""
    original = client.request

    def request(**kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return original(**kwargs)

    client.request = request
    return client
