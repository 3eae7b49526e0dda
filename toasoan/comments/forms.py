from __future__ import annotations

from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from toasoan.comments import conf, phone

NAME_MAX = 80


class CommentForm(forms.Form):
    """The reader's comment form, for the page's script (fetch) and for the page without JavaScript alike."""

    body = forms.CharField(
        label=_("Bình luận của bạn"), widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": _("Bạn chưa viết bình luận."),
            "max_length": _("Bình luận dài quá %(limit_value)d ký tự (bạn đã viết %(show_value)d): hãy rút gọn."),
        },
    )
    name = forms.CharField(label=_("Tên hiển thị"), max_length=NAME_MAX,
                           error_messages={"required": _("Hãy cho biết tên hiển thị của bạn."),
                                           "max_length": _("Tên dài quá %(limit_value)d ký tự.")})
    email = forms.EmailField(label=_("Thư điện tử (không hiển thị)"), max_length=254,
                             error_messages={"required": _("Hãy nhập địa chỉ thư điện tử."),
                                             "invalid": _("Địa chỉ thư điện tử không hợp lệ.")})
    consent = forms.BooleanField(
        label=_("Tôi đồng ý để tòa soạn xử lý dữ liệu cá nhân của tôi (tên, thư điện tử, địa chỉ IP) để kiểm "
                "duyệt và hiển thị bình luận, theo Luật Bảo vệ dữ liệu cá nhân."),
        error_messages={"required": _("Bạn cần đồng ý cho tòa soạn xử lý dữ liệu cá nhân thì mới gửi được "
                                      "bình luận.")},
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, reader=None, **kwargs):
        """``reader``: the signed-in reader account (toasoan/readers); its name is shown (read-only), its address
        and its consent at sign-up stand for the fields, which are then not asked."""
        kwargs.setdefault("auto_id", "cmt-%s")
        super().__init__(*args, **kwargs)
        limit = conf.max_chars()
        self.fields["body"].max_length = limit
        self.fields["body"].validators.append(MaxLengthValidator(limit))
        self.fields["body"].widget.attrs["maxlength"] = str(limit)
        self.fields["name"].widget.attrs.update({"autocomplete": "name", "maxlength": str(NAME_MAX)})
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        # Phone verification, when on: a reader account whose number is verified (and not too long ago) is not
        # asked again; anyone else gives a number and the code sent to it.
        self.phone_on = phone.verifier() is not None
        self.verified_phone = reader.verified_phone() if reader is not None and self.phone_on else ""
        self.masked_phone = phone.masked(self.verified_phone)
        self.phone_required = self.phone_on and not self.verified_phone
        self.code_owner = phone.reader_owner(reader.pk) if reader is not None else ""
        if self.phone_required:
            self.fields["phone"] = forms.CharField(
                label=_("Số điện thoại di động (không hiển thị)"), max_length=20,
                error_messages={"required": _("Hãy nhập số điện thoại để nhận mã xác thực.")},
                widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
            )
            self.fields["code"] = forms.CharField(label=_("Mã xác thực (6 chữ số)"), max_length=6, required=False,
                                                  widget=forms.TextInput(attrs={"inputmode": "numeric",
                                                                                "autocomplete": "one-time-code"}))
        self.reader = reader
        if reader is not None:
            del self.fields["email"], self.fields["consent"]
            self.fields["name"].required = False
            self.fields["name"].disabled = True
            self.fields["name"].initial = reader.display_name
        for name, field in self.fields.items():
            described = f"cmt-{name}-error" + (" cmt-body-hint" if name == "body" else "")
            field.widget.attrs["aria-describedby"] = described

    def clean_phone(self) -> str:
        number = phone.normalise(self.cleaned_data.get("phone", ""))
        if number is None:
            raise forms.ValidationError(_("Số điện thoại di động không hợp lệ (ví dụ 0912 345 678)."))
        return number

    @property
    def phone_number(self) -> str:
        """The number the comment is sent with: the one just verified, or the account's."""
        return self.cleaned_data.get("phone", "") if self.phone_required else self.verified_phone

    def check_phone_code(self) -> bool:
        """With verification on and no verified number on the account: the code matches the one sent to the number
        for this sender (adds the error otherwise)."""
        if not self.phone_required:
            return True
        code = self.cleaned_data.get("code", "")
        if not code:
            self.add_error("code", _("Hãy bấm «Gửi mã» rồi nhập mã xác thực nhận được qua tin nhắn."))
            return False
        if not phone.check_code(phone=self.cleaned_data["phone"], code=code, owner=self.code_owner):
            self.add_error("code", _("Mã xác thực không đúng hoặc đã hết hạn."))
            return False
        return True
