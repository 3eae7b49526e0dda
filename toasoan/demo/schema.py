"""Typed description of the demo newspaper, independent of the database.

Article bodies are written in a small line-based markup so the Vietnamese prose stays readable in
the source; :func:`parse_body` turns it into typed blocks:

- a paragraph is a run of lines separated from the next by a blank line;
- ``## Chapter title`` starts a chapter (magazine);
- ``> Quote text | Attribution`` is a pull quote (the attribution is optional);
- ``@scene Caption (Ảnh: Name)`` is a figure whose image is generated in the given scene;
- consecutive ``+scene Caption (Ảnh: Name)`` lines form one gallery (photo stories).
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from toasoan.core.text import normalize_line, normalize_text, slugify_vi

END_MARK = "./."


class Format(enum.StrEnum):
    """Article formats; values match the choice values of ``ArticlePage.format``."""

    STANDARD = "standard"
    PHOTO = "photo"
    INFOGRAPHIC = "infographic"
    MAGAZINE = "magazine"
    MEDIA = "media"


class ImageKind(enum.StrEnum):
    PHOTO = "photo"  # 1600x1000 JPEG
    INFOGRAPHIC = "infographic"  # 1000x3000 PNG
    POSTER = "poster"  # 1600x900 JPEG, a video/audio still with a play mark


class Scene(enum.StrEnum):
    """What a generated photo suggests; the generator draws each differently."""

    LANDSCAPE = "landscape"
    CITY = "city"
    PEOPLE = "people"
    FIELDS = "fields"
    SEA = "sea"
    STADIUM = "stadium"
    CLASSROOM = "classroom"
    MEETING = "meeting"
    RIVER = "river"
    MARKET = "market"
    FLOOD = "flood"
    FESTIVAL = "festival"
    ROAD = "road"
    FOREST = "forest"
    CHART = "chart"  # infographics


@dataclass(frozen=True, slots=True)
class ImageSpec:
    """An image to generate: ``key`` is unique and stable and seeds the generator."""

    key: str
    kind: ImageKind
    scene: Scene
    title: str
    credit: str  # the photographer as stored on the image ("Thành Duy"), no "Ảnh:" prefix
    source: str = "Báo Tòa Soạn (ảnh mẫu tạo tự động)"
    lines: tuple[str, ...] = ()  # infographics: the figures written on the panels


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str


@dataclass(frozen=True, slots=True)
class Heading:
    text: str


@dataclass(frozen=True, slots=True)
class Quote:
    text: str
    attribution: str = ""


@dataclass(frozen=True, slots=True)
class Figure:
    image: ImageSpec
    caption: str
    credit: str  # as printed inside the parentheses: "Ảnh: Thành Duy"


@dataclass(frozen=True, slots=True)
class Gallery:
    items: tuple[Figure, ...]


Block = Paragraph | Heading | Quote | Figure | Gallery


@dataclass(frozen=True, slots=True)
class Infographic:
    image: ImageSpec  # the tall graphic itself
    text_alternative: tuple[str, ...]  # the figures read out as sentences, for screen readers
    cover: ImageSpec  # a wide chart picture for listings, where a tall image crops badly


@dataclass(frozen=True, slots=True)
class Media:
    kind: str  # "video" or "audio"
    duration_seconds: int
    poster: ImageSpec
    transcript: tuple[str, ...]

    @property
    def duration_display(self) -> str:
        minutes, seconds = divmod(self.duration_seconds, 60)
        return f"{minutes:02d}:{seconds:02d}"


@dataclass(frozen=True, slots=True)
class Section:
    slug: str
    title: str
    description: str
    parent: str | None = None  # slug of the parent section, one level at most


@dataclass(frozen=True, slots=True)
class Author:
    slug: str
    name: str
    bio: str
    is_user: bool = False  # whether the demo also creates a login for this reporter


@dataclass(frozen=True, slots=True)
class Event:
    slug: str
    title: str
    description: str
    cover: ImageSpec
    articles: tuple[str, ...]  # article slugs


@dataclass(frozen=True, slots=True)
class Article:
    slug: str
    title: str
    sapo: str
    format: Format
    section: str
    authors: tuple[str, ...]  # author slugs, in byline order
    tags: tuple[str, ...]
    minutes_ago: int  # publication time relative to "now"
    body: tuple[Block, ...]
    secondary_section: str | None = None
    hot: bool = False  # pinned as "Tin nóng"
    infographic: Infographic | None = None
    media: Media | None = None

    @property
    def ends_with_end_mark(self) -> bool:
        last = next((b for b in reversed(self.body) if isinstance(b, Paragraph)), None)
        return last is not None and last.text.endswith(END_MARK)

    @property
    def figures(self) -> tuple[Figure, ...]:
        found: list[Figure] = []
        for block in self.body:
            if isinstance(block, Figure):
                found.append(block)
            elif isinstance(block, Gallery):
                found.extend(block.items)
        return tuple(found)

    @property
    def images(self) -> tuple[ImageSpec, ...]:
        """Every image the article uses, cover first."""
        found = [figure.image for figure in self.figures]
        if self.media is not None:
            found.insert(0, self.media.poster)
        if self.infographic is not None:
            found.extend((self.infographic.cover, self.infographic.image))
        return tuple(found)

    @property
    def cover(self) -> ImageSpec:
        """The listing thumbnail: the poster, the first photo, or the infographic's wide cover."""
        if self.media is not None:
            return self.media.poster
        if self.figures:
            return self.figures[0].image
        if self.infographic is None:
            raise ValueError(f"article {self.slug} has no image at all")
        return self.infographic.cover

    def published_at(self, *, now: datetime) -> datetime:
        return now - timedelta(minutes=self.minutes_ago)


_FIGURE = re.compile(r"^(?P<mark>[@+])(?P<scene>[a-z]+)\s+(?P<rest>.+)$")
_CREDIT = re.compile(r"\((?P<credit>Ảnh[^()]*)\)\s*$")


def split_credit(text: str) -> tuple[str, str]:
    """``"Caption. (Ảnh: Thành Duy)"`` -> ``("Caption.", "Ảnh: Thành Duy")``."""
    match = _CREDIT.search(text)
    if match is None:
        raise ValueError(f"figure without a credit: {text!r}")
    return text[: match.start()].strip(), match.group("credit").strip()


def photographer(credit: str) -> str:
    """``"Ảnh: Thành Duy"`` -> ``"Thành Duy"``; other credits ("Ảnh cắt clip") stay as they are."""
    head, sep, name = credit.partition(":")
    return name.strip() if sep and head.strip() == "Ảnh" else credit


def parse_body(markup: str, *, key_prefix: str) -> tuple[Block, ...]:
    """Turn the markup described in the module docstring into blocks; images get stable keys."""
    blocks: list[Block] = []
    gallery: list[Figure] = []
    paragraph: list[str] = []
    counter = 0

    def flush_paragraph() -> None:
        if paragraph:
            blocks.append(Paragraph(normalize_line(" ".join(paragraph))))
            paragraph.clear()

    def flush_gallery() -> None:
        if gallery:
            blocks.append(Gallery(tuple(gallery)))
            gallery.clear()

    for raw in normalize_text(markup).splitlines():
        line = raw.strip()
        figure = _FIGURE.match(line)
        if not line:
            flush_paragraph()
            continue
        if figure is None:
            flush_gallery()
        if line.startswith("## "):
            flush_paragraph()
            blocks.append(Heading(normalize_line(line[3:])))
        elif line.startswith("> "):
            flush_paragraph()
            text, _sep, attribution = line[2:].partition(" | ")
            blocks.append(Quote(normalize_line(text), normalize_line(attribution)))
        elif figure is not None:
            flush_paragraph()
            counter += 1
            caption, credit = split_credit(figure.group("rest"))
            image = ImageSpec(
                key=f"{key_prefix}-{counter}",
                kind=ImageKind.PHOTO,
                scene=Scene(figure.group("scene")),
                title=caption,
                credit=photographer(credit),
            )
            item = Figure(image=image, caption=caption, credit=credit)
            if figure.group("mark") == "+":
                gallery.append(item)
            else:
                flush_gallery()
                blocks.append(item)
        else:
            paragraph.append(line)
    flush_paragraph()
    flush_gallery()
    return tuple(blocks)


def ago(*, days: int = 0, hours: int = 0, minutes: int = 0) -> int:
    """An offset in minutes before "now"."""
    return days * 24 * 60 + hours * 60 + minutes


@dataclass(slots=True)
class ArticleRegistry:
    """Collects articles as the text modules declare them, in declaration order."""

    articles: list[Article] = field(default_factory=list)

    def add(
        self,
        *,
        title: str,
        sapo: str,
        section: str,
        authors: tuple[str, ...],
        tags: tuple[str, ...],
        minutes_ago: int,
        body: str,
        format: Format = Format.STANDARD,
        secondary_section: str | None = None,
        hot: bool = False,
        slug: str | None = None,
        infographic: tuple[str, tuple[str, ...]] | None = None,
        media: tuple[str, int, str, tuple[str, ...]] | None = None,
    ) -> Article:
        """Declare one article.

        ``infographic`` is ``(credit, text_alternative)``; ``media`` is
        ``(kind, duration_seconds, poster_scene, transcript)``; the poster is credited to the
        first author.
        """
        title = normalize_line(title)
        slug = slug or slugify_vi(title, max_length=80)
        info = None
        if infographic is not None:
            credit, raw_lines = infographic
            lines = tuple(normalize_line(x) for x in raw_lines)
            image = ImageSpec(
                key=f"{slug}-infographic",
                kind=ImageKind.INFOGRAPHIC,
                scene=Scene.CHART,
                title=title,
                credit=credit,
                lines=lines,
            )
            cover = ImageSpec(
                key=f"{slug}-cover",
                kind=ImageKind.PHOTO,
                scene=Scene.CHART,
                title=title,
                credit=credit,
            )
            info = Infographic(image=image, text_alternative=lines, cover=cover)
        media_spec = None
        if media is not None:
            kind, duration, scene, transcript = media
            poster = ImageSpec(
                key=f"{slug}-poster",
                kind=ImageKind.POSTER,
                scene=Scene(scene),
                title=title,
                credit="Ảnh cắt clip" if kind == "video" else "Đồ họa: Tòa Soạn",
            )
            media_spec = Media(
                kind=kind,
                duration_seconds=duration,
                poster=poster,
                transcript=tuple(normalize_line(x) for x in transcript),
            )
        article = Article(
            slug=slug,
            title=title,
            sapo=normalize_line(sapo),
            format=format,
            section=section,
            secondary_section=secondary_section,
            authors=authors,
            tags=tags,
            minutes_ago=minutes_ago,
            body=parse_body(body, key_prefix=slug),
            hot=hot,
            infographic=info,
            media=media_spec,
        )
        self.articles.append(article)
        return article
