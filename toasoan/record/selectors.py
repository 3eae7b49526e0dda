"""Reading the legal record: listings for the inspector, open requests, and the chain check."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import QuerySet

from toasoan.record.models import Correction, DepositAsset, DepositChain, DepositRecord, DepositRequest, Takedown
from toasoan.record.services import GENESIS_HASH, compute_record_hash

RECORD_LIST_FIELDS = ("seq", "page_id", "page_type", "title", "url", "revision_id", "reason", "captured_at",
                      "published_at", "status_code", "content_sha256", "workflow_step", "actor", "approvers",
                      "record_hash", "prev_hash")


def records(*, page_id: int | None = None, since: datetime | None = None, until: datetime | None = None,
            query: str = "") -> QuerySet[DepositRecord]:
    """Records in chain order, without their bodies."""
    found = DepositRecord.objects.only(*RECORD_LIST_FIELDS).order_by("seq")
    if page_id is not None:
        found = found.filter(page_id=page_id)
    if since is not None:
        found = found.filter(captured_at__gte=since)
    if until is not None:
        found = found.filter(captured_at__lt=until)
    if query:
        found = found.filter(title__icontains=query)
    return found


def record_by_seq(*, seq: int) -> DepositRecord | None:
    return DepositRecord.objects.filter(seq=seq).first()


def open_requests() -> QuerySet[DepositRequest]:
    return DepositRequest.objects.filter(done_at__isnull=True).order_by("pk")


def open_request_count() -> int:
    return open_requests().count()


def asset_by_hash(*, sha256: str) -> DepositAsset | None:
    return DepositAsset.objects.filter(pk=sha256).first()


@dataclass
class ChainBreak:
    position: int  # 1-based place in the chain as stored
    seq: int | None
    problem: str  # machine-readable: body, asset, hash, link, gap, head


@dataclass
class ChainReport:
    checked: int = 0
    breaks: list[ChainBreak] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.breaks


def verify_chain(*, batch: int = 200) -> ChainReport:
    """Re-hash every record and its assets and follow the links; report each break with its position."""
    report = ChainReport()
    previous_hash = GENESIS_HASH
    expected_seq = 1
    asset_ok: dict[str, bool] = {}
    last_seq = 0
    for position, record in enumerate(DepositRecord.objects.order_by("seq").iterator(chunk_size=batch), start=1):
        report.checked += 1
        if record.seq != expected_seq:
            report.breaks.append(ChainBreak(position=position, seq=record.seq, problem="gap"))
        if hashlib.sha256(bytes(record.body)).hexdigest() != record.content_sha256:
            report.breaks.append(ChainBreak(position=position, seq=record.seq, problem="body"))
        for asset in record.assets:
            digest = asset.get("sha256")
            if digest is None:
                continue
            if digest not in asset_ok:
                stored = DepositAsset.objects.filter(pk=digest).values_list("data", flat=True).first()
                asset_ok[digest] = stored is not None and hashlib.sha256(bytes(stored)).hexdigest() == digest
            if not asset_ok[digest]:
                report.breaks.append(ChainBreak(position=position, seq=record.seq, problem="asset"))
                break
        if record.prev_hash != previous_hash:
            report.breaks.append(ChainBreak(position=position, seq=record.seq, problem="link"))
        if compute_record_hash(record) != record.record_hash:
            report.breaks.append(ChainBreak(position=position, seq=record.seq, problem="hash"))
        previous_hash = record.record_hash
        expected_seq = record.seq + 1
        last_seq = record.seq
    head = DepositChain.objects.filter(pk=1).first()
    if head is not None and (head.last_seq != last_seq or head.last_hash != previous_hash):
        report.breaks.append(ChainBreak(position=report.checked + 1, seq=head.last_seq, problem="head"))
    return report


# --- Corrections and takedowns --------------------------------------------------------------------------------

CORRECTION_NOTE_FIELDS = ("pk", "wrong", "right", "apology", "created_at")


def corrections_for(*, page_id: int) -> list[dict]:
    """The corrections of a story, oldest first, for its note: kept in the cache (emptied when one is added),
    so a story without corrections costs no query once known."""
    from django.core.cache import cache

    from toasoan.record.actions import corrections_cache_key

    key = corrections_cache_key(page_id)
    found = cache.get(key)
    if found is None:
        found = list(Correction.objects.filter(page_id_kept=page_id).order_by("created_at", "pk")
                     .values(*CORRECTION_NOTE_FIELDS))
        cache.set(key, found, None)
    return found


def corrections(*, before: tuple | None = None, limit: int = 20) -> list[Correction]:
    """The notices of /cai-chinh/, newest first, paged by (created_at, id)."""
    from django.db.models import Q

    found = Correction.objects.order_by("-created_at", "-pk")
    if before is not None:
        created_at, pk = before
        found = found.filter(Q(created_at__lt=created_at) | Q(created_at=created_at, pk__lt=pk))
    return list(found[:limit])


def takedowns(*, active_only: bool = False) -> QuerySet[Takedown]:
    found = Takedown.objects.select_related("taken_by", "restored_by").order_by("-taken_at", "-pk")
    return found.filter(restored_at__isnull=True) if active_only else found


def active_takedown(*, page_id: int) -> Takedown | None:
    return Takedown.objects.filter(page_id_kept=page_id, restored_at__isnull=True).first()
