"""The legal record (lưu chiểu): deposit copies of every publication, kept unaltered.

A :class:`DepositRecord` is what readers received at a page's public address after a publication (the
response body, byte for byte, with its images and stylesheets as :class:`DepositAsset` rows), with who
approved it and at which workflow step. Records form a hash chain: each carries the SHA-256 of the record
before it, and its own hash covers its content and that link, so a record altered or removed in the
database is found by ``toasoan deposit verify``. Nothing in the product updates or deletes a record: the
model and its querysets refuse, and the admin has no such action.

A :class:`DepositRequest` is written in the publishing transaction (one row) and done by a background task
after the commit; while one is open the admin shows an alert, and failed ones are retried until stored.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class RecordProtectedError(Exception):
    """A deposit record (or its assets) may not be changed or deleted."""


class ImmutableQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise RecordProtectedError(_("Bản lưu chiểu không thể bị sửa."))

    def delete(self):
        raise RecordProtectedError(_("Bản lưu chiểu không thể bị xóa trong thời hạn lưu giữ."))

    def bulk_update(self, *args, **kwargs):
        raise RecordProtectedError(_("Bản lưu chiểu không thể bị sửa."))


class ImmutableModel(models.Model):
    objects = ImmutableQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise RecordProtectedError(_("Bản lưu chiểu không thể bị sửa."))
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise RecordProtectedError(_("Bản lưu chiểu không thể bị xóa trong thời hạn lưu giữ."))


class DepositAsset(ImmutableModel):
    """An image, stylesheet, script or font a deposited page used, stored once per content hash."""

    sha256 = models.CharField(max_length=64, primary_key=True)
    content_type = models.CharField(max_length=200)
    size = models.PositiveBigIntegerField()
    data = models.BinaryField()
    stored_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("tệp đi kèm bản lưu chiểu")
        verbose_name_plural = _("tệp đi kèm bản lưu chiểu")

    def __str__(self) -> str:
        return self.sha256


class DepositReason(models.TextChoices):
    PUBLISH = "publish", _("Xuất bản")
    EDIT = "edit", _("Sửa khi đang đăng")
    CORRECTION = "correction", _("Cải chính")
    TAKEDOWN = "takedown", _("Gỡ bài")
    RESTORE = "restore", _("Khôi phục sau khi gỡ")
    UNPUBLISH = "unpublish", _("Ngừng xuất bản")
    LIVE_UPDATE = "live_update", _("Cập nhật tường thuật")
    FRONT = "front", _("Thay đổi trang nhất/chuyên mục")
    OTHER = "other", _("Khác")


class DepositRecord(ImmutableModel):
    """One version of one page as readers received it. Immutable; chained by ``prev_hash``."""

    seq = models.PositiveBigIntegerField(unique=True, verbose_name=_("số thứ tự"))
    # Not a foreign key: deleting the page keeps its records.
    page_id = models.BigIntegerField(db_index=True, verbose_name=_("mã trang"))
    page_type = models.CharField(max_length=100, verbose_name=_("loại trang"))
    title = models.CharField(max_length=500, verbose_name=_("tiêu đề"))
    url = models.URLField(max_length=1000, verbose_name=_("địa chỉ công khai"))
    revision_id = models.BigIntegerField(null=True, blank=True, verbose_name=_("phiên bản"))
    reason = models.CharField(max_length=20, choices=DepositReason.choices, verbose_name=_("lý do"))
    captured_at = models.DateTimeField(db_index=True, verbose_name=_("thời điểm lưu"))
    published_at = models.DateTimeField(null=True, blank=True, verbose_name=_("thời điểm xuất bản"))
    status_code = models.PositiveSmallIntegerField(verbose_name=_("mã trả lời"))
    content_type = models.CharField(max_length=200)
    body = models.BinaryField()
    content_sha256 = models.CharField(max_length=64, db_index=True, verbose_name=_("SHA-256 nội dung"))
    # [{"url": ..., "sha256": ... | None, "content_type": ..., "missing": "..."}] in document order.
    assets = models.JSONField(default=list)
    # [{"name": ..., "username": ..., "step": ..., "at": iso}] in approval order.
    approvers = models.JSONField(default=list, verbose_name=_("người duyệt"))
    workflow_step = models.CharField(max_length=255, blank=True, verbose_name=_("bước quy trình"))
    actor = models.CharField(max_length=255, blank=True, verbose_name=_("người thực hiện"))
    note = models.TextField(blank=True, verbose_name=_("ghi chú"))
    prev_hash = models.CharField(max_length=64, verbose_name=_("mã băm bản trước"))
    record_hash = models.CharField(max_length=64, unique=True, verbose_name=_("mã băm bản lưu"))

    class Meta:
        ordering = ["seq"]
        indexes = [models.Index(fields=["page_id", "seq"], name="record_page_seq")]
        verbose_name = _("bản lưu chiểu")
        verbose_name_plural = _("bản lưu chiểu")

    def __str__(self) -> str:
        return f"#{self.seq} {self.title}"


class DepositChain(models.Model):
    """The head of the chain (one row): the last record's number and hash, locked while a record is added, so
    records are appended one at a time and a removed last record is noticed too."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    last_seq = models.PositiveBigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default="0" * 64)

    class Meta:
        verbose_name = _("chuỗi lưu chiểu")

    def __str__(self) -> str:
        return f"#{self.last_seq} {self.last_hash}"


class DepositRequest(models.Model):
    """A publication waiting for (or given) its deposit record. Written in the publishing transaction."""

    page_id = models.BigIntegerField(db_index=True)
    revision_id = models.BigIntegerField(null=True, blank=True)
    reason = models.CharField(max_length=20, choices=DepositReason.choices)
    actor_id = models.BigIntegerField(null=True, blank=True)
    note = models.TextField(blank=True)
    requested_at = models.DateTimeField(auto_now_add=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    record = models.ForeignKey(DepositRecord, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    done_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = _("yêu cầu lưu chiểu")

    def __str__(self) -> str:
        return f"{self.page_id} {self.reason} {self.requested_at}"


class Correction(models.Model):
    """A correction (cải chính) attached to a published story: what was wrong, what is right, an apology.

    Shown on the story as a dated note and, in the form the press law asks for ("Thông tin cải chính, xin
    lỗi": the work's title, section and date, the error and the correct information), at /cai-chinh/. The
    story's title, section and date are copied, so the notice stays whole whatever becomes of the story.
    """

    page = models.ForeignKey("wagtailcore.Page", null=True, on_delete=models.SET_NULL, related_name="+")
    page_id_kept = models.BigIntegerField(db_index=True)
    title = models.CharField(_("tên tác phẩm"), max_length=500)
    section = models.CharField(_("chuyên mục"), max_length=255, blank=True)
    story_published_at = models.DateTimeField(_("ngày đăng tác phẩm"), null=True, blank=True)
    url = models.CharField(max_length=1000, blank=True)
    wrong = models.TextField(_("nội dung sai"))
    right = models.TextField(_("thông tin đúng"))
    apology = models.TextField(_("lời xin lỗi"), blank=True)
    created_at = models.DateTimeField(_("ngày cải chính"), auto_now_add=True, db_index=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("cải chính")
        verbose_name_plural = _("cải chính")

    def __str__(self) -> str:
        return f"{self.title} ({self.created_at:%d/%m/%Y})" if self.created_at else self.title


class Takedown(models.Model):
    """A story taken down (gỡ bài): unpublished for readers, who get a short notice (410), and kept, with its
    deposit records, for the editors and the inspector. ``restored_at`` is set when it is put back."""

    page = models.ForeignKey("wagtailcore.Page", null=True, on_delete=models.SET_NULL, related_name="+")
    page_id_kept = models.BigIntegerField(db_index=True)
    title = models.CharField(max_length=500)
    revision_id = models.BigIntegerField(null=True, blank=True)  # the version that was live, restored as it was
    reason = models.TextField(_("lý do gỡ"))
    taken_at = models.DateTimeField(auto_now_add=True)
    taken_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    restored_at = models.DateTimeField(null=True, blank=True)
    restored_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")

    class Meta:
        ordering = ["-taken_at", "-pk"]
        verbose_name = _("bài bị gỡ")
        verbose_name_plural = _("bài bị gỡ")

    def __str__(self) -> str:
        return self.title
