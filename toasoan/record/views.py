"""Reader pages of the legal record: the corrections notices (/cai-chinh/) and their feed."""

from __future__ import annotations

from datetime import datetime

from django.contrib.syndication.views import Feed
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.dateparse import parse_datetime
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.translation import gettext as _

from toasoan.caching.tags import add_cache_tags
from toasoan.record import selectors
from toasoan.record.actions import CORRECTIONS_TAG

PAGE_SIZE = 20
NOTICE_TITLE = "Thông tin cải chính, xin lỗi"


def _cursor(value: str) -> tuple[datetime, int] | None:
    """``?sau=<iso time>_<id>``: the last notice seen; anything else starts from the newest."""
    stamp, _sep, pk = value.rpartition("_")
    when = parse_datetime(stamp) if stamp else None
    if when is None or not pk.isdigit() or len(pk) > 18:
        return None
    return when, int(pk)


def corrections_page(request: HttpRequest) -> HttpResponse:
    add_cache_tags(request, CORRECTIONS_TAG)
    cursor = _cursor(request.GET.get("sau", "")[:80])
    items = selectors.corrections(before=cursor, limit=PAGE_SIZE + 1)
    more = items[PAGE_SIZE - 1] if len(items) > PAGE_SIZE else None
    return render(request, "record/corrections.html", {
        "items": items[:PAGE_SIZE], "page_title": _("Cải chính"), "notice_title": _(NOTICE_TITLE),
        "more": f"?sau={more.created_at.isoformat()}_{more.pk}" if more else "",
    })


class CorrectionsFeed(Feed):
    feed_type = Rss201rev2Feed

    def __call__(self, request, *args, **kwargs):
        add_cache_tags(request, CORRECTIONS_TAG)
        return super().__call__(request, *args, **kwargs)

    def title(self):
        return _("Cải chính")

    def link(self):
        return "/cai-chinh/"

    def description(self):
        return _("Thông tin cải chính, xin lỗi của báo")

    def items(self):
        return selectors.corrections(limit=50)

    def item_title(self, item):
        return f"{_(NOTICE_TITLE)}: {item.title}"

    def item_description(self, item):
        parts = [_("Tác phẩm: “%(title)s”") % {"title": item.title}]
        if item.section:
            parts.append(_("Chuyên mục: %(section)s") % {"section": item.section})
        if item.story_published_at:
            parts.append(_("Đăng ngày: %(date)s") % {"date": _local_day(item.story_published_at)})
        parts.append(_("Nội dung sai: %(text)s") % {"text": item.wrong})
        parts.append(_("Thông tin đúng: %(text)s") % {"text": item.right})
        if item.apology:
            parts.append(item.apology)
        return "\n".join(parts)

    def item_link(self, item):
        return f"/cai-chinh/#cai-chinh-{item.pk}"

    def item_pubdate(self, item):
        return item.created_at


def _local_day(value: datetime) -> str:
    from django.utils import timezone

    return timezone.localtime(value).strftime("%d/%m/%Y")
