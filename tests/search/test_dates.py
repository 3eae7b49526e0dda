"""The reader's date filter on /tim-kiem/: a typed dd/mm/yyyy is read day first, and shown back as picked."""

from __future__ import annotations

from datetime import datetime

import pytest

from tests.conftest import VN

pytestmark = pytest.mark.django_db

URL = "/tim-kiem/"


def test_typed_day_first_dates_filter_by_day_and_come_back_in_the_date_fields(client, article):
    early = article("Giá lúa mùa tăng nhẹ", published=datetime(2025, 12, 8, 9, tzinfo=VN))
    late = article("Giá lúa mùa đi ngang", published=datetime(2025, 12, 20, 9, tzinfo=VN))
    response = client.get(URL, {"q": "gia lua mua", "tu": "09/12/2025", "den": "20/12/2025"})
    html = response.content.decode()
    assert late.canonical_path() in html and early.canonical_path() not in html
    # The browser's date fields get ISO dates back: they show them in the reader's own order.
    assert 'value="2025-12-09"' in html and 'value="2025-12-20"' in html

    html = client.get(URL, {"q": "gia lua mua", "tu": "08/12/2025", "den": "08/12/2025"}).content.decode()
    assert early.canonical_path() in html and late.canonical_path() not in html
