"""Every role's admin screens read in Vietnamese, Wagtail's JavaScript strings included (Chromium).

Each role logs in and visits the screens it works on; on each, menus and side panels are opened and the
visible text plus the ``title``, ``aria-label``, ``placeholder`` and ``alt`` attributes are collected. Any
string that is the English text of a Wagtail or Django catalogue string, or plainly English, fails the
test. The collection is written to ``var/newsroom-screens.json`` for ``scripts/translation_coverage.py``.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from io import BytesIO

import pytest
from django.utils import timezone

from tests.browser.test_pages import SCREENSHOTS
from tests.conftest import REPO_ROOT
from tests.newsroom.conftest import PASSWORD, ROLES, login

sys.path.insert(0, str(REPO_ROOT / "scripts"))

from admin_strings import Recogniser

pytestmark = [pytest.mark.browser, pytest.mark.crawl, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SCREENSHOT_ROLES = ("reporter", "desk_editor", "deputy_eic")  # one picture per screen of these roles
OUTPUT = REPO_ROOT / "var" / "newsroom-screens.json"

COLLECT_JS = """() => {
  const seen = new Set();
  const add = (value) => { const text = (value || '').replace(/\\s+/g, ' ').trim(); if (text) seen.add(text); };
  const hidden = (el) => !el || el.closest('script, style, template, noscript')
    || !el.checkVisibility({visibilityProperty: true});
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (!hidden(node.parentElement)) add(node.nodeValue);
  }
  for (const el of document.body.querySelectorAll('*')) {
    if (hidden(el)) continue;
    if (el.childElementCount > 0 && el.childElementCount <= 4 && el.innerText && el.innerText.length < 160) {
      add(el.innerText);
    }
  }
  const attrs = ['title', 'aria-label', 'placeholder', 'alt', 'data-w-tooltip-content-value'];
  for (const el of document.querySelectorAll(attrs.map((a) => `[${a}]`).join(','))) {
    if (el.closest('script, template')) continue;
    for (const name of attrs) add(el.getAttribute(name));
  }
  add(document.title);
  return [...seen];
}"""


@dataclass
class Screen:
    name: str
    url: str
    reveal: Callable | None = None


def _click_all(page, selector: str, collect) -> None:
    """Open each of the elements matching ``selector`` in turn, collecting what each one reveals."""
    for index in range(min(page.locator(selector).count(), 6)):
        target = page.locator(selector).nth(index)
        if not target.is_visible():
            continue
        try:
            target.click(timeout=1000)
            page.wait_for_timeout(200)
            collect()
            page.keyboard.press("Escape")
        except Exception:  # noqa: S112 - a control that cannot be clicked here reveals nothing more
            continue


def reveal_editor(page, collect) -> None:
    _click_all(page, "[data-side-panel-toggle]", collect)
    _click_all(page, "[data-w-dropdown-target='toggle']", collect)


def reveal_review(page, collect) -> None:
    """The editor of a story awaiting the role's review, and the comment box of "forward with a comment"."""
    reveal_editor(page, collect)
    page.locator("[data-w-dropdown-target='toggle']").last.click()
    modal_button = page.locator("button[data-workflow-action-modal-url]").first
    if modal_button.count() and modal_button.is_visible():
        modal_button.click()
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(1000)
        collect()


def reveal_menus(page, collect) -> None:
    _click_all(page, "[data-w-dropdown-target='toggle']", collect)
    _click_all(page, "button[aria-haspopup='menu'], .sidebar-menu-item__link[aria-expanded]", collect)


def make_image():
    from django.core.files.images import ImageFile
    from PIL import Image as PILImage

    from toasoan.images.models import NewsImage

    buffer = BytesIO()
    PILImage.new("RGB", (640, 400), (30, 90, 140)).save(buffer, format="PNG")
    return NewsImage.objects.create(title="Cầu treo Đồng Tâm", credit="Ảnh: Minh Khôi",
                                    file=ImageFile(buffer, name="cau-treo.png"))


@pytest.fixture
def scene(newsroom, draft, at_step):
    """Stories at every stage, an event, a photo and a byline, and one password for every account."""
    from toasoan.events.models import EventPage
    from toasoan.people.models import Author

    for user in newsroom.users.values():
        user.set_password(PASSWORD)
        user.save()
    own = {role: draft(owner=newsroom.user(role), title=f"Bản nháp của {role}: chợ phiên vùng cao") for role in ROLES}
    for role, page in own.items():
        page.title = f"Bản nháp của {role}: chợ phiên vùng cao mùa xuân"
        page.save_revision(user=newsroom.user(role))
    steps = {0: at_step(0, title="Bài chờ ban biên tập: đường tỉnh 8 mở rộng"),
             1: at_step(1, title="Bài chờ thư ký: hội chợ nông sản"),
             2: at_step(2, title="Bài chờ duyệt đăng: mùa nước nổi")}
    event = newsroom.events_index.add_child(instance=EventPage(title="Bão số 3 đổ bộ miền Trung", live=True))
    live = draft(owner=newsroom.colleague, title="Bài đã đăng: phố đi bộ mở thêm tuyến")
    live.save_revision(user=newsroom.colleague).publish(skip_permission_checks=True)
    image = make_image()
    embargoed = at_step(2, title="Bài hẹn giờ: khai mạc lễ hội hoa", go_live_at=timezone.now() + timedelta(days=1))
    state = embargoed.current_workflow_task_state
    state.task.specific.on_action(state, newsroom.user("deputy_eic"), "approve")
    Author.objects.create(name="Nguyễn Văn Thông", slug="nguyen-van-thong")
    return {"own": own, "steps": steps, "event": event, "live": live, "image": image,
            "embargoed": embargoed}


def screens_for(role: str, newsroom, scene) -> list[Screen]:
    section, own, steps = newsroom.desk_section, scene["own"][role], scene["steps"]
    revisions = list(own.revisions.order_by("id").values_list("id", flat=True))
    screens = [
        Screen("bang-dieu-khien", "/admin/", reveal_menus),
        Screen("chuyen-muc", f"/admin/pages/{section.pk}/", reveal_menus),
        Screen("viet-bai", f"/admin/pages/add/news/articlepage/{section.pk}/", reveal_editor),
        Screen("sua-bai", f"/admin/pages/{own.pk}/edit/", reveal_editor),
        Screen("lich-su", f"/admin/pages/{own.pk}/history/"),
        Screen("so-sanh", f"/admin/pages/{own.pk}/revisions/compare/{revisions[0]}...{revisions[-1]}/"),
        Screen("tim-kiem", "/admin/pages/search/?q=ch%E1%BB%A3"),
        Screen("anh", "/admin/images/"),
        Screen("sua-anh", f"/admin/images/{scene['image'].pk}/"),
        Screen("tac-gia-moi", "/admin/snippets/people/author/add/"),
        Screen("bai-da-dang", f"/admin/pages/{scene['live'].pk}/edit/", reveal_editor),
        Screen("tai-anh", "/admin/images/multiple/add/"),
        Screen("tac-gia", "/admin/snippets/people/author/"),
        Screen("tai-khoan", "/admin/account/"),
        Screen("su-kien", f"/admin/pages/{newsroom.events_index.pk}/"),
    ]
    review_step = {"desk_editor": 0, "managing_editor": 1, "deputy_eic": 2, "eic": 2, "administrator": 2}
    if role in review_step:
        story = steps[review_step[role]]
        screens += [
            Screen("bai-cho-duyet", f"/admin/pages/{story.pk}/edit/", reveal_review),
            Screen("quy-trinh", f"/admin/pages/{story.pk}/workflow_history/"),
            Screen("bao-cao-quy-trinh", "/admin/reports/workflow/"),
            Screen("su-kien-moi", f"/admin/pages/add/events/eventpage/{newsroom.events_index.pk}/", reveal_editor),
            Screen("sua-su-kien", f"/admin/pages/{scene['event'].pk}/edit/", reveal_editor),
        ]
    if role in ("deputy_eic", "eic", "administrator"):
        screens.append(Screen("go-bai", f"/admin/pages/{scene['live'].pk}/unpublish/"))
    if role in ("eic", "administrator"):
        screens.append(Screen("xoa-bai", f"/admin/pages/{own.pk}/delete/"))
    if role in ("managing_editor", "deputy_eic", "eic", "administrator"):
        screens += [Screen("doi-gio", f"/admin/toa-soan/lich-dang/{scene['embargoed'].pk}/")]
        screens += [Screen("trang-nhat", "/admin/toa-soan/trang-nhat/"),
                    Screen("trang-nhat-them", "/admin/toa-soan/trang-nhat/new/")]
    return screens


def collect_role(browser, live_server, newsroom, scene, role: str) -> dict[str, list[str]]:
    context, page = login(browser, live_server, newsroom.user(role).username)
    collected: dict[str, list[str]] = {}
    for screen in screens_for(role, newsroom, scene):
        response = page.goto(f"{live_server.url}{screen.url}")
        refused = page.url.rstrip("/").endswith("/admin") and screen.url != "/admin/"
        if response is None or response.status >= 400 or refused:
            continue  # not a screen of this role
        page.wait_for_load_state("networkidle")
        strings: set[str] = set(page.evaluate(COLLECT_JS))

        def collect(strings=strings):
            strings.update(page.evaluate(COLLECT_JS))

        if screen.reveal:
            screen.reveal(page, collect)
        if role in SCREENSHOT_ROLES:
            SCREENSHOTS.mkdir(exist_ok=True)
            page.screenshot(path=str(SCREENSHOTS / f"newsroom-man-hinh-{role}-{screen.name}.png"))
        collected[screen.name] = sorted(strings)
    context.close()
    return collected


def test_every_role_screen_reads_in_vietnamese(chromium, live_server, newsroom, scene):
    recogniser = Recogniser()
    seen = {role: collect_role(chromium, live_server, newsroom, scene, role) for role in ROLES}
    OUTPUT.parent.mkdir(exist_ok=True)
    OUTPUT.write_text(json.dumps(seen, ensure_ascii=False, indent=1), encoding="utf-8")
    english = {
        f"{role} {screen}: {text!r}"
        for role, screens in seen.items() for screen, texts in screens.items() for text in texts
        if (finding := recogniser.classify(text)) is not None and not finding.translated
    }
    assert all(seen[role] for role in ROLES)
    assert not english, "English on the role screens:\n" + "\n".join(sorted(english))
