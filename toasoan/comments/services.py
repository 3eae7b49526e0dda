"""Writing comments: a reader's comment, like and report; the moderators' approve, reject, edit-out and ban.

Every refusal is a ``ValidationError`` with a Vietnamese message for the reader (the form keeps what was typed).
Every moderation, and the hiding of a comment readers reported, is written to the audit trail
(``toasoan.comments.moderation_log``).
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from toasoan.comments import conf, moderation_log, ratelimit, rules, selectors, text
from toasoan.comments.models import Ban, Comment, CommentLike, CommentReport, HeldBecause, Mode, Status
from toasoan.core.text import normalize_line, normalize_text

DUPLICATE_WINDOW = timedelta(hours=1)
REMOVED_MARK = "[…]"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class Client:
    """Who sends: the address (as the trusted front saw it) and the browser's user agent."""

    ip: str
    user_agent: str = ""

    @property
    def address(self) -> str | None:
        """The IP address to keep, or None when the server saw none that parses (a socket, a proxy's name)."""
        try:
            return str(ipaddress.ip_address(self.ip))
        except ValueError:
            return None

    @property
    def ip_hash(self) -> str:
        return conf.keyed_hash("ip", self.ip) if self.ip else ""

    @property
    def client_hash(self) -> str:
        return conf.keyed_hash("client", f"{self.ip}|{self.user_agent[:300]}")


def _wait_message(seconds: int) -> str:
    minutes = max(1, round(seconds / 60))
    return ngettext(
        "Bạn gửi bình luận quá nhanh. Vui lòng chờ khoảng %(minutes)d phút rồi gửi lại; nội dung bạn viết vẫn còn.",
        "Bạn gửi bình luận quá nhanh. Vui lòng chờ khoảng %(minutes)d phút rồi gửi lại; nội dung bạn viết vẫn còn.",
        minutes,
    ) % {"minutes": minutes}


def clean_body(body: str) -> str:
    return normalize_text(_CONTROL.sub("", body or ""))


def _parent(*, article, parent_id: int | None) -> Comment | None:
    if not parent_id:
        return None
    parent = Comment.objects.filter(pk=parent_id, article_id=article.pk, status=Status.APPROVED).first()
    if parent is None:
        raise ValidationError(_("Bình luận bạn trả lời không còn trên trang."), code="parent")
    return parent.parent if parent.parent_id else parent  # one level: a reply to a reply joins the thread


def post_comment(*, article, client: Client, name: str, email: str, body: str, consent: bool,
                 parent_id: int | None = None, phone: str = "", phone_verified: bool = False,
                 reader=None) -> Comment:
    """Take a reader's comment: held for the moderators (pre-moderation, a listed word, a link) or shown at once
    (post-moderation). Refused when the story is closed, the sender banned, the rate exceeded or a repeat.

    ``reader``: the signed-in reader account (toasoan/readers); its display name, address and consent (given at
    sign-up) replace ``name``, ``email`` and ``consent``, and its own rate limit applies as well; until its address
    is confirmed, its comments wait for the moderators even on a story that shows comments at once."""
    if reader is not None:
        name, email, consent = reader.display_name, reader.email, True
    if not consent:
        raise ValidationError(_("Bạn cần đồng ý cho tòa soạn xử lý dữ liệu cá nhân thì mới gửi được bình luận."),
                              code="consent")
    mode = selectors.mode_for(article=article)
    if mode == Mode.CLOSED or not article.live:
        raise ValidationError(_("Bài viết này đã đóng bình luận."), code="closed")
    body = clean_body(body)
    name = normalize_line(name)
    email = (email or "").strip().lower()
    if not body:
        raise ValidationError(_("Bình luận chưa có nội dung."), code="empty")
    if len(body) > conf.max_chars():
        raise ValidationError(_("Bình luận dài quá %(limit)d ký tự: hãy rút gọn.") % {"limit": conf.max_chars()},
                              code="length")
    email_hash = conf.keyed_hash("email", email)
    if selectors.banned(email_hash=email_hash, ip_hash=client.ip_hash) is not None:
        raise ValidationError(_("Bạn không thể gửi bình luận trên báo này. Nếu cho rằng đây là nhầm lẫn, hãy "
                                "liên hệ tòa soạn."), code="banned")
    limits = [(f"c:{client.client_hash}", conf.client_rate()), (f"e:{email_hash}", conf.email_rate())]
    if reader is not None:
        limits.append((f"a:{reader.pk}", conf.account_rate()))
    for key, rate in limits:
        wait = ratelimit.hit(key=key, rate=rate)
        if wait:
            raise ValidationError(_wait_message(wait), code="rate")
    now = timezone.now()
    if Comment.objects.filter(email_hash=email_hash, article_id=article.pk, body=body,
                              created_at__gte=now - DUPLICATE_WINDOW).exists():
        raise ValidationError(_("Bạn vừa gửi đúng bình luận này rồi; tòa soạn đã nhận được."), code="duplicate")
    parent = _parent(article=article, parent_id=parent_id)
    verdict = text.check(f"{name}\n{body}", phrases=selectors.phrases())
    detail = verdict.detail
    if verdict.held:
        status, because = Status.PENDING, verdict.because
    elif reader is not None and not reader.confirmed:  # the address may be someone else's: a moderator looks first
        status, because = Status.PENDING, HeldBecause.PREMODERATION
        detail = _("Tài khoản bạn đọc chưa xác nhận địa chỉ thư điện tử")
    elif mode == Mode.POST:
        status, because = Status.APPROVED, HeldBecause.NONE
    else:
        status, because = Status.PENDING, HeldBecause.PREMODERATION
    comment = Comment(
        article_id=article.pk, parent=parent, name=name, body=body, status=status, held_because=because,
        held_detail=detail, created_at=now, email=email, email_hash=email_hash, phone=phone,
        phone_verified=phone_verified, ip=client.address, ip_hash=client.ip_hash,
        consent_at=reader.consent_at if reader is not None else now,
        consent_version=reader.consent_version if reader is not None else conf.CONSENT_VERSION, reader=reader,
    )
    comment.full_clean(exclude=["article", "parent", "moderated_by", "ip_hash", "email_hash", "ip", "reader"])
    comment.save()
    if comment.status == Status.APPROVED:
        selectors.forget(article.pk)
    return comment


def like(*, comment: Comment, client: Client) -> bool:
    """One like per client; False when this client had already liked it."""
    if comment.status != Status.APPROVED:
        raise ValidationError(_("Bình luận này không còn trên trang."), code="gone")
    try:
        with transaction.atomic():
            CommentLike.objects.create(comment=comment, client_hash=client.client_hash, created_at=timezone.now())
    except IntegrityError:
        return False
    Comment.objects.filter(pk=comment.pk).update(like_count=F("like_count") + 1)
    comment.refresh_from_db(fields=["like_count"])
    selectors.forget(comment.article_id)
    return True


def report(*, comment: Comment, client: Client, reason: str = "") -> bool:
    """A reader reports a comment: it goes to the queue; after ``hide_after_reports`` reports it is hidden until
    a moderator looks. False when this client had already reported it."""
    if comment.status != Status.APPROVED:
        raise ValidationError(_("Bình luận này không còn trên trang."), code="gone")
    try:
        with transaction.atomic():
            CommentReport.objects.create(comment=comment, client_hash=client.client_hash,
                                         reason=normalize_line(reason)[:300], created_at=timezone.now())
    except IntegrityError:
        return False
    Comment.objects.filter(pk=comment.pk).update(report_count=F("report_count") + 1, flagged=True)
    comment.refresh_from_db(fields=["report_count", "flagged"])
    if comment.report_count >= conf.hide_after_reports():
        before = moderation_log.snapshot(comment)
        hidden = Comment.objects.filter(pk=comment.pk, status=Status.APPROVED).update(
            status=Status.PENDING, held_because=HeldBecause.REPORTS)
        comment.refresh_from_db(fields=["status", "held_because"])
        selectors.forget(comment.article_id)
        if hidden:
            moderation_log.record_hidden_by_reports(comment=comment, before=before)
    return True


# --- moderation ------------------------------------------------------------------------------------------------

def _check(user) -> None:
    if not rules.can_moderate(user):
        raise PermissionDenied(_("Chỉ người kiểm duyệt bình luận mới làm được việc này."))


def _moderated(comment: Comment, *, user, status: str, action: str, **fields) -> Comment:
    before = moderation_log.snapshot(comment)
    comment.status = status
    comment.flagged = False
    comment.moderated_at = timezone.now()
    comment.moderated_by = user
    for name, value in fields.items():
        setattr(comment, name, value)
    comment.save()
    selectors.forget(comment.article_id)
    moderation_log.record(comment=comment, action=action, user=user, before=before)
    return comment


def approve(*, comment: Comment, user) -> Comment:
    """Show the comment; for one readers reported, this is the moderator keeping it (the reports are cleared)."""
    _check(user)
    action = moderation_log.KEEP_REPORTED if comment.flagged else moderation_log.APPROVE
    return _moderated(comment, user=user, status=Status.APPROVED, action=action)


def reject(*, comment: Comment, user, reason: str) -> Comment:
    _check(user)
    reason = normalize_line(reason)
    if not reason:
        raise ValidationError(_("Hãy ghi lý do từ chối."), code="reason")
    return _moderated(comment, user=user, status=Status.REJECTED, action=moderation_log.REJECT,
                      reject_reason=reason[:300])


def edit_out(*, comment: Comment, user, phrase: str) -> Comment:
    """Replace every occurrence of ``phrase`` (case-insensitive) with "[…]"; the comment stays where it was."""
    _check(user)
    phrase = normalize_line(phrase)
    if not phrase:
        raise ValidationError(_("Hãy nhập đoạn cần bỏ."), code="phrase")
    pattern = re.compile(re.escape(phrase), re.IGNORECASE)
    if not pattern.search(comment.body):
        raise ValidationError(_("Không thấy «%(phrase)s» trong bình luận.") % {"phrase": phrase}, code="phrase")
    before, body_before = moderation_log.snapshot(comment), comment.body
    comment.body, cuts = pattern.subn(REMOVED_MARK, comment.body)
    comment.edited_by_moderator = True
    comment.save(update_fields=["body", "edited_by_moderator"])
    selectors.forget(comment.article_id)
    moderation_log.record_edit_out(comment=comment, user=user, before=before, body_before=body_before, cuts=cuts)
    return comment


def ban(*, comment: Comment, user, reason: str, days: int | None = None) -> list[Ban]:
    """Ban the comment's email address and client address (by their keyed hashes) and reject every comment of
    theirs still waiting, this one included."""
    _check(user)
    reason = normalize_line(reason) or _("Vi phạm quy định bình luận")
    expires = timezone.now() + timedelta(days=days) if days else None
    bans = []
    before = moderation_log.snapshot(comment)
    with transaction.atomic():
        for kind, value in ((Ban.Kind.EMAIL, comment.email_hash), (Ban.Kind.IP, comment.ip_hash)):
            if value:
                bans.append(Ban.objects.create(kind=kind, value_hash=value, label=comment.name[:120],
                                               reason=reason[:300], created_by=user, expires_at=expires))
        same = Q(email_hash=comment.email_hash) if comment.email_hash else Q(pk=comment.pk)
        if comment.ip_hash:
            same |= Q(ip_hash=comment.ip_hash)
        waiting = Comment.objects.filter(same).filter(Q(status=Status.PENDING) | Q(pk=comment.pk))
        selectors.forget(*waiting.values_list("article_id", flat=True))
        rejected = [{"comment": pk, "status": [was, Status.REJECTED.value]}
                    for pk, was in waiting.order_by("pk").values_list("pk", "status")]
        waiting.update(status=Status.REJECTED, reject_reason=reason[:300], flagged=False,
                       moderated_at=timezone.now(), moderated_by=user)
    comment.refresh_from_db()
    moderation_log.record(comment=comment, action=moderation_log.BAN, user=user, before=before, extra={
        "reason": reason[:300], "expires_at": expires.isoformat() if expires else None,
        "bans": [{"id": ban.pk, "kind": ban.kind} for ban in bans], "rejected": rejected})
    return bans
