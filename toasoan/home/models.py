from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from toasoan.core.page_context import ReaderContextMixin


class HomePage(ReaderContextMixin, Page):
    """The front page: its lead, featured and Tin nóng places are :class:`FrontSlot` rows; the front itself is
    read by ``home.selectors.home_front`` (context added by ``home.contexts``)."""

    tagline = models.CharField(_("khẩu hiệu"), max_length=255, blank=True)

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["sections.SectionPage", "sections.ListingPage", "events.EventIndexPage"]
    content_panels = [
        *Page.content_panels,
        FieldPanel("tagline"),
    ]
    template = "home/home_page.html"
    max_count = 1

    class Meta:
        verbose_name = _("trang chủ")
        verbose_name_plural = _("trang chủ")


class FrontSlot(models.Model):
    """A curated place on a front (the home page or a section): lead story, featured story or Tin nóng pin.

    Managing editors fill these from the admin ("Trang nhất & chuyên mục"); a slot may expire. An article
    appears at most once per front; empty or expired places are filled with the newest articles.
    """

    class Kind(models.TextChoices):
        LEAD = "lead", _("Bài chính (tin đinh)")
        FEATURED = "featured", _("Bài nổi bật")
        HOT = "hot", _("Tin nóng")

    front = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("trang"), on_delete=models.CASCADE, related_name="front_slots",
        help_text=_("Trang chủ hoặc một chuyên mục."),
    )
    kind = models.CharField(_("vị trí"), max_length=10, choices=Kind.choices, default=Kind.FEATURED)
    article = models.ForeignKey(
        "news.ArticlePage", verbose_name=_("bài viết"), on_delete=models.CASCADE, related_name="front_placements"
    )
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0, help_text=_("Số nhỏ đứng trước."))
    expires_at = models.DateTimeField(_("hết hạn lúc"), null=True, blank=True,
                                      help_text=_("Để trống nếu giữ cho đến khi gỡ."))
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("vị trí trên trang nhất")
        verbose_name_plural = _("trang nhất và trang chuyên mục")
        ordering = ["front", "kind", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["front", "article"], name="front_slot_article_once"),
        ]
        indexes = [models.Index(fields=["front", "kind", "position"], name="front_slot_order_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.article.title}"

    @property
    def is_active(self) -> bool:
        return self.expires_at is None or self.expires_at > timezone.now()

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        from toasoan.sections.models import SectionPage

        if self.front_id and self.front.specific_class not in (HomePage, SectionPage):
            raise ValidationError({"front": _("Chỉ trang chủ và trang chuyên mục có vị trí biên tập.")})
        if self.front_id and self.article_id:
            clash = FrontSlot.objects.filter(front_id=self.front_id, article_id=self.article_id).exclude(pk=self.pk)
            if clash.exists():
                raise ValidationError({"article": _("Bài này đã có một vị trí trên trang này.")})
