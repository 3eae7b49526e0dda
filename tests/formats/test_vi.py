"""The vi format module: day first everywhere, and the same formats the admin's pickers write and show."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django import forms
from django.conf import settings
from django.utils import translation
from django.utils.formats import get_format
from wagtail.admin.datetimepicker import to_datetimepicker_format
from wagtail.admin.widgets import AdminDateInput, AdminDateTimeInput

VN = ZoneInfo("Asia/Ho_Chi_Minh")
KINDS = {"DATE": "WAGTAIL_DATE_FORMAT", "DATETIME": "WAGTAIL_DATETIME_FORMAT", "TIME": "WAGTAIL_TIME_FORMAT"}


@pytest.mark.parametrize("language", ["vi", None], ids=["vi", "no-language-active"])
def test_what_the_pickers_write_is_the_first_format_read_and_no_format_is_month_first(language):
    with translation.override(language):
        for kind, wagtail_setting in KINDS.items():
            formats = get_format(f"{kind}_INPUT_FORMATS")
            assert formats[0] == getattr(settings, wagtail_setting)
            assert not any(fmt.startswith("%m") for fmt in formats), formats
        assert get_format("FIRST_DAY_OF_WEEK") == 1


def test_the_admin_widgets_show_and_their_pickers_write_day_first():
    with translation.override("vi"):
        assert AdminDateTimeInput().js_format == to_datetimepicker_format("%d/%m/%Y %H:%M") == "d/m/Y H:i"
        assert AdminDateInput().js_format == "d/m/Y"
        shown = AdminDateTimeInput().format_value(datetime(2026, 12, 8, 9, 15))
        assert shown == "08/12/2026 09:15"


@pytest.mark.parametrize("typed,meant", [
    ("08/12/2026 09:15", datetime(2026, 12, 8, 9, 15, tzinfo=VN)),
    ("20/12/2026 15:00", datetime(2026, 12, 20, 15, 0, tzinfo=VN)),
    ("20/12/2026 15h30", datetime(2026, 12, 20, 15, 30, tzinfo=VN)),
    ("15:00 20-12-2026", datetime(2026, 12, 20, 15, 0, tzinfo=VN)),
    ("2026-12-20 15:00", datetime(2026, 12, 20, 15, 0, tzinfo=VN)),
    ("2026-12-20T15:00", datetime(2026, 12, 20, 15, 0, tzinfo=VN)),
])
def test_datetimes_are_read_day_first_in_ho_chi_minh_time(typed, meant):
    with translation.override("vi"):
        value = forms.DateTimeField().clean(typed)
    assert value == meant
    assert value.utcoffset().total_seconds() == 7 * 3600


@pytest.mark.parametrize("typed", ["12/20/2026", "12/20/2026 15:00", "31/02/2026", "20/13/2026"])
def test_impossible_or_month_first_dates_are_refused(typed):
    with translation.override("vi"), pytest.raises(forms.ValidationError):
        forms.DateTimeField().clean(typed)


def test_dates_are_read_day_first():
    with translation.override("vi"):
        field = forms.DateField()
        assert field.clean("08/12/2026") == date(2026, 12, 8)
        assert field.clean("20/12/2026") == date(2026, 12, 20)
        assert field.clean("2026-12-20") == date(2026, 12, 20)
