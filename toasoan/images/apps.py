from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImagesConfig(AppConfig):
    name = "toasoan.images"
    label = "images"
    verbose_name = _("Ảnh")

    def ready(self) -> None:
        from django.db.models.signals import pre_save

        from toasoan.images import budget
        from toasoan.images.models import NewsImage

        budget.bound_decoding()
        pre_save.connect(_check_budget, sender=NewsImage, dispatch_uid="toasoan_image_budget")


def _check_budget(sender, instance, raw=False, **kwargs) -> None:
    if not raw:
        from toasoan.images import budget

        budget.check_before_save(instance)
