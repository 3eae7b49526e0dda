"""The reader site in a real browser (Debian's Chromium through Playwright) at 375 px and 1440 px.

Opens the home page and an article (the imported seed article when ../shared/seed and the importer are
there, else one of our own), checks the anatomy, checks nothing overflows sideways on a phone, tries the
"Xem thêm" script, and saves screenshots under ``screenshots/`` at the repository root.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from io import BytesIO
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.conftest import ensure_tree_root

REPO_ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO_ROOT / "screenshots"
SEED = REPO_ROOT.parent / "shared" / "seed" / "000_f29a639858279024.txt"
MENU = ["Mới nhất", "Tin nóng", "Media", "Magazine", "Infographic", "Tin ảnh"]
VN = ZoneInfo("Asia/Ho_Chi_Minh")
WIDTHS = {"mobile": (375, 812), "desktop": (1440, 900)}

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _image(title: str, colour: tuple[int, int, int]):
    from django.core.files.images import ImageFile
    from PIL import Image, ImageDraw

    from toasoan.images.models import NewsImage

    picture = Image.new("RGB", (1200, 750), colour)
    draw = ImageDraw.Draw(picture)
    for x in range(0, 1200, 60):
        draw.line([(x, 750), (x + 300, 0)], fill=tuple(min(255, c + 40) for c in colour), width=8)
    buffer = BytesIO()
    picture.save(buffer, format="JPEG", quality=80)
    return NewsImage.objects.create(title=title, credit="Ảnh: Phóng viên", file=ImageFile(buffer, name="anh.jpg"))


def _body(*blocks) -> str:
    return json.dumps([{"type": kind, "value": value} for kind, value in blocks])


def _publish(page, when: datetime):
    page.first_published_at = when
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def build_site() -> dict:
    """A small newspaper: two sections, an event, pictures, several formats, and the article to look at."""
    from toasoan.events.models import EventPage
    from toasoan.home.services import ensure_section, ensure_site_structure
    from toasoan.news.models import ArticleAuthor, ArticleFormat, ArticlePage
    from toasoan.people.models import Author

    ensure_tree_root()
    structure = ensure_site_structure(site_name="Báo Sông Lam")
    news = ensure_section(title="Thời sự", slug="thoi-su", parent=structure.home)
    economy = ensure_section(title="Kinh tế", slug="kinh-te", parent=structure.home)
    event = structure.events_index.add_child(instance=EventPage(
        title="Mùa lũ miền Trung", description="Mưa lớn kéo dài ở các tỉnh miền Trung."))
    event.save_revision().publish()
    colours = [(150, 30, 35), (30, 80, 120), (40, 110, 70), (120, 90, 30), (70, 60, 120)]
    now = datetime.now(tz=VN)
    headlines = [
        ("Nước sông Lam lên nhanh, các xã ven sông sơ tán dân", news, ArticleFormat.STANDARD),
        ("Giá lúa vụ hè thu tăng nhẹ, nông dân phấn khởi", economy, ArticleFormat.STANDARD),
        ("Chùm ảnh: làng chài ven biển vào mùa cá", news, ArticleFormat.PHOTO),
        ("Infographic: sản lượng lúa năm nay qua các con số", economy, ArticleFormat.INFOGRAPHIC),
        ("Video: lễ hội đua thuyền trên sông quê", news, ArticleFormat.MEDIA),
        ("Con đường mới về bản vùng cao", news, ArticleFormat.MAGAZINE),
        ("Tỉnh khởi công khu công nghiệp phía tây", economy, ArticleFormat.STANDARD),
    ]
    articles = []
    for n, (title, section, fmt) in enumerate(headlines):
        image = _image(title, colours[n % len(colours)])
        article = section.add_child(instance=ArticlePage(
            title=title, format=fmt, cover_image=image,
            sapo="Đây là đoạn sapo ngắn của một bài viết mẫu dùng khi kiểm thử giao diện bạn đọc.",
            body=_body(("paragraph", "<p>Nội dung bài viết mẫu.</p>")),
        ))
        article.events.add(event)
        articles.append(_publish(article, now - timedelta(minutes=7 + 50 * n)))

    author = Author.objects.create(name="Trần Minh Đức")
    own = news.add_child(instance=ArticlePage(
        title="Tập huấn phòng chống lụt bão cho cán bộ cấp xã trước mùa mưa",
        sapo="Sáng nay, ban chỉ huy phòng chống thiên tai tỉnh tổ chức lớp tập huấn cho hơn 200 cán bộ cấp xã.",
        body=_body(
            ("paragraph", "<p>Lớp tập huấn kéo dài hai ngày, tập trung vào kỹ năng sơ tán dân.</p>"),
            ("figure", {"image": _image("Lớp tập huấn", (90, 90, 90)).pk, "caption": "Quang cảnh lớp tập huấn.",
                        "credit": ""}),
            ("paragraph", "<p>Các học viên được thực hành trên mô hình và ngoài thực địa.</p>"),
            ("figure", {"image": None, "caption": "Học viên thực hành cứu hộ trên sông.", "credit": "Ảnh cắt clip"}),
            ("paragraph", "<p>Kết thúc lớp học, các học viên làm bài kiểm tra./.</p>"),
        ),
    ))
    own.events.add(event)
    own.tags.add("Phòng chống thiên tai")
    ArticleAuthor.objects.create(article=own, author=author, sort_order=0)
    own = _publish(own, datetime(2019, 7, 1, 19, 37, tzinfo=VN))
    expected = {
        "title": own.title, "dateline": "19:37, 01/07/2019", "sapo": own.sapo,
        "captions": ["Quang cảnh lớp tập huấn.", "Học viên thực hành cứu hộ trên sông."], "byline": ["Trần Minh Đức"],
    }
    target = own
    seed = import_seed(section_slug=news.slug)
    if seed is not None:
        target, expected = seed
        target.events.add(event)  # so that its page shows the related events, as the own article's does
        target = _publish(target, target.first_published_at)
    return {"home": structure.home, "article": target, "expected": expected, "latest": structure.listings["latest"]}


def import_seed(*, section_slug: str):
    """The seed page imported with the real command, and what it must show; None when either is missing."""
    from django.core.management import call_command, get_commands

    if not SEED.exists() or "import_text" not in get_commands():
        return None
    from toasoan.news.models import ArticlePage

    spec = json.loads(SEED.with_suffix(".expected.json").read_text(encoding="utf-8"))
    call_command("import_text", str(SEED), section=section_slug, publish=True)
    article = ArticlePage.objects.live().get(title=spec["title"])
    when = datetime.fromisoformat(spec["first_published_at"]).astimezone(VN)
    expected = {
        "title": spec["title"], "dateline": f"{when:%H:%M, %d/%m/%Y}", "sapo": spec["sapo"],
        "captions": [b["caption"] for b in spec["body"] if b["type"] == "figure"], "byline": spec["byline"],
    }
    return article, expected


def _no_horizontal_overflow(page) -> None:
    widths = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], f"page is {widths[0]} px wide in a {widths[1]} px viewport"


def _screenshot(page, name: str) -> None:
    """A full-page screenshot with the lazy images below the fold loaded first."""
    page.evaluate("() => document.querySelectorAll('img[loading=lazy]').forEach(img => { img.loading = 'eager'; })")
    page.wait_for_function("() => [...document.images].every(img => img.complete)")
    page.screenshot(path=str(SCREENSHOTS / name), full_page=True)


def _menu_labels(page) -> list[str]:
    return [text.strip() for text in page.locator("nav.menu li:not(.menu__item--home) a").all_inner_texts()]


@pytest.mark.parametrize("device", list(WIDTHS))
def test_home_and_article_anatomy(chromium, live_server, device):
    site = build_site()
    width, height = WIDTHS[device]
    SCREENSHOTS.mkdir(exist_ok=True)
    context = chromium.new_context(viewport={"width": width, "height": height}, locale="vi-VN",
                                   timezone_id="Asia/Ho_Chi_Minh")
    third_party: list[str] = []
    context.on("request", lambda r: None if r.url.startswith(live_server.url) or r.url.startswith("data:")
               else third_party.append(r.url))
    page = context.new_page()
    try:
        page.goto(live_server.url + "/")
        assert page.locator("html").get_attribute("lang") == "vi"
        assert _menu_labels(page)[:6] == MENU
        assert "Thời sự" in _menu_labels(page)
        # Keyboard: the first Tab shows the skip link, with a visible focus ring.
        page.keyboard.press("Tab")
        focused = page.evaluate("""() => { const el = document.activeElement, s = getComputedStyle(el);
            return [el.className, el.getBoundingClientRect().top >= 0, s.outlineStyle]; }""")
        assert focused[0] == "skip-link" and focused[1], focused
        assert focused[2] != "none", "focus must be visible"
        assert page.locator(".teaser__thumb img").count() >= 3
        if device == "mobile":
            _no_horizontal_overflow(page)
        _screenshot(page, f"home-{width}.png")

        expected = site["expected"]
        page.goto(live_server.url + site["article"].url)
        assert page.locator("h1.article__title").inner_text().strip() == expected["title"]
        assert page.locator(".article__dateline").inner_text().strip() == expected["dateline"]
        sapo = page.locator(".article__sapo")
        assert sapo.inner_text().strip() == expected["sapo"]
        assert int(sapo.evaluate("el => getComputedStyle(el).fontWeight")) >= 700
        # A figure whose picture is missing shows its caption as text, never a placeholder.
        captions = [c.strip() for c in page.locator("figcaption.figure__caption, p.figure-text").all_inner_texts()]
        for caption in expected["captions"]:
            assert any(text.startswith(caption) for text in captions), caption
        assert page.locator(".figure__placeholder, figure.figure--missing").count() == 0
        byline = page.locator(".article__byline")
        assert [n.strip() for n in byline.inner_text().split(",")] == expected["byline"]
        assert byline.evaluate("el => getComputedStyle(el).textAlign") in {"right", "end"}
        assert page.get_by_role("heading", name="Sự kiện liên quan").is_visible()
        assert page.get_by_role("link", name="Xem thêm sự kiện").is_visible()
        assert _menu_labels(page)[:6] == MENU
        # Reading order: title, dateline, sapo, body, byline, (on a phone: related events,) more from the section;
        # on a desktop the related events, Mới nhất and Đọc nhiều are in a column beside the story.
        side = [".events-related", ".article-layout__latest"]
        flow = [".article__title", ".article__dateline", ".article__sapo", ".article__body", ".article__byline",
                *(side[:1] if device == "mobile" else []), ".more-section"]
        boxes = page.evaluate("""(selectors) => selectors.map(s => document.querySelector(s))
            .map(el => el ? el.getBoundingClientRect().toJSON() : null)""", flow + side + [".article"])
        tops = [b["top"] for b in boxes[:len(flow)] if b is not None]
        assert tops == sorted(tops) and len(tops) >= 6
        article_box, side_boxes = boxes[-1], boxes[len(flow):-1]
        if device == "desktop":
            assert all(b is not None and b["left"] >= article_box["right"] for b in side_boxes), side_boxes
            assert side_boxes[0]["top"] < article_box["top"] + 200  # beside the story, not under it
        if device == "mobile":
            _no_horizontal_overflow(page)
        _screenshot(page, f"article-{width}.png")
        assert third_party == [], f"requests left the site: {third_party}"
    finally:
        context.close()


def test_xem_them_appends_in_place_and_works_without_script(chromium, live_server, settings):
    settings.TOASOAN_PAGE_SIZE = 3
    site = build_site()
    url = live_server.url + site["latest"].url
    context = chromium.new_context(viewport={"width": 375, "height": 812})
    page = context.new_page()
    try:
        page.goto(url)
        items = page.locator("#danh-sach > li")
        first_count = items.count()
        page.get_by_role("link", name="Xem thêm").click()
        page.wait_for_function(f"() => document.querySelectorAll('#danh-sach > li').length > {first_count}")
        assert page.url == url  # appended in place, no navigation
        assert items.count() > first_count
        focused = page.evaluate("document.activeElement.closest('#danh-sach > li') !== null")
        assert focused, "focus moves to the first new story"
        _no_horizontal_overflow(page)
        _screenshot(page, "moi-nhat-375-xem-them.png")
    finally:
        context.close()

    no_script = chromium.new_context(viewport={"width": 375, "height": 812}, java_script_enabled=False)
    page = no_script.new_page()
    try:
        page.goto(url)
        page.get_by_role("link", name="Xem thêm").click()
        page.wait_for_load_state()
        assert "sau=" in page.url
        assert page.locator("#danh-sach > li").count() >= 1
    finally:
        no_script.close()
