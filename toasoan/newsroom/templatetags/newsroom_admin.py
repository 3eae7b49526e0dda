"""Template tags of the newsroom's admin chrome."""

from __future__ import annotations

from django import template
from django.conf import settings
from django.utils.translation import gettext_lazy as _

register = template.Library()


@register.simple_tag
def admin_site_name() -> str:
    """The paper's name (``WAGTAIL_SITE_NAME``, env ``SITE_NAME``) for tab titles and the login heading."""
    return settings.WAGTAIL_SITE_NAME


LINK_FIELD_LABELS = {
    "link_text": _("Chữ hiển thị của liên kết"),
    "email_address": _("Địa chỉ thư điện tử"),
    "subject": _("Tiêu đề thư"),
    "body": _("Nội dung thư"),
    "phone_number": _("Số điện thoại"),
}


@register.filter
def link_field_label(field) -> str:
    """Labels for the fields of Wagtail's link chooser forms, which declare none (the name showed)."""
    if field.field.label is not None:
        return field.label
    return LINK_FIELD_LABELS.get(field.name, field.label)
