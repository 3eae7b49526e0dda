"""A newsroom with two desks (Thời sự, Kinh tế) and one account per role, built through the real services."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

ROLES = ["reporter", "desk_editor", "managing_editor", "deputy_eic", "eic", "administrator"]


@dataclass
class NewsroomFixture:
    home: object
    desk_section: object  # Thời sự: the desk of the desk roles
    other_section: object  # Kinh tế: another desk
    events_index: object
    newsroom: object
    users: dict  # role -> user
    colleague: object  # a second reporter of the same desk
    outsider: object  # a reporter of the other desk

    def user(self, role: str):
        return self.users[role]


def build_newsroom(site_structure, user_model) -> NewsroomFixture:
    """The two desks, the roles, their groups and workflow, and one account per role (and two more reporters)."""
    from toasoan.home.services import ensure_section
    from toasoan.newsroom.roles import ensure_newsroom

    desk_section = ensure_section(title="Thời sự", slug="thoi-su")
    other_section = ensure_section(title="Kinh tế", slug="kinh-te")
    built = ensure_newsroom()
    users = {}
    for role in ROLES:
        user = user_model.objects.create_user(f"u_{role}", password="x", display_name=role)
        group = built.desk_groups["Thời sự"][role] if role in ("reporter", "desk_editor") else built.groups[role]
        user.groups.add(group)
        users[role] = user
    colleague = user_model.objects.create_user("u_colleague", password="x")
    colleague.groups.add(built.desk_groups["Thời sự"]["reporter"])
    outsider = user_model.objects.create_user("u_outsider", password="x")
    outsider.groups.add(built.desk_groups["Kinh tế"]["reporter"])
    return NewsroomFixture(
        home=site_structure.home, desk_section=desk_section, other_section=other_section,
        events_index=site_structure.events_index, newsroom=built, users=users, colleague=colleague,
        outsider=outsider,
    )


@pytest.fixture
def newsroom(request, site_structure, django_user_model):
    """Built in the test's own transaction; for a database test, read again from the copy its file's tests share
    (tests/newsroom/shared.py: built once, before the test's transaction, rolled back after the file's last one)."""
    from tests.newsroom.shared import shared_newsroom

    shared = shared_newsroom(request)
    if shared is not None:
        return shared
    return build_newsroom(site_structure, django_user_model)


@pytest.fixture
def draft(newsroom):
    """``draft(owner=user, section=...)``: an unsubmitted story with one saved revision."""
    from toasoan.news.models import ArticlePage

    def make(*, owner, section=None, title: str = "Xã Tân Lập mở lớp bơi miễn phí cho trẻ em",
             sapo: str = "Hai hồ bơi di động được đặt ở sân nhà văn hóa xã trong ba tháng hè.", **fields):
        page = (section or newsroom.desk_section).add_child(
            instance=ArticlePage(title=title, sapo=sapo, live=False, owner=owner, **fields)
        )
        page.save_revision(user=owner)
        return ArticlePage.objects.get(pk=page.pk)

    return make


@pytest.fixture
def at_step(newsroom, draft):
    """``at_step(n)``: a colleague's story submitted and approved ``n`` times (0 desk, 1 managing, 2 approval)."""
    from toasoan.news.models import ArticlePage

    def make(steps: int, **fields):
        page = draft(owner=newsroom.colleague, **fields)
        newsroom.newsroom.workflow.start(page, newsroom.colleague)
        approvers = [newsroom.user("desk_editor"), newsroom.user("managing_editor"), newsroom.user("deputy_eic")]
        for approver in approvers[:steps]:
            page = ArticlePage.objects.get(pk=page.pk)
            state = page.current_workflow_task_state
            state.task.specific.on_action(state, approver, "approve")
        return ArticlePage.objects.get(pk=page.pk)

    return make


def refused(response) -> bool:
    """Wagtail refuses with 403, or with a redirect to the dashboard and its "no permission" message."""
    if response.status_code == 403:
        return True
    return response.status_code == 302 and response.url.rstrip("/").endswith("/admin")


PASSWORD = "mat-khau-thu-nghiem-123"


def authenticator(username: str):
    """``username``'s confirmed authenticator (TOTP device), made the first time a test needs it.

    Its replay guard and failure counter are reset: tests sign the same person in again within one 30-s
    step, which a real authenticator code would not be accepted for twice."""
    from django.contrib.auth import get_user_model
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user = get_user_model().objects.get(username=username)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1, throttling_failure_count=0,
                                                   throttling_failure_timestamp=None)
    return device


def totp_code(key: bytes, *, digits: int = 6, step: int = 30) -> str:
    """The code an authenticator app shows now for ``key`` (RFC 6238)."""
    from django_otp.oath import totp

    return f"{totp(key, step=step, digits=digits):0{digits}d}"


def login(browser, live_server, username: str, *, viewport: dict | None = None):
    """A browser context signed in to the admin as ``username`` (whose password is ``PASSWORD``).

    It goes through the real sign-in: the password form, then the second factor's code form, with the code
    computed from the account's authenticator secret (``authenticator``), as the phone app would."""
    device = authenticator(username)
    context = browser.new_context(viewport=viewport or {"width": 1366, "height": 900}, locale="vi-VN")
    page = context.new_page()
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/xac-thuc-hai-buoc/nhap-ma/**")
    page.fill("#id_code", totp_code(device.bin_key, digits=device.digits, step=device.step))
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    return context, page
