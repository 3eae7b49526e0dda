from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LiveConfig(AppConfig):
    name = "toasoan.live"
    label = "live"
    verbose_name = _("Tường thuật trực tiếp")

    def ready(self) -> None:
        from wagtail.signals import page_published, page_unpublished

        from toasoan.live.signals import forget_on_publication_change
        from toasoan.news.models import ArticlePage

        for signal in (page_published, page_unpublished):
            signal.connect(forget_on_publication_change, sender=ArticlePage, dispatch_uid=f"toasoan_live_{id(signal)}")
