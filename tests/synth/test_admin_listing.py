"""The explorer hook drops Wagtail's per-child permission subquery only where it cannot remove a row."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import RequestFactory
from wagtail.models import GroupPagePermission, Page

from toasoan.news.admin_listing import drop_redundant_permission_filter
from toasoan.synth.generator import MILLION, generate
from toasoan.synth.loader import load


@pytest.fixture
def archive(db):
    load(generate(seed=5, count=60, shape=MILLION), seed=5, shape=MILLION)
    from toasoan.sections.models import SectionPage

    return SectionPage.objects.get(slug="thoi-su")


def _listing(parent, user):
    from wagtail.permission_policies.pages import PagePermissionPolicy

    allowed = PagePermissionPolicy().explorable_instances(user).values_list("pk", flat=True)
    return Page.objects.child_of(parent).filter(pk__in=allowed)


def _request(user, **params):
    request = RequestFactory().get("/admin/pages/", params)
    request.user = user
    return request


def test_superuser_listing_loses_the_subquery_and_keeps_every_row(archive, django_user_model):
    admin = django_user_model.objects.create_superuser("tong-bien-tap", "tbt@example.invalid", "x")
    pages = _listing(archive, admin)
    kept = drop_redundant_permission_filter(archive, pages, _request(admin))
    assert "IN (SELECT" in str(pages.query)
    assert "IN (SELECT" not in str(kept.query)
    assert sorted(kept.values_list("pk", flat=True)) == sorted(pages.values_list("pk", flat=True))
    assert kept.count() == archive.numchild


def test_section_editor_inside_and_outside_their_section(archive, django_user_model):
    editor = django_user_model.objects.create_user("bien-tap-thoi-su", "bt@example.invalid", "x")
    group = Group.objects.create(name="Biên tập Thời sự")
    GroupPagePermission.objects.create(group=group, page=archive,
                                       permission=Permission.objects.get(codename="change_page"))
    editor.groups.add(group)
    inside = _listing(archive, editor)
    assert "IN (SELECT" not in str(drop_redundant_permission_filter(archive, inside, _request(editor)).query)
    home = archive.get_parent()
    outside = _listing(home, editor)
    assert drop_redundant_permission_filter(home, outside, _request(editor)) is outside
    whole_tree = drop_redundant_permission_filter(archive, inside, _request(editor, q="cau", search_all="1"))
    assert whole_tree is inside


def test_explorer_reads_article_bodies_with_the_rows_not_one_by_one(archive, django_user_model, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    admin = django_user_model.objects.create_superuser("thu-ky", "tk@example.invalid", "x")
    client.force_login(admin)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/admin/pages/{archive.pk}/")
    assert response.status_code == 200
    one_body = 'SELECT "news_articlepage"."page_ptr_id", "news_articlepage"."body" FROM'
    per_row = [q["sql"] for q in queries.captured_queries if q["sql"].startswith(one_body)]
    assert per_row == []
