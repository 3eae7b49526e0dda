from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SectionsConfig(AppConfig):
    name = "toasoan.sections"
    label = "sections"
    verbose_name = _("Chuyên mục")

    def ready(self) -> None:
        from toasoan.sections import contexts  # noqa: F401 - registers the pages' reader context
