from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "toasoan.people"
    label = "people"
    verbose_name = _("Tác giả")

    def ready(self) -> None:
        from django.contrib.auth import get_user_model
        from django.db.models.signals import m2m_changed

        from toasoan.people import services

        m2m_changed.connect(services.user_joined_groups, sender=get_user_model().groups.through,
                            dispatch_uid="people_byline_for_newsroom_logins")
