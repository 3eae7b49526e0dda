"""What a reader page shows around itself, registered by the view layer so that page models import no selectors.

Layers point one way (``docs/architecture.md``, "Layers"): models at the bottom, selectors and services above,
views, contexts and templates on top. A Wagtail page builds its template context in its model's
``get_context``, but what a section, event or home page lists is read by selectors, which sit *above* the
models. So a page model inherits :class:`ReaderContextMixin` and never names a selector; the view layer of its
app (``toasoan/<app>/contexts.py``) registers the function that adds the page's listings::

    @page_context.register("sections.SectionPage")
    def section_page(*, page, request) -> dict:
        return {"page_of_articles": selectors.section_articles(section=page, cursor=request.GET.get("sau"))}

and the app's ``AppConfig.ready`` imports that module. A page model with the mixin and no registered function is
a configuration error, raised on its first render rather than a page rendered without its listings.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ImproperlyConfigured

ContextBuilder = Callable[..., dict[str, Any]]
_builders: dict[str, ContextBuilder] = {}


def register(label: str) -> Callable[[ContextBuilder], ContextBuilder]:
    """Decorator: ``builder(page=…, request=…)`` returns what the pages of model ``label`` ("app.Model") add."""

    def decorator(builder: ContextBuilder) -> ContextBuilder:
        _builders[label.lower()] = builder
        return builder

    return decorator


def page_context(*, page: Any, request: Any) -> dict[str, Any]:
    """The context registered for ``page``'s model."""
    label = page._meta.label_lower
    try:
        builder = _builders[label]
    except KeyError:
        raise ImproperlyConfigured(f"No reader context registered for {label} (toasoan.core.page_context)") from None
    return builder(page=page, request=request)


class ReaderContextMixin:
    """For Page models: ``get_context`` adds what the view layer registered for the model (see module doc)."""

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(page_context(page=self, request=request))
        return context
