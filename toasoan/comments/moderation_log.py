"""The moderation desk's actions in the audit trail (Báo cáo → Nhật ký thao tác): approve, reject with a reason,
edit out, ban, keeping a comment readers reported, the system hiding a comment after enough reports, and a reader's
data exported or erased on their request (screen or command). Each
entry says who (the moderator; "hệ thống" for the hiding), when, which comment under which story, and what
changed (each field's value before → after).

The log is kept for good and nobody can erase an entry, while readers' personal data in comments is cleared
after its retention period or on request (docs/security.md). So an entry never holds the reader's name, text,
email, phone or address: the object is named "Bình luận #<id> — «<story>»", an edit-out is recorded by the
lengths of the text and a keyed fingerprint of it before and after (the server can tell whether a given text is
the one the moderator cut, nobody can read it back), and the hiding done for readers' reports is logged as
"hệ thống", not with the reporter's address.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from toasoan.audit import origin, services
from toasoan.comments.models import Comment

APPROVE = "toasoan.comment.approve"
KEEP_REPORTED = "toasoan.comment.keep_reported"
REJECT = "toasoan.comment.reject"
EDIT_OUT = "toasoan.comment.edit_out"
BAN = "toasoan.comment.ban"
HIDDEN_BY_REPORTS = "toasoan.comment.hidden_by_reports"
READER_DATA_EXPORTED = "toasoan.comment.reader_data_exported"
READER_DATA_ERASED = "toasoan.comment.reader_data_erased"
ACTIONS = (APPROVE, KEEP_REPORTED, REJECT, EDIT_OUT, BAN, HIDDEN_BY_REPORTS, READER_DATA_EXPORTED, READER_DATA_ERASED)

# The comment's fields a moderation changes; none holds the reader's personal data.
TRACKED = ("status", "held_because", "flagged", "reject_reason", "edited_by_moderator", "report_count")


def snapshot(comment: Comment) -> dict:
    return {name: getattr(comment, name) for name in TRACKED}


def fingerprint(text: str) -> str:
    """A keyed fingerprint of a comment's text (HMAC-SHA256 with the site's secret, shortened)."""
    return salted_hmac("toasoan.comments.audit-body", text or "", algorithm="sha256").hexdigest()[:20]


def _changes(before: Mapping, comment: Comment) -> dict:
    after = snapshot(comment)
    return {name: [before[name], after[name]] for name in TRACKED if before.get(name) != after[name]}


def _article_title(comment: Comment) -> str:
    from wagtail.models import Page

    return Page.objects.filter(pk=comment.article_id).values_list("title", flat=True).first() or ""


def record(*, comment: Comment, action: str, user=None, before: Mapping, extra: Mapping | None = None):
    """One entry for ``action`` on ``comment``, with the fields that changed since ``before``; never raises."""
    title = _article_title(comment)
    data = {"comment": comment.pk, "article": comment.article_id, "article_title": title[:255],
            "changes": _changes(before, comment), **(extra or {})}
    label = _("Bình luận #%(id)s — «%(story)s»") % {"id": comment.pk, "story": title}
    return services.record(instance=comment, action=action, user=user, data=data, title=label[:255])


def record_edit_out(*, comment: Comment, user, before: Mapping, body_before: str, cuts: int):
    body = {"length": [len(body_before), len(comment.body)],
            "fingerprint": [fingerprint(body_before), fingerprint(comment.body)]}
    return record(comment=comment, action=EDIT_OUT, user=user, before=before, extra={"cuts": cuts, "body": body})


def record_hidden_by_reports(*, comment: Comment, before: Mapping):
    """The rule, not a person, hid the comment: logged as the system, without the reporting reader's address."""
    with origin.acting_from({"via": origin.VIA_SYSTEM}):
        return record(comment=comment, action=HIDDEN_BY_REPORTS, before=before)


def record_reader_request(*, action: str, comment_ids: list[int], user=None, account: bool = False,
                          text: str = ""):
    """A reader's request carried out (their data exported, or erased): who did it, which comments, whether a
    reader account was part of it (``account``) and, for an erasure, what became of the comments' text
    (``text``: "anonymised" or "deleted"); never the reader's address or account. Logged on the comment type with
    no single comment ("0"): erased comments no longer exist."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction
    from django.utils import timezone
    from wagtail.models import ModelLogEntry

    ids = sorted(comment_ids)
    label = _("Yêu cầu của bạn đọc về dữ liệu bình luận (%(count)d bình luận)") % {"count": len(ids)}
    try:
        with transaction.atomic():
            return ModelLogEntry.objects.create(
                content_type=ContentType.objects.get_for_model(Comment), object_id="0", label=label[:255],
                action=action, user=services.unwrap(user) if user is not None else None, timestamp=timezone.now(),
                data={"comments": ids, "count": len(ids), "reader_account": account,
                      **({"text": text} if text else {})})
    except Exception:
        services.logger.exception("Không ghi được nhật ký thao tác %s", action)
        return None
