"""Admin wiring: the deposit view (Lưu chiểu) in the menu, and the alert while a publication lacks its record."""

from __future__ import annotations

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button

from toasoan.record import admin_views, panels

admin_urlpatterns = [
    path("", admin_views.index, name="index"),
    path("<int:seq>/", admin_views.detail, name="detail"),
    path("<int:seq>/ban-luu/", admin_views.raw, name="raw"),
    path("bai/<int:page_id>/cai-chinh/", admin_views.correction, name="correction"),
    path("bai/<int:page_id>/go-bai/", admin_views.takedown, name="takedown"),
    path("bai/<int:page_id>/khoi-phuc/", admin_views.restore, name="restore"),
]


@hooks.register("register_admin_urls")
def register_record_admin_urls():
    return [path("luu-chieu/", include((admin_urlpatterns, "record_admin"), namespace="record_admin"))]


class InspectorMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(admin_views.VIEW_PERMISSION)


@hooks.register("register_admin_menu_item")
def register_record_menu_item():
    return InspectorMenuItem(_("Lưu chiểu"), reverse("record_admin:index"), icon_name="clipboard-list", order=850)


@hooks.register("construct_homepage_panels")
def add_missing_deposit_panel(request, panel_list):
    if request.user.has_perm(admin_views.VIEW_PERMISSION):
        panel_list.insert(0, panels.MissingDepositPanel())


@hooks.register("register_log_actions")
def register_record_log_actions(actions):
    actions.register_action("toasoan.correction", _("Cải chính"), _("Đã đăng cải chính"))
    actions.register_action("toasoan.takedown", _("Gỡ bài"), _("Đã gỡ bài (giữ lại bài và bản lưu chiểu)"))
    actions.register_action("toasoan.restore", _("Khôi phục bài đã gỡ"), _("Đã khôi phục bài đã gỡ"))


@hooks.register("register_page_header_buttons")
def record_header_buttons(page, user, view_name, next_url=None):
    """"Cải chính", "Gỡ bài" or "Khôi phục" on a story's editor header, for whoever may do it."""
    if page.specific_class is None or page.specific_class.__name__ != "ArticlePage" or not page.pk:
        return
    live = panels.is_live(page.pk)  # the editor may hold the latest revision's copy, not the page row
    if live and user.has_perm("record.add_correction"):
        yield Button(_("Cải chính"), url=reverse("record_admin:correction", args=[page.pk]), icon_name="edit",
                     priority=80)
    if live and user.has_perm("record.add_takedown"):
        yield Button(_("Gỡ bài"), url=reverse("record_admin:takedown", args=[page.pk]), icon_name="warning",
                     priority=81)
    elif not live and user.has_perm("record.change_takedown") and panels.has_active_takedown(page.pk):
        yield Button(_("Khôi phục bài đã gỡ"), url=reverse("record_admin:restore", args=[page.pk]),
                     icon_name="undo", priority=81)
