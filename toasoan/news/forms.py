"""The article form's «Thời gian đăng gốc»: the original publication time of an undated import.

A story imported from a source that gave no publication time is a draft (docs/importing.md). On its edit
screen, and only there, whoever may edit it types the time it first appeared (``dd/mm/yyyy HH:MM``, Hà Nội
time, read day first by the project's formats); its first publication then takes that time
(``ArticlePage.save``). A time in the future is refused: going live later is scheduling («Hẹn giờ»). For
every other article the field is not in the form at all, so a posted value is ignored.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminPageForm

FIELD = "original_published_at"


class OriginalTimeMixin:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = self.instance
        if FIELD in self.fields and not (instance.pk and instance.needs_publication_time):
            del self.fields[FIELD]

    def clean_original_published_at(self):
        value = self.cleaned_data.get(FIELD)
        if value is not None and value > timezone.now():
            raise ValidationError(_("«Thời gian đăng gốc» không được ở tương lai. Để bài lên trang vào một lúc "
                                    "sau này, hãy dùng «Hẹn giờ» (giờ lên trang)."))
        return value


def with_original_time(base: type[WagtailAdminPageForm]) -> type[WagtailAdminPageForm]:
    """``base`` (the article's admin form) with «Thời gian đăng gốc» kept for undated imports only."""
    if issubclass(base, OriginalTimeMixin):
        return base
    return type(base.__name__, (OriginalTimeMixin, base), {"__module__": __name__})
