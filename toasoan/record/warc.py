"""Export of the legal record in WARC (ISO 28500) with warcio, and its manifest (CSV and JSON).

One ``response`` record per deposited version (``WARC-Target-URI`` the page's public address, ``WARC-Date`` the
time it was deposited), the HTTP status and content type readers got, and the exact bytes; then one ``response``
record for each image, stylesheet or script of that version not already written, so a web-archive player
(pywb, ReplayWeb.page) replays each version with its own files.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from toasoan.record.models import DepositAsset, DepositRecord
from toasoan.record.selectors import records as select_records

REASON_PHRASES = {200: "OK", 301: "Moved Permanently", 302: "Found", 404: "Not Found", 410: "Gone"}
MANIFEST_FIELDS = ["seq", "page_id", "page_type", "title", "url", "reason", "captured_at", "published_at",
                   "status_code", "content_sha256", "record_hash", "prev_hash", "revision_id", "workflow_step",
                   "approvers", "actor", "warc_file", "warc_offset"]


@dataclass(frozen=True)
class ExportResult:
    count: int
    warc: Path
    manifest_csv: Path
    manifest_json: Path


def _warc_date(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _local(value: datetime | None) -> str:
    return "" if value is None else value.astimezone(ZoneInfo(settings.TIME_ZONE)).strftime("%d/%m/%Y %H:%M:%S")


def _response(writer: WARCWriter, *, url: str, status: int, content_type: str, body: bytes, date: datetime,
              extra: dict[str, str]) -> None:
    http = StatusAndHeaders(f"{status} {REASON_PHRASES.get(status, 'OK')}",
                            [("Content-Type", content_type), ("Content-Length", str(len(body)))],
                            protocol="HTTP/1.1")
    record = writer.create_warc_record(url, "response", payload=BytesIO(body), http_headers=http,
                                       warc_headers_dict={"WARC-Date": _warc_date(date), **extra})
    writer.write_record(record)


def _name(since: datetime | None, until: datetime | None) -> str:
    first = since.strftime("%Y%m%d") if since else "dau"
    last = until.strftime("%Y%m%d") if until else timezone.localdate().strftime("%Y%m%d")
    return f"luu-chieu-{first}-{last}"


def export_records(*, since: datetime | None, until: datetime | None, folder: Path) -> ExportResult:
    folder.mkdir(parents=True, exist_ok=True)
    name = _name(since, until)
    warc_path = folder / f"{name}.warc.gz"
    rows: list[dict] = []
    written_assets: set[tuple[str, str]] = set()
    ids = list(select_records(since=since, until=until).values_list("pk", flat=True))
    with warc_path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        writer.write_record(writer.create_warcinfo_record(f"{name}.warc.gz", {
            "software": "Toa Soan (toasoan deposit export)",
            "format": "WARC File Format 1.1",
            "description": "Ban luu chieu bao dien tu",
        }))
        for pk in ids:
            record = DepositRecord.objects.get(pk=pk)
            offset = handle.tell()
            _response(writer, url=record.url, status=record.status_code, content_type=record.content_type,
                      body=bytes(record.body), date=record.captured_at,
                      extra={"WARC-Toasoan-Seq": str(record.seq), "WARC-Toasoan-Record-Hash": record.record_hash,
                             "WARC-Toasoan-Prev-Hash": record.prev_hash})
            for asset in record.assets:
                key = (asset["url"], asset.get("sha256") or "")
                if not asset.get("sha256") or key in written_assets:
                    continue
                stored = DepositAsset.objects.filter(pk=asset["sha256"]).first()
                if stored is None:
                    continue
                written_assets.add(key)
                _response(writer, url=asset["url"], status=200, content_type=stored.content_type,
                          body=bytes(stored.data), date=record.captured_at, extra={})
            rows.append(_manifest_row(record, warc=warc_path.name, offset=offset))
    csv_path = folder / f"{name}.csv"
    with csv_path.open("w", newline="", encoding="utf-8-sig") as out:
        table = csv.DictWriter(out, fieldnames=MANIFEST_FIELDS)
        table.writeheader()
        for row in rows:
            table.writerow({**row, "approvers": "; ".join(a["name"] for a in row["approvers"])})
    json_path = folder / f"{name}.json"
    json_path.write_text(json.dumps({"records": rows}, ensure_ascii=False, indent=1), encoding="utf-8")
    return ExportResult(count=len(rows), warc=warc_path, manifest_csv=csv_path, manifest_json=json_path)


def _manifest_row(record: DepositRecord, *, warc: str, offset: int) -> dict:
    return {
        "seq": record.seq, "page_id": record.page_id, "page_type": record.page_type, "title": record.title,
        "url": record.url, "reason": record.reason, "captured_at": _local(record.captured_at),
        "published_at": _local(record.published_at), "status_code": record.status_code,
        "content_sha256": record.content_sha256, "record_hash": record.record_hash, "prev_hash": record.prev_hash,
        "revision_id": record.revision_id, "workflow_step": record.workflow_step, "approvers": record.approvers,
        "actor": record.actor, "warc_file": warc, "warc_offset": offset,
    }
