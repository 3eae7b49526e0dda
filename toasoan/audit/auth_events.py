"""Sign-ins, sign-outs, failed sign-ins, lockouts and second-factor changes in the audit trail. Passwords and
codes are never logged; a failed sign-in with a name no account has is logged with that name."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _

from toasoan.audit import services
from toasoan.readers.models import AXES_PREFIX as READER_PREFIX

MAX_USERNAME = services.MAX_USERNAME


def _account(username: str):
    return get_user_model().objects.filter(username=username).first() if username else None


def on_logged_in(sender, request, user, **kwargs) -> None:
    services.record(instance=user, action="toasoan.login", user=user)


def on_logged_out(sender, request, user=None, **kwargs) -> None:
    if user is not None and user.pk:
        services.record(instance=user, action="toasoan.logout", user=user)


def on_login_failed(sender, credentials, request=None, **kwargs) -> None:
    username = str(credentials.get("username", ""))[:MAX_USERNAME]
    account = _account(username)
    if account is None:
        services.record_unknown_account(action="toasoan.login_failed", username=username,
                                        data={"username": username})
    else:
        services.record(instance=account, action="toasoan.login_failed", data={"username": username})


def on_locked_out(sender, request=None, username=None, ip_address=None, **kwargs) -> None:
    """django-axes refused a sign-in: too many failures for this account or from this address. A reader account's
    lock (django-axes counts it under ``ban-doc:<address>``) is logged without the address: the log is kept for
    good, a reader's address is erased on request (docs/security.md)."""
    username = str(username or "")[:MAX_USERNAME]
    if username.startswith(READER_PREFIX):
        services.record_unknown_account(action="toasoan.login_locked", username="", data={"reader_account": True},
                                        label=_("Một tài khoản bạn đọc (không ghi địa chỉ)"))
        return
    account = _account(username)
    data = {"username": username}
    if account is None:
        services.record_unknown_account(action="toasoan.login_locked", username=username, data=data)
    else:
        services.record(instance=account, action="toasoan.login_locked", data=data)


def on_second_factor_failed(*, user) -> None:
    services.record(instance=user, action="toasoan.2fa_failed", user=user)


def on_totp_saved(sender, instance, created=False, update_fields=None, raw=False, **kwargs) -> None:
    """An authenticator app confirmed (set up): pending devices are saved unconfirmed first."""
    if raw or not instance.confirmed:
        return
    if created or (update_fields is not None and "confirmed" in update_fields):
        services.record(instance=instance.user, action="toasoan.2fa_enabled", data={"device": instance.name[:100]})


def on_totp_deleted(sender, instance, **kwargs) -> None:
    if instance.confirmed:
        services.record(instance=instance.user, action="toasoan.2fa_removed", data={"device": instance.name[:100]})


def on_recovery_codes_made(sender, instance, created=False, raw=False, **kwargs) -> None:
    if created and not raw:
        services.record(instance=instance.user, action="toasoan.2fa_recovery_codes")


def connect() -> None:
    from axes.signals import user_locked_out
    from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
    from django.db.models.signals import post_delete, post_save
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user_logged_in.connect(on_logged_in, dispatch_uid="toasoan_audit_logged_in")
    user_logged_out.connect(on_logged_out, dispatch_uid="toasoan_audit_logged_out")
    user_login_failed.connect(on_login_failed, dispatch_uid="toasoan_audit_login_failed")
    user_locked_out.connect(on_locked_out, dispatch_uid="toasoan_audit_locked_out")
    post_save.connect(on_totp_saved, sender=TOTPDevice, dispatch_uid="toasoan_audit_totp_saved")
    post_delete.connect(on_totp_deleted, sender=TOTPDevice, dispatch_uid="toasoan_audit_totp_deleted")
    post_save.connect(on_recovery_codes_made, sender=StaticDevice, dispatch_uid="toasoan_audit_recovery_codes")
