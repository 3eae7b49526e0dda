from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReadersConfig(AppConfig):
    name = "toasoan.readers"
    label = "readers"
    verbose_name = _("Tài khoản bạn đọc")

    def ready(self) -> None:
        from toasoan.core.signals import scheduler_pass
        from toasoan.readers.retention import purge_on_scheduler_pass

        # Accounts unused for longer than the setting are deleted from the scheduler's passes, at most once an hour.
        scheduler_pass.connect(purge_on_scheduler_pass, dispatch_uid="toasoan.readers.purge")
