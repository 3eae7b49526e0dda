import pytest

from toasoan.home.services import ensure_section
from toasoan.sections.models import SectionPage

pytestmark = pytest.mark.django_db


def test_sections_nest_one_level_only(section):
    child = ensure_section(title="Xây dựng Đảng", slug="xay-dung-dang", parent=section)
    assert SectionPage.can_create_at(section)
    assert not SectionPage.can_create_at(child)


def test_section_lists_its_subsections_articles_newest_first(make_article, section):
    from toasoan.news import selectors

    child = ensure_section(title="Xây dựng Đảng", slug="xay-dung-dang", parent=section)
    older = make_article(title="Bài ở chuyên mục cha")
    newer = make_article(title="Bài ở chuyên mục con", parent=child)
    assert [a.pk for a in selectors.section_articles(section=section).items] == [newer.pk, older.pk]
    assert [a.pk for a in selectors.section_articles(section=child).items] == [newer.pk]


def test_secondary_section_lists_the_article_once(make_article, section):
    from toasoan.news import selectors

    other = ensure_section(title="Kinh tế", slug="kinh-te")
    article = make_article(title="Bài hai chuyên mục")
    article.secondary_sections.add(other)
    article.save_revision().publish()
    assert [a.pk for a in selectors.section_articles(section=other).items] == [article.pk]
    assert [a.pk for a in selectors.section_articles(section=section).items] == [article.pk]
