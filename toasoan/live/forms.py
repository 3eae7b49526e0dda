from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.images.widgets import AdminImageChooser

from toasoan.live.models import TEXT_MAX_LENGTH, LiveUpdate


class LiveUpdateForm(forms.ModelForm):
    embed_url = forms.URLField(label=_("địa chỉ nhúng"), required=False, assume_scheme="https",
                               error_messages={"invalid": _("Địa chỉ nhúng không hợp lệ.")})

    class Meta:
        model = LiveUpdate
        fields = ["kind", "text", "image", "quote_source", "embed_url", "pinned"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 4, "maxlength": TEXT_MAX_LENGTH}),
            "image": AdminImageChooser,
        }
        error_messages = {
            "text": {
                "required": _("Cập nhật chưa có nội dung."),
                "max_length": _("Cập nhật dài quá %(limit_value)d ký tự (hiện có %(show_value)d): hãy tách thành "
                                "nhiều cập nhật."),
            },
        }

    def __init__(self, *args, can_pin: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["image"].required = False
        if not can_pin:
            del self.fields["pinned"]
