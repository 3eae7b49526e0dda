"""``toasoan import SOURCE... [--kind KIND]``: every kind of archive to articles, one command.

Kinds (detected from each file, or forced with ``--kind``): scraped text pages, saved HTML pages,
WordPress exports (WXR), RSS/Atom feeds, wire copy in ninjs or NewsML-G2 (always drafts). Sources
may be files, folders (every file of a known kind inside) or glob patterns. One line per item, a
summary line, and with ``--report FILE`` a JSON report listing every item with its outcome and
reason. One bad item never stops the others; the exit code is 1 when any failed.
"""

from __future__ import annotations

import glob
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from toasoan.audit.services import record_import_run
from toasoan.entities.services import extract_for_article
from toasoan.importer.management.commands.import_text import runner_for
from toasoan.importer.services import (
    ImportItem,
    ImportPermissionError,
    Outcome,
    find_section,
    import_item,
    source_key_for_path,
)
from toasoan.importer.sources.common import KINDS, SourceError, detect_kind
from toasoan.importer.sources.dispatch import read_source

FAILED = "failed"


def expand_sources(patterns: list[str], *, kind: str | None) -> tuple[list[tuple[Path, str]], list[SourceError]]:
    """(file, kind) pairs named by ``patterns``, without repeats, and the problems found."""
    found: list[tuple[Path, str]] = []
    problems: list[SourceError] = []
    seen: set[Path] = set()

    def add(path: Path, *, named: bool) -> None:
        key = path.resolve()
        if key in seen:
            return
        detected = kind or detect_kind(path)
        if detected is None:
            if named:
                problems.append(SourceError(str(path), _("không nhận ra loại nguồn; hãy chỉ rõ --kind")))
            return
        seen.add(key)
        found.append((path, detected))

    for pattern in patterns:
        path = Path(pattern)
        if path.is_dir():
            before = len(found)
            for item in sorted(p for p in path.rglob("*") if p.is_file()):
                add(item, named=False)
            if len(found) == before:
                problems.append(SourceError(pattern, _("thư mục không có tệp nguồn nào đọc được")))
        elif path.exists():
            add(path, named=True)
        elif glob.has_magic(pattern):
            matches = [Path(p) for p in sorted(glob.glob(pattern, recursive=True)) if Path(p).is_file()]
            if not matches:
                problems.append(SourceError(pattern, _("không có tệp nào khớp mẫu này")))
            for item in matches:
                add(item, named=True)
        else:
            problems.append(SourceError(pattern, _("không tìm thấy tệp")))
    return found, problems


class Command(BaseCommand):
    help = _("Nhập kho bài cũ: trang văn bản, trang HTML đã lưu, tệp xuất WordPress, RSS/Atom, tin NewsML-G2/ninjs.")

    def add_arguments(self, parser):
        parser.add_argument("sources", nargs="+", metavar="NGUỒN", help=_("Tệp, thư mục hoặc mẫu glob."))
        parser.add_argument("--kind", choices=KINDS, help=_("Loại nguồn (mặc định: tự nhận ra theo từng tệp)."))
        parser.add_argument("--section", metavar="SLUG", help=_("Đưa mọi bài vào chuyên mục này."))
        parser.add_argument("--publish", action="store_true",
                            help=_("Xuất bản các bài đã đăng ở nguồn (tin hãng thông tấn luôn là bản nháp)."))
        parser.add_argument("--include-drafts", action="store_true",
                            help=_("WordPress: nhập cả bài nháp/chờ duyệt/riêng tư (làm bản nháp)."))
        parser.add_argument("--uploads", metavar="THƯ_MỤC", help=_("WordPress: bản sao thư mục wp-content/uploads."))
        parser.add_argument("--force", action="store_true",
                            help=_("Ghi đè cả bài biên tập viên đã sửa sau lần nhập trước."))
        parser.add_argument("--user", metavar="TÊN_ĐĂNG_NHẬP", help=_("Người chạy lệnh, ghi vào lịch sử bài."))
        parser.add_argument("--strict", action="store_true", help=_("Từ chối bài có tiêu đề quá dài."))
        parser.add_argument("--report", metavar="TỆP.json", help=_("Ghi báo cáo JSON từng mục."))
        parser.add_argument("--confirm-entities", action="store_true",
                            help=_("Xác nhận luôn nhân vật, tổ chức, địa danh tìm được."))

    def handle(self, *args, sources: list[str], kind: str | None, section: str | None, publish: bool,
               include_drafts: bool, uploads: str | None, force: bool, user: str | None, strict: bool,
               report: str | None, confirm_entities: bool, **options):
        target = None
        if section:
            target = find_section(section)
            if target is None:
                raise CommandError(_("Không có chuyên mục có đường dẫn «%(slug)s».") % {"slug": section})
        uploads_dir = Path(uploads) if uploads else None
        if uploads_dir is not None and not uploads_dir.is_dir():
            raise CommandError(_("Thư mục --uploads «%(path)s» không tồn tại.") % {"path": uploads})
        runner = runner_for(user)
        read_options = {"strict": strict, "uploads": uploads_dir, "include_drafts": include_drafts}
        files, problems = expand_sources(sources, kind=kind)
        entries: list[dict] = []
        counts = {**{outcome.value: 0 for outcome in Outcome}, FAILED: 0}

        def fail(problem: SourceError) -> None:
            counts[FAILED] += 1
            entries.append({"source": problem.label, "outcome": FAILED, "reason": problem.reason})
            self.stderr.write(_("LỖI %(file)s: %(reason)s") % {"file": problem.label, "reason": problem.reason})

        for problem in problems:
            fail(problem)
        for path, source_kind in files:
            for item in read_source(path, kind=source_kind, options=read_options):
                if isinstance(item, SourceError):
                    fail(item)
                    continue
                self._import_one(item, path=path, target=target, publish=publish, force=force, runner=runner,
                                 confirm_entities=confirm_entities, counts=counts, entries=entries, fail=fail)

        summary = _("Tổng: %(created)d tạo mới, %(updated)d cập nhật, %(unchanged)d không đổi, %(conflict)d xung đột, "
                    "%(taken_down)d bỏ qua vì đã gỡ, %(failed)d lỗi") % counts
        self.stdout.write(summary)
        record_import_run(runner=runner, command="import", sources=sources, counts=counts,
                          options={"kind": kind or "", "section": section or "", "publish": publish, "force": force})
        if report:
            Path(report).write_text(
                json.dumps({"counts": counts, "items": entries}, ensure_ascii=False, indent=1), encoding="utf-8"
            )
        if counts[FAILED]:
            raise CommandError(_("%(failed)d mục không nhập được.") % {"failed": counts[FAILED]}, returncode=1)

    def _import_one(self, item: ImportItem, *, path, target, publish, force, runner, confirm_entities, counts,
                    entries, fail) -> None:
        label = f"{path}" if item.kind == "text" else f"{path} [{item.key}]"
        legacy = (source_key_for_path(path),) if item.kind == "text" else ()
        try:
            result = import_item(item=item, section=target, publish=publish, user=runner, force=force,
                                 legacy_keys=legacy)
        except ImportPermissionError as exc:
            fail(SourceError(label, str(exc)))
            return
        except Exception as exc:  # one broken item must not stop the batch; its transaction rolled back
            fail(SourceError(label, _("không lưu được bài (%(error)s: %(detail)s)")
                             % {"error": type(exc).__name__, "detail": exc}))
            return
        article = result.article
        counts[result.outcome.value] += 1
        entries.append({"source": label, "outcome": result.outcome.value, "reason": result.reason,
                        "url": article.canonical_path(), "live": article.live, "warnings": list(result.warnings)})
        if not result.written:
            names = {Outcome.UNCHANGED: _("Không đổi"), Outcome.CONFLICT: _("XUNG ĐỘT"),
                     Outcome.TAKEN_DOWN: _("BỎ QUA")}
            stream = self.stdout if result.outcome is Outcome.UNCHANGED else self.stderr
            stream.write(f"{names[result.outcome]} {label} → {article.canonical_path()}: {result.reason}")
            return
        if confirm_entities:
            extract_for_article(article=article, auto_confirm=True)
        status = _("Đã tạo") if result.created else _("Đã cập nhật")
        state = "" if article.live else " " + _("(bản nháp, chưa xuất bản)")
        self.stdout.write(f"{status} {label} → {article.canonical_path()}{state}")
        for warning in result.warnings:
            self.stdout.write("  " + _("CẢNH BÁO: %(warning)s") % {"warning": warning})
