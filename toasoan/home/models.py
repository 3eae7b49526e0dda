from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable, Page


class HomePage(Page):
    """The front page. Tin nóng pins live here (curated fronts build on them)."""

    tagline = models.CharField(_("khẩu hiệu"), max_length=255, blank=True)

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["sections.SectionPage", "sections.ListingPage", "events.EventIndexPage"]
    content_panels = [
        *Page.content_panels,
        FieldPanel("tagline"),
        MultiFieldPanel([InlinePanel("hot_pins", label=_("Tin nóng"))], heading=_("Tin nóng do biên tập chọn")),
    ]
    template = "home/home_page.html"
    max_count = 1

    class Meta:
        verbose_name = _("trang chủ")
        verbose_name_plural = _("trang chủ")

    def get_context(self, request, *args, **kwargs):
        from toasoan.news import selectors

        context = super().get_context(request, *args, **kwargs)
        context["front"] = selectors.home_front(home=self)
        return context


class HotPin(Orderable):
    """An editor-pinned story for Tin nóng, optionally until a given time."""

    home = ParentalKey(HomePage, related_name="hot_pins", on_delete=models.CASCADE)
    article = models.ForeignKey(
        "news.ArticlePage", verbose_name=_("bài viết"), on_delete=models.CASCADE, related_name="+"
    )
    expires_at = models.DateTimeField(_("hết hạn lúc"), null=True, blank=True)

    panels = [FieldPanel("article"), FieldPanel("expires_at")]

    class Meta(Orderable.Meta):
        verbose_name = _("tin nóng")
        verbose_name_plural = _("tin nóng")

    @property
    def is_active(self) -> bool:
        return self.expires_at is None or self.expires_at > timezone.now()
