"""Admin wiring: the suggestions view, and a button to it on every article's editor header."""

from __future__ import annotations

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from toasoan.entities import admin_views
from toasoan.entities.models import Organisation, Person, Place

admin_urlpatterns = [
    path("bai/<int:article_id>/", admin_views.article_entities, name="article"),
    path("lien-ket/<int:link_id>/<slug:action>/", admin_views.change_link, name="change"),
]


@hooks.register("register_admin_urls")
def register_entities_admin_urls():
    return [path("nhan-vat/", include((admin_urlpatterns, "entities_admin"), namespace="entities_admin"))]


@hooks.register("register_page_header_buttons")
def entities_header_button(page, user, view_name, next_url=None):
    if page.specific_class is None or page.specific_class.__name__ != "ArticlePage" or not page.pk:
        return
    yield Button(
        _("Nhân vật, tổ chức, địa danh"),
        url=reverse("entities_admin:article", args=[page.pk]),
        icon_name="user",
        priority=70,
    )


class PersonViewSet(SnippetViewSet):
    model = Person
    icon = "user"
    menu_label = _("Nhân vật")
    list_display = ["name", "slug", "created_at"]
    ordering = ["name"]
    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("photo")]


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    menu_label = _("Tổ chức")
    list_display = ["name", "slug", "created_at"]
    ordering = ["name"]
    panels = [FieldPanel("name"), FieldPanel("slug")]


class PlaceViewSet(SnippetViewSet):
    model = Place
    icon = "site"
    menu_label = _("Địa danh")
    list_display = ["name", "kind", "slug"]
    ordering = ["name"]
    panels = [FieldPanel("name"), FieldPanel("kind"), FieldPanel("slug")]


class EntitiesViewSetGroup(SnippetViewSetGroup):
    items = (PersonViewSet, OrganisationViewSet, PlaceViewSet)
    menu_icon = "user"
    menu_label = _("Nhân vật & nơi chốn")
    menu_name = "entities"


register_snippet(EntitiesViewSetGroup)
