"""Each transactional test starts from the built database, whatever kind of test ran before it (tests/conftest.py).

Django empties the database after a serialized-rollback test without making content types and permissions
again; a plain transactional test running next found no permission (``Permission.DoesNotExist``) until the
conftest restored the snapshot. After a plain transactional test it makes them again with new ids; a
serialized-rollback test running next failed to restore the snapshot over them (a unique constraint) until the
conftest emptied the database first. The three tests below run in this order (same file, same phase).
"""

from __future__ import annotations

import pytest


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_serialized_rollback_test_sees_the_built_database():
    from django.contrib.auth.models import Group, Permission

    assert Permission.objects.filter(codename="add_group").exists()
    Group.objects.create(name="Nhóm tạm của phép thử")  # emptied afterwards


@pytest.mark.django_db(transaction=True)
def test_b_a_plain_transactional_test_after_it_still_has_permissions(site_structure):
    from django.contrib.auth.models import Group, Permission

    assert Permission.objects.filter(codename="add_group").exists()
    assert site_structure.home.get_parent().depth == 1  # the skeleton, built again by the fixture when flushed away
    assert not Group.objects.filter(name="Nhóm tạm của phép thử").exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_c_a_serialized_rollback_test_after_a_plain_one_sees_the_built_database():
    from django.contrib.auth.models import Group, Permission
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Page

    from toasoan.home.models import HomePage

    assert Permission.objects.filter(codename="add_group").exists()
    assert ContentType.objects.filter(app_label="wagtailcore", model="page").count() == 1
    assert HomePage.objects.count() == 1 and Page.get_first_root_node() is not None  # the skeleton, restored
    assert not Group.objects.filter(name="Nhóm tạm của phép thử").exists()
