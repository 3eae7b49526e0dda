"""Admin wiring of the audit trail: Vietnamese log actions for the events this app logs, the report's menu item
(for whoever may read the log, in place of Wagtail's), and the permission in the group editor."""

from __future__ import annotations

import json

from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils.translation import gettext as gettext_now
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.log_actions import LogFormatter

from toasoan.audit import config_changes
from toasoan.audit.roles import AUDIT_PERMISSION

SIMPLE_ACTIONS = {
    "toasoan.login": (_("Đăng nhập"), _("Đã đăng nhập")),
    "toasoan.logout": (_("Đăng xuất"), _("Đã đăng xuất")),
    "toasoan.login_failed": (_("Đăng nhập thất bại"), _("Đăng nhập thất bại (sai tên hoặc mật khẩu)")),
    "toasoan.login_locked": (_("Tạm khóa đăng nhập"), _("Đăng nhập bị từ chối: sai quá nhiều lần, tạm khóa")),
    "toasoan.2fa_enabled": (_("Bật xác thực hai bước"), _("Đã bật xác thực hai bước (ứng dụng xác thực)")),
    "toasoan.2fa_removed": (_("Gỡ xác thực hai bước"), _("Đã gỡ ứng dụng xác thực hai bước")),
    "toasoan.2fa_recovery_codes": (_("Tạo mã dự phòng"), _("Đã tạo bộ mã dự phòng mới (bộ cũ hết hiệu lực)")),
    "toasoan.2fa_failed": (_("Sai mã xác thực hai bước"), _("Nhập sai mã xác thực hai bước khi đăng nhập")),
}


def _field_label(name: str) -> str:
    """An account field as the admin's forms name it ("first_name" → its verbose name), not its code name."""
    from django.contrib.auth import get_user_model
    from django.core.exceptions import FieldDoesNotExist

    try:
        return str(get_user_model()._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return name


def _account_value(value) -> str:
    if isinstance(value, bool):
        return gettext_now("có") if value else gettext_now("không")
    return f"«{value}»" if value not in (None, "") else "—"


class AccountChangedFormatter(LogFormatter):
    label = _("Thay đổi thông tin tài khoản")

    def format_message(self, log_entry):
        data = log_entry.data or {}
        fields = data.get("fields") or {}
        if data.get("created"):
            shown = [f"{_field_label(name)}: {_account_value(pair[1])}" for name, pair in fields.items()
                     if isinstance(pair, list) and len(pair) == 2]
            return gettext_now("Tạo tài khoản: %(fields)s") % {"fields": "; ".join(shown) or "—"}
        shown = [f"{_field_label(name)}: {_account_value(pair[0])} → {_account_value(pair[1])}"
                 if isinstance(pair, list) and len(pair) == 2 else _field_label(name) for name, pair in fields.items()]
        if data.get("password_changed"):
            shown.append(gettext_now("mật khẩu (đã đổi, không ghi nội dung)"))
        return gettext_now("Đã đổi: %(fields)s") % {"fields": "; ".join(shown) or "—"}


class AccessChangedFormatter(LogFormatter):
    label = _("Thay đổi nhóm và quyền")

    def format_message(self, log_entry):
        data = log_entry.data or {}
        parts = []
        if data.get("added"):
            parts.append(gettext_now("Thêm: %(items)s") % {"items": "; ".join(map(str, data["added"]))})
        if data.get("removed"):
            parts.append(gettext_now("Bỏ: %(items)s") % {"items": "; ".join(map(str, data["removed"]))})
        return " · ".join(parts) or gettext_now("Thay đổi nhóm và quyền")


class ImportFormatter(LogFormatter):
    label = _("Nhập bài hàng loạt")

    def format_message(self, log_entry):
        counts = (log_entry.data or {}).get("counts") or {}
        return gettext_now("Đã chạy lệnh nhập bài: %(counts)s") % {
            "counts": json.dumps(counts, ensure_ascii=False) if counts else "—"}


@hooks.register("register_log_actions")
def register_audit_log_actions(actions):
    for action, (label, message) in SIMPLE_ACTIONS.items():
        actions.register_action(action, label, message)
    actions.register_action("toasoan.account_changed")(AccountChangedFormatter)
    actions.register_action("toasoan.access_changed")(AccessChangedFormatter)
    actions.register_action("toasoan.import")(ImportFormatter)


class SettingChangeFormatter(LogFormatter):
    """Wagtail's create/edit/delete entries, with what changed when the object is a tracked setting or list
    (:mod:`toasoan.audit.config_changes`); Wagtail's own formatter otherwise."""

    def __init__(self, core: LogFormatter):
        self.core = core
        self.label = core.label

    def format_message(self, log_entry):
        change = (log_entry.data or {}).get(config_changes.DATA_KEY)
        return config_changes.describe(change) if isinstance(change, dict) else self.core.format_message(log_entry)

    def format_comment(self, log_entry):
        return self.core.format_comment(log_entry)


@hooks.register("register_log_actions", order=100)  # after Wagtail's core actions: wraps their formatters
def describe_setting_changes(actions):
    for action in config_changes.ACTIONS.values():
        core = actions.formatters.get(action)
        if core is not None and not isinstance(core, SettingChangeFormatter):
            actions.formatters[action] = SettingChangeFormatter(core)


class AuditMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(AUDIT_PERMISSION)


@hooks.register("register_reports_menu_item")
def register_audit_menu_item():
    return AuditMenuItem(_("Nhật ký thao tác"), reverse("wagtailadmin_reports:site_history"), name="audit-log",
                         icon_name="history", order=1000)


@hooks.register("construct_reports_menu")
def hide_wagtail_site_history(request, menu_items):
    menu_items[:] = [item for item in menu_items if item.name != "site-history"]


@hooks.register("register_permissions")
def register_audit_permission():
    app_label, codename = AUDIT_PERMISSION.split(".")
    return Permission.objects.filter(content_type__app_label=app_label, codename=codename)
