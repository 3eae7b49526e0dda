from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpsConfig(AppConfig):
    name = "toasoan.ops"
    label = "ops"
    verbose_name = _("Vận hành")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.core.signals import request_finished

        from toasoan.ops.logs import forget_request_id

        request_finished.connect(forget_request_id, dispatch_uid="toasoan_ops_request_id")
