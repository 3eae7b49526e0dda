"""The sites screens (Tùy chỉnh → Trang báo): Wagtail's, with every label in Vietnamese.

Wagtail 8.0's ``wagtail.sites`` heads three columns of its list with their Python names ("Port", "Site name",
"Root page", and the sort hint quotes them), which no catalogue can translate. That app is left out of
``INSTALLED_APPS`` (it has no models) and this viewset takes its place under the same name and addresses
(``wagtailsites:index`` at /admin/sites/), with Wagtail's views, form and permissions.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, StatusFlagColumn, TitleColumn
from wagtail.models import Site
from wagtail.permissions import policy_registry
from wagtail.sites import views as wagtail_sites


def _label(field_name: str):
    """The column label of a Site field: its (translated) verbose name, as the form labels it."""
    return capfirst(Site._meta.get_field(field_name).verbose_name)


class SiteIndexView(wagtail_sites.IndexView):
    page_title = _("Trang báo")
    add_item_label = _("Thêm trang báo")
    columns = [
        TitleColumn("hostname", label=_label("hostname"), sort_key="hostname", url_name="wagtailsites:edit"),
        Column("port", label=_label("port"), sort_key="port"),
        Column("site_name", label=_label("site_name")),
        Column("root_page", label=_label("root_page")),
        StatusFlagColumn("is_default_site", label=_("Mặc định?"), true_label=_("Mặc định")),
    ]


class SiteCreateView(wagtail_sites.CreateView):
    page_title = _("Thêm trang báo")
    success_message = _("Đã thêm trang báo «%(object)s».")
    error_message = _("Chưa lưu được trang báo: xem các lỗi bên dưới.")


class SiteEditView(wagtail_sites.EditView):
    success_message = _("Đã lưu trang báo «%(object)s».")
    error_message = _("Chưa lưu được trang báo: xem các lỗi bên dưới.")


class SiteDeleteView(wagtail_sites.DeleteView):
    success_message = _("Đã xóa trang báo «%(object)s».")
    page_title = _("Xóa trang báo")
    confirmation_message = _("Bạn có chắc muốn xóa trang báo này?")


class SiteViewSet(wagtail_sites.SiteViewSet):
    index_view_class = SiteIndexView
    add_view_class = SiteCreateView
    edit_view_class = SiteEditView
    delete_view_class = SiteDeleteView


class SitesMenuItem(MenuItem):
    def is_shown(self, request):
        return policy_registry.get_by_type(Site).user_has_any_permission(request.user, ["add", "change", "delete"])


def sites_viewset() -> SiteViewSet:
    return SiteViewSet("wagtailsites", url_prefix="sites")


def sites_menu_item() -> SitesMenuItem:
    return SitesMenuItem(_("Trang báo"), reverse("wagtailsites:index"), name="sites", icon_name="site", order=602)
