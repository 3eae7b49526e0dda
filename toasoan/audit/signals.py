"""Connects the audit trail: origins and protection of log entries, sign-in and second-factor events, account
and access changes (bulk writes included), changes of settings and lists, and the audit permission of the
newsroom's chief and administrator groups."""

from __future__ import annotations


def connect() -> None:
    from django.contrib.auth.models import Group
    from django.db.models.signals import post_save

    from toasoan.audit import auth_events, bulk, changes, config_changes, page_changes, protection, roles

    protection.connect()
    auth_events.connect()
    changes.connect()
    bulk.install()
    config_changes.connect()
    page_changes.connect()
    post_save.connect(roles.on_group_created, sender=Group, dispatch_uid="toasoan_audit_group_created")
