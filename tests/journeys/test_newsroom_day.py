"""A story's day in the newsroom, in Chromium, as people do it: clicking, typing, picking dates.

One long journey (the live server, the browser and the newsroom are set up once; each person signs in once and
keeps their browser for the day):

1. the reporter writes a story with a photo (uploaded in the chooser), its caption and a byline, and submits it;
2. the desk editor finds it on the dashboard and sends it back with a comment;
3. the reporter sees it returned with the editor's comment on the dashboard and on the story's edit screen, fixes
   the sapo, resubmits;
4. the desk editor forwards it; the managing editor picks 20 December in the date picker (a day that cannot be a
   month), approves, and pins the story as the home page's lead in the front-slot form, its expiry ("Hết hạn
   lúc") picked as 20/12 15:00; the editor-in-chief sees the go-live date as picked, types today at the next
   minute far enough ahead, and approves for publication;
5. readers do not find it (home, section, Mới nhất, the section's feed, search) until that minute, while the
   scheduler (``toasoan run_scheduler --once``, as cron would run it) keeps passing; then they find it
   everywhere, as the home page's lead;
6. the managing editor types the slot's expiry as the next minute; the desk editor posts a correction (cải
   chính) through the admin form and readers see it on the live story;
7. at the expiry the story leaves the lead (the earlier pin is back) and stays in Mới nhất.

The two waits for the clock (go-live, slot expiry) are as short as the minute-grained forms allow, and the
work of steps 6 is done inside the second one.

Every step asserts what the person sees and saves screenshots at 1440 and 375 px in ``screenshots/journeys/``.
"""

from __future__ import annotations

import random
import re
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from io import BytesIO, StringIO
from pathlib import Path
from urllib.parse import quote

import pytest
from django.core.management import call_command
from django.utils import timezone

from tests.newsroom.conftest import (
    PASSWORD,
    login,
    newsroom,  # noqa: F401 - the newsroom fixture
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SHOTS = Path(__file__).resolve().parents[2] / "screenshots" / "journeys"
WIDTHS = {"1440": {"width": 1440, "height": 900}, "375": {"width": 375, "height": 812}}
TITLE = "Cầu treo Đồng Tâm thông xe, học sinh ba thôn hết cảnh lội suối"
SAPO = "Cây cầu dài 86 m nối ba thôn với trường xã, làm xong trước mùa mưa."
SAPO_FIXED = "Cây cầu dài 86 m nối ba thôn với trường xã; người dân góp 120 ngày công để làm xong trước mùa mưa."
CORRECTED = "Cây cầu dài 96 m nối ba thôn với trường xã; người dân góp 120 ngày công để làm xong trước mùa mưa."
PARAGRAPH = "Sáng nay, hơn hai trăm học sinh thôn Đồng Tâm lần đầu đi học mà không phải lội qua suối Nậm Pàn."
CAPTION = "Học sinh thôn Đồng Tâm qua cầu treo mới trong buổi sáng thông xe."
COMMENT = "Bài thiếu ý kiến người dân: em bổ sung một câu của bà con vào sapo nhé."
SEARCH = "cầu treo Đồng Tâm"
WRONG = "Cây cầu dài 86 m"
RIGHT = "Cây cầu dài 96 m"
APOLOGY = "Tòa soạn xin lỗi bạn đọc vì sai sót này."
GO_LIVE_MARGIN = timedelta(seconds=60)  # the editor-in-chief's approval and one look by a reader fit in it


class Journey:
    """Screenshots numbered in the order taken, at both widths."""

    def __init__(self):
        self.count = 0
        SHOTS.mkdir(parents=True, exist_ok=True)
        for old in SHOTS.glob("*.png"):
            old.unlink()

    def shot(self, page, name: str) -> None:
        self.count += 1
        for width, size in WIDTHS.items():
            page.set_viewport_size(size)
            page.wait_for_timeout(150)
            page.screenshot(path=str(SHOTS / f"{self.count:02d}-{name}-{width}.png"))
        page.set_viewport_size(WIDTHS["1440"])


def photo_bytes() -> bytes:
    """A photo of our own drawing (a bridge over a stream), different on each run."""
    from PIL import Image, ImageDraw

    rng = random.Random()
    picture = Image.new("RGB", (1200, 800), (120, 170, 210))
    draw = ImageDraw.Draw(picture)
    draw.rectangle((0, 520, 1200, 800), fill=(60, 120, 70))
    draw.rectangle((0, 600, 1200, 680), fill=(70, 130, 190))
    for x in range(80, 1120, 40):
        draw.line([(x, 430 + abs(600 - x) // 12), (x, 560)], fill=(90, 60, 40), width=4)
    draw.line([(80, 430), (600, 470), (1120, 430)], fill=(50, 40, 30), width=8)
    sun = rng.randrange(100, 1000)
    draw.ellipse((sun, 80, sun + 140, 220), fill=(250, 220, 120))
    buffer = BytesIO()
    picture.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


class Staff:
    """The newsroom's people, each signed in once (password and code) and keeping their browser tab all day."""

    def __init__(self, chromium, live_server):
        self.chromium, self.live_server = chromium, live_server
        self.contexts = {}
        # Every form post (saves, autosaves, actions) the server refused, as the console shows it. (Only posts: on
        # SQLite the live server's threads share one in-memory connection, and two page loads at once can break
        # each other's session save, which PostgreSQL, as in production, does not.)
        self.refused: list[str] = []

    def page(self, username: str):
        """``username``'s tab, back on their dashboard (where each working session starts)."""
        if username not in self.contexts:
            context, page = login(self.chromium, self.live_server, username)
            context.set_default_timeout(90_000)  # a loaded CI machine: uploads and approvals can take a while
            page.on("response", lambda response: self.refused.append(
                f"{username}: {response.status} {response.request.method} {response.url}")
                if response.status >= 400 and response.request.method == "POST" else None)
            self.contexts[username] = (context, page)
        page = self.contexts[username][1]
        page.set_viewport_size(WIDTHS["1440"])
        if page.url != f"{self.live_server.url}/admin/":
            page.goto(f"{self.live_server.url}/admin/")
        return page

    def close(self) -> None:
        for context, _page in self.contexts.values():
            context.close()


def messages(page) -> str:
    return " ".join(page.locator(".messages").all_inner_texts())


def action_menu(page):
    """The footer's "Thao tác khác" menu, opened."""
    page.get_by_role("button", name="Thao tác khác").click()
    return page.locator("footer")


def press_and_wait(page, locator) -> None:
    with page.expect_navigation(timeout=120_000):
        locator.click()


def schedule_dialog(page):
    """The status side panel's "Hẹn giờ" (or, once set, "Sửa lịch đăng") dialog: go-live and expiry."""
    page.get_by_role("button", name="Mở hoặc đóng bảng trạng thái").click()
    page.locator("[data-side-panel='status']").get_by_role(
        "button", name=re.compile("^(Hẹn giờ|Sửa lịch đăng)$")).click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_text("Giờ lên trang").wait_for()
    return dialog


def picker_for(page, field):
    """Open the date picker of ``field`` by clicking it; return the picker."""
    field.click()
    picker = page.locator(".xdsoft_datetimepicker:visible")
    picker.wait_for()
    return picker


def pick_day(picker, day: datetime) -> None:
    """Go to ``day``'s month with the picker's arrows, then click the day."""
    for _ in range(24):
        label = picker.locator(".xdsoft_label.xdsoft_month span").inner_text() + " " + picker.locator(
            ".xdsoft_label.xdsoft_year span").inner_text()
        if label == f"Tháng {day.month} {day.year}":
            break
        picker.locator("button.xdsoft_next").click()
    picker.locator(f"td.xdsoft_date[data-date='{day.day}'][data-month='{day.month - 1}']").click()


def type_datetime(field, moment: datetime, *, leave=None) -> None:
    """Type ``moment`` over the field's value as ``dd/mm/yyyy HH:MM``, then leave the field, which closes the
    date picker that the click opened: by clicking ``leave`` (beside the field), or else with Tab (the keyboard
    path of the schedule dialog is tests/newsroom/test_schedule_keyboard.py).

    The calendar opens 100 ms after the click, and a person sees it open before typing. Typed at machine speed,
    the date and the click on ``leave`` could all come first: the calendar then opened afterwards, over the
    dialog's button (seen once in about fifty tries)."""
    field.click()
    field.page.locator(".xdsoft_datetimepicker:visible").wait_for()
    field.press("Control+a")
    field.type(moment.strftime("%d/%m/%Y %H:%M"))
    if leave is None:
        field.press("Tab")
    else:
        leave.click()
    field.page.locator(".xdsoft_datetimepicker:visible").wait_for(state="hidden")


def next_minute(after: timedelta) -> datetime:
    """The first whole minute at least ``after`` from now (forms take hours and minutes), local time."""
    moment = timezone.localtime() + after
    return moment.replace(second=0, microsecond=0) + timedelta(minutes=1)


def scheduler_pass() -> None:
    call_command("run_scheduler", "--once", stdout=StringIO())


def until(moment: datetime, check: Callable[[], None], *, every: float = 3.0) -> None:
    """Until ``moment``: let the scheduler pass and ``check`` (which asserts), then wait a little, as cron would.

    A look that ends after ``moment`` proves nothing about the time before it (on a loaded machine a scheduler pass
    and a page can take seconds): ``check`` asserts only what :func:`before` says was seen in time."""
    while timezone.now() < moment:
        scheduler_pass()
        check()
        time.sleep(max(0.0, min(every, (moment - timezone.now()).total_seconds())))


def before(moment: datetime, look: Callable[[], object]) -> tuple[bool, object]:
    """``look()``, and whether it began and ended before ``moment`` (else what it saw may be of after it)."""
    started = timezone.now()
    seen = look()
    return started < moment and timezone.now() < moment, seen


def within(deadline: timedelta, done: Callable[[], bool]) -> bool:
    """Let the scheduler pass until ``done()`` or ``deadline`` has gone by; whether it was done."""
    end = timezone.now() + deadline
    while True:
        scheduler_pass()
        if done():
            return True
        if timezone.now() > end:
            return False
        time.sleep(1)


class Reader:
    """An anonymous reader's browser: where does the story show?"""

    def __init__(self, chromium, live_server, section):
        self.context = chromium.new_context(viewport=WIDTHS["1440"], locale="vi-VN")
        self.context.set_default_timeout(90_000)
        self.page = self.context.new_page()
        self.base = live_server.url
        self.surfaces = {
            "home": "/", "section": section.url, "latest": "/moi-nhat/",
            "feed": f"/rss/chuyen-muc/{section.pk}/", "search": f"/tim-kiem/?q={quote(SEARCH)}",
        }

    def finds(self, story) -> dict[str, bool]:
        """Which surfaces link to ``story`` (its address; search results highlight the title's words)."""
        found = {}
        for name, path in self.surfaces.items():
            response = self.page.request.get(self.base + path)
            assert response.status == 200, (path, response.status)
            found[name] = story.canonical_path() in response.text()
        return found

    def lead(self) -> str:
        self.page.goto(self.base + "/")
        return self.page.get_by_role("region", name="Tin chính").locator(".front-top__lead").inner_text()


@pytest.fixture
def paper(newsroom, make_article):  # noqa: F811
    """The newsroom's people with passwords and a byline for the reporter; a front page with stories, its lead
    pinned (by an editor, earlier) without expiry."""
    from toasoan.home.models import FrontSlot
    from toasoan.people.models import Author

    for user in newsroom.users.values():
        user.set_password(PASSWORD)
        user.save()
    reporter = newsroom.user("reporter")
    # A newsroom login has its byline from the start (named after the account): the reporter signs as Lò Văn Sang.
    Author.objects.update_or_create(user=reporter, defaults={"name": "Lò Văn Sang", "slug": "lo-van-sang"})
    hour = timezone.now() - timedelta(hours=3)
    pinned = make_article(title="Tỉnh mở đợt tiêm vắc xin sởi cho trẻ vùng cao", parent=newsroom.desk_section,
                          published=hour)
    for i, title in enumerate(["Giá phân bón giảm nhẹ trước vụ đông", "Hợp tác xã chè Tân Cương mở xưởng mới"]):
        make_article(title=title, parent=newsroom.other_section, published=hour + timedelta(minutes=10 * (i + 1)))
    FrontSlot.objects.create(front=newsroom.home, kind="lead", article=pinned, position=5)
    newsroom.pinned = pinned
    return newsroom


def pin_as_lead(page, *, title: str, expiry: datetime) -> None:
    """In "Trang nhất & chuyên mục": add a slot on the home page, kind lead, first, for the story ``title``
    (found in the page chooser by a word of its title), its expiry picked in the date picker."""
    page.get_by_role("link", name="Trang nhất & chuyên mục").click()
    page.get_by_role("link", name=re.compile("^Thêm")).first.click()
    fields = page.locator("[data-field-wrapper]")
    fields.filter(has_text="Trang chủ hoặc").get_by_role("button", name="Chọn một trang").click()
    page.get_by_role("dialog").get_by_role("link", name="Tòa Soạn").click()
    page.get_by_role("dialog").wait_for(state="hidden")
    page.get_by_role("combobox", name="Vị trí").select_option(label="Bài chính (tin đinh)")
    fields.filter(has_text="Bài viết").get_by_role("button", name=re.compile("^Chọn một trang")).click()
    chooser = page.get_by_role("dialog")
    chooser.get_by_role("textbox", name="Từ khoá").fill("Đồng Tâm")
    chooser.get_by_role("link", name=title).click()
    chooser.wait_for(state="hidden")
    page.get_by_role("spinbutton", name=re.compile("^Thứ tự")).fill("0")
    field = page.get_by_role("textbox", name=re.compile("^Hết hạn lúc"))
    picker = picker_for(page, field)
    pick_day(picker, expiry)
    picker.locator(f".xdsoft_time[data-hour='{expiry.hour}']").click()  # picking the hour closes the picker
    page.locator(".xdsoft_datetimepicker:visible").wait_for(state="hidden")
    assert field.input_value() == expiry.strftime("%d/%m/%Y %H:%M")


def test_a_story_from_draft_to_front_page_and_correction(chromium, live_server, paper):
    from playwright.sync_api import expect

    from toasoan.home.models import FrontSlot
    from toasoan.news.models import ArticlePage

    journey = Journey()
    section = paper.desk_section
    reader = Reader(chromium, live_server, section)
    staff = Staff(chromium, live_server)

    # 1. The reporter writes the story with a photo, its caption and credit, and a byline; submits it.
    page = staff.page("u_reporter")
    page.goto(f"{live_server.url}/admin/pages/{section.pk}/")
    page.get_by_role("link", name="Thêm trang con").first.click()
    page.get_by_role("link", name="Bài viết", exact=True).click()
    page.get_by_role("textbox", name=re.compile("^Tiêu đề")).fill(TITLE)
    page.get_by_role("textbox", name=re.compile("^Sapo")).fill(SAPO)
    body = page.locator("[data-contentpath='body']")
    page.get_by_role("button", name="Chèn khối nội dung").first.click()
    page.get_by_role("option", name="Đoạn văn", exact=True).click()
    body.locator("[contenteditable=true]").first.click()
    page.keyboard.type(PARAGRAPH)
    page.get_by_role("button", name="Chèn khối nội dung").last.click()
    page.get_by_role("option", name="Ảnh kèm chú thích", exact=True).click()
    body.get_by_role("button", name="Chọn một hình ảnh").click()
    chooser = page.get_by_role("dialog")
    chooser.get_by_role("tab", name="Đăng tải").click()
    chooser.get_by_label("Tệp").set_input_files(
        files=[{"name": "cau-treo-dong-tam.jpg", "mimeType": "image/jpeg", "buffer": photo_bytes()}])
    chooser.get_by_label("Tiêu đề").fill("Cầu treo Đồng Tâm ngày thông xe")
    chooser.get_by_label("Tác giả ảnh").fill("Lò Văn Sang")
    chooser.get_by_role("button", name="Đăng tải").click()
    chooser.wait_for(state="hidden")
    body.get_by_role("textbox", name=re.compile("^Chú thích")).fill(CAPTION)
    # The story starts signed with the reporter's byline: nothing to add. The add form does not autosave (no
    # page before the first save, issue 19.8), so nothing is in flight when "Gửi duyệt" creates the story.
    journey.shot(page, "phong-vien-viet-bai")
    press_and_wait(page, action_menu(page).get_by_role("button", name=re.compile("^Gửi duyệt")))
    assert f"Đã tạo «{TITLE}» và gửi duyệt." in messages(page)  # its first save, from the add form
    assert page.get_by_role("row").filter(has_text=TITLE).get_by_text("Đang chờ duyệt").is_visible()
    journey.shot(page, "phong-vien-da-gui-duyet")
    story = ArticlePage.objects.get(title=TITLE)
    draft = story.get_latest_revision_as_object()
    assert [b.block_type for b in draft.body] == ["paragraph", "figure"]
    assert draft.body[1].value["caption"] == CAPTION and draft.body[1].value["image"].credit == "Lò Văn Sang"
    assert draft.byline == ["Lò Văn Sang"]

    # 2. The desk editor finds it waiting on the dashboard and sends it back with a comment.
    page = staff.page("u_desk_editor")
    waiting = page.get_by_role("region", name="Bài chờ bạn duyệt")
    waiting.get_by_role("link", name=TITLE).wait_for()
    journey.shot(page, "bien-tap-bang-dieu-khien")
    waiting.get_by_role("link", name=TITLE).click()
    action_menu(page).get_by_role("button", name="Trả lại phóng viên").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_role("textbox", name="Bình luận").fill(COMMENT)
    journey.shot(page, "bien-tap-tra-lai")
    press_and_wait(page, dialog.get_by_role("button", name="Trả lại phóng viên"))
    assert TITLE in messages(page)

    # 3. The reporter sees it returned, with the comment, at the top of the dashboard and again at the top of the
    # story's edit screen (nothing to open or look for); fixes it and resubmits.
    page = staff.page("u_reporter")
    returned = page.get_by_role("region", name="Bài bị trả lại, chờ bạn sửa")
    expect(returned).to_contain_text(TITLE)
    expect(returned).to_contain_text("Bị trả lại ở bước Ban biên tập, bởi desk_editor")
    expect(returned.get_by_text(COMMENT)).to_be_visible()
    mine = page.get_by_role("region", name="Bài của bạn đang trong quy trình duyệt")
    assert mine.get_by_role("row").filter(has_text=TITLE).get_by_text("Bị trả lại").is_visible()
    journey.shot(page, "phong-vien-thay-bai-bi-tra")
    returned.get_by_role("link", name=TITLE).click()
    expect(page.locator(".messages")).to_contain_text(f"bởi desk_editor: «{COMMENT}»")
    journey.shot(page, "phong-vien-doc-ghi-chu")
    page.get_by_role("textbox", name=re.compile("^Sapo")).fill(SAPO_FIXED)
    # Resubmitting is the form's "action-submit" button (its label names the step it goes back to).
    press_and_wait(page, action_menu(page).locator("button[name='action-submit']"))
    assert TITLE in messages(page)
    assert ArticlePage.objects.get(pk=story.pk).get_latest_revision_as_object().sapo == SAPO_FIXED

    # 4a. The desk editor forwards it.
    page = staff.page("u_desk_editor")
    page.get_by_role("region", name="Bài chờ bạn duyệt").get_by_role("link", name=TITLE).click()
    press_and_wait(page, action_menu(page).get_by_role("button", name="Chuyển thư ký tòa soạn"))
    assert TITLE in messages(page)

    # 4b. The managing editor picks 20 December at 15:00 in the date picker and approves.
    today = timezone.localtime()
    twentieth = today.replace(month=12, day=20, hour=15, minute=0, second=0, microsecond=0)
    if twentieth <= today:
        twentieth = twentieth.replace(year=today.year + 1)
    picked = twentieth.strftime("%d/%m/%Y %H:%M")
    page = staff.page("u_managing_editor")
    page.get_by_role("region", name="Bài chờ bạn duyệt").get_by_role("link", name=TITLE).click()
    dialog = schedule_dialog(page)
    go_live = dialog.get_by_role("textbox", name="Giờ lên trang")
    picker = picker_for(page, go_live)
    pick_day(picker, twentieth)
    picker.locator(".xdsoft_time[data-hour='15']").click()
    assert go_live.input_value() == picked
    journey.shot(page, "thu-ky-chon-ngay-20-12")
    dialog.get_by_role("button", name="Lưu lịch đăng").click()
    press_and_wait(page, action_menu(page).get_by_role("button", name="Duyệt", exact=True))
    assert TITLE in messages(page)
    assert ArticlePage.objects.get(pk=story.pk).get_latest_revision_as_object().go_live_at == twentieth

    # 4c. She pins it as the home page's lead (it shows there once it is live), until 20/12 15:00 for now.
    pin_as_lead(page, title=TITLE, expiry=twentieth)
    journey.shot(page, "thu-ky-ghim-tin-dinh")
    press_and_wait(page, page.get_by_role("button", name="Tạo"))
    assert f"Đã tạo vị trí trên trang nhất «Bài chính (tin đinh): {TITLE}»" in messages(page)
    slot_row = page.get_by_role("row").filter(has_text=TITLE)
    assert "Ngày 20 tháng 12" in slot_row.inner_text() and "15:00" in slot_row.inner_text()
    slot = FrontSlot.objects.get(article=story)
    assert (slot.front_id, slot.kind, slot.expires_at) == (paper.home.pk, "lead", twentieth)

    # 4d. The editor-in-chief sees the go-live date as picked, types today at the next minute far enough ahead,
    # and approves for publication.
    page = staff.page("u_eic")
    page.get_by_role("region", name="Bài chờ bạn duyệt").get_by_role("link", name=TITLE).click()
    dialog = schedule_dialog(page)
    go_live = dialog.get_by_role("textbox", name="Giờ lên trang")
    assert go_live.input_value() == picked  # shown as it was picked and stored
    at = next_minute(GO_LIVE_MARGIN)
    type_datetime(go_live, at, leave=dialog.get_by_role("heading", name="Đặt lịch đăng"))
    assert go_live.input_value() == at.strftime("%d/%m/%Y %H:%M")
    journey.shot(page, "tong-bien-tap-hen-gio")
    dialog.get_by_role("button", name="Lưu lịch đăng").click()
    press_and_wait(page, action_menu(page).get_by_role("button", name="Duyệt và đăng"))
    assert f"bài sẽ tự lên trang lúc {at:%H:%M %d/%m/%Y}" in messages(page)
    row = page.get_by_role("row").filter(has_text=TITLE)
    assert "đã hẹn giờ" in row.inner_text().lower()  # the explorer's status: scheduled
    journey.shot(page, "tong-bien-tap-da-duyet")
    story = ArticlePage.objects.get(pk=story.pk)
    assert not story.live, "approved with a go-live time: embargoed, not published"
    assert story.revisions.get(approved_go_live_at__isnull=False).approved_go_live_at == at

    # 5. Readers do not find it before that minute (the earlier pin is still the lead), then find it everywhere.
    def unseen() -> None:
        in_time, found = before(at, lambda: reader.finds(story))
        assert not (in_time and any(found.values())), f"visible before its go-live time: {found}"

    assert timezone.now() < at - timedelta(seconds=3), "the approval took the whole margin: nothing was checked"
    until(at - timedelta(seconds=2), unseen)
    assert reader.lead().startswith(paper.pinned.title)
    journey.shot(reader.page, "ban-doc-truoc-gio-len-trang")
    assert within(timedelta(seconds=45), lambda: all(reader.finds(story).values())), reader.finds(story)
    story = ArticlePage.objects.get(pk=story.pk)
    assert story.live and at <= story.published_at < at + timedelta(minutes=1)
    assert reader.lead().startswith(TITLE)  # the pinned lead, now that it is live
    journey.shot(reader.page, "ban-doc-thay-bai-home")
    for name in ("section", "latest", "search"):
        reader.page.goto(live_server.url + reader.surfaces[name])
        journey.shot(reader.page, f"ban-doc-thay-bai-{name}")

    # 6a. The managing editor types the slot's expiry: the next minute with time to save it and look before it.
    expires = next_minute(timedelta(seconds=20))
    page = staff.page("u_managing_editor")
    page.get_by_role("link", name="Trang nhất & chuyên mục").click()
    page.get_by_role("row").filter(has_text=TITLE).get_by_role("link", name="Tòa Soạn").click()
    type_datetime(page.get_by_role("textbox", name=re.compile("^Hết hạn lúc")), expires)
    journey.shot(page, "thu-ky-sua-gio-het-han")
    press_and_wait(page, page.get_by_role("button", name="Lưu"))
    assert TITLE in messages(page)
    assert expires.strftime("%H:%M") in page.get_by_role("row").filter(has_text=TITLE).inner_text()
    assert FrontSlot.objects.get(pk=slot.pk).expires_at == expires

    # 6b. The desk editor posts a correction from the story's editor; readers see it on the live story.
    page = staff.page("u_desk_editor")
    page.goto(f"{live_server.url}/admin/pages/{section.pk}/")
    page.get_by_role("row").filter(has_text=TITLE).get_by_role("link", name=TITLE).first.click()
    page.locator("#w-slim-header-buttons").get_by_role("button", name="Thao tác").click()
    page.get_by_role("link", name="Cải chính").click()
    page.get_by_label("Nội dung sai").fill(WRONG)
    page.get_by_label("Thông tin đúng").fill(RIGHT)
    page.get_by_label("Lời xin lỗi (không bắt buộc)").fill(APOLOGY)
    journey.shot(page, "bien-tap-cai-chinh")
    press_and_wait(page, page.get_by_role("button", name="Đăng cải chính"))
    assert f"Đã đăng cải chính cho bài “{TITLE}”." in messages(page)
    reader.page.goto(f"{live_server.url}{story.url}")
    article = reader.page.get_by_role("main")
    assert article.get_by_role("heading", name=TITLE).first.is_visible()
    assert CAPTION in article.inner_text() and "Lò Văn Sang" in article.inner_text()
    note = reader.page.get_by_role("complementary", name="Cải chính")
    expect(note).to_contain_text(f"Nội dung sai: {WRONG}")
    expect(note).to_contain_text(f"Thông tin đúng: {RIGHT}")
    expect(note).to_contain_text(APOLOGY)
    journey.shot(reader.page, "ban-doc-doc-bai")
    note.scroll_into_view_if_needed()
    journey.shot(reader.page, "ban-doc-thay-cai-chinh")

    # 7. At the expiry the story leaves the lead (the earlier pin is back) and stays in Mới nhất.
    def still_lead() -> None:
        in_time, lead = before(expires, reader.lead)
        assert not in_time or lead.startswith(TITLE), f"left the slot before its expiry: {lead}"

    until(expires - timedelta(seconds=2), still_lead)
    assert within(timedelta(seconds=30), lambda: reader.lead().startswith(paper.pinned.title))
    assert timezone.now() >= expires
    assert reader.finds(story)["latest"] and reader.finds(story)["home"]  # still on the front, in the news list
    journey.shot(reader.page, "ban-doc-bai-roi-tin-dinh")

    # Nothing the people did was refused behind their backs (e.g. an autosave racing "Lưu lịch đăng").
    assert staff.refused == []
    staff.close()
    reader.context.close()
