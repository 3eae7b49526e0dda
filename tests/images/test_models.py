"""Rendition lookups: one parsed Filter per spec, and a rendition read from the cache is not written back."""

from io import BytesIO

import pytest
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images.models import Filter

from toasoan.images.models import NewsImage, NewsRendition, shared_filter

pytestmark = pytest.mark.django_db


def photo() -> NewsImage:
    buffer = BytesIO()
    PILImage.new("RGB", (640, 400), (200, 120, 40)).save(buffer, "JPEG")
    return NewsImage.objects.create(title="Đồng lúa", file=ImageFile(buffer, name="lua.jpg"))


def test_one_filter_per_spec_whatever_the_caller_passes():
    first = shared_filter("fill-480x300")
    assert shared_filter(Filter(spec="fill-480x300")) is first
    assert shared_filter("fill-480x300") is first
    assert shared_filter("width-800") is not first


def test_a_rendition_found_in_the_cache_is_not_stored_again(monkeypatch):
    image = photo()
    made = image.get_renditions("fill-480x300", "width-400")
    assert set(made) == {"fill-480x300", "width-400"}
    backend = NewsRendition.cache_backend._backend
    writes: list[dict] = []
    original = backend.set_many
    monkeypatch.setattr(backend, "set_many", lambda data, *a, **kw: writes.append(data) or original(data, *a, **kw))
    fresh = NewsImage.objects.get(pk=image.pk)  # no prefetched renditions: found in the cache
    again = fresh.get_renditions("fill-480x300", "width-400")
    assert {spec: r.pk for spec, r in again.items()} == {spec: r.pk for spec, r in made.items()}
    assert writes == []
    NewsRendition.cache_backend.clear()
    fresh = NewsImage.objects.get(pk=image.pk)  # not in the cache: read from the database, then cached
    fresh.get_renditions("fill-480x300")
    assert len(writes) == 1
