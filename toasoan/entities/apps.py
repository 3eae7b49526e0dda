from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EntitiesConfig(AppConfig):
    name = "toasoan.entities"
    label = "entities"
    verbose_name = _("Nhân vật, tổ chức, địa danh")

    def ready(self) -> None:
        from toasoan.entities import signals

        signals.connect()
