"""Django's ``flush`` (empty every table), refused unless the settings declare the database disposable: emptying
the database empties the audit trail, which nothing in the product may do. The test settings set
``TOASOAN_AUDIT_LOG_FLUSHABLE`` (the test runner flushes its own database between transactional tests); on
PostgreSQL the command then lets its own TRUNCATE through the log tables' trigger (migration 0002) by setting
``toasoan.audit_log_flush`` for its transaction only."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import CommandError
from django.core.management.commands import flush
from django.core.management.sql import emit_post_migrate_signal
from django.db import connections, transaction
from django.utils.translation import gettext as _

FLUSH_SETTING = "toasoan.audit_log_flush"  # read by audit_log_refuse_truncate() (migration 0002)
# Tables with a trigger of their own that fires on DELETE (bit 3 of tgtype): their rows cannot be deleted one by one.
GUARDED_TABLES = """SELECT DISTINCT relname FROM pg_trigger JOIN pg_class ON pg_class.oid = tgrelid
                    WHERE NOT tgisinternal AND (tgtype & 8) <> 0"""


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
        if not options.get("reset_sequences", True) and not options.get("interactive", True):
            return self._empty_quickly(connection, options)
        with transaction.atomic(using=connection.alias):
            with connection.cursor() as cursor:  # for this transaction only (is_local)
                cursor.execute("SELECT set_config(%s, 'on', true)", [FLUSH_SETTING])
            return super().handle(**options)

    def _empty_quickly(self, connection, options) -> None:
        """Empty the tables that hold rows, in one transaction: DELETE where a TRUNCATE of every table costs
        seconds (the test runner asks this between transactional tests, with a few rows in a few tables).
        The foreign keys Django makes on PostgreSQL are checked at commit, so the order does not matter. Tables
        whose rows a trigger keeps (the audit log, the legal deposit) are truncated together, under the flush
        setting, as the plain ``flush`` does. Sequences are left as they are, as asked (``reset_sequences=False``)."""
        tables = connection.introspection.django_table_names(only_existing=True, include_views=False)
        with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
            cursor.execute("SELECT set_config(%s, 'on', true)", [FLUSH_SETTING])
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
            cursor.execute(GUARDED_TABLES)
            guarded = {name for (name,) in cursor.fetchall()}
            quoted = [connection.ops.quote_name(table) for table in tables]
            probes = [f"SELECT {index} WHERE EXISTS (SELECT 1 FROM {name})"  # noqa: S608 - introspected names
                      for index, name in enumerate(quoted)]
            cursor.execute(" UNION ALL ".join(probes))
            filled = [index for (index,) in cursor.fetchall()]
            to_truncate = [quoted[index] for index in filled if tables[index] in guarded]
            if to_truncate:
                cursor.execute(f"TRUNCATE {', '.join(to_truncate)} CASCADE")
            for index in filled:
                if tables[index] not in guarded:
                    cursor.execute(f"DELETE FROM {quoted[index]}")  # noqa: S608 - introspected name
        if tables and not options.get("inhibit_post_migrate", False):
            emit_post_migrate_signal(options["verbosity"], options["interactive"], connection.alias)
