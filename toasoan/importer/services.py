"""Write side of the importer: a parsed plain-text page becomes (or updates) one ArticlePage."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from html import escape
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from toasoan.home.services import ensure_section
from toasoan.importer.parsers.plaintext import ParsedArticle, ParsedFigure, ParsedParagraph
from toasoan.limits.forms import text_problems
from toasoan.news.models import ArticleAuthor, ArticlePage
from toasoan.people.models import Author
from toasoan.sections.models import SectionPage

DEFAULT_SECTION_TITLE = "Thời sự"
DEFAULT_SECTION_SLUG = "thoi-su"
SOURCE_KEY_MAX_LENGTH = 255


class ImportConflictError(Exception):
    """The key already belongs to a different article (another file with the same name)."""


class ImportTooLargeError(Exception):
    """The page's sapo or body passes the size limits of an article (toasoan.limits.forms)."""


@dataclass(frozen=True)
class ImportResult:
    article: ArticlePage
    created: bool


def source_key_for_path(path: Path) -> str:
    """The identity of a scraped file: its name, so re-importing it from anywhere updates one article."""
    key = f"text:{Path(path).name}"
    if len(key) > SOURCE_KEY_MAX_LENGTH:
        digest = hashlib.sha256(key.encode()).hexdigest()[:16]
        key = f"{key[: SOURCE_KEY_MAX_LENGTH - 17]}~{digest}"
    return key


def default_import_section() -> SectionPage:
    """Where imported articles go when no section is named: "Thời sự" under the home page."""
    return ensure_section(title=DEFAULT_SECTION_TITLE, slug=DEFAULT_SECTION_SLUG)


def body_stream_data(*, parsed: ParsedArticle, source_key: str) -> list[dict]:
    """Raw StreamField data: paragraphs as escaped rich text, figures as image-less placeholders."""
    data: list[dict] = []
    for block in parsed.body:
        if isinstance(block, ParsedParagraph):
            data.append({"type": "paragraph", "value": f"<p>{escape(block.text, quote=False)}</p>"})
        elif isinstance(block, ParsedFigure):
            data.append(
                {
                    "type": "figure",
                    "value": {
                        "image": None,
                        "caption": block.caption,
                        "credit": block.credit or "",
                        # What editors see in the admin beside the missing image.
                        "original_source": f"Ảnh không có trong trang nhập ({source_key})",
                    },
                }
            )
    return data


def _authors_for(names: tuple[str, ...]) -> list[Author]:
    authors = []
    for name in names:
        author = Author.objects.filter(name=name).order_by("pk").first()
        if author is None:
            author = Author(name=name)
            author.save()
        authors.append(author)
    return authors


def import_text_page(
    *,
    parsed: ParsedArticle,
    source_key: str,
    section: SectionPage | None,
    publish: bool,
    user=None,
    replace: bool = False,
) -> ImportResult:
    """Create or update the article imported from ``source_key``, in one transaction.

    Importing the same key again updates the same article (its URL does not change); a section
    given explicitly moves it there. With ``publish`` the new revision goes live, otherwise it is
    saved as a draft (a live article keeps its live version until an editor publishes).

    Keys are file names, so two different scraped files can share one. When the stored article has
    both another title and another dateline, it is a different story: the import is refused with
    ``ImportConflictError`` (nothing is overwritten) unless ``replace`` is given.
    """
    body_data = body_stream_data(parsed=parsed, source_key=source_key)
    problems = text_problems(sapo=parsed.sapo, body_length=len(json.dumps(body_data, ensure_ascii=False)))
    if problems:
        raise ImportTooLargeError(" ".join(problems) + " " + _("Bài không được nhập."))
    with transaction.atomic():
        article = ArticlePage.objects.filter(source_key=source_key).select_for_update().first()
        created = article is None
        if not created and not replace and _is_other_story(article, parsed):
            raise ImportConflictError(
                _("đã có bài khác nhập từ tệp cùng tên: «%(title)s» (%(path)s); bài này không được ghi đè. "
                  "Đổi tên tệp, hoặc thêm --replace nếu đúng là bản sửa của bài đó.")
                % {"title": article.draft_title or article.title, "path": article.canonical_path()}
            )
        stream = ArticlePage._meta.get_field("body").stream_block
        if created:
            article = ArticlePage(source_key=source_key, live=False, owner=user)
        elif section is not None and article.get_parent().pk != section.pk:
            article.move(section, pos="last-child", user=user)
            article = ArticlePage.objects.get(pk=article.pk)
        article.title = article.draft_title = parsed.title
        article.sapo = parsed.sapo
        article.first_published_at = parsed.published_at
        article.body = stream.to_python(body_data)
        article.article_authors.set(
            [ArticleAuthor(author=author, sort_order=i) for i, author in enumerate(_authors_for(parsed.byline))]
        )
        if created:
            # The slug comes from VietnameseSlugMixin (drafts included), keeping Đ as d.
            (section or default_import_section()).add_child(instance=article)
        revision = article.save_revision(user=user, log_action=True)
        if publish:
            revision.publish(user=user)
        article = ArticlePage.objects.get(pk=article.pk)
    return ImportResult(article=article, created=created)


def _is_other_story(article: ArticlePage, parsed: ParsedArticle) -> bool:
    """Title and dateline both differ: not a corrected copy of the same story."""
    same_title = (article.draft_title or article.title).strip() == parsed.title.strip()
    same_time = article.first_published_at == parsed.published_at
    return not same_title and not same_time


def find_section(slug: str) -> SectionPage | None:
    """The section with this slug (top-level sections first), or None."""
    return SectionPage.objects.filter(slug=slug).order_by("depth", "path").first()
