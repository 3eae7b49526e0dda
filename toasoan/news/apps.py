from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "toasoan.news"
    label = "news"
    verbose_name = _("Tin bài")

    def ready(self) -> None:
        from wagtail.signals import page_published

        from toasoan.news.models import ArticlePage
        from toasoan.news.renditions import on_article_published

        page_published.connect(on_article_published, sender=ArticlePage, dispatch_uid="toasoan_warm_renditions")
