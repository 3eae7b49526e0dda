from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UsersConfig(AppConfig):
    name = "toasoan.users"
    label = "users"
    verbose_name = _("Người dùng")
