"""Rights changed by writes that send no per-object signal — ``bulk_create``, ``bulk_update``, ``QuerySet.update``
and the through tables' ``delete`` — on page and collection permissions, a group's permissions, an account's groups
and permissions, and the accounts' own flags (superuser, staff, active), from the shell or a command: each logged
once, by "hệ thống" with the command, saying what was added and removed."""

from __future__ import annotations

from io import StringIO

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, ModelLogEntry

from tests.audit.conftest import origin
from toasoan.audit import changes
from toasoan.audit.origin import acting_from, for_command

pytestmark = pytest.mark.django_db

AUDIT_RIGHT = "audit.view_audit_trail (Xem, lọc và tải nhật ký thao tác)"


def page_right(codename: str, page) -> str:
    permission = Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)
    return f"wagtailcore.{codename} ({permission.name}) — trang «{page.title}»"


def entries(obj, action: str, after: int) -> list:
    from django.contrib.contenttypes.models import ContentType

    return list(ModelLogEntry.objects.filter(content_type=ContentType.objects.get_for_model(obj), action=action,
                                             object_id=str(obj.pk), pk__gt=after).order_by("pk"))


def last_entry() -> int:
    return ModelLogEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def as_system(entry, command: str = "shell") -> bool:
    return (entry.user_id is None and entry.user_display_name == "hệ thống"
            and origin(entry)["via"] == "command" and origin(entry)["command"] == command)


def wagtail_right(codename: str) -> Permission:
    return Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)


@pytest.fixture
def group():
    return Group.objects.create(name="Nhóm thử quyền hàng loạt")


def test_page_permissions_bulk_create_bulk_update_and_update(newsroom, group):
    home, section = newsroom.home, newsroom.other_section
    start = last_entry()
    with acting_from(for_command("shell")):
        (row,) = GroupPagePermission.objects.bulk_create(
            [GroupPagePermission(group=group, page=section, permission=wagtail_right("publish_page"))])
        row.page = home
        GroupPagePermission.objects.bulk_update([row], ["page"])
        GroupPagePermission.objects.filter(pk=row.pk).update(permission=wagtail_right("lock_page"))
        group.page_permissions.all().update(page=section)  # through the group's related manager
    created, moved, changed, related = entries(group, "toasoan.access_changed", start)
    assert (created.data["added"], created.data["removed"]) == ([page_right("publish_page", section)], [])
    assert (moved.data["added"], moved.data["removed"]) == ([page_right("publish_page", home)],
                                                            [page_right("publish_page", section)])
    assert (changed.data["added"], changed.data["removed"]) == ([page_right("lock_page", home)],
                                                                [page_right("publish_page", home)])
    assert (related.data["added"], related.data["removed"]) == ([page_right("lock_page", section)],
                                                                [page_right("lock_page", home)])
    assert all(as_system(entry) for entry in (created, moved, changed, related))


def test_a_row_moved_to_another_group_is_logged_on_both(newsroom, group):
    other = Group.objects.create(name="Nhóm nhận quyền")
    row = GroupPagePermission.objects.create(group=group, page=newsroom.home, permission=wagtail_right("lock_page"))
    start = last_entry()
    with acting_from(for_command("doi_quyen")):
        GroupPagePermission.objects.filter(pk=row.pk).update(group=other)
    (left,) = entries(group, "toasoan.access_changed", start)
    (joined,) = entries(other, "toasoan.access_changed", start)
    assert left.data["removed"] == joined.data["added"] == [page_right("lock_page", newsroom.home)]
    assert as_system(left, "doi_quyen") and as_system(joined, "doi_quyen")


def test_collection_permissions_bulk_create(group):
    root = Collection.get_first_root_node()
    choose = Permission.objects.get(content_type__app_label="wagtailimages", codename="choose_image")
    start = last_entry()
    with acting_from(for_command("shell")):
        GroupCollectionPermission.objects.bulk_create(
            [GroupCollectionPermission(group=group, collection=root, permission=choose)])
        GroupCollectionPermission.objects.filter(group=group).delete()  # per-object signals: logged once
    granted, revoked = entries(group, "toasoan.access_changed", start)
    right = f"wagtailimages.choose_image ({choose.name}) — thư mục «{root.name}»"
    assert granted.data["added"] == [right] and revoked.data["removed"] == [right]


def test_group_permissions_through_rows_and_both_sides_of_the_relation(group):
    audit_right = Permission.objects.get(codename="view_audit_trail")
    through = Group.permissions.through
    start = last_entry()
    with acting_from(for_command("shell")):
        through.objects.bulk_create([through(group=group, permission=audit_right)])
        through.objects.filter(group=group).delete()
        group.permissions.add(audit_right)  # the m2m receivers log it: once, not again as a bulk write
        audit_right.group_set.remove(group)  # the reverse side
        audit_right.group_set.add(group)
        group.permissions.clear()
    logged = [(entry.data.get("added", []), entry.data.get("removed", []))
              for entry in entries(group, "toasoan.access_changed", start)]
    assert logged == [([AUDIT_RIGHT], []), ([], [AUDIT_RIGHT]), ([AUDIT_RIGHT], []), ([], [AUDIT_RIGHT]),
                      ([AUDIT_RIGHT], []), ([], [AUDIT_RIGHT])]


def test_account_groups_and_permissions_through_rows(django_user_model, group):
    user = django_user_model.objects.create_user("u_hang_loat", password="x-Mat-khau-dai-123")
    audit_right = Permission.objects.get(codename="view_audit_trail")
    start = last_entry()
    with acting_from(for_command("shell")):
        django_user_model.groups.through.objects.bulk_create([django_user_model.groups.through(user=user,
                                                                                               group=group)])
        django_user_model.user_permissions.through.objects.bulk_create(
            [django_user_model.user_permissions.through(user=user, permission=audit_right)])
        django_user_model.groups.through.objects.filter(user=user).delete()
        group.user_set.add(user)  # a group given a member, from the group's side
    logged = [(entry.data.get("added", []), entry.data.get("removed", []))
              for entry in entries(user, "toasoan.access_changed", start)]
    joined = f"nhóm «{group.name}»"
    assert logged == [([joined], []), ([AUDIT_RIGHT], []), ([], [joined]), ([joined], [])]


def test_account_flags_changed_by_update_and_bulk_update(django_user_model, newsroom):
    user = newsroom.colleague
    start = last_entry()
    with acting_from(for_command("shell")):
        django_user_model.objects.filter(pk=user.pk).update(is_superuser=True)
        user.refresh_from_db()
        user.is_staff, user.is_active = True, False
        django_user_model.objects.bulk_update([user], ["is_staff", "is_active"])
        django_user_model.objects.filter(pk=user.pk).update(last_login=None)  # a sign-in's stamp: not logged
        django_user_model.objects.filter(pk=user.pk).update(password="pbkdf2_sha256$1$muoi$bam")
    superuser, flags, password = entries(user, "toasoan.account_changed", start)
    assert superuser.data["fields"] == {"is_superuser": [False, True]}
    assert flags.data["fields"] == {"is_staff": [False, True], "is_active": [True, False]}
    assert password.data == {"fields": {}, "password_changed": True, "origin": password.data["origin"]}
    assert "bam" not in str(password.data) and "mật khẩu (đã đổi, không ghi nội dung)" in password.message
    assert superuser.message == "Đã đổi: trạng thái superuser: không → có"
    assert all(as_system(entry) for entry in (superuser, flags, password))


def test_accounts_made_outside_the_admin_are_logged_with_their_rights(django_user_model):
    start = last_entry()
    with acting_from(for_command("shell")):
        call_command("shell", stdout=StringIO(), command=(
            "from django.contrib.auth import get_user_model\n"
            "User = get_user_model()\n"
            "User.objects.create_superuser('u_toan_quyen', 'tq@toasoan.test', 'Mat-khau-rat-dai-1')\n"
            "User.objects.bulk_create([User(username='u_hang_loat_2', is_staff=True)])\n"))
    made = django_user_model.objects.get(username="u_toan_quyen")
    bulk = django_user_model.objects.get(username="u_hang_loat_2")
    (created,) = entries(made, "toasoan.account_changed", start)
    assert created.data["created"] is True and created.data["fields"]["is_superuser"] == [None, True]
    assert "Mat-khau" not in str(created.data) and created.message.startswith("Tạo tài khoản: ")
    (bulk_created,) = entries(bulk, "toasoan.account_changed", start)
    assert bulk_created.data["fields"] == {"username": [None, "u_hang_loat_2"], "is_staff": [None, True],
                                           "is_active": [None, True]}
    assert as_system(created) and as_system(bulk_created)


def test_in_a_request_a_bulk_write_is_compared_when_the_view_is_done(django_user_model, newsroom):
    """Inside a request the write is handed to the request's comparison: one entry, by the signed-in account."""
    admin, user = newsroom.user("administrator"), newsroom.colleague
    start = last_entry()
    with changes.change_scope() as scope:
        django_user_model.objects.filter(pk=user.pk).update(is_staff=True)
        django_user_model.objects.filter(pk=user.pk).update(is_superuser=True)
        scope.flush(user=admin)
    (entry,) = entries(user, "toasoan.account_changed", start)
    assert entry.user_id == admin.pk
    assert entry.data["fields"] == {"is_staff": [False, True], "is_superuser": [False, True]}


def test_a_failing_bulk_write_is_not_logged_and_still_fails(django_user_model, newsroom):
    from django.db import IntegrityError, transaction

    user = newsroom.colleague
    start = last_entry()
    with acting_from(for_command("shell")), pytest.raises(IntegrityError), transaction.atomic():
        django_user_model.objects.filter(pk=user.pk).update(username=newsroom.user("eic").username)
    assert entries(user, "toasoan.account_changed", start) == []


def test_a_group_and_an_account_deleted_in_the_admin_list_the_rights_they_took(client, newsroom, group):
    from django.urls import reverse

    admin, user = newsroom.user("administrator"), newsroom.colleague
    group.permissions.add(Permission.objects.get(codename="view_audit_trail"))
    GroupPagePermission.objects.create(group=group, page=newsroom.home, permission=wagtail_right("lock_page"))
    user.groups.add(group)
    start = last_entry()
    client.force_login(admin)
    assert client.post(reverse("wagtailusers_groups:delete", args=[group.pk])).status_code == 302
    kept = sorted(f"nhóm «{name}»" for name in user.groups.values_list("name", flat=True))
    assert kept  # the account's own desk group
    assert client.post(reverse("wagtailusers_users:delete", args=[user.pk])).status_code == 302
    (rights,) = entries(group, "toasoan.access_changed", start)
    assert rights.data["removed"] == sorted([AUDIT_RIGHT, page_right("lock_page", newsroom.home)])
    assert rights.user_id == admin.pk and rights.label == "Nhóm thử quyền hàng loạt"
    (account,) = entries(user, "toasoan.access_changed", start)
    assert account.user_id == admin.pk and account.data["removed"] == kept
    assert entries(group, "wagtail.delete", start) and entries(user, "wagtail.delete", start)


def test_audited_querysets_survive_the_cache(newsroom):
    """The cache pickles what it keeps (an image rendition holds its image and the user who uploaded it): the
    audited querysets pickle and come back as the same class, with the same rows (the image chooser's upload
    failed with a PicklingError when the audited class claimed Django's module)."""
    import pickle

    from django.contrib.auth import get_user_model
    from wagtail.models import GroupCollectionPermission, GroupPagePermission

    for queryset in (get_user_model().objects.filter(groups__isnull=False).prefetch_related("groups"),
                     GroupPagePermission.objects.all(), GroupCollectionPermission.objects.all()):
        rows = list(queryset)
        assert rows
        again = pickle.loads(pickle.dumps(queryset))  # noqa: S301 - our own bytes, as the cache does
        assert type(again) is type(queryset) and list(again) == rows
