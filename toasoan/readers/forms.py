from __future__ import annotations

from django import forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from toasoan.readers.models import Reader

CONSENT_TEXT = _("Tôi đồng ý để tòa soạn xử lý dữ liệu cá nhân của tôi (thư điện tử, tên hiển thị, địa chỉ IP khi "
                 "bình luận) để quản lý tài khoản, kiểm duyệt và hiển thị bình luận, theo Luật Bảo vệ dữ liệu cá "
                 "nhân. Tôi có thể tải về hoặc xóa dữ liệu của mình bất cứ lúc nào.")


def _email_field() -> forms.EmailField:
    return forms.EmailField(label=_("Thư điện tử"), max_length=254,
                            widget=forms.EmailInput(attrs={"autocomplete": "email"}),
                            error_messages={"required": _("Hãy nhập địa chỉ thư điện tử."),
                                            "invalid": _("Địa chỉ thư điện tử không hợp lệ.")})


class _ReaderForm(forms.Form):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "tk-%s")
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            field.widget.attrs["aria-describedby"] = f"tk-{name}-error" + (
                f" tk-{name}-hint" if field.help_text else "")


def _new_password_fields() -> tuple[forms.CharField, forms.CharField]:
    return (forms.CharField(
        label=_("Mật khẩu"), strip=False,
        help_text=_("Ít nhất 8 ký tự; không dùng mật khẩu phổ biến, toàn chữ số hay giống thư điện tử."),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": _("Hãy đặt mật khẩu.")}),
        forms.CharField(label=_("Nhập lại mật khẩu"), strip=False,
                        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
                        error_messages={"required": _("Hãy nhập lại mật khẩu.")}))


def _check_passwords(form: forms.Form, data: dict, reader: Reader) -> None:
    """The two passwords agree and pass the newsroom's password validators (``reader``: for the similarity)."""
    password, again = data.get("password"), data.get("password2")
    if password and again and password != again:
        form.add_error("password2", _("Hai mật khẩu không giống nhau."))
    elif password:
        try:
            password_validation.validate_password(password, user=reader)
        except forms.ValidationError as error:
            form.add_error("password", error)


class SignUpForm(_ReaderForm):
    email = _email_field()
    display_name = forms.CharField(
        label=_("Tên hiển thị"), max_length=80, help_text=_("Hiện bên cạnh bình luận của bạn."),
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
        error_messages={"required": _("Hãy cho biết tên hiển thị của bạn."),
                        "max_length": _("Tên dài quá %(limit_value)d ký tự.")})
    password, password2 = _new_password_fields()
    consent = forms.BooleanField(label=CONSENT_TEXT, error_messages={
        "required": _("Bạn cần đồng ý cho tòa soạn xử lý dữ liệu cá nhân thì mới mở được tài khoản.")})

    def clean(self):
        data = super().clean()
        _check_passwords(self, data, Reader(email=data.get("email", ""), display_name=data.get("display_name", "")))
        return data


class SignInForm(_ReaderForm):
    email = _email_field()
    password = forms.CharField(label=_("Mật khẩu"), strip=False,
                               widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
                               error_messages={"required": _("Hãy nhập mật khẩu.")})


class DeleteForm(_ReaderForm):
    password = forms.CharField(label=_("Mật khẩu hiện tại"), strip=False,
                               widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
                               error_messages={"required": _("Hãy nhập mật khẩu để xác nhận.")})
    confirm = forms.BooleanField(
        label=_("Tôi hiểu rằng tài khoản và mọi bình luận của tôi sẽ bị xóa hẳn, không khôi phục được."),
        error_messages={"required": _("Hãy đánh dấu ô xác nhận trước khi xóa.")})


class ForgotForm(_ReaderForm):
    email = _email_field()


class ResetForm(_ReaderForm):
    password, password2 = _new_password_fields()

    def __init__(self, reader: Reader, *args, **kwargs):
        self.reader = reader
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        _check_passwords(self, data, self.reader)
        return data
