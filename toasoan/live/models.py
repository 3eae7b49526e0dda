"""Live coverage (tường thuật trực tiếp): a published article followed by short timestamped updates.

An update is posted from the composer in the admin without saving the article (no revision, no workflow):
the article was reviewed when it went live; each update is the desk's word, signed and timestamped.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

TEXT_MAX_LENGTH = 5000


class LiveCoverage(models.Model):
    article = models.OneToOneField("news.ArticlePage", verbose_name=_("bài viết"), on_delete=models.CASCADE,
                                   related_name="live_coverage")
    started_at = models.DateTimeField(_("bắt đầu lúc"))
    ended_at = models.DateTimeField(_("kết thúc lúc"), null=True, blank=True)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người mở"), null=True,
                                   on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("tường thuật trực tiếp")
        verbose_name_plural = _("tường thuật trực tiếp")

    def __str__(self) -> str:
        return str(self.article_id)

    @property
    def is_running(self) -> bool:
        return self.ended_at is None


class UpdateKind(models.TextChoices):
    TEXT = "text", _("Tin ngắn")
    IMAGE = "image", _("Ảnh")
    QUOTE = "quote", _("Trích dẫn")
    EMBED = "embed", _("Nhúng (video, mạng xã hội)")


class LiveUpdate(models.Model):
    coverage = models.ForeignKey(LiveCoverage, on_delete=models.CASCADE, related_name="updates")
    kind = models.CharField(_("loại"), max_length=10, choices=UpdateKind.choices, default=UpdateKind.TEXT)
    text = models.TextField(_("nội dung"), max_length=TEXT_MAX_LENGTH)
    image = models.ForeignKey(settings.WAGTAILIMAGES_IMAGE_MODEL, verbose_name=_("ảnh"), null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")
    quote_source = models.CharField(_("người được trích"), max_length=200, blank=True)
    embed_url = models.URLField(_("địa chỉ nhúng"), blank=True)
    pinned = models.BooleanField(_("ghim lên đầu"), default=False)
    created_at = models.DateTimeField(_("đăng lúc"), db_index=True)
    edited_at = models.DateTimeField(_("sửa lúc"), null=True, blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người đăng"), null=True,
                               on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("cập nhật trực tiếp")
        verbose_name_plural = _("cập nhật trực tiếp")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["coverage", "-created_at", "-id"], name="live_update_latest_idx")]

    def __str__(self) -> str:
        return self.text[:60]

    @property
    def anchor(self) -> str:
        return f"cap-nhat-{self.pk}"
