"""The bulk loader: a clear refusal when the disk is short; a small million-shape archive the site can serve."""

from __future__ import annotations

from collections import namedtuple

import pytest
from django.core.management import CommandError, call_command

from toasoan.synth import loader
from toasoan.synth.generator import MILLION, generate
from toasoan.synth.loader import NotEnoughDiskError, check_disk, load

Usage = namedtuple("Usage", "total used free")


def test_check_disk_refuses_with_the_sizes_in_the_message(tmp_path, monkeypatch):
    monkeypatch.setattr(loader.shutil, "disk_usage", lambda _path: Usage(10 * 1024**3, 7 * 1024**3, 3 * 1024**3))
    with pytest.raises(NotEnoughDiskError, match="Không đủ dung lượng đĩa") as refused:
        check_disk(1_000_000, path=tmp_path)
    assert "1,000,000 bài" in str(refused.value)
    needed, free = check_disk(100, path=tmp_path / "not-yet-made")
    assert needed < free


def test_command_refuses_before_writing_anything(db, monkeypatch):
    from toasoan.news.models import ArticlePage

    monkeypatch.setattr(loader.shutil, "disk_usage", lambda _path: Usage(10 * 1024**3, 10 * 1024**3, 1024))
    with pytest.raises(CommandError, match="Không đủ dung lượng đĩa"):
        call_command("synth", "--count", "5000", "--no-index")
    assert not ArticlePage.objects.exists()


@pytest.fixture
def archive(db):
    ids = load(generate(seed=11, count=120, shape=MILLION), seed=11, batch_size=50, shape=MILLION)
    return ids


def test_loaded_articles_have_their_revision_and_a_consistent_tree(archive):
    from wagtail.models import Page

    from toasoan.events.models import EventPage
    from toasoan.news.models import ArticlePage
    from toasoan.sections.models import SectionPage

    assert len(archive) == 120
    assert SectionPage.objects.count() == 50
    assert EventPage.objects.count() == 2000
    article = ArticlePage.objects.get(pk=archive[-1])
    assert article.latest_revision_id == article.live_revision_id is not None
    restored = article.latest_revision.as_object()
    assert restored.title == article.title
    assert [b.block_type for b in restored.body] == ["paragraph"] * len(article.body)
    assert article.get_parent().pk == article.section_id
    assert article.url_path == f"{article.get_parent().url_path}{article.slug}/"
    assert [link.author_id for link in restored.article_authors.all()] == [article.article_authors.get().author_id]
    for page in Page.objects.filter(depth__lte=4):
        assert page.numchild == page.get_children().count(), page.title
    assert Page.find_problems() == ([], [], [], [], [])


def test_loading_twice_appends_and_reuses_the_structure(archive):
    from toasoan.entities.models import Person
    from toasoan.events.models import EventPage
    from toasoan.people.models import Author

    more = load(generate(seed=11, count=150, start=120, shape=MILLION), seed=11, shape=MILLION)
    assert len(more) == 30 and min(more) > max(archive)
    assert EventPage.objects.count() == 2000
    assert Author.objects.count() == 1000
    assert Person.objects.count() == 19_000


def test_reader_pages_and_admin_work_on_the_loaded_archive(archive, client, django_user_model, settings):
    from toasoan.events.models import EventPage
    from toasoan.news.models import ArticlePage
    from toasoan.sections.models import SectionPage

    settings.TOASOAN_PAGE_CACHE = "off"
    article = ArticlePage.objects.filter(events__isnull=False).order_by("-published_at").first()
    event = article.events.get()
    section = SectionPage.objects.get(slug="kinh-te")
    for url in ["/", section.url, "/moi-nhat/", article.url, event.url, EventPage.objects.first().get_parent().url]:
        response = client.get(url)
        assert response.status_code == 200, url
    assert article.title in client.get(event.url).content.decode()
    assert article.title in client.get("/moi-nhat/").content.decode() or ArticlePage.objects.count() > 20

    admin = django_user_model.objects.create_superuser("quan-tri", "qt@example.invalid", "mat-khau")
    client.force_login(admin)
    big = SectionPage.objects.get(slug="thoi-su")
    for url in [f"/admin/pages/{big.pk}/", f"/admin/pages/{article.pk}/edit/", f"/admin/pages/{article.pk}/history/",
                f"/admin/pages/{event.pk}/edit/"]:
        assert client.get(url).status_code == 200, url
