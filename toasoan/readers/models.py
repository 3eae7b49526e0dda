"""Reader accounts (tài khoản bạn đọc): readers who comment under their own account instead of giving a name and
an email address every time (docs/security.md, "Tài khoản bạn đọc").

A reader is *not* a newsroom user: a separate table, never ``request.user``, no permission, no group, no way into
``/admin/`` (its sign-in looks up ``users.User`` only). The reader's session lives in its own cookie, limited to
``/binh-luan/``, so that the story pages and their caches never see it (``toasoan.readers.sessions``).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.contrib.auth.hashers import check_password, make_password
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from toasoan.readers import conf

# What django-axes counts a reader's failed sign-ins under: its own namespace, so that a staff login named like a
# reader's email address is never locked by the reader's failures (nor the other way round).
AXES_PREFIX = "ban-doc:"


class Reader(models.Model):
    email = models.EmailField(_("thư điện tử"), max_length=254, unique=True,
                              help_text=_("Lưu chữ thường: «An@Example.vn» và «an@example.vn» là một địa chỉ."))
    display_name = models.CharField(_("tên hiển thị"), max_length=80)
    password = models.CharField(_("mật khẩu (đã băm)"), max_length=128)
    created_at = models.DateTimeField(_("đăng ký lúc"))
    last_sign_in_at = models.DateTimeField(_("đăng nhập lần cuối"), null=True, blank=True)
    consent_at = models.DateTimeField(_("đồng ý xử lý dữ liệu lúc"))
    consent_version = models.CharField(_("phiên bản lời đồng ý"), max_length=20)
    # Set when the reader opened the link sent to the address (or reset the password through one): until then the
    # address may be someone else's, and the account's comments wait for the moderators (comments.services).
    email_confirmed_at = models.DateTimeField(_("xác nhận thư điện tử lúc"), null=True, blank=True)
    # The mobile number the account verified by a code (comment phone verification, when it is on), as 0xxxxxxxxx,
    # and when: its comments need no new code until the number changes or READERS_PHONE_VERIFIED_DAYS pass.
    phone = models.CharField(_("số điện thoại đã xác thực"), max_length=20, blank=True)
    phone_verified_at = models.DateTimeField(_("xác thực số điện thoại lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("tài khoản bạn đọc")
        verbose_name_plural = _("tài khoản bạn đọc")
        constraints = [models.UniqueConstraint(Lower("email"), name="reader_email_ci_unique")]

    def __str__(self) -> str:
        return self.display_name

    @property
    def confirmed(self) -> bool:
        return self.email_confirmed_at is not None

    def verified_phone(self, *, now: datetime | None = None) -> str:
        """The account's verified number while its verification holds, else ``""``."""
        days = conf.phone_verified_days()
        if not self.phone or self.phone_verified_at is None or days <= 0:
            return ""
        return self.phone if (now or timezone.now()) < self.phone_verified_at + timedelta(days=days) else ""

    def set_password(self, raw: str) -> None:
        self.password = make_password(raw)

    def check_password(self, raw: str) -> bool:
        """The password matches; an old hash is upgraded to the current hasher on the way."""

        def upgrade(raw_password: str) -> None:
            self.set_password(raw_password)
            type(self).objects.filter(pk=self.pk).update(password=self.password)

        return check_password(raw, self.password, upgrade)

    def get_username(self) -> str:
        """The name django-axes counts failures under."""
        return AXES_PREFIX + self.email
