"""People across articles, the bulk API, merge and split through the admin forms, the clean-up command,
and who may open the people, organisation and place lists."""

from __future__ import annotations

from datetime import datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.urls import reverse

from tests.newsroom.conftest import newsroom  # noqa: F401 - the fixture: one account per role

VN = ZoneInfo("Asia/Ho_Chi_Minh")
pytestmark = pytest.mark.django_db

BIDEN = "Tổng thống Mỹ Joe Biden thăm Hà Nội. Ông Biden gặp Chủ tịch nước."
BIDEN_AGAIN = "Ông Biden nói chuyện điện thoại với Thủ tướng Nhật Bản."
NGHE_AN = "Bí thư Tỉnh ủy Nghệ An Nguyễn Văn Thông kiểm tra đê biển ở huyện Quỳnh Lưu."
HA_TINH = "Giám đốc Sở Y tế Hà Tĩnh Nguyễn Văn Thông nói về dịch sốt xuất huyết ở Hà Tĩnh."
TINH_UY = "Ban Thường vụ Tỉnh ủy họp bàn về đê biển. Tỉnh ủy Nghệ An chỉ đạo huyện Quỳnh Lưu khẩn trương."
SEED_LIKE = (
    "Dự hội nghị có đồng chí Phạm Minh Chính - Ủy viên Bộ Chính trị, Bí thư Trung ương Đảng, "
    "Trưởng ban Tổ chức Trung ương."
)


@pytest.fixture
def articles(make_article):
    def make(*sapos: str):
        from toasoan.entities.models import ArticleEntity

        made = [
            make_article(title=f"Bài số {index}", sapo=sapo, published=datetime(2025, 3, 1 + index, 9, tzinfo=VN))
            for index, sapo in enumerate(sapos)
        ]
        ArticleEntity.objects.all().delete()  # the signal's own run, if the queue ran it inline
        return made

    return make


def _people_of(article) -> set[str]:
    from toasoan.entities.models import ArticleEntity

    return {link.person.name for link in ArticleEntity.objects.filter(article=article, kind="person")}


def test_bulk_extraction_one_person_across_articles_with_aliases(articles) -> None:
    from toasoan.entities.models import Person, PersonAlias
    from toasoan.entities.services import extract_many

    first, second = articles(BIDEN, BIDEN_AGAIN)
    summaries = extract_many(articles=[first, second])
    assert set(summaries) == {first.pk, second.pk}
    assert _people_of(first) == {"Joe Biden"} and _people_of(second) == {"Joe Biden"}
    biden = Person.objects.get(name="Joe Biden")
    assert PersonAlias.objects.filter(person=biden, name="Biden").exists()
    assert not Person.objects.filter(name="Biden").exists()
    # Running it again writes nothing new.
    again = extract_many(articles=[first, second])
    assert again[first.pk].suggested == summaries[first.pk].suggested
    assert Person.objects.filter(key="joe biden").count() == 1


def test_namesakes_are_told_apart_by_province(articles) -> None:
    from toasoan.entities.models import Person
    from toasoan.entities.services import extract_many

    nghe_an, ha_tinh = articles(NGHE_AN, HA_TINH)
    extract_many(articles=[nghe_an, ha_tinh])
    thongs = Person.objects.filter(key="nguyen van thong")
    assert thongs.count() == 2
    assert {person.note for person in thongs} >= {"Giám đốc Sở Y tế Hà Tĩnh"}


def test_namesakes_are_told_apart_by_employer_but_an_official_stays_one_across_bodies(articles) -> None:
    from toasoan.entities.models import ArticleEntity, Person
    from toasoan.entities.services import extract_many

    steel, club, steel_again, health, finance = articles(
        "Ông Lê Hoàng Nam - Giám đốc Công ty CP Thép Hòa Phát cho biết giá thép tăng.",
        "Cầu thủ Lê Hoàng Nam, tiền đạo CLB Hoàng Anh Gia Lai, ghi hai bàn.",
        "Ông Lê Hoàng Nam, Tổng giám đốc Công ty CP Thép Hòa Phát, ký hợp đồng.",
        "Ông Phạm Văn Hùng, Thứ trưởng Bộ Y tế, kiểm tra bệnh viện.",
        "Ông Phạm Văn Hùng, Bộ trưởng Bộ Tài chính, trình Quốc hội.",
    )
    extract_many(articles=[steel, club, steel_again, health, finance])
    nams = Person.objects.filter(key="le hoang nam")
    assert nams.count() == 2  # the director and the footballer
    director = ArticleEntity.objects.get(article=steel, kind="person").person
    assert ArticleEntity.objects.get(article=steel_again, kind="person").person == director
    assert ArticleEntity.objects.get(article=club, kind="person").person != director
    assert "CLB Hoàng Anh Gia Lai" in nams.exclude(pk=director.pk).get().note
    # A minister moved between ministries is one person: state bodies do not make namesakes.
    assert Person.objects.filter(key="pham van hung").count() == 1
    assert not Person.objects.filter(name="Hoàng Anh Gia Lai").exists()


def test_bodies_of_every_province_are_stored_under_the_articles_province(articles) -> None:
    from toasoan.entities.models import Organisation
    from toasoan.entities.services import extract_many

    (article,) = articles(TINH_UY)
    extract_many(articles=[article])
    names = set(Organisation.objects.values_list("name", flat=True))
    assert "Ban Thường vụ Tỉnh ủy Nghệ An" in names and "Tỉnh ủy Nghệ An" in names
    assert "Tỉnh ủy" not in names and "Ban Thường vụ Tỉnh ủy" not in names


def test_person_page_lists_positions_in_protocol_order(client, articles) -> None:
    from toasoan.entities.models import ArticleEntity, LinkState, Person
    from toasoan.entities.services import extract_many

    (article,) = articles(SEED_LIKE)
    extract_many(articles=[article], auto_confirm=True)
    assert ArticleEntity.objects.filter(state=LinkState.CONFIRMED, person__name="Phạm Minh Chính").exists()
    html = client.get(Person.objects.get(name="Phạm Minh Chính").get_absolute_url()).content.decode()
    order = [html.index(title) for title in ("Ủy viên Bộ Chính trị", "Bí thư Trung ương Đảng", "Trưởng ban Tổ chức")]
    assert order == sorted(order)


@pytest.mark.parametrize("role", ["desk_editor", "managing_editor"])
def test_editor_roles_open_and_correct_the_lists(client, newsroom, role) -> None:  # noqa: F811
    from toasoan.entities.models import Organisation, Person, Place

    person = Person.objects.create(name="Lê Văn Tám", key="le van tam")
    Organisation.objects.create(name="Sở Y tế Hà Tĩnh", key="so y te ha tinh")
    Place.objects.create(name="Hà Tĩnh", key="ha tinh", kind="tỉnh/thành phố")
    client.force_login(newsroom.user(role))
    for model in ("person", "organisation", "place"):
        response = client.get(reverse(f"wagtailsnippets_entities_{model}:list"))
        assert response.status_code == 200, model
    page = client.get(reverse("wagtailsnippets_entities_person:list")).content.decode()
    assert "Lê Văn Tám" in page and "Gộp" in page and "Tách" in page
    edit = reverse("wagtailsnippets_entities_person:edit", args=[person.pk])
    response = client.post(edit, {
        "name": "Lê Văn Tám", "note": "Anh hùng, sinh 1928", "slug": person.slug,
        "aliases-TOTAL_FORMS": "1", "aliases-INITIAL_FORMS": "0", "aliases-MIN_NUM_FORMS": "0",
        "aliases-MAX_NUM_FORMS": "1000", "aliases-0-name": "Tám", "aliases-0-id": "", "aliases-0-ORDER": "1",
        "aliases-0-DELETE": "",
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    person.refresh_from_db()
    assert person.note == "Anh hùng, sinh 1928"
    assert list(person.aliases.values_list("name", flat=True)) == ["Tám"]


def test_a_reporter_cannot_open_or_merge_people(client, newsroom) -> None:  # noqa: F811
    from toasoan.entities.models import Person

    person = Person.objects.create(name="Lê Văn Tám", key="le van tam")
    client.force_login(newsroom.user("reporter"))
    assert client.get(reverse("wagtailsnippets_entities_person:list")).status_code in (302, 403)
    assert client.get(reverse("entities_admin:merge_person", args=[person.pk])).status_code in (302, 403)
    assert client.post(reverse("entities_admin:split_person", args=[person.pk])).status_code in (302, 403)
    other = Person.objects.create(name="Lê Văn Tâm", key="le van tam")
    response = client.post(reverse("entities_admin:merge_person", args=[person.pk]), {"target": str(other.pk)})
    assert response.status_code in (302, 403)
    assert Person.objects.filter(pk=person.pk).exists() and Person.objects.filter(pk=other.pk).exists()


def test_merge_through_the_admin_form_keeps_every_link(client, newsroom, articles) -> None:  # noqa: F811
    from toasoan.entities.models import ArticleEntity, LinkState, Person, PersonAlias, Position
    from toasoan.entities.services import extract_many

    a, b, c = articles(
        "Ông Trần Văn Khải - Phó Chủ tịch UBND tỉnh Hà Tĩnh phát biểu.",
        "Ông Trần Văn Khải, Chủ tịch UBND tỉnh Hà Tĩnh, kiểm tra đê.",
        "Đồng chí Trần Văn Khởi thăm trường học.",
    )
    extract_many(articles=[a, b, c])
    source = Person.objects.get(name="Trần Văn Khởi")
    target = Person.objects.get(name="Trần Văn Khải")
    ArticleEntity.objects.filter(person=source).update(state=LinkState.CONFIRMED)
    links_before = ArticleEntity.objects.filter(person__in=[source, target]).count()
    client.force_login(newsroom.user("desk_editor"))
    url = reverse("entities_admin:merge_person", args=[source.pk])
    assert "Gộp vào nhân vật" in client.get(url).content.decode()
    # Hostile input first: itself, then a record that is gone.
    response = client.post(url, {"target": str(source.pk)})
    assert response.status_code == 200 and "không còn tồn tại" in response.content.decode()
    response = client.post(url, {"target": "999999"})
    assert response.status_code == 200
    response = client.post(url, {"target": str(target.pk)})
    assert response.status_code == 302
    assert not Person.objects.filter(pk=source.pk).exists()
    assert ArticleEntity.objects.filter(person=target).count() == links_before
    assert ArticleEntity.objects.get(person=target, article=c).state == LinkState.CONFIRMED
    assert PersonAlias.objects.filter(person=target, name="Trần Văn Khởi").exists()
    assert Position.objects.filter(person=target).count() == 2


def test_split_through_the_admin_form(client, newsroom, articles) -> None:  # noqa: F811
    from toasoan.entities.models import ArticleEntity, Person, Position
    from toasoan.entities.services import extract_many

    a, b = articles(
        "Ông Nguyễn Văn Thông, Bí thư Tỉnh ủy Nghệ An, kiểm tra đê biển.",
        "Ông Nguyễn Văn Thông, Bí thư Tỉnh ủy Nghệ An, thăm trường học.",
    )
    extract_many(articles=[a, b])
    person = Person.objects.get(name="Nguyễn Văn Thông")
    client.force_login(newsroom.user("managing_editor"))
    url = reverse("entities_admin:split_person", args=[person.pk])
    page = client.get(url).content.decode()
    assert "Bài số 0" in page and "Bài số 1" in page
    response = client.post(url, {"name": "Nguyễn Văn Thông", "note": "", "articles": [str(a.pk), str(b.pk)]})
    assert response.status_code == 200 and "Phải giữ lại ít nhất một bài viết" in response.content.decode()
    response = client.post(url, {"name": "  ", "articles": [str(b.pk)]})
    assert response.status_code == 200 and "Cần nhập tên" in response.content.decode()
    response = client.post(url, {"name": "Nguyễn Văn Thông", "note": "Cầu thủ, sinh 1997", "articles": [str(b.pk)]})
    assert response.status_code == 302
    new = Person.objects.exclude(pk=person.pk).get(key="nguyen van thong")
    assert new.note == "Cầu thủ, sinh 1997"
    assert ArticleEntity.objects.get(article=b, kind="person").person == new
    assert ArticleEntity.objects.get(article=a, kind="person").person == person
    assert Position.objects.filter(person=new, article=b).exists()


def test_clean_entities_merges_short_forms_and_removes_orphans(articles) -> None:
    from toasoan.entities.models import ArticleEntity, Organisation, Person

    (article,) = articles(BIDEN)
    joe = Person.objects.create(name="Joe Biden", key="joe biden")
    short = Person.objects.create(name="Biden", key="biden")
    initial = Person.objects.create(name="Nguyễn Văn C", key="nguyen van c")
    ArticleEntity.objects.create(article=article, kind="person", person=short, state="confirmed")
    ArticleEntity.objects.create(article=article, kind="person", person=initial)
    Organisation.objects.create(name="Ban Nha", key="ban nha")
    out = StringIO()
    call_command("clean_entities", "--dry-run", stdout=out)
    assert "Gộp «Biden» vào «Joe Biden»" in out.getvalue()
    assert Person.objects.filter(pk=short.pk).exists()
    call_command("clean_entities", stdout=StringIO())
    assert not Person.objects.filter(name__in=["Biden", "Nguyễn Văn C"]).exists()
    assert ArticleEntity.objects.get(article=article, person=joe).state == "confirmed"  # the editor's link kept
    assert not Organisation.objects.filter(name="Ban Nha").exists()


def test_merge_of_two_records_on_one_article_keeps_the_editors_decision_and_a_second_tab_fails_cleanly(
    client, newsroom, articles  # noqa: F811
) -> None:
    from toasoan.entities.models import ArticleEntity, LinkState, Person, Position

    (article,) = articles("Ông Đặng Thị Ngọc Thịnh thăm Đà Nẵng. Bà Ngọc Thịnh phát biểu.")
    full = Person.objects.create(name="Đặng Thị Ngọc Thịnh", key="dang thi ngoc thinh")
    short = Person.objects.create(name="Ngọc Thịnh 🌸", key="ngoc thinh 🌸")
    ArticleEntity.objects.create(article=article, kind="person", person=full, state=LinkState.REJECTED)
    ArticleEntity.objects.create(article=article, kind="person", person=short, state=LinkState.CONFIRMED)
    Position.objects.create(person=full, article=article, title="Phó Chủ tịch nước", seen_at="2025-03-13")
    Position.objects.create(person=short, article=article, title="Phó Chủ tịch nước", seen_at="2025-03-13")
    client.force_login(newsroom.user("desk_editor"))
    url = reverse("entities_admin:merge_person", args=[short.pk])
    assert client.post(url, {"target": str(full.pk)}).status_code == 302
    link = ArticleEntity.objects.get(article=article, kind="person")
    assert link.person == full and link.state == LinkState.CONFIRMED  # confirmed wins over rejected
    assert Position.objects.filter(person=full).count() == 1
    assert full.aliases.filter(name="Ngọc Thịnh 🌸").exists()
    # The same form submitted again from a second tab: the record is gone, nothing else changes.
    assert client.post(url, {"target": str(full.pk)}).status_code == 404
    assert ArticleEntity.objects.filter(person=full).count() == 1


def test_split_refuses_an_article_of_someone_else(client, newsroom, articles) -> None:  # noqa: F811
    from toasoan.entities.models import ArticleEntity, Person

    mine, theirs, also_mine = articles("Bài về ông Võ Văn Kiệt.", "Bài về ông Võ Văn Kiệt.", "Một bài nữa.")
    person = Person.objects.create(name="Võ Văn Kiệt", key="vo van kiet")
    other = Person.objects.create(name="Võ Văn Thưởng", key="vo van thuong")
    ArticleEntity.objects.create(article=mine, kind="person", person=person)
    ArticleEntity.objects.create(article=also_mine, kind="person", person=person)
    ArticleEntity.objects.create(article=theirs, kind="person", person=other)
    client.force_login(newsroom.user("managing_editor"))
    url = reverse("entities_admin:split_person", args=[person.pk])
    response = client.post(url, {"name": "Võ Văn Kiệt (2)", "note": "Ghi chú 31/12", "articles": [str(theirs.pk)]})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Võ Văn Kiệt (2)" in page and "Ghi chú 31/12" in page  # what was typed is kept
    assert ArticleEntity.objects.get(article=theirs).person == other
    assert Person.objects.count() == 2
