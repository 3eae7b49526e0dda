"""Write side of the importer: a parsed page becomes (or safely updates) one ArticlePage.

Re-importing is safe for the newsroom (issue 20, point 4):

* a source is identified by its content or its URL (:func:`source_key_for_text`), never by a bare
  file name: two unrelated files called ``bai-1.txt`` with the same dateline are two articles;
* an unchanged source is skipped (no new revision, nothing republished);
* a story an editor took down is never republished; one an editor revised since the last import is
  a conflict, left alone unless ``force`` is given;
* every revision names who ran the import: the given user or the system account
  :data:`SYSTEM_USERNAME`, and an :class:`~toasoan.importer.models.ImportRecord` keeps the hash, the
  revision and the person.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from html import escape
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from toasoan.home.services import ensure_section
from toasoan.importer.models import ImportRecord
from toasoan.importer.parsers.plaintext import ParsedArticle, ParsedFigure, ParsedParagraph
from toasoan.limits.forms import text_problems
from toasoan.news.models import ArticleAuthor, ArticlePage
from toasoan.people.models import Author
from toasoan.sections.models import SectionPage

DEFAULT_SECTION_TITLE = "Thời sự"
DEFAULT_SECTION_SLUG = "thoi-su"
SOURCE_KEY_MAX_LENGTH = 255
SYSTEM_USERNAME = "he-thong-nhap-bai"
SYSTEM_DISPLAY_NAME = "Hệ thống nhập bài"


class ImportPermissionError(Exception):
    """The named account may not do what the import asks (publish, move); nothing was written."""


class Outcome(StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    CONFLICT = "conflict"
    TAKEN_DOWN = "taken_down"


class ImportTooLargeError(Exception):
    """The page's sapo or body passes the size limits of an article (toasoan.limits.forms)."""


@dataclass(frozen=True)
class ImportResult:
    article: ArticlePage
    outcome: Outcome
    reason: str = ""
    warnings: tuple[str, ...] = field(default=())

    @property
    def created(self) -> bool:
        return self.outcome is Outcome.CREATED

    @property
    def written(self) -> bool:
        return self.outcome in (Outcome.CREATED, Outcome.UPDATED)


@dataclass(frozen=True)
class ImportItem:
    """One story from any source, ready to be written: the parsed parts plus what the source knows."""

    key: str
    kind: str
    parsed: ParsedArticle
    source_url: str = ""
    file_name: str = ""
    tags: tuple[str, ...] = ()
    # (title, slug) of the section the source filed it in; None: the import's default section.
    section: tuple[str, str] | None = None
    cover_image: str | None = None
    # False for wire copy and for what the source itself had not published: a draft for the desk.
    publishable: bool = True
    warnings: tuple[str, ...] = ()
    # Keys the same story may already be stored under (a scraped page imported before its date was found).
    legacy_keys: tuple[str, ...] = ()

    @property
    def dated(self) -> bool:
        """The source gives the publication time; without it the import writes a draft only."""
        return self.parsed.published_at is not None

    def goes_live(self, publish: bool) -> bool:
        """Whether this import publishes the story: asked for, published at the source, and dated
        (the import never invents a publication time; an undated story waits for an editor)."""
        return publish and self.publishable and self.dated


def _bounded_key(key: str) -> str:
    if len(key) > SOURCE_KEY_MAX_LENGTH:
        digest = hashlib.sha256(key.encode()).hexdigest()[:16]
        key = f"{key[: SOURCE_KEY_MAX_LENGTH - 17]}~{digest}"
    return key


def source_key_for_path(path: Path) -> str:
    """The key older versions gave a scraped file (its bare name); read only to adopt their articles."""
    return _bounded_key(f"text:{Path(path).name}")


def source_key_for_text(parsed: ParsedArticle) -> str:
    """The identity of a scraped page: its title and publication time, not the name of its file.

    A page without a dateline is identified by its title and opening text instead
    (:func:`undated_key_for_text`): importing it again updates the same draft.
    """
    if parsed.published_at is None:
        return undated_key_for_text(parsed)
    identity = f"{parsed.title}\n{parsed.published_at.isoformat()}"
    return "text:" + hashlib.sha256(identity.encode()).hexdigest()[:40]


def undated_key_for_text(parsed: ParsedArticle) -> str:
    """The identity a scraped page has while it has no dateline: its title, sapo and first body block.

    Not the title alone: undated pages called "Thông báo" are many different stories, and two stories
    must never be merged into one. The same page read again gives the same key; once its dateline is
    found, :func:`text_item_keys` lists this key as the one the draft was stored under, so that
    draft is updated (and dated) instead of a second copy being made.
    """
    first = parsed.body[0] if parsed.body else None
    opening = (getattr(first, "text", None) or getattr(first, "caption", "")) if first is not None else ""
    identity = f"{parsed.title}\nkhông ngày\n{parsed.sapo}\n{opening}"
    return "text:" + hashlib.sha256(identity.encode()).hexdigest()[:40]


def text_item_keys(parsed: ParsedArticle) -> tuple[str, tuple[str, ...]]:
    """A scraped page's key and the keys it may already be stored under (its undated key, once dated)."""
    key = source_key_for_text(parsed)
    return key, (() if parsed.published_at is None else (undated_key_for_text(parsed),))


def content_hash(parsed: ParsedArticle, *extra: object) -> str:
    """Hash of everything the import writes: the same hash means there is nothing to update."""
    data = asdict(parsed)
    data["published_at"] = parsed.published_at.isoformat() if parsed.published_at is not None else ""
    for key in ("removed_chrome", "warnings"):
        data.pop(key, None)
    data["extra"] = [str(value) for value in extra]
    for block in data["body"]:
        if block.get("image"):  # the file's bytes, not only its name, decide whether it changed
            block["image"] = _file_digest(block["image"])
    return hashlib.sha256(json.dumps(data, ensure_ascii=False, sort_keys=True).encode()).hexdigest()


def item_digest(item: ImportItem) -> str:
    """The content hash of everything an item writes (see :func:`content_hash`)."""
    return content_hash(item.parsed, item.tags, item.section, item.cover_image and _file_digest(item.cover_image),
                        item.source_url, item.publishable)


def check_size(item: ImportItem) -> None:
    """Raise :class:`ImportTooLargeError` when the item's sapo or body passes an article's size limits."""
    body_data = body_stream_data(parsed=item.parsed, source_key=item.key)
    problems = text_problems(sapo=item.parsed.sapo, body_length=len(json.dumps(body_data, ensure_ascii=False)))
    if problems:
        raise ImportTooLargeError(" ".join(problems) + " " + _("Bài không được nhập."))


def _file_digest(path: str) -> str:
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return "?"


def system_user():
    """The account imports run as when no person is named: it cannot log in."""
    user_model = get_user_model()
    user = user_model.objects.filter(username=SYSTEM_USERNAME).first()
    if user is None:
        user = user_model(username=SYSTEM_USERNAME, is_active=False)
        if hasattr(user, "display_name"):
            user.display_name = SYSTEM_DISPLAY_NAME
        user.set_unusable_password()
        user.save()
    return user


def default_import_section() -> SectionPage:
    """Where imported articles go when no section is named: "Thời sự" under the home page."""
    return ensure_section(title=DEFAULT_SECTION_TITLE, slug=DEFAULT_SECTION_SLUG)


def body_stream_data(*, parsed: ParsedArticle, source_key: str, images: dict[str, int] | None = None) -> list[dict]:
    """Raw StreamField data: paragraphs as rich text (sanitised on save), figures with their image or a placeholder."""
    images = images or {}
    data: list[dict] = []
    for block in parsed.body:
        if isinstance(block, ParsedParagraph):
            inner = block.html or escape(block.text, quote=False)
            if block.kind == "heading":
                value = f"<h2>{inner}</h2>"
            elif block.kind == "list" and block.html:
                value = block.html
            else:
                value = f"<p>{inner}</p>"
            data.append({"type": "paragraph", "value": value})
        elif isinstance(block, ParsedFigure):
            image_id = images.get(block.image) if block.image else None
            data.append(
                {
                    "type": "figure",
                    "value": {
                        "image": image_id,
                        "caption": block.caption[:600],
                        "credit": (block.credit or "")[:200],
                        # What editors see in the admin beside the missing image.
                        "original_source": "" if image_id else (
                            block.source or f"Ảnh không có trong trang nhập ({source_key})")[:500],
                    },
                }
            )
    return data


MAX_IMAGE_PIXELS = 60_000_000
MAX_IMAGE_BYTES = 40 * 1024 * 1024


def image_for_file(path: str, *, title: str, warnings: list[str]):
    """The library image for a local file: found by content (no duplicates on re-import) or created.

    Nothing is fetched: ``path`` is a file the source shipped. Files that are not images, or whose
    header announces more than :data:`MAX_IMAGE_PIXELS`, are refused before any decoding.
    """
    from django.core.files.images import ImageFile
    from PIL import Image as PILImage
    from wagtail.images import get_image_model

    file = Path(path)
    try:
        if file.stat().st_size > MAX_IMAGE_BYTES:
            warnings.append(f"ảnh {file.name} quá lớn ({file.stat().st_size // 1048576} MB): bỏ qua, giữ chú thích")
            return None
        data = file.read_bytes()
        with PILImage.open(file) as probe:  # reads the header only
            width, height = probe.size
    except (OSError, ValueError, PILImage.DecompressionBombError) as exc:
        warnings.append(f"tệp {file.name} không phải ảnh đọc được ({type(exc).__name__}): giữ chú thích, thiếu ảnh")
        return None
    if width * height > MAX_IMAGE_PIXELS:
        warnings.append(f"ảnh {file.name} quá nhiều điểm ảnh ({width}×{height}): bỏ qua, giữ chú thích")
        return None
    model = get_image_model()
    digest = hashlib.sha1(data, usedforsecurity=False).hexdigest()
    existing = model.objects.filter(file_hash=digest).first()
    if existing is not None:
        return existing
    image = model(title=(title or file.stem)[:255], file=ImageFile(file.open("rb"), name=file.name))
    image.save()
    return image


def _authors_for(names: tuple[str, ...]) -> list[Author]:
    authors = []
    for name in names:
        author = Author.objects.filter(name=name).order_by("pk").first()
        if author is None:
            author = Author(name=name)
            author.save()
        authors.append(author)
    return authors


def _find_article(*, source_key: str, legacy_keys: tuple[str, ...], parsed: ParsedArticle) -> ArticlePage | None:
    article = ArticlePage.objects.filter(source_key=source_key).select_for_update().first()
    if article is not None:
        return article
    for legacy in legacy_keys:
        # An article imported by an older version under its file name, or before its dateline was found:
        # the same story only when the title is the same (two files with one name and one dateline may be
        # two stories). It takes the new key, and so does its import record (the re-import rules go on).
        old = ArticlePage.objects.filter(source_key=legacy).select_for_update().first()
        if old is not None and (old.draft_title or old.title).strip() == parsed.title.strip():
            ArticlePage.objects.filter(pk=old.pk).update(source_key=source_key)
            if not ImportRecord.objects.filter(source_key=source_key).exists():
                ImportRecord.objects.filter(source_key=legacy, article=old).update(source_key=source_key)
            old.source_key = source_key
            return old
    return None


def _editor_changed(article: ArticlePage, record: ImportRecord | None, importer) -> bool:
    """Someone other than the import saved a revision after the import's last one."""
    latest = article.latest_revision
    if latest is None:
        return False
    if record is not None:
        return latest.pk != record.revision_id
    return latest.user_id is not None and latest.user_id != importer.pk


def _taken_down(article: ArticlePage) -> bool:
    return not article.live and article.last_published_at is not None


def import_text_page(
    *,
    parsed: ParsedArticle,
    source_key: str,
    section: SectionPage | None,
    publish: bool,
    user=None,
    force: bool = False,
    legacy_keys: tuple[str, ...] = (),
    file_name: str = "",
) -> ImportResult:
    """Create or update the article imported from a scraped text page (see :func:`import_item`)."""
    item = ImportItem(key=source_key, kind="text", parsed=parsed, file_name=file_name)
    return import_item(item=item, section=section, publish=publish, user=user, force=force, legacy_keys=legacy_keys)


def import_item(
    *,
    item: ImportItem,
    section: SectionPage | None,
    publish: bool,
    user=None,
    force: bool = False,
    legacy_keys: tuple[str, ...] = (),
) -> ImportResult:
    """Create or update the article imported from ``item.key``, in one transaction.

    Importing the same key again updates the same article (its URL does not change); a section
    given explicitly moves it there. With ``publish`` (and an item its source had published) the
    new revision goes live, otherwise it is saved as a draft (a live article keeps its live version
    until an editor publishes); an item without a publication time is always a draft (see
    :meth:`ImportItem.goes_live`). What a re-import leaves alone, and why, is in the result's
    ``outcome`` and ``reason``. An item with a source URL answers that old path with a 301.
    """
    parsed, source_key = item.parsed, item.key
    legacy_keys = tuple(dict.fromkeys((*item.legacy_keys, *legacy_keys)))
    importer = user or system_user()
    system = importer.get_username() == SYSTEM_USERNAME
    digest = item_digest(item)
    check_size(item)
    with transaction.atomic():
        article = _find_article(source_key=source_key, legacy_keys=legacy_keys, parsed=parsed)
        record = ImportRecord.objects.filter(source_key=source_key).first()
        created = article is None
        if section is None and item.section is not None:
            section = ensure_section(title=item.section[0], slug=item.section[1])
        if not created:
            path = article.canonical_path()
            in_place = section is None or article.get_parent().pk == section.pk
            if record is not None and record.content_hash == digest and in_place and not force:
                return ImportResult(article, Outcome.UNCHANGED, _("nguồn không đổi từ lần nhập trước"))
            if _taken_down(article) and not force:
                return ImportResult(
                    article, Outcome.TAKEN_DOWN,
                    _("biên tập viên đã gỡ bài %(path)s: không cập nhật, không xuất bản lại") % {"path": path},
                )
            if _editor_changed(article, record, importer) and not force:
                return ImportResult(
                    article, Outcome.CONFLICT,
                    _("bài %(path)s đã được biên tập viên sửa sau lần nhập trước: không ghi đè "
                      "(thêm --force để ghi đè bằng bản nhập)") % {"path": path},
                )
        warnings = list(item.warnings)
        if created:
            warnings.extend(_same_file_warnings(file_name=item.file_name, source_key=source_key))
        images = {
            block.image: image.pk
            for block in parsed.body
            if isinstance(block, ParsedFigure) and block.image
            and (image := image_for_file(block.image, title=block.caption or parsed.title, warnings=warnings))
        }
        cover = image_for_file(item.cover_image, title=parsed.title, warnings=warnings) if item.cover_image else None
        stream = ArticlePage._meta.get_field("body").stream_block
        if created:
            article = ArticlePage(source_key=source_key, live=False, owner=importer)
        elif section is not None and article.get_parent().pk != section.pk:
            article.move(section, pos="last-child", user=None if system else importer)
            article = ArticlePage.objects.get(pk=article.pk)
        taken_down = not created and _taken_down(article)
        article.title = article.draft_title = parsed.title
        article.sapo = parsed.sapo
        article.source_attribution = parsed.source_attribution[:255]
        if parsed.published_at is not None:  # undated: keep the time the article has, if any; never invent one
            article.first_published_at = parsed.published_at
        article.body = stream.to_python(body_stream_data(parsed=parsed, source_key=source_key, images=images))
        if cover is not None:
            article.cover_image = cover
        article.article_authors.set(
            [ArticleAuthor(author=author, sort_order=i) for i, author in enumerate(_authors_for(parsed.byline))]
        )
        if item.tags:
            article.tags.set(list(item.tags))
        if created:
            # The slug comes from VietnameseSlugMixin (drafts included), keeping Đ as d.
            (section or default_import_section()).add_child(instance=article)
        revision = article.save_revision(user=importer, log_action=True)
        if item.goes_live(publish) and not taken_down:
            try:
                # The system account is what `toasoan import` runs as from the server's shell; a
                # named person keeps exactly the rights the admin gives them.
                revision.publish(user=importer, skip_permission_checks=system)
            except PermissionDenied as exc:
                raise ImportPermissionError(
                    _("tài khoản «%(user)s» không có quyền xuất bản bài này; không có gì được ghi")
                    % {"user": importer.get_username()}
                ) from exc
        ImportRecord.objects.update_or_create(
            source_key=source_key,
            defaults={
                "kind": item.kind, "article": article, "source_url": item.source_url[:2000],
                "file_name": item.file_name[:500], "content_hash": digest, "revision": revision,
                "imported_by": importer,
            },
        )
        if item.source_url:
            _redirect_old_address(item.source_url, article)
        article = ArticlePage.objects.get(pk=article.pk)
    return ImportResult(article, Outcome.CREATED if created else Outcome.UPDATED, warnings=tuple(warnings))


def _redirect_old_address(url: str, article: ArticlePage) -> None:
    """The story's old address answers with a 301 to its new one (Wagtail's redirects, one indexed lookup)."""
    from wagtail.contrib.redirects.models import Redirect

    old_path = Redirect.normalise_path(url)[:255]
    if old_path in ("", "/") or old_path == article.canonical_path():
        return
    Redirect.objects.update_or_create(
        old_path=old_path, site=None,
        defaults={"redirect_page": article, "redirect_link": "", "is_permanent": True},
    )


def _same_file_warnings(*, file_name: str, source_key: str) -> tuple[str, ...]:
    if not file_name:
        return ()
    others = ImportRecord.objects.filter(file_name=file_name).exclude(source_key=source_key).select_related("article")
    return tuple(
        _("tệp cùng tên %(file)s đã được nhập thành bài khác «%(title)s» (%(path)s); "
          "bài này khác tiêu đề hoặc thời gian nên được nhập thành bài mới")
        % {"file": file_name, "title": other.article.title, "path": other.article.canonical_path()}
        for other in others[:3]
    )


def find_section(slug: str) -> SectionPage | None:
    """The section with this slug (top-level sections first), or None."""
    return SectionPage.objects.filter(slug=slug).order_by("depth", "path").first()
