"""Page permissions as the newsroom reads them.

Wagtail ties three things to its single ``publish`` permission that a newsroom keeps apart: publishing
without review, taking a story down, and changing the time of an approved story. Here they are three
page permissions (granted per subtree like Wagtail's own):

* ``publish_page``: publish directly, bypassing the workflow (administrators only);
* ``unpublish_page``: take a live story down (deputy editor-in-chief on duty and up);
* ``schedule_page``: set or change the go-live time of an approved story (managing editor and up);
* ``delete_page``: delete (editor-in-chief and administrators), whether live or not.

Wagtail's default lets anyone holding ``add`` or ``change`` delete unpublished pages; here nobody below the
editor-in-chief deletes.
"""

from __future__ import annotations

from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, PagePermissionTester

CUSTOM_PAGE_PERMISSIONS = {
    "unpublish_page": _("Gỡ bài đã đăng"),
    "schedule_page": _("Đặt hoặc đổi giờ lên trang của bài đã duyệt"),
}


def page_permission(codename: str) -> Permission:
    """The ``Permission`` row for a page permission, created for the newsroom's own codenames."""
    content_type = ContentType.objects.get_for_model(Page)
    if codename in CUSTOM_PAGE_PERMISSIONS:
        permission, _created = Permission.objects.get_or_create(
            content_type=content_type, codename=codename,
            defaults={"name": str(CUSTOM_PAGE_PERMISSIONS[codename])},
        )
        return permission
    return Permission.objects.get(content_type=content_type, codename=codename)


class NewsroomPagePermissionTester(PagePermissionTester):
    """Wagtail's tester with the newsroom's meaning of publish, unpublish, delete and scheduling."""

    def _has(self, action: str) -> bool:
        return self.user.is_active and (self.user.is_superuser or action in self.permissions)

    def can_unpublish(self) -> bool:
        if not self.user.is_active or not self.page.live or self.page_is_root or self.page_locked():
            return False
        return self._has("unpublish") or self._has("publish")

    def can_delete(self, ignore_bulk: bool = False) -> bool:
        if not self.user.is_active or self.page_is_root:
            return False
        if self.user.is_superuser:
            return True
        if "delete" not in self.permissions:
            return False
        return ignore_bulk or self.page.is_leaf() or "bulk_delete" in self.permissions

    def can_schedule(self) -> bool:
        """Change the go-live time of an approved (scheduled) revision."""
        if not self.user.is_active or self.page_is_root:
            return False
        return self._has("schedule") or self._has("publish")

    def can_unschedule(self) -> bool:
        return self.can_schedule()

    def can_move(self) -> bool:
        # Moving a story to another section changes its desk and its URL path: publishers only.
        return self._has("publish") and super().can_move()


class NewsroomPermissionsMixin:
    """Page models whose actions follow the newsroom's rules (articles and events).

    Wagtail's supported extension point: a specific page class may override ``permissions_for_user``, and
    ``Page.permissions_for_user`` on a generic ``Page`` row (explorer listings, choosers, bulk actions) defers
    to the specific class when it does. Structure pages (home, sections, listings) keep Wagtail's tester,
    stricter for them (only ``publish`` holders unpublish), and are guarded by ``wagtail_hooks``.
    """

    def permissions_for_user(self, user) -> NewsroomPagePermissionTester:
        return NewsroomPagePermissionTester(user, self)


class EventPagePermissionTester(NewsroomPagePermissionTester):
    """Events follow the desks: an event belongs to the section (desk) named in its «Ban phụ trách» field.

    A desk editor edits and publishes only his desk's events; an event without a desk is the managing
    editor's and up (whoever may edit the whole site). Taking an event down needs ``unpublish`` (deputy
    editor-in-chief on duty and up), not ``publish``, as for articles.
    """

    def in_desk(self) -> bool:
        if self.user.is_superuser:
            return True
        anchor = getattr(self.page.specific_deferred, "desk_section", None) or self._site_home()
        return anchor is not None and "change" in anchor.permissions_for_user(self.user).permissions

    def _site_home(self):
        return Page.objects.ancestor_of(self.page).filter(depth=2).first()

    def can_edit(self) -> bool:
        return super().can_edit() and self.in_desk()

    def can_publish(self) -> bool:
        return super().can_publish() and self.in_desk()

    def can_unpublish(self) -> bool:
        if not self.user.is_active or not self.page.live or self.page_is_root or self.page_locked():
            return False
        return self._has("unpublish") and self.in_desk()


class EventPermissionsMixin:
    def permissions_for_user(self, user) -> EventPagePermissionTester:
        return EventPagePermissionTester(user, self)
