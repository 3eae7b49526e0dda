"""Each newsroom action leaves its entry, through the real admin views and commands, with who, from where and
what changed; and no entry can be changed or deleted afterwards."""

from __future__ import annotations

import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.urls import reverse
from wagtail.models import ModelLogEntry, PageLogEntry

from tests.audit.conftest import all_entries, origin
from tests.newsroom.test_permission_matrix import article_data
from tests.users.test_elevation import group_form, user_form
from toasoan.audit.models import AuditLogProtectedError

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "importer"
DESK = "203.0.113.41"


def test_submit_approve_and_reject_through_the_admin_are_logged_with_their_origin(client, newsroom, draft, at_step):
    reporter, editor = newsroom.user("reporter"), newsroom.user("desk_editor")
    story = draft(owner=reporter, title="Đường ven biển Quảng Ngãi thông xe")
    client.force_login(reporter)
    client.post(reverse("wagtailadmin_pages:edit", args=[story.pk]), article_data(story, **{"action-submit": "1"}),
                REMOTE_ADDR="198.51.100.23", HTTP_USER_AGENT="Firefox/140 thử")
    client.force_login(editor)
    approved, rejected = at_step(0), at_step(0, title="Phố đi bộ mở rộng thêm hai tuyến")
    for page, action in ((approved, "approve"), (rejected, "reject")):
        state = page.current_workflow_task_state
        url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, state.pk])
        assert client.post(url, {"comment": "Sửa tít giúp 🙏"}, REMOTE_ADDR=DESK).status_code in (200, 302)

    (submitted,) = PageLogEntry.objects.filter(page_id=story.pk, action="wagtail.workflow.start")
    assert submitted.user_id == reporter.pk
    assert origin(submitted) == {"via": "web", "ip": "198.51.100.23", "user_agent": "Firefox/140 thử"}
    assert PageLogEntry.objects.filter(page_id=story.pk, action="wagtail.edit", user=reporter).exists()
    (approval,) = PageLogEntry.objects.filter(page_id=approved.pk, action="wagtail.workflow.approve")
    (rejection,) = PageLogEntry.objects.filter(page_id=rejected.pk, action="wagtail.workflow.reject")
    for entry in (approval, rejection):
        assert entry.user_id == editor.pk and origin(entry)["ip"] == DESK
    # Set up outside a request (the fixture's workflow start): the origin says so.
    (started,) = PageLogEntry.objects.filter(page_id=approved.pk, action="wagtail.workflow.start")
    assert origin(started) == {"via": "system"}


def test_a_user_permission_change_through_the_admin_form_says_what_changed(client, newsroom):
    admin, reporter = newsroom.user("administrator"), newsroom.colleague
    other_desk = newsroom.newsroom.desk_groups["Kinh tế"]["reporter"]
    own_desk = newsroom.newsroom.desk_groups["Thời sự"]["reporter"]
    client.force_login(admin)
    url = reverse("wagtailusers_users:edit", args=[reporter.pk])
    data = user_form(reporter.username, email="lan.ngo+tin@toasoan.test", first_name="Ánh 🗞", groups=[other_desk.pk],
                     is_active="")
    response = client.post(url, data, REMOTE_ADDR="203.0.113.77")
    assert response.status_code == 302, response.context["form"].errors
    reporter.refresh_from_db()
    assert list(reporter.groups.all()) == [other_desk]

    # (the fixture's own group.add, outside any request, was logged as it happened, by the system)
    assert ModelLogEntry.objects.filter(object_id=str(reporter.pk), action="toasoan.access_changed",
                                        user=None, data__added=[f"nhóm «{own_desk.name}»"]).exists()
    (access,) = ModelLogEntry.objects.filter(object_id=str(reporter.pk), action="toasoan.access_changed", user=admin)
    assert access.data["added"] == [f"nhóm «{other_desk.name}»"]
    assert access.data["removed"] == [f"nhóm «{own_desk.name}»"]
    (account,) = ModelLogEntry.objects.filter(object_id=str(reporter.pk), action="toasoan.account_changed", user=admin)
    assert account.data["fields"]["email"] == ["", "lan.ngo+tin@toasoan.test"]
    assert account.data["fields"]["first_name"] == ["", "Ánh 🗞"]
    assert account.data["fields"]["is_active"] == [True, False]
    assert account.data["password_changed"] is True and "Mật-khẩu" not in str(account.data)
    for entry in (access, account):
        assert entry.user_id == admin.pk and origin(entry)["ip"] == "203.0.113.77"
    assert ModelLogEntry.objects.filter(object_id=str(reporter.pk), action="wagtail.edit", user=admin).exists()


def test_a_group_permission_change_through_the_group_form(client, newsroom):
    """The administrator lets the inspectors read the audit trail, through the group editor."""
    from toasoan.audit.roles import audit_permission
    from toasoan.record.roles import ensure_record_roles

    inspectors = ensure_record_roles()
    # What the group editor shows of its rights (the deposit's own read right is kept by the form, not shown).
    before = list(inspectors.permissions.filter(codename="access_admin").values_list("pk", flat=True))
    admin = newsroom.user("administrator")
    client.force_login(admin)
    edit = reverse("wagtailusers_groups:edit", args=[inspectors.pk])
    data = group_form(client, edit, name=inspectors.name, permissions=[*before, audit_permission().pk])
    response = client.post(edit, data, REMOTE_ADDR="203.0.113.78")
    assert response.status_code == 302, response.context["form"].errors
    (entry,) = ModelLogEntry.objects.filter(object_id=str(inspectors.pk), action="toasoan.access_changed", user=admin)
    assert entry.data == {"added": ["audit.view_audit_trail (Xem, lọc và tải nhật ký thao tác)"], "removed": [],
                          "origin": entry.data["origin"]}
    assert origin(entry)["ip"] == "203.0.113.78"
    # Taken away again: logged as removed.
    data = group_form(client, edit, name=inspectors.name, permissions=before)
    assert client.post(edit, data).status_code == 302
    assert ModelLogEntry.objects.filter(object_id=str(inspectors.pk), action="toasoan.access_changed", user=admin,
                                        data__removed=["audit.view_audit_trail (Xem, lọc và tải nhật ký thao tác)"]
                                        ).exists()


def test_an_import_run_is_logged_with_its_account_sources_and_counts(site_structure, tmp_path):
    feed = tmp_path / "tin mới (Hà Nội).rss"
    shutil.copy(FIXTURES / "feeds" / "tin-moi.rss", feed)
    out = StringIO()
    with pytest.raises(CommandError):  # the missing file makes the run end with code 1, after it is logged
        call_command("import_sources", str(feed), str(tmp_path / "khong-co.xml"), stdout=out, stderr=StringIO())
    (entry,) = ModelLogEntry.objects.filter(action="toasoan.import")
    from toasoan.importer.services import system_user

    assert entry.user_id == system_user().pk
    assert entry.data["sources"] == [str(feed), str(tmp_path / "khong-co.xml")]
    counts = entry.data["counts"]
    assert counts["created"] >= 1 and counts["failed"] >= 1
    assert f"Tổng: {counts['created']} tạo mới, {counts['updated']} cập nhật" in out.getvalue()
    assert f"{counts['failed']} lỗi" in out.getvalue()
    assert origin(entry)["via"] == "command" and origin(entry)["command"] == "import"
    assert "tin mới (Hà Nội).rss" in entry.label


def test_no_entry_can_be_changed_or_deleted(newsroom):
    client_entry = all_entries()[-1]
    client_entry.label = "đã sửa"
    with pytest.raises(AuditLogProtectedError):
        client_entry.save()
    with pytest.raises(AuditLogProtectedError), transaction.atomic():
        client_entry.delete()
    with pytest.raises(AuditLogProtectedError), transaction.atomic():
        ModelLogEntry.objects.all().delete()
    with pytest.raises(AuditLogProtectedError), transaction.atomic():
        PageLogEntry.objects.filter(pk=PageLogEntry.objects.first().pk).delete()
    assert all_entries()[-1].label != "đã sửa"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger is PostgreSQL's")
def test_the_database_refuses_sql_that_changes_an_entry(newsroom):
    from django.db import DatabaseError

    entry = ModelLogEntry.objects.order_by("pk").first()
    for sql in ("UPDATE wagtailcore_modellogentry SET label = 'giả' WHERE id = %s",
                "UPDATE wagtailcore_modellogentry SET content_type_id = NULL, label = 'giả' WHERE id = %s",
                "DELETE FROM wagtailcore_modellogentry WHERE id = %s"):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [entry.pk])
    with pytest.raises(DatabaseError), transaction.atomic():
        PageLogEntry.objects.update(label="giả")
    assert ModelLogEntry.objects.get(pk=entry.pk).label == entry.label
    # Writing back exactly what the row holds changes nothing: let through (Django's deserialisation does it).
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE wagtailcore_modellogentry SET label = label WHERE id = %s", [entry.pk])
    # Django's own clean-up when a model is removed for good: the content type alone is set to NULL.
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE wagtailcore_modellogentry SET content_type_id = NULL WHERE id = %s", [entry.pk])
        transaction.set_rollback(True)


LOG_TABLES = ("wagtailcore_modellogentry", "wagtailcore_pagelogentry")


def test_the_flush_command_refuses_to_empty_a_database_that_is_not_disposable(settings, newsroom):
    """``toasoan flush`` would empty the log with every other table: refused unless the settings say the database is
    disposable (the test settings do, for the test runner's own flush between transactional tests)."""
    settings.TOASOAN_AUDIT_LOG_FLUSHABLE = False
    entries = len(all_entries())
    with pytest.raises(CommandError, match="xóa cả nhật ký thao tác"):
        call_command("flush", interactive=False, verbosity=0)
    assert len(all_entries()) == entries > 0


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger is PostgreSQL's")
def test_the_database_refuses_truncate_of_the_log_unless_the_flush_command_allows_it(newsroom):
    from django.db import DatabaseError

    from toasoan.audit.management.commands.flush import FLUSH_SETTING

    refused = "khong the bi xoa het"
    with connection.cursor() as cursor:  # the test's own inserts leave deferred checks that would block TRUNCATE
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    for sql in (*(f"TRUNCATE {table}" for table in LOG_TABLES), f"TRUNCATE {', '.join(LOG_TABLES)} CASCADE",
                "TRUNCATE wagtailcore_modellogentry RESTART IDENTITY",
                f"SELECT set_config('{FLUSH_SETTING}', 'off', true); TRUNCATE wagtailcore_pagelogentry"):
        with pytest.raises(DatabaseError, match=refused), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql)
    assert ModelLogEntry.objects.exists() and PageLogEntry.objects.exists()
    # The flush command's way: the setting for its own transaction lets the TRUNCATE through, and ends with it.
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT set_config(%s, 'on', true)", [FLUSH_SETTING])
        cursor.execute(f"TRUNCATE {', '.join(LOG_TABLES)}")
        assert not ModelLogEntry.objects.exists()
        transaction.set_rollback(True)
    assert ModelLogEntry.objects.exists()
    with pytest.raises(DatabaseError, match=refused), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("TRUNCATE wagtailcore_modellogentry")

