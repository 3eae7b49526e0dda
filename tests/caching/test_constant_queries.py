"""Every reader page runs the same number of queries whatever the archive size (uncached render).

Both measurements are taken with every listing already full (more articles than a page shows), so the
comparison isolates the archive size from the page size.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

pytestmark = pytest.mark.django_db


@pytest.fixture
def archive(settings, site_structure, section, make_article):
    from toasoan.events.models import EventPage
    from toasoan.home.services import ensure_section

    settings.TOASOAN_PAGE_CACHE = "off"
    event = site_structure.events_index.add_child(instance=EventPage(title="Bầu cử đại biểu", slug="bau-cu"))
    event.save_revision().publish()
    other = ensure_section(title="Kinh tế", slug="kinh-te")
    start = timezone.now() - timedelta(days=30)
    count = {"n": 0}

    def grow(n: int):
        for _ in range(n):
            count["n"] += 1
            i = count["n"]
            article = make_article(title=f"Bản tin số {i} về đời sống đô thị", parent=section if i % 2 else other,
                                   published=start + timedelta(hours=i))
            if i % 2 == 0:
                article.events.add(event)
                article.save_revision().publish()
        return article

    first = grow(50)
    return {"grow": grow, "event": event, "section": section, "article": first,
            "latest": site_structure.listings["latest"], "hot": site_structure.listings["hot"]}


def count_queries(client, url: str) -> int:
    client.get(url)  # warm the minute-long fragment caches (menu, Đọc nhiều), as in production
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(ctx.captured_queries)


def test_reader_pages_run_a_fixed_number_of_queries(archive, client):
    latest = archive["latest"]
    pages = {
        "home": lambda: "/",
        "section": lambda: archive["section"].url,
        "latest": lambda: latest.url,
        "latest, next page": lambda: f"{latest.url}?sau={client_cursor(client, latest.url)}",
        "hot": lambda: archive["hot"].url,
        "event": lambda: archive["event"].url,
        "article": lambda: archive["article"].canonical_path(),
    }
    small = {name: count_queries(client, url()) for name, url in pages.items()}
    archive["grow"](50)
    large = {name: count_queries(client, url()) for name, url in pages.items()}
    assert large == small
    assert max(small.values()) <= 60, small


def client_cursor(client, url: str) -> str:
    import re

    html = client.get(url).content.decode()
    match = re.search(r"[?&]sau=([A-Za-z0-9_-]+)", html)
    return match.group(1) if match else ""
