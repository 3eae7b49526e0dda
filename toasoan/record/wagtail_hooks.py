"""Admin wiring: the deposit view (Lưu chiểu) in the menu, and the alert while a publication lacks its record."""

from __future__ import annotations

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from toasoan.record import admin_views, panels

admin_urlpatterns = [
    path("", admin_views.index, name="index"),
    path("<int:seq>/", admin_views.detail, name="detail"),
    path("<int:seq>/ban-luu/", admin_views.raw, name="raw"),
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
