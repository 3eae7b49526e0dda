from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpsConfig(AppConfig):
    name = "toasoan.ops"
    label = "ops"
    verbose_name = _("Vận hành")
    default_auto_field = "django.db.models.BigAutoField"
