from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class UsersConfig(AppConfig):
    name = "toasoan.users"
    label = "users"
    verbose_name = _("Người dùng")


class WagtailUsersConfig(WagtailUsersAppConfig):
    """Wagtail's users app with the guarded user and group screens (toasoan/users/admin_views.py)."""

    user_viewset = "toasoan.users.admin_views.UserViewSet"
    group_viewset = "toasoan.users.admin_views.GroupViewSet"
