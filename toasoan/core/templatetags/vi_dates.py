"""Vietnamese newspaper dates: the dateline ``19:37, 01/07/2019`` and relative times in lists.

Every time is shown in the newsroom's zone (``settings.TIME_ZONE``, Asia/Ho_Chi_Minh), whatever zone the
value was stored in.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django import template
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

register = template.Library()

WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")


def newsroom_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def _local(value: datetime) -> datetime:
    if timezone.is_naive(value):
        value = timezone.make_aware(value, newsroom_zone())
    return value.astimezone(newsroom_zone())


def format_dateline(value: datetime | None) -> str:
    """``19:37, 01/07/2019`` (hour:minute, day/month/year) in the newsroom's zone; empty for no value."""
    if value is None or value == "":
        return ""
    local = _local(value)
    return f"{local:%H:%M}, {local:%d/%m/%Y}"


def format_date(value: datetime | date | None) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, datetime):
        value = _local(value)
    return f"{value:%d/%m/%Y}"


def format_relative(value: datetime | None, *, now: datetime) -> str:
    """"Vừa xong", "5 phút trước", "2 giờ trước" within a day, then the date ``01/07/2019``."""
    if value is None or value == "":
        return ""
    delta = now - value
    if delta < timedelta(minutes=1):
        # Also a time slightly in the future (clock skew between servers): still "just now".
        return _("Vừa xong") if delta > -timedelta(minutes=5) else format_date(value)
    if delta < timedelta(hours=1):
        return _("%(n)d phút trước") % {"n": delta // timedelta(minutes=1)}
    if delta < timedelta(days=1):
        return _("%(n)d giờ trước") % {"n": delta // timedelta(hours=1)}
    return format_date(value)


def format_weekday_date(value: datetime | date) -> str:
    """``Thứ Tư, 25/11/2026`` for the masthead."""
    if isinstance(value, datetime):
        value = _local(value)
    return f"{_(WEEKDAYS[value.weekday()])}, {value:%d/%m/%Y}"


@register.filter
def dateline(value: datetime | None) -> str:
    return format_dateline(value)


@register.filter
def vi_date(value: datetime | date | None) -> str:
    return format_date(value)


@register.filter
def relative_time(value: datetime | None) -> str:
    return format_relative(value, now=timezone.now())


@register.simple_tag
def today_vi() -> str:
    return format_weekday_date(timezone.now())


@register.filter
def iso_time(value: datetime | None) -> str:
    """Machine-readable time for ``<time datetime>``, with the newsroom's UTC offset."""
    if value is None or value == "":
        return ""
    return _local(value).isoformat(timespec="minutes")
