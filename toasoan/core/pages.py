"""Shared page behaviour: server-owned Vietnamese slugs.

Wagtail's admin fills the slug from the title in the browser with a table that turns "đ" into
"dj"; the server owns the slug instead: empty or browser-made slugs are rebuilt with
:func:`toasoan.core.text.slugify_vi`, and made unique among siblings.
"""

from __future__ import annotations

from wagtail.models import Page

from toasoan.core.text import slugify_vi

SLUG_MAX_LENGTH = 120


class VietnameseSlugMixin:
    """Mixin for Page models: derive the slug from the title the Vietnamese way."""

    def ensure_slug(self: Page, parent: Page | None = None) -> None:
        wanted = slugify_vi(str(self.title), max_length=SLUG_MAX_LENGTH) or "bai-viet"
        current = self.slug or ""
        # "dj" never occurs in Vietnamese: a slug that differs from ours only by it came from the admin's JS.
        if current and current.replace("dj", "d") != wanted:
            return
        parent = parent or (self.get_parent() if self.pk or self.path else None)
        candidate, n = wanted, 1
        while parent is not None and not Page._slug_is_available(candidate, parent, self):
            n += 1
            candidate = f"{wanted}-{n}"
        self.slug = candidate

    def full_clean(self, *args, **kwargs):
        self.ensure_slug()
        return super().full_clean(*args, **kwargs)


class CursorListingMixin:
    """Pages with a "Xem thêm" list: ``?fragment=1`` renders only the next items for the script to append."""

    fragment_template = "news/includes/article_list_fragment.html"

    def get_template(self, request, *args, **kwargs):
        if request.GET.get("fragment") == "1":
            return self.fragment_template
        return super().get_template(request, *args, **kwargs)
