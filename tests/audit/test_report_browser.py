"""In Chromium, as the editor-in-chief reads it: Báo cáo → Nhật ký thao tác on a phone (375 px) shows each entry as
a block — when, who, what changed in full, the object, from where — inside the screen, with a 200-character title
without a space, an emoji and ``<b>`` text in it; the filters and the CSV download are still at hand. On a desktop
(1440 px) it is the table, one entry a row. Screenshots in ``screenshots/audit-report-*.png``."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.audit.test_page_changes import OLD_TITLE, story  # noqa: F401 - fixture
from tests.browser.test_pages import SCREENSHOTS
from tests.newsroom.conftest import PASSWORD, draft, login, newsroom  # noqa: F401 - fixtures

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

REPORT = "/admin/reports/site-history/"
UNBROKEN = ("Khánhthànhcầu" * 16)[:200]
LONG_TITLE = f"{UNBROKEN}🌉<b>thôngxe</b>"
ADDRESS = "203.0.113.77"
COLUMNS = ("Thời điểm", "Người thực hiện", "Thao tác", "Đối tượng", "Từ đâu")

# Every piece of text in the row, as the rectangles it is drawn in, that reaches past the window's left or right
# edge (text clipped by a cell or by the page's own edge would show here too).
TEXT_OUTSIDE = """row => {
    const width = document.documentElement.clientWidth, outside = [];
    const walker = document.createTreeWalker(row, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (!node.textContent.trim() || !node.parentElement.checkVisibility()) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        for (const rect of range.getClientRects()) {
            if (rect.width && (rect.left < 0 || rect.right > width + 0.5)) {
                outside.push([node.textContent.trim().slice(0, 40), rect.left, rect.right, width]);
            }
        }
    }
    return outside;
}"""

# The document, and the boxes inside it that could hide a sideways overflow from it: Wagtail's admin scrolls in
# <main> (overflow-x: hidden, so a too-wide report would be cut off there, not widen the document) and the
# report's own wrapper (which scrolls sideways where container queries are missing).
SCROLLERS = ("html", "body", "main#main", "#listing-results", ".audit-table-wrap")
OVERFLOW = """selectors => selectors.map(selector => {
    const box = document.querySelector(selector);
    return [selector, box.scrollWidth, box.clientWidth];
})"""


# Wagtail's filter form fetches the list again (after 200 ms without typing) on each input and change event, and
# with it the header's buttons (the download menu among them): the list is settled once no fetch has begun or
# ended for 0.5 s. Counted from "now" (a change event may be waiting its 200 ms).
WATCH_SWAPS = """() => {
    window.auditLastSwap = performance.now();
    for (const name of ["w-swap:begin", "w-swap:success", "w-swap:error"]) {
        document.addEventListener(name, () => { window.auditLastSwap = performance.now(); });
    }
}"""
SWAPS_SETTLED = """() => performance.now() - window.auditLastSwap > 500
    && !document.querySelector("[data-w-swap-loading-value='true']")"""


def settled(page) -> None:
    page.evaluate("window.auditLastSwap = performance.now()")
    page.wait_for_function(SWAPS_SETTLED)


def no_sideways_scroll(page) -> None:
    for selector, scroll_width, client_width in page.evaluate(OVERFLOW, list(SCROLLERS)):
        assert scroll_width <= client_width, (selector, scroll_width, client_width)


@pytest.fixture
def retitled(newsroom, story):  # noqa: F811
    """The desk editor's saved draft that renamed the story to a long unbroken title, logged as from a browser."""
    from wagtail.models import PageLogEntry

    from toasoan.audit.origin import acting_from

    desk_editor = newsroom.user("desk_editor")
    story.title = LONG_TITLE
    with acting_from({"via": "web", "ip": ADDRESS, "user_agent": "Mozilla/5.0 (Android 14) Chrome/140"}):
        story.save_revision(user=desk_editor, log_action=True)
    return PageLogEntry.objects.get(page_id=story.pk, action="wagtail.edit", user=desk_editor)


@pytest.mark.parametrize("width", [375, 1440])
def test_the_chief_reads_an_entry_whole_on_a_phone_and_as_a_table_on_a_desktop(chromium, live_server, newsroom,  # noqa: F811
                                                                               retitled, width):
    from django.utils import timezone
    from playwright.sync_api import expect

    chief = newsroom.user("eic")
    chief.set_password(PASSWORD)
    chief.save()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    message = retitled.message
    assert message.startswith(f"Đã lưu nháp: tiêu đề: «{OLD_TITLE}» → «Khánhthànhcầu")

    context, page = login(chromium, live_server, chief.username, viewport={"width": width, "height": 900})
    page.goto(f"{live_server.url}{REPORT}")
    row = page.locator("tr.audit-log__entry", has_text=ADDRESS)
    expect(row).to_have_count(1)
    values = {
        "Thời điểm": timezone.localtime(retitled.timestamp).strftime("%d/%m/%Y %H:%M:%S"),
        "Người thực hiện": retitled.user_display_name,
        "Thao tác": message,
        "Đối tượng": LONG_TITLE,
        "Từ đâu": ADDRESS,
    }
    cells = row.locator("td")
    expect(cells).to_have_count(len(COLUMNS))
    for index, column in enumerate(COLUMNS):
        cell = cells.nth(index)
        cell.scroll_into_view_if_needed()
        expect(cell).to_be_visible()
        expect(cell.locator(".audit-log__value")).to_contain_text(values[column])
        box = cell.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width, (column, box)
    expect(cells.nth(3)).to_contain_text(f"Bài viết · mã {retitled.page_id}")
    expect(cells.nth(4)).to_contain_text("qua trình duyệt")
    assert row.locator("b").count() == 0  # the title's <b> is text, not markup
    assert row.evaluate(TEXT_OUTSIDE) == []
    assert row.evaluate("row => [...row.cells].filter(cell => cell.scrollWidth > cell.clientWidth).length") == 0
    no_sideways_scroll(page)
    row.screenshot(path=str(SCREENSHOTS / f"audit-report-{width}-entry.png"))
    page.evaluate("document.querySelector('main#main').scrollTo(0, 0)")  # the admin scrolls in <main>

    labels = row.locator(".audit-log__label")
    boxes = [cells.nth(index).bounding_box() for index in range(len(COLUMNS))]
    if width == 375:  # a block: when and who, then what changed, the object and where from, one under the other
        expect(page.locator(".audit-log thead")).to_be_hidden()
        expect(labels).to_have_text(list(COLUMNS))  # each value's column name (said, if not shown, for the first three)
        expect(labels.nth(3)).to_be_visible()
        expect(labels.nth(4)).to_be_visible()
        when, who, what, where_object, where_from = boxes
        assert max(when["y"] + when["height"], who["y"] + who["height"]) <= what["y"]
        assert what["y"] + what["height"] <= where_object["y"]
        assert where_object["y"] + where_object["height"] <= where_from["y"]
        assert what["width"] >= width - 2 * 21  # what changed has the whole width, less the page's margins
    else:  # the table: one header row, the entry's values side by side on one row
        expect(page.locator(".audit-log thead th")).to_have_text(list(COLUMNS))
        for index in range(len(COLUMNS)):
            expect(labels.nth(index)).to_be_hidden()
        assert len({box["y"] for box in boxes}) == 1
        assert [box["x"] for box in boxes] == sorted(box["x"] for box in boxes)
    page.screenshot(path=str(SCREENSHOTS / f"audit-report-{width}.png"))  # as the report opens

    # The filters: the header's filter button, then "Địa chỉ IP" — the list keeps the one entry from there.
    filters = page.get_by_role("button", name="Hiện bộ lọc")
    expect(filters).to_be_in_viewport()
    page.evaluate(WATCH_SWAPS)
    filters.click()
    page.locator(".w-drilldown__toggle", has_text="Địa chỉ IP").click()
    address = page.get_by_label("Địa chỉ IP")
    expect(address).to_be_in_viewport()
    address.fill(ADDRESS)
    settled(page)
    expect(page.locator("tr.audit-log__entry")).to_have_count(1)
    expect(page.locator("tr.audit-log__entry")).to_contain_text(ADDRESS)
    filters.click()  # closes the filters (the field's change event: the list is fetched once more)
    expect(address).to_be_hidden()
    settled(page)
    no_sideways_scroll(page)
    page.screenshot(path=str(SCREENSHOTS / f"audit-report-{width}-filtered.png"))

    # The CSV download: the header's "…" menu, "Tải CSV"; the filtered entry, its title whole.
    more = page.get_by_role("navigation", name="Thao tác").get_by_role("button", name="Thao tác")
    expect(more).to_be_in_viewport()
    more.click()
    csv_link = page.get_by_role("link", name="Tải CSV")
    expect(csv_link).to_be_in_viewport()
    with page.expect_download() as download:
        csv_link.click()
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert LONG_TITLE in text and ADDRESS in text and "Đăng nhập" not in text  # the filter holds in the download
    context.close()
