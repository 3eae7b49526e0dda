"""Newsroom roles as Wagtail groups, and the review workflow on the sections. Idempotent.

A desk (ban) owns one top-level section or a group of them; its reporters and desk editors get their page
permissions on those sections only. The managing editor, the deputy editor-in-chief on duty, the
editor-in-chief and the administrator get theirs on the home page, i.e. on every section.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from toasoan.newsroom.models import DeskReviewTask, FinalApprovalTask
from toasoan.newsroom.permissions import page_permission


class Role:
    REPORTER = "reporter"
    DESK_EDITOR = "desk_editor"
    MANAGING_EDITOR = "managing_editor"
    DEPUTY_EIC = "deputy_eic"
    EIC = "eic"
    ADMINISTRATOR = "administrator"

    ALL = (REPORTER, DESK_EDITOR, MANAGING_EDITOR, DEPUTY_EIC, EIC, ADMINISTRATOR)
    DESK_ROLES = (REPORTER, DESK_EDITOR)


ROLE_LABELS = {
    Role.REPORTER: "Phóng viên",
    Role.DESK_EDITOR: "Biên tập viên",
    Role.MANAGING_EDITOR: "Thư ký tòa soạn",
    Role.DEPUTY_EIC: "Phó tổng biên tập trực",
    Role.EIC: "Tổng biên tập",
    Role.ADMINISTRATOR: "Quản trị hệ thống",
}

# Page permissions (Wagtail codenames plus the newsroom's own, see permissions.py).
ARTICLE_PERMISSIONS = {
    Role.REPORTER: ["add_page"],
    Role.DESK_EDITOR: ["add_page", "change_page", "lock_page"],
    Role.MANAGING_EDITOR: ["add_page", "change_page", "lock_page", "unlock_page", "schedule_page"],
    Role.DEPUTY_EIC: ["add_page", "change_page", "lock_page", "unlock_page", "schedule_page", "unpublish_page"],
    Role.EIC: ["add_page", "change_page", "lock_page", "unlock_page", "schedule_page", "unpublish_page",
               "delete_page", "bulk_delete_page"],
    Role.ADMINISTRATOR: ["add_page", "change_page", "lock_page", "unlock_page", "schedule_page",
                         "unpublish_page", "delete_page", "bulk_delete_page", "publish_page"],
}
# Events are not reviewed: from the desk editor up, people create, edit and publish them directly.
EVENT_PERMISSIONS = ["add_page", "change_page", "publish_page"]
EVENT_ROLES = (Role.DESK_EDITOR, Role.MANAGING_EDITOR, Role.DEPUTY_EIC, Role.EIC, Role.ADMINISTRATOR)

BASE_MODEL_PERMISSIONS = [
    "wagtailadmin.access_admin",
    "wagtailimages.add_image",
    "wagtailimages.choose_image",
    "wagtaildocs.add_document",
    "wagtaildocs.choose_document",
]
FRONT_PERMISSIONS = ["home.add_frontslot", "home.change_frontslot", "home.delete_frontslot", "home.view_frontslot"]
ADMIN_MODEL_PERMISSIONS = [
    "users.add_user", "users.change_user", "users.delete_user", "users.view_user",
    "auth.add_group", "auth.change_group", "auth.delete_group", "auth.view_group",
    "sections.add_sectionpage", "sections.change_sectionpage", "sections.delete_sectionpage",
    "sections.add_listingpage", "sections.change_listingpage",
    "home.change_homepage", "events.change_eventindexpage", "home.change_imprint",
    "wagtailcore.add_site", "wagtailcore.change_site", "wagtailcore.delete_site", "wagtailcore.view_site",
    "wagtailcore.add_workflow", "wagtailcore.change_workflow", "wagtailcore.delete_workflow",
    "wagtailcore.add_task", "wagtailcore.change_task", "wagtailcore.delete_task",
    "wagtailcore.add_collection", "wagtailcore.change_collection",
    "wagtailimages.change_image", "wagtailimages.delete_image",
    "wagtaildocs.change_document", "wagtaildocs.delete_document",
    "wagtailredirects.add_redirect", "wagtailredirects.change_redirect", "wagtailredirects.delete_redirect",
    "people.add_author", "people.change_author", "people.delete_author",
]
# People, organisations and places named in stories: editors open, correct, merge and split them.
ENTITY_PERMISSIONS = [
    f"entities.{action}_{model}"
    for model in ("person", "personalias", "organisation", "place")
    for action in ("add", "change", "delete", "view")
]
MODEL_PERMISSIONS = {
    Role.REPORTER: BASE_MODEL_PERMISSIONS,
    Role.DESK_EDITOR: [*BASE_MODEL_PERMISSIONS, *ENTITY_PERMISSIONS, "people.add_author", "people.change_author"],
    Role.MANAGING_EDITOR: [*BASE_MODEL_PERMISSIONS, *FRONT_PERMISSIONS, *ENTITY_PERMISSIONS, "people.add_author",
                           "people.change_author"],
    Role.DEPUTY_EIC: [*BASE_MODEL_PERMISSIONS, *FRONT_PERMISSIONS, *ENTITY_PERMISSIONS, "people.add_author",
                      "people.change_author"],
    Role.EIC: [*BASE_MODEL_PERMISSIONS, *FRONT_PERMISSIONS, *ENTITY_PERMISSIONS, "people.add_author",
               "people.change_author", "newsroom.override_two_person_rule"],
    Role.ADMINISTRATOR: [*BASE_MODEL_PERMISSIONS, *FRONT_PERMISSIONS, *ENTITY_PERMISSIONS, *ADMIN_MODEL_PERMISSIONS,
                         "newsroom.override_two_person_rule"],
}

# Readers' comments (toasoan/comments, docs/newsroom.md "Bình luận của bạn đọc"): the moderators' group, and the
# roles above it, hold the queue, the readers' personal data, the word list, bans and per-story modes.
COMMENT_MODERATOR_GROUP = "Kiểm duyệt bình luận"
COMMENT_MODERATION_PERMISSIONS = [
    "wagtailadmin.access_admin", "comments.moderate_comment",
    *(f"comments.{action}_{model}" for model in ("blockedword", "ban", "commentpolicy")
      for action in ("add", "change", "delete", "view")),
]
COMMENT_MODERATION_ROLES = (Role.MANAGING_EDITOR, Role.DEPUTY_EIC, Role.EIC, Role.ADMINISTRATOR)

WORKFLOW_NAME = "Quy trình duyệt bài"
DESK_TASK_NAME = "Ban biên tập"
MANAGING_TASK_NAME = "Thư ký tòa soạn"
APPROVAL_TASK_NAME = "Duyệt đăng (phó tổng biên tập trực, tổng biên tập)"


def desk_group_name(*, role: str, desk: str) -> str:
    return f"{ROLE_LABELS[role]} · {desk}"


@dataclass(frozen=True)
class Desk:
    name: str
    sections: tuple[Page, ...]


@dataclass(frozen=True)
class Newsroom:
    groups: dict[str, Group]  # newsroom-wide roles
    desk_groups: dict[str, dict[str, Group]]  # desk name -> role -> group
    workflow: Workflow
    comment_moderators: Group | None = None


class _Permissions:
    """Every model permission, read once for a run of :func:`ensure_newsroom` (hundreds of names would be as
    many queries)."""

    def __init__(self) -> None:
        self._rows: dict[tuple[str, str], Permission] | None = None
        self._page: dict[str, Permission] = {}

    def models(self, names: Iterable[str]) -> list[Permission]:
        if self._rows is None:
            self._rows = {(p.content_type.app_label, p.codename): p
                          for p in Permission.objects.select_related("content_type")}
        # an optional app (documents, redirects) may be switched off: its names are not there
        return [found for name in names if (found := self._rows.get(tuple(name.split(".", 1)))) is not None]

    def page(self, codename: str) -> Permission:
        if codename not in self._page:
            self._page[codename] = page_permission(codename)
        return self._page[codename]


def _grant_pages(group: Group, *, page: Page, codenames: Iterable[str], permissions: _Permissions) -> None:
    held = set(GroupPagePermission.objects.filter(group=group, page=page).values_list("permission_id", flat=True))
    for codename in codenames:
        permission = permissions.page(codename)
        if permission.pk not in held:
            GroupPagePermission.objects.create(group=group, page=page, permission=permission)
            held.add(permission.pk)


# Wagtail reads image and document permissions per collection, not from the group's model permissions.
COLLECTION_APPS = ("wagtailimages", "wagtaildocs")


def _role_group(name: str, *, model_permissions: Iterable[str], permissions: _Permissions) -> Group:
    group, _created = Group.objects.get_or_create(name=name)
    granted = permissions.models(model_permissions)
    group.permissions.add(*granted)
    root = Collection.get_first_root_node()
    if root is not None:
        held = set(GroupCollectionPermission.objects.filter(group=group, collection=root)
                   .values_list("permission_id", flat=True))
        for permission in granted:
            if permission.content_type.app_label in COLLECTION_APPS and permission.pk not in held:
                GroupCollectionPermission.objects.create(group=group, collection=root, permission=permission)
    return group


def default_desks() -> list[Desk]:
    """One desk per top-level section of the home page."""
    from toasoan.home.models import HomePage
    from toasoan.sections.models import SectionPage

    home = HomePage.objects.first()
    if home is None:
        return []
    return [Desk(name=section.title, sections=(section,)) for section in SectionPage.objects.child_of(home)]


@transaction.atomic
def ensure_newsroom(*, desks: list[Desk] | None = None) -> Newsroom:
    """Create what is missing of the roles, their permissions and the workflow; safe to run again.

    The audit trail gets one entry per group whose rights changed, listing what it was given (not one per
    permission row)."""
    from toasoan.audit.changes import access_changes_recorded

    with access_changes_recorded():
        return _ensure_newsroom(desks=desks)


def _ensure_newsroom(*, desks: list[Desk] | None) -> Newsroom:
    from toasoan.events.models import EventIndexPage
    from toasoan.home.services import ensure_site_structure

    permissions = _Permissions()
    structure = ensure_site_structure()
    home = structure.home
    events_index = EventIndexPage.objects.first()
    desks = default_desks() if desks is None else desks

    groups: dict[str, Group] = {}
    for role in (Role.MANAGING_EDITOR, Role.DEPUTY_EIC, Role.EIC, Role.ADMINISTRATOR):
        group = _role_group(ROLE_LABELS[role], model_permissions=MODEL_PERMISSIONS[role], permissions=permissions)
        _grant_pages(group, page=home, codenames=ARTICLE_PERMISSIONS[role], permissions=permissions)
        if events_index is not None:
            _grant_pages(group, page=events_index, codenames=EVENT_PERMISSIONS, permissions=permissions)
        groups[role] = group

    desk_groups: dict[str, dict[str, Group]] = {}
    for desk in desks:
        desk_groups[desk.name] = {}
        for role in Role.DESK_ROLES:
            group = _role_group(desk_group_name(role=role, desk=desk.name), model_permissions=MODEL_PERMISSIONS[role],
                                permissions=permissions)
            for section in desk.sections:
                _grant_pages(group, page=section, codenames=ARTICLE_PERMISSIONS[role], permissions=permissions)
            if role in EVENT_ROLES and events_index is not None:
                _grant_pages(group, page=events_index, codenames=EVENT_PERMISSIONS, permissions=permissions)
            desk_groups[desk.name][role] = group

    comment_moderators = _role_group(COMMENT_MODERATOR_GROUP, model_permissions=COMMENT_MODERATION_PERMISSIONS,
                                     permissions=permissions)
    for role in COMMENT_MODERATION_ROLES:
        groups[role].permissions.add(*permissions.models(COMMENT_MODERATION_PERMISSIONS))

    workflow = _ensure_workflow(groups=groups)
    for desk in desks:
        for section in desk.sections:
            WorkflowPage.objects.get_or_create(page=section, defaults={"workflow": workflow})
    return Newsroom(groups=groups, desk_groups=desk_groups, workflow=workflow, comment_moderators=comment_moderators)


def _ensure_workflow(*, groups: dict[str, Group]) -> Workflow:
    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first()
    if workflow is not None:
        return workflow
    workflow = Workflow.objects.create(name=WORKFLOW_NAME, active=True)
    desk_task = DeskReviewTask.objects.create(name=DESK_TASK_NAME)
    managing_task = GroupApprovalTask.objects.create(name=MANAGING_TASK_NAME)
    managing_task.groups.set([groups[r] for r in (Role.MANAGING_EDITOR, Role.DEPUTY_EIC, Role.EIC, Role.ADMINISTRATOR)])
    approval_task = FinalApprovalTask.objects.create(name=APPROVAL_TASK_NAME)
    approval_task.groups.set([groups[r] for r in (Role.DEPUTY_EIC, Role.EIC, Role.ADMINISTRATOR)])
    for order, task in enumerate((desk_task, managing_task, approval_task)):
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=order)
    return workflow


def assign_workflow_to_section(*, section: Page) -> None:
    """New top-level sections join the review workflow (sub-sections inherit it from their parent)."""
    workflow = Workflow.objects.filter(name=WORKFLOW_NAME, active=True).first()
    if workflow is not None and section.get_workflow() is None:
        WorkflowPage.objects.get_or_create(page=section, defaults={"workflow": workflow})


def role_label(role: str) -> str:
    return _(ROLE_LABELS[role])
