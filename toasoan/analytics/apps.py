from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnalyticsConfig(AppConfig):
    name = "toasoan.analytics"
    label = "analytics"
    verbose_name = _("Lượt đọc")
    default_auto_field = "django.db.models.BigAutoField"
