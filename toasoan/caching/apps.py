from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CachingConfig(AppConfig):
    name = "toasoan.caching"
    label = "caching"
    verbose_name = _("Bộ nhớ đệm trang")

    def ready(self) -> None:
        from toasoan.caching import signals  # noqa: F401 - connects the purge receivers
