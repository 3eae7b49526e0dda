"""Every admin screen each role can open reads in Vietnamese, with no words glued together (Chromium).


The screens come from the URL conf (``tests/newsroom/admin_crawl.py``): every named route under /admin/ is
filled with real objects of a newsroom scene; the Django test client tells which of them each role may open
(200 and an HTML page, or a dialog's JSON); Chromium then renders each and collects the text of the DOM
(hidden menus and dialogs included; not script, style or templates), the ``title``, ``aria-label``,
``placeholder`` and ``alt`` attributes and the tab title. A word that is not Vietnamese outside the reviewed
allow-list of ``admin_text.py``, a Vietnamese word glued to the next, or a whole English Wagtail/Django
catalogue string (``scripts/admin_strings.py``) fails the test. The texts go to ``var/newsroom-screens.json``
for ``scripts/translation_coverage.py``.
"""

from __future__ import annotations

import json
import os
import sys
import time
from datetime import timedelta
from io import BytesIO

import pytest
from django.test import Client
from django.utils import timezone

from tests.conftest import REPO_ROOT
from tests.newsroom.admin_crawl import Filler, admin_routes
from tests.newsroom.admin_text import ALLOWED_WORDS, faults, words_outside
from tests.newsroom.conftest import PASSWORD, ROLES, login

sys.path.insert(0, str(REPO_ROOT / "scripts"))

from admin_strings import Recogniser

pytestmark = [pytest.mark.browser, pytest.mark.crawl, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

OUTPUT = REPO_ROOT / "var" / "newsroom-screens.json"

COLLECT_JS = """(root) => {
  root = root ? document.querySelector(root) : document.body;
  const seen = new Set();
  const add = (value) => { const text = (value || '').replace(/\\s+/g, ' ').trim(); if (text) seen.add(text); };
  const skip = (el) => !el || el.closest('script, style, template, noscript, textarea, iframe');
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    if (!skip(walker.currentNode.parentElement)) add(walker.currentNode.nodeValue);
  }
  const attrs = ['title', 'aria-label', 'placeholder', 'alt', 'data-w-tooltip-content-value'];
  for (const el of root.querySelectorAll(attrs.map((a) => `[${a}]`).join(','))) {
    if (el.closest('script, template')) continue;
    for (const name of attrs) add(el.getAttribute(name));
  }
  if (root === document.body) add(document.title);
  return [...seen];
}"""

DIALOG_JS = """async (url) => {
  const response = await fetch(url, {headers: {'X-Requested-With': 'XMLHttpRequest'}});
  const data = await response.json();
  const box = document.createElement('div');
  box.id = 'crawl-dialog';
  box.innerHTML = data.html || '';
  document.body.append(box);
}"""

# Usernames and names of the scene's accounts: Vietnamese, as a newsroom's are (they show on many screens).
PEOPLE = {"reporter": ("phongvien", "Lê Thu Hà"), "desk_editor": ("bientap", "Trần Minh Quân"),
          "managing_editor": ("thuky", "Phạm Hồng Nhung"), "deputy_eic": ("photbt", "Đỗ Văn Khải"),
          "eic": ("tongbientap", "Vũ Thị Lan"), "administrator": ("quantri", "Hoàng Anh Tuấn")}


def make_image():
    from django.core.files.images import ImageFile
    from PIL import Image as PILImage

    from toasoan.images.models import NewsImage

    buffer = BytesIO()
    PILImage.new("RGB", (640, 400), (30, 90, 140)).save(buffer, format="PNG")
    return NewsImage.objects.create(title="Cầu treo Đồng Tâm", credit="Ảnh: Minh Khôi",
                                    file=ImageFile(buffer, name="cau-treo.png"))


@pytest.fixture
def scene(newsroom, draft, at_step, django_user_model):
    """Stories at every stage, an event, a photo, a document, a redirect, a byline, people and places."""
    from django.contrib.auth.tokens import default_token_generator
    from django.core.files.base import ContentFile
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode
    from wagtail.contrib.redirects.models import Redirect
    from wagtail.documents.models import Document
    from wagtail.models import Collection, Task, Workflow

    from toasoan.entities.models import Organisation, Person, Place
    from toasoan.events.models import EventPage
    from toasoan.home.models import FrontSlot
    from toasoan.people.models import Author

    newsroom.colleague.username, newsroom.outsider.username = "phongvien.hai", "phongvien.kinhte"
    newsroom.colleague.save()
    newsroom.outsider.save()
    Author.objects.filter(user=newsroom.colleague).update(name="Ngô Thị Hải")
    Author.objects.filter(user=newsroom.outsider).update(name="Lương Văn Tế")
    for role, (username, name) in PEOPLE.items():
        Author.objects.filter(user=newsroom.user(role)).update(name=name)
        user = newsroom.user(role)
        user.username, user.display_name = username, name
        user.first_name, user.last_name = name.rsplit(" ", 1)[::-1][1], name.rsplit(" ", 1)[-1]
        user.set_password(PASSWORD)
        user.save()
    own = {role: draft(owner=newsroom.user(role), title=f"Chợ phiên vùng cao mùa xuân ({PEOPLE[role][1]})")
           for role in ROLES}
    for role, page in own.items():
        page.sapo = "Người Mông xuống chợ từ sáng sớm, mang theo rau rừng và vải lanh tự dệt."
        page.save_revision(user=newsroom.user(role))
    steps = {0: at_step(0, title="Đường tỉnh 8 được mở rộng thêm hai làn xe"),
             1: at_step(1, title="Hội chợ nông sản Tân Kỳ thu hút mười nghìn lượt khách"),
             2: at_step(2, title="Mùa nước nổi về sớm ở Đồng Tháp")}
    event = newsroom.events_index.add_child(instance=EventPage(title="Bão số 3 đổ bộ miền Trung", live=True))
    live = draft(owner=newsroom.colleague, title="Phố đi bộ mở thêm tuyến ven hồ")
    live.save_revision(user=newsroom.colleague).publish(skip_permission_checks=True)
    embargoed = at_step(2, title="Khai mạc lễ hội hoa ban", go_live_at=timezone.now() + timedelta(days=1))
    state = embargoed.current_workflow_task_state
    state.task.specific.on_action(state, newsroom.user("deputy_eic"), "approve")
    image = make_image()
    document = Document.objects.create(title="Thể lệ cuộc thi ảnh", file=ContentFile(b"%PDF-1.4", name="the-le.pdf"))
    Author.objects.create(name="Nguyễn Văn Thông", slug="nguyen-van-thong")
    person = Person.objects.create(name="Nguyễn Văn Thông")
    Organisation.objects.create(name="Sở Giao thông vận tải")
    Place.objects.create(name="Thành phố Vinh")
    redirect = Redirect.objects.create(old_path="/bai-cu-ve-pho-di-bo", redirect_page=live)
    FrontSlot.objects.create(front=newsroom.home, kind="lead", article=live, position=1)
    anonymous_reset = (urlsafe_base64_encode(force_bytes(newsroom.colleague.pk)),
                       default_token_generator.make_token(newsroom.colleague))
    return {"own": own, "steps": steps, "event": event, "live": live, "embargoed": embargoed, "image": image,
            "document": document, "person": person, "redirect": redirect, "reset": anonymous_reset,
            "workflow": Workflow.objects.order_by("pk").first(), "task": Task.objects.order_by("pk").first(),
            "collection": Collection.get_first_root_node()}


def filler_for(role: str, newsroom, scene) -> Filler:
    from django.urls import reverse

    review_step = {"desk_editor": 0, "managing_editor": 1, "deputy_eic": 2, "eic": 2, "administrator": 2}
    story = scene["steps"][review_step[role]] if role in review_step else scene["own"][role]
    revisions = list(story.revisions.order_by("pk").values_list("pk", flat=True))
    uid, token = scene["reset"]
    return Filler(
        story=story, section=newsroom.desk_section, other_section=newsroom.other_section,
        objects={"image_id": scene["image"], "document_id": scene["document"], "doc_id": scene["document"],
                 "redirect_id": scene["redirect"], "collection_id": scene["collection"], "article_id": story,
                 "wagtailadmin_workflows:usage.pk": scene["workflow"],
                 "wagtailadmin_workflows:edit_task.pk": scene["task"], "wagtailadmin_workflows:task_chosen.task_id":
                 scene["task"], "wagtaildocs_chooser:chosen.pk": scene["document"],
                 "entities_admin:merge_person.pk": scene["person"], "entities_admin:split_person.pk": scene["person"]},
        extra={
            "wagtailadmin_pages:revisions_compare": {"pk": story.pk, "revision_id_a": str(revisions[0]),
                                                     "revision_id_b": str(revisions[-1])},
            "wagtail_bulk_action": reverse("wagtail_bulk_action", args=["wagtailcore", "page", "delete"])
            + f"?id={story.pk}",
            "wagtailadmin_pages:choose_parent": {"app_label": "news", "model_name": "articlepage"},
            "wagtailadmin_workflows:add_task": {"app_label": "newsroom", "model_name": "deskreviewtask"},
            "wagtailsettings:edit": {"app_name": "home", "model_name": "imprint"},
            "wagtailadmin_password_reset_confirm": {"uidb64": uid, "token": token},
        },
    )


def extra_screens(scene) -> list[str]:
    """Pages in states the role's own story is not in: live, scheduled, and their history."""
    live, embargoed = scene["live"].pk, scene["embargoed"].pk
    return [f"/admin/pages/{live}/edit/", f"/admin/pages/{live}/history/", f"/admin/pages/{embargoed}/edit/",
            f"/admin/pages/{embargoed}/history/", "/admin/pages/search/?q=ch%E1%BB%A3"]


def openable(client: Client, urls: list[str]) -> tuple[list[str], list[str], list[str]]:
    """(pages, dialogs, errors) among ``urls`` for the client's user."""
    pages, dialogs, errors = [], [], []
    for url in urls:
        response = client.get(url, HTTP_X_REQUESTED_WITH="XMLHttpRequest" if "choose" in url else "")
        kind = response.get("Content-Type", "")
        if response.status_code >= 500:
            errors.append(f"{url}: {response.status_code}")
        elif response.status_code != 200:
            continue
        elif kind.startswith("text/html") and b"<html" in response.content[:500].lower():
            pages.append(url)
        elif kind.startswith("application/json") and "html" in response.json():
            dialogs.append(url)
    return pages, dialogs, errors


def crawl_role(browser, live_server, role: str | None, urls: list[str], done: set[str]) -> tuple[dict, list[str], int]:
    """Texts per screen in Chromium (``role`` None: signed out), the addresses that failed to open, and how many
    the role may open. A screen another role already read is read again only when it is the dashboard: what
    differs between roles on one screen is the menu, which is the same on all of a role's screens."""
    client = Client(raise_request_exception=False)
    if role is not None:
        # Signed in as the role (and past its second factor: tests/conftest.py); the browser itself signs in
        # through the real forms in login().
        from django.contrib.auth import get_user_model

        client.force_login(get_user_model().objects.get(username=PEOPLE[role][0]))
    started = time.monotonic()
    pages, dialogs, errors = openable(client, urls)
    checked = time.monotonic()
    opened = len(pages) + len(dialogs)
    pages = [url for url in pages if url not in done or url == "/admin/"]
    dialogs = [url for url in dialogs if url not in done]
    done.update(pages, dialogs)
    if role is None:
        context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="vi-VN")
        page = context.new_page()
    else:
        context, page = login(browser, live_server, PEOPLE[role][0])
    texts: dict[str, list[str]] = {}
    for url in pages:
        page.goto(f"{live_server.url}{url}", wait_until="domcontentloaded")
        page.wait_for_timeout(100)  # scripts that fill relative times and counters
        texts[url] = sorted(page.evaluate(COLLECT_JS, None))
    if dialogs:
        page.goto(f"{live_server.url}/admin/" if role else f"{live_server.url}/admin/login/")
        for url in dialogs:
            page.evaluate(DIALOG_JS, url)
            texts[url] = sorted(page.evaluate(COLLECT_JS, "#crawl-dialog"))
            page.evaluate("() => document.getElementById('crawl-dialog').remove()")
    context.close()
    print(f"crawl {role}: {len(pages)} pages, {len(dialogs)} dialogs; client {checked - started:.0f} s, "
          f"browser {time.monotonic() - checked:.0f} s", file=sys.stderr)
    return texts, errors, opened


def test_every_role_screen_reads_in_vietnamese(chromium, live_server, newsroom, scene):
    recogniser = Recogniser()
    routes = admin_routes()
    # A new admin screen is crawled by default: its parameters are filled, or SKIPPED says why not.
    unfilled = [route.name for route in routes if filler_for("reporter", newsroom, scene).url(route) is None
                and filler_for("deputy_eic", newsroom, scene).url(route) is None]
    assert not unfilled, f"admin routes the crawl cannot open: fill them in admin_crawl.py or SKIP them: {unfilled}"
    seen: dict[str, dict[str, list[str]]] = {}
    errors: list[str] = []
    done: set[str] = set()
    counts: dict[str, int] = {}
    for role in [None, *ROLES][: int(os.environ.get("CRAWL_ROLES", "7"))]:
        filler = filler_for(role or "reporter", newsroom, scene)
        urls = [url for route in routes if (url := filler.url(route))] + extra_screens(scene)
        texts, failed, counts[role or "anonymous"] = crawl_role(chromium, live_server, role, urls, done)
        seen[role or "anonymous"] = texts
        errors += [f"{role}: {error}" for error in failed]
    OUTPUT.parent.mkdir(exist_ok=True)
    OUTPUT.write_text(json.dumps(seen, ensure_ascii=False, indent=1), encoding="utf-8")
    # Data, not interface: the scene's usernames ("phongvien") and the test server's host name.
    import re

    from django.contrib.auth import get_user_model

    allowed = ALLOWED_WORDS | {"localhost", "u"} | {
        part for name in get_user_model().objects.values_list("username", flat=True)
        for part in re.split(r"[._]", name)} | {part for role in ROLES for part in role.split("_")} | {
        "colleague", "outsider"}
    problems = set()
    for role, screens in seen.items():
        for url, texts in screens.items():
            for text in texts:
                problems.update(f"{role} {url}: {fault.kind} {fault.word!r} in {text[:120]!r}"
                                for fault in faults(text, allowed=allowed))
                finding = recogniser.classify(text) if words_outside(text, allowed) else None
                if finding is not None and not finding.translated:
                    problems.add(f"{role} {url}: English catalogue string {text[:120]!r}")
    assert counts["reporter"] >= 20 and counts["administrator"] > counts["reporter"], counts
    assert not errors, "admin screens that fail:\n" + "\n".join(errors)
    assert not problems, f"{len(problems)} faults on the admin screens {counts}:\n" + "\n".join(sorted(problems))
