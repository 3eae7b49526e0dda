from __future__ import annotations

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db

BACKENDS = {"default": {"BACKEND": "toasoan.search.wagtail_backend"}}


@override_settings(WAGTAILSEARCH_BACKENDS=BACKENDS)
def test_admin_page_search_finds_folded_and_abbreviated_queries(article, make_article):
    from modelsearch.backends import get_search_backend
    from wagtail.models import Page

    a = article("Ủy ban nhân dân tỉnh họp về Đại hội Đảng bộ")
    draft = make_article(title="Bản nháp chưa đăng về cầu Hiếu", live=False)
    backend = get_search_backend()
    found = {p.pk for p in backend.autocomplete("ubnd tinh dai hoi dang", Page.objects.all())}
    assert a.pk in found
    assert draft.pk not in found
    # What the index does not hold (drafts) is still found by Wagtail's own search.
    assert draft.pk in {p.pk for p in backend.search("nháp", Page.objects.all())}


@override_settings(WAGTAILSEARCH_BACKENDS=BACKENDS)
def test_admin_search_page_renders(admin_client, article):
    a = article("Đại hội Đảng bộ huyện Quỳnh Lưu")
    response = admin_client.get("/admin/pages/search/", {"q": "dai hoi dang quynh luu"})
    assert response.status_code == 200
    assert a.title in response.content.decode()
