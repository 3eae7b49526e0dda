"""In Chromium (Playwright): axe-core on every kind of reader page, the photo viewer by keyboard, feed links.

axe-core comes from npm (``tests/seo/package.json``; ``make a11y-deps`` or ``npm ci --prefix tests/seo``).
Skipped with the reason when /usr/bin/chromium, Playwright or node_modules are missing, unless
``CI_BROWSER=required``, which turns the skip into a failure.
"""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest

from tests.conftest import ensure_tree_root, skip_or_fail_browser
from tests.seo.conftest import body, make_image

HERE = Path(__file__).resolve().parent
AXE = HERE / "node_modules" / "axe-core" / "axe.min.js"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture(autouse=True)
def _axe_installed():
    if not AXE.exists():
        skip_or_fail_browser(f"{AXE} is absent: run `npm ci --prefix tests/seo` (make test does)")


def build_site() -> dict:
    """One article of every format, an event, a person, with pictures."""
    from django.core.files.base import ContentFile
    from django.utils import timezone
    from wagtail.documents.models import Document

    from toasoan.entities.models import ArticleEntity, EntityKind, LinkState, Person
    from toasoan.events.models import EventPage
    from toasoan.home.services import ensure_section, ensure_site_structure
    from toasoan.news.models import ArticlePage

    ensure_tree_root()
    structure = ensure_site_structure()
    section = ensure_section(title="Thời sự", slug="thoi-su")
    event = structure.events_index.add_child(instance=EventPage(title="Mùa lũ miền Trung", slug="mua-lu",
                                                                description="Diễn biến mưa lũ các tỉnh miền Trung."))
    event.save_revision().publish()
    photos = [make_image(title=f"Ảnh làng gốm {i}") for i in range(3)]
    chart = make_image(title="Biểu đồ lượng mưa", size=(800, 2400))
    video = Document.objects.create(title="Phóng sự lũ", file=ContentFile(b"\x00\x00\x00\x18ftypmp42", "lu.mp4"))
    paragraph = ("paragraph", "<p>Người dân các xã ven sông đã kịp di dời tài sản lên nơi cao trước khi nước lên.</p>")
    gallery = ("gallery", {"title": "Làng gốm buổi sớm", "photos": [
        {"image": p.pk, "caption": f"Khoảnh khắc thứ {i + 1} ở lò gốm", "credit": "", "original_source": ""}
        for i, p in enumerate(photos)]})
    specs = {
        "standard": body(paragraph, ("figure", {"image": photos[0].pk, "caption": "Nước rút ở Lệ Thủy",
                                                "credit": "", "original_source": ""}),
                         ("quote", {"text": "Chúng tôi đã chuẩn bị từ tuần trước.", "attribution": "Ông Tâm",
                                    "pull": False})),
        "photo": body(gallery, paragraph),
        "infographic": body(("infographic", {"image": chart.pk, "caption": "Lượng mưa 5 ngày",
                                             "text_alternative": "Huế 820 mm; Quảng Trị 640 mm; Quảng Bình 510 mm.",
                                             "credit": "Đồ họa: Mai Anh"}), paragraph),
        "magazine": body(("chapter", {"heading": "Chương 1: Nước về", "image": photos[1].pk}), paragraph,
                         ("quote", {"text": "Lũ năm nay đến sớm hơn mọi năm.", "attribution": "Bà Hoa",
                                    "pull": True}), paragraph),
        "media": body(("media", {"kind": "video", "file": video.pk, "embed": None, "poster": photos[2].pk,
                                 "duration": "3:05", "transcript": "Người dân dọn bùn sau lũ."}), paragraph),
    }
    articles = {}
    now = timezone.now()
    for i, (fmt, stream) in enumerate(specs.items()):
        article = section.add_child(instance=ArticlePage(
            title=f"Lũ miền Trung: bài {fmt} số {i + 1}", format=fmt, body=stream, cover_image=photos[i % 3],
            sapo="Mưa lớn kéo dài khiến nước các sông dâng nhanh, nhiều xã bị chia cắt.", live=False))
        article.first_published_at = now - timedelta(hours=i + 1)
        article.events.add(event)
        article.save_revision().publish()
        article.refresh_from_db()
        articles[fmt] = article
    person = Person.objects.create(name="Nguyễn Văn Tâm")
    ArticleEntity.objects.create(article=articles["standard"], kind=EntityKind.PERSON, person=person,
                                 state=LinkState.CONFIRMED)
    return {"section": section, "event": event, "articles": articles, "person": person}


def _axe(page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("""async () => {
        const r = await axe.run(document, {resultTypes: ['violations']});
        return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
    }""")
    return [v for v in result if v["impact"] in {"serious", "critical"}]


@pytest.mark.parametrize("viewport", [(375, 812), (1280, 900)], ids=["mobile", "desktop"])
def test_axe_finds_no_serious_violations_and_nothing_leaves_the_site(chromium, live_server, settings, viewport):
    settings.TOASOAN_PAGE_CACHE = "off"
    site = build_site()
    pages = {
        "home": "/",
        "section": site["section"].url,
        "event": site["event"].url,
        "person": site["person"].get_absolute_url(),
        "search": "/tim-kiem/?q=l%C5%A9",
        "reader-sign-up": "/binh-luan/tai-khoan/dang-ky/",
        **{f"article-{fmt}": a.url for fmt, a in site["articles"].items()},
    }
    # axe-core is injected as an inline script, which the site's CSP rightly refuses; the policy itself is
    # checked page by page in tests/browser/test_hardening.py.
    context = chromium.new_context(viewport={"width": viewport[0], "height": viewport[1]}, locale="vi-VN",
                                   bypass_csp=True)
    third_party: list[str] = []
    context.on("request", lambda r: None if r.url.startswith((live_server.url, "data:"))
               else third_party.append(r.url))
    found: dict[str, list] = {}
    try:
        for name, path in pages.items():
            page = context.new_page()
            response = page.goto(live_server.url + path)
            assert response.status == 200, (name, response.status)
            page.wait_for_load_state("load")
            violations = _axe(page)
            if violations:
                found[name] = violations
            if name == "home":
                # The check can fail: an image without alt text is a critical violation for axe.
                page.evaluate("document.body.insertAdjacentHTML('beforeend', "
                              "'<img src=\"/static/toasoan/seo/logo.png\">')")
                assert "image-alt" in {v["id"] for v in page.evaluate(
                    "async () => (await axe.run(document)).violations.map(v => ({id: v.id}))")}
            page.close()
    finally:
        context.close()
    assert found == {}, json.dumps(found, ensure_ascii=False, indent=1)
    assert third_party == [], third_party


def test_photo_viewer_works_by_keyboard(chromium, live_server, settings):
    settings.TOASOAN_PAGE_CACHE = "off"
    site = build_site()
    context = chromium.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        page.goto(live_server.url + site["articles"]["photo"].url)
        openers = page.locator("button.viewer-open")
        assert openers.count() == 3
        openers.nth(0).focus()
        focus_style = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
        assert focus_style != "none"
        page.keyboard.press("Enter")
        dialog = page.locator("dialog.viewer")
        assert dialog.is_visible()
        assert page.locator(".viewer__count").inner_text() == "Ảnh 1/3"
        assert page.locator(".viewer__caption").inner_text().startswith("Khoảnh khắc thứ 1")
        page.keyboard.press("ArrowRight")
        assert page.locator(".viewer__count").inner_text() == "Ảnh 2/3"
        page.keyboard.press("ArrowLeft")
        page.keyboard.press("ArrowLeft")
        assert page.locator(".viewer__count").inner_text() == "Ảnh 3/3"
        src = page.locator(".viewer__img").get_attribute("src")
        assert "/uploads/" in src or "/images/" in src
        page.keyboard.press("Escape")
        assert not dialog.is_visible()
        assert page.evaluate("document.activeElement.className") == "viewer-open"  # focus came back

        page.goto(live_server.url + site["articles"]["infographic"].url)
        page.locator("button.viewer-open").click()
        zoom = page.locator(".viewer__zoom")
        assert zoom.is_visible()
        zoom.click()
        assert zoom.get_attribute("aria-pressed") == "true"
        natural = page.evaluate("document.querySelector('.viewer__img').getBoundingClientRect().width")
        assert natural > 390  # full resolution, scrollable sideways on a phone
        page.keyboard.press("Escape")
        assert page.locator(".infographic__text summary").count() == 1
    finally:
        context.close()
