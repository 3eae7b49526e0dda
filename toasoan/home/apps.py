from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "toasoan.home"
    label = "home"
    verbose_name = _("Trang chủ")

    def ready(self) -> None:
        from toasoan.home import contexts  # noqa: F401 - registers the pages' reader context
