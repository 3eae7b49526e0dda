"""Fixtures for the SEO tests: a small archive with an author, tags, an event, a person and an image."""

from __future__ import annotations

import json
from datetime import timedelta
from io import BytesIO

import pytest
from django.utils import timezone


def make_image(title: str = "Cầu mới qua sông Lam", size: tuple[int, int] = (1600, 1000)):
    from django.core.files.images import ImageFile
    from PIL import Image

    from toasoan.images.models import NewsImage

    buffer = BytesIO()
    Image.new("RGB", size, (40, 90, 140)).save(buffer, format="JPEG", quality=70)
    return NewsImage.objects.create(title=title, credit="Ảnh: Minh Khang", file=ImageFile(buffer, name="cau.jpg"))


def body(*blocks) -> str:
    return json.dumps([{"type": kind, "value": value} for kind, value in blocks])


@pytest.fixture
def archive(settings, site_structure, section, make_article):
    from toasoan.entities.models import ArticleEntity, EntityKind, LinkState, Person
    from toasoan.events.models import EventPage
    from toasoan.news.models import ArticleAuthor
    from toasoan.people.models import Author

    settings.TOASOAN_PAGE_CACHE = "off"
    image = make_image()
    author = Author.objects.create(name="Lê Thu Hà", slug="le-thu-ha")
    event = site_structure.events_index.add_child(instance=EventPage(title="Mùa lũ miền Trung", slug="mua-lu"))
    event.save_revision().publish()
    now = timezone.now()
    lead = make_article(title="Cầu Cửa Hội thông xe sau hai năm thi công", published=now - timedelta(hours=3),
                        cover_image=image, sapo="Cây cầu dài 1,2 km nối hai bờ sông Lam thông xe sáng nay.")
    ArticleAuthor.objects.create(article=lead, author=author)
    lead.tags.add("giao thông", "Nghệ An")
    lead.events.add(event)
    lead.save_revision().publish()
    old = make_article(title="Nước sông Lam lên nhanh sau mưa lớn", published=now - timedelta(days=5),
                       sapo="Mực nước tại trạm Nam Đàn vượt báo động hai.")
    old.events.add(event)
    old.save_revision().publish()
    draft = make_article(title="Bản nháp chưa đăng", live=False)
    person = Person.objects.create(name="Nguyễn Văn Tâm")
    ArticleEntity.objects.create(article=lead, kind=EntityKind.PERSON, person=person, state=LinkState.CONFIRMED)
    lead.refresh_from_db()
    old.refresh_from_db()
    return {"lead": lead, "old": old, "draft": draft, "event": event, "person": person, "author": author,
            "image": image, "section": section, "site": site_structure}
