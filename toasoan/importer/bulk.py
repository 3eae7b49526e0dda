"""Bulk import: new stories written a batch at a time, side work done for the batch, nothing left queued.

:func:`~toasoan.importer.services.import_item` writes one story the way the admin does (tree insert,
revision, publish, signals that queue a search-index task, an entity task, a deposit, a purge...): about
130 queries and several queued tasks per story. For an archive that is days of work and a queue that
keeps the search empty long after the import. :class:`BulkImporter` writes the same rows for a batch:

* stories new to the site (no article or import record with their source key) are inserted together:
  tree paths taken after the section's last child (Wagtail's treebeard materialised paths), pages,
  articles, revisions, bylines, tags, import records, history entries and old-address redirects with
  one multi-row insert each, in one transaction per batch;
* in that same transaction the batch is indexed for search and its people, organisations and places
  are suggested (one ``extract_many`` call), so a story that is committed is whole: readable, listed,
  searchable, with its suggestions, and a rerun after Ctrl-C or a crash skips it;
* stories already imported go through ``import_item`` (re-import rules: unchanged, conflict, taken
  down), with the per-page receivers quiet (:func:`toasoan.importer.quiet.quiet_side_work`) and their
  side work done here;
  unchanged ones are recognised for the whole batch in two queries;
* a batch that fails as a whole is retried story by story, so one bad story never stops the others.

Caches are purged once at the end (:meth:`BulkImporter.close`), not per story.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from toasoan.core.pages import SLUG_MAX_LENGTH
from toasoan.core.sanitize import sanitize_stored_richtext
from toasoan.core.text import slugify_vi
from toasoan.entities.extraction_types import Extraction
from toasoan.home.services import ensure_section
from toasoan.importer.models import ImportRecord
from toasoan.importer.parsers.plaintext import ParsedFigure
from toasoan.importer.pgarrays import use_quick_arrays
from toasoan.importer.quiet import run_object_work
from toasoan.importer.rows import insert_rows, point_to_revisions, set_relations_in_memory
from toasoan.importer.services import (
    SYSTEM_USERNAME,
    ImportItem,
    ImportPermissionError,
    ImportResult,
    ImportTooLargeError,
    Outcome,
    body_stream_data,
    check_size,
    default_import_section,
    image_for_file,
    import_item,
    item_digest,
    system_user,
)
from toasoan.news.models import ArticleAuthor, ArticlePage, ArticleTag, NewsTag
from toasoan.people.models import Author
from toasoan.record.models import DepositReason
from toasoan.record.services import request_deposits
from toasoan.search.backends import Prepared
from toasoan.sections.models import SectionPage

logger = logging.getLogger(__name__)

BATCH_SIZE = 500


@dataclass(frozen=True)
class Ahead:
    """What a process reading ahead (:mod:`toasoan.importer.pipeline`) already did for an entry."""

    digest: str  # item_digest, after check_size passed
    extraction: Extraction | None = None  # the people, organisations and places of its text (None: failed)
    extracted: bool = False  # False: not read (already imported unchanged, as far as the reader could tell)
    paragraphs: tuple[str, ...] | None = None  # the body's paragraphs, sanitised (story_body), when read
    search: Prepared | None = None  # its search keys, when they do not depend on the images found (no figure)


@dataclass(frozen=True)
class Entry:
    """One story to write, with the label the report gives it and the keys older versions used."""

    label: str
    item: ImportItem
    legacy_keys: tuple[str, ...] = ()
    ahead: Ahead | None = None

    @property
    def earlier_keys(self) -> set[str]:
        """Every key the story may already be stored under: the file name's, and the item's own (undated)."""
        return {*self.legacy_keys, *self.item.legacy_keys}


@dataclass(frozen=True)
class Done:
    """What happened to an entry: a result, or the reason it failed."""

    entry: Entry
    result: ImportResult | None = None
    error: str = ""


@dataclass
class _Prepared:
    entry: Entry
    parent: SectionPage
    digest: str
    warnings: list[str] = field(default_factory=list)


class BulkImporter:
    """Write entries in batches of :data:`BATCH_SIZE`; :meth:`add` and :meth:`close` return what was done."""

    def __init__(self, *, section: SectionPage | None, publish: bool, user=None, force: bool = False,
                 confirm_entities: bool = False, batch_size: int = BATCH_SIZE) -> None:
        self.section = section
        self.publish = publish
        self.importer = user or system_user()
        self.system = self.importer.get_username() == SYSTEM_USERNAME
        self.force = force
        self.confirm_entities = confirm_entities
        self.batch_size = batch_size
        self.pending: list[Entry] = []
        self.published = 0
        self._sections: dict[tuple[str, str] | None, SectionPage] = {}
        self._authors: dict[str, Author] = {}
        self._tags: dict[str, NewsTag] = {}
        self._article_type = ContentType.objects.get_for_model(ArticlePage)
        from wagtail.models import Page

        self._page_type = ContentType.objects.get_for_model(Page)

    # --- the batches -------------------------------------------------------------------------------------
    def add(self, entry: Entry) -> list[Done]:
        self.pending.append(entry)
        return self.flush() if len(self.pending) >= self.batch_size else []

    def flush(self) -> list[Done]:
        batch, self.pending = self.pending, []
        if not batch:
            return []
        done: list[Done] = []
        new, known = self._split(batch, done)
        if new:
            done.extend(self._create_or_retry(new))
        if known:
            done.extend(self._one_by_one(known))
        run_object_work()  # the new authors' and people's index entries: nothing left queued
        return done

    def close(self, *, flush: bool = True) -> list[Done]:
        """Write what is left (unless stopping) and refresh the caches readers get, once."""
        try:
            return self.flush() if flush else []
        finally:
            if self.published:
                from toasoan.caching.purge import purge_tags
                from toasoan.caching.tags import ALL

                try:
                    purge_tags({ALL})
                except Exception:  # a cache that cannot be reached must not fail an import that is written
                    logger.exception("could not purge the caches after a bulk import")

    def _split(self, batch: list[Entry], done: list[Done]) -> tuple[list[_Prepared], list[Entry]]:
        """New stories (for the fast path), and those already imported or repeated in the batch."""
        keys = {entry.item.key for entry in batch}
        legacy = {key for entry in batch for key in entry.earlier_keys}
        existing = set(ArticlePage.objects.filter(source_key__in=keys | legacy).values_list("source_key", flat=True))
        records = {row["source_key"]: row for row in ImportRecord.objects.filter(source_key__in=keys).values(
            "source_key", "content_hash", "article_id", "article__section_id", "article__slug", "article__live")}
        new: list[_Prepared] = []
        known: list[Entry] = []
        seen: set[str] = set()
        for entry in batch:
            item = entry.item
            try:
                if entry.ahead is not None:
                    digest = entry.ahead.digest
                else:
                    check_size(item)
                    digest = item_digest(item)
            except ImportTooLargeError as exc:
                done.append(Done(entry, error=str(exc)))
                continue
            except Exception as exc:  # an unreadable image file, a broken block: that story only
                done.append(Done(entry, error=_failure(exc)))
                continue
            record = records.get(item.key)
            if record is not None and not self.force and record["content_hash"] == digest:
                target = self.section or (self._section_for(item) if item.section is not None else None)
                if target is None or target.pk == record["article__section_id"]:
                    article = ArticlePage(id=record["article_id"], slug=record["article__slug"],
                                          live=record["article__live"])
                    done.append(Done(entry, ImportResult(article, Outcome.UNCHANGED,
                                                         _("nguồn không đổi từ lần nhập trước"))))
                    continue
            if item.key in existing or item.key in seen or existing & entry.earlier_keys:
                known.append(entry)
                continue
            seen.add(item.key)
            new.append(_Prepared(entry=entry, parent=self._section_for(item), digest=digest,
                                 warnings=list(item.warnings)))
        return new, known

    def _create_or_retry(self, new: list[_Prepared]) -> list[Done]:
        use_quick_arrays()  # the batch's JSON columns go to PostgreSQL as arrays (see pgarrays)
        try:
            with transaction.atomic():
                results = self._create(new)
        except Exception:
            logger.warning("a bulk batch of %s stories failed; writing them one by one", len(new), exc_info=True)
            self._authors.clear()  # some were created in the batch that was rolled back
            self._tags.clear()
            return self._one_by_one([prepared.entry for prepared in new])
        self.published += sum(result.article.live for result in results)
        return [Done(prepared.entry, result) for prepared, result in zip(new, results, strict=True)]

    def _one_by_one(self, entries: list[Entry]) -> list[Done]:
        """Stories already imported (the re-import rules apply), or a failed batch: one transaction each."""
        done: list[Done] = []
        written: list[ArticlePage] = []
        for entry in entries:
            try:
                result = import_item(item=entry.item, section=self.section, publish=self.publish,
                                     user=self.importer, force=self.force, legacy_keys=entry.legacy_keys)
            except Exception as exc:  # its transaction rolled back; the others go on
                done.append(Done(entry, error=_failure(exc)))
                continue
            done.append(Done(entry, result))
            if result.written:
                article = result.article
                if article.has_unpublished_changes and article.latest_revision_id:
                    article = article.get_latest_revision_as_object()  # suggestions follow the newest text
                written.append(article)
                self.published += result.article.live
        if written:
            self._side_work(written, index_ids=[article.pk for article in written])
        return done

    # --- the fast path -----------------------------------------------------------------------------------
    def _create(self, batch: list[_Prepared]) -> list[ImportResult]:
        from wagtail.models import Page, PageLogEntry, Revision

        now = timezone.now()
        live = self.publish
        articles: list[ArticlePage] = []
        by_parent: dict[int, list[int]] = defaultdict(list)
        for index, prepared in enumerate(batch):
            by_parent[prepared.parent.pk].append(index)
        paths: dict[int, tuple[str, int]] = {}
        slugs: dict[int, str] = {}
        for parent_id, indexes in by_parent.items():
            parent = Page.objects.select_for_update().get(pk=parent_id)
            last = (Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
                    .order_by("-path").values_list("path", flat=True).first())
            step = Page._str2int(last[-Page.steplen:]) if last else 0
            for offset, index in enumerate(indexes, start=1):
                paths[index] = (Page._get_path(parent.path, parent.depth + 1, step + offset), parent.depth + 1)
            slugs.update(self._slugs(parent, {index: batch[index].entry.item.parsed.title for index in indexes}))
            Page.objects.filter(pk=parent_id).update(numchild=F("numchild") + len(indexes))
        for index, prepared in enumerate(batch):
            item, parsed = prepared.entry.item, prepared.entry.item.parsed
            item_live = item.goes_live(live)  # never an undated story: its time would be invented
            images = {
                block.image: image.pk
                for block in parsed.body
                if isinstance(block, ParsedFigure) and block.image
                and (image := image_for_file(block.image, title=block.caption or parsed.title,
                                             warnings=prepared.warnings))
            }
            cover = (image_for_file(item.cover_image, title=parsed.title, warnings=prepared.warnings)
                     if item.cover_image else None)
            ahead = prepared.entry.ahead
            body = story_body(item=item, images=images, paragraphs=ahead.paragraphs if ahead is not None else None)
            path, depth = paths[index]
            article = ArticlePage(
                title=parsed.title, draft_title=parsed.title, slug=slugs[index], path=path, depth=depth, numchild=0,
                url_path=f"{prepared.parent.url_path}{slugs[index]}/", content_type=self._article_type,
                locale_id=prepared.parent.locale_id, owner=self.importer, live=item_live,
                has_unpublished_changes=not item_live, first_published_at=parsed.published_at,
                last_published_at=now if item_live else None, latest_revision_created_at=now,
                sapo=parsed.sapo, source_attribution=parsed.source_attribution[:255], body=body,
                section_id=prepared.parent.pk, published_at=parsed.published_at, source_key=item.key,
                cover_image_id=cover.pk if cover is not None else next(iter(images.values()), None),
            )
            articles.append(article)
        extractions = self._extractions_for(batch)
        pages = [Page(**{f.attname: getattr(a, f.attname) for f in Page._meta.concrete_fields if f.attname != "id"})
                 for a in articles]
        Page.objects.bulk_create(pages)
        authors = self._authors_for({name for p in batch for name in p.entry.item.parsed.byline})
        tags = self._tags_for({tag for p in batch for tag in p.entry.item.tags})
        links: list[ArticleAuthor] = []
        tagged: list[ArticleTag] = []
        for prepared, article, page in zip(batch, articles, pages, strict=True):
            article.pk = article.id = article.page_ptr_id = page.pk
            article.translation_key = page.translation_key
            item = prepared.entry.item
            mine = [ArticleAuthor(article_id=page.pk, author=authors[name], sort_order=i)
                    for i, name in enumerate(dict.fromkeys(item.parsed.byline))]
            mine_tags = [ArticleTag(content_object_id=page.pk, tag=tags[name]) for name in dict.fromkeys(item.tags)]
            links.extend(mine)
            tagged.extend(mine_tags)
            set_relations_in_memory(article, authors=mine, tags=mine_tags)
        insert_rows(ArticlePage, articles)
        ArticleAuthor.objects.bulk_create(links)
        ArticleTag.objects.bulk_create(tagged)
        revisions = [
            Revision(content_type=self._article_type, base_content_type=self._page_type, object_id=str(a.pk),
                     created_at=now, user=self.importer, content=a.serializable_data(), object_str=a.title)
            for a in articles
        ]
        Revision.objects.bulk_create(revisions)
        for page, article, revision in zip(pages, articles, revisions, strict=True):
            page.latest_revision_id = article.latest_revision_id = revision.pk
            page.live_revision_id = article.live_revision_id = revision.pk if article.live else None
        point_to_revisions(pages)
        logs = []
        for article, revision in zip(articles, revisions, strict=True):
            actions = ("wagtail.create", "wagtail.publish") if article.live else ("wagtail.create",)
            logs.extend(PageLogEntry(content_type=self._article_type, label=article.title, action=action, data={},
                                     timestamp=now, user=self.importer, page_id=article.pk, revision=revision,
                                     content_changed=True) for action in actions)
        PageLogEntry.objects.bulk_create(logs)
        ImportRecord.objects.bulk_create([
            ImportRecord(source_key=p.entry.item.key, kind=p.entry.item.kind, article_id=a.pk,
                         source_url=p.entry.item.source_url[:2000], file_name=p.entry.item.file_name[:500],
                         content_hash=p.digest, revision=r, imported_by=self.importer)
            for p, a, r in zip(batch, articles, revisions, strict=True)
        ])
        self._redirects([(p.entry.item.source_url, a) for p, a in zip(batch, articles, strict=True)
                         if p.entry.item.source_url])
        # The legal deposit of what goes live (docs/record.md): requests in this transaction, records written
        # by the deposit's periodic retry, not one capture per story inside the import.
        request_deposits(pages=articles, reason=DepositReason.PUBLISH, actor_id=getattr(self.importer, "pk", None),
                         note="toasoan import")
        self._side_work(articles, index_ids=[], extractions=extractions,
                        search={a.pk: p.entry.ahead.search for p, a in zip(batch, articles, strict=True)
                                if p.entry.ahead is not None})
        return [ImportResult(article, Outcome.CREATED, warnings=tuple(p.warnings))
                for p, article in zip(batch, articles, strict=True)]

    def _side_work(self, articles: list[ArticlePage], *, index_ids: list[int], extractions=None,
                   search: dict[int, Prepared | None] | None = None) -> None:
        """Search index, entity suggestions and reference index for written stories, as one batch each
        (``extractions`` and ``search``: what the reading process made, see :meth:`_extractions_for`)."""
        from wagtail.models import ReferenceIndex

        from toasoan.entities.services import extract_many
        from toasoan.search.backends import get_backend
        from toasoan.search.services import index_article, is_indexable, row_for

        for article_id in index_ids:  # re-imported stories: their live state decides
            index_article(article_id=article_id)
        if not index_ids:
            indexable = [article for article in articles if is_indexable(article)]
            ready = [(search or {}).get(article.pk) for article in indexable]
            get_backend().write_new([row_for(article, body=done.row.body if done is not None else None)
                                     for article, done in zip(indexable, ready, strict=True)], ready=ready)
        extract_many(articles=articles, auto_confirm=self.confirm_entities,
                     extractions=extractions() if extractions is not None else None)
        for article in articles:
            if article.cover_image_id is not None:  # what uses an image, for the image library
                ReferenceIndex.create_or_update_for_object(article)

    @staticmethod
    def _extractions_for(batch: list[_Prepared]):
        """What was read ahead for the batch (see :mod:`toasoan.importer.pipeline`), as :meth:`_side_work` takes it;
        None (read here) when a story of the batch was not read ahead."""
        found = [prepared.entry.ahead for prepared in batch]
        if any(ahead is None or not ahead.extracted for ahead in found):
            return None
        return lambda: [ahead.extraction for ahead in found]

    # --- lookups, cached for the run ---------------------------------------------------------------------
    def _section_for(self, item: ImportItem) -> SectionPage:
        key = None if self.section is not None else item.section
        if key not in self._sections:
            if self.section is not None:
                self._sections[key] = self.section
            elif key is None:
                self._sections[key] = default_import_section()
            else:
                self._sections[key] = ensure_section(title=key[0], slug=key[1])
        return self._sections[key]

    def _authors_for(self, names: set[str]) -> dict[str, Author]:
        missing = names - self._authors.keys()
        for author in Author.objects.filter(name__in=missing).order_by("-pk"):
            self._authors[author.name] = author  # the oldest last: the same one import_item picks
        for name in sorted(missing - self._authors.keys()):
            author = Author(name=name)
            author.save()
            self._authors[name] = author
        return self._authors

    def _tags_for(self, names: set[str]) -> dict[str, NewsTag]:
        missing = names - self._tags.keys()
        for tag in NewsTag.objects.filter(name__in=missing):
            self._tags[tag.name] = tag
        for name in sorted(missing - self._tags.keys()):
            tag = NewsTag(name=name)
            tag.save()
            self._tags[name] = tag
        return self._tags

    def _slugs(self, parent, titles: dict[int, str]) -> dict[int, str]:
        """Vietnamese slugs unique among the section's children (as ``server_slug`` gives one by one)."""
        from wagtail.models import Page

        wanted = {index: slugify_vi(title, max_length=SLUG_MAX_LENGTH) or "bai-viet" for index, title in titles.items()}
        siblings = Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
        taken = set(siblings.filter(slug__in=set(wanted.values())).values_list("slug", flat=True))
        result: dict[int, str] = {}
        for index, slug in wanted.items():
            candidate, n = slug, 1
            if candidate in taken:
                taken.update(siblings.filter(slug__startswith=f"{slug}-").values_list("slug", flat=True))
            while candidate in taken:
                n += 1
                candidate = f"{slug}-{n}"
            taken.add(candidate)
            result[index] = candidate
        return result

    def _redirects(self, pairs: list[tuple[str, ArticlePage]]) -> None:
        from wagtail.contrib.redirects.models import Redirect

        wanted: dict[str, ArticlePage] = {}
        for url, article in pairs:
            old_path = Redirect.normalise_path(url)[:255]
            if old_path not in ("", "/") and old_path != article.canonical_path():
                wanted[old_path] = article
        if not wanted:
            return
        existing = {r.old_path: r for r in Redirect.objects.filter(site=None, old_path__in=wanted)}
        for old_path, redirect in existing.items():
            redirect.redirect_page, redirect.redirect_link, redirect.is_permanent = wanted[old_path], "", True
        Redirect.objects.bulk_update(list(existing.values()), ["redirect_page", "redirect_link", "is_permanent"])
        Redirect.objects.bulk_create([Redirect(old_path=old_path, site=None, redirect_page=article, is_permanent=True)
                                      for old_path, article in wanted.items() if old_path not in existing])


def story_body(*, item: ImportItem, images: dict[str, int], paragraphs: tuple[str, ...] | None = None) -> list[dict]:
    """The StreamField data an imported story is stored with: its blocks, paragraphs sanitised as the editor's
    (``paragraphs``: the same paragraphs sanitised already, in order, by the reading process)."""
    body = body_stream_data(parsed=item.parsed, source_key=item.key, images=images)
    done = iter(paragraphs) if paragraphs is not None else None
    for block in body:
        if block["type"] == "paragraph":
            block["value"] = next(done) if done is not None else sanitize_stored_richtext(block["value"])
    return body


def _failure(exc: Exception) -> str:
    if isinstance(exc, ImportPermissionError | ImportTooLargeError):
        return str(exc)
    return _("không lưu được bài (%(error)s: %(detail)s)") % {"error": type(exc).__name__, "detail": exc}

