"""Django's ``flush`` (empty every table), refused unless the settings declare the database disposable: emptying
the database empties the audit trail, which nothing in the product may do. The test settings set
``TOASOAN_AUDIT_LOG_FLUSHABLE`` (the test runner flushes its own database between transactional tests); on
PostgreSQL the command then lets its own TRUNCATE through the log tables' trigger (migration 0002) by setting
``toasoan.audit_log_flush`` for its transaction only."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import CommandError
from django.core.management.commands import flush
from django.db import connections, transaction
from django.utils.translation import gettext as _

FLUSH_SETTING = "toasoan.audit_log_flush"  # read by audit_log_refuse_truncate() (migration 0002)


def flushable() -> bool:
    return bool(getattr(settings, "TOASOAN_AUDIT_LOG_FLUSHABLE", False))


class Command(flush.Command):
    help = ("Xóa sạch mọi dữ liệu trong cơ sở dữ liệu; chỉ chạy được với cơ sở dữ liệu dùng một lần (cài đặt "
            "TOASOAN_AUDIT_LOG_FLUSHABLE), vì nó xóa cả nhật ký thao tác.")

    def handle(self, **options):
        if not flushable():
            raise CommandError(_("Không xóa sạch cơ sở dữ liệu: việc đó xóa cả nhật ký thao tác, mà không ai được "
                                 "xóa nhật ký. Chỉ cơ sở dữ liệu dùng một lần (của bộ kiểm thử, cài đặt "
                                 "TOASOAN_AUDIT_LOG_FLUSHABLE) mới xóa sạch được."))
        connection = connections[options["database"]]
        if connection.vendor != "postgresql":
            return super().handle(**options)
        with transaction.atomic(using=connection.alias):
            with connection.cursor() as cursor:  # for this transaction only (is_local)
                cursor.execute("SELECT set_config(%s, 'on', true)", [FLUSH_SETTING])
            return super().handle(**options)
