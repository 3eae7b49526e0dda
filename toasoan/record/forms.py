"""Forms of the newsroom's legal actions: a correction, a takedown. Plain text: shown escaped everywhere."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _clean_text(value: str) -> str:
    return CONTROL.sub("", value).strip()


class CorrectionForm(forms.Form):
    wrong = forms.CharField(
        label=_("Nội dung sai"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Điều bài viết đã đưa sai, trích đúng như đã đăng."),
        error_messages={"required": _("Hãy ghi nội dung sai cần cải chính."),
                        "max_length": _("Nội dung sai dài quá %(limit_value)d ký tự.")},
    )
    right = forms.CharField(
        label=_("Thông tin đúng"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Hãy ghi thông tin đúng."),
                        "max_length": _("Thông tin đúng dài quá %(limit_value)d ký tự.")},
    )
    apology = forms.CharField(
        label=_("Lời xin lỗi (không bắt buộc)"), max_length=2000, required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"max_length": _("Lời xin lỗi dài quá %(limit_value)d ký tự.")},
    )

    def clean(self):
        data = super().clean()
        for name in ("wrong", "right", "apology"):
            if name in data:
                data[name] = _clean_text(data[name])
        if "wrong" in data and not data["wrong"]:
            self.add_error("wrong", _("Hãy ghi nội dung sai cần cải chính."))
        if "right" in data and not data["right"]:
            self.add_error("right", _("Hãy ghi thông tin đúng."))
        return data


class TakedownForm(forms.Form):
    reason = forms.CharField(
        label=_("Lý do gỡ bài"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Ghi rõ lý do (ví dụ: thông tin sai, yêu cầu của cơ quan quản lý). Bạn đọc không thấy lý do này; "
                    "tổng biên tập và thanh tra xem được."),
        error_messages={"required": _("Hãy ghi lý do gỡ bài."),
                        "max_length": _("Lý do dài quá %(limit_value)d ký tự.")},
    )

    def clean_reason(self):
        value = _clean_text(self.cleaned_data["reason"])
        if not value:
            raise forms.ValidationError(_("Hãy ghi lý do gỡ bài."))
        return value
