"""Models, the extraction service, the signal, admin confirm/reject and the reader pages.

Needs ``toasoan.entities`` in INSTALLED_APPS and ``toasoan.entities.urls`` included; skipped otherwise.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.urls import NoReverseMatch, reverse

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def _installed() -> bool:
    if "toasoan.entities" not in settings.INSTALLED_APPS:
        return False
    try:
        reverse("entities:person", kwargs={"slug": "x"})
    except NoReverseMatch:
        return False
    return True


pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not _installed(), reason="toasoan.entities not in INSTALLED_APPS / urls not included"),
]

SAPO = (
    "Chủ trì hội nghị có các đồng chí: Trần Văn Khải - Ủy viên BTV, Trưởng ban Tuyên giáo Tỉnh ủy; "
    "Lê Thị Hạnh - Phó Chủ tịch UBND tỉnh Hà Tĩnh."
)


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run on-commit callbacks (the extraction is scheduled after the save commits)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def article(make_article, committed):
    with committed():
        return make_article(
            title="Hội nghị giao ban công tác tuyên giáo", sapo=SAPO, published=datetime(2024, 5, 2, 9, 0, tzinfo=VN)
        )


def _links(article, kind: str = "person"):
    from toasoan.entities.models import ArticleEntity

    return {
        (link.target.name, link.state, link.source) for link in ArticleEntity.objects.filter(article=article, kind=kind)
    }


def test_saving_an_article_suggests_its_people_with_positions(article):
    from toasoan.entities.models import Person, Position

    assert _links(article) == {
        ("Trần Văn Khải", "suggested", "extracted"),
        ("Lê Thị Hạnh", "suggested", "extracted"),
    }
    hanh = Person.objects.get(name="Lê Thị Hạnh")
    assert hanh.slug == "le-thi-hanh"
    position = Position.objects.get(person=hanh)
    assert (position.title, position.organisation.name, position.article_id) == (
        "Phó Chủ tịch UBND tỉnh Hà Tĩnh",
        "UBND tỉnh Hà Tĩnh",
        article.pk,
    )
    assert position.seen_at.isoformat() == "2024-05-02"
    assert ("Hà Tĩnh", "suggested", "extracted") in _links(article, "place")
    # A body that exists in every province is stored under the article's province.
    assert ("Ban Tuyên giáo Tỉnh ủy Hà Tĩnh", "suggested", "extracted") in _links(article, "organisation")


def test_auto_confirm_and_rejected_is_never_suggested_again(article, committed):
    from toasoan.entities.models import ArticleEntity, LinkState
    from toasoan.entities.services import extract_for_article, set_link_state

    khai = ArticleEntity.objects.get(article=article, person__name="Trần Văn Khải")
    set_link_state(link=khai, state=LinkState.REJECTED)
    summary = extract_for_article(article=article, auto_confirm=True)
    assert summary is not None and summary.skipped_rejected >= 1
    assert _links(article) == {
        ("Trần Văn Khải", "rejected", "extracted"),
        ("Lê Thị Hạnh", "confirmed", "extracted"),
    }
    with committed():
        article.save_revision().publish()  # saving again (signal) changes nothing for the rejected one
    assert ("Trần Văn Khải", "rejected", "extracted") in _links(article)


def test_a_failing_extraction_never_blocks_saving(article, monkeypatch, caplog, committed):
    from toasoan.entities import services

    def boom(text):
        raise RuntimeError("hỏng")

    monkeypatch.setattr(services, "extract_entities", boom)
    assert services.extract_for_article(article=article) is None
    article.title = "Tiêu đề mới"
    with committed():
        article.save_revision().publish()  # no exception reaches the editor
    article.refresh_from_db()
    assert article.title == "Tiêu đề mới"
    assert "entity extraction failed" in caplog.text


def test_suggestions_that_disappear_from_the_text_are_dropped(article):
    from toasoan.entities.services import extract_for_article

    article.sapo = "Bà Lê Thị Hạnh, Phó Chủ tịch UBND tỉnh Hà Tĩnh, phát biểu."
    article.save()
    extract_for_article(article=article)
    assert {name for name, *_ in _links(article)} == {"Lê Thị Hạnh"}


@pytest.fixture
def editor_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("bientap", password="mat-khau-dai-123")
    client.force_login(user)
    return client


def test_admin_lists_suggestions_and_confirms_or_rejects(editor_client, article, committed):
    from toasoan.entities.models import ArticleEntity

    page = editor_client.get(reverse("entities_admin:article", args=[article.pk]))
    body = page.content.decode()
    assert page.status_code == 200
    assert "Gợi ý chờ duyệt" in body and "Lê Thị Hạnh" in body and "Xác nhận" in body
    hanh = ArticleEntity.objects.get(article=article, person__name="Lê Thị Hạnh")
    khai = ArticleEntity.objects.get(article=article, person__name="Trần Văn Khải")
    assert editor_client.post(reverse("entities_admin:change", args=[hanh.pk, "xac-nhan"])).status_code == 302
    assert editor_client.post(reverse("entities_admin:change", args=[khai.pk, "bo"])).status_code == 302
    hanh.refresh_from_db()
    khai.refresh_from_db()
    assert (hanh.state, khai.state) == ("confirmed", "rejected")
    # Editing the article again does not bring the rejected person back.
    edit = editor_client.get(reverse("wagtailadmin_pages:edit", args=[article.pk]))
    assert edit.status_code == 200
    assert reverse("entities_admin:article", args=[article.pk]) in edit.content.decode()
    with committed():
        article.save_revision().publish()
    khai.refresh_from_db()
    assert khai.state == "rejected"


def test_admin_requires_edit_permission(client, django_user_model, article):
    from toasoan.entities.models import ArticleEntity

    user = django_user_model.objects.create_user("docgia", password="mat-khau-dai-123")
    client.force_login(user)
    link = ArticleEntity.objects.filter(article=article).first()
    response = client.post(reverse("entities_admin:change", args=[link.pk, "xac-nhan"]))
    assert response.status_code in (302, 403)
    link.refresh_from_db()
    assert link.state == "suggested"


def test_person_page_lists_positions_and_articles_newest_first_with_cursor(client, make_article):
    from toasoan.entities.models import ArticleEntity, Person
    from toasoan.entities.services import extract_for_article

    articles = []
    for day in range(1, 5):
        article = make_article(
            title=f"Bài số {day} về hội nghị",
            sapo=f"Chủ tịch UBND tỉnh Hà Tĩnh Võ Trọng Hải dự hội nghị lần {day}.",
            published=datetime(2024, 3, day, 8, 0, tzinfo=VN),
        )
        extract_for_article(article=article, auto_confirm=True)
        articles.append(article)
    hai = Person.objects.get(name="Võ Trọng Hải")
    # One rejected link: that article is not listed on the person page.
    ArticleEntity.objects.filter(article=articles[0], person=hai).update(state="rejected")
    url = reverse("entities:person", kwargs={"slug": hai.slug})
    assert url == "/nhan-vat/vo-trong-hai/"
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(settings, "TOASOAN_PAGE_SIZE", 2, raising=False)
        first = client.get(url)
        body = first.content.decode()
        assert first.status_code == 200
        assert "Nhân vật" in body and "Chủ tịch UBND tỉnh Hà Tĩnh" in body
        assert body.index("Bài số 4") < body.index("Bài số 3")
        assert "Bài số 2" not in body and "Xem thêm" in body
        cursor = first.context["page_of_articles"].next_cursor
        second = client.get(url, {"sau": cursor}).content.decode()
        assert "Bài số 2" in second and "Bài số 1" not in second and "Bài số 4" not in second


def test_organisation_and_place_pages_and_unknown_slug(client, article):
    from toasoan.entities.models import Organisation, Place
    from toasoan.entities.services import extract_for_article

    extract_for_article(article=article, auto_confirm=True)
    place = Place.objects.get(name="Hà Tĩnh")
    organisation = Organisation.objects.get(name="UBND tỉnh Hà Tĩnh")
    assert reverse("entities:place", kwargs={"slug": place.slug}) == "/dia-danh/ha-tinh/"
    for url, label in ((place.get_absolute_url(), "Địa danh"), (organisation.get_absolute_url(), "Tổ chức")):
        response = client.get(url)
        assert response.status_code == 200
        html = response.content.decode()
        assert article.title in html
        assert f'<p class="listing__kicker">{label}</p>' in html
    assert client.get("/to-chuc/khong-co-to-chuc-nay/").status_code == 404


def test_template_tag_lists_confirmed_people_only(article):
    from django.template import Context, Template

    from toasoan.entities.models import ArticleEntity

    ArticleEntity.objects.filter(article=article, person__name="Lê Thị Hạnh").update(state="confirmed")
    html = Template("{% load entities_tags %}{% article_people_list article %}").render(Context({"article": article}))
    assert 'href="/nhan-vat/le-thi-hanh/"' in html and "Trần Văn Khải" not in html
    rendered = Template(
        "{% load entities_tags %}{% article_people article as people %}{% for p in people %}{{ p.name }};{% endfor %}"
    ).render(Context({"article": article}))
    assert rendered == "Lê Thị Hạnh;"


SEED_PAGE = settings.BASE_DIR.parent / "shared" / "seed" / "000_f29a639858279024.txt"


@pytest.mark.seed
@pytest.mark.skipif(not SEED_PAGE.exists(), reason="../shared/seed is not beside the repository")
def test_importing_the_seed_with_auto_confirm_links_exactly_its_four_people(site_structure, committed):
    import json

    from toasoan.entities.models import ArticleEntity, Position
    from toasoan.entities.services import extract_for_article
    from toasoan.importer.parsers.plaintext import parse_plain_text, read_text_file
    from toasoan.importer.services import import_text_page

    expected = json.loads(SEED_PAGE.with_suffix(".expected.json").read_text(encoding="utf-8"))
    parsed = parse_plain_text(read_text_file(SEED_PAGE))
    with committed():
        article = import_text_page(parsed=parsed, source_key="seed:000", section=None, publish=True).article
    summary = extract_for_article(article=article, auto_confirm=True)
    assert summary is not None
    people = ArticleEntity.objects.filter(article=article, kind="person")
    assert {link.person.name for link in people} == {p["name"] for p in expected["people"]}
    assert {link.state for link in people} == {"confirmed"}
    for person in expected["people"]:
        titles = list(
            Position.objects.filter(article=article, person__name=person["name"])
            .order_by("pk")
            .values_list("title", flat=True)
        )
        assert titles == person["positions"]
    organisations = set(
        ArticleEntity.objects.filter(article=article, kind="organisation").values_list("organisation__name", flat=True)
    )
    assert set(expected["organisations_at_least"]) <= organisations
    places = set(ArticleEntity.objects.filter(article=article, kind="place").values_list("place__name", flat=True))
    assert set(expected["places_at_least"]) <= places


def test_suggestions_panel_renders_inside_the_editor_form(rf, article, django_user_model):
    from toasoan.entities.panels import EntitySuggestionsPanel
    from toasoan.news.models import ArticlePage

    request = rf.get("/admin/")
    request.user = django_user_model.objects.create_superuser("bt2", password="mat-khau-dai-123")
    panel = EntitySuggestionsPanel().bind_to_model(ArticlePage)
    bound = panel.get_bound_panel(instance=article, request=request, form=None)
    assert bound.is_shown()
    html = bound.render_html()
    assert "Lê Thị Hạnh" in html and "Gợi ý" in html
    assert reverse("entities_admin:article", args=[article.pk]) in html


def test_people_can_be_edited_as_snippets(editor_client, article):
    from toasoan.entities.models import Person

    hanh = Person.objects.get(name="Lê Thị Hạnh")
    listing = editor_client.get(reverse("wagtailsnippets_entities_person:list"))
    assert listing.status_code == 200 and "Lê Thị Hạnh" in listing.content.decode()
    edit = editor_client.get(reverse("wagtailsnippets_entities_person:edit", args=[hanh.pk]))
    assert edit.status_code == 200
