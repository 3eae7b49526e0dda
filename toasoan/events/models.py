from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page
from wagtail.search import index

from toasoan.core.page_context import ReaderContextMixin
from toasoan.core.pages import CursorListingMixin, VietnameseSlugMixin
from toasoan.newsroom.permissions import NewsroomPermissionsMixin


class EventIndexPage(ReaderContextMixin, CursorListingMixin, VietnameseSlugMixin, Page):
    """Sự kiện: every running story, newest first ("Xem thêm sự kiện" leads here)."""

    fragment_template = "events/includes/event_list_fragment.html"

    intro = models.TextField(_("giới thiệu"), blank=True)

    parent_page_types = ["home.HomePage"]
    subpage_types = ["events.EventPage"]
    content_panels = [*Page.content_panels, FieldPanel("intro")]
    template = "events/event_index_page.html"
    max_count = 1

    class Meta:
        verbose_name = _("danh sách sự kiện")
        verbose_name_plural = _("danh sách sự kiện")


class EventPage(ReaderContextMixin, NewsroomPermissionsMixin, CursorListingMixin, VietnameseSlugMixin, Page):
    """A running story (dòng sự kiện): its own page listing its articles newest first."""

    description = models.TextField(_("mô tả"), blank=True)
    cover_image = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        verbose_name=_("ảnh bìa"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    parent_page_types = ["events.EventIndexPage"]
    subpage_types: list[str] = []
    content_panels = [*Page.content_panels, FieldPanel("description"), FieldPanel("cover_image")]
    search_fields = [*Page.search_fields, index.SearchField("description")]
    template = "events/event_page.html"

    class Meta:
        verbose_name = _("sự kiện")
        verbose_name_plural = _("sự kiện")
