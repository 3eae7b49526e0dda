from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page
from wagtail.search import index

from toasoan.core.page_context import ReaderContextMixin
from toasoan.core.pages import CursorListingMixin, VietnameseSlugMixin
from toasoan.newsroom.forms import with_event_checks
from toasoan.newsroom.permissions import EventPermissionsMixin


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


class EventPage(ReaderContextMixin, EventPermissionsMixin, CursorListingMixin, VietnameseSlugMixin, Page):
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
    # The desk that covers the event (docs/newsroom.md): its desk editors edit and publish it.
    desk_section = models.ForeignKey(
        "sections.SectionPage", verbose_name=_("ban phụ trách"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", limit_choices_to={"depth": 3},
        help_text=_("Chuyên mục của ban theo dõi sự kiện; để trống: chỉ thư ký tòa soạn trở lên sửa được."),
    )

    parent_page_types = ["events.EventIndexPage"]
    subpage_types: list[str] = []
    content_panels = [*Page.content_panels, FieldPanel("description"), FieldPanel("cover_image"),
                      FieldPanel("desk_section")]
    search_fields = [*Page.search_fields, index.SearchField("description")]
    template = "events/event_page.html"
    base_form_class = with_event_checks(VietnameseSlugMixin.base_form_class)

    class Meta:
        verbose_name = _("sự kiện")
        verbose_name_plural = _("sự kiện")
