"""Wagtail search backend for the admin: Vietnamese matching from our index, Wagtail's own for everything else.

Register it with ``WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "toasoan.search.wagtail_backend"}}``.
For page searches (the admin's page search and choosers) the pages our index finds ("dai hoi dang" finds
"Đại hội Đảng", "ubnd" finds "Ủy ban nhân dân") are added to what the database backend finds by itself, so
drafts and non-article pages are still found; every other model is searched exactly as before.
"""

from __future__ import annotations

import logging
from datetime import datetime
from zoneinfo import ZoneInfo

from django.db.models import Q, QuerySet
from modelsearch.backends.database import SearchBackend as DatabaseSearchBackend
from modelsearch.query import MATCH_ALL, SearchQuery

logger = logging.getLogger("toasoan.search")
# Editors also see embargoed articles that are already live.
_EDITOR_HORIZON = datetime(9999, 1, 1, tzinfo=ZoneInfo("UTC"))
DEFAULT_MATCHES = 200


def query_text(query) -> str:
    if isinstance(query, str):
        return query
    if hasattr(query, "query_string"):
        return str(query.query_string)
    if hasattr(query, "subqueries"):
        return " ".join(query_text(q) for q in query.subqueries)
    if hasattr(query, "subquery"):
        return query_text(query.subquery)
    return ""


class VietnameseMixin:
    def _search(self, query_compiler_class, query, model_or_queryset, **kwargs):
        from wagtail.models import Page

        from toasoan.search.backends import Filters
        from toasoan.search.services import ranked_ids
        from toasoan.search.text import parse_query

        queryset = model_or_queryset if isinstance(model_or_queryset, QuerySet) else \
            model_or_queryset._default_manager.all()
        text = query_text(query) if query is not MATCH_ALL and isinstance(query, SearchQuery | str) else ""
        if not text.strip() or not issubclass(queryset.model, Page):
            return super()._search(query_compiler_class, query, model_or_queryset, **kwargs)
        try:
            ours = ranked_ids(parse_query(text), filters=Filters(now=_EDITOR_HORIZON)).ids
        except Exception:  # the admin keeps Wagtail's own search if ours fails
            logger.exception("Vietnamese admin search failed for %r", text)
            ours = []
        if not ours:
            return super()._search(query_compiler_class, query, model_or_queryset, **kwargs)
        default = super()._search(query_compiler_class, query, queryset, **kwargs)
        theirs = [obj.pk for obj in default[:DEFAULT_MATCHES]]
        narrowed = queryset.filter(Q(pk__in=ours) | Q(pk__in=theirs))
        return super()._search(query_compiler_class, MATCH_ALL, narrowed, **kwargs)


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks up in a backend module
    inner = DatabaseSearchBackend(params)
    cls = type(f"Vietnamese{type(inner).__name__}", (VietnameseMixin, type(inner)), {})
    return cls(params)
