"""Shared page behaviour: server-owned Vietnamese slugs and "Xem thêm" fragments.

Wagtail's admin fills the slug from the title in the browser with a table that turns "đ" into
"dj"; the server owns the slug instead: empty or browser-made slugs are rebuilt with
:func:`toasoan.core.text.slugify_vi`, and made unique among siblings.
"""

from __future__ import annotations

import re

from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.models import Page

from toasoan.core.text import slugify_vi

SLUG_MAX_LENGTH = 120
ASCII_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def server_slug(*, title: str, current: str, parent: Page | None, page: Page | None) -> str:
    """The slug to store: ``current`` if an editor chose it, else the Vietnamese slug of ``title``, unique."""
    wanted = slugify_vi(str(title), max_length=SLUG_MAX_LENGTH) or "bai-viet"
    if current and not ASCII_SLUG.fullmatch(current):
        # Wagtail accepts Unicode slugs ("tin_nóng", emoji); article URLs take only [a-z0-9-].
        current = slugify_vi(current, max_length=SLUG_MAX_LENGTH) or wanted
    # "dj" never occurs in Vietnamese: a slug that differs from ours only by it came from the admin's JS.
    if current and current.replace("dj", "d") != wanted:
        return current
    candidate, n = wanted, 1
    while parent is not None and not Page._slug_is_available(candidate, parent, page):
        n += 1
        candidate = f"{wanted}-{n}"
    return candidate


class VietnameseSlugPageForm(WagtailAdminPageForm):
    """Admin form whose slug may be left empty: the server fills it the Vietnamese way."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            self.fields["slug"].required = False

    def clean(self):
        title = self.cleaned_data.get("title")
        if title and "slug" in self.fields:
            parent = self.parent_page if self.instance.pk is None else self.instance.get_parent()
            self.cleaned_data["slug"] = server_slug(
                title=title, current=self.cleaned_data.get("slug") or "", parent=parent, page=self.instance
            )
        return super().clean()


class VietnameseSlugMixin:
    """Mixin for Page models: derive the slug from the title the Vietnamese way."""

    base_form_class = VietnameseSlugPageForm

    def _set_server_slug(self) -> None:
        parent = self.get_parent() if self.path else None
        self.slug = server_slug(title=self.title, current=self.slug or "", parent=parent, page=self)

    # Wagtail validates live pages with full_clean() and drafts with minimal_clean(): cover both.
    def full_clean(self, *args, **kwargs):
        self._set_server_slug()
        return super().full_clean(*args, **kwargs)

    def minimal_clean(self):
        self._set_server_slug()
        return super().minimal_clean()


class CursorListingMixin:
    """Pages with a "Xem thêm" list: ``?fragment=1`` renders only the next items for the script to append."""

    fragment_template = "news/includes/article_list_fragment.html"

    def get_template(self, request, *args, **kwargs):
        if request.GET.get("fragment") == "1":
            return self.fragment_template
        return super().get_template(request, *args, **kwargs)


class ViewRestrictionsInOneQueryMixin:
    """``get_view_restrictions`` in one query instead of two (ancestors, then restrictions).

    Articles are served on every uncached request through Wagtail's restriction check, so it matters.
    Same answer as Wagtail's: restrictions on the page or any ancestor — found by tree path prefixes —
    or on the source page of any of those that is an alias (alias pages cannot carry their own).
    """

    def get_view_restrictions(self):
        from django.db.models import Q
        from wagtail.models import PageViewRestriction

        steplen = Page.steplen
        prefixes = [self.path[:end] for end in range(steplen, len(self.path) + 1, steplen)]
        return PageViewRestriction.objects.filter(
            Q(page__path__in=prefixes) | Q(page__aliases__path__in=prefixes)
        ).distinct()
