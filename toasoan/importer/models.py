"""What the importer remembers about each imported source, so a re-import is safe.

One :class:`ImportRecord` per source item (a scraped page, a WXR post, a feed entry, a wire item):
its identity (``source_key``, also stored on the article), the hash of the content last imported,
the revision the import made and who ran it. With it a re-import can tell "nothing changed" from
"the source changed" from "an editor changed the article since" (a conflict, never overwritten
unless forced) and never republishes a story an editor took down.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportRecord(models.Model):
    source_key = models.CharField(_("khóa nguồn"), max_length=255, unique=True)
    kind = models.CharField(_("loại nguồn"), max_length=20)
    article = models.ForeignKey(
        "news.ArticlePage", verbose_name=_("bài viết"), on_delete=models.CASCADE, related_name="import_records"
    )
    # The old address (WXR permalink, feed link, canonical URL); "" for scraped text.
    source_url = models.CharField(_("địa chỉ cũ"), max_length=2000, blank=True)
    # The file the item was read from, for people reading the record; never used as identity.
    file_name = models.CharField(_("tệp"), max_length=500, blank=True)
    content_hash = models.CharField(_("mã băm nội dung"), max_length=64)
    revision = models.ForeignKey(
        "wagtailcore.Revision", verbose_name=_("phiên bản do lần nhập tạo"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người chạy lệnh nhập"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    imported_at = models.DateTimeField(_("thời điểm nhập"), auto_now=True)

    class Meta:
        verbose_name = _("bản ghi nhập bài")
        verbose_name_plural = _("bản ghi nhập bài")

    def __str__(self) -> str:
        return self.source_key
