from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecordConfig(AppConfig):
    name = "toasoan.record"
    label = "record"
    verbose_name = _("Lưu chiểu")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from toasoan.record import conf, signals

        conf.check_retention()
        signals.connect()
