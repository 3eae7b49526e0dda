from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "toasoan.news"
    label = "news"
    verbose_name = _("Tin bài")

    def ready(self) -> None:
        from django.db.models.signals import post_save
        from wagtail.signals import page_published

        from toasoan.entities.models import Person
        from toasoan.events.models import EventPage
        from toasoan.images.models import NewsImage
        from toasoan.news import contexts  # noqa: F401 - registers the article page's reader context
        from toasoan.news.models import ArticlePage
        from toasoan.news.renditions import on_article_published, on_event_published, on_image_saved, on_person_saved

        page_published.connect(on_article_published, sender=ArticlePage, dispatch_uid="toasoan_warm_renditions")
        page_published.connect(on_event_published, sender=EventPage, dispatch_uid="toasoan_warm_event_renditions")
        post_save.connect(on_person_saved, sender=Person, dispatch_uid="toasoan_warm_person_renditions")
        post_save.connect(on_image_saved, sender=NewsImage, dispatch_uid="toasoan_warm_image_renditions")
