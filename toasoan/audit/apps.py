from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "toasoan.audit"
    label = "audit"
    verbose_name = _("Nhật ký thao tác")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from toasoan.audit import signals

        signals.connect()
