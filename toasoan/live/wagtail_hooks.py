"""Admin: the live composer's URLs, its button on a published story, and its lines in the story's history."""

from __future__ import annotations

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.menus.pages import PageMenuItem

from toasoan.live import admin_views, rules


@hooks.register("register_admin_urls")
def live_urls():
    base = "toa-soan/truc-tiep/<int:page_id>/"
    return [
        path(base, admin_views.composer, name="live_composer"),
        path(base + "bat-dau/", admin_views.start, name="live_start"),
        path(base + "ket-thuc/", admin_views.end, name="live_end"),
        path(base + "<int:update_id>/sua/", admin_views.change, name="live_change"),
        path(base + "<int:update_id>/xoa/", admin_views.delete, name="live_delete"),
        path(base + "<int:update_id>/ghim/", admin_views.pin, name="live_pin"),
    ]


class LiveButton(PageMenuItem):
    label = _("Tường thuật trực tiếp")
    icon_name = "radio-full"

    @property
    def url(self):
        return reverse("live_composer", args=[self.page.pk])

    def is_shown(self, user):
        page = self.page.specific_deferred if hasattr(self.page, "specific_deferred") else self.page
        return type(page).__name__ == "ArticlePage" and rules.can_post(user=user, article=page)


@hooks.register("register_page_header_buttons")
def live_header_button(page, user, view_name, next_url=None):
    yield LiveButton(page=page, priority=60)


@hooks.register("register_log_actions")
def live_log_actions(actions):
    labels = {
        admin_views.LOG_POSTED: _("Đăng cập nhật trực tiếp"),
        admin_views.LOG_CHANGED: _("Sửa cập nhật trực tiếp"),
        admin_views.LOG_DELETED: _("Gỡ cập nhật trực tiếp"),
        admin_views.LOG_STARTED: _("Mở tường thuật trực tiếp"),
        admin_views.LOG_ENDED: _("Kết thúc tường thuật trực tiếp"),
    }
    for action, label in labels.items():
        actions.register_action(action, label, label)
