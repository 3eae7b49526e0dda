"""schema.org JSON-LD builders: NewsArticle, VideoObject/AudioObject, ImageGallery, BreadcrumbList, Person.

Builders take plain values (URLs already absolute) and return dicts; :func:`to_script` serialises one for
a ``<script type="application/ld+json">`` (``<``, ``>`` and ``&`` escaped so text can never close it).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

CONTEXT = "https://schema.org"
HEADLINE_MAX = 110  # Google truncates longer headlines


@dataclass(frozen=True)
class Logo:
    url: str
    width: int
    height: int


@dataclass(frozen=True)
class Publisher:
    name: str
    url: str
    logo: Logo | None = None


@dataclass(frozen=True)
class Crumb:
    name: str
    url: str


@dataclass(frozen=True)
class Photo:
    url: str
    caption: str = ""
    credit: str = ""
    width: int | None = None
    height: int | None = None


@dataclass(frozen=True)
class Media:
    kind: str  # "video" | "audio"
    name: str
    description: str
    upload_date: datetime | None
    content_url: str = ""
    embed_url: str = ""
    thumbnail_url: str = ""
    duration: str = ""  # "12:34" as editors type it
    transcript: str = ""
    extra: dict = field(default_factory=dict)


def iso(value: datetime | None) -> str | None:
    return timezone.localtime(value).isoformat(timespec="seconds") if value else None


def iso_duration(text: str) -> str | None:
    """``"12:34"`` → ``"PT12M34S"``; ``"1:02:03"`` → ``"PT1H2M3S"``; None when it is not a duration."""
    match = re.fullmatch(r"(?:(\d{1,3}):)?(\d{1,3}):([0-5]\d)", (text or "").strip())
    if not match:
        return None
    hours, minutes, seconds = (int(g) if g else 0 for g in match.groups())
    hours, minutes = hours + minutes // 60, minutes % 60
    out = "PT" + (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes else "") + f"{seconds}S"
    return out


def publisher_node(publisher: Publisher) -> dict:
    node: dict = {"@type": "NewsMediaOrganization", "name": publisher.name, "url": publisher.url}
    if publisher.logo is not None:
        node["logo"] = {"@type": "ImageObject", "url": publisher.logo.url, "width": publisher.logo.width,
                        "height": publisher.logo.height}
    return node


def news_article(
    *,
    url: str,
    headline: str,
    description: str,
    published: datetime | None,
    modified: datetime | None,
    authors: Sequence[tuple[str, str | None]],
    images: Sequence[str],
    publisher: Publisher,
    section: str | None,
    keywords: Sequence[str] = (),
    corrections: Sequence[tuple[str, datetime]] = (),
    credit: str = "",
) -> dict:
    """``authors`` are ``(name, url or None)``; with none, the newspaper itself is the author.
    ``corrections`` are ``(text, date)`` of the story's corrections (cải chính), as ``CorrectionComment``s.
    ``credit`` is the story's source line as printed ("Theo TTXVN"), as ``creditText``."""
    author_nodes: list[dict] = []
    for name, author_url in authors:
        node = {"@type": "Person", "name": name}
        if author_url:
            node["url"] = author_url
        author_nodes.append(node)
    if not author_nodes:
        author_nodes = [{"@type": "NewsMediaOrganization", "name": publisher.name, "url": publisher.url}]
    data: dict = {
        "@context": CONTEXT,
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "headline": headline if len(headline) <= HEADLINE_MAX else headline[: HEADLINE_MAX - 1].rstrip() + "…",
        "description": description,
        "inLanguage": "vi",
        "datePublished": iso(published),
        "dateModified": iso(modified or published),
        "author": author_nodes,
        "publisher": publisher_node(publisher),
        "isAccessibleForFree": True,
    }
    if images:
        data["image"] = list(images)
    if section:
        data["articleSection"] = section
    if keywords:
        data["keywords"] = ", ".join(keywords)
    if credit:
        data["creditText"] = credit
    if corrections:
        data["correction"] = [{"@type": "CorrectionComment", "text": text, "datePublished": iso(when)}
                              for text, when in corrections]
    return {k: v for k, v in data.items() if v is not None}


def media_object(media: Media) -> dict:
    """VideoObject or AudioObject for an uploaded file or an embed."""
    data: dict = {
        "@context": CONTEXT,
        "@type": "AudioObject" if media.kind == "audio" else "VideoObject",
        "name": media.name,
        "description": media.description,
        "uploadDate": iso(media.upload_date),
        "inLanguage": "vi",
    }
    if media.thumbnail_url:
        data["thumbnailUrl"] = [media.thumbnail_url]
    if media.content_url:
        data["contentUrl"] = media.content_url
    if media.embed_url:
        data["embedUrl"] = media.embed_url
    duration = iso_duration(media.duration)
    if duration:
        data["duration"] = duration
    if media.transcript:
        data["transcript"] = media.transcript
    return {k: v for k, v in data.items() if v is not None}


def image_gallery(*, url: str, name: str, description: str, photos: Sequence[Photo]) -> dict:
    items = []
    for photo in photos:
        node: dict = {"@type": "ImageObject", "contentUrl": photo.url}
        if photo.caption:
            node["caption"] = photo.caption
        if photo.credit:
            node["creditText"] = photo.credit
        if photo.width and photo.height:
            node["width"], node["height"] = photo.width, photo.height
        items.append(node)
    return {"@context": CONTEXT, "@type": "ImageGallery", "url": url, "name": name, "description": description,
            "associatedMedia": items}


def breadcrumb_list(crumbs: Sequence[Crumb]) -> dict:
    return {
        "@context": CONTEXT,
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": i, "name": crumb.name, "item": crumb.url}
            for i, crumb in enumerate(crumbs, start=1)
        ],
    }


def person(*, name: str, url: str, image: str | None = None, job_title: str | None = None,
           works_for: str | None = None) -> dict:
    data: dict = {"@context": CONTEXT, "@type": "Person", "name": name, "url": url}
    if image:
        data["image"] = image
    if job_title:
        data["jobTitle"] = job_title
    if works_for:
        data["worksFor"] = {"@type": "Organization", "name": works_for}
    return data


def website(*, name: str, url: str, search_url: str | None, publisher: Publisher) -> dict:
    data: dict = {"@context": CONTEXT, "@type": "WebSite", "name": name, "url": url, "inLanguage": "vi",
                  "publisher": publisher_node(publisher)}
    if search_url:
        data["potentialAction"] = {"@type": "SearchAction", "target": f"{search_url}?q={{search_term_string}}",
                                   "query-input": "required name=search_term_string"}
    return data


def to_script(data: dict) -> SafeString:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308 - escaped above
