"""Writing the legal record: deposit requests (in the publishing transaction) and records (after it)."""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC, datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page, PageLogEntry, TaskState, WorkflowState

from toasoan.record import capture, conf
from toasoan.record.models import (
    DepositAsset,
    DepositChain,
    DepositReason,
    DepositRecord,
    DepositRequest,
)

logger = logging.getLogger(__name__)
GENESIS_HASH = "0" * 64
MAX_ERROR_CHARS = 2000


def page_type_label(page: Page) -> str:
    return f"{page.specific_class._meta.app_label}.{page.specific_class._meta.model_name}"


def is_deposited_type(page: Page) -> bool:
    return page_type_label(page) in conf.page_types()


_reason_override: ContextVar[tuple[str, int | None, str] | None] = ContextVar("deposit_reason", default=None)


@contextmanager
def deposit_reason(reason: str, *, actor_id: int | None = None, note: str = "") -> Iterator[None]:
    """Publications and unpublications inside this block are deposited with ``reason`` (a takedown, its
    reversal) instead of the plain publish/unpublish, with who did it and why."""
    token = _reason_override.set((reason, actor_id, note))
    try:
        yield
    finally:
        _reason_override.reset(token)


def reason_override() -> tuple[str, int | None, str] | None:
    return _reason_override.get()


def _wants_record(page: Page) -> bool:
    """Deposit is on and ``page``'s type is one whose publications are deposited."""
    return conf.enabled() and is_deposited_type(page)


def request_deposit(*, page: Page, reason: str, revision_id: int | None = None, actor_id: int | None = None,
                    note: str = "") -> DepositRequest | None:
    """Note, in the current transaction, that ``page`` needs a record (``tasks.request_and_enqueue`` also
    queues the task that writes it after the commit).

    One small insert on the publishing path; the capture itself runs in the background. Returns None when
    deposit is switched off or the page type is not deposited.
    """
    if not _wants_record(page):
        return None
    pending = DepositRequest.objects.create(
        page_id=page.pk, revision_id=revision_id, reason=reason, actor_id=actor_id, note=note[:2000],
    )
    return pending



def request_deposits(*, pages: list[Page], reason: str, actor_id: int | None = None, note: str = "") -> int:
    """``request_deposit`` for many pages at once (a bulk import's batch): one multi-row insert; the periodic
    retry (``retry_open_requests``) writes the records, and the admin shows the open count until it has."""
    pending = [DepositRequest(page_id=page.pk, revision_id=page.live_revision_id, reason=reason, actor_id=actor_id,
                              note=note[:2000]) for page in pages if page.live and _wants_record(page)]
    DepositRequest.objects.bulk_create(pending)
    return len(pending)

# --- Hashing -------------------------------------------------------------------------------------------------


def _iso(value: datetime | None) -> str | None:
    return None if value is None else value.astimezone(UTC).isoformat()


def record_fields(record: DepositRecord) -> dict:
    """Everything a record's hash covers (the body and assets through their hashes)."""
    return {
        "seq": record.seq,
        "page_id": record.page_id,
        "page_type": record.page_type,
        "title": record.title,
        "url": record.url,
        "revision_id": record.revision_id,
        "reason": record.reason,
        "captured_at": _iso(record.captured_at),
        "published_at": _iso(record.published_at),
        "status_code": record.status_code,
        "content_type": record.content_type,
        "content_sha256": record.content_sha256,
        "assets": record.assets,
        "approvers": record.approvers,
        "workflow_step": record.workflow_step,
        "actor": record.actor,
        "note": record.note,
        "prev_hash": record.prev_hash,
    }


def compute_record_hash(record: DepositRecord) -> str:
    canonical = json.dumps(record_fields(record), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


# --- Who approved it ------------------------------------------------------------------------------------------


def _person(user) -> str:
    if user is None:
        return ""
    name = getattr(user, "display_name", "") or user.get_full_name() or user.get_username()
    return f"{name} ({user.get_username()})" if name != user.get_username() else name


@dataclass(frozen=True)
class Approval:
    approvers: list[dict]
    workflow_step: str


def approval_of(*, page: Page, revision_id: int | None) -> Approval:
    """The approvals behind the published revision: the approved workflow run whose last step approved it."""
    if revision_id is not None:
        state = (
            WorkflowState.objects.for_instance(page).filter(status=WorkflowState.STATUS_APPROVED)
            .order_by("-created_at").first()
        )
        if state is not None:
            steps = list(
                TaskState.objects.filter(workflow_state=state, status=TaskState.STATUS_APPROVED)
                .select_related("finished_by", "task").order_by("finished_at", "pk")
            )
            if steps and steps[-1].revision_id == revision_id:
                approvers = [
                    {"name": _person(step.finished_by), "step": step.task.name, "at": _iso(step.finished_at)}
                    for step in steps
                ]
                return Approval(approvers=approvers, workflow_step=steps[-1].task.name)
    return Approval(approvers=[], workflow_step="")


def _actor(*, request: DepositRequest, page: Page) -> str:
    from django.contrib.auth import get_user_model

    if request.actor_id is not None:
        user = get_user_model().objects.filter(pk=request.actor_id).first()
        if user is not None:
            return _person(user)
    if request.revision_id is not None:
        entry = (PageLogEntry.objects.filter(page_id=page.pk, revision_id=request.revision_id,
                                             action__startswith="wagtail.publish")
                 .select_related("user").order_by("-timestamp").first())
        if entry is not None:
            return _person(entry.user) if entry.user_id else str(_("Hệ thống (đăng theo lịch)"))
    return ""


# --- Writing a record -----------------------------------------------------------------------------------------


def public_url(page: Page) -> str:
    parts = page.get_url_parts()
    if parts is None:
        raise ValueError(f"page {page.pk} has no public address")
    _site_id, root_url, path = parts
    return f"{root_url}{path}"


def _store_assets(fetched: list[capture.Fetched]) -> list[dict]:
    listed = []
    for item in fetched:
        digest = item.sha256
        if not DepositAsset.objects.filter(pk=digest).exists():
            with transaction.atomic():
                DepositAsset(sha256=digest, content_type=item.content_type[:200], size=len(item.body),
                             data=item.body).save()
        listed.append({"url": item.url, "sha256": digest, "content_type": item.content_type})
    return listed


def write_request(*, request_id: int) -> DepositRecord | None:
    """Capture the page of an open request and append its record to the chain; idempotent."""
    request = DepositRequest.objects.filter(pk=request_id).first()
    if request is None or request.done_at is not None:
        return None
    try:
        record = _write(request)
    except Exception as exc:
        DepositRequest.objects.filter(pk=request.pk).update(
            attempts=request.attempts + 1, last_error=f"{type(exc).__name__}: {exc}"[:MAX_ERROR_CHARS])
        raise
    return record


def _write(request: DepositRequest) -> DepositRecord:
    page = Page.objects.filter(pk=request.page_id).first()
    if page is None:  # deleted before its record was taken: nothing readers can receive any more
        raise LookupError(f"page {request.page_id} no longer exists")
    page = page.specific
    url = public_url(page)
    captured = capture.capture_page(url)
    assets = _store_assets(captured.assets)
    assets += [{"url": url_, "sha256": None, "missing": why} for url_, why in captured.missing]
    approval = approval_of(page=page, revision_id=request.revision_id)
    revision_id = request.revision_id or page.live_revision_id
    with transaction.atomic():
        chain, _created = DepositChain.objects.select_for_update().get_or_create(pk=1)
        record = DepositRecord(
            seq=chain.last_seq + 1,
            page_id=page.pk,
            page_type=page_type_label(page),
            title=page.title[:500],
            url=url,
            revision_id=revision_id,
            reason=request.reason,
            captured_at=timezone.now(),
            published_at=page.last_published_at,
            status_code=captured.page.status,
            content_type=captured.page.content_type[:200],
            body=captured.page.body,
            content_sha256=captured.page.sha256,
            assets=assets,
            approvers=approval.approvers,
            workflow_step=approval.workflow_step,
            actor=_actor(request=request, page=page)[:255],
            note=request.note,
            prev_hash=chain.last_hash,
        )
        record.record_hash = compute_record_hash(record)
        record.save()
        chain.last_seq = record.seq
        chain.last_hash = record.record_hash
        chain.save(update_fields=["last_seq", "last_hash"])
        DepositRequest.objects.filter(pk=request.pk).update(
            record=record, done_at=timezone.now(), attempts=request.attempts + 1, last_error="")
    return record


def attempts_of(*, request_id: int) -> int:
    return DepositRequest.objects.filter(pk=request_id).values_list("attempts", flat=True).first() or 0


def retry_open_requests(*, limit: int = 200) -> tuple[int, int]:
    """Write every open request (oldest first); returns (written, failed). Failures stay open."""
    written = failed = 0
    open_ids = DepositRequest.objects.filter(done_at__isnull=True).order_by("pk").values_list("pk", flat=True)
    for request_id in list(open_ids[:limit]):
        try:
            if write_request(request_id=request_id) is not None:
                written += 1
        except Exception:
            logger.exception("Chưa lưu được bản lưu chiểu của yêu cầu %s", request_id)
            failed += 1
    return written, failed


def reason_for_publish(*, page: Page) -> str:
    """The first publication of a page, or a new version of one already deposited."""
    if DepositRequest.objects.filter(page_id=page.pk).exists():
        return DepositReason.EDIT
    return DepositReason.PUBLISH
