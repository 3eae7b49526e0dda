from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommentsConfig(AppConfig):
    name = "toasoan.comments"
    label = "comments"
    verbose_name = _("Bình luận của bạn đọc")

    def ready(self) -> None:
        from toasoan.comments.privacy import purge_on_scheduler_pass
        from toasoan.core.signals import scheduler_pass

        # Expired personal data is purged from the scheduler's passes, at most once an hour.
        scheduler_pass.connect(purge_on_scheduler_pass, dispatch_uid="toasoan.comments.purge")
