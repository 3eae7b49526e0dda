"""``toasoan import SOURCE... [--kind KIND]``: every kind of archive to articles, one command.

Kinds (detected from each file, or forced with ``--kind``): scraped text pages, saved HTML pages,
WordPress exports (WXR), RSS/Atom feeds, wire copy in ninjs or NewsML-G2 (always drafts). Sources
may be files, folders (every file of a known kind inside) or glob patterns. One line per item (on a
terminal a progress bar instead, see :mod:`toasoan.importer.progress`), a summary line, and with
``--report FILE`` a JSON report listing every item with its outcome and reason. One bad item never
stops the others; the exit code is 1 when any failed.

Stories are written in batches (:mod:`toasoan.importer.bulk`) with the per-page receivers quiet: when
the command ends nothing is left queued. Ctrl-C keeps every committed batch whole, writes the report so
far and exits with 130; the same command again skips what was committed and imports the rest.
"""

from __future__ import annotations

import contextlib
import glob
import json
import os
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from toasoan.audit.services import record_import_run
from toasoan.importer.bulk import BATCH_SIZE, BulkImporter, Done
from toasoan.importer.management.commands.import_text import runner_for, undated_note
from toasoan.importer.pipeline import read_entries
from toasoan.importer.priority import GROUP_NAME, NoSuchUserError, run_as, step_behind_readers
from toasoan.importer.priority import system_user as find_user
from toasoan.importer.progress import Progress, estimate_items
from toasoan.importer.quiet import quiet_side_work
from toasoan.importer.services import Outcome, find_section
from toasoan.importer.session import GrowingTables, bulk_session
from toasoan.importer.sources.common import KINDS, SourceError, detect_kind

FAILED = "failed"
# Stories whose source gives no publication time: imported as drafts, never published by the import.
UNDATED = "undated"


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
        parser.add_argument("--strict", action="store_true",
                            help=_("Từ chối bài có tiêu đề quá dài hoặc không có ngày giờ đăng (mặc định: nhập, "
                                   "bài không có ngày giờ đăng thành bản nháp, kèm cảnh báo)."))
        parser.add_argument("--report", metavar="TỆP.json", help=_("Ghi báo cáo JSON từng mục."))
        parser.add_argument("--confirm-entities", action="store_true",
                            help=_("Xác nhận luôn nhân vật, tổ chức, địa danh tìm được."))
        parser.add_argument("--batch", type=int, default=BATCH_SIZE, metavar="N",
                            help=_("Số bài ghi trong một giao dịch (mặc định %(default)s); Ctrl-C mất nhiều nhất "
                                   "một lô chưa ghi, chạy lại sẽ nhập tiếp."))
        parser.add_argument("--workers", type=int, default=None, metavar="N",
                            help=_("Số tiến trình đọc trước nguồn và tìm nhân vật, tổ chức, địa danh trong lúc lệnh "
                                   "ghi bài (mặc định 1 trên máy nhiều lõi, 0 trên máy một lõi; 0: làm tất cả trong "
                                   "một tiến trình)."))
        parser.add_argument("--nice", type=int, default=10, metavar="N",
                            help=_("Hạ độ ưu tiên CPU của lệnh (mặc định %(default)s) để bạn đọc không phải chờ; "
                                   "chạy bằng root, lệnh và phiên CSDL của nó chỉ dùng CPU bạn đọc để lại "
                                   "(0: không hạ)."))
        parser.add_argument("--system-user", metavar="TÊN", dest="system_user",
                            help=_("Chạy bằng root: sau khi đứng sau bạn đọc, lệnh làm tiếp dưới người dùng hệ thống "
                                   "này (ví dụ toasoan), để tệp nó ghi thuộc về trang báo."))

    from_shell = False
    # Django's system checks (URL patterns, admin, models...) cost close to a second of CPU before the first story;
    # they say nothing about an archive and run with `toasoan setup`, `check` and the deploy, not with every import.
    requires_system_checks: list = []

    def run_from_argv(self, argv):
        self.from_shell = True
        return super().run_from_argv(argv)

    def handle(self, *args, sources: list[str], kind: str | None, section: str | None, publish: bool,
               include_drafts: bool, uploads: str | None, force: bool, user: str | None, strict: bool,
               report: str | None, confirm_entities: bool, batch: int = BATCH_SIZE, nice: int = 0,
               workers: int | None = None, system_user: str | None = None,
               **options):
        target = None
        if section:
            target = find_section(section)
            if target is None:
                raise CommandError(_("Không có chuyên mục có đường dẫn «%(slug)s».") % {"slug": section})
        uploads_dir = Path(uploads) if uploads else None
        if uploads_dir is not None and not uploads_dir.is_dir():
            raise CommandError(_("Thư mục --uploads «%(path)s» không tồn tại.") % {"path": uploads})
        if batch < 1:
            raise CommandError(_("--batch phải là số dương."))
        if workers is None:
            workers = 1 if (os.cpu_count() or 1) > 1 else 0
        if workers < 0:
            raise CommandError(_("--workers không được âm."))
        become = self._system_user(system_user) if system_user else None
        group = None
        if nice > 0 and self.from_shell:  # never lower a caller's own process
            group = step_behind_readers(nice=nice)  # before the reading process starts: it inherits both
            if group is None:
                self.stderr.write(_("Lưu ý: lệnh chỉ hạ được độ ưu tiên (nice %(nice)d), không vào được nhóm CPU "
                                    "nhàn rỗi %(group)s (cần chạy bằng root, xem docs/importing.md): trên máy có "
                                    "cả trang báo, bạn đọc có thể chậm hơn một chút trong lúc nhập.")
                                  % {"nice": nice, "group": GROUP_NAME})
        runner = runner_for(user)
        read_options = {"strict": strict, "uploads": uploads_dir, "include_drafts": include_drafts}
        files, problems = expand_sources(sources, kind=kind)
        self.verbose = options.get("verbosity", 1) >= 2
        self.progress = Progress(total=estimate_items(files) + len(problems), stream=_raw(self.stderr))
        self.counts = {**{outcome.value: 0 for outcome in Outcome}, FAILED: 0, UNDATED: 0}
        self.entries: list[dict] = []
        writer = BulkImporter(section=target, publish=publish, user=runner, force=force,
                              confirm_entities=confirm_entities, batch_size=batch)
        interrupted = False
        # From the shell the command and its database session step behind readers; a caller's own are left alone.
        lowered = nice if self.from_shell else 0
        with quiet_side_work(), bulk_session(nice=lowered, group=group) as tables:
            if become is not None:
                run_as(become)  # the database session has joined the group: root is no longer needed
            stories = read_entries(files, options=read_options, workers=workers, force=force)
            with contextlib.closing(stories):  # the reader stops too
                try:
                    for problem in problems:
                        self._fail(problem)
                    for entry in stories:
                        if isinstance(entry, SourceError):
                            self._fail(entry)
                            continue
                        self._record(writer.add(entry), tables)
                    self._record(writer.close(), tables)
                except KeyboardInterrupt:
                    interrupted = True
                    writer.close(flush=False)  # the batch being written was rolled back as a whole
        self.progress.close()
        if group is not None:
            group.leave()

        counts = self.counts
        summary = _("Tổng: %(created)d tạo mới, %(updated)d cập nhật, %(unchanged)d không đổi, %(conflict)d xung đột, "
                    "%(taken_down)d bỏ qua vì đã gỡ, %(failed)d lỗi") % counts
        self.stdout.write(summary + undated_note(counts[UNDATED]))
        record_import_run(runner=runner, command="import", sources=sources, counts=counts,
                          options={"kind": kind or "", "section": section or "", "publish": publish, "force": force})
        if report:
            skipped = counts[Outcome.UNCHANGED] + counts[Outcome.CONFLICT] + counts[Outcome.TAKEN_DOWN]
            Path(report).write_text(json.dumps(
                {"counts": {**counts, "skipped": skipped}, "interrupted": interrupted, "items": self.entries},
                ensure_ascii=False, indent=1), encoding="utf-8")
        if interrupted:
            raise CommandError(_("Đã dừng giữa chừng: các bài đã ghi còn nguyên vẹn; chạy lại cùng lệnh để nhập "
                                 "tiếp (bài đã nhập được bỏ qua)."), returncode=130)
        if counts[FAILED]:
            raise CommandError(_("%(failed)d mục không nhập được.") % {"failed": counts[FAILED]}, returncode=1)

    @staticmethod
    def _system_user(name: str):
        try:
            return find_user(name)
        except NoSuchUserError:
            raise CommandError(_("Không có người dùng hệ thống «%(name)s».") % {"name": name}) from None
        except PermissionError:
            raise CommandError(_("--system-user %(name)s: chỉ root mới đổi được sang người dùng khác; hãy chạy lệnh "
                                 "bằng root hoặc bỏ tuỳ chọn này.") % {"name": name}) from None

    def _say(self, text: str, *, error: bool = False) -> None:
        self.progress.write(text, _raw(self.stderr if error else self.stdout))

    def _fail(self, problem: SourceError, key: str = "") -> None:
        self.counts[FAILED] += 1
        entry = {"source": problem.label, "outcome": FAILED, "reason": problem.reason}
        if key:
            entry["key"] = key
        self.entries.append(entry)
        self._say(_("LỖI %(file)s: %(reason)s") % {"file": problem.label, "reason": problem.reason}, error=True)
        self.progress.advance(1)

    def _record(self, done: list[Done], tables: GrowingTables) -> None:
        """Report what a batch did, once it is committed: one line per story and one report entry."""
        tables.wrote(len(done))
        quiet = self.progress.tty and not self.verbose  # on a terminal the bar says it; -v 2 lists them
        for item in done:
            label = item.entry.label
            if item.result is None:
                self._fail(SourceError(label, item.error), key=item.entry.item.key)
                continue
            result, article = item.result, item.result.article
            self.counts[result.outcome.value] += 1
            undated = not item.entry.item.dated  # the source gives no publication time
            self.counts[UNDATED] += undated and result.written  # written as (or into) a draft, in this run
            self.entries.append({"source": label, "key": item.entry.item.key, "outcome": result.outcome.value,
                                 "reason": result.reason, "url": article.canonical_path(), "live": article.live,
                                 "undated": undated, "warnings": list(result.warnings)})
            if not result.written:
                names = {Outcome.UNCHANGED: _("Không đổi"), Outcome.CONFLICT: _("XUNG ĐỘT"),
                         Outcome.TAKEN_DOWN: _("BỎ QUA")}
                if result.outcome is not Outcome.UNCHANGED or not quiet:
                    self._say(f"{names[result.outcome]} {label} → {article.canonical_path()}: {result.reason}",
                              error=result.outcome is not Outcome.UNCHANGED)
            elif not quiet:
                status = _("Đã tạo") if result.created else _("Đã cập nhật")
                state = "" if article.live else " " + _("(bản nháp, chưa xuất bản)")
                self._say(f"{status} {label} → {article.canonical_path()}{state}")
            for warning in result.warnings:
                self._say(f"  {label}: " + _("CẢNH BÁO: %(warning)s") % {"warning": warning} if quiet
                          else "  " + _("CẢNH BÁO: %(warning)s") % {"warning": warning})
        self.progress.advance(sum(item.result is not None for item in done))


def _raw(wrapper):
    """The stream under Django's OutputWrapper (tqdm writes its own line ends)."""
    return getattr(wrapper, "_out", wrapper)
