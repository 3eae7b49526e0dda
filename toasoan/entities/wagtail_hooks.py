"""Admin wiring: the suggestions view, and a button to it on every article's editor header."""

from __future__ import annotations

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.admin.widgets import Button, ListingButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from toasoan.entities import admin_people, admin_views
from toasoan.entities.models import Organisation, Person, Place

admin_urlpatterns = [
    path("bai/<int:article_id>/", admin_views.article_entities, name="article"),
    path("lien-ket/<int:link_id>/<slug:action>/", admin_views.change_link, name="change"),
    path("nguoi/<int:pk>/gop/", admin_people.merge_view, name="merge_person"),
    path("nguoi/<int:pk>/tach/", admin_people.split_view, name="split_person"),
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


@hooks.register("register_snippet_listing_buttons")
def person_merge_split_buttons(snippet, user, next_url=None):
    """"Gộp" and "Tách" beside each person in the admin list, for whoever may correct people."""
    if not isinstance(snippet, Person):
        return
    if user.has_perm("entities.change_person") and user.has_perm("entities.delete_person"):
        yield ListingButton(_("Gộp"), url=reverse("entities_admin:merge_person", args=[snippet.pk]), priority=30)
    if user.has_perm("entities.change_person") and user.has_perm("entities.add_person"):
        yield ListingButton(_("Tách"), url=reverse("entities_admin:split_person", args=[snippet.pk]), priority=31)


class PersonViewSet(SnippetViewSet):
    model = Person
    icon = "user"
    menu_label = _("Nhân vật")
    list_display = ["name", "note", "created_at"]
    search_fields = ["name"]
    ordering = ["name"]
    panels = [
        FieldPanel("name"),
        FieldPanel("note"),
        FieldPanel("slug"),
        FieldPanel("photo"),
        InlinePanel("aliases", label=_("Tên khác"), heading=_("Tên khác (cách báo chí viết tắt, phiên âm khác)")),
    ]


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    menu_label = _("Tổ chức")
    list_display = ["name", "slug", "created_at"]
    search_fields = ["name"]
    ordering = ["name"]
    panels = [FieldPanel("name"), FieldPanel("slug")]


class PlaceViewSet(SnippetViewSet):
    model = Place
    icon = "site"
    menu_label = _("Địa danh")
    list_display = ["name", "kind", "slug"]
    search_fields = ["name"]
    ordering = ["name"]
    panels = [FieldPanel("name"), FieldPanel("kind"), FieldPanel("slug")]


class EntitiesViewSetGroup(SnippetViewSetGroup):
    items = (PersonViewSet, OrganisationViewSet, PlaceViewSet)
    menu_icon = "user"
    menu_label = _("Nhân vật & nơi chốn")
    menu_name = "entities"


register_snippet(EntitiesViewSetGroup)
