"""Demo newsroom: one account per role and a few stories at each stage of the review. Idempotent."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from wagtail.models import Page

from toasoan.newsroom.roles import Newsroom, Role, ensure_newsroom

DEMO_DESK = "Thời sự"
DEMO_USERS = [
    # username, role, display name
    ("phongvien", Role.REPORTER, "Lê Thu Hà (phóng viên)"),
    ("bientap", Role.DESK_EDITOR, "Trần Quốc Bảo (biên tập viên)"),
    ("thuky", Role.MANAGING_EDITOR, "Phạm Minh Châu (thư ký tòa soạn)"),
    ("photbt", Role.DEPUTY_EIC, "Đỗ Văn Dũng (phó tổng biên tập trực)"),
    ("tongbientap", Role.EIC, "Vũ Thị Giang (tổng biên tập)"),
    ("quantri", Role.ADMINISTRATOR, "Hoàng Anh Khoa (quản trị)"),
]

# (key, stage, title, sapo) — short stories written for the demo, about fictional events.
DEMO_STORIES = [
    ("nhap", "draft", "Phường Hòa Bình thử nghiệm thu gom rác theo giờ",
     "Từ tuần sau, xe thu gom rác ở phường Hòa Bình chỉ dừng vào hai khung giờ cố định mỗi ngày."),
    ("ban", "desk", "Chợ đêm ven sông mở thêm khu ẩm thực chay",
     "Ban quản lý chợ đêm cho biết khu mới có 30 gian hàng, mở cửa từ 17 giờ đến 23 giờ."),
    ("thuky", "managing", "Tuyến xe buýt điện số 12 chạy thử từ thứ hai",
     "Tuyến dài 18 km nối bến xe phía bắc với khu đại học, giá vé bằng tuyến thường."),
    ("duyet", "approval", "Trường tiểu học Kim Đồng khánh thành thư viện xanh",
     "Thư viện được dựng từ vật liệu tái chế, có mái lợp pin mặt trời và hơn 4.000 đầu sách."),
    ("hen-gio", "scheduled", "Lễ hội diều sáo làng Bá Dương khai mạc sáng mai",
     "Hơn 200 con diều sáo từ 12 đội sẽ bay trên cánh đồng ven đê trong hai ngày lễ hội."),
]
SOURCE_PREFIX = "newsroom-demo:"


@dataclass
class DemoNewsroom:
    newsroom: Newsroom
    passwords: dict[str, str] = field(default_factory=dict)  # only for accounts created by this run
    users: dict[str, object] = field(default_factory=dict)  # role -> user
    stories: dict[str, Page] = field(default_factory=dict)


def _ensure_users(newsroom: Newsroom, *, desk: str) -> tuple[dict[str, object], dict[str, str]]:
    user_model = get_user_model()
    users, passwords = {}, {}
    for username, role, display_name in DEMO_USERS:
        user = user_model.objects.filter(username=username).first()
        if user is None:
            password = secrets.token_urlsafe(9)
            user = user_model.objects.create_user(username, password=password, display_name=display_name)
            passwords[username] = password
        group = newsroom.desk_groups[desk][role] if role in Role.DESK_ROLES else newsroom.groups[role]
        user.groups.add(group)
        users[role] = user
    return users, passwords


def _ensure_story(*, key: str, stage: str, title: str, sapo: str, section: Page, users: dict, workflow) -> Page:
    from toasoan.news.models import ArticlePage

    existing = ArticlePage.objects.filter(source_key=SOURCE_PREFIX + key).first()
    if existing is not None:
        return existing
    reporter = users[Role.REPORTER]
    article = section.add_child(instance=ArticlePage(
        title=title, sapo=sapo, live=False, owner=reporter, source_key=SOURCE_PREFIX + key,
    ))
    if stage == "scheduled":
        article.go_live_at = timezone.now() + timedelta(minutes=3)
    article.save_revision(user=reporter)
    if stage == "draft":
        return article
    workflow.start(article, reporter)
    approvals = {"desk": 0, "managing": 1, "approval": 2, "scheduled": 3}[stage]
    approvers = [users[Role.DESK_EDITOR], users[Role.MANAGING_EDITOR], users[Role.DEPUTY_EIC]]
    for approver in approvers[:approvals]:
        article.refresh_from_db()
        state = article.current_workflow_task_state
        state.task.specific.on_action(state, approver, "approve")
    article.refresh_from_db()
    return article


@transaction.atomic
def ensure_demo_newsroom() -> DemoNewsroom:
    from toasoan.home.services import ensure_section

    section = ensure_section(title=DEMO_DESK, slug="thoi-su")
    newsroom = ensure_newsroom()
    if DEMO_DESK not in newsroom.desk_groups:
        from toasoan.newsroom.roles import Desk

        newsroom = ensure_newsroom(desks=[Desk(name=DEMO_DESK, sections=(section,))])
    users, passwords = _ensure_users(newsroom, desk=DEMO_DESK)
    demo = DemoNewsroom(newsroom=newsroom, passwords=passwords, users=users)
    for key, stage, title, sapo in DEMO_STORIES:
        demo.stories[key] = _ensure_story(key=key, stage=stage, title=title, sapo=sapo, section=section,
                                          users=users, workflow=newsroom.workflow)
    return demo
