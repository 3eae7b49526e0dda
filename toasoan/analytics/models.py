"""Read counts: one row per article and hour, written by upsert, never by the reader's request in Redis mode."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ArticleViewHour(models.Model):
    """Views of one article during one clock hour (UTC, truncated)."""

    article = models.ForeignKey("news.ArticlePage", on_delete=models.CASCADE, related_name="+",
                                verbose_name=_("bài viết"))
    # Denormalised primary section, so "Đọc nhiều" of a section reads only this table.
    section_id = models.BigIntegerField(_("chuyên mục"), null=True, blank=True)
    hour = models.DateTimeField(_("giờ"))
    views = models.PositiveIntegerField(_("lượt đọc"), default=0)

    class Meta:
        verbose_name = _("lượt đọc theo giờ")
        verbose_name_plural = _("lượt đọc theo giờ")
        constraints = [models.UniqueConstraint(fields=["article", "hour"], name="analytics_article_hour_uniq")]
        indexes = [
            models.Index(fields=["hour", "article"], name="analytics_hour_idx"),
            models.Index(fields=["section_id", "hour"], name="analytics_section_hour_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.article_id} @ {self.hour:%Y-%m-%d %H}h: {self.views}"


class FlushBatch(models.Model):
    """A batch of counts moved from Redis; its key is written in the same transaction as the counts,
    so a flusher killed between the commit and the Redis delete never applies the batch twice."""

    key = models.CharField(max_length=64, unique=True)
    flushed_at = models.DateTimeField(auto_now_add=True)
    views = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("lô ghi lượt đọc")
        verbose_name_plural = _("lô ghi lượt đọc")

    def __str__(self) -> str:
        return self.key


class SpoolPosition(models.Model):
    """How far ``toasoan spool_views`` has read one beacon spool file written by nginx; updated in the same
    transaction as the counts read, so a tailer killed at any point neither loses nor repeats a beacon."""

    name = models.CharField(max_length=64, unique=True)
    offset = models.BigIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("vị trí đọc tệp lượt đọc")
        verbose_name_plural = _("vị trí đọc tệp lượt đọc")

    def __str__(self) -> str:
        return f"{self.name}@{self.offset}"
