"""Reader accounts: sign up, sign in (through django-axes, like the newsroom's sign-in), export and delete.

Every refusal is a ``ValidationError`` with a Vietnamese message for the reader and a ``code``.
"""

from __future__ import annotations

import unicodedata

from axes.handlers.proxy import AxesProxyHandler
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from toasoan.comments import conf as comments_conf
from toasoan.comments import privacy, ratelimit
from toasoan.core.text import fold, normalize_line
from toasoan.readers import conf, tasks, tokens
from toasoan.readers.models import AXES_PREFIX, Reader

NAME_MIN = 2
# Names a reader cannot take: they would pass for the paper speaking (compared folded: "Tòa soạn", "TOA SOAN").
RESERVED_NAMES = frozenset({"toa soan", "ban bien tap", "bien tap vien", "admin", "administrator", "quan tri",
                            "quan tri vien", "kiem duyet", "moderator", "tong bien tap"})
# Bidirectional overrides and other invisible format characters would let a name read differently than it is.
_DROPPED_CATEGORIES = frozenset({"Cc", "Cf", "Co", "Cs", "Cn"})


def normalise_email(email: str) -> str:
    return unicodedata.normalize("NFC", (email or "").strip()).lower()


def clean_name(name: str) -> str:
    """The display name as shown: one line, NFC, without control or invisible format characters (emoji stay)."""
    name = "".join(ch for ch in normalize_line(name or "") if unicodedata.category(ch) not in _DROPPED_CATEGORIES)
    name = normalize_line(name)
    if len(name) < NAME_MIN:
        raise ValidationError(_("Tên hiển thị cần ít nhất %(n)d ký tự.") % {"n": NAME_MIN}, code="name")
    if " ".join(fold(name).split()) in RESERVED_NAMES:
        raise ValidationError(_("Tên «%(name)s» dành cho tòa soạn; hãy chọn tên khác.") % {"name": name},
                              code="name")
    return name


def _client_key(request: HttpRequest) -> str:
    return comments_conf.keyed_hash("ip", request.META.get("REMOTE_ADDR", ""))


def sign_up(*, request: HttpRequest, email: str, display_name: str, password: str, consent: bool) -> Reader:
    """Open an account. Refused without consent, with an address that already has one (in any letter case),
    or when this client opened too many accounts lately."""
    if not consent:
        raise ValidationError(_("Bạn cần đồng ý cho tòa soạn xử lý dữ liệu cá nhân thì mới mở được tài khoản."),
                              code="consent")
    email = normalise_email(email)
    name = clean_name(display_name)
    # Counted before the address is looked up, so that sign-up cannot be used to test many addresses.
    wait = ratelimit.hit(key=f"signup:{_client_key(request)}", rate=comments_conf.rate_from(conf.signup_rate()))
    if wait:
        raise ValidationError(_("Có quá nhiều tài khoản được mở từ nơi bạn truy cập. Vui lòng thử lại sau "
                                "khoảng %(minutes)d phút.") % {"minutes": max(1, round(wait / 60))}, code="rate")
    if Reader.objects.filter(email__iexact=email).exists():
        raise ValidationError(_("Địa chỉ thư điện tử này đã có tài khoản. Hãy đăng nhập, hoặc dùng địa chỉ khác."),
                              code="duplicate")
    now = timezone.now()
    reader = Reader(email=email, display_name=name, created_at=now, consent_at=now,
                    consent_version=conf.CONSENT_VERSION)
    reader.set_password(password)
    try:
        with transaction.atomic():
            reader.save()
    except IntegrityError as error:  # the same address, signed up at the same moment
        raise ValidationError(_("Địa chỉ thư điện tử này đã có tài khoản. Hãy đăng nhập, hoặc dùng địa chỉ "
                                "khác."), code="duplicate") from error
    _mail(request=request, reader=reader, purpose=tokens.CONFIRM)
    return reader


def _origin(request: HttpRequest) -> str:
    return f"{request.scheme}://{request.get_host()}"


def _mail_wait(key: str) -> int:
    return ratelimit.hit(key=key, rate=comments_conf.rate_from(conf.mail_rate()))


def _mail(*, request: HttpRequest, reader: Reader, purpose: str) -> int:
    """Queue an email with a link for ``purpose``, unless the account received too many lately (then the seconds
    to wait)."""
    wait = _mail_wait(f"mail-to:{reader.pk}")
    if not wait:
        tasks.send_link.enqueue(reader.pk, purpose, _origin(request))
    return wait


def _mail_refused(wait: int) -> ValidationError:
    return ValidationError(_("Bạn đã yêu cầu nhiều thư quá. Vui lòng thử lại sau khoảng %(minutes)d phút.")
                           % {"minutes": max(1, round(wait / 60))}, code="rate")


def request_reset(*, request: HttpRequest, email: str) -> None:
    """Mail a password-reset link to ``email`` if it has an account. Says nothing of whether it has one: the
    client's limit is counted before the lookup, the account's limit is silent, and the mail leaves from the
    task worker."""
    wait = _mail_wait(f"mail:{_client_key(request)}")
    if wait:
        raise _mail_refused(wait)
    reader = Reader.objects.filter(email=normalise_email(email)).first()
    if reader is not None:
        _mail(request=request, reader=reader, purpose=tokens.RESET)


def resend_confirmation(*, request: HttpRequest, reader: Reader) -> None:
    if reader.confirmed:
        return
    wait = _mail(request=request, reader=reader, purpose=tokens.CONFIRM)
    if wait:
        raise _mail_refused(wait)


def reset_password(*, token: str, password: str) -> Reader:
    """Set the password of the link's reader (validated by the form) and spend the link. The link came to the
    address, so the address is confirmed too; the account's sign-in lock is lifted."""
    with transaction.atomic():
        reader = tokens.check(token=token, purpose=tokens.RESET, lock=True)
        now = timezone.now()
        reader.set_password(password)
        reader.last_sign_in_at = now
        reader.email_confirmed_at = reader.email_confirmed_at or now
        reader.save(update_fields=["password", "last_sign_in_at", "email_confirmed_at"])
    AxesProxyHandler.reset_attempts(username=reader.get_username())
    return reader


def confirm_email(*, token: str) -> Reader:
    with transaction.atomic():
        reader = tokens.check(token=token, purpose=tokens.CONFIRM, lock=True)
        reader.email_confirmed_at = timezone.now()
        reader.save(update_fields=["email_confirmed_at"])
    return reader


def _credentials(email: str) -> dict:
    return {settings.AXES_USERNAME_FORM_FIELD: AXES_PREFIX + email}


def _locked_message() -> str:
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return _("Đăng nhập sai quá %(limit)d lần: tài khoản này và nơi bạn truy cập bị tạm khóa đăng nhập "
             "%(minutes)d phút.") % {"limit": settings.AXES_FAILURE_LIMIT, "minutes": minutes}


def authenticate(*, request: HttpRequest, email: str, password: str) -> Reader:
    """The reader with this address and password. django-axes counts each failure against the address (under
    ``ban-doc:``) and the client, exactly as for the newsroom's sign-in, and refuses while either is locked."""
    email = normalise_email(email)
    credentials = _credentials(email)
    if not AxesProxyHandler.is_allowed(request, credentials):
        raise ValidationError(_locked_message(), code="locked")
    reader = Reader.objects.filter(email=email).first()
    if reader is None:
        make_password(password)  # the same time whether the account exists or not
    elif reader.check_password(password):
        AxesProxyHandler.reset_attempts(username=credentials[settings.AXES_USERNAME_FORM_FIELD])
        Reader.objects.filter(pk=reader.pk).update(last_sign_in_at=timezone.now())
        return reader
    AxesProxyHandler.user_login_failed(sender=Reader, credentials=credentials, request=request)
    if getattr(request, "axes_locked_out", False):
        # The lockout is recorded; the reader's form says so itself (AxesMiddleware would put the newsroom's
        # lockout page in its place).
        request.axes_locked_out = False
        raise ValidationError(_locked_message(), code="locked")
    raise ValidationError(_("Thư điện tử hoặc mật khẩu không đúng."), code="invalid")


def export(*, reader: Reader) -> dict:
    """Everything the paper keeps about the account and its comments (and the address's other comments)."""
    return {
        "account": {
            "email": reader.email, "display_name": reader.display_name, "created_at": reader.created_at.isoformat(),
            "last_sign_in_at": reader.last_sign_in_at.isoformat() if reader.last_sign_in_at else None,
            "consent_at": reader.consent_at.isoformat(), "consent_version": reader.consent_version,
            "email_confirmed_at": reader.email_confirmed_at.isoformat() if reader.email_confirmed_at else None,
        },
        **privacy.export_by_email(email=reader.email, reader_id=reader.pk),
    }


def delete(*, reader: Reader) -> int:
    """Delete the account, its comments (and the address's other comments) and its sign-in records; returns the
    number of comments deleted."""
    username = reader.get_username()
    with transaction.atomic():
        count = privacy.erase_by_email(email=reader.email, reader_id=reader.pk)
        for model in (AccessAttempt, AccessFailureLog, AccessLog):
            model.objects.filter(username=username).delete()
        reader.delete()
    return count
