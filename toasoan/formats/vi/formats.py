"""Dates and times as a Vietnamese newsroom writes them: day first (``20/12/2026``, ``20/12/2026 15:00``).

Django's own ``vi`` locale defines no ``*_INPUT_FORMATS``, so without this module Django falls back to its
American defaults (``%m/%d/%Y``): 08/12 was read as 12 August and 20/12 was refused. The first entry of each
list is what the admin shows and its date picker writes (``WAGTAIL_DATE_FORMAT``, ``WAGTAIL_DATETIME_FORMAT``,
``WAGTAIL_TIME_FORMAT`` in the settings name these very strings), so what is shown is read back unchanged.
ISO dates (``2026-12-20``, as a browser's own date field sends them) are accepted too. There is no
month-first format at all: a date is never read with day and month swapped.

Times are wall-clock times of the current time zone (``TIME_ZONE = "Asia/Ho_Chi_Minh"``): Django's form
fields make them aware in that zone.
"""

DATE_INPUT_FORMATS = [
    "%d/%m/%Y",  # 20/12/2026: the admin's date picker
    "%d-%m-%Y",  # 20-12-2026
    "%d.%m.%Y",  # 20.12.2026
    "%d/%m/%y",  # 20/12/26
    "%Y-%m-%d",  # 2026-12-20: ISO, a browser's <input type="date">
]

TIME_INPUT_FORMATS = [
    "%H:%M",  # 15:00: the admin's time picker
    "%H:%M:%S",
    "%H:%M:%S.%f",
    "%Hh%M",  # 15h00, as newsrooms write it
    "%Hh",  # 15h
]

DATETIME_INPUT_FORMATS = [
    "%d/%m/%Y %H:%M",  # 20/12/2026 15:00: the admin's date-time picker
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M:%S.%f",
    "%d/%m/%Y %Hh%M",  # 20/12/2026 15h00
    "%d/%m/%Y",  # midnight
    "%H:%M %d/%m/%Y",  # 15:00 20/12/2026, the order of Django's vi SHORT_DATETIME_FORMAT
    "%Hh%M %d/%m/%Y",
    "%d-%m-%Y %H:%M",
    "%d-%m-%Y %H:%M:%S",
    "%d-%m-%Y",
    "%H:%M %d-%m-%Y",
    "%d.%m.%Y %H:%M",
    "%d.%m.%Y",
    "%Y-%m-%d %H:%M:%S",  # ISO (Django also reads ISO 8601 before trying these)
    "%Y-%m-%d %H:%M:%S.%f",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d",
]

FIRST_DAY_OF_WEEK = 1  # the date picker's weeks start on Monday (Thứ Hai)
