"""In the browser: a desk editor opens the people list, merges a short form through the admin form, and
the person page shows positions in protocol order. Screenshots at 1440 and 375 px."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from tests.browser.test_pages import SCREENSHOTS
from tests.newsroom.conftest import PASSWORD, login, newsroom  # noqa: F401 - fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
VN = ZoneInfo("Asia/Ho_Chi_Minh")
SAPO = (
    "Dự hội nghị có đồng chí Phạm Minh Chính - Ủy viên Bộ Chính trị, Bí thư Trung ương Đảng, Trưởng ban Tổ "
    "chức Trung ương; đồng chí Nguyễn Đắc Vinh - Bí thư Tỉnh ủy Nghệ An. Tỉnh ủy Nghệ An báo cáo kết quả."
)


def test_desk_editor_merges_people_and_the_person_page_reads_in_protocol_order(
    chromium, live_server, newsroom, make_article  # noqa: F811
):
    from playwright.sync_api import expect

    from toasoan.entities.models import ArticleEntity, LinkState, Person
    from toasoan.entities.services import extract_many

    editor = newsroom.user("desk_editor")
    editor.set_password(PASSWORD)
    editor.save()
    article = make_article(title="Hội nghị công tác tổ chức xây dựng Đảng", sapo=SAPO,
                           published=datetime(2025, 7, 1, 9, tzinfo=VN))
    extract_many(articles=[article], auto_confirm=True)
    short = Person.objects.create(name="Phạm Chính", key="pham chinh")
    ArticleEntity.objects.create(article=article, kind="person", person=short, state=LinkState.SUGGESTED)
    chinh = Person.objects.get(name="Phạm Minh Chính")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    context, page = login(chromium, live_server, editor.username)
    page.goto(f"{live_server.url}/admin/snippets/entities/person/")
    assert page.get_by_role("link", name="Phạm Minh Chính").count() >= 1
    for width in (1440, 375):
        page.set_viewport_size({"width": width, "height": 900})
        for model in ("person", "organisation", "place"):
            page.goto(f"{live_server.url}/admin/snippets/entities/{model}/")
            page.screenshot(path=str(SCREENSHOTS / f"entities-admin-{model}-{width}.png"), full_page=True)
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(f"{live_server.url}/admin/nhan-vat/nguoi/{short.pk}/gop/")
    page.get_by_role("button", name="Gộp", exact=True).click()  # nothing chosen: a Vietnamese message
    expect(page.get_by_text("Hãy chọn nhân vật để gộp vào.")).to_be_visible()
    # The chooser posts the chosen id in a hidden input; set it as the chooser would.
    page.locator("input[name=target]").evaluate("(input, value) => { input.value = value; }", str(chinh.pk))
    page.get_by_role("button", name="Gộp", exact=True).click()
    page.wait_for_url(f"**/admin/snippets/entities/person/edit/{chinh.pk}/")
    expect(page.get_by_text("Đã gộp “Phạm Chính” vào “Phạm Minh Chính”")).to_be_visible()
    page.screenshot(path=str(SCREENSHOTS / "entities-admin-merged-1440.png"), full_page=True)
    assert not Person.objects.filter(pk=short.pk).exists()
    context.close()

    reader = chromium.new_context(locale="vi-VN")
    page = reader.new_page()
    for width in (1440, 375):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{live_server.url}{chinh.get_absolute_url()}")
        items = page.locator(".person__position").all_inner_texts()
        assert items == ["Ủy viên Bộ Chính trị", "Bí thư Trung ương Đảng", "Trưởng ban Tổ chức Trung ương"]
        page.screenshot(path=str(SCREENSHOTS / f"entities-person-{width}.png"), full_page=True)
    reader.close()
