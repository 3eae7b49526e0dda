"""``/<slug>-<id>.html`` serves through Wagtail's serve hooks, so view restrictions hold."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from wagtail.models import PageViewRestriction

pytestmark = pytest.mark.django_db

SECRET = "Nội dung chỉ dành cho phóng viên"


@pytest.fixture
def private_article(make_article):
    return make_article(title="Kế hoạch đưa tin bầu cử", sapo=SECRET)


def test_login_restricted_article_sends_readers_to_login(client, private_article):
    PageViewRestriction.objects.create(page=private_article, restriction_type=PageViewRestriction.LOGIN)

    response = client.get(private_article.canonical_path())

    assert response.status_code == 302
    assert "login" in response["Location"] and SECRET not in response.content.decode()
    # A second request is not answered from a cached copy of anything the first one rendered.
    assert client.get(private_article.canonical_path()).status_code == 302


def test_password_restricted_article_asks_for_the_password(client, private_article):
    PageViewRestriction.objects.create(page=private_article, restriction_type=PageViewRestriction.PASSWORD,
                                       password="mat-khau-toa-soan")

    response = client.get(private_article.canonical_path())

    assert response.status_code == 200
    body = response.content.decode()
    assert SECRET not in body and 'name="password"' in body


def test_group_restricted_article_is_shown_to_members_and_never_cached_for_readers(client, django_user_model,
                                                                                  private_article):
    group = Group.objects.create(name="Ban biên tập nội bộ")
    restriction = PageViewRestriction.objects.create(page=private_article,
                                                     restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(group)
    member = django_user_model.objects.create_user(username="pv", password="x")
    member.groups.add(group)

    client.force_login(member)
    assert SECRET in client.get(private_article.canonical_path()).content.decode()

    client.logout()
    response = client.get(private_article.canonical_path())
    assert response.status_code == 302 and SECRET not in response.content.decode()


def test_unrestricted_article_still_renders(client, make_article):
    article = make_article(title="Khánh thành trường học mới", sapo="Hơn 600 học sinh vào năm học mới.")
    response = client.get(article.canonical_path())
    assert response.status_code == 200 and "Hơn 600 học sinh" in response.content.decode()


def test_restrictions_are_found_on_ancestors_in_one_query(client, make_article, section,
                                                          django_assert_num_queries):
    article = make_article(title="Bài trong chuyên mục khóa", sapo=SECRET)
    assert not article.get_view_restrictions().exists()
    PageViewRestriction.objects.create(page=section, restriction_type=PageViewRestriction.LOGIN)

    with django_assert_num_queries(1):
        found = list(article.get_view_restrictions())

    assert [r.page_id for r in found] == [section.pk]
    assert client.get(article.canonical_path()).status_code == 302


def test_unrestricted_article_is_found_with_its_events_and_no_restriction_query(make_article, site_structure,
                                                                                 django_assert_num_queries):
    from wagtail.models import Site

    from toasoan.news.views import live_article

    article = make_article(title="Bão số 3 đổ bộ", sapo="Mưa lớn ở miền Bắc.")
    root_path = Site.objects.get(is_default_site=True).root_page.path

    with django_assert_num_queries(1):
        found = live_article(pk=article.pk, root_path=root_path)
        assert not list(found.get_view_restrictions())

    assert found.pk == article.pk and found.live_event_ids == []


def test_joined_lookup_sees_restrictions_on_ancestors_and_alias_sources(make_article, section, site_structure):
    from wagtail.models import Site

    from toasoan.news.views import live_article

    article = make_article(title="Bài trong chuyên mục khóa", sapo=SECRET)
    root_path = Site.objects.get(is_default_site=True).root_page.path
    restriction = PageViewRestriction.objects.create(page=section, restriction_type=PageViewRestriction.LOGIN)

    found = live_article(pk=article.pk, root_path=root_path)
    assert [r.pk for r in found.get_view_restrictions()] == [restriction.pk]

    restriction.delete()
    found = live_article(pk=article.pk, root_path=root_path)
    assert not list(found.get_view_restrictions())


def test_unpublished_article_is_not_found(make_article, site_structure):
    from wagtail.models import Site

    from toasoan.news.views import live_article

    article = make_article(title="Bài sẽ gỡ", sapo="Tạm thời.")
    article.unpublish()
    root_path = Site.objects.get(is_default_site=True).root_page.path
    assert live_article(pk=article.pk, root_path=root_path) is None
