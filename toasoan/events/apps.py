from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "toasoan.events"
    label = "events"
    verbose_name = _("Sự kiện")

    def ready(self) -> None:
        from toasoan.events import contexts  # noqa: F401 - registers the pages' reader context
