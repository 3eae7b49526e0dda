"""The admin loads ``form-size.js`` (a static file, CSP-clean) with the server's limits and its wording."""

from __future__ import annotations

from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext as _
from wagtail import hooks

from toasoan.limits import conf


@hooks.register("insert_global_admin_css")
def form_size_css() -> str:
    return format_html('<link rel="stylesheet" href="{}">', static("toasoan/limits/limits.css"))


@hooks.register("insert_global_admin_js")
def form_size_check() -> str:
    return format_html(
        '<script src="{}" defer data-max-form-bytes="{}" data-max-fields="{}" data-max-request-bytes="{}" '
        'data-msg-title="{}" data-msg-form="{}" data-msg-fields="{}" data-msg-request="{}" data-msg-biggest="{}" '
        'data-msg-field="{}" data-msg-autosave="{}"></script>',
        static("toasoan/limits/form-size.js"), conf.max_form_bytes(), conf.max_form_fields(),
        conf.max_request_bytes(),
        _("Chưa gửi: biểu mẫu quá lớn. Mọi thứ bạn đã gõ vẫn còn nguyên trên trang này."),
        _("Các trường chữ có tổng cộng %(sent)s, giới hạn là %(limit)s."),
        _("Biểu mẫu có %(count)s trường, giới hạn là %(limit)s."),
        _("Cả biểu mẫu kèm tệp là %(sent)s, giới hạn là %(limit)s."),
        _("Trường lớn nhất, hãy rút ngắn trước khi lưu:"),
        _("«%(label)s»: %(size)s"),
        _("Biểu mẫu quá lớn nên chưa được tự lưu; xem thông báo ở đầu trang."),
    )
