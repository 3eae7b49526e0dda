"""Headers and limits in Chromium: zero CSP violations on reader pages (home, section, each article format,
search, person) and a sample of admin screens with their scripts at work; an oversize form keeps what was
typed and says in Vietnamese what is too large (screenshots at 375 px)."""

from __future__ import annotations

import pytest

from tests.browser.test_pages import SCREENSHOTS, build_site
from tests.newsroom.conftest import PASSWORD, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

WATCH = """document.addEventListener('securitypolicyviolation', e => {
  (window.__csp = window.__csp || []).push(e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sourceFile + ':' +
                                           e.lineNumber);
});"""


def violations(page) -> list[str]:
    return page.evaluate("() => window.__csp || []")


def test_reader_pages_and_admin_screens_run_under_the_policy(chromium, live_server, django_user_model):
    from toasoan.entities.models import ArticleEntity, EntityKind, LinkState, Person
    from toasoan.news.models import ArticlePage

    site = build_site()
    articles = {a.format: a for a in ArticlePage.objects.live()}
    person = Person.objects.create(name="Nguyễn Thị Bình", key="nguyen thi binh", slug="nguyen-thi-binh")
    ArticleEntity.objects.create(article=articles["standard"], kind=EntityKind.PERSON, person=person,
                                 state=LinkState.CONFIRMED, context="Bà Nguyễn Thị Bình cho biết.")
    # A reader's phone: headless Chromium's own user agent counts as a robot (202).
    reader = chromium.new_context(viewport={"width": 375, "height": 812}, locale="vi-VN", user_agent=(
        "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126 Mobile Safari/537.36"))
    reader.add_init_script(WATCH)
    tab = reader.new_page()
    seen = {}
    try:
        paths = ["/", site["latest"].url, articles["standard"].get_parent().url, "/tim-kiem/?q=lũ",
                 "/nhan-vat/nguyen-thi-binh/", "/binh-luan/tai-khoan/dang-ky/", "/binh-luan/tai-khoan/dang-nhap/",
                 *(a.canonical_path() for a in articles.values())]
        for path in paths:
            beacon = None
            if path.endswith(".html"):
                with tab.expect_response(lambda r: "/_v?" in r.url) as answer:
                    response = tab.goto(live_server.url + path)
                beacon = answer.value.status
            else:
                response = tab.goto(live_server.url + path)
            assert response.status == 200, path
            assert response.headers["content-security-policy"].startswith(("default-src", "media-src", "img-src")) \
                or "script-src 'self'" in response.headers["content-security-policy"]
            seen[path] = (violations(tab), beacon)
        for path, (found, beacon) in seen.items():
            assert found == [], (path, found)
            if path.endswith(".html"):
                assert beacon == 204, (path, beacon)  # beacon.js ran and the view was counted
    finally:
        reader.close()

    django_user_model.objects.create_superuser("quantri", "qt@example.vn", PASSWORD)
    context, page = login(chromium, live_server, "quantri")
    context.add_init_script(WATCH)
    article = articles["standard"]
    image = article.cover_image
    try:
        for path in ("/admin/", "/admin/pages/", f"/admin/pages/{article.get_parent().pk}/",
                     f"/admin/pages/{article.pk}/edit/", "/admin/images/", f"/admin/images/{image.pk}/",
                     "/admin/documents/", "/admin/users/", "/admin/workflows/list/", "/admin/reports/site-history/",
                     "/admin/settings/home/imprint/"):
            response = page.goto(live_server.url + path)
            assert response.status == 200, path
            page.wait_for_load_state("networkidle")
            assert violations(page) == [], (path, violations(page))
        # Scripts at work on the article form: the date widget (inline, nonced), the inline panel's "add",
        # which clones a chooser with its script, and the image chooser's modal.
        page.goto(live_server.url + f"/admin/pages/{article.pk}/edit/")
        page.wait_for_load_state("networkidle")
        total = page.locator("#id_article_authors-TOTAL_FORMS")
        before = int(total.input_value())
        page.locator("#id_article_authors-ADD").click()
        page.wait_for_timeout(300)
        assert int(total.input_value()) == before + 1  # InlinePanel (nonced script) added an author row
        page.locator("[data-chooser-action-choose]:visible").first.click()  # the new author row's chooser
        page.wait_for_selector(".modal-body", state="visible")
        page.wait_for_timeout(500)
        assert violations(page) == [], violations(page)
    finally:
        context.close()


def test_an_oversize_form_keeps_what_was_typed_and_says_what_is_too_large(chromium, live_server,
                                                                           django_user_model):
    site = build_site()
    article = site["article"]
    django_user_model.objects.create_superuser("bientap", "bt@example.vn", PASSWORD)
    context, page = login(chromium, live_server, "bientap")
    page.set_viewport_size({"width": 375, "height": 812})
    SCREENSHOTS.mkdir(exist_ok=True)
    try:
        page.goto(live_server.url + f"/admin/pages/{article.pk}/edit/")
        page.wait_for_load_state("networkidle")
        sapo = page.locator("#id_sapo")
        typed = "Bản tin lũ dài bất thường 🌊 " * 110_000  # about 3 MB
        sapo.evaluate("(el, text) => { el.value = text; el.dispatchEvent(new Event('input', {bubbles: true})); }",
                      typed)
        requests = []
        page.on("request", lambda r: requests.append(r.url) if r.method == "POST" else None)
        sapo.press("End")
        sapo.type("!")  # a key typed: Wagtail's autosave would send the form 0.5 s later
        footer = page.locator(".footer__container[data-controller='w-messages']")
        footer.get_by_text("chưa được tự lưu").wait_for(state="visible")
        page.wait_for_timeout(1500)
        footer.scroll_into_view_if_needed()
        page.screenshot(path=str(SCREENSHOTS / "form-too-large-autosave-375.png"))
        typed += "!"
        assert not [u for u in requests if "/edit/" in u]  # autosave sent nothing
        box = page.locator(".toasoan-form-too-large")
        assert box.is_visible()
        page.get_by_role("button", name="Lưu nháp").click()  # the editor saves a draft
        box.wait_for(state="visible")
        text = box.inner_text()
        assert "Chưa gửi: biểu mẫu quá lớn" in text and "giới hạn là 2,5 MB" in text
        assert "«Sapo»" in text or "«sapo»" in text.lower()
        assert not [u for u in requests if "/edit/" in u]  # nothing was sent
        assert len(sapo.input_value()) == len(typed)  # nothing was lost
        box.scroll_into_view_if_needed()
        page.screenshot(path=str(SCREENSHOTS / "form-too-large-375.png"))

        # A form sent anyway (no script): the server answers a Vietnamese 413 page.
        page.evaluate("""(url) => {
            const form = document.createElement('form');
            form.method = 'post'; form.action = url; form.enctype = 'multipart/form-data';
            const field = document.createElement('textarea');
            field.name = 'sapo'; field.value = 'Lũ '.repeat(1000000);
            form.appendChild(field); document.body.appendChild(form);
            HTMLFormElement.prototype.submit.call(form);
        }""", f"/admin/pages/{article.pk}/edit/")
        page.wait_for_selector(".limit-page")
        body = page.locator("body").inner_text()
        assert "Nội dung gửi lên quá lớn" in body and "vượt giới hạn 2,5 MB" in body and "Quay lại" in body
        assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
        page.screenshot(path=str(SCREENSHOTS / "request-too-large-413-375.png"), full_page=True)
    finally:
        context.close()
