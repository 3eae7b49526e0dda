"""Readers' comments under a story, and what the moderation desk keeps to look after them (docs/newsroom.md,
"Bình luận của bạn đọc"; personal data: docs/security.md, "Dữ liệu của bạn đọc").

A comment is plain text, written by a reader who gives a name and an email address and ticks the consent box
(Vietnam's personal-data law). Personal data — email, phone, the client's address — is kept on the comment for
the moderators only, and for as long as the retention settings say (``toasoan.comments.privacy``): the address
is also kept as a keyed hash (``ip_hash``), and the email as one (``email_hash``), so that bans, rate limits and
requests by email still work after the clear values are gone.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

HASH_LENGTH = 64


class Status(models.TextChoices):
    PENDING = "pending", _("Chờ duyệt")
    APPROVED = "approved", _("Đã duyệt")
    REJECTED = "rejected", _("Đã từ chối")


class HeldBecause(models.TextChoices):
    """Why a comment waits in the queue (shown to the moderator)."""

    NONE = "", _("—")
    PREMODERATION = "premoderation", _("Duyệt trước (mặc định)")
    WORD = "word", _("Có từ trong danh sách lọc")
    LINK = "link", _("Có đường dẫn")
    REPORTS = "reports", _("Bạn đọc báo cáo")


class Mode(models.TextChoices):
    PRE = "pre", _("Duyệt trước khi hiện")
    POST = "post", _("Hiện ngay, duyệt sau")
    CLOSED = "closed", _("Đóng bình luận")


class Comment(models.Model):
    article = models.ForeignKey("news.ArticlePage", verbose_name=_("bài viết"), on_delete=models.CASCADE,
                                related_name="+")
    # One level of replies: a reply to a reply is attached to the same top-level comment.
    parent = models.ForeignKey("self", verbose_name=_("trả lời bình luận"), null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="replies")
    name = models.CharField(_("tên hiển thị"), max_length=80)
    body = models.TextField(_("nội dung"))
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status.choices, default=Status.PENDING,
                              db_index=True)
    held_because = models.CharField(_("lý do giữ lại"), max_length=20, choices=HeldBecause.choices, blank=True)
    held_detail = models.CharField(_("chi tiết"), max_length=200, blank=True)
    flagged = models.BooleanField(_("bị báo cáo, chưa xem lại"), default=False)
    reject_reason = models.CharField(_("lý do từ chối"), max_length=300, blank=True)
    edited_by_moderator = models.BooleanField(_("đã được biên tập"), default=False)
    like_count = models.PositiveIntegerField(_("lượt thích"), default=0)
    report_count = models.PositiveIntegerField(_("lượt báo cáo"), default=0)
    created_at = models.DateTimeField(_("gửi lúc"), db_index=True)
    moderated_at = models.DateTimeField(_("duyệt lúc"), null=True, blank=True)
    moderated_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người duyệt"), null=True,
                                     blank=True, on_delete=models.SET_NULL, related_name="+")
    # Personal data: moderators only; cleared after the retention periods (toasoan.comments.privacy).
    email = models.EmailField(_("thư điện tử"), blank=True)
    phone = models.CharField(_("số điện thoại"), max_length=20, blank=True)
    phone_verified = models.BooleanField(_("đã xác thực số điện thoại"), default=False)
    ip = models.GenericIPAddressField(_("địa chỉ IP"), null=True, blank=True)
    ip_hash = models.CharField(max_length=HASH_LENGTH, blank=True, db_index=True)
    email_hash = models.CharField(max_length=HASH_LENGTH, blank=True, db_index=True)
    contact_cleared_at = models.DateTimeField(_("xóa thông tin liên hệ lúc"), null=True, blank=True)
    consent_at = models.DateTimeField(_("đồng ý xử lý dữ liệu lúc"))
    consent_version = models.CharField(_("phiên bản lời đồng ý"), max_length=20)
    # Sent from a reader account (toasoan/readers): name, email and consent come from the account. Deleting the
    # account deletes its comments.
    reader = models.ForeignKey("readers.Reader", verbose_name=_("tài khoản bạn đọc"), null=True, blank=True,
                               on_delete=models.CASCADE, related_name="comments")

    class Meta:
        verbose_name = _("bình luận")
        verbose_name_plural = _("bình luận")
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["article", "status", "created_at"], name="comment_article_idx"),
            models.Index(fields=["status", "created_at"], name="comment_queue_idx"),
        ]
        permissions = [("moderate_comment", _("Kiểm duyệt bình luận, xem dữ liệu cá nhân của bạn đọc"))]

    def __str__(self) -> str:
        return f"{self.name}: {self.body[:60]}"

    @property
    def anchor(self) -> str:
        return f"binh-luan-{self.pk}"


class CommentLike(models.Model):
    """One like per client (keyed hash of address and browser); the row goes with the retention of addresses,
    the count stays on the comment."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="likes")
    client_hash = models.CharField(max_length=HASH_LENGTH)
    created_at = models.DateTimeField(db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["comment", "client_hash"], name="comment_like_once")]

    def __str__(self) -> str:
        return str(self.comment_id)


class CommentReport(models.Model):
    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="reports")
    client_hash = models.CharField(max_length=HASH_LENGTH)
    reason = models.CharField(_("lý do"), max_length=300, blank=True)
    created_at = models.DateTimeField(db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["comment", "client_hash"], name="comment_report_once")]

    def __str__(self) -> str:
        return f"{self.comment_id}: {self.reason[:60]}"


class BlockedWord(models.Model):
    """A word or phrase that holds a comment for the moderators (matched after normalisation: see text.py)."""

    phrase = models.CharField(_("từ hoặc cụm từ"), max_length=100, unique=True)
    note = models.CharField(_("ghi chú"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("thêm lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("từ cần lọc")
        verbose_name_plural = _("danh sách từ cần lọc")
        ordering = ["phrase"]

    def __str__(self) -> str:
        return self.phrase


class Ban(models.Model):
    class Kind(models.TextChoices):
        EMAIL = "email", _("Thư điện tử")
        IP = "ip", _("Địa chỉ IP")

    kind = models.CharField(_("chặn theo"), max_length=10, choices=Kind.choices)
    value_hash = models.CharField(max_length=HASH_LENGTH, db_index=True)
    label = models.CharField(_("nhận diện"), max_length=120, blank=True,
                             help_text=_("Tên hiển thị của người bị chặn, để nhận ra; không lưu thư điện tử hay IP."))
    reason = models.CharField(_("lý do"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("chặn lúc"), auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người chặn"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    expires_at = models.DateTimeField(_("hết hạn lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("lệnh chặn bình luận")
        verbose_name_plural = _("lệnh chặn bình luận")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.label or self.value_hash[:10]}"


class CommentPolicy(models.Model):
    """How a section (and the stories under it) or one story takes comments; the nearest one wins."""

    page = models.OneToOneField("wagtailcore.Page", verbose_name=_("chuyên mục hoặc bài viết"),
                                on_delete=models.CASCADE, related_name="+")
    mode = models.CharField(_("chế độ"), max_length=10, choices=Mode.choices, default=Mode.PRE)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("chế độ bình luận")
        verbose_name_plural = _("chế độ bình luận")

    def __str__(self) -> str:
        return f"{self.page_id}: {self.get_mode_display()}"
