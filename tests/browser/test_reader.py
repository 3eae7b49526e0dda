"""The reader site as a paper launches it, in Chromium: the administrator edits the imprint through the settings
form and every page shows it; the demo's video and audio play (the browser reads their length)."""

from __future__ import annotations

import json

import pytest

from tests.browser.test_pages import SCREENSHOTS, build_site
from tests.newsroom.conftest import (
    PASSWORD,
    login,
    newsroom,  # noqa: F401 - the newsroom fixture: one account per role
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_the_administrator_edits_the_imprint_and_every_page_shows_it(chromium, live_server, newsroom,  # noqa: F811
                                                                     make_article, site_structure):
    administrator = newsroom.user("administrator")  # the newsroom's "Quản trị hệ thống" role, not a superuser
    administrator.set_password(PASSWORD)
    administrator.save()
    article = make_article(title="Lũ về sông Lam, các xã ven sông sơ tán dân")
    context, page = login(chromium, live_server, administrator.username)
    try:
        page.goto(f"{live_server.url}/admin/settings/home/imprint/")
        page.get_by_label("Tên cơ quan báo chí").fill("Báo điện tử Sông Lam")
        page.get_by_label("Cơ quan chủ quản").fill("Hội Truyền thông Cộng đồng tỉnh Nghệ An")
        page.get_by_label("Số giấy phép").fill("68/GP-BVHTTDL")
        page.get_by_label("Ngày cấp giấy phép").fill("2025-09-18")  # the native date field sends yyyy-mm-dd
        page.get_by_label("Cơ quan cấp giấy phép").fill("Bộ Văn hóa, Thể thao và Du lịch")
        page.get_by_label("Tổng biên tập", exact=True).fill("Vũ Thị Giang 🌾")
        page.get_by_label("Địa chỉ").fill("Số 12 đường Lê Hồng Phong, phường Thành Vinh, tỉnh Nghệ An")
        page.get_by_label("Điện thoại").fill("0238 3 844 555")
        page.get_by_label("Thư điện tử").fill("khong-phai-email")
        page.get_by_role("button", name="Lưu").click()
        assert page.get_by_label("Thư điện tử").evaluate("el => !el.validity.valid")  # refused, nothing lost
        assert page.get_by_label("Tổng biên tập", exact=True).input_value() == "Vũ Thị Giang 🌾"
        page.get_by_label("Thư điện tử").fill("lienhe@toasoan.example")
        page.get_by_role("button", name="Lưu").click()
        page.wait_for_selector(".messages .success, .w-message--success, [role=status]")
        page.reload()
        assert page.get_by_label("Ngày cấp giấy phép").input_value() == "2025-09-18"

        reader = chromium.new_context(viewport={"width": 375, "height": 812}, locale="vi-VN")
        tab = reader.new_page()
        for path in ("/", article.url, site_structure.listings["latest"].url, "/tim-kiem/?q=lu"):
            tab.goto(live_server.url + path)
            footer = tab.locator("footer .imprint")
            text = footer.inner_text()
            assert "BÁO ĐIỆN TỬ SÔNG LAM" in text.upper(), path
            assert "Giấy phép số 68/GP-BVHTTDL ngày 18/09/2025 của Bộ Văn hóa, Thể thao và Du lịch" in text, path
            assert "Tổng biên tập: Vũ Thị Giang 🌾" in text, path
            assert tab.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth"), path
        SCREENSHOTS.mkdir(exist_ok=True)
        tab.locator("footer").screenshot(path=str(SCREENSHOTS / "reader-imprint-375.png"))
        reader.close()
    finally:
        context.close()


def test_the_demo_media_play(chromium, live_server):
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    from toasoan.demo.media import audio_bulletin, video_clip
    from toasoan.demo.schema import Scene

    site = build_site()
    documents = {}
    for made in (video_clip(key="clip-kiem-thu", scene=Scene("flood"), seconds=3),
                 audio_bulletin(key="ban-tin-kiem-thu", seconds=4)):
        document = get_document_model()(title=made.filename)
        document.file.save(made.filename, ContentFile(made.data), save=False)
        document.save()
        documents[made.filename[-3:]] = document
    article = site["article"]
    article.body = json.dumps([
        {"type": "media", "value": {"kind": "video", "file": documents["mp4"].pk, "duration": "00:03"}},
        {"type": "media", "value": {"kind": "audio", "file": documents["mp3"].pk, "duration": "00:04"}},
        *article.body.get_prep_value(),
    ])
    article.save_revision().publish()

    context = chromium.new_context(viewport={"width": 1440, "height": 900}, locale="vi-VN")
    page = context.new_page()
    try:
        for document, kind in ((documents["mp4"], "video/mp4"), (documents["mp3"], "audio/mpeg")):
            response = page.request.get(live_server.url + document.url)
            assert response.ok and response.headers["content-type"] == kind
        page.goto(live_server.url + article.url)
        durations = page.evaluate("""() => Promise.all([...document.querySelectorAll('video, audio')].map(el =>
            new Promise((ok, fail) => { if (el.readyState >= 1) ok(el.duration);
                el.addEventListener('loadedmetadata', () => ok(el.duration));
                el.addEventListener('error', () => fail(el.error && el.error.code)); el.load(); })))""")
        assert [round(d) for d in durations] == [3, 4]
    finally:
        context.close()
