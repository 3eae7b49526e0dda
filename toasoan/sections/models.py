from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from toasoan.core.page_context import ReaderContextMixin
from toasoan.core.pages import CursorListingMixin, VietnameseSlugMixin


class SectionPage(ReaderContextMixin, CursorListingMixin, VietnameseSlugMixin, Page):
    """A section (chuyên mục): desks, permissions and workflows hang here. Nestable one level."""

    intro = models.TextField(_("giới thiệu"), blank=True)

    parent_page_types = ["home.HomePage", "sections.SectionPage"]
    subpage_types = ["news.ArticlePage", "sections.SectionPage"]
    content_panels = [*Page.content_panels, FieldPanel("intro")]
    template = "sections/section_page.html"

    class Meta:
        verbose_name = _("chuyên mục")
        verbose_name_plural = _("chuyên mục")

    @classmethod
    def can_create_at(cls, parent: Page) -> bool:
        if not super().can_create_at(parent):
            return False
        # One level of nesting: a sub-section's parent must itself sit under the home page.
        specific = parent.specific_class
        return not (specific is SectionPage and parent.get_parent().specific_class is SectionPage)

    @property
    def top_section(self) -> SectionPage:
        parent = self.get_parent()
        return parent.specific if parent.specific_class is SectionPage else self


class ListingPage(ReaderContextMixin, CursorListingMixin, VietnameseSlugMixin, Page):
    """The fixed menu entries: Mới nhất, Tin nóng, Media, Magazine, Infographic, Tin ảnh."""

    class Kind(models.TextChoices):
        LATEST = "latest", _("Mới nhất")
        HOT = "hot", _("Tin nóng")
        MEDIA = "media", _("Media")
        MAGAZINE = "magazine", _("Magazine")
        INFOGRAPHIC = "infographic", _("Infographic")
        PHOTO = "photo", _("Tin ảnh")

    kind = models.CharField(_("loại danh sách"), max_length=20, choices=Kind.choices)
    intro = models.TextField(_("giới thiệu"), blank=True)

    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    content_panels = [*Page.content_panels, FieldPanel("kind"), FieldPanel("intro")]
    template = "sections/listing_page.html"

    class Meta:
        verbose_name = _("trang danh sách")
        verbose_name_plural = _("trang danh sách")
