"""What ``{% seo_head %}`` puts in ``<head>``: canonical, feed links, OpenGraph, Twitter card and JSON-LD."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.http import HttpRequest
from django.templatetags.static import static
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from toasoan.news.renditions import PHOTO_SHARE_SPEC, block_figures
from toasoan.sections.selectors import section_url
from toasoan.seo import conf, structured
from toasoan.seo.images import share_image
from toasoan.seo.structured import Crumb, Logo, Media, Photo, Publisher

LOGO_SIZE = (600, 60)


@dataclass
class HeadData:
    canonical: str
    title: str
    description: str = ""
    og_type: str = "website"
    image: object | None = None  # ShareImage
    image_alt: str = ""
    feeds: list[tuple[str, str]] = field(default_factory=list)  # (title, absolute url)
    article_meta: list[tuple[str, str]] = field(default_factory=list)  # ("article:section", "Thời sự")
    json_ld: list[dict] = field(default_factory=list)


def publisher(request: HttpRequest) -> Publisher:
    logo = Logo(url=request.build_absolute_uri(static(conf.publisher_logo())), width=LOGO_SIZE[0],
                height=LOGO_SIZE[1])
    return Publisher(name=conf.site_name(), url=request.build_absolute_uri("/"), logo=logo)


def _abs(request: HttpRequest, url: str | None) -> str:
    if not url:
        return request.build_absolute_uri("/")
    return url if url.startswith(("http://", "https://")) else request.build_absolute_uri(url)


def _home_crumb(request: HttpRequest) -> Crumb:
    return Crumb(name=_("Trang chủ"), url=request.build_absolute_uri("/"))


def _feed(request: HttpRequest, name: str, **kwargs) -> str | None:
    try:
        return request.build_absolute_uri(reverse(f"seo:{name}", kwargs=kwargs or None))
    except NoReverseMatch:
        return None


def build(context) -> HeadData:
    request: HttpRequest | None = context.get("request")
    if request is None:
        return HeadData(canonical="", title="")
    page = context.get("page")
    entity = context.get("entity")
    site = conf.site_name()
    data = HeadData(canonical=request.build_absolute_uri(request.path),
                    title=str(context.get("page_title") or getattr(page, "title", "") or site))
    home_feed = _feed(request, "feed_home")
    if home_feed:
        data.feeds.append((_("%(site)s — Tin mới nhất") % {"site": site}, home_feed))
    name = type(page).__name__ if page is not None else ""
    if name == "ArticlePage":
        _article(data, request=request, article=page, context=context)
    elif name == "HomePage":
        data.description = getattr(page, "tagline", "") or page.search_description
        try:
            search_url = request.build_absolute_uri(reverse("search"))
        except NoReverseMatch:
            search_url = None
        data.json_ld.append(structured.website(name=site, url=request.build_absolute_uri("/"),
                                               search_url=search_url, publisher=publisher(request)))
    elif name in {"SectionPage", "ListingPage", "EventIndexPage", "EventPage"}:
        _listing(data, request=request, page=page, name=name)
    elif entity is not None and type(entity).__name__ == "Person":
        _person(data, request=request, person=entity, context=context)
    if not data.description and page is not None:
        data.description = getattr(page, "search_description", "") or ""
    return data


def _listing(data: HeadData, *, request: HttpRequest, page, name: str) -> None:
    data.description = page.search_description or getattr(page, "intro", "") or getattr(page, "description", "")
    crumbs = [_home_crumb(request)]
    if name == "SectionPage":
        parent = page.get_parent().specific
        if type(parent).__name__ == "SectionPage":
            crumbs.append(Crumb(name=parent.title, url=_abs(request, parent.url)))
        url = _feed(request, "feed_section", pk=page.pk)
        if url:
            data.feeds.append((f"{page.title} — {conf.site_name()}", url))
    elif name == "EventPage":
        index = page.get_parent()
        crumbs.append(Crumb(name=index.title, url=_abs(request, index.url)))
        url = _feed(request, "feed_event", pk=page.pk)
        if url:
            data.feeds.append((f"{page.title} — {conf.site_name()}", url))
        if getattr(page, "cover_image_id", None):
            data.image = share_image(page.cover_image, request=request)
    crumbs.append(Crumb(name=page.title, url=data.canonical))
    data.json_ld.append(structured.breadcrumb_list(crumbs))


def _person(data: HeadData, *, request: HttpRequest, person, context) -> None:
    data.title = person.name
    data.og_type = "profile"
    positions = context.get("positions") or []
    job = positions[0] if positions else None
    data.description = (
        _("%(name)s, %(title)s: các bài viết nhắc đến.") % {"name": person.name, "title": job.title}
        if job else _("Các bài viết nhắc đến %(name)s.") % {"name": person.name}
    )
    data.image = share_image(person.photo, request=request, spec="fill-600x600-c100") if person.photo_id else None
    data.json_ld.append(structured.person(
        name=person.name, url=data.canonical, image=data.image.url if data.image else None,
        job_title=job.title if job else None,
        works_for=job.organisation.name if job and job.organisation_id else None,
    ))
    data.json_ld.append(structured.breadcrumb_list([_home_crumb(request), Crumb(name=person.name, url=data.canonical)]))
    url = _feed(request, "feed_person", slug=person.slug)
    if url:
        data.feeds.append((f"{person.name} — {conf.site_name()}", url))


def _corrections(article) -> list[tuple[str, object]]:
    from django.utils.translation import gettext as _

    from toasoan.record.selectors import corrections_for

    return [(_("Nội dung sai: %(wrong)s. Thông tin đúng: %(right)s") % {"wrong": c["wrong"], "right": c["right"]},
             c["created_at"]) for c in corrections_for(page_id=article.pk)]


def _article(data: HeadData, *, request: HttpRequest, article, context) -> None:
    data.canonical = request.build_absolute_uri(article.canonical_path())
    data.og_type = "article"
    data.description = article.search_description or article.sapo
    relations = context.get("relations")  # a live article's: cover, bylines and tags read together
    image = relations.cover_image if relations is not None else article.listing_image
    data.image = share_image(image, request=request)
    data.image_alt = article.title
    section = article.section if article.section_id else None
    tags = [t.name for t in (context.get("tags") or [])]
    authors = context.get("authors") or []
    if section is not None:
        data.article_meta.append(("article:section", section.title))
    if article.published_at:
        data.article_meta.append(("article:published_time", structured.iso(article.published_at)))
    if article.last_published_at:
        data.article_meta.append(("article:modified_time", structured.iso(article.last_published_at)))
    data.article_meta.extend(("article:tag", t) for t in tags)
    pub = publisher(request)
    data.json_ld.append(structured.news_article(
        url=data.canonical, headline=article.title, description=article.sapo,
        published=article.published_at, modified=article.last_published_at,
        authors=[(a.name, None) for a in authors],
        images=[data.image.url] if data.image else [],
        publisher=pub, section=section.title if section else None, keywords=tags,
        corrections=_corrections(article), credit=getattr(article, "source_attribution", ""),
    ))
    crumbs = [_home_crumb(request)]
    if section is not None:
        crumbs.append(Crumb(name=section.title, url=_abs(request, section_url(section=section, request=request))))
    crumbs.append(Crumb(name=article.title, url=data.canonical))
    data.json_ld.append(structured.breadcrumb_list(crumbs))
    photos: list[Photo] = []
    # Only media blocks (and, in a photo story, its figures) add to the head: when the stored body has none,
    # its blocks are not converted at all (that would read every image of the body).
    wanted = {"media", "figure", "gallery"} if article.format == "photo" else {"media"}
    if not any(item["type"] in wanted for item in article.body.raw_data):
        return
    for block in article.body:
        if block.block_type == "media":
            if not (block.value.get("file") or block.value.get("embed")):
                continue  # nothing plays: not offered as video or audio, to readers or to search engines
            data.json_ld.append(structured.media_object(_media(block.value, request=request, article=article)))
        elif article.format == "photo" and block.block_type in {"figure", "gallery"}:
            for figure in block_figures(block):
                # The same rendition as the 1200w candidate of the figure's srcset (news/blocks/figure.html).
                shared = share_image(figure.get("image"), request=request, spec=PHOTO_SHARE_SPEC)
                if shared is not None:
                    credit = figure.get("credit") or getattr(figure.get("image"), "credit", "")
                    photos.append(Photo(url=shared.url, caption=figure.get("caption") or "", credit=credit,
                                        width=shared.width, height=shared.height))
    if photos:
        data.json_ld.append(structured.image_gallery(url=data.canonical, name=article.title,
                                                     description=article.sapo, photos=photos))


def _media(value, *, request: HttpRequest, article) -> Media:
    poster = share_image(value.get("poster"), request=request) if value.get("poster") else None
    thumbnail = poster or (share_image(article.listing_image, request=request))
    embed = value.get("embed")
    return Media(
        kind=value.get("kind") or "video",
        name=article.title,
        description=article.sapo,
        upload_date=article.published_at,
        content_url=request.build_absolute_uri(value["file"].url) if value.get("file") else "",
        embed_url=getattr(embed, "url", "") or "" if embed else "",
        thumbnail_url=thumbnail.url if thumbnail else "",
        duration=value.get("duration") or "",
        transcript=value.get("transcript") or "",
    )
