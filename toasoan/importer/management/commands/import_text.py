"""``toasoan import-text [--section SLUG] [--publish] PATH...``: scraped plain-text pages to articles.

One line per file: created/updated and the article's address, or ``LỖI <file>: <reason>``. A file
that fails is skipped (its transaction rolled back, nothing half-written) and the batch goes on;
the exit code is 1 when anything failed.
"""

from __future__ import annotations

import glob
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from toasoan.audit.services import record_import_run
from toasoan.entities.services import extract_for_article
from toasoan.importer.parsers.plaintext import ParseError, parse_plain_text, read_text_file
from toasoan.importer.services import (
    ImportPermissionError,
    ImportTooLargeError,
    Outcome,
    find_section,
    import_text_page,
    source_key_for_path,
    system_user,
    text_item_keys,
)

TEXT_SUFFIXES = (".txt", ".text")


def expand_paths(patterns: list[str]) -> tuple[list[Path], list[tuple[str, str]]]:
    """Files named by ``patterns`` (files, directories, globs), in order, without repeats; plus problems."""
    files: list[Path] = []
    problems: list[tuple[str, str]] = []
    seen: set[Path] = set()

    def add(path: Path) -> None:
        key = path.resolve()
        if key not in seen:
            seen.add(key)
            files.append(path)

    for pattern in patterns:
        path = Path(pattern)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES)
            if not found:
                problems.append((pattern, _("thư mục không có tệp .txt nào")))
            for item in found:
                add(item)
        elif path.exists():
            add(path)
        elif glob.has_magic(pattern):
            matches = sorted(Path(p) for p in glob.glob(pattern, recursive=True))
            matches = [p for p in matches if p.is_file()]
            if not matches:
                problems.append((pattern, _("không có tệp nào khớp mẫu này")))
            for item in matches:
                add(item)
        else:
            problems.append((pattern, _("không tìm thấy tệp")))
    return files, problems


def undated_note(count: int) -> str:
    """What the summary line adds when stories without a publication time were written (as drafts)."""
    if not count:
        return ""
    return "; " + _("%(undated)d bài không có ngày giờ đăng: đã nhập làm bản nháp, cần đặt ngày giờ đăng trước "
                    "khi xuất bản") % {"undated": count}


def runner_for(username: str | None):
    """The account recorded on the revisions: the named user, or the import system account."""
    if not username:
        return system_user()
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise CommandError(_("Không có tài khoản «%(username)s».") % {"username": username})
    return user


class Command(BaseCommand):
    help = _("Nhập các trang báo dạng văn bản thô (như trang mẫu) thành bài viết; nhập lại thì cập nhật bài cũ.")

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="ĐƯỜNG_DẪN", help=_("Tệp, thư mục hoặc mẫu glob."))
        parser.add_argument("--section", metavar="SLUG", help=_("Đường dẫn (slug) của chuyên mục; mặc định «Thời sự»."))
        parser.add_argument("--publish", action="store_true", help=_("Xuất bản ngay (mặc định: lưu bản nháp)."))
        parser.add_argument(
            "--force",
            action="store_true",
            help=_("Ghi đè cả bài biên tập viên đã sửa sau lần nhập trước (bài đã bị gỡ vẫn không được xuất bản lại)."),
        )
        parser.add_argument(
            "--user",
            metavar="TÊN_ĐĂNG_NHẬP",
            help=_("Người chạy lệnh, ghi vào lịch sử bài; mặc định tài khoản hệ thống «he-thong-nhap-bai»."),
        )
        parser.add_argument(
            "--strict",
            action="store_true",
            help=_("Từ chối trang có dòng đầu quá dài để làm tiêu đề hoặc không có ngày giờ đăng (mặc định: giữ lại, "
                   "kèm cảnh báo; trang không có ngày giờ đăng thành bản nháp)."),
        )
        parser.add_argument(
            "--confirm-entities",
            action="store_true",
            help=_("Xác nhận luôn nhân vật, tổ chức, địa danh tìm được (mặc định: chỉ gợi ý cho biên tập viên)."),
        )

    def handle(self, *args, paths: list[str], section: str | None, publish: bool, confirm_entities: bool = False,
               force: bool = False, strict: bool = False, user: str | None = None, **options):
        target = None
        if section:
            target = find_section(section)
            if target is None:
                raise CommandError(_("Không có chuyên mục có đường dẫn «%(slug)s».") % {"slug": section})

        runner = runner_for(user)
        files, problems = expand_paths(paths)
        counts = dict.fromkeys(Outcome, 0)
        failures = undated = 0
        for pattern, reason in problems:
            failures += 1
            self.stderr.write(_("LỖI %(file)s: %(reason)s") % {"file": pattern, "reason": reason})

        for path in files:
            try:
                parsed = parse_plain_text(read_text_file(path), strict=strict)
                key, earlier_keys = text_item_keys(parsed)
                result = import_text_page(
                    parsed=parsed, source_key=key, section=target, publish=publish, force=force, user=runner,
                    legacy_keys=(*earlier_keys, source_key_for_path(path)), file_name=path.name,
                )
            except (ParseError, ImportPermissionError, ImportTooLargeError) as exc:
                failures += 1
                self.stderr.write(_("LỖI %(file)s: %(reason)s") % {"file": path, "reason": exc})
                continue
            except Exception as exc:  # one broken article must not stop the batch; its transaction rolled back
                failures += 1
                self.stderr.write(
                    _("LỖI %(file)s: không lưu được bài (%(error)s: %(detail)s)")
                    % {"file": path, "error": type(exc).__name__, "detail": exc}
                )
                if options.get("verbosity", 1) >= 2:
                    raise
                continue
            article = result.article
            counts[result.outcome] += 1
            undated += result.written and parsed.published_at is None
            if not result.written:
                label = {
                    Outcome.UNCHANGED: _("Không đổi"),
                    Outcome.CONFLICT: _("XUNG ĐỘT"),
                    Outcome.TAKEN_DOWN: _("BỎ QUA"),
                }[result.outcome]
                stream = self.stdout if result.outcome is Outcome.UNCHANGED else self.stderr
                stream.write(f"{label} {path} → {article.canonical_path()}: {result.reason}")
                continue
            if confirm_entities:
                # Never raises: a failed extraction must not fail the import.
                extract_for_article(article=article, auto_confirm=True)
            status = _("Đã tạo") if result.created else _("Đã cập nhật")
            state = "" if article.live else " " + _("(bản nháp, chưa xuất bản)")
            self.stdout.write(f"{status} {path} → {article.canonical_path()}{state}")
            for warning in (*parsed.warnings, *result.warnings):
                self.stdout.write("  " + _("CẢNH BÁO: %(warning)s") % {"warning": warning})

        record_import_run(runner=runner, command="import-text", sources=paths,
                          counts={**{outcome.value: n for outcome, n in counts.items()}, "failed": failures},
                          options={"section": section or "", "publish": publish, "force": force})
        if len(files) > 1 or failures:
            self.stdout.write(
                _("Tổng: %(created)d tạo mới, %(updated)d cập nhật, %(unchanged)d không đổi, %(conflict)d xung đột, "
                  "%(taken_down)d bỏ qua vì đã gỡ, %(failed)d lỗi")
                % {**{outcome.value: n for outcome, n in counts.items()}, "failed": failures}
                + undated_note(undated)
            )
        if failures:
            raise CommandError(
                _("%(failed)d/%(total)d tệp không nhập được.")
                % {"failed": failures, "total": len(files) + len(problems)},
                returncode=1,
            )
