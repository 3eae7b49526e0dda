"""Load the demo newspaper into the database, idempotently.

Everything is keyed so that a second run reuses what exists and never duplicates it: sections by slug
under their parent, authors by slug, users by username, images by the SHA-1 of their (deterministic)
file, events by slug under the events index, articles by ``source_key = "demo:<slug>"`` (then by slug).
Articles that already exist are left as they are: editors may have changed them since.
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from html import escape
from pathlib import Path
from typing import Any, TextIO

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Collection, Page

from toasoan.comments.demo import ensure_demo_comments
from toasoan.demo.content import IMPRINT, DemoContent, demo_content
from toasoan.demo.images import generate
from toasoan.demo.live import LIVE_ARTICLE_TITLE, LIVE_UPDATES
from toasoan.demo.media import audio_bulletin, video_clip
from toasoan.demo.schema import (
    Article,
    Block,
    Figure,
    Format,
    Gallery,
    Heading,
    ImageSpec,
    Paragraph,
    Quote,
)
from toasoan.events.models import EventPage
from toasoan.home.models import FrontSlot, Imprint
from toasoan.home.services import ensure_section, ensure_site_structure
from toasoan.images.models import NewsImage
from toasoan.live.models import LiveCoverage, LiveUpdate
from toasoan.news.models import ArticleAuthor, ArticlePage, NewsTag
from toasoan.people.models import Author
from toasoan.sections.models import SectionPage

SOURCE_PREFIX = "demo:"
COLLECTION_NAME = "Ảnh mẫu"


@dataclass
class DemoSummary:
    """What a run created; ``*_total`` counts what the demo has, created or reused."""

    sections_created: int = 0
    authors_created: int = 0
    users_created: int = 0
    images_created: int = 0
    events_created: int = 0
    articles_created: int = 0
    pins_created: int = 0
    sections_total: int = 0
    images_total: int = 0
    events_total: int = 0
    articles_total: int = 0

    @property
    def created_anything(self) -> bool:
        return any(
            (
                self.sections_created,
                self.authors_created,
                self.users_created,
                self.images_created,
                self.events_created,
                self.articles_created,
                self.pins_created,
            )
        )

    def __str__(self) -> str:
        return (
            f"Nội dung mẫu: {self.articles_total} bài ({self.articles_created} mới), "
            f"{self.sections_total} chuyên mục ({self.sections_created} mới), "
            f"{self.events_total} sự kiện ({self.events_created} mới), "
            f"{self.images_total} ảnh ({self.images_created} mới), "
            f"{self.authors_created} tác giả mới, {self.pins_created} tin nóng mới."
        )


def load_demo(
    *,
    stdout: TextIO | None = None,
    now: datetime | None = None,
    image_cache: Path | None = None,
) -> DemoSummary:
    """Create whatever of the demo newspaper is missing and return what was done."""
    content = demo_content()
    now = now or timezone.now()
    summary = DemoSummary()
    loader = _Loader(content=content, now=now, image_cache=image_cache, summary=summary, stdout=stdout)
    with transaction.atomic():
        loader.run()
    if stdout is not None:
        stdout.write(f"✓ {summary}\n")
    return summary


class _Loader:
    def __init__(
        self,
        *,
        content: DemoContent,
        now: datetime,
        image_cache: Path | None,
        summary: DemoSummary,
        stdout: TextIO | None,
    ) -> None:
        self.content = content
        self.now = now
        self.image_cache = image_cache
        self.summary = summary
        self.stdout = stdout
        self.images: dict[str, NewsImage] = {}
        self.sections: dict[str, SectionPage] = {}
        self.authors: dict[str, Author] = {}
        self.events: dict[str, EventPage] = {}
        self.articles: dict[str, ArticlePage] = {}

    def say(self, text: str) -> None:
        if self.stdout is not None:
            self.stdout.write(text + "\n")

    def run(self) -> None:
        structure = ensure_site_structure()
        self.home = structure.home
        self.events_index = structure.events_index
        self.collection = self._collection()
        self._sections()
        self._authors()
        self.say("  … ảnh mẫu (lần đầu mất vài giây)")
        for spec in self.content.images:
            self._image(spec)
        self._events()
        for article in sorted(self.content.articles, key=lambda a: -a.minutes_ago):  # oldest first
            self._article(article)
        self._pins()
        self._live_coverage()
        ensure_demo_comments(articles=self.articles.values(), now=self.now)  # readers' comments, once per story
        self._imprint(structure.site)
        self.summary.sections_total = len(self.sections)
        self.summary.images_total = len(self.images)
        self.summary.events_total = len(self.events)
        self.summary.articles_total = len(self.articles)

    # --- building blocks -------------------------------------------------------------------------

    def _collection(self) -> Collection:
        root = Collection.get_first_root_node()
        existing = root.get_children().filter(name=COLLECTION_NAME).first()
        return existing or root.add_child(name=COLLECTION_NAME)

    def _sections(self) -> None:
        for section in self.content.sections:  # parents are declared before their children
            parent = self.sections[section.parent] if section.parent else self.home
            exists = SectionPage.objects.child_of(parent).filter(slug=section.slug).exists()
            self.sections[section.slug] = ensure_section(
                title=section.title, slug=section.slug, parent=parent, intro=section.description
            )
            self.summary.sections_created += not exists

    def _authors(self) -> None:
        user_model = get_user_model()
        for spec in self.content.authors:
            author, created = Author.objects.get_or_create(
                slug=spec.slug, defaults={"name": spec.name, "bio": spec.bio}
            )
            self.summary.authors_created += created
            if spec.is_user and author.user_id is None:
                family, _sep, given = spec.name.partition(" ")
                user, user_created = user_model.objects.get_or_create(
                    username=spec.slug,
                    defaults={"first_name": given, "last_name": family, "display_name": spec.name},
                )
                if user_created:
                    user.set_unusable_password()  # an administrator sets a password when needed
                    user.save(update_fields=["password"])
                    self.summary.users_created += 1
                if not hasattr(user, "author") or user.author is None:
                    author.user = user
                    author.save(update_fields=["user"])
            self.authors[spec.slug] = author

    def _image(self, spec: ImageSpec) -> NewsImage:
        generated = generate(spec, cache_dir=self.image_cache)
        data = generated.read_bytes()
        file_hash = hashlib.sha1(data).hexdigest()  # noqa: S324 - Wagtail's own duplicate key, not security
        image = (
            NewsImage.objects.filter(file_hash=file_hash).first()
            or NewsImage.objects.filter(
                collection=self.collection,
                title=spec.title[:255],
                width=generated.width,
                height=generated.height,
            ).first()
        )
        if image is None:
            image = NewsImage(
                title=spec.title[:255],
                credit=spec.credit,
                source=spec.source,
                collection=self.collection,
                width=generated.width,
                height=generated.height,
                file_size=len(data),
                file_hash=file_hash,
            )
            image.file.save(generated.filename, ContentFile(data), save=False)
            image.width, image.height = generated.width, generated.height  # ContentFile has no dimensions
            image.save()
            self.summary.images_created += 1
        self.images[spec.key] = image
        return image

    def _events(self) -> None:
        for spec in self.content.events:
            event = EventPage.objects.child_of(self.events_index).filter(slug=spec.slug).first()
            if event is None:
                started = max(self.content.article(slug).minutes_ago for slug in spec.articles)
                event = EventPage(
                    title=spec.title,
                    slug=spec.slug,
                    description=spec.description,
                    cover_image=self.images[spec.cover.key],
                    live=False,
                )
                self.events_index.add_child(instance=event)
                # A running story starts with its first article.
                event.first_published_at = self.now - timedelta(minutes=started)
                event.save_revision().publish()
                self.summary.events_created += 1
            self.events[spec.slug] = event

    def _existing_article(self, article: Article) -> ArticlePage | None:
        found = ArticlePage.objects.filter(source_key=SOURCE_PREFIX + article.slug).first()
        if found is None:
            found = ArticlePage.objects.descendant_of(self.home).filter(slug=article.slug).first()
        return found

    def _article(self, article: Article) -> None:
        page = self._existing_article(article)
        if page is not None:
            self.articles[article.slug] = page
            return
        page = ArticlePage(
            title=article.title,
            slug=article.slug,
            format=article.format.value,
            sapo=article.sapo,
            body=self._stream(article),
            cover_image=self.images[article.cover.key],
            source_key=SOURCE_PREFIX + article.slug,
            live=False,
        )
        page.first_published_at = article.published_at(now=self.now)
        page.article_authors = [
            ArticleAuthor(author=self.authors[slug], sort_order=i) for i, slug in enumerate(article.authors)
        ]
        if article.secondary_section:
            page.secondary_sections = [self.sections[article.secondary_section]]
        page.events = [self.events[event.slug] for event in self.content.events_of(article.slug)]
        page.tags.add(*(self._tag(name) for name in article.tags))
        self.sections[article.section].add_child(instance=page)
        page.save_revision().publish()
        self.summary.articles_created += 1
        self.articles[article.slug] = page

    def _live_coverage(self) -> None:
        """One story followed live, with a few updates (toasoan/demo/live.py); added once."""
        article = next((a for a in self.content.articles if a.title == LIVE_ARTICLE_TITLE), None)
        page = self.articles.get(article.slug) if article is not None else None
        if page is None or LiveCoverage.objects.filter(article=page).exists():
            return
        oldest = max(update.minutes_ago for update in LIVE_UPDATES)
        coverage = LiveCoverage.objects.create(article=page, started_at=self.now - timedelta(minutes=oldest + 5))
        LiveUpdate.objects.bulk_create(
            LiveUpdate(coverage=coverage, kind=update.kind, text=update.text, quote_source=update.quote_source,
                       pinned=update.pinned, created_at=self.now - timedelta(minutes=update.minutes_ago))
            for update in LIVE_UPDATES
        )

    def _tag(self, name: str) -> NewsTag:
        """Tags with ASCII slugs ("Du lịch" -> du-lich): NewsTag slugifies the Vietnamese way."""
        return NewsTag.objects.get_or_create(name=name)[0]

    def _pins(self) -> None:
        """Tin nóng pins on the home front (FrontSlot rows of kind "hot"), added once."""
        slots = FrontSlot.objects.filter(front_id=self.home.pk, kind=FrontSlot.Kind.HOT)
        pinned = set(slots.values_list("article_id", flat=True))
        missing = [self.articles[a.slug] for a in self.content.hot if self.articles[a.slug].pk not in pinned]
        start = len(pinned)
        for i, page in enumerate(missing):
            FrontSlot.objects.create(front_id=self.home.pk, kind=FrontSlot.Kind.HOT, article=page, position=start + i)
        self.summary.pins_created += len(missing)

    def _imprint(self, site) -> None:
        """The footer's imprint, invented but of the kind the press law asks for; kept once an editor filled it."""
        imprint = Imprint.for_site(site)
        if imprint.legal_name:
            return
        for field, value in IMPRINT.items():
            setattr(imprint, field, value)
        imprint.save()

    def _media_file(self, article: Article):
        """The item's playable file (toasoan/demo/media.py), as a document; the same file is found again."""
        media = article.media
        if media.kind == "video":
            made = video_clip(key=article.slug, scene=media.poster.scene, seconds=media.duration_seconds,
                              cache_dir=self.image_cache)
        else:
            made = audio_bulletin(key=article.slug, seconds=media.duration_seconds, cache_dir=self.image_cache)
        document_model = get_document_model()
        file_hash = hashlib.sha1(made.data).hexdigest()  # noqa: S324 - Wagtail's own duplicate key, not security
        document = document_model.objects.filter(file_hash=file_hash).first()
        if document is None:
            document = document_model(title=article.title[:255], collection=self.collection, file_hash=file_hash,
                                      file_size=len(made.data))
            document.file.save(made.filename, ContentFile(made.data), save=False)
            document.save()
        return document

    # --- body ------------------------------------------------------------------------------------

    def _figure_value(self, figure: Figure) -> dict[str, Any]:
        return {
            "image": self.images[figure.image.key].pk,
            "caption": figure.caption,
            "credit": figure.credit,
            "original_source": "",
        }

    def _block(self, block: Block, *, article: Article) -> dict[str, Any]:
        if isinstance(block, Paragraph):
            return {"type": "paragraph", "value": f"<p>{escape(block.text, quote=False)}</p>"}
        if isinstance(block, Heading):
            return {"type": "chapter", "value": {"heading": block.text, "image": None}}
        if isinstance(block, Quote):
            pull = article.format is Format.MAGAZINE
            return {"type": "quote", "value": {"text": block.text, "attribution": block.attribution, "pull": pull}}
        if isinstance(block, Figure):
            return {"type": "figure", "value": self._figure_value(block)}
        if isinstance(block, Gallery):
            photos = [
                {
                    "type": "item",
                    "id": str(uuid.uuid5(uuid.NAMESPACE_URL, item.image.key)),
                    "value": self._figure_value(item),
                }
                for item in block.items
            ]
            return {"type": "gallery", "value": {"title": "", "photos": photos}}
        raise TypeError(f"unknown block {block!r}")

    def _stream(self, article: Article) -> list[dict[str, Any]]:
        stream = [self._block(block, article=article) for block in article.body]
        lead_in = 1 if stream and stream[0]["type"] == "paragraph" else 0
        if article.infographic is not None:
            info = article.infographic
            stream.insert(
                lead_in,
                {
                    "type": "infographic",
                    "value": {
                        "image": self.images[info.image.key].pk,
                        "text_alternative": "\n".join(info.text_alternative),
                        "caption": article.title,
                        "credit": info.image.credit,
                    },
                },
            )
        if article.media is not None:
            media = article.media
            stream.insert(
                0,
                {
                    "type": "media",
                    "value": {
                        "kind": media.kind,
                        "file": self._media_file(article).pk,
                        "embed": None,
                        "poster": self.images[media.poster.key].pk,
                        "duration": media.duration_display,
                        "transcript": "\n".join(media.transcript),
                    },
                },
            )
        return stream


def demo_pages() -> list[Page]:
    """Articles the demo created (and that still exist), newest first."""
    return list(ArticlePage.objects.filter(source_key__startswith=SOURCE_PREFIX).order_by("-published_at", "-pk"))
