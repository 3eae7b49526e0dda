"""Wagtail's starting rows and Django's permission names read in Vietnamese after migrate."""

from __future__ import annotations

import pytest


@pytest.mark.django_db
def test_wagtails_starting_rows_have_vietnamese_names():
    from django.contrib.auth.models import Group
    from wagtail.models import Collection, Page, Task, Workflow

    root = Page.get_first_root_node()
    assert root.title == "Gốc" and root.get_admin_display_title() == "Gốc"
    assert Collection.get_first_root_node().name == "Thư viện chung"
    assert not Group.objects.filter(name__in=["Moderators", "Editors"]).exists()
    assert not Workflow.objects.filter(name="Moderators approval").exists()
    assert not Task.objects.filter(name="Moderators approval").exists()


@pytest.mark.django_db
def test_permission_names_read_in_vietnamese_on_the_group_screen(client, newsroom, django_user_model):
    from django.contrib.auth.models import Group, Permission

    assert not Permission.objects.filter(name__startswith="Can ").exists()
    assert Permission.objects.get(codename="add_author").name == "Được thêm tác giả"
    assert Permission.objects.get(codename="publish_page").name == "Được đăng mọi trang (không qua quy trình duyệt)"
    admin = django_user_model.objects.create_superuser("quantri", password="x")
    client.force_login(admin)
    group = Group.objects.get(name="Thư ký tòa soạn")
    html = client.get(f"/admin/groups/edit/{group.pk}/").content.decode()
    for english in ("Can add", "Can change", "Publish any page", "Wagtail core"):
        assert english not in html
