"""Reader accounts: sign up, sign in (through django-axes, like the newsroom's sign-in), export and delete.

Every refusal is a ``ValidationError`` with a Vietnamese message for the reader and a ``code``.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

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


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def _sign_in_records(reader: Reader) -> dict:
    """What django-axes keeps of the account's sign-ins, with the client's address and browser: the wrong passwords
    it counts towards a lock (until the next right one), and its access and failure logs where they are on."""
    username = reader.get_username()
    return {
        "sign_ins": [{"at": _iso(row.attempt_time), "ip": row.ip_address, "browser": row.user_agent,
                      "signed_out_at": _iso(row.logout_time)}
                     for row in AccessLog.objects.filter(username=username).order_by("attempt_time")],
        "failed_sign_ins": [{"at": _iso(row.attempt_time), "ip": row.ip_address, "browser": row.user_agent}
                            for row in AccessFailureLog.objects.filter(username=username).order_by("attempt_time")],
        "failures_counted": [{"at": _iso(row.attempt_time), "ip": row.ip_address, "browser": row.user_agent,
                              "failures": row.failures_since_start}
                             for row in AccessAttempt.objects.filter(username=username).order_by("attempt_time")],
    }


def account_data(*, reader: Reader) -> dict:
    """The account itself, for an export: address, name, times, consent, verified phone, sign-in records."""
    return {
        "email": reader.email, "display_name": reader.display_name, "created_at": _iso(reader.created_at),
        "last_sign_in_at": _iso(reader.last_sign_in_at), "consent_at": _iso(reader.consent_at),
        "consent_version": reader.consent_version, "email_confirmed_at": _iso(reader.email_confirmed_at),
        "phone": reader.phone, "phone_verified_at": _iso(reader.phone_verified_at),
        **_sign_in_records(reader),
    }


def export(*, reader: Reader) -> dict:
    """Everything the paper keeps about the account and its comments (and the address's other comments)."""
    return {"account": account_data(reader=reader),
            **privacy.export_by_email(email=reader.email, reader_id=reader.pk)}


def forget_sign_ins(*, emails: list[str]) -> None:
    """Delete django-axes' records (sign-ins, failures, locks) of the accounts with these addresses."""
    usernames = [AXES_PREFIX + email for email in emails]
    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        model.objects.filter(username__in=usernames).delete()


def _remove(reader: Reader) -> None:
    """The account's row and its sign-in records; its sessions and emailed links stop working with the row, and
    its verified phone number goes with it."""
    forget_sign_ins(emails=[reader.email])
    reader.delete()


def delete(*, reader: Reader) -> int:
    """The reader deletes their account: the account, its comments (and the address's other comments) and its
    sign-in records; returns the number of comments deleted."""
    with transaction.atomic():
        count = privacy.erase_by_email(email=reader.email, reader_id=reader.pk)
        _remove(reader)
    return count


def export_on_request(*, email: str, user=None) -> dict:
    """A reader's request for their data, carried out by a moderator (screen) or on the server (command, ``user``
    None): the account with this address, if there is one, and every comment of the account or the address."""
    reader = Reader.objects.filter(email=normalise_email(email)).first()
    data = privacy.export_by_email(email=email, reader_id=reader.pk if reader else None, user=user)
    return {"account": account_data(reader=reader) if reader else None, **data}


@dataclass(frozen=True)
class Erasure:
    comments: int  # comments whose personal data was erased (or which were deleted, with ``remove_text``)
    account: bool  # a reader account was deleted


def erase_on_request(*, email: str, user=None, remove_text: bool = False) -> Erasure:
    """A reader's request for erasure, carried out by a moderator (screen) or on the server (command): the account
    with this address (its row, sign-in records, verified phone; its sessions and links stop working) is deleted,
    and every comment of the account or the address loses its personal data, its text staying on the stories under
    a neutral name (``remove_text``: the comments are deleted instead, when the reader asks for that too). One audit
    entry says who did it and which comments, never whose."""
    with transaction.atomic():
        reader = Reader.objects.select_for_update().filter(email=normalise_email(email)).first()
        reader_id = reader.pk if reader else None
        erase = privacy.erase_by_email if remove_text else privacy.anonymise_by_email
        count = erase(email=email, reader_id=reader_id, user=user)
        if reader is not None:
            _remove(reader)
    return Erasure(comments=count, account=reader is not None)


def verify_phone(*, reader: Reader, phone: str) -> None:
    """The account proved it holds ``phone`` (a code sent to it came back): its later comments need no new code until
    the number changes or ``READERS_PHONE_VERIFIED_DAYS`` pass."""
    reader.phone, reader.phone_verified_at = phone, timezone.now()
    reader.save(update_fields=["phone", "phone_verified_at"])


def forget_phone(*, reader: Reader) -> None:
    """The reader removes the account's number (their next comment asks for a number and a code again)."""
    reader.phone, reader.phone_verified_at = "", None
    reader.save(update_fields=["phone", "phone_verified_at"])
