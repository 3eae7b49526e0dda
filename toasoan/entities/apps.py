from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EntitiesConfig(AppConfig):
    name = "toasoan.entities"
    label = "entities"
    verbose_name = _("Nhân vật, tổ chức, địa danh")

    def ready(self) -> None:
        from toasoan.entities.panels import EntitySuggestionsPanel
        from toasoan.news.models import ArticlePage

        # The editor's suggestions panel, attached here so that news.models imports nothing of this app's.
        if not any(isinstance(panel, EntitySuggestionsPanel) for panel in ArticlePage.content_panels):
            ArticlePage.content_panels = [*ArticlePage.content_panels, EntitySuggestionsPanel()]
        from toasoan.entities import signals

        signals.connect()
