from __future__ import annotations

from django import template

from toasoan.record import selectors

register = template.Library()


@register.inclusion_tag("record/includes/correction_note.html")
def correction_note(page):
    """The dated correction note of a story (nothing when it has none)."""
    return {"corrections": selectors.corrections_for(page_id=page.pk) if getattr(page, "pk", None) else []}
