from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsroomConfig(AppConfig):
    name = "toasoan.newsroom"
    label = "newsroom"
    verbose_name = _("Tòa soạn")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate, post_save

        from toasoan.newsroom import signals
        from toasoan.sections.models import SectionPage

        post_save.connect(signals.section_saved, sender=SectionPage, dispatch_uid="newsroom_section_workflow")
        post_migrate.connect(signals.vietnamese_permission_names, dispatch_uid="newsroom_permission_names")
