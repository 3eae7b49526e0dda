"""The dashboard alert: publications still waiting for their deposit record."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from wagtail.admin.ui.components import Component

from toasoan.record import selectors

GRACE_SECONDS = 60  # a record normally follows its publication within seconds


class MissingDepositPanel(Component):
    name = "missing_deposit"
    order = 10
    template_name = "record/admin/missing_panel.html"

    def get_context_data(self, parent_context=None):
        cutoff = timezone.now() - timedelta(seconds=GRACE_SECONDS)
        late = selectors.open_requests().filter(requested_at__lt=cutoff)
        return {"late_count": late.count(), "oldest": late.first()}

    def render_html(self, parent_context=None):
        context = self.get_context_data(parent_context)
        if not context["late_count"]:
            return ""
        return super().render_html(parent_context)


def has_active_takedown(page_id: int) -> bool:
    return selectors.active_takedown(page_id=page_id) is not None


def is_live(page_id: int) -> bool:
    from wagtail.models import Page

    return bool(Page.objects.filter(pk=page_id).values_list("live", flat=True).first())
