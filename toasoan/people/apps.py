from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "toasoan.people"
    label = "people"
    verbose_name = _("Tác giả")
