"""Template filters for Vietnamese dates: the dateline and relative times, with fixed times."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.utils import translation

from toasoan.core.templatetags.vi_dates import (
    format_date,
    format_dateline,
    format_relative,
    format_weekday_date,
    iso_time,
)

VN = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime(2019, 7, 1, 19, 37, tzinfo=VN)


@pytest.fixture(autouse=True)
def _vietnamese():
    with translation.override("vi"):
        yield


def test_dateline_is_hour_minute_then_day_month_year_in_vietnam_time():
    assert format_dateline(datetime(2019, 7, 1, 19, 37, tzinfo=VN)) == "19:37, 01/07/2019"
    # Stored in UTC, shown in Asia/Ho_Chi_Minh (UTC+7): 12:37Z is 19:37 the same day.
    assert format_dateline(datetime(2019, 7, 1, 12, 37, tzinfo=UTC)) == "19:37, 01/07/2019"
    # Late evening UTC is already the next day in Vietnam.
    assert format_dateline(datetime(2019, 12, 31, 18, 5, tzinfo=UTC)) == "01:05, 01/01/2020"


def test_dateline_of_nothing_is_empty():
    assert format_dateline(None) == ""
    assert format_dateline("") == ""


def test_dateline_filter_in_a_template():
    rendered = Template("{% load vi_dates %}{{ when|dateline }}").render(
        Context({"when": datetime(2019, 7, 1, 12, 37, tzinfo=UTC)})
    )
    assert rendered == "19:37, 01/07/2019"


@pytest.mark.parametrize(
    ("delta", "expected"),
    [
        (timedelta(seconds=0), "Vừa xong"),
        (timedelta(seconds=59), "Vừa xong"),
        (timedelta(seconds=-30), "Vừa xong"),  # a few seconds of clock skew
        (timedelta(minutes=1), "1 phút trước"),
        (timedelta(minutes=5, seconds=40), "5 phút trước"),
        (timedelta(minutes=59, seconds=59), "59 phút trước"),
        (timedelta(hours=1), "1 giờ trước"),
        (timedelta(hours=2, minutes=50), "2 giờ trước"),
        (timedelta(hours=23, minutes=59), "23 giờ trước"),
    ],
)
def test_relative_time_within_a_day(delta, expected):
    assert format_relative(NOW - delta, now=NOW) == expected


def test_relative_time_after_a_day_is_the_date():
    assert format_relative(NOW - timedelta(days=1), now=NOW) == "30/06/2019"
    assert format_relative(datetime(2018, 3, 9, 6, 0, tzinfo=VN), now=NOW) == "09/03/2018"


def test_relative_time_far_in_the_future_is_the_date():
    assert format_relative(NOW + timedelta(days=2), now=NOW) == "03/07/2019"


def test_relative_time_compares_instants_not_wall_clocks():
    # 12:32Z is 19:32 in Vietnam: five minutes before NOW, whatever zone each value is in.
    assert format_relative(datetime(2019, 7, 1, 12, 32, tzinfo=UTC), now=NOW) == "5 phút trước"


def test_relative_time_goes_through_gettext(monkeypatch):
    from toasoan.core.templatetags import vi_dates

    monkeypatch.setattr(vi_dates, "_", lambda text: text.replace("phút trước", "minutes ago"))
    assert format_relative(NOW - timedelta(minutes=5), now=NOW) == "5 minutes ago"


def test_date_and_weekday():
    assert format_date(date(2019, 7, 1)) == "01/07/2019"
    assert format_date(datetime(2019, 6, 30, 20, 0, tzinfo=UTC)) == "01/07/2019"
    assert format_weekday_date(date(2019, 7, 1)) == "Thứ Hai, 01/07/2019"
    assert format_weekday_date(date(2019, 7, 7)) == "Chủ nhật, 07/07/2019"


def test_iso_time_carries_the_vietnam_offset():
    assert iso_time(datetime(2019, 7, 1, 12, 37, tzinfo=UTC)) == "2019-07-01T19:37+07:00"
    assert iso_time(None) == ""


def test_get_item_and_tag_url_filters():
    from types import SimpleNamespace

    from toasoan.core.templatetags.toasoan_tags import get_item, tag_url

    assert get_item({"media": [1, 2]}, "media") == [1, 2]
    assert get_item({"media": [1]}, "photo") is None
    assert get_item(None, "media") is None
    assert tag_url(SimpleNamespace(slug="covid-19")) == "/tu-khoa/covid-19/"
    assert tag_url(SimpleNamespace(slug="giao-thông")) == ""


def test_credit_text_adds_parentheses_once():
    from toasoan.core.templatetags.toasoan_tags import credit_text

    assert credit_text("Ảnh cắt clip") == "(Ảnh cắt clip)"
    assert credit_text("(Ảnh: Thành Duy)") == "(Ảnh: Thành Duy)"
    assert credit_text("  ") == ""
    assert credit_text(None) == ""
