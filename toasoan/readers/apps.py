from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReadersConfig(AppConfig):
    name = "toasoan.readers"
    label = "readers"
    verbose_name = _("Tài khoản bạn đọc")
