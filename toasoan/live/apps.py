from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LiveConfig(AppConfig):
    name = "toasoan.live"
    label = "live"
    verbose_name = _("Tường thuật trực tiếp")
