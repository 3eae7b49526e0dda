"""``EntitySuggestionsPanel()``: put in ArticlePage.content_panels to show suggestions inside the editor."""

from __future__ import annotations

from wagtail.admin.panels import Panel


class EntitySuggestionsPanel(Panel):
    class BoundPanel(Panel.BoundPanel):
        template_name = "entities/admin/suggestions_panel.html"

        def get_context_data(self, parent_context=None):
            from django.urls import reverse

            from toasoan.entities import selectors

            context = super().get_context_data(parent_context)
            instance = self.instance
            links = selectors.article_links(article=instance) if instance and instance.pk else []
            context["links"] = links
            context["article"] = instance
            context["manage_url"] = reverse("entities_admin:article", args=[instance.pk]) if links else ""
            context["next_url"] = reverse("wagtailadmin_pages:edit", args=[instance.pk]) if links else ""
            return context

        def is_shown(self) -> bool:
            return bool(self.instance and self.instance.pk)
