"""Re-importing is safe for the newsroom (issue 20, point 4).

An editor's take-down and an editor's correction survive a re-import of the same source; every
revision the import makes names who ran it; ``make demo`` (``toasoan setup --import``) does not
republish on every start; every published article's URL answers 200, whatever its title.
"""

from __future__ import annotations

import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from toasoan.importer.models import ImportRecord
from toasoan.importer.services import SYSTEM_USERNAME
from toasoan.news.models import ArticlePage

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "importer"
SOURCE = "pipe_menu_source_prefix.txt"


def run(*args, **options) -> tuple[str, str, CommandError | None]:
    out, err = StringIO(), StringIO()
    try:
        call_command("import_text", *map(str, args), stdout=out, stderr=err, **options)
    except CommandError as exc:
        return out.getvalue(), err.getvalue(), exc
    return out.getvalue(), err.getvalue(), None


@pytest.fixture
def source(tmp_path) -> Path:
    path = tmp_path / "bai.txt"
    shutil.copy(FIXTURES / SOURCE, path)
    return path


def change(path: Path) -> None:
    """The old site corrected its copy: the source changed."""
    path.write_text(path.read_text(encoding="utf-8").replace("dài 86 m", "dài 88 m"), encoding="utf-8")


@pytest.fixture
def editor(site_structure):
    return get_user_model().objects.create_superuser("bien-tap", password="x-Mat-khau-9")


def test_reimport_never_republishes_a_story_an_editor_took_down(source, editor):
    run(source, publish=True)
    article = ArticlePage.objects.get()
    article.unpublish(user=editor)
    change(source)

    _out, err, error = run(source, publish=True)

    assert error is None
    assert f"BỎ QUA {source}" in err and "đã gỡ" in err
    article.refresh_from_db()
    assert article.live is False
    assert "88 m" not in str(article.get_latest_revision_as_object().body)

    # Even forced, the new text is only a draft for the desk: a take-down is undone by an editor.
    _out, err, error = run(source, publish=True, force=True)
    assert error is None, err
    article.refresh_from_db()
    assert article.live is False and "88 m" in str(article.get_latest_revision_as_object().body)


def test_a_newer_editor_revision_is_a_conflict_unless_forced(source, editor):
    run(source, publish=True)
    article = ArticlePage.objects.get()
    edited = article.get_latest_revision_as_object()
    edited.sapo = "Sapo do biên tập viên sửa."
    edited.save_revision(user=editor).publish(user=editor)
    change(source)

    _out, err, error = run(source, publish=True)

    assert error is None
    assert f"XUNG ĐỘT {source}" in err and "--force" in err
    article.refresh_from_db()
    assert article.sapo == "Sapo do biên tập viên sửa."  # the correction is kept
    assert article.latest_revision.user == editor

    out, err, error = run(source, publish=True, force=True)
    assert error is None, err
    article.refresh_from_db()
    assert "Đã cập nhật" in out and article.sapo.startswith("Sáng 14/3")
    assert "88 m" in str(article.body)


def test_every_revision_names_who_ran_the_import(source, editor):
    run(source, publish=True)
    article = ArticlePage.objects.get()
    system = get_user_model().objects.get(username=SYSTEM_USERNAME)
    assert article.latest_revision.user == system and article.owner == system
    assert not system.is_active and not system.has_usable_password()  # it cannot log in
    assert ImportRecord.objects.get(article=article).imported_by == system

    change(source)
    _out, err, error = run(source, publish=True, user="bien-tap")
    assert error is None, err
    article.refresh_from_db()
    assert article.latest_revision.user == editor
    assert ImportRecord.objects.get(article=article).imported_by == editor


def test_a_named_account_without_publish_rights_is_refused_in_vietnamese(source, site_structure):
    get_user_model().objects.create_user("cong-tac-vien", password="x-Mat-khau-9")
    _out, err, error = run(source, publish=True, user="cong-tac-vien")
    assert error is not None and error.returncode == 1
    assert "không có quyền xuất bản" in err
    assert not ArticlePage.objects.exists()  # nothing half-written

    _out, _err, error = run(source, publish=True, user="khong-ai")
    assert error is not None and "Không có tài khoản «khong-ai»" in str(error)


def test_setup_run_twice_does_not_republish_what_an_editor_took_down(source, editor):
    call_command("setup", imports=[str(source)], stdout=StringIO(), stderr=StringIO())
    article = ArticlePage.objects.get()
    revisions = article.revisions.count()
    article.unpublish(user=editor)

    out = StringIO()
    call_command("setup", imports=[str(source)], stdout=out, stderr=StringIO())

    article.refresh_from_db()
    assert article.live is False
    assert article.revisions.count() == revisions  # an unchanged source writes nothing
    assert "Không đổi" in out.getvalue()


TITLES = [
    "🔴 Trực tiếp: Quốc hội họp phiên bế mạc",
    "Giá xăng_dầu ↑ 5% từ chiều nay",
    "北京 mở lại tuyến bay đến Hà Nội",
    "Москва và Hà Nội ký kết hợp tác",
    "🔥🔥🔥",
    "C++ & Python: «ngôn ngữ» nào cho học sinh?",
]


def test_every_published_article_answers_200_whatever_its_title(client, tmp_path, site_structure):
    for index, title in enumerate(TITLES):
        path = tmp_path / f"{index}.txt"
        path.write_text(f"{title}\n19:37, 0{index + 1}/07/2019\nSapo của bài số {index}.\n", encoding="utf-8")
    _out, err, error = run(tmp_path, publish=True)
    assert error is None, err

    live = list(ArticlePage.objects.live())
    assert len(live) == len(TITLES)
    for article in live:
        assert article.slug and all(ch in "abcdefghijklmnopqrstuvwxyz0123456789-" for ch in article.slug)
        response = client.get(article.url)
        assert response.status_code == 200, (article.title, article.url)


def test_an_editor_typed_unicode_slug_is_made_ascii(client, make_article):
    article = make_article(title="Tin nóng sáng nay")
    article.slug = "tin_nóng-🔴"
    article.save_revision().publish()
    article.refresh_from_db()
    assert article.slug == "tin-nong"
    assert client.get(article.url).status_code == 200


def test_the_migration_heals_articles_saved_with_a_bad_slug(client, make_article):
    import importlib

    from django.apps import apps
    from wagtail.models import Page

    article = make_article(title="🔴 Trực tiếp: bế mạc kỳ họp")
    Page.objects.filter(pk=article.pk).update(slug="red_circle-truc-tiep-be-mac-ky-hop")
    migration = importlib.import_module("toasoan.importer.migrations.0002_ascii_article_slugs")
    migration.fix_slugs(apps, None)
    article.refresh_from_db()
    assert article.slug == "truc-tiep-be-mac-ky-hop"  # from the title, without the emoji
    assert article.url_path.endswith("/truc-tiep-be-mac-ky-hop/")
    assert client.get(article.url).status_code == 200
