from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HeadersConfig(AppConfig):
    name = "toasoan.headers"
    label = "headers"
    verbose_name = _("Tiêu đề bảo mật")

    def ready(self) -> None:
        from toasoan.headers import widgets

        widgets.install()
