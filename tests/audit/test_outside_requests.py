"""Rights changed outside a request — in ``toasoan shell``, a management command or a data migration — are logged at
once, as "hệ thống" (no account) with the command that changed them, saying what was added and what removed: page
permissions per section, collection permissions, a group's model permissions, and a group deleted with its rights."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from wagtail.models import GroupPagePermission, ModelLogEntry

from tests.audit.conftest import origin
from toasoan.audit.origin import acting_from, for_command

pytestmark = pytest.mark.django_db

SHELL = """
from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission, Page
desk = Group.objects.get(name={desk!r})
home, section = Page.objects.get(pk={home}), Page.objects.get(pk={section})
publish = Permission.objects.get(content_type__app_label="wagtailcore", codename="publish_page")
row = GroupPagePermission.objects.create(group=desk, page=section, permission=publish)
row.page = home  # widened to the whole site
row.save()
GroupPagePermission.objects.get_or_create(group=desk, page=home, permission=publish)  # already there: no entry
desk.permissions.add(Permission.objects.get(codename="view_audit_trail"))
row.delete()
spare = Group.objects.create(name="Nhóm tạm «thử»")
GroupPagePermission.objects.create(group=spare, page=section, permission=publish)
spare.delete()
"""


def access_entries(group_id, *, after: int = 0) -> list:
    return list(ModelLogEntry.objects.filter(action="toasoan.access_changed", object_id=str(group_id), pk__gt=after)
                .order_by("pk"))


def last_entry() -> int:
    return ModelLogEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def page_permission_name(codename: str) -> str:
    from django.contrib.auth.models import Permission

    return Permission.objects.get(content_type__app_label="wagtailcore", codename=codename).name


def changes(entry) -> tuple[list, list]:
    return entry.data.get("added", []), entry.data.get("removed", [])


def test_rights_changed_in_the_shell_are_logged_as_the_system_with_the_command(newsroom):
    desk = newsroom.newsroom.desk_groups["Kinh tế"]["reporter"]
    home, section = newsroom.home, newsroom.other_section
    already = last_entry()
    with acting_from(for_command("shell")):  # what `toasoan shell -c …` sets around the command
        call_command("shell", command=SHELL.format(desk=desk.name, home=home.pk, section=section.pk),
                     stdout=StringIO())
    publish = f"wagtailcore.publish_page ({page_permission_name('publish_page')})"
    on_section, on_home = f"{publish} — trang «{section.title}»", f"{publish} — trang «{home.title}»"
    granted, widened, audit_right, revoked = access_entries(desk.pk, after=already)
    assert changes(granted) == ([on_section], [])
    assert changes(widened) == ([on_home], [on_section])  # the row's page changed: before → after
    assert changes(audit_right) == (["audit.view_audit_trail (Xem, lọc và tải nhật ký thao tác)"], [])
    assert changes(revoked) == ([], [on_home])
    spare_granted, spare_gone = ModelLogEntry.objects.filter(action="toasoan.access_changed",
                                                          label="Nhóm tạm «thử»").order_by("pk")
    assert changes(spare_granted) == ([on_section], [])
    assert changes(spare_gone) == ([], [on_section])  # one entry for the group deleted with its right
    new = ModelLogEntry.objects.filter(pk__gt=already, action="toasoan.access_changed")
    assert new.count() == 6
    for entry in new:
        assert entry.user_id is None and entry.user_display_name == "hệ thống"
        assert origin(entry)["via"] == "command" and origin(entry)["command"] == "shell"


def historical_apps():
    """The models as a data migration's ``RunPython`` gets them (``apps.get_model``), not the installed classes."""
    from django.db.migrations.loader import MigrationLoader

    return MigrationLoader(connection, ignore_no_migrations=True).project_state().apps


def test_rights_changed_by_a_data_migration_are_logged(newsroom):
    from django.contrib.auth.models import Group

    from toasoan.audit import changes as audit_changes

    desk = Group.objects.create(name="Thanh tra chuyên mục Kinh tế")
    section = newsroom.other_section
    apps = historical_apps()

    def forwards(apps, schema_editor):  # a data migration as one would write it
        group_model, permission_model = apps.get_model("auth", "Group"), apps.get_model("auth", "Permission")
        page_permission = apps.get_model("wagtailcore", "GroupPagePermission")
        group = group_model.objects.get(pk=desk.pk)
        assert page_permission is not GroupPagePermission  # really the migration's copy
        lock = permission_model.objects.get(content_type__app_label="wagtailcore", codename="lock_page")
        page_permission.objects.create(group=group, page_id=section.pk, permission=lock)
        page_permission.objects.filter(group=group, permission__codename="lock_page").delete()
        group.permissions.add(permission_model.objects.get(codename="view_audit_trail"))
        group.permissions.remove(permission_model.objects.get(codename="view_audit_trail"))

    before = last_entry()
    with acting_from(for_command("migrate")):
        audit_changes.on_pre_migrate(sender=None)  # what `migrate` sends before it runs migrations
        try:
            forwards(apps, None)
        finally:
            audit_changes.on_post_migrate(sender=None)
    lock = f"wagtailcore.lock_page ({page_permission_name('lock_page')}) — trang «{section.title}»"
    audit_right = "audit.view_audit_trail (Xem, lọc và tải nhật ký thao tác)"
    entries = access_entries(desk.pk, after=before)
    assert [changes(entry) for entry in entries] == [([lock], []), ([], [lock]), ([audit_right], []),
                                                     ([], [audit_right])]
    for entry in entries:
        assert entry.user_id is None and origin(entry)["command"] == "migrate"
